package io.veriscore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.PackagedService;
import io.veriscore.db.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code bash} example of the README's tour and of docs/api.md, run as written, in order, against the packaged
 * service (its URL, this checkout's path and the tests' keys put in), from a directory outside the checkout: each must
 * run, every HTTP answer must be a success, EZKL must accept the downloaded proof, the kit must pass and the offline
 * auditor must find the exported log consistent. Blocks that only show a request's shape are marked {@code text} in the
 * documents and are not run.
 */
public class DocsExamplesIT {

    private static final Pattern BASH = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("\\[HTTP (\\d{3})]");
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    private static EmbeddedPostgres database;
    private static Process service;
    private static int port;

    @BeforeAll
    static void startService() throws Exception {
        database = EmbeddedPostgres.startTemporary();
        port = PackagedService.freePort();
        // The examples start once the circuits (the batch one too) and the development chain are ready.
        service = PackagedService.startWithChain(port, database, "target/docs-signing-key.pem", Path.of("target/docs-service.log"),
                "/q/health", "/v1/models/stress-mlp/circuit", "/v1/chain", "/v1/models/stress-mlp/circuit?profile=batch");
    }

    @AfterAll
    static void stopService() throws InterruptedException {
        PackagedService.stop(service, database);
    }

    @Test
    void everyExampleRunsAsWritten() throws Exception {
        Path work = Files.createTempDirectory("veriscore-docs-examples"); // outside the checkout, as a user's would be
        List<String> script = new ArrayList<>(List.of("curl() { command curl -w '%{stderr}[HTTP %{http_code}]\\n' \"$@\"; }"));
        script.addAll(blocks(Path.of("../README.md"), "## A five-minute tour"));
        script.addAll(blocks(Path.of("../docs/api.md"), null));
        Path file = work.resolve("examples.sh");
        Files.writeString(file, String.join("\n", script) + "\n");

        ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        bash.environment().put("CLIENT_KEY", Api.CLIENT_KEY);
        bash.environment().put("AUDITOR_KEY", Api.AUDITOR_KEY);
        Process run = bash.start();
        assertTrue(run.waitFor(10, TimeUnit.MINUTES), "the examples did not finish within 10 minutes");
        String out = Files.readString(work.resolve("out.txt"));
        String err = Files.readString(work.resolve("err.txt"));
        String where = " (see " + work + ")";

        assertEquals(0, run.exitValue(), "the last example failed" + where);
        Matcher status = STATUS.matcher(err);
        int answers = 0;
        while (status.find()) {
            answers++;
            assertTrue(status.group(1).startsWith("2"), "an example got HTTP " + status.group(1) + where);
        }
        assertTrue(answers > 40, answers + " HTTP answers" + where);
        for (String failure : List.of("Traceback", "command not found", "No such file", "Error:")) {
            assertFalse(err.contains(failure), failure + where);
        }
        assertTrue(out.contains("True"), "EZKL accepts the downloaded proof" + where);
        assertTrue(out.contains("proofs checked: consistent"), "the offline auditor finds the export consistent" + where);
        assertTrue(out.contains("PASS onchain") && out.contains("\nverified\n"), "veriscore-verify passes every check" + where);
        assertTrue(out.matches("(?s).*: stressed \\d+\\.\\d, proven \\(logit [0-9.]+\\)\n.*"), "the JavaScript example scores and proves" + where);
        try (var files = Files.walk(work)) { // passed: nothing to look at
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The JavaScript example docs/api.md shows is the file the console's build type-checks and the bash block runs. */
    @Test
    void theJavaScriptExampleIsTheTypeCheckedFile() throws Exception {
        Matcher shown = Pattern.compile("```js\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("../docs/api.md")));
        assertTrue(shown.find(), "docs/api.md shows a JavaScript example");
        assertEquals(Files.readString(Path.of("../console/examples/score.mjs")), shown.group(1));
    }

    /** The bash blocks of {@code file} (after the heading {@code from}, up to the next heading of its level), with this service's URL. */
    private static List<String> blocks(Path file, String from) throws Exception {
        String text = Files.readString(file);
        if (from != null) {
            int start = text.indexOf(from);
            int end = text.indexOf("\n## ", start + from.length());
            text = text.substring(start, end < 0 ? text.length() : end);
        }
        List<String> blocks = new ArrayList<>();
        Matcher block = BASH.matcher(text);
        while (block.find()) {
            blocks.add(block.group(1).replace("http://127.0.0.1:8080", "http://127.0.0.1:" + port)
                    .replaceAll("(?m)^export CLIENT_KEY=vsk_\\.\\.\\..*$", "")
                    .replaceAll("(?m)^VERISCORE=~/veriscore .*$", "VERISCORE=" + CHECKOUT));
        }
        return blocks;
    }
}
