package io.veriscore.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived {@code ezkl_bridge.py serve} process: one request at a time, each with a deadline. On expiry, on
 * interruption or when the process dies, its whole tree is killed and the next request starts a fresh one. Its
 * standard error goes to a file, read back (bounded) only to explain a death; the worker is restarted once that file
 * grows past {@link #MAX_STDERR_BYTES}.
 */
final class EzklWorker implements AutoCloseable {

    private static final String ANSWER = "veriscore-answer ";
    private static final String DIED = "\u0000died";
    private static final long MAX_STDERR_BYTES = 16 << 20;
    private static final int STDERR_TAIL_CHARS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Starts every worker. The bridge asks the kernel to kill it when its parent dies (PR_SET_PDEATHSIG), and for Linux
     * that parent is the thread that started it: a pool thread retired while the worker serves another would kill it.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ezkl-worker-launcher").daemon().factory());

    private final List<String> command;
    private Process process;
    private OutputStream requests;
    private Path stderr;
    private BlockingQueue<String> answers;

    EzklWorker(List<String> command) {
        this.command = command;
    }

    /**
     * Sends {@code args} ({@code [COMMAND, ARGS...]}) and waits up to {@code wait} for the answer; {@code limit} is the
     * caller's whole deadline, which errors name.
     */
    synchronized JsonNode call(Duration wait, Duration limit, String... args) {
        try {
            if (process == null || !process.isAlive() || Files.size(stderr) > MAX_STDERR_BYTES) {
                restart();
            }
            requests.write((JSON.writeValueAsString(args) + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            String line = answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                stop();
                throw new ProverException("EZKL %s timed out after %s and was killed (its worker is replaced)".formatted(args[0], limit));
            }
            if (line.equals(DIED)) {
                String why = "EZKL's worker died during %s (exit code %s): %s".formatted(args[0], exitCode(), stderrTail());
                stop();
                throw new ProverException(why);
            }
            JsonNode answer = JSON.readTree(line.substring(ANSWER.length()));
            if (answer.has("error")) {
                throw new ProverException("EZKL %s failed: %s".formatted(args[0], answer.path("error").asText()));
            }
            if (!answer.path("answer").isObject()) {
                throw new ProverException("EZKL's worker answered no JSON object to " + args[0]);
            }
            return answer.get("answer");
        } catch (IOException e) {
            // A worker killed just before the request was written shows as a broken pipe: say that it died, as above.
            String why = process != null && exited()
                    ? "EZKL's worker died during %s (exit code %s): %s".formatted(args[0], exitCode(), stderrTail())
                    : "cannot talk to EZKL's worker: " + e.getMessage();
            stop();
            throw new ProverException(why, e);
        } catch (InterruptedException e) {
            stop(); // the caller is shutting down: leave no prover behind
            Thread.currentThread().interrupt();
            throw new ProverException("interrupted while EZKL ran " + args[0], e);
        }
    }

    private void restart() throws IOException {
        stop();
        stderr = Files.createTempFile("veriscore-ezkl-worker-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        try {
            process = LAUNCHER.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting EZKL's worker", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        requests = process.getOutputStream();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        answers = queue;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("ezkl-worker-" + process.pid()).start(() -> {
            try (out) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(ANSWER)) {
                        queue.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone: reported below
            }
            queue.add(DIED);
        });
    }

    /** Whether the worker has ended (a broken pipe means it is ending, if it has not yet). */
    private boolean exited() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private String stderrTail() {
        try {
            long size = Files.size(stderr);
            try (var in = Files.newInputStream(stderr)) {
                in.skip(Math.max(0, size - STDERR_TAIL_CHARS));
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            return "(no standard error: " + e.getMessage() + ")";
        }
    }

    /** The worker's process id, while one runs. */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    private void stop() {
        if (process != null) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.toHandle().onExit().join();
            process = null;
        }
        if (stderr != null) {
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
            stderr = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
