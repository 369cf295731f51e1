package io.veriscore.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles EZKL's single-circuit verifier of one circuit with the pinned solc-js ({@code scripts/compile-verifier.js}
 * in {@code contractsDir}, where the build's {@code npm install} put solc). Its verifying key is compiled in, and a
 * circuit's key is only known once the circuit is set up, so this runs when a model version is first registered.
 */
public final class VerifierCompiler {

    /** EIP-170: the most code a contract may have. */
    public static final int MAX_CODE_BYTES = 24_576;

    /** A compiled verifier: its creation bytecode (hex, no 0x) and the size of the code it deploys. */
    public record Compiled(String creationCode, int deployedBytes) {}

    private VerifierCompiler() {}

    public static Compiled compile(Path contractsDir, Path source, Duration timeout) {
        Path script = contractsDir.resolve("scripts/compile-verifier.js");
        if (!Files.isDirectory(contractsDir.resolve("node_modules/solc"))) {
            throw new IllegalStateException("solc-js is not installed in " + contractsDir + ": run npm install there (the build does)");
        }
        try {
            Path out = Files.createTempFile("veriscore-verifier-", ".bin");
            Path log = Files.createTempFile("veriscore-verifier-", ".log");
            try {
                Process node = new ProcessBuilder(List.of("node", script.toString(), source.toString(), out.toString()))
                        .directory(contractsDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    node.descendants().forEach(ProcessHandle::destroyForcibly);
                    node.destroyForcibly();
                    throw new IllegalStateException("compiling the verifier took longer than " + timeout);
                }
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                if (node.exitValue() != 0 || lines.isEmpty()) {
                    throw new IllegalStateException("solc-js could not compile " + source + ": " + String.join("\n", lines));
                }
                JsonNode answer = new ObjectMapper().readTree(lines.get(lines.size() - 1));
                String code = Files.readString(out).strip();
                if (!code.matches("[0-9a-f]+")) {
                    throw new IllegalStateException("solc-js wrote no bytecode for " + source);
                }
                return new Compiled(code, answer.path("deployedBytes").asInt());
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the verifier", e);
        }
    }
}
