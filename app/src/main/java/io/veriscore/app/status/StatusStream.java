package io.veriscore.app.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.veriscore.app.chain.OnchainService;
import io.veriscore.app.chain.OnchainView;
import io.veriscore.app.inference.InferenceConfig;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.ProofSummary;
import io.veriscore.app.notify.ResultChanges;
import io.veriscore.app.proof.ProofService;
import io.veriscore.app.proof.ProofStatus;
import io.veriscore.app.web.StreamPlaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A result's proof and on-chain status as a stream of server-sent events: the current status at once, then each
 * change, until nothing more can change (the proof failed, or the submission ended) or {@link #LONGEST} passed. A
 * stream reads the status when {@link ResultChanges} says the result changed (on any instance), and not otherwise: an
 * open stream costs no query while nothing changes.
 */
@ApplicationScoped
public class StatusStream {

    static final Duration LONGEST = Duration.ofMinutes(15);

    /** One event: where the proof and the on-chain submission stand; either is absent when never asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(UUID result, @Schema(nullable = true) ProofSummary proof, @Schema(nullable = true) OnchainView onchain, boolean last) {}

    private final ProofService proofs;
    private final OnchainService onchain;
    private final ResultChanges changes;
    private final StreamPlaces places;
    private final Counter reads;

    StatusStream(ProofService proofs, OnchainService onchain, ResultChanges changes, InferenceConfig config, MeterRegistry meters) {
        this.proofs = proofs;
        this.onchain = onchain;
        this.changes = changes;
        this.places = new StreamPlaces("event streams", config.maxEventStreams(), config.maxEventStreamsPerClient());
        this.reads = meters.counter("veriscore.events.status.reads");
    }

    /**
     * The stream of a result's status for {@code client}; 503 when {@code veriscore.inference.max-event-streams} are open
     * on this instance, 429 when the client has {@code max-event-streams-per-client} open.
     */
    public Multi<Status> of(InferenceRecord result, String client) {
        if (!places.take(client)) {
            throw places.refusal(client);
        }
        return Multi.createFrom().<Status>emitter(emitter -> {
            AtomicReference<Status> previous = new AtomicReference<>();
            AtomicBoolean reading = new AtomicBoolean();
            AtomicBoolean again = new AtomicBoolean();
            AtomicBoolean expired = new AtomicBoolean();
            // Reads run one at a time on a worker; a change told meanwhile makes one more read after it.
            Runnable read = new Runnable() {
                @Override
                public void run() {
                    if (!reading.compareAndSet(false, true)) {
                        again.set(true);
                        return;
                    }
                    Infrastructure.getDefaultWorkerPool().execute(() -> {
                        try {
                            again.set(false);
                            Status now = QuarkusTransaction.requiringNew().call(() -> status(result, expired.get()));
                            if (!Objects.equals(now, previous.getAndSet(now))) {
                                emitter.emit(now);
                            }
                            if (now.last()) {
                                emitter.complete();
                            }
                        } catch (RuntimeException e) {
                            emitter.fail(e);
                        } finally {
                            reading.set(false);
                        }
                        if (again.get() && !emitter.isCancelled()) {
                            run();
                        }
                    });
                }
            };
            AutoCloseable subscription = changes.subscribe(result.id, read::run);
            var deadline = Infrastructure.getDefaultWorkerPool().schedule(() -> {
                expired.set(true);
                read.run();
            }, LONGEST.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                deadline.cancel(false);
                try {
                    subscription.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            read.run();
        }).onTermination().invoke(() -> places.free(client));
    }

    private Status status(InferenceRecord result, boolean outOfTime) {
        reads.increment();
        ProofStatus proof = proofs.statuses(List.of(result)).get(result.id);
        OnchainView submission = onchain.latest(result.id).map(OnchainView::of).orElse(null);
        boolean settled = proof == null && submission == null
                || proof != null && proof.state() == ProofSummary.State.FAILED
                || submission != null && List.of("mined", "reverted", "failed").contains(submission.status());
        return new Status(result.id, proof == null ? null : proof.summary(result.id), submission, settled || outOfTime);
    }
}
