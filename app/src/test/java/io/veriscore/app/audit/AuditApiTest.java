package io.veriscore.app.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.canonical.CanonicalValues;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import io.veriscore.app.testing.Proofs;
import io.veriscore.auditor.Auditor;
import io.veriscore.auditor.ProofCheck;
import io.veriscore.db.EmbeddedPostgres;
import io.veriscore.transparency.LogAudit;
import io.veriscore.transparency.Merkle;
import io.veriscore.transparency.MerkleProofs;
import io.veriscore.transparency.TreeHeadBody;
import io.veriscore.transparency.VerifyingKey;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transparency log as an auditor sees it, checked with the transparency library, not with the service. */
@QuarkusTest
public class AuditApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SOME_NODE = Merkle.leafHash(new byte[] {42});

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyResultIsASignedLeafProvablyInTheSignedTree() throws Exception {
        String id = created(Inputs.TIRED);
        Entry entry = sequencedEntry(id, "inference");
        assertEquals(id, JSON.readTree(entry.body()).path("id").asText());
        assertEquals(JSON.readTree(Api.client().get("/v1/inferences/{id}", id).asString()).path("score"),
                JSON.readTree(entry.body()).path("score"));
        byte[] bodyBytes = entry.body().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(Merkle.leafHash(bodyBytes), hex(entry.leafHash()));
        assertTrue(key(entry.keyId()).verify(bodyBytes, Base64.getDecoder().decode(entry.signature())));

        JsonPath head = Api.auditor().get("/v1/audit/tree-head").then().statusCode(200).extract().jsonPath();
        long size = head.getLong("treeSize");
        byte[] root = hex(head.getString("rootHash"));
        byte[] signedHead = TreeHeadBody.of(size, root, Instant.parse(head.getString("issuedAt")));
        assertTrue(key(head.getString("keyId")).verify(signedHead, Base64.getDecoder().decode(head.getString("signature"))));

        JsonPath inclusion = Api.auditor().get("/v1/audit/inclusion?id={entry}&treeSize={size}", entry.id(), size)
                .then().statusCode(200).extract().jsonPath();
        MerkleProofs.verifyInclusion(entry.leafIndex(), size, Merkle.leafHash(bodyBytes), nodes(inclusion), root);

        // The record as GET /v1/audit/records/{id} shows it carries its proof in the latest head as well.
        JsonPath record = Api.auditor().get("/v1/audit/records/{id}", id).then().statusCode(200).extract().jsonPath();
        long latest = record.getLong("entries[0].inclusion.treeSize");
        MerkleProofs.verifyInclusion(entry.leafIndex(), latest, Merkle.leafHash(bodyBytes),
                record.getList("entries[0].inclusion.proof", String.class).stream().map(AuditApiTest::hex).toList(),
                hex(record.getString("entries[0].inclusion.rootHash")));
    }

    @Test
    void laterTreeHeadsAreConsistentWithEarlierOnes() {
        created(Inputs.RESTED);
        long first = awaitNewHead(0);
        created(Inputs.TIRED);
        long second = awaitNewHead(first);
        JsonPath consistency = Api.auditor().get("/v1/audit/consistency?from={a}&to={b}", first, second).then().statusCode(200)
                .extract().jsonPath();
        MerkleProofs.verifyConsistency(first, second, nodes(consistency), root(first), root(second));
    }

    @Test
    void theLogAndTheResultsAreAppendOnly() throws Exception {
        String id = created(Inputs.TIRED);
        sequencedEntry(id, "inference");
        for (String change : List.of("update inference set score = 0.01 where id = '" + id + "'",
                "delete from log_entry where subject_id = '" + id + "'", "update tree_head set tree_size = tree_size + 1",
                "delete from log_node", "truncate log_leaf cascade", "update proof_event set reason = 'x'")) {
            SQLException service = assertThrows(SQLException.class, () -> execute(dataSource.getConnection(), change), change);
            assertTrue(service.getMessage().contains("permission denied"), "the service's role: " + service.getMessage());
            SQLException owner = assertThrows(SQLException.class, () -> execute(superuser(), change), change);
            assertTrue(owner.getMessage().contains("append-only"), "everyone else: " + owner.getMessage());
        }
    }

    @Test
    void aRowChangedBehindTheServicesBackIsFoundAndNamed() throws Exception {
        String id = created(Inputs.RESTED);
        String entryId = sequencedEntry(id, "inference").id();
        Api.auditor().post("/v1/audit/verify").then().statusCode(200).body("consistent", is(true));
        tamper("update inference set label = 'healthy', score = 0.2 where id = '" + id + "'");
        try {
            Api.auditor().post("/v1/audit/verify").then().statusCode(200).body("consistent", is(false))
                    .body("discrepancies.find { it.entryId == '" + entryId + "' }.subjectId", equalTo(id))
                    .body("discrepancies.find { it.entryId == '" + entryId + "' }.problem",
                            containsString("differs from the record signed for it"));
            LogAudit.Report offline = offlineAudit(false, Optional.empty());
            assertTrue(offline.findings().stream().anyMatch(f -> entryId.equals(f.entryId()) && id.equals(f.subjectId())
                    && f.problem().contains("differs from the record signed for it")), offline.findings().toString());
        } finally {
            JsonNode signed = JSON.readTree(sequencedEntry(id, "inference").body());
            tamper("update inference set label = '" + signed.path("label").asText() + "', score = "
                    + signed.path("score").asDouble() + " where id = '" + id + "'");
        }
        Api.auditor().post("/v1/audit/verify").then().statusCode(200).body("consistent", is(true));
        assertTrue(offlineAudit(false, Optional.empty()).consistent());
    }

    @Test
    void aForgedTreeHeadSignatureIsNamedByItsTreeSize() throws Exception {
        created(Inputs.TIRED);
        long size = awaitNewHead(0);
        // The signature's first byte flipped, by a superuser behind the service's back, then put back.
        String flip = "update tree_head set signature = set_byte(signature, 0, get_byte(signature, 0) # 1) where tree_size = " + size;
        execute(superuser(), "begin; alter table tree_head disable trigger tree_head_append_only; " + flip
                + "; alter table tree_head enable trigger tree_head_append_only; commit");
        try {
            Api.auditor().post("/v1/audit/verify").then().statusCode(200).body("consistent", is(false))
                    .body("discrepancies.find { it.problem.contains('signature does not verify') }.treeSize", equalTo((int) size))
                    .body("discrepancies.find { it.problem.contains('signature does not verify') }.leafIndex", nullValue());
        } finally {
            execute(superuser(), "begin; alter table tree_head disable trigger tree_head_append_only; " + flip
                    + "; alter table tree_head enable trigger tree_head_append_only; commit");
        }
        Api.auditor().post("/v1/audit/verify").then().statusCode(200).body("consistent", is(true));
    }

    @Test
    void theOfflineAuditorChecksProofsWithEzklAndCatchesAForgedExport(@TempDir Path work) throws Exception {
        String id = Api.client().contentType(ContentType.JSON).body(ProofApiTest.proveOne(Inputs.TIRED))
                .post("/v1/inferences").then().statusCode(202).extract().path("id");
        Proofs.awaitStatus(id, ProofApiTest.FIRST_PROOF, "proven");
        sequencedEntry(id, "proof");
        Path circuit = Files.createDirectories(work.resolve("circuit"));
        for (String file : List.of("settings.json", "vk.key", "kzg.srs")) {
            Files.write(circuit.resolve(file), given().get("/v1/models/stress-mlp/circuit/" + file).then().statusCode(200)
                    .extract().asByteArray());
        }
        Api.auditor().post("/v1/audit/verify?proofSample=3").then().statusCode(200)
                .body("consistent", is(true)).body("proofsChecked", greaterThanOrEqualTo(1));
        Api.auditor().post("/v1/audit/verify?proofSample=-1").then().statusCode(400);
        ProofCheck ezkl = new ProofCheck(Path.of(ProofApiTest.python()), List.of(circuit), work.resolve("ezkl"));
        LogAudit.Report report = offlineAudit(true, Optional.of(ezkl));
        assertTrue(report.consistent(), report.findings().toString());
        assertTrue(report.proofs() >= 1);

        // The same export with one signed record rewritten: found, and named.
        String export = export(true);
        String line = export.lines().filter(l -> l.contains("\"subjectId\":\"" + id + "\"") && l.contains("\"kind\":\"inference\""))
                .findFirst().orElseThrow();
        String forged = export.replace(line, line.replace("\\\"label\\\":\\\"stressed\\\"", "\\\"label\\\":\\\"healthy\\\""));
        LogAudit.Report caught = new LogAudit(Auditor.readKeys(keysFile(work)), Optional.empty())
                .check(new BufferedReader(new StringReader(forged)));
        assertTrue(caught.findings().stream().anyMatch(f -> id.equals(f.subjectId()) && f.problem().contains("signature")),
                caught.findings().toString());
    }

    @Test
    void auditorsListResultsWithTheirRecordsByProofStatusModelAndLabel() throws Exception {
        String plain = created(Inputs.RESTED);
        String proven = Api.client().contentType(ContentType.JSON).body(ProofApiTest.proveOne(Inputs.TIRED))
                .post("/v1/inferences").then().statusCode(202).extract().path("id");
        Proofs.awaitStatus(proven, ProofApiTest.FIRST_PROOF, "proven");
        sequencedEntry(proven, "proof");
        Api.auditor().get("/v1/audit/records?proofStatus=proven&limit=500").then().statusCode(200)
                .body("items.result.id", hasItem(proven)).body("items.result.id", not(hasItem(plain)))
                .body("items.find { it.result.id == '" + proven + "' }.entries.kind", hasItems("inference", "proof"));
        Api.auditor().get("/v1/audit/records?proofStatus=none&model=stress-mlp&label=healthy&limit=500").then().statusCode(200)
                .body("items.result.id", hasItem(plain)).body("items.result.id", not(hasItem(proven)))
                .body("items.result.label", everyItem(equalTo("healthy")));
        Api.auditor().get("/v1/audit/records?proofStatus=maybe").then().statusCode(400).contentType("application/problem+json");
        Api.client().get("/v1/audit/records").then().statusCode(403);
    }

    @Test
    void aPartialExportProvesEachEntryInTheLatestTreeHead() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String id = created(Inputs.TIRED);
        sequencedEntry(id, "inference");
        sequencedEntry(created(Inputs.RESTED), "inference"); // at least two leaves: non-empty inclusion proofs
        String partial = Api.auditor().get("/v1/audit/export?from={from}", before.toString()).then().statusCode(200)
                .extract().asString();
        assertTrue(partial.lines().filter(l -> l.contains("\"type\":\"entry\"")).allMatch(l -> l.contains("\"inclusion\"")));
        assertTrue(partial.contains(id));
        Path dir = Files.createTempDirectory("veriscore-partial");
        LogAudit audit = new LogAudit(Auditor.readKeys(keysFile(dir)), Optional.empty());
        LogAudit.Report report = audit.check(new BufferedReader(new StringReader(partial)));
        assertTrue(report.consistent(), report.findings().toString());
        String line = partial.lines().filter(l -> l.contains("\"subjectId\":\"" + id + "\"")).findFirst().orElseThrow();
        ObjectNode entry = (ObjectNode) JSON.readTree(line);
        ArrayNode inclusion = (ArrayNode) entry.get("inclusion");
        assertTrue(inclusion != null && !inclusion.isEmpty(), line);
        inclusion.set(0, HexFormat.of().formatHex(SOME_NODE)); // one node of its proof replaced
        String forged = partial.replace(line, JSON.writeValueAsString(entry));
        assertFalse(audit.check(new BufferedReader(new StringReader(forged))).consistent());
    }

    @Test
    void theKeysArePublishedAsJwk() {
        given().get("/v1/keys").then().statusCode(200)
                .body("keys.kty", hasItem("OKP")).body("keys.crv", hasItem("Ed25519"))
                .body("keys.findAll { it.current }.size()", equalTo(1));
    }

    @Test
    void badAuditRequestsAreClearProblems() {
        Api.auditor().get("/v1/audit/inclusion").then().statusCode(400).contentType("application/problem+json");
        Api.auditor().get("/v1/audit/inclusion?id=nope").then().statusCode(400).contentType("application/problem+json");
        Api.auditor().get("/v1/audit/inclusion?id=00000000-0000-0000-0000-000000000000").then().statusCode(404);
        Api.auditor().get("/v1/audit/consistency?from=5&to=2").then().statusCode(400).contentType("application/problem+json");
        Api.auditor().get("/v1/audit/tree-head?treeSize=999999999").then().statusCode(404);
        Api.auditor().get("/v1/audit/records/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    private static String export(boolean proofs) {
        return Api.auditor().get("/v1/audit/export?proofs=" + proofs).then().statusCode(200).contentType("application/jsonl")
                .extract().asString();
    }

    private static Path keysFile(Path dir) throws Exception {
        return Files.writeString(dir.resolve("keys.json"), given().get("/v1/keys").then().statusCode(200).extract().asString());
    }

    /** What an auditor does with an export and the published keys, without the service. */
    private static LogAudit.Report offlineAudit(boolean proofs, Optional<LogAudit.ProofChecker> check) throws Exception {
        Path dir = Files.createTempDirectory("veriscore-audit-test");
        return new LogAudit(Auditor.readKeys(keysFile(dir)), check).check(new BufferedReader(new StringReader(export(proofs))));
    }

    private static String created(String input) {
        return Api.client().contentType(ContentType.JSON).body(Inputs.single(input)).post("/v1/inferences")
                .then().statusCode(201).extract().path("id");
    }

    /** A signed record as GET /v1/audit/records shows it; {@code body} is the signed JSON, canonical again. */
    public record Entry(String id, long leafIndex, String body, String leafHash, String keyId, String signature) {}

    /** The result's entry of this kind, once the sequencer has given it a leaf index. */
    public static Entry sequencedEntry(String inferenceId, String kind) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode records = JSON.readTree(Api.auditor().get("/v1/audit/records/{id}", inferenceId).then().statusCode(200)
                    .extract().asString());
            for (JsonNode e : records.path("entries")) {
                if (kind.equals(e.path("kind").asText()) && e.hasNonNull("leafIndex")) {
                    return new Entry(e.path("id").asText(), e.path("leafIndex").asLong(), CanonicalValues.canonicalize(JSON, e.path("body")),
                            e.path("leafHash").asText(), e.path("keyId").asText(), e.path("signature").asText());
                }
            }
            Proofs.sleep(100);
        }
        throw new AssertionError("the " + kind + " record of " + inferenceId + " was not sequenced within 30 s");
    }

    private static long awaitNewHead(long after) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long size = Api.auditor().get("/v1/audit/tree-head").then().statusCode(200).extract().jsonPath().getLong("treeSize");
            if (size > after) {
                return size;
            }
            Proofs.sleep(100);
        }
        throw new AssertionError("no tree head larger than " + after + " within 30 s");
    }

    private static byte[] root(long size) {
        return hex(Api.auditor().get("/v1/audit/tree-head?treeSize={size}", size).then().statusCode(200).extract().path("rootHash"));
    }

    public static VerifyingKey key(String keyId) {
        List<Map<String, Object>> keys = given().get("/v1/keys").then().statusCode(200).extract().jsonPath().getList("keys");
        Map<String, String> byId = keys.stream().collect(Collectors.toMap(k -> (String) k.get("kid"), k -> (String) k.get("x")));
        VerifyingKey key = VerifyingKey.fromJwkX(byId.get(keyId));
        assertEquals(keyId, key.keyId(), "the key id is the SHA-256 of the key");
        return key;
    }

    private static List<byte[]> nodes(JsonPath proof) {
        return proof.getList("proof", String.class).stream().map(AuditApiTest::hex).toList();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The schema owner, behind the service's back. */
    public static Connection superuser() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
    }

    /** A change as a superuser would make it: with the append-only trigger switched off for a moment. */
    private static void tamper(String update) throws SQLException {
        execute(superuser(), "begin; alter table inference disable trigger inference_append_only; " + update
                + "; alter table inference enable trigger inference_append_only; commit");
    }
}
