package io.veriscore.app.log;

import java.util.Map;
import java.util.UUID;

/**
 * A record of the transparency log. Each feature owns its kinds (a {@link LogRecordKind} each): their bodies are pure
 * functions of the stored rows, so an auditor can recompute every record from the database and find any row changed
 * after it was signed.
 */
public interface LogRecord {

    /** The kind, as stored in {@code log_entry.kind}: {@code inference}, {@code proof}, {@code onchain}. */
    String kind();

    /** The result the record concerns. */
    UUID subjectId();

    /** What is canonicalized, signed and hashed. */
    Map<String, Object> body();
}
