package io.veriscore.app.notify;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A step of a result's work that is not the end of it (an on-chain record waiting for its batch, being proven for the
 * chain, sent), fired in the transaction that stores the step. Ends are signed log records and reach subscribers as
 * such; steps are not signed, they only tell where the work is.
 *
 * @param type   what happened, as {@code <work>.<status>}, e.g. {@code onchain.proving}
 * @param detail what the step says beside its status (reason, attempt, transaction hash), nulls left out
 */
public record ResultStep(UUID resultId, String type, Instant at, Map<String, Object> detail) {}
