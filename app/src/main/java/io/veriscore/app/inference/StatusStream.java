package io.veriscore.app.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.veriscore.app.chain.OnchainService;
import io.veriscore.app.chain.OnchainView;
import io.veriscore.app.web.StreamPlaces;
import io.veriscore.app.proof.ProofService;
import io.veriscore.app.proof.ProofStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A result's proof and on-chain status as a stream of server-sent events: the current status at once, then each
 * change, until nothing more can change (the proof failed, or the submission ended) or {@link #LONGEST} passed.
 * One small query per stream every {@link #EVERY}, on a worker thread: changes made by any instance are seen.
 */
@ApplicationScoped
public class StatusStream {

    static final Duration EVERY = Duration.ofMillis(250);
    static final Duration LONGEST = Duration.ofMinutes(15);

    /** One event: where the proof and the on-chain submission stand; either is absent when never asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(UUID result, InferenceView.ProofSummary proof, OnchainView onchain, boolean last) {}

    private final ProofService proofs;
    private final OnchainService onchain;
    private final StreamPlaces places;

    StatusStream(ProofService proofs, OnchainService onchain, InferenceConfig config) {
        this.proofs = proofs;
        this.onchain = onchain;
        this.places = new StreamPlaces("event streams", config.maxEventStreams(), config.maxEventStreamsPerClient());
    }

    /**
     * The stream of a result's status for {@code client}; 503 when {@code veriscore.inference.max-event-streams} are open
     * on this instance, 429 when the client has {@code max-event-streams-per-client} open.
     */
    public Multi<Status> of(InferenceRecord result, String client) {
        if (!places.take(client)) {
            throw places.refusal(client);
        }
        long ticks = LONGEST.toMillis() / EVERY.toMillis();
        return Multi.createFrom().<Status>emitter(emitter -> {
            AtomicReference<Status> previous = new AtomicReference<>();
            AtomicReference<ScheduledFuture<?>> polling = new AtomicReference<>();
            long[] remaining = {ticks};
            polling.set(Infrastructure.getDefaultWorkerPool().scheduleWithFixedDelay(() -> {
                try {
                    Status now = QuarkusTransaction.requiringNew().call(() -> status(result, --remaining[0] <= 0));
                    if (!Objects.equals(now, previous.getAndSet(now))) {
                        emitter.emit(now);
                    }
                    if (now.last()) {
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS));
            emitter.onTermination(() -> polling.get().cancel(false));
        }).onTermination().invoke(() -> places.free(client));
    }

    private Status status(InferenceRecord result, boolean outOfTime) {
        ProofStatus proof = proofs.statuses(List.of(result)).get(result.id);
        OnchainView submission = onchain.latest(result.id).map(OnchainView::of).orElse(null);
        boolean settled = proof == null && submission == null
                || proof != null && proof.state() == ProofStatus.State.FAILED
                || submission != null && List.of("mined", "reverted", "failed").contains(submission.status());
        return new Status(result.id, InferenceView.ProofSummary.of(result.id, proof), submission, settled || outOfTime);
    }
}
