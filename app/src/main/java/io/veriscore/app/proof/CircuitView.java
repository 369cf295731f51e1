package io.veriscore.app.proof;

import io.veriscore.app.inference.InferenceView;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.Salt;

/**
 * {@code GET /v1/models/{id}/circuit}: what a third party needs to verify this model's proofs with EZKL
 * alone: the settings, the verifying key and the SRS, each with its SHA-256 and where to download it, and the proven
 * graph derived from the model (cut before its final Sigmoid, with zero-weight salt columns).
 *
 * @param statement  what the output instance is: {@code logit}; the score is its sigmoid, the label its sign
 * @param labels     the labels of a negative and of a non-negative logit
 * @param saltWords  the number of 32-bit salt words after the features in the committed input
 * @param rows       results per proof: 1, or a batch circuit's rows (its instances: every row's commitment, then every
 *                   row's logit)
 */
public record CircuitView(
        InferenceView.ModelRef model,
        String ezklVersion,
        String profile,
        String statement,
        Labels labels,
        int saltWords,
        int rows,
        Artefact provenModel,
        int logrows,
        int inputScale,
        int outputScale,
        Visibility visibility,
        Artefact settings,
        Artefact verifyingKey,
        ProofView.Srs srs,
        String srsHref) {

    /** Input hashed (a Poseidon commitment is public, the features stay private), output public, parameters fixed. */
    public record Visibility(String input, String output, String parameters) {}

    public record Artefact(String sha256, String href) {}

    public record Labels(String negative, String positive) {}

    public static CircuitView of(LoadedModel model, Circuit circuit) {
        PluginDescriptor d = model.descriptor();
        String base = "/v1/models/" + d.id() + "/circuit/";
        String query = circuit.rows() > 1 ? "?profile=" + circuit.profile() : "";
        return new CircuitView(new InferenceView.ModelRef(d.id(), d.version(), d.model().sha256()), circuit.ezklVersion(),
                circuit.profile(), "logit", labels(model), Salt.WORDS, circuit.rows(),
                new Artefact(circuit.provenModelSha256(), base + CircuitResource.PROVEN_MODEL + query),
                circuit.logrows(), circuit.inputScale(), circuit.outputScale(), new Visibility("hashed", "public", "fixed"),
                new Artefact(circuit.settingsSha256(), base + CircuitResource.SETTINGS + query),
                new Artefact(circuit.verifyingKeySha256(), base + CircuitResource.VERIFYING_KEY + query),
                ProofView.Srs.of(circuit.srsSha256(), circuit.developmentSrs()), base + CircuitResource.SRS + query);
    }

    private static Labels labels(LoadedModel model) {
        ProvableModel.ProvenLabels labels = ((ProvableModel) model.plugin()).provenLabels();
        return new Labels(labels.negative(), labels.positive());
    }
}
