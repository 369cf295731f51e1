package io.veriscore.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.contracts.generated.Halo2VerifierReusable;
import io.veriscore.contracts.generated.ScoreRegistry;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.BatchProof;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.CircuitSettings;
import io.veriscore.zk.CircuitStore;
import io.veriscore.zk.EzklProver;
import io.veriscore.zk.Proof;
import io.veriscore.zk.Salt;
import io.veriscore.zk.Srs;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.gas.StaticEIP1559GasProvider;

/**
 * The ScoreRegistry and EZKL's reusable Halo2 verifier on a real EVM (Anvil, enforcing EIP-170), checking
 * real EZKL proofs of the stress MLP's circuit, built as the service builds it.
 */
class ScoreRegistryTest {

    static final List<Double> TIRED = List.of(0.18, 0.19, 0.025, 8.0, 0.12, 0.05, 0.67);
    static final List<Double> RESTED = List.of(0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.34);
    static final List<Double> MIDDLING = List.of(0.26, 0.27, 0.035, 6.5, 0.08, 0.11, 0.5);
    static final Path CONTRACTS = Path.of(System.getProperty("veriscore.contracts.dir", "."));

    @TempDir
    static Path work;

    /** The circuits every module's tests share (the repository's target/), keyed by model, calibration and settings. */
    static final Path SHARED_CIRCUITS = Path.of("..", "target", "test-circuits");
    static EzklProver prover;
    static Circuit circuit;
    static DevChain node;
    static Web3j web3j;
    static Credentials owner;
    static StaticEIP1559GasProvider gas;
    static ScoreRegistry registry;
    static byte[] verifyingKey;
    static Halo2VerifierReusable verifier;
    static RawTransactionManager transactions;
    static List<byte[]> vka;
    static final RevertReasons REASONS = RevertReasons.scoreRegistry();

    @BeforeAll
    static void deploy() throws Exception {
        prover = new EzklProver(Path.of(System.getProperty("veriscore.zk.python")), work, Duration.ofMinutes(5), Duration.ofMinutes(2));
        circuit = stressMlpCircuit();
        node = DevChain.start(CONTRACTS, Optional.empty(), Duration.ofMinutes(1));
        web3j = Web3j.build(new HttpService(node.rpcUrl()));
        owner = Credentials.create(DevChain.DEVELOPMENT_KEY);
        gas = new StaticEIP1559GasProvider(DevChain.CHAIN_ID, BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(15_000_000));
        // Anvil mines just after answering, so a receipt is rarely there at once: poll every 50 ms, not web3j's 15 s.
        transactions = new RawTransactionManager(web3j, owner, DevChain.CHAIN_ID,
                new PollingTransactionReceiptProcessor(web3j, 50, 400));

        verifier = Halo2VerifierReusable.deploy(web3j, transactions, gas).send();
        registry = ScoreRegistry.deploy(web3j, transactions, gas).send();
        verifyingKey = HexFormat.of().parseHex(circuit.verifyingKeySha256());
        vka = VerifyingKeyArtifact.read(prover.evmVerifyingKey(circuit));
        TransactionReceipt registered = registry.registerModel(verifyingKey, verifier.getContractAddress(), vka).send();

        System.out.printf("Figures: verifier %d bytes deployed (EIP-170 limit 24576), deployment gas %s; registry %d bytes, "
                        + "deployment gas %s; model registration gas %s%n",
                code(verifier.getContractAddress()), verifier.getTransactionReceipt().orElseThrow().getGasUsed(),
                code(registry.getContractAddress()), registry.getTransactionReceipt().orElseThrow().getGasUsed(),
                registered.getGasUsed());
    }

    @AfterAll
    static void stop() {
        if (web3j != null) {
            web3j.shutdown();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aStressedAndAHealthyScoreAreRecordedWithTheirLabelsAndReadBack() throws Exception {
        Proof proof = prover.prove(circuit, TIRED, Salt.random());
        byte[] resultId = resultId();
        TransactionReceipt receipt = registry.submit(resultId, verifyingKey, proof.transcript(), proof.instances()).send();
        assertTrue(receipt.isStatusOK());
        String verifyOnly = verifier.verifyProof(proof.transcript(), proof.instances(), vka).encodeFunctionCall();
        BigInteger verifierGas = web3j.ethEstimateGas(Transaction.createEthCallTransaction(owner.getAddress(),
                verifier.getContractAddress(), verifyOnly)).send().getAmountUsed();
        System.out.printf("Figures: gas per verified submission %s (proof transcript %d bytes); the verifier alone, called "
                + "directly with the VKA as calldata: %s%n", receipt.getGasUsed(), proof.transcript().length, verifierGas);

        List<ScoreRegistry.ScoreRecordedEventResponse> events = ScoreRegistry.getScoreRecordedEvents(receipt);
        assertEquals(1, events.size());
        ScoreRegistry.ScoreRecordedEventResponse event = events.get(0);
        assertArrayEquals(resultId, event.resultId);
        assertArrayEquals(verifyingKey, event.verifyingKey);
        assertEquals(proof.instances().get(0), event.inputCommitment);
        assertEquals(proof.logit(), event.logit.doubleValue() / Math.pow(2, circuit.outputScale()), 1e-12);
        assertTrue(proof.logit() > 0 && event.stressed, "Tired's logit is positive: stressed");

        var stored = registry.scores(resultId).send();
        assertArrayEquals(verifyingKey, stored.component1());
        assertEquals(proof.instances().get(0), stored.component2());
        assertEquals(event.logit, stored.component3());
        assertTrue(stored.component4());
        assertEquals(receipt.getBlockNumber(), stored.component5());

        Proof healthy = prover.prove(circuit, RESTED, Salt.random());
        byte[] healthyId = resultId();
        ScoreRegistry.ScoreRecordedEventResponse rested = ScoreRegistry.getScoreRecordedEvents(
                registry.submit(healthyId, verifyingKey, healthy.transcript(), healthy.instances()).send()).get(0);
        assertTrue(healthy.logit() < 0, "Rested's logit is negative: " + healthy.logit());
        assertTrue(healthy.instances().get(1).compareTo(Proof.FIELD_MODULUS.shiftRight(1)) > 0, "sent as the field element p - |z|");
        assertEquals(healthy.logit(), rested.logit.doubleValue() / Math.pow(2, circuit.outputScale()), 1e-12, "read back as signed");
        assertFalse(rested.stressed);
        assertFalse(registry.scores(healthyId).send().component4());
    }

    @Test
    void aTamperedProofIsRejectedOnChain() throws Exception {
        Proof proof = prover.prove(circuit, RESTED, Salt.random());
        byte[] transcript = proof.transcript();
        transcript[transcript.length / 2] ^= 1;
        TransactionReceipt receipt = send(registry.submit(resultId(), verifyingKey, transcript, proof.instances()).encodeFunctionCall());
        assertFalse(receipt.isStatusOK(), "the transaction is mined and reverts");
        assertEquals("InvalidProof()", revertOf(registry.submit(resultId(), verifyingKey, transcript, proof.instances()).encodeFunctionCall()));
    }

    @Test
    void aSwappedInstanceIsRejected() throws Exception {
        Proof tired = prover.prove(circuit, TIRED, Salt.random());
        Proof rested = prover.prove(circuit, RESTED, Salt.random());
        List<BigInteger> otherScore = List.of(tired.instances().get(0), rested.instances().get(1));
        List<BigInteger> otherInput = List.of(rested.instances().get(0), tired.instances().get(1));
        assertEquals("InvalidProof()", simulateSubmit(tired.transcript(), otherScore));
        assertEquals("InvalidProof()", simulateSubmit(tired.transcript(), otherInput));
        assertEquals("UnexpectedInstances(1)", simulateSubmit(tired.transcript(), List.of(tired.instances().get(1))));
        assertEquals("LogitOutOfRange(" + Proof.FIELD_MODULUS + ")",
                simulateSubmit(tired.transcript(), List.of(tired.instances().get(0), Proof.FIELD_MODULUS)));
    }

    @Test
    void aReplayIsRejected() throws Exception {
        Proof proof = prover.prove(circuit, MIDDLING, Salt.random());
        byte[] resultId = resultId();
        assertTrue(registry.submit(resultId, verifyingKey, proof.transcript(), proof.instances()).send().isStatusOK());

        String again = revertOf(registry.submit(resultId, verifyingKey, proof.transcript(), proof.instances()).encodeFunctionCall());
        assertEquals("ResultAlreadyRecorded(0x" + HexFormat.of().formatHex(resultId) + ")", again);
        String sameStatement = revertOf(registry.submit(resultId(), verifyingKey, proof.transcript(), proof.instances()).encodeFunctionCall());
        assertTrue(sameStatement.startsWith("StatementAlreadyRecorded(") && sameStatement.endsWith(HexFormat.of().formatHex(resultId) + ")"),
                sameStatement);
    }

    @Test
    void offChainAndOnChainVerificationAgree() throws Exception {
        List<Proof> candidates = new ArrayList<>();
        // inputs of this test only: a statement recorded by another test would be refused as a replay
        for (List<Double> features : List.of(withTimeOfDay(TIRED, 0.11), withTimeOfDay(RESTED, 0.22), withTimeOfDay(MIDDLING, 0.33))) {
            Proof valid = prover.prove(circuit, features, Salt.random());
            candidates.add(valid);
            candidates.add(Proof.parse(flipped(valid.json(), 7), circuit));
            candidates.add(Proof.parse(flipped(valid.json(), valid.transcript().length - 3), circuit));
        }
        int valid = 0;
        for (Proof candidate : candidates) {
            boolean offChain = prover.verify(circuit, candidate.json()).valid();
            String onChain = simulateSubmit(candidate.transcript(), candidate.instances());
            assertEquals(offChain, onChain.equals("accepted"), "off-chain " + offChain + ", on-chain " + onChain);
            valid += offChain ? 1 : 0;
        }
        assertEquals(3, valid);
    }

    @Test
    void onlyTheOwnerRegistersModels() throws Exception {
        String call = registry.registerModel(new byte[32], registry.getContractAddress(), List.of(new byte[32])).encodeFunctionCall();
        Credentials stranger = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        assertEquals("NotOwner()", revertOf(stranger.getAddress(), call));
        assertEquals("ModelAlreadyRegistered(0x" + HexFormat.of().formatHex(verifyingKey) + ")",
                revertOf(registry.registerModel(verifyingKey, registry.getContractAddress(), List.of(new byte[32])).encodeFunctionCall()));
    }

    /**
     * Statement squatting: another account sees the service's transaction in the mempool and sends the very same proof
     * first, under another result id. It is refused (only recorders record), and the service's own record lands. The
     * owner names another recorder (a second instance's account), which may then record, and retires it again.
     */
    @Test
    void onlyRecordersRecordSoNobodyRecordsTheServicesProofFirst() throws Exception {
        Credentials squatter = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        Proof proof = prover.prove(circuit, withTimeOfDay(TIRED, 0.44), Salt.random());
        String squatting = registry.submit(resultId(), verifyingKey, proof.transcript(), proof.instances()).encodeFunctionCall();
        assertEquals("NotRecorder(" + squatter.getAddress() + ")", revertOf(squatter.getAddress(), squatting));
        assertFalse(sendAs(squatter, squatting).isStatusOK(), "sent first, mined, and reverted");
        byte[] serviceId = resultId();
        assertTrue(registry.submit(serviceId, verifyingKey, proof.transcript(), proof.instances()).send().isStatusOK(),
                "the service's record still lands");
        assertArrayEquals(verifyingKey, registry.scores(serviceId).send().component1());
        String batch = registry.submitBatch(List.of(resultId()), verifyingKey, proof.transcript(), proof.instances()).encodeFunctionCall();
        assertEquals("NotRecorder(" + squatter.getAddress() + ")", revertOf(squatter.getAddress(), batch));

        String naming = registry.setRecorder(squatter.getAddress(), true).encodeFunctionCall();
        assertEquals("NotOwner()", revertOf(squatter.getAddress(), naming), "only the owner names recorders");
        assertTrue(registry.setRecorder(squatter.getAddress(), true).send().isStatusOK());
        Proof another = prover.prove(circuit, withTimeOfDay(RESTED, 0.44), Salt.random());
        String secondInstance = registry.submit(resultId(), verifyingKey, another.transcript(), another.instances()).encodeFunctionCall();
        assertTrue(sendAs(squatter, secondInstance).isStatusOK(), "a named recorder records");
        assertTrue(registry.setRecorder(squatter.getAddress(), false).send().isStatusOK());
        Proof third = prover.prove(circuit, withTimeOfDay(MIDDLING, 0.44), Salt.random());
        assertEquals("NotRecorder(" + squatter.getAddress() + ")", revertOf(squatter.getAddress(),
                registry.submit(resultId(), verifyingKey, third.transcript(), third.instances()).encodeFunctionCall()), "retired");
    }

    @Test
    void anOnchainProfileModelIsVerifiedByItsOwnSingleCircuitVerifier() throws Exception {
        Circuit onchain = stressMlpCircuit(CircuitSettings.onchain());
        Path source = work.resolve("OnchainVerifier.sol");
        prover.writeEvmCircuitVerifier(onchain, source);
        VerifierCompiler.Compiled compiled = VerifierCompiler.compile(CONTRACTS, source, Duration.ofMinutes(5));
        assertTrue(compiled.deployedBytes() <= VerifierCompiler.MAX_CODE_BYTES, compiled.deployedBytes() + " bytes");
        CircuitVerifier own = CircuitVerifier.deploy(web3j, transactions, gas, compiled);
        byte[] key = HexFormat.of().parseHex(onchain.verifyingKeySha256());
        registry.registerCircuitVerifier(key, own.getContractAddress()).send();
        assertEquals("ModelAlreadyRegistered(0x" + onchain.verifyingKeySha256() + ")",
                revertOf(registry.registerCircuitVerifier(key, own.getContractAddress()).encodeFunctionCall()));

        Proof healthy = prover.prove(onchain, RESTED, Salt.random());
        byte[] resultId = resultId();
        TransactionReceipt receipt = registry.submit(resultId, key, healthy.transcript(), healthy.instances()).send();
        assertTrue(receipt.isStatusOK());
        assertFalse(registry.scores(resultId).send().component4(), "Rested: healthy");
        System.out.printf("Figures: onchain profile: single-circuit verifier %d bytes deployed, deployment gas %s; gas per"
                        + " verified submission %s (proof transcript %d bytes)%n", compiled.deployedBytes(),
                own.getTransactionReceipt().orElseThrow().getGasUsed(), receipt.getGasUsed(), healthy.transcript().length);

        Proof other = prover.prove(onchain, TIRED, Salt.random());
        assertEquals("InvalidProof()", revertOf(registry.submit(resultId(), key, other.transcript(),
                List.of(other.instances().get(0), healthy.instances().get(1))).encodeFunctionCall()), "Tired's proof claiming Rested's logit");
        assertEquals("InvalidProof()", revertOf(registry.submit(resultId(), verifyingKey, other.transcript(), other.instances())
                .encodeFunctionCall()), "an onchain proof under the fast model's key");

        // The same input and salt proven in the fast circuit states the same (commitment, logit): one record, whatever circuit.
        Salt salt = Salt.random();
        Proof fast = prover.prove(circuit, withTimeOfDay(MIDDLING, 0.77), salt);
        Proof again = prover.prove(onchain, withTimeOfDay(MIDDLING, 0.77), salt);
        assertEquals(fast.instances(), again.instances(), "the same statement in both circuits");
        byte[] first = resultId();
        assertTrue(registry.submit(first, verifyingKey, fast.transcript(), fast.instances()).send().isStatusOK());
        String replay = revertOf(registry.submit(resultId(), key, again.transcript(), again.instances()).encodeFunctionCall());
        assertTrue(replay.startsWith("StatementAlreadyRecorded(") && replay.endsWith(HexFormat.of().formatHex(first) + ")"), replay);
    }

    @Test
    void aBatchIsRecordedRowByRowInOneTransactionAndCannotBeReplayed() throws Exception {
        Circuit batch = stressMlpCircuit(CircuitSettings.batch());
        Path shape = work.resolve("BatchVerifier.sol");
        prover.writeEvmVerifier(batch, shape);
        assertEquals(Files.readString(shape), new String(DevChain.class.getResourceAsStream("Halo2VerifierReusable.sol").readAllBytes()),
                "a batch circuit has the fast circuit's shape: the bundled reusable verifier checks its proofs");
        byte[] key = HexFormat.of().parseHex(batch.verifyingKeySha256());
        registry.registerModel(key, verifier.getContractAddress(), VerifyingKeyArtifact.read(prover.evmVerifyingKey(batch))).send();

        int results = CircuitSettings.BATCH_ROWS - 1; // and one filler row
        List<List<Double>> rows = new ArrayList<>();
        List<Salt> salts = new ArrayList<>();
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < results; i++) {
            rows.add(withTimeOfDay(i % 2 == 0 ? TIRED : RESTED, 0.05 * i));
            salts.add(Salt.random());
            ids.add(resultId());
        }
        long started = System.nanoTime();
        BatchProof proof = prover.proveBatch(batch, rows, salts);
        long proving = (System.nanoTime() - started) / 1_000_000;
        List<byte[]> withFiller = new ArrayList<>(ids);
        withFiller.add(new byte[32]);
        List<byte[]> twice = new ArrayList<>(withFiller);
        twice.set(1, twice.get(0));
        assertEquals("ResultAlreadyRecorded(0x" + HexFormat.of().formatHex(twice.get(0)) + ")",
                revertOf(registry.submitBatch(twice, key, proof.transcript(), proof.instances()).encodeFunctionCall()),
                "one result in two rows");
        List<BigInteger> traded = new ArrayList<>(proof.instances());
        traded.set(CircuitSettings.BATCH_ROWS, proof.instances().get(CircuitSettings.BATCH_ROWS + 1));
        traded.set(CircuitSettings.BATCH_ROWS + 1, proof.instances().get(CircuitSettings.BATCH_ROWS));
        assertEquals("InvalidProof()", revertOf(registry.submitBatch(withFiller, key, proof.transcript(), traded).encodeFunctionCall()),
                "rows cannot trade their logits");
        TransactionReceipt receipt = registry.submitBatch(withFiller, key, proof.transcript(), proof.instances()).send();
        assertTrue(receipt.isStatusOK());
        System.out.printf("Figures: batch of %d results and 1 filler row in one proof (transcript %d bytes, proven in %d ms): %s"
                        + " gas, %s per recorded score%n", results, proof.transcript().length, proving, receipt.getGasUsed(),
                receipt.getGasUsed().divide(BigInteger.valueOf(results)));
        for (String size : System.getProperty("veriscore.bench.batch-sizes", "").split(",")) {
            if (!size.isBlank()) {
                batchFigures(batch, key, Integer.parseInt(size.trim()));
            }
        }

        List<ScoreRegistry.ScoreRecordedEventResponse> events = ScoreRegistry.getScoreRecordedEvents(receipt);
        assertEquals(results, events.size(), "the filler row is not recorded");
        for (int i = 0; i < results; i++) {
            var stored = registry.scores(ids.get(i)).send();
            assertArrayEquals(key, stored.component1());
            assertEquals(proof.rows().get(i).instances().get(0), stored.component2(), "row " + i + "'s own commitment");
            assertEquals(proof.rows().get(i).logit(), stored.component3().doubleValue() / Math.pow(2, batch.outputScale()), 1e-12);
            assertEquals(i % 2 == 0, stored.component4(), "row " + i + ": Tired is stressed, Rested healthy");
        }

        String replay = revertOf(registry.submitBatch(withFiller, key, proof.transcript(), proof.instances()).encodeFunctionCall());
        assertEquals("ResultAlreadyRecorded(0x" + HexFormat.of().formatHex(ids.get(0)) + ")", replay);
        List<byte[]> freshIds = new ArrayList<>();
        withFiller.forEach(id -> freshIds.add(resultId()));
        String sameStatements = revertOf(registry.submitBatch(freshIds, key, proof.transcript(), proof.instances()).encodeFunctionCall());
        assertTrue(sameStatements.startsWith("StatementAlreadyRecorded("), sameStatements);
        List<byte[]> onlyFiller = Collections.nCopies(CircuitSettings.BATCH_ROWS, new byte[32]);
        assertEquals("ZeroResultId()", revertOf(registry.submitBatch(onlyFiller, key, proof.transcript(), proof.instances())
                .encodeFunctionCall()));
        assertEquals("UnexpectedInstances(" + 2 * CircuitSettings.BATCH_ROWS + ")", revertOf(registry.submitBatch(
                freshIds.subList(0, 3), key, proof.transcript(), proof.instances()).encodeFunctionCall()));
    }

    /**
     * The transparency log's tree heads: a recorder anchors a root per tree size, once; nobody else anchors; the gas of
     * an anchor is the same whatever the number of entries the tree gained.
     */
    @Test
    void aRecorderAnchorsEachTreeSizeOnceForAFixedSmallGas() throws Exception {
        Credentials stranger = Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
        byte[] root = HexFormat.of().parseHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        byte[] keyId = HexFormat.of().parseHex("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
        byte[] signature = new byte[64];
        java.util.Arrays.fill(signature, (byte) 0x5a);
        long size = 1_000 + System.nanoTime() % 1_000_000;
        String anchoring = registry.anchorTreeHead(BigInteger.valueOf(size), root, BigInteger.valueOf(1_764_000_000_000_000L),
                keyId, signature).encodeFunctionCall();
        assertEquals("NotRecorder(" + stranger.getAddress() + ")", revertOf(stranger.getAddress(), anchoring));

        TransactionReceipt first = registry.anchorTreeHead(BigInteger.valueOf(size), root, BigInteger.valueOf(1_764_000_000_000_000L),
                keyId, signature).send();
        TransactionReceipt later = registry.anchorTreeHead(BigInteger.valueOf(size * 1_000), root,
                BigInteger.valueOf(1_764_000_600_000_000L), keyId, signature).send();
        assertArrayEquals(root, registry.anchoredRoots(BigInteger.valueOf(size)).send());
        assertArrayEquals(new byte[32], registry.anchoredRoots(BigInteger.valueOf(size + 1)).send(), "an unanchored size");
        var event = ScoreRegistry.getTreeHeadAnchoredEvents(first).get(0);
        assertEquals(size, event.treeSize.longValueExact());
        assertArrayEquals(signature, event.signature);
        assertArrayEquals(keyId, event.keyId);
        assertEquals("TreeHeadAlreadyAnchored(" + size + ", 0x" + HexFormat.of().formatHex(root) + ")", revertOf(anchoring));
        assertEquals("EmptyTreeHead()", revertOf(registry.anchorTreeHead(BigInteger.ZERO, root, BigInteger.ONE, keyId, signature)
                .encodeFunctionCall()));
        System.out.printf("Figures: gas per tree head anchor %d (tree of %d entries), %d (tree of %d entries)%n",
                first.getGasUsed(), size, later.getGasUsed(), size * 1_000);
        assertTrue(first.getGasUsed().longValueExact() <= 60_000, "an anchor costs at most 60,000 gas: " + first.getGasUsed());
        assertTrue(Math.abs(first.getGasUsed().longValueExact() - later.getGasUsed().longValueExact()) <= 16 * 8,
                "whatever the tree's size (only the size's few calldata bytes differ): " + later.getGasUsed());
    }

    /** bench/onchain: the gas per score of a batch of {@code size} results (the rest filler rows) and its proving time. */
    private static void batchFigures(Circuit batch, byte[] key, int size) throws Exception {
        List<List<Double>> rows = new ArrayList<>();
        List<Salt> salts = new ArrayList<>();
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            rows.add(withTimeOfDay(MIDDLING, 0.01 + 0.9 * i / size));
            salts.add(Salt.random());
            ids.add(resultId());
        }
        long started = System.nanoTime();
        BatchProof proof = prover.proveBatch(batch, rows, salts);
        long proving = (System.nanoTime() - started) / 1_000_000;
        List<byte[]> withFiller = new ArrayList<>(ids);
        withFiller.addAll(Collections.nCopies(CircuitSettings.BATCH_ROWS - size, new byte[32]));
        TransactionReceipt receipt = registry.submitBatch(withFiller, key, proof.transcript(), proof.instances()).send();
        assertTrue(receipt.isStatusOK());
        System.out.printf("Figures: batch of %d results (%d filler rows), proven in %d ms: %s gas, %s per recorded score%n", size,
                CircuitSettings.BATCH_ROWS - size, proving, receipt.getGasUsed(), receipt.getGasUsed().divide(BigInteger.valueOf(size)));
    }

    @Test
    void theNodeEnforcesTheContractSizeLimit() throws Exception {
        // Init code returning that many zero bytes as the contract's code: PUSH2 size, PUSH1 0, RETURN.
        assertTrue(deploysCodeOf(24_576));
        assertFalse(deploysCodeOf(24_577), "EIP-170: no contract over 24,576 bytes");
    }

    @Test
    void theBundledVerifierIsWhatEzklGeneratesForTheCircuit() throws Exception {
        Path generated = work.resolve("Halo2VerifierReusable.sol");
        prover.writeEvmVerifier(circuit, generated);
        String bundled = new String(DevChain.class.getResourceAsStream("Halo2VerifierReusable.sol").readAllBytes());
        assertEquals(bundled, Files.readString(generated),
                "the circuit's shape or EZKL changed: copy the generated verifier to contracts/src (see contracts/README.md)");
    }

    private String simulateSubmit(byte[] transcript, List<BigInteger> instances) throws Exception {
        return revertOf(registry.submit(resultId(), verifyingKey, transcript, instances).encodeFunctionCall());
    }

    private static String revertOf(String data) throws Exception {
        return revertOf(owner.getAddress(), data);
    }

    /** The registry's answer to a call it is not sent: "accepted" or the reason it reverts. */
    private static String revertOf(String from, String data) throws Exception {
        EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(from, registry.getContractAddress(), data),
                DefaultBlockParameterName.LATEST).send();
        if (!call.hasError()) {
            return "accepted";
        }
        return REASONS.describe(call.getError().getData());
    }

    private static boolean deploysCodeOf(int size) throws Exception {
        TransactionReceipt receipt = send(null, "0x61%04x6000f3".formatted(size));
        return receipt.isStatusOK() && code(receipt.getContractAddress()) == size;
    }

    private static TransactionReceipt send(String data) throws Exception {
        return send(registry.getContractAddress(), data);
    }

    /** Sends a transaction to the registry from {@code account}; its receipt once mined, reverted or not. */
    private static TransactionReceipt sendAs(Credentials account, String data) throws Exception {
        return send(account, registry.getContractAddress(), data);
    }

    /** Sends a transaction and returns its receipt once mined, reverted or not. */
    private static TransactionReceipt send(String to, String data) throws Exception {
        return send(owner, to, data);
    }

    private static TransactionReceipt send(Credentials account, String to, String data) throws Exception {
        RawTransactionManager transactions = new RawTransactionManager(web3j, account, DevChain.CHAIN_ID);
        var sent = transactions.sendEIP1559Transaction(DevChain.CHAIN_ID, gas.getMaxPriorityFeePerGas(), gas.getMaxFeePerGas(),
                BigInteger.valueOf(15_000_000), to, data, BigInteger.ZERO, false);
        String hash = sent.hasError() ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.getError().getData())
                .path("txHash").asText() : sent.getTransactionHash();
        return new PollingTransactionReceiptProcessor(web3j, 50, 200).waitForTransactionReceipt(hash);
    }

    private static List<Double> withTimeOfDay(List<Double> features, double timeOfDay) {
        List<Double> changed = new ArrayList<>(features);
        changed.set(6, timeOfDay);
        return changed;
    }

    private static int code(String address) throws Exception {
        String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return (code.length() - 2) / 2;
    }

    private static String flipped(String proofJson, int at) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var proof = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(proofJson);
        var bytes = (com.fasterxml.jackson.databind.node.ArrayNode) proof.get("proof");
        bytes.set(at, bytes.get(at).asInt() ^ 1);
        proof.remove("hex_proof");
        return json.writeValueAsString(proof);
    }

    private static byte[] resultId() {
        UUID id = UUID.randomUUID();
        return java.nio.ByteBuffer.allocate(32).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    /** The stress MLP's circuit as the service builds it: the plugin's model, calibrated on its validation split. */
    private static Circuit stressMlpCircuit() throws Exception {
        return stressMlpCircuit(CircuitSettings.fast());
    }

    private static Circuit stressMlpCircuit(CircuitSettings settings) throws Exception {
        ModelPlugin plugin = ServiceLoader.load(ModelPluginFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(factory -> factory.id().equals("stress-mlp")).findFirst().orElseThrow().create();
        Path model = work.resolve("stress_mlp.onnx");
        try (InputStream onnx = plugin.getClass().getClassLoader().getResourceAsStream(plugin.descriptor().model().resourcePath())) {
            Files.write(model, onnx.readAllBytes());
        }
        List<List<Double>> calibration = ((ProvableModel) plugin).calibrationInputs().stream().map(row -> {
            List<Double> values = new ArrayList<>();
            for (float value : row) {
                values.add((double) value);
            }
            return values;
        }).toList();
        // In the store the app's tests read too (the same model, calibration and settings: the same key), so each circuit
        // is built once per run, here.
        return new CircuitStore(prover, SHARED_CIRCUITS, Srs.development()).circuitFor(model, plugin.descriptor().model().sha256(),
                calibration, settings);
    }
}
