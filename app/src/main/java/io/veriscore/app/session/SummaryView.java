package io.veriscore.app.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A session's summary: the signed body ({@code GET /v1/audit/records/{sessionId}} gives its log entry, signature and
 * inclusion proof) and, when proven, where each proven frame's result and proof are.
 */
public record SummaryView(UUID sessionId, Instant createdAt, Map<String, Object> summary, List<String> resultHrefs,
        String recordsHref) {

    static SummaryView of(SessionSummary summary) {
        return new SummaryView(summary.sessionId, summary.createdAt, summary.summary,
                Arrays.stream(summary.resultIds).map(id -> "/v1/inferences/" + id).toList(),
                "/v1/audit/records/" + summary.sessionId);
    }
}
