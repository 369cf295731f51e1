package io.veriscore.app.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.app.config.VeriscoreConfig.Mode;
import io.veriscore.zk.ProverException;
import io.veriscore.zk.Srs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which SRS the service runs with: a development one only outside production, a trusted one only if allow-listed. */
class SrsPolicyTest {

    @TempDir
    Path dir;

    @Test
    void developmentModeFallsBackToAnInsecureDevelopmentSrs() {
        assertInstanceOf(Srs.Development.class, SrsPolicy.srs(Mode.DEVELOPMENT, Optional.empty(), Optional.empty()));
    }

    @Test
    void productionModeRefusesToRunWithoutATrustedSrs() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SrsPolicy.srs(Mode.PRODUCTION, Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("veriscore.prover.srs.path"), e.getMessage());
    }

    @Test
    void aConfiguredSrsMustBeAllowListed() throws Exception {
        Path file = Files.write(dir.resolve("ppot.srs"), new byte[] {1, 2, 3});
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3}));
        assertThrows(IllegalStateException.class, () -> SrsPolicy.srs(Mode.PRODUCTION, Optional.of(file), Optional.empty()));
        assertThrows(ProverException.class, () -> SrsPolicy.srs(Mode.PRODUCTION, Optional.of(file), Optional.of(Set.of("00".repeat(32)))));
        Srs trusted = SrsPolicy.srs(Mode.PRODUCTION, Optional.of(file), Optional.of(Set.of(sha)));
        assertEquals(sha, trusted.identity());
    }
}
