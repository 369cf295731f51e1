package io.veriscore.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A development chain: Anvil, pinned in {@code contracts/package-lock.json} (npm {@code @foundry-rs/anvil}, whose
 * platform package ships the binary), on a free loopback port, chain id 31337, enforcing EIP-170 as a real chain does.
 * With a state file its chain survives restarts (written every second and on exit); without one it lives in memory.
 * A fresh chain has a genesis of its own (its timestamp is the start time), so a replaced chain is told apart.
 *
 * <p>Anvil 1.7 mints a genesis block at every start, stamped with that start's time, and its state dump keeps every
 * one of them beside the chain's real blocks; loading the dump then files block 0 under whichever of them it reads
 * last, so block 0's hash changed between restarts. Before each start the state keeps only the earliest genesis,
 * the chain's own, which Anvil's loaded blocks then put back in place of the one it has just minted.
 */
public final class DevChain implements AutoCloseable {

    public static final long CHAIN_ID = 31337;
    /** Account #0 of the well-known development mnemonic: a publicly known key, for development chains only. */
    public static final String DEVELOPMENT_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String READY = "Listening on";

    private final Process process;
    private final int port;
    private final Path log;

    private DevChain(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Anvil from {@code contractsDir} (where {@code npm install} put it) and waits until it serves.
     *
     * @param state where the chain is kept across restarts; empty: in memory only
     * @throws IllegalStateException when it does not start in time; its output is in the message
     */
    public static DevChain start(Path contractsDir, Optional<Path> state, Duration timeout) {
        Path launcher = contractsDir.resolve("scripts/dev-node.js"); // stops the chain when this JVM exits, however
        if (!Files.isDirectory(contractsDir.resolve("node_modules/@foundry-rs/anvil"))) {
            throw new IllegalStateException("Anvil is not installed in " + contractsDir + ": run npm install there (the build does)");
        }
        try {
            int port = freeLoopbackPort();
            Path log = Files.createTempFile("veriscore-anvil-", ".log");
            List<String> command = new ArrayList<>(List.of("node", launcher.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--chain-id", Long.toString(CHAIN_ID)));
            if (state.isPresent()) {
                Files.createDirectories(state.get().toAbsolutePath().getParent());
                keepFirstGenesis(state.get());
                command.addAll(List.of("--state", state.get().toAbsolutePath().toString(), "--state-interval", "1"));
            }
            Process process = new ProcessBuilder(command).directory(contractsDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            DevChain chain = new DevChain(process, port, log);
            chain.awaitReady(timeout);
            return chain;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Anvil's process id (it runs under a small launcher, whose pid this is not). */
    public long pid() {
        return process.children().findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    /** Stops Anvil gracefully: with a state file, it writes its chain down first. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a leftover log in the temporary directory
        }
    }

    /** Drops the genesis blocks that earlier starts minted, keeping the chain's first (the one block 1 follows). */
    static void keepFirstGenesis(Path state) throws IOException {
        if (!Files.isRegularFile(state) || Files.size(state) == 0) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(state.toFile());
        if (!(root.get("blocks") instanceof ArrayNode blocks)) {
            return;
        }
        List<JsonNode> geneses = new ArrayList<>();
        blocks.forEach(block -> {
            if (BigInteger.ZERO.equals(quantity(block.path("header").path("number")))) {
                geneses.add(block);
            }
        });
        if (geneses.size() < 2) {
            return;
        }
        JsonNode first = geneses.stream().min(Comparator.comparing(block -> quantity(block.path("header").path("timestamp")))).orElseThrow();
        ArrayNode kept = json.createArrayNode();
        blocks.forEach(block -> {
            if (block == first || !geneses.contains(block)) {
                kept.add(block);
            }
        });
        ((ObjectNode) root).set("blocks", kept);
        Path written = state.resolveSibling(state.getFileName() + ".tmp");
        json.writeValue(written.toFile(), root);
        Files.move(written, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** An Ethereum quantity as Anvil writes it: hex text or a JSON number. */
    private static BigInteger quantity(JsonNode value) {
        if (value.isTextual() && value.asText().startsWith("0x")) {
            return new BigInteger(value.asText().substring(2), 16);
        }
        return value.isNumber() ? value.bigIntegerValue() : BigInteger.valueOf(-1);
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = Files.readString(log);
                close();
                throw new IllegalStateException("the development chain (Anvil) did not start: "
                        + output.substring(Math.max(0, output.length() - 2000)));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the development chain started", e);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
