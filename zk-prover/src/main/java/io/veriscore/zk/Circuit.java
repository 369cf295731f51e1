package io.veriscore.zk;

import java.nio.file.Path;

/**
 * A set-up circuit: its artefacts and their identities.
 *
 * @param developmentSrs true when the SRS was generated locally: such proofs are <b>insecure</b>
 */
public record Circuit(Path directory, Path srs, String ezklVersion, int logrows,
        String settingsSha256, String verifyingKeySha256, String srsSha256, boolean developmentSrs) {}
