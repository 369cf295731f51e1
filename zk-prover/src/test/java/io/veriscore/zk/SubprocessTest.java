package io.veriscore.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubprocessTest {

    @TempDir
    Path temp;

    @Test
    void returnsStandardOutput() {
        assertEquals("hello\n", Subprocess.run(List.of("echo", "hello"), Duration.ofSeconds(10)).stdout());
    }

    @Test
    void aFailureCarriesTheTailOfStandardError() {
        ProverException e = assertThrows(ProverException.class,
                () -> Subprocess.run(List.of("bash", "-c", "echo 'ezkl: bad circuit' >&2; exit 3"), Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("ezkl: bad circuit"), e.getMessage());
    }

    @Test
    void aHangKillsTheWholeProcessTree() throws Exception {
        Path childPid = temp.resolve("child.pid");
        long started = System.nanoTime();
        ProverException e = assertThrows(ProverException.class, () -> Subprocess.run(
                List.of("bash", "-c", "sleep 300 & echo $! > " + childPid + "; wait"), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos());
        long pid = Long.parseLong(Files.readString(childPid).strip());
        for (int i = 0; i < 50 && running(pid); i++) {
            Thread.sleep(100); // SIGKILL is delivered asynchronously
        }
        assertFalse(running(pid), "the grandchild is gone too");
    }

    /** Alive and not a zombie: an orphan killed here may wait a while for init to reap it. */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String content = Files.readString(stat);
        return content.charAt(content.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void boundsWhatItReads() {
        ProverException e = assertThrows(ProverException.class, () -> Subprocess.run(
                List.of("head", "-c", String.valueOf(Subprocess.MAX_OUTPUT_BYTES + 1), "/dev/zero"), Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }
}
