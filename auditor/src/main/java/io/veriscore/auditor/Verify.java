package io.veriscore.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.contracts.ResultIds;
import io.veriscore.contracts.generated.ScoreRegistry;
import io.veriscore.zk.BatchProof;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.EzklProver;
import io.veriscore.zk.Proof;
import io.veriscore.zk.Salt;
import io.veriscore.zk.Statement;
import io.veriscore.zk.Verification;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple5;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The third-party verification kit: checks one proven score from what the service hands out and public data only, one
 * line per check. {@code java -cp veriscore-auditor.jar io.veriscore.auditor.Verify --proof proof.json --circuit DIR
 * [--features f1,...,fn --salt HEX] [--rpc-url URL --registry 0x...] [--records records.json --rpc-url URL]}.
 */
@Command(name = "veriscore-verify", mixinStandardHelpOptions = true, version = "veriscore-verify 0.1.0",
        description = "Checks a Veriscore proof with EZKL against the circuit's verifying key, recomputes what it states"
                + " (the commitment, from the features and salt; the score, from the public logit; the label, from its"
                + " sign) and reads the result's record from the ScoreRegistry on-chain; checks a result's signed log"
                + " records against the log's tree head anchored on-chain. Exit code 0: every check passed; 1: one"
                + " failed; 2: usage.")
public final class Verify implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SCORE_TOLERANCE = 1e-9;

    @Option(names = "--proof", description = "GET /v1/inferences/{id}/proof as saved, or an EZKL proof file")
    Path proofFile;

    @Option(names = "--circuit", description = "with --proof: the circuit's files (settings.json, vk.key, kzg.srs) from"
            + " GET /v1/models/{id}/circuit/...; for a batch proof those of ?profile=batch")
    Path circuitDirectory;

    @Option(names = "--python", defaultValue = "python3", description = "Python with the ezkl package (default: ${DEFAULT-VALUE})")
    Path python;

    @Option(names = "--features", split = ",", description = "the input's features, in the model's input order: recompute the"
            + " commitment")
    List<Double> features;

    @Option(names = "--salt", description = "the salt committed with the input (default: the proof answer's secret.salt)")
    String salt;

    @Option(names = "--row", description = "for a batch proof file: the row to check (default: the proof answer's batch.row)")
    Integer row;

    @Option(names = "--labels", split = ",", description = "the model's labels for a negative and a non-negative logit"
            + " (GET /v1/models/{id}/circuit: labels), e.g. healthy,stressed: check the answer's label")
    List<String> labels;

    @Option(names = "--rpc-url", description = "JSON-RPC URL of the chain: check the result's record in the ScoreRegistry")
    String rpcUrl;

    @Option(names = "--registry", description = "the ScoreRegistry's address (GET /v1/chain: contracts.scoreRegistry)")
    String registry;

    @Option(names = "--result", description = "the result's id (default: the proof answer's inferenceId)")
    UUID result;

    @Option(names = "--records", description = "GET /v1/audit/records/{id} as saved: with --rpc-url, check that each"
            + " record is in the log's tree head anchored on-chain (inclusion, consistency, the root the registry holds)")
    Path recordsFile;

    @Option(names = "--json", description = "print the checks as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One check: its name, whether it passed, and what was found. */
    record Check(String name, boolean passed, String detail) {}

    public static void main(String... args) {
        System.exit(new CommandLine(new Verify()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (proofFile == null && recordsFile == null || proofFile != null && circuitDirectory == null
                || recordsFile != null && rpcUrl == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --proof with --circuit, or --records with --rpc-url, or both");
        }
        KitFiles.requireFile(spec, proofFile, "--proof");
        KitFiles.requireCircuit(spec, circuitDirectory, "--circuit");
        KitFiles.requireFile(spec, recordsFile, "--records");
        List<Check> checks = proofFile == null ? new ArrayList<>() : proofChecks();
        if (recordsFile != null) {
            checks.addAll(AnchorCheck.check(JSON.readTree(recordsFile.toFile()), rpcUrl, registry));
        }
        return report(checks);
    }

    private List<Check> proofChecks() throws Exception {
        JsonNode file = JSON.readTree(proofFile.toFile());
        boolean answer = file.has("status") && file.has("proof"); // the service's answer, not a bare EZKL file
        List<Check> checks = new ArrayList<>();
        if (answer && !"proven".equals(file.path("status").asText())) {
            checks.add(new Check("proven", false, "the answer's status is " + file.path("status").asText() + ", not proven"));
            return checks;
        }
        String proofJson = JSON.writeValueAsString(answer ? file.path("proof") : file);
        Path work = Files.createTempDirectory("veriscore-verify");
        try (EzklProver ezkl = new EzklProver(python, work, Duration.ofMinutes(5), Duration.ofMinutes(2))) {
            Circuit circuit = Circuit.published(circuitDirectory, ezkl.version());
            Verification verification = ezkl.verify(circuit, proofJson);
            checks.add(new Check("ezkl", verification.valid(), verification.valid()
                    ? "EZKL " + ezkl.version() + " accepts the proof under verifying key " + circuit.verifyingKeySha256()
                    : "EZKL rejects the proof: " + verification.reason()));
            Statement statement = statement(file, answer, proofJson, circuit);
            checks.add(statementCheck(file, answer, statement));
            if (features != null) {
                checks.add(commitmentCheck(file, ezkl, circuit, statement));
            }
            if (rpcUrl != null && (registry != null || recordsFile == null)) {
                checks.add(onchainCheck(file, answer, circuit, statement));
            }
        }
        return checks;
    }

    private Statement statement(JsonNode file, boolean answer, String proofJson, Circuit circuit) {
        if (circuit.rows() == 1) {
            return Proof.parse(proofJson, circuit).statement();
        }
        int chosen = row != null ? row : file.path("batch").path("row").asInt(-1);
        if (chosen < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a batch proof file needs --row");
        }
        return BatchProof.parse(proofJson, circuit).rows().get(chosen);
    }

    /**
     * The service's answer against the proof: every field of its statement (commitment, output instance, logit, score,
     * score100 and, with {@code --labels}, the label) must be what the proof states or what follows from it.
     */
    private Check statementCheck(JsonNode file, boolean answer, Statement statement) {
        String states = "commitment %s, logit %.6f, score %.6f (its sigmoid), %s (its sign)".formatted(statement.inputCommitment(),
                statement.logit(), statement.score(), statement.positive() ? "positive" : "negative");
        if (!answer) {
            return new Check("statement", true, states);
        }
        JsonNode claimed = file.path("statement");
        List<String> differ = new ArrayList<>();
        if (!claimed.path("inputCommitment").asText().equals(statement.inputCommitment())) {
            differ.add("inputCommitment");
        }
        if (!claimed.path("outputInstance").asText().equals(statement.outputInstance())) {
            differ.add("outputInstance");
        }
        if (claimed.has("logit") && !(Math.abs(claimed.path("logit").asDouble() - statement.logit()) < SCORE_TOLERANCE)) {
            differ.add("logit");
        }
        if (!(Math.abs(claimed.path("score").asDouble(Double.NaN) - statement.score()) < SCORE_TOLERANCE)) {
            differ.add("score");
        }
        if (claimed.path("score100").asDouble(Double.NaN) != Math.round(statement.score() * 1000) / 10.0) {
            differ.add("score100");
        }
        String label = claimed.path("label").asText();
        if (labels != null && !label.equals(labels.get(statement.positive() ? 1 : 0))) {
            differ.add("label");
        }
        String labelChecked = labels != null ? "label " + label + " (checked against --labels)"
                : "label " + label + " (not checked: give --labels from GET /v1/models/{id}/circuit)";
        return new Check("statement", differ.isEmpty(), differ.isEmpty() ? states + "; the service's answer states the same, "
                + labelChecked : "the service's answer states otherwise (" + String.join(", ", differ) + "): " + claimed
                + "; the proof states " + states);
    }

    private Check commitmentCheck(JsonNode file, EzklProver ezkl, Circuit circuit, Statement statement) {
        String hex = salt != null ? salt : file.path("secret").path("salt").asText(null);
        if (hex == null) {
            return new Check("commitment", false, "--features needs --salt (the answer has no secret.salt)");
        }
        String recomputed = ezkl.commitment(circuit, features, new Salt(hex));
        boolean same = recomputed.equals(statement.inputCommitment());
        return new Check("commitment", same, same ? "Poseidon(features, salt) is the proof's commitment"
                : "Poseidon(features, salt) is " + recomputed + ", not the proof's " + statement.inputCommitment());
    }

    private Check onchainCheck(JsonNode file, boolean answer, Circuit circuit, Statement statement) throws Exception {
        UUID id = result != null ? result : answer ? UUID.fromString(file.path("inferenceId").asText()) : null;
        if (id == null || registry == null) {
            return new Check("onchain", false, "--rpc-url needs --registry, and --result for a bare proof file");
        }
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            ScoreRegistry scores = ScoreRegistry.load(registry, web3j, new ReadonlyTransactionManager(web3j, registry),
                    new DefaultGasProvider());
            Tuple5<byte[], BigInteger, BigInteger, Boolean, BigInteger> recorded = scores.scores(ResultIds.of(id)).send();
            if (recorded.component5().signum() == 0) {
                return new Check("onchain", false, "the registry " + registry + " has no record of result " + id);
            }
            String recordedKey = HexFormat.of().formatHex(recorded.component1());
            boolean same = recorded.component2().equals(statement.instances().get(0))
                    && recorded.component3().equals(statement.quantizedLogit())
                    && recorded.component4() == statement.positive();
            // A fast proof is recorded as the same statement proven again with the onchain profile: another verifying
            // key of the model, which the registry's owner registered and whose verifier checked that proof.
            String how = recordedKey.equals(circuit.verifyingKeySha256()) ? "this verifying key"
                    : "the onchain-profile verifying key " + recordedKey + " (the same statement proven again for the chain)";
            return new Check("onchain", same, same ? "recorded in block " + recorded.component5() + " with this commitment,"
                    + " logit and " + how : "the registry's record differs: verifying key "
                    + HexFormat.of().formatHex(recorded.component1()) + ", commitment " + recorded.component2() + ", logit "
                    + recorded.component3() + ", positive " + recorded.component4());
        } finally {
            web3j.shutdown();
        }
    }

    private int report(List<Check> checks) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean passed = checks.stream().allMatch(Check::passed);
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("valid", passed);
            report.put("checks", checks);
            out.println(JSON.writeValueAsString(report));
        } else {
            checks.forEach(check -> out.printf("%s %-10s %s%n", check.passed() ? "PASS" : "FAIL", check.name(), check.detail()));
            out.println(passed ? "verified" : "NOT verified");
        }
        out.flush();
        return passed ? 0 : 1;
    }
}
