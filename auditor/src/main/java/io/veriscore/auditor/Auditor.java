package io.veriscore.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.transparency.LogAudit;
import io.veriscore.transparency.VerifyingKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar veriscore-auditor.jar --export log.jsonl --keys keys.json [--circuit DIR ... --python PYTHON]} */
@Command(name = "veriscore-auditor", mixinStandardHelpOptions = true, version = "veriscore-auditor 0.1.0",
        description = "Checks an export of Veriscore's transparency log (GET /v1/audit/export) against the published"
                + " keys (GET /v1/keys), without access to the service. Exit code 0: consistent; 1: findings; 2: usage.")
public final class Auditor implements Callable<Integer> {

    @Option(names = "--export", required = true, description = "the JSON Lines export of the log")
    Path export;

    @Option(names = "--keys", required = true, description = "the published keys, as GET /v1/keys answers")
    Path keys;

    @Option(names = "--circuit", description = "a model's circuit (settings.json, vk.key, kzg.srs from"
            + " GET /v1/models/{id}/circuit/...; for batch proofs also ...?profile=batch): check exported proofs with"
            + " EZKL. Repeat it for each circuit; each proof is checked against the one its record names")
    List<Path> circuits;

    @Option(names = "--python", defaultValue = "python3", description = "Python with the ezkl package (default: ${DEFAULT-VALUE})")
    Path python;

    @Spec
    CommandSpec spec;

    public static void main(String... args) {
        System.exit(new CommandLine(new Auditor()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        KitFiles.requireFile(spec, export, "--export");
        KitFiles.requireFile(spec, keys, "--keys");
        if (circuits != null) {
            circuits.forEach(directory -> KitFiles.requireCircuit(spec, directory, "--circuit"));
        }
        PrintWriter out = spec.commandLine().getOut();
        Optional<LogAudit.ProofChecker> proofs = Optional.ofNullable(circuits).filter(dirs -> !dirs.isEmpty())
                .map(dirs -> new ProofCheck(python, dirs, createWork()));
        LogAudit.Report report;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            report = new LogAudit(readKeys(keys), proofs).check(reader);
        }
        report.findings().forEach(finding -> out.println("FINDING " + finding));
        out.printf("%d entries, %d tree heads, %d proofs checked: %s%n", report.entries(), report.treeHeads(), report.proofs(),
                report.consistent() ? "consistent" : report.findings().size() + " findings");
        out.flush();
        return report.consistent() ? 0 : 1;
    }

    /** Reads GET /v1/keys: each key's id must be the SHA-256 of the key itself. */
    public static Map<String, VerifyingKey> readKeys(Path file) throws IOException {
        Map<String, VerifyingKey> keys = new HashMap<>();
        for (JsonNode jwk : new ObjectMapper().readTree(file.toFile()).path("keys")) {
            VerifyingKey key = VerifyingKey.fromJwkX(jwk.path("x").asText());
            if (!key.keyId().equals(jwk.path("kid").asText())) {
                throw new IllegalArgumentException("key " + jwk.path("kid").asText() + " is not the SHA-256 of its own key");
            }
            keys.put(key.keyId(), key);
        }
        return keys;
    }

    private static Path createWork() {
        try {
            return Files.createTempDirectory("veriscore-auditor");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
