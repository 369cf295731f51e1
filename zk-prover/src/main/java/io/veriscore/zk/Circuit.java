package io.veriscore.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A set-up circuit: its artefacts and their identities.
 *
 * @param profile           the {@link CircuitSettings} profile it was built with; empty for a published circuit
 * @param provenModelSha256 SHA-256 of the proven graph derived from the model (cut before its Sigmoid, salted);
 *                          empty for a published circuit
 * @param rows              how many results one proof carries: 1, or a batch's fixed size (one input per row)
 * @param inputScale        log2 of the fixed-point scale of the input: a client commits to round(x * 2^inputScale)
 * @param outputScale       log2 of the fixed-point scale of the logit instance
 * @param developmentSrs    true when the SRS was generated locally: such proofs are <b>insecure</b>
 */
public record Circuit(Path directory, Path srs, String ezklVersion, String profile, String provenModelSha256, int logrows,
        int rows, int inputScale, int outputScale, String settingsSha256, String verifyingKeySha256, String srsSha256,
        boolean developmentSrs) {

    static final String SETTINGS = "settings.json";
    static final String VERIFYING_KEY = "vk.key";

    /**
     * A circuit published by someone else, for verifying its proofs: a directory holding EZKL's {@code settings.json},
     * {@code vk.key} and {@code kzg.srs}, as {@code GET /v1/models/{id}/circuit} serves them. Whether its SRS is a
     * development one is not known here ({@code developmentSrs} is false).
     */
    public static Circuit published(Path directory, String ezklVersion) {
        try {
            int[] shape = shape(directory);
            int logrows = new ObjectMapper().readTree(directory.resolve(SETTINGS).toFile()).path("run_args").path("logrows").asInt();
            Path srs = directory.resolve("kzg.srs");
            return new Circuit(directory, srs, ezklVersion, "", "", logrows, shape[0], shape[1], shape[2], EzklProver.sha256(directory.resolve(SETTINGS)),
                    EzklProver.sha256(directory.resolve(VERIFYING_KEY)), EzklProver.sha256(srs), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path settingsFile() {
        return directory.resolve(SETTINGS);
    }

    public Path verifyingKeyFile() {
        return directory.resolve(VERIFYING_KEY);
    }

    /** The proven graph, derived from the model: cut before its final Sigmoid, with zero-weight salt columns. */
    public Path provenModelFile() {
        return directory.resolve("proven.onnx");
    }

    /** The rows (one input each), input scale and output scale of the circuit in {@code directory}, from EZKL's settings. */
    static int[] shape(Path directory) {
        try {
            JsonNode settings = new ObjectMapper().readTree(directory.resolve(SETTINGS).toFile());
            int rows = settings.path("model_input_scales").size();
            int input = settings.path("model_input_scales").path(0).asInt(-1);
            int output = settings.path("model_output_scales").path(0).asInt(-1);
            if (input < 0 || input > 30 || output < 0 || output > 30 || rows < 1 || rows > 64) {
                throw new ProverException("circuit settings in " + directory + " have no plausible rows, input and output scales");
            }
            return new int[] {rows, input, output};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
