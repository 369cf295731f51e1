package io.veriscore.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A development chain: the Hardhat node pinned in {@code contracts/package-lock.json}, on a free loopback port. Its chain
 * lives in memory and is gone when the node stops. It enforces EIP-170's contract size limit, as a real chain does.
 */
public final class HardhatNode implements AutoCloseable {

    public static final long CHAIN_ID = 31337;
    /** Hardhat's account #0: a publicly known key, for development chains only. */
    public static final String DEVELOPMENT_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String READY = "Started HTTP and WebSocket JSON-RPC server at";

    private final Process process;
    private final int port;
    private final Path log;

    private HardhatNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a node from {@code contractsDir} (where {@code npm install} put Hardhat) and waits until it serves.
     *
     * @throws IllegalStateException when it does not start in time; its output is in the message
     */
    public static HardhatNode start(Path contractsDir, Duration timeout) {
        Path cli = contractsDir.resolve("node_modules/hardhat/internal/cli/cli.js");
        Path launcher = contractsDir.resolve("scripts/dev-node.js"); // stops the node when this JVM exits, however
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("Hardhat is not installed in " + contractsDir + ": run npm install there (the build does)");
        }
        try {
            int port = freeLoopbackPort();
            Path log = Files.createTempFile("veriscore-hardhat-", ".log");
            Process process = new ProcessBuilder(List.of("node", launcher.toString(), "--hostname", "127.0.0.1",
                    "--port", Integer.toString(port), "--config", contractsDir.resolve("hardhat.config.js").toString()))
                    .directory(contractsDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            HardhatNode node = new HardhatNode(process, port, log);
            node.awaitReady(timeout);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The node's process id (it runs under a small launcher, whose pid this is not). */
    public long pid() {
        return process.children().findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
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

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = Files.readString(log);
                close();
                throw new IllegalStateException("the Hardhat node did not start: " + output.substring(Math.max(0, output.length() - 2000)));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the Hardhat node started", e);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
