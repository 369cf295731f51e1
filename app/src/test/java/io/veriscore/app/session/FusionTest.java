package io.veriscore.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Late fusion of face, emotion and wearable at the default weights (models/fusion/weights.json). */
class FusionTest {

    static final SessionConfig RULES = SessionAggregatesTest.DEFAULTS;

    /** A session of two frames (stress 0.4, negative affect 0.1 + 0.2) and, when {@code wearable} is given, one window. */
    static SessionState session(Double wearable, Map<String, Object> quality, int windowEndsSecondsAfterStart) {
        SessionState state = new SessionState();
        for (SessionFrame frame : SessionAggregatesTest.eyes(0.3, 0.3)) {
            frame.emotions = Map.of("sad", 0.1, "fear", 0.2, "happy", 0.7);
            state.add(frame, RULES);
        }
        if (wearable != null) {
            SessionWearable window = new SessionWearable();
            window.stress = wearable;
            window.capturedAt = SessionAggregatesTest.START.plusSeconds(windowEndsSecondsAfterStart);
            window.quality = quality;
            state.add(window);
        }
        return state;
    }

    @Test
    void allThreeModalitiesAreWeighedAndEachContributionShown() {
        SessionAggregates.Fused fused = session(0.9, Map.of(), 1).aggregates(RULES).fused();
        assertEquals(0.3 * 0.4 + 0.2 * 0.3 + 0.5 * 0.9, fused.stress(), 1e-4);
        assertEquals(List.of("face", "emotion", "biosignal"), fused.contributions().stream().map(SessionAggregates.Contribution::modality).toList());
        assertEquals(fused.stress(), fused.contributions().stream().mapToDouble(SessionAggregates.Contribution::contribution).sum(), 1e-3);
        assertEquals(List.of(), fused.abstained());
    }

    @Test
    void aWindowWithBadSignalAbstainsAndTheOtherWeightsAreRenormalised() {
        SessionAggregates.Fused fused = session(0.9, Map.of("ecg", "flat"), 1).aggregates(RULES).fused();
        assertEquals((0.3 * 0.4 + 0.2 * 0.3) / 0.5, fused.stress(), 1e-4);
        assertEquals(0.6, fused.contributions().get(0).weight(), 1e-4, "0.3 of the 0.5 left");
        assertEquals(new SessionAggregates.Abstained("biosignal", "signal quality: ecg"), fused.abstained().get(0));
    }

    @Test
    void aStaleWindowAbstains() {
        SessionState state = session(0.9, Map.of(), 0);
        SessionFrame late = SessionAggregatesTest.frame(200, 0.3, 0.1, 0.4, "neutral");
        late.emotions = Map.of();
        state.add(late, RULES);
        assertEquals("biosignal", state.aggregates(RULES).fused().abstained().get(0).modality());
    }

    @Test
    void withoutAnyWearableWindowThereIsNoFusedReading() {
        assertNull(session(null, null, 0).aggregates(RULES).fused());
    }

    /** The defaults are what models/fusion/choose_weights.py chose: rerunning it and changing weights.json fails here until they follow. */
    @Test
    void theDefaultWeightsAreTheOnesTheGridSearchChose() throws IOException, NoSuchMethodException {
        JsonNode chosen = new ObjectMapper().readTree(Path.of("../models/fusion/weights.json").toFile()).get("weights");
        for (String modality : List.of("face", "emotion", "biosignal")) {
            String setting = SessionConfig.Fusion.class.getMethod(modality + "Weight").getAnnotation(WithDefault.class).value();
            assertEquals(chosen.get(modality).asDouble(), Double.parseDouble(setting), 1e-9, modality);
        }
    }
}
