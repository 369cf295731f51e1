package io.veriscore.app.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * How a feature's records of one kind are made again from its rows (a CDI bean each): the log export puts the record
 * the rows call for now beside the signed one, and an auditor compares the two.
 */
public interface LogRecordKind {

    /** The kind, as in {@link LogRecord#kind()}. */
    String kind();

    /** The record the entry's rows make now; empty when a row is gone. {@code body} is the signed body, parsed. */
    Optional<? extends LogRecord> current(LogEntry entry, JsonNode body);

    /** What an export with proofs adds to the entry's line (a proof file, say); nothing by default. */
    default Map<String, Object> attachments(LogEntry entry, JsonNode body) {
        return Map.of();
    }
}
