package io.veriscore.app.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.auth.Caller;
import io.veriscore.app.auth.Role;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import io.veriscore.app.face.ImageInputs;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.web.Listings.Position;
import io.veriscore.face.Gaze;
import io.veriscore.face.HeadPose;
import io.veriscore.spi.Face;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.Prediction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Face sessions: each frame is scanned once, read by the stress MLP and the emotion model, stored, and the session's
 * aggregates brought up to date by its {@link SessionState}, in the frame's transaction and under the session's lock.
 */
@ApplicationScoped
public class SessionService {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final String NO_FACE = "no-face";

    /** A stored frame with its scan's landmarks (x, y in image pixels) and warnings, and the session's aggregates after it. */
    public record FrameResult(SessionFrame frame, List<double[]> landmarks, List<String> warnings, SessionAggregates aggregates) {}

    private final SessionRepository sessions;
    private final ModelRegistry models;
    private final ImageInputs faces;
    private final ObjectMapper mapper;
    private final SessionConfig rules;

    SessionService(SessionRepository sessions, ModelRegistry models, ImageInputs faces, ObjectMapper mapper, SessionConfig sessionConfig) {
        this.sessions = sessions;
        this.models = models;
        this.faces = faces;
        this.mapper = mapper;
        this.rules = sessionConfig;
    }

    public FaceSession open(Caller caller) {
        FaceSession session = new FaceSession();
        session.id = UUID.randomUUID();
        session.client = caller.name();
        session.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> sessions.persist(session));
        return session;
    }

    /** The session, when the caller may see it; another client's is as absent as one that does not exist. */
    public FaceSession get(UUID id, Caller caller) {
        FaceSession session = QuarkusTransaction.joiningExisting().call(() -> sessions.find(id));
        if (session == null || !caller.maySee(session.client)) {
            throw VeriscoreException.notFound("no session with id " + id);
        }
        return session;
    }

    /** A frame read but not yet stored: its readings, and its landmarks and warnings for the answer. */
    public record ReadFrame(SessionFrame frame, List<double[]> landmarks, List<String> warnings) {}

    public FrameResult addFrame(FaceSession session, ImageInputs.Image image) {
        ReadFrame read;
        try {
            read = read(image);
        } catch (VeriscoreException e) {
            missed(session, e);
            throw e;
        }
        return store(session, read);
    }

    /**
     * Counts a frame refused because it held no face towards the focus score's grace (a session's later frames score
     * 0 after {@code focus.grace-frames} of them in a row); other refusals, and frames before the first face, count
     * for nothing.
     */
    public void missed(FaceSession session, Throwable refusal) {
        if (!(refusal instanceof VeriscoreException e) || e.errors().stream().noneMatch(error -> NO_FACE.equals(error.detail()))) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            sessions.lock(session.id);
            SessionStateRow row = sessions.state(session.id);
            if (row != null) {
                SessionState state = read(row.state);
                state.noFace(rules);
                row.state = write(state);
            }
        });
    }

    /** Scans a frame and reads it with both models; touches no session, so frames of one session may be read at once. */
    public ReadFrame read(ImageInputs.Image image) {
        ImageInputs.Found found = faces.find(image);
        Map<String, Object> features = input(rules.stressModel(), found);
        Prediction stress = models.get(rules.stressModel()).predict(List.of(features)).get(0);
        Prediction emotion = models.get(rules.emotionModel()).predict(List.of(input(rules.emotionModel(), found))).get(0);
        SessionFrame frame = new SessionFrame();
        frame.capturedAt = image.capturedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        frame.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        frame.features = features;
        frame.eyeAspect = rules.eyeAspectFeatures().stream().mapToDouble(name -> number(features, name)).average().orElseThrow();
        frame.mouthAspect = number(features, rules.mouthAspectFeature());
        frame.stress = stress.score();
        frame.emotion = emotion.label();
        frame.emotionConfidence = emotion.score();
        @SuppressWarnings("unchecked")
        Map<String, Object> probabilities = (Map<String, Object>) emotion.details().get("probabilities");
        frame.emotions = probabilities;
        frame.face = found.face();
        HeadPose pose = found.scan().pose();
        Gaze gaze = found.scan().gaze();
        frame.yaw = pose.yaw();
        frame.pitch = pose.pitch();
        frame.roll = pose.roll();
        frame.gazeX = gaze.x();
        frame.gazeY = gaze.y();
        Focus focus = Focus.of(pose, gaze, frame.eyeAspect, rules);
        frame.focus = focus.score();
        frame.focusFace = focus.face();
        frame.focusEye = focus.eye();
        return new ReadFrame(frame, landmarks(found.scan().face()), found.warnings());
    }

    /** Stores a read frame as the session's next and brings its aggregates up to date, under the session's lock. */
    public FrameResult store(FaceSession session, ReadFrame read) {
        SessionFrame frame = read.frame();
        return QuarkusTransaction.requiringNew().call(() -> {
            int seq = sessions.nextSeq(session.id);
            requireOpen(session);
            frame.key = new SessionFrame.Key(session.id, seq);
            sessions.persist(frame);
            SessionState state = update(session, current -> current.add(frame, rules));
            return new FrameResult(frame, read.landmarks(), read.warnings(), state.aggregates(rules));
        });
    }

    /**
     * The session's state with {@code change} made, saved, in the caller's transaction and under the session's lock
     * (taken by the caller). A session without a state row (the first frame, or one from before states were kept) gets
     * one by replaying its stored frames and wearable windows, which already include the new row.
     */
    private SessionState update(FaceSession session, java.util.function.Consumer<SessionState> change) {
        SessionStateRow row = sessions.state(session.id);
        SessionState state;
        if (row == null) {
            state = SessionState.replay(sessions.frames(session.id), rules);
            sessions.wearables(session.id).forEach(state::add);
            row = new SessionStateRow();
            row.sessionId = session.id;
            row.frames = state.frames;
            row.state = write(state);
            sessions.persist(row);
        } else {
            state = read(row.state);
            change.accept(state);
            row.frames = state.frames;
            row.state = write(state);
        }
        return state;
    }

    /** A stored wearable window, what the client should know of it, and the session's aggregates after it (null before a frame). */
    public record WearableResult(SessionWearable window, List<String> warnings, SessionAggregates aggregates) {}

    /**
     * Scores a wearable window ({@code input}: one window as the wearable model takes it; or {@code recording}, of
     * which the last window is scored) and stores it as the session's latest, for the fused stress reading.
     */
    public WearableResult addWearable(FaceSession session, JsonNode window, JsonNode wholeRecording, OffsetDateTime capturedAt) {
        JsonNode input = window == null || window.isNull() ? null : window;
        JsonNode recording = wholeRecording == null || wholeRecording.isNull() ? null : wholeRecording;
        if ((input == null) == (recording == null)) {
            throw VeriscoreException.invalidRequest("send either 'input' (one window) or 'recording' (its last window is scored)");
        }
        if (!(input != null ? input : recording).isObject()) {
            throw VeriscoreException.unprocessable("a window or a recording is a JSON object, as model biosignal takes it",
                    List.of(new FieldError(input != null ? "/input" : "/recording", "not an object")));
        }
        LoadedModel model = models.get(rules.fusion().wearableModel());
        Map<String, Object> scored = input != null ? validated(model, input, "/input") : lastWindow(model, recording);
        Prediction prediction;
        try {
            prediction = model.predict(List.of(scored)).get(0);
        } catch (InvalidInputException e) {
            throw VeriscoreException.unprocessable(e.getMessage(), List.of(new FieldError(input != null ? "/input" : "/recording", e.getMessage())));
        }
        SessionWearable wearable = new SessionWearable();
        wearable.capturedAt = capturedAt.toInstant().truncatedTo(ChronoUnit.MICROS);
        wearable.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        wearable.stress = prediction.score();
        wearable.label = prediction.label();
        wearable.quality = prediction.details().get("quality") instanceof Map<?, ?> quality
                ? mapper.convertValue(quality, OBJECT) : Map.of();
        return QuarkusTransaction.requiringNew().call(() -> {
            sessions.lock(session.id);
            requireOpen(session);
            wearable.key = new SessionFrame.Key(session.id, sessions.nextWearableSeq(session.id));
            sessions.persist(wearable);
            SessionState state = update(session, current -> current.add(wearable));
            return new WearableResult(wearable, prediction.warnings(), state.aggregates(rules));
        });
    }

    private Map<String, Object> validated(LoadedModel model, JsonNode input, String pointer) {
        List<FieldError> errors = model.validate(input, pointer);
        if (!errors.isEmpty()) {
            throw VeriscoreException.unprocessable("the window does not match model " + model.descriptor().id() + "'s input schema", errors);
        }
        return mapper.convertValue(input, OBJECT);
    }

    private Map<String, Object> lastWindow(LoadedModel model, JsonNode recording) {
        var segmenting = model.segmentingModel().orElseThrow(() -> new IllegalStateException(
                "veriscore.session.fusion.wearable-model names " + model.descriptor().id() + ", which takes no recordings"));
        try {
            List<Map<String, Object>> windows = segmenting.segment(mapper.convertValue(recording, OBJECT));
            if (windows.isEmpty()) {
                throw VeriscoreException.unprocessable("the recording is shorter than one window",
                        List.of(new FieldError("/recording", "too short")));
            }
            return validated(model, mapper.valueToTree(windows.get(windows.size() - 1)), "/recording");
        } catch (InvalidInputException e) {
            String pointer = "/recording" + (e.field() == null ? "" : "/" + e.field());
            throw VeriscoreException.unprocessable(e.getMessage(), List.of(new FieldError(pointer, e.getMessage())));
        }
    }

    /** Refuses a frame or window to a summarised session; the caller holds the session's lock. */
    private void requireOpen(FaceSession session) {
        if (sessions.summary(session.id) != null) {
            throw new VeriscoreException(VeriscoreException.Kind.CONFLICT, "session " + session.id
                    + " is summarised and takes no more frames: open a new session");
        }
    }

    private static List<double[]> landmarks(Face face) {
        return IntStream.range(0, Face.LANDMARK_COUNT).mapToObj(face::landmark)
                .map(point -> new double[] {Math.round(point.x() * 10) / 10.0, Math.round(point.y() * 10) / 10.0}).toList();
    }

    /** A page of the session's stored frames after frame {@code afterSeq}. */
    public List<SessionFrame> frames(FaceSession session, int afterSeq, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> sessions.frames(session.id, afterSeq, limit));
    }

    /** A page of sessions the caller may see (a client's own, an auditor's: all), newest first, each with its aggregates. */
    public List<SessionView> list(Caller caller, Optional<Position> after, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<FaceSession> page = sessions.page(caller.role() == Role.AUDITOR ? Optional.empty() : Optional.of(caller.name()), after, limit);
            Map<UUID, SessionStateRow> states = page.isEmpty() ? Map.of() : sessions.states(page.stream().map(s -> s.id).toList());
            return page.stream().map(session -> SessionView.of(session, Optional.ofNullable(states.get(session.id))
                    .map(row -> read(row.state)).filter(state -> state.frames > 0).map(state -> state.aggregates(rules)).orElse(null))).toList();
        });
    }

    /** The session's aggregates after its latest frame; null before its first. */
    public SessionAggregates aggregates(FaceSession session) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            SessionStateRow row = sessions.state(session.id);
            SessionState state = row != null ? read(row.state) : SessionState.replay(sessions.frames(session.id), rules);
            return state.frames == 0 ? null : state.aggregates(rules);
        });
    }

    private SessionState read(String json) {
        try {
            return mapper.readValue(json, SessionState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored session state is not readable", e);
        }
    }

    private String write(SessionState state) {
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> input(String modelId, ImageInputs.Found found) {
        LoadedModel model = models.get(modelId);
        var face = model.faceScanModel().orElseThrow(() -> new IllegalStateException("veriscore.session names model "
                + modelId + ", which does not score faces"));
        return mapper.convertValue(faces.inputFor(face, modelId, found), OBJECT);
    }

    private double number(Map<String, Object> features, String key) {
        if (!(features.get(key) instanceof Number number)) {
            throw new IllegalStateException("model " + rules.stressModel() + " has no numeric input feature " + key
                    + " (veriscore.session.eye-aspect-features, mouth-aspect-feature)");
        }
        return number.doubleValue();
    }
}
