package io.veriscore.app.proof;

import io.veriscore.app.config.VeriscoreConfig.Mode;
import io.veriscore.zk.Srs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Which structured reference string proofs are made with: a trusted, allow-listed file, or in development a local one. */
final class SrsPolicy {

    private SrsPolicy() {}

    /** The SRS the settings ask for; production mode refuses to run without a trusted one. */
    static Srs srs(Mode mode, Optional<Path> path, Optional<Set<String>> allowedSha256) {
        if (path.isEmpty()) {
            if (mode == Mode.PRODUCTION) {
                throw new IllegalStateException("veriscore.mode=production needs a trusted SRS: set veriscore.prover.srs.path"
                        + " to a Perpetual Powers of Tau file and veriscore.prover.srs.allowed-sha256 to its SHA-256");
            }
            return Srs.development();
        }
        return Srs.trusted(path.get(), allowedSha256.orElseThrow(() -> new IllegalStateException(
                "veriscore.prover.srs.path is set, so veriscore.prover.srs.allowed-sha256 must list the SHA-256 of the files allowed")));
    }
}
