package io.veriscore.app;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import io.veriscore.app.testing.PackagedService;
import io.veriscore.app.testing.Proofs;
import io.veriscore.contracts.DevChain;
import io.veriscore.db.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * The packaged service as separate processes on one database: killed (SIGKILL, prover and all) in the middle
 * of a proof and started again, it resumes the job and completes the proof; two instances at once share the
 * queue of proof jobs; restarted with a new signing key, it keeps the old key published and the log verifiable; killed
 * in the middle of an on-chain submission, it sends no second transaction after the restart.
 */
public class ServiceProcessesIT {

    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration CIRCUIT = Duration.ofMinutes(4);
    private static final String KEYSTORE_PASSWORD = "it-keystore-password";

    private EmbeddedPostgres database;
    private final List<Process> apps = new ArrayList<>();

    @BeforeEach
    void startDatabase() throws IOException {
        database = EmbeddedPostgres.startTemporary();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process app : apps) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                kill(app);
            }
        }
        database.close();
    }

    @Test
    void aJobInterruptedByACrashCompletesAfterTheRestart() throws Exception {
        int firstPort = PackagedService.freePort();
        // A proof takes about half a second: the first service's EZKL worker is held up long enough to be cut short.
        Path slowPython = Path.of("target/it-slow-python.sh").toAbsolutePath();
        Files.writeString(slowPython, "#!/bin/sh\n[ \"$2\" = serve ] && sleep 60\nexec " + ProofApiTest.python() + " \"$@\"\n");
        slowPython.toFile().setExecutable(true);
        Process first = start(firstPort, "first", "-Dveriscore.prover.python=" + slowPython);
        RequestSpecification api = await(first, firstPort, "/v1/models/stress-mlp/circuit", CIRCUIT);
        String id = api.contentType("application/json").body(ProofApiTest.proveOne(Inputs.TIRED))
                .post("/v1/inferences").then().statusCode(202).extract().path("id");
        Proofs.poll(() -> http(firstPort).get("/v1/inferences/{id}/proof", id).then().extract().jsonPath(),
                proof -> proof.getString("status").equals("proving"), Duration.ofSeconds(60));
        kill(first);

        int secondPort = PackagedService.freePort();
        await(start(secondPort, "second"), secondPort, "/q/health/ready", START);
        JsonPath proof = Proofs.poll(() -> http(secondPort).get("/v1/inferences/{id}/proof", id).then().extract().jsonPath(),
                p -> p.getString("status").equals("proven"), Duration.ofMinutes(2));
        assertEquals(2, startedAttempts(id), "one attempt cut short by the crash, one after the restart");
        String verify = "{\"model\": \"stress-mlp\", \"proof\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(proof.getMap("proof")) + "}";
        http(secondPort).urlEncodingEnabled(false).contentType("application/json").body(verify).post("/v1/proofs:verify")
                .then().statusCode(200).body("valid", is(true));
    }

    /**
     * Production-style chain settings (an external node, an encrypted keystore). The service is killed while its
     * submission is sent but not mined; after the restart it finds the stored transaction and its receipt: one
     * transaction, recorded once.
     */
    @Test
    void anOnchainSubmissionInterruptedByACrashIsNotSentTwice() throws Exception {
        try (DevChain node = DevChain.start(Path.of("..", "contracts").toAbsolutePath(), Optional.empty(), START)) {
            Path keystoreDir = Files.createTempDirectory(Path.of("target"), "keystore");
            Credentials account = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
            String keystore = WalletUtils.generateWalletFile(KEYSTORE_PASSWORD, account.getEcKeyPair(), keystoreDir.toFile(), false);
            String[] chain = {"-Dveriscore.chain.enabled=true", "-Dveriscore.chain.rpc-url=" + node.rpcUrl(),
                    "-Dveriscore.chain.chain-id=" + DevChain.CHAIN_ID, "-Dveriscore.chain.receipt-timeout=PT2S",
                    "-Dveriscore.chain.retry-backoff=PT0.5S", "-Dveriscore.chain.keystore=" + keystoreDir.resolve(keystore),
                    "-Dveriscore.chain.anchor-interval=PT0S"}; // the account's transactions are counted: no tree head anchors

            int firstPort = PackagedService.freePort();
            Process first = start(firstPort, "chain-first", chain);
            await(first, firstPort, "/v1/models/stress-mlp/circuit", CIRCUIT);
            http(firstPort).get("/v1/chain").then().statusCode(200).body("account", is(account.getAddress()))
                    .body("network.development", is(false));
            // A first submission deploys the contracts and registers the model.
            String earlier = provenResult(firstPort, Inputs.TIRED);
            http(firstPort).post("/v1/inferences/{id}/onchain", earlier).then().statusCode(202);
            Proofs.poll(() -> http(firstPort).get("/v1/inferences/{id}/onchain", earlier).then().extract().jsonPath(),
                    s -> s.getString("status").equals("mined"), Duration.ofMinutes(1));
            String id = provenResult(firstPort, Inputs.RESTED);

            HttpService rpc = new HttpService(node.rpcUrl());
            Web3j web3j = Web3j.build(rpc);
            BigInteger sentBefore = web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
            hardhat(rpc, "evm_setAutomine", false);
            http(firstPort).post("/v1/inferences/{id}/onchain", id).then().statusCode(202);
            Proofs.poll(() -> http(firstPort).get("/v1/inferences/{id}/onchain", id).then().extract().jsonPath(),
                    s -> s.getString("status").equals("retrying"), Duration.ofMinutes(1)); // sent, not mined
            kill(first);
            hardhat(rpc, "evm_setAutomine", true);
            hardhat(rpc, "evm_mine");

            int secondPort = PackagedService.freePort();
            await(start(secondPort, "chain-second", chain), secondPort, "/q/health/ready", START);
            JsonPath mined = Proofs.poll(() -> http(secondPort).get("/v1/inferences/{id}/onchain", id).then().extract().jsonPath(),
                    s -> s.getString("status").equals("mined"), Duration.ofMinutes(2));
            BigInteger sentAfter = web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
            assertEquals(BigInteger.ONE, sentAfter.subtract(sentBefore), "one transaction for the interrupted submission");
            assertEquals(1, web3j.ethGetTransactionReceipt(mined.getString("txHash")).send().getTransactionReceipt().orElseThrow()
                    .getLogs().size(), "its ScoreRecorded event");
            web3j.shutdown();
        }
    }

    /**
     * The development chain keeps its state and its identity: a result recorded on it is still recorded, and readable
     * on the chain, after the service is killed or stopped and started again, any number of times, with no second
     * deployment (Anvil's block 0 used to change between restarts, which made the service deploy again). A second
     * instance on the same state is refused. When the chain is genuinely replaced (its state gone), the record says
     * so, and submitting again records the result on the new chain without a key collision.
     */
    @Test
    void theDevelopmentChainSurvivesRestartsAndAReplacedOneIsToldApart() throws Exception {
        Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dev-chain").resolve("state.json");
        String[] chain = {"-Dveriscore.chain.enabled=true", "-Dveriscore.chain.dev-node-directory=../contracts",
                "-Dveriscore.chain.dev-state-file=" + state};
        int firstPort = PackagedService.freePort();
        Process first = start(firstPort, "devchain-first", chain);
        await(first, firstPort, "/v1/models/stress-mlp/circuit", CIRCUIT);
        String id = provenResult(firstPort, Inputs.TIRED);
        http(firstPort).post("/v1/inferences/{id}/onchain", id).then().statusCode(202);
        JsonPath mined = Proofs.poll(() -> http(firstPort).get("/v1/inferences/{id}/onchain", id).then().extract().jsonPath(),
                s -> s.getString("status").equals("mined"), Duration.ofMinutes(1));
        stopWithItsChain(first, "devchain-first", true); // SIGKILL of the service alone: its chain is told through the pipe

        List<String> batched = new ArrayList<>();
        for (int restart = 1; restart <= 3; restart++) {
            String name = "devchain-restart-" + restart;
            int port = PackagedService.freePort();
            // The second start holds record requests for their batch (an hour's window) and is killed with them waiting;
            // the third forms their batch at once from what the database kept.
            String[] batching = switch (restart) {
                case 2 -> new String[] {"-Dveriscore.chain.batch-window=PT1H", "-Dveriscore.chain.batch-min=2"};
                case 3 -> new String[] {"-Dveriscore.chain.batch-window=PT1S", "-Dveriscore.chain.batch-min=2"};
                default -> new String[0];
            };
            Process again = start(port, name, java.util.stream.Stream.concat(Arrays.stream(chain), Arrays.stream(batching))
                    .toArray(String[]::new));
            await(again, port, "/v1/chain", START);
            http(port).get("/v1/inferences/{id}/onchain", id).then().statusCode(200).body("status", is("mined"))
                    .body("txHash", is(mined.getString("txHash"))).body("registry", is(mined.getString("registry")))
                    .body("chainReplaced", org.hamcrest.Matchers.nullValue());
            http(port).post("/v1/inferences/{id}/onchain", id).then().statusCode(202).body("status", is("mined"))
                    .body("txHash", is(mined.getString("txHash")));
            String rpcUrl = http(port).get("/v1/chain").then().extract().path("network.rpcUrl");
            Web3j web3j = Web3j.build(new HttpService(rpcUrl));
            assertEquals("0x1", web3j.ethGetTransactionReceipt(mined.getString("txHash")).send().getTransactionReceipt()
                    .orElseThrow(() -> new AssertionError("the restarted chain lost the transaction")).getStatus());
            web3j.shutdown();
            if (restart == 1) {
                int rivalPort = PackagedService.freePort();
                Process rival = start(rivalPort, "devchain-rival", chain);
                await(rival, rivalPort, "/q/health/live", START);
                Proofs.poll(() -> http(rivalPort).get("/v1/chain").then().extract().response(), r -> r.statusCode() == 503
                        && r.asString().contains("in use by another running Veriscore instance"), Duration.ofMinutes(1));
                http(port).get("/v1/chain").then().statusCode(200); // the first one's chain still runs
                rival.destroy();
                rival.waitFor(30, TimeUnit.SECONDS);
            }
            if (restart == 2) {
                for (String input : List.of(Inputs.RESTED, Inputs.TIRED)) {
                    String waiting = provenResult(port, input);
                    http(port).post("/v1/inferences/{id}/onchain", waiting).then().statusCode(202).body("status", is("waiting"));
                    batched.add(waiting);
                }
            }
            if (restart == 3) {
                List<JsonPath> records = new ArrayList<>();
                for (String member : batched) {
                    records.add(Proofs.poll(() -> http(port).get("/v1/inferences/{id}/onchain", member).then().extract().jsonPath(),
                            s -> s.getString("status").equals("mined"), Duration.ofMinutes(2)));
                }
                assertEquals(records.get(0).getString("txHash"), records.get(1).getString("txHash"),
                        "the two requests that waited over the crash are recorded in one batch transaction: " + records);
                assertEquals("batch", records.get(0).getString("recordProof.profile"));
            }
            stopWithItsChain(again, name, restart % 2 == 0);
        }
        assertEquals(1, count("select count(*) from chain_deployment"), "one deployment over four starts");

        Files.delete(state); // the chain is gone: the next one has another genesis and other blocks
        int thirdPort = PackagedService.freePort();
        await(start(thirdPort, "devchain-third", chain), thirdPort, "/v1/chain", START);
        http(thirdPort).get("/v1/inferences/{id}/onchain", id).then().statusCode(200).body("status", is("mined"))
                .body("chainReplaced", is(true)).body("warning", org.hamcrest.Matchers.containsString("replaced"));
        http(thirdPort).post("/v1/inferences/{id}/onchain", id).then().statusCode(202);
        JsonPath again = Proofs.poll(() -> http(thirdPort).get("/v1/inferences/{id}/onchain", id).then().extract().jsonPath(),
                s -> s.getString("status").equals("mined") && s.get("chainReplaced") == null, Duration.ofMinutes(1));
        // The same proof (kept with the result's first submission), in a transaction of the new chain: its nonce and
        // addresses depend on what else the account sent there (tree head anchors), so it may or may not be the same bytes.
        assertEquals(mined.getString("recordProof.verifyingKeySha256"), again.getString("recordProof.verifyingKeySha256"));
        String rpcUrl = http(thirdPort).get("/v1/chain").then().extract().path("network.rpcUrl");
        Web3j newChain = Web3j.build(new HttpService(rpcUrl));
        try {
            assertTrue(newChain.ethGetTransactionReceipt(again.getString("txHash")).send().getTransactionReceipt().orElseThrow()
                    .isStatusOK(), "mined on the new chain");
        } finally {
            newChain.shutdown();
        }
        assertNotEquals(mined.getString("genesisHash"), again.getString("genesisHash"));
    }

    /**
     * One embedded database belongs to one running service: a second service started on the same data directory (a
     * second {@code ./veriscore run} in one checkout) is refused with a clear message and exits, and the first keeps
     * its database and answers writes (it used to have its database stopped under it).
     */
    @Test
    void aSecondInstanceOnTheSameEmbeddedDatabaseIsRefused() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "embedded-db");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        int firstPort = PackagedService.freePort();
        Process first = startEmbedded(firstPort, "embedded-first", dir.resolve("postgres"));
        await(first, firstPort, "/q/health/ready", START);
        int secondPort = PackagedService.freePort();
        Process second = startEmbedded(secondPort, "embedded-second", dir.resolve("postgres"));
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second instance exits");
        assertEquals(1, second.exitValue());
        String output = Files.readString(log("embedded-second"));
        assertTrue(output.contains("the embedded database (" + dir.resolve("postgres") + ") is in use by another running Veriscore"
                + " instance (pid " + first.pid() + ")"), output);
        http(firstPort).contentType("application/json").body("{\"model\": \"stress-mlp\", \"input\": " + Inputs.TIRED + "}")
                .post("/v1/inferences").then().statusCode(201);
        assertTrue(first.isAlive());
    }

    /**
     * Production mode starts only with every trust anchor of its own: a production-style configuration starts; the same
     * without the signing key file (a new one would change the log's identity), with private webhook targets allowed,
     * or on the embedded database (it trusts every local login) is refused, each with a message naming the setting.
     */
    @Test
    void productionModeRefusesDevelopmentDefaults() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "production");
        Path srs = Files.write(work.resolve("trusted.srs"), "a stand-in for a Powers of Tau file".getBytes());
        String srsSha256 = PackagedService.sha256("a stand-in for a Powers of Tau file");
        Path key = work.resolve("signing-key.pem");
        io.veriscore.transparency.SigningKey.generate(new java.security.SecureRandom()).save(key);
        List<String> production = List.of("-Dveriscore.mode=production", "-Dveriscore.prover.srs.path=" + srs,
                "-Dveriscore.prover.srs.allowed-sha256=" + srsSha256, "-Dveriscore.signing.key-file=" + key);

        int port = PackagedService.freePort();
        Process valid = start(port, "production-valid", production.toArray(String[]::new));
        await(valid, port, "/q/health/live", START);
        valid.destroy();
        valid.waitFor(30, TimeUnit.SECONDS);

        List<String> noKey = new ArrayList<>(production);
        noKey.set(3, "-Dveriscore.signing.key-file=" + work.resolve("missing.pem"));
        assertRefused(start(PackagedService.freePort(), "production-no-key", noKey.toArray(String[]::new)),
                "production-no-key", "needs an existing signing key");
        assertTrue(Files.notExists(work.resolve("missing.pem")), "no key was generated");

        List<String> privateTargets = new ArrayList<>(production);
        privateTargets.add("-Dveriscore.webhooks.allow-private-targets=true");
        assertRefused(start(PackagedService.freePort(), "production-private-webhooks", privateTargets.toArray(String[]::new)),
                "production-private-webhooks", "refuses veriscore.webhooks.allow-private-targets=true");

        List<String> embedded = new ArrayList<>(production);
        embedded.addAll(List.of("-Dveriscore.chain.enabled=false", "-Dveriscore.embedded-db.dir=" + work.resolve("postgres")));
        assertRefused(startEmbedded(PackagedService.freePort(), "production-embedded", work.resolve("postgres"),
                embedded.toArray(String[]::new)), "production-embedded", "needs a database of its own");
    }

    private static void assertRefused(Process service, String name, String reason) throws Exception {
        assertTrue(service.waitFor(2, TimeUnit.MINUTES), name + " exits");
        assertNotEquals(0, service.exitValue(), name);
        String output = Files.readString(log(name));
        assertTrue(output.contains(reason), name + ": " + output.substring(Math.max(0, output.length() - 3000)));
    }

    /** The packaged service with the embedded database on {@code dataDirectory}, as {@code ./veriscore run} starts it. */
    private Process startEmbedded(int port, String name, Path dataDirectory, String... options) throws IOException {
        List<String> all = new ArrayList<>(List.of("-Dveriscore.chain.enabled=false", "-Dveriscore.embedded-db.dir=" + dataDirectory));
        all.addAll(List.of(options));
        List<String> command = new ArrayList<>(PackagedService.command(port, database, "target/it-signing-key.pem", all.toArray(String[]::new)));
        command.removeIf(option -> option.startsWith("-Dquarkus.datasource.") || option.startsWith("-Dquarkus.flyway."));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
        apps.add(app);
        return app;
    }

    /** Stops the service (SIGKILL or SIGTERM) and waits until its development chain has written its state and ended. */
    private static void stopWithItsChain(Process service, String name, boolean kill) throws Exception {
        long anvil = devChainPid(name);
        if (kill) {
            service.destroyForcibly();
        } else {
            service.destroy();
        }
        service.waitFor(30, TimeUnit.SECONDS);
        ProcessHandle.of(anvil).ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }

    /** The development chain's process id, from the service's log line that announces it. */
    private static long devChainPid(String name) throws IOException {
        var pid = java.util.regex.Pattern.compile("Development chain: Anvil at \\S+ \\(pid (\\d+)");
        try (var lines = Files.lines(log(name))) {
            return lines.map(pid::matcher).filter(java.util.regex.Matcher::find).map(m -> Long.parseLong(m.group(1)))
                    .findFirst().orElseThrow(() -> new AssertionError("no development chain in " + log(name)));
        }
    }

    private static String provenResult(int port, String input) {
        String id = http(port).contentType("application/json").body(ProofApiTest.proveOne(input))
                .post("/v1/inferences").then().statusCode(202).extract().path("id");
        Proofs.poll(() -> http(port).get("/v1/inferences/{id}/proof", id).then().extract().jsonPath(),
                p -> p.getString("status").equals("proven"), Duration.ofMinutes(2));
        return id;
    }

    private static void hardhat(HttpService node, String method, Object... params) throws IOException {
        VoidResponse response = new Request<>(method, List.of(params), node, VoidResponse.class).send();
        if (response.hasError()) {
            fail(method + ": " + response.getError().getMessage());
        }
    }

    @Test
    void twoInstancesShareOneQueue() throws Exception {
        int firstPort = PackagedService.freePort();
        int secondPort = PackagedService.freePort();
        Process first = start(firstPort, "shared-first", "-Dveriscore.prover.concurrency=1");
        Process second = start(secondPort, "shared-second", "-Dveriscore.prover.concurrency=1");
        await(first, firstPort, "/v1/models/stress-mlp/circuit", CIRCUIT);
        await(second, secondPort, "/v1/models/stress-mlp/circuit", CIRCUIT);
        List<String> ids = new ArrayList<>();
        for (String input : List.of(Inputs.TIRED, Inputs.RESTED, Inputs.TIRED, Inputs.RESTED)) {
            ids.add(http(firstPort).contentType("application/json").body(ProofApiTest.proveOne(input))
                    .post("/v1/inferences").then().statusCode(202).extract().path("id"));
        }
        for (String id : ids) {
            Proofs.poll(() -> http(secondPort).get("/v1/inferences/{id}/proof", id).then().extract().jsonPath(),
                    p -> p.getString("status").equals("proven"), Duration.ofMinutes(2));
        }
        assertEquals(4, proved("shared-first") + proved("shared-second"));
        assertTrue(proved("shared-first") >= 1 && proved("shared-second") >= 1,
                "both instances take jobs from the one queue: " + proved("shared-first") + " and " + proved("shared-second"));
    }

    @Test
    void afterAKeyRotationOldRecordsStayVerifiable() throws Exception {
        Path keyA = Path.of("target", "it-key-a.pem");
        Path keyB = Path.of("target", "it-key-b.pem");
        Files.deleteIfExists(keyA);
        Files.deleteIfExists(keyB);
        int firstPort = PackagedService.freePort();
        Process first = start(firstPort, "key-a", "-Dveriscore.signing.key-file=" + keyA);
        await(first, firstPort, "/q/health/ready", START);
        String signedByA = scoreAndAwaitLeaf(firstPort);
        first.destroy(); // a clean stop this time
        first.waitFor(30, TimeUnit.SECONDS);

        int secondPort = PackagedService.freePort();
        await(start(secondPort, "key-b", "-Dveriscore.signing.key-file=" + keyB), secondPort, "/q/health/ready", START);
        String signedByB = scoreAndAwaitLeaf(secondPort);
        JsonPath keys = http(secondPort).get("/v1/keys").then().statusCode(200).extract().jsonPath();
        assertEquals(2, keys.getList("keys").size(), "the old key stays published");
        String current = keys.getString("keys.find { it.current }.kid");
        String keyIdA = asAuditor(secondPort).get("/v1/audit/records/{id}", signedByA).then().extract().path("entries[0].keyId");
        String keyIdB = asAuditor(secondPort).get("/v1/audit/records/{id}", signedByB).then().extract().path("entries[0].keyId");
        assertEquals(current, keyIdB);
        assertTrue(!keyIdA.equals(keyIdB) && keys.getList("keys.kid").contains(keyIdA));
        asAuditor(secondPort).post("/v1/audit/verify").then().statusCode(200).body("consistent", is(true));
    }

    /** Scores one input and waits until its signed record is a leaf of the tree. */
    private static String scoreAndAwaitLeaf(int port) {
        String id = http(port).contentType("application/json").body(Inputs.single(Inputs.TIRED))
                .post("/v1/inferences").then().statusCode(201).extract().path("id");
        Proofs.poll(() -> asAuditor(port).get("/v1/audit/records/{id}", id).then().extract().jsonPath(),
                records -> records.get("entries[0].leafIndex") != null, Duration.ofSeconds(30));
        return id;
    }

    private static long proved(String name) throws IOException {
        try (var lines = Files.lines(log(name))) {
            return lines.filter(line -> line.contains("ProofWorker") && line.contains("Proved ")).count();
        }
    }

    private static Path log(String name) {
        return Path.of("target", "it-" + name + ".log");
    }

    private Process start(int port, String name, String... options) throws Exception {
        List<String> defaults = List.of("-Dveriscore.jobs.heartbeat-interval=PT1S", "-Dveriscore.jobs.missed-heartbeats-limit=4",
                "-Dveriscore.chain.enabled=false");
        List<String> all = new ArrayList<>(defaults);
        all.addAll(List.of(options));
        List<String> command = PackagedService.command(port, database, "target/it-signing-key.pem", all.toArray(String[]::new));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile());
        builder.environment().put("VERISCORE_CHAIN_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        Process app = builder.start();
        apps.add(app);
        return app;
    }

    /** A crash: the service and its EZKL subprocess get SIGKILL, by process id. */
    private static void kill(Process app) throws InterruptedException {
        app.descendants().forEach(ProcessHandle::destroyForcibly);
        app.destroyForcibly();
        app.waitFor(30, TimeUnit.SECONDS);
    }

    private static RequestSpecification http(int port) {
        return Api.client().baseUri("http://127.0.0.1").port(port);
    }

    private static RequestSpecification asAuditor(int port) {
        return Api.auditor().baseUri("http://127.0.0.1").port(port);
    }

    private static RequestSpecification await(Process app, int port, String path, Duration timeout) {
        Proofs.poll(() -> {
            if (!app.isAlive()) {
                fail("the service exited with " + app.exitValue() + "; see target/it-*.log");
            }
            try {
                return http(port).get(path).statusCode();
            } catch (Exception e) { // not listening yet: RestAssured rethrows ConnectException unchecked
                return -1;
            }
        }, status -> status == 200, timeout);
        return http(port);
    }

    private int startedAttempts(String id) throws Exception {
        return count("select count(*) from proof_event where kind = 'STARTED' and inference_id = '" + id + "'");
    }

    private int count(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedPostgres.USER, "");
             ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
