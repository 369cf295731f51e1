package io.veriscore.app.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.auth.Caller;
import io.veriscore.app.canonical.CanonicalValues;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceService;
import io.veriscore.app.log.TransparencyLog;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.transparency.Sha256;
import io.veriscore.zk.CircuitSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Closes a session with a summary signed into the transparency log: frames, duration, aggregates (focus and fused
 * stress included) and, when asked, the stress model proven on up to one proof batch of its frames, sampled evenly.
 * The proven frames become ordinary results of the session's client (signed, proven in one batch proof, recordable
 * on-chain), and the summary names them with their mean stress, so that anyone can recompute it from the proven logits.
 */
@ApplicationScoped
public class SessionSummaries {

    /** The frames one summary proves at most: one batch proof. */
    static final int PROVEN_FRAMES = CircuitSettings.BATCH_ROWS;

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** The summary, and whether this request made it (else it was there already). */
    public record Summarised(SessionSummary summary, boolean created) {}

    private final SessionRepository sessions;
    private final SessionService service;
    private final InferenceService inferences;
    private final TransparencyLog log;
    private final ModelRegistry models;
    private final ObjectMapper mapper;
    private final SessionConfig rules;

    SessionSummaries(SessionRepository sessions, SessionService service, InferenceService inferences, TransparencyLog log,
            ModelRegistry models, ObjectMapper mapper, SessionConfig rules) {
        this.sessions = sessions;
        this.service = service;
        this.inferences = inferences;
        this.log = log;
        this.models = models;
        this.mapper = mapper;
        this.rules = rules;
    }

    public Optional<SessionSummary> find(FaceSession session) {
        return Optional.ofNullable(QuarkusTransaction.joiningExisting().call(() -> sessions.summary(session.id)));
    }

    /** The session's summary, made now if it has none; a second request gets the first one's, whatever it asked. */
    public Summarised summarise(FaceSession session, Caller caller, boolean prove) {
        Optional<SessionSummary> earlier = find(session);
        if (earlier.isPresent()) {
            return new Summarised(earlier.get(), false);
        }
        SessionAggregates aggregates = service.aggregates(session);
        if (aggregates == null) {
            throw new VeriscoreException(VeriscoreException.Kind.CONFLICT, "the session has no frame yet: nothing to summarise");
        }
        List<Integer> sampled = sample(aggregates.frames(), PROVEN_FRAMES);
        List<InferenceRecord> proven = prove ? prove(session, caller, sampled) : List.of();
        return QuarkusTransaction.requiringNew().call(() -> {
            sessions.lock(session.id);
            SessionSummary existing = sessions.summary(session.id);
            if (existing != null) {
                return new Summarised(existing, false);
            }
            SessionAggregates closing = service.aggregates(session); // frames may have come in since
            SessionSummary summary = new SessionSummary();
            summary.sessionId = session.id;
            summary.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            summary.resultIds = proven.stream().map(result -> result.id).toArray(UUID[]::new);
            summary.summary = body(session, summary.createdAt, closing, sampled, proven);
            sessions.persist(summary);
            log.append(new SessionSummaryLogRecord(summary));
            return new Summarised(summary, true);
        });
    }

    /**
     * The seqs of {@code count} frames (1 to n) spread evenly over n: all of them when n <= count, else the frame at
     * round(i (n - 1) / (count - 1)) + 1 for i = 0 .. count - 1 (the first and the last always).
     */
    static List<Integer> sample(int frames, int count) {
        List<Integer> seqs = new ArrayList<>();
        if (frames <= count) {
            for (int seq = 1; seq <= frames; seq++) {
                seqs.add(seq);
            }
            return seqs;
        }
        for (int i = 0; i < count; i++) {
            seqs.add((int) Math.round((double) i * (frames - 1) / (count - 1)) + 1);
        }
        return seqs;
    }

    /** The sampled frames' features as one batch request of the session's client, proven; replayed on a retry. */
    private List<InferenceRecord> prove(FaceSession session, Caller caller, List<Integer> seqs) {
        List<SessionFrame> frames = QuarkusTransaction.joiningExisting().call(() -> sessions.frames(session.id, seqs));
        List<JsonNode> inputs = frames.stream().<JsonNode>map(frame -> mapper.valueToTree(frame.features)).toList();
        String request = CanonicalValues.canonicalize(mapper, Map.of("session", session.id.toString(), "inputs", inputs));
        var command = new InferenceService.Command(caller, rules.stressModel(), new InferenceService.Payload.Features(inputs, true),
                true, Sha256.hex(request.getBytes(StandardCharsets.UTF_8)), Optional.of("session-summary:" + session.id));
        return inferences.create(command).records();
    }

    private Map<String, Object> body(FaceSession session, Instant createdAt, SessionAggregates aggregates, List<Integer> sampled,
            List<InferenceRecord> proven) {
        PluginDescriptor model = models.get(rules.stressModel()).descriptor();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", SessionSummaryLogRecord.KIND);
        body.put("sessionId", session.id.toString());
        body.put("client", session.client);
        body.put("openedAt", session.createdAt.toString());
        body.put("createdAt", createdAt.toString());
        body.put("stressModel", Map.of("id", model.id(), "version", model.version(), "sha256", model.model().sha256()));
        body.put("aggregates", mapper.convertValue(aggregates, OBJECT));
        if (!proven.isEmpty()) {
            Map<String, Object> proof = new LinkedHashMap<>();
            proof.put("sampling", aggregates.frames() <= PROVEN_FRAMES ? "every frame"
                    : "evenly: of n frames, the frame at round(i (n - 1) / " + (PROVEN_FRAMES - 1) + ") + 1 for i = 0.."
                    + (PROVEN_FRAMES - 1));
            proof.put("frames", sampled);
            proof.put("results", proven.stream().map(result -> result.id.toString()).toList());
            proof.put("meanStress", Math.round(proven.stream().mapToDouble(result -> result.score).average().orElseThrow() * 1e6) / 1e6);
            body.put("proven", proof);
        }
        return body;
    }
}
