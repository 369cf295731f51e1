package io.veriscore.app.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A wearable window's reading: the wearable model's stress probability, its label and signal problems, and the session's aggregates after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WearableView(int seq, Instant capturedAt, double stress, String label, Map<String, Object> quality,
        List<String> warnings, SessionAggregates aggregates) {

    static WearableView of(SessionService.WearableResult result) {
        SessionWearable window = result.window();
        return new WearableView(window.key.seq(), window.capturedAt, window.stress, window.label, window.quality,
                result.warnings(), result.aggregates());
    }
}
