package io.veriscore.app.inference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.auth.Caller;
import io.veriscore.app.canonical.CanonicalValues;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import io.veriscore.app.face.ImageInputs;
import io.veriscore.app.face.ImageInputs.ScannedInput;
import io.veriscore.app.inference.InferenceRepository.Filter;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.TransparencyLog;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.web.Listings.Position;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.Prediction;
import io.veriscore.spi.SegmentingModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Scores inputs with a model plugin and stores every result; replays retries of idempotent requests. */
@ApplicationScoped
public class InferenceService {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** What a request gives to score: exactly one of these. */
    public sealed interface Payload {
        /** One input object ({@code batch} false), or a batch of them. */
        record Features(List<JsonNode> inputs, boolean batch) implements Payload {}

        /** A face image, for a model that scores faces. */
        record Image(ImageInputs.Image image) implements Payload {}

        /** A wearable recording, which the model's plugin cuts into windows: one result each. */
        record Recording(JsonNode recording) implements Payload {}
    }

    /**
     * What one request to score asked for: {@code prove} asks for a zero-knowledge proof of each result.
     * {@code requestSha256} identifies the request for idempotent retries.
     */
    public record Command(Caller caller, String model, Payload payload, boolean prove, String requestSha256,
            Optional<String> idempotencyKey) {

        /** Idempotency keys are the client's own: the same key from another client is another request. */
        Optional<String> scopedKey() {
            return idempotencyKey.map(key -> caller.name() + ":" + key);
        }

        /** Whether the answer is a list of results: a batch of inputs, or the windows of a recording. */
        public boolean batch() {
            return switch (payload) {
                case Payload.Features features -> features.batch();
                case Payload.Image image -> false;
                case Payload.Recording recording -> true;
            };
        }
    }

    /** The stored results; {@code replayed} when they were created by an earlier request with the same key. */
    public record Created(List<InferenceRecord> records, boolean batch, boolean replayed) {}

    /** One page of a listing, with the position to continue from when there is more. */
    public record Page(List<InferenceRecord> records, Optional<Position> next) {}

    private final ModelRegistry models;
    private final InferenceRepository inferences;
    private final IdempotencyRepository idempotency;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final ResultProofs proofs;
    private final TransparencyLog log;
    private final ImageInputs faces;
    private final ResultWriter writer;
    private final int maxBatchSize;

    InferenceService(ModelRegistry models, InferenceRepository inferences, IdempotencyRepository idempotency,
            ObjectMapper mapper, MeterRegistry meters, ResultProofs proofs, TransparencyLog log, ImageInputs faces,
            InferenceConfig inferenceConfig, ResultWriter writer) {
        this.models = models;
        this.writer = writer;
        this.maxBatchSize = inferenceConfig.maxBatchSize();
        this.faces = faces;
        this.log = log;
        this.proofs = proofs;
        this.inferences = inferences;
        this.idempotency = idempotency;
        this.mapper = mapper;
        this.meters = meters;
    }

    public Created create(Command command) {
        Optional<Created> earlier = command.scopedKey().flatMap(key -> replay(key, command));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<InferenceRecord> records = evaluate(command);
        List<LogEntry> signed = records.stream().map(record -> log.sign(new InferenceLogRecord(record))).toList();
        Created created = writer.commit(rows -> store(records, signed, command, rows));
        if (command.prove()) {
            proofs.startRequestedJobs();
        }
        return created;
    }

    /** A result the caller may see; one it may not is as absent as one that does not exist. */
    public InferenceRecord get(UUID id, Caller caller) {
        InferenceRecord record = inferences.findById(id);
        if (record == null || !caller.maySee(record.client)) {
            throw VeriscoreException.notFound("no inference with id " + id);
        }
        return record;
    }

    public Page list(Filter filter, Optional<Position> after, int limit) {
        List<InferenceRecord> records = inferences.page(filter, after, limit + 1);
        if (records.size() <= limit) {
            return new Page(records, Optional.empty());
        }
        InferenceRecord last = records.get(limit - 1);
        return new Page(records.subList(0, limit), Optional.of(new Position(last.createdAt, last.id)));
    }

    /** Every result the filter matches, newest first, handed over a page at a time, each page read in a transaction of its own. */
    public void forEachPage(Filter filter, int pageSize, java.util.function.Consumer<List<InferenceRecord>> handle) {
        Optional<Position> after = Optional.empty();
        do {
            Optional<Position> from = after;
            Page page = QuarkusTransaction.requiringNew().call(() -> list(filter, from, pageSize));
            handle.accept(page.records());
            after = page.next();
        } while (after.isPresent());
    }

    private List<InferenceRecord> evaluate(Command command) {
        LoadedModel model = models.requested(command.model());
        if (command.prove()) {
            proofs.checkProvable(model);
        }
        Optional<ScannedInput> scanned = command.payload() instanceof Payload.Image image
                ? Optional.of(scan(model, image.image())) : Optional.empty();
        List<JsonNode> inputs = switch (command.payload()) {
            case Payload.Features features -> features.inputs();
            case Payload.Image image -> List.of(scanned.orElseThrow().input());
            case Payload.Recording recording -> segment(model, recording.recording());
        };
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            errors.addAll(model.validate(inputs.get(i), pointer(command, i)));
        }
        if (!errors.isEmpty()) {
            throw VeriscoreException.unprocessable("input does not match the input schema of model " + command.model(), errors);
        }
        List<Map<String, Object>> values = inputs.stream().map(input -> mapper.convertValue(input, OBJECT)).toList();
        if (command.prove()) {
            proofs.checkRequest(command.caller().name(), model, values, (i, name) -> command.payload() instanceof Payload.Image ? "/image"
                    : pointer(command, i) + "/" + name);
        }
        List<Prediction> predictions = predict(model, values, command);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        List<InferenceRecord> records = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Prediction prediction = scanned.isPresent() ? withFace(predictions.get(i), scanned.get()) : predictions.get(i);
            records.add(record(model.descriptor(), values.get(i), inputs.get(i), prediction, now, command.caller().name()));
        }
        return records;
    }

    private ScannedInput scan(LoadedModel model, ImageInputs.Image image) {
        return model.faceScanModel().map(face -> faces.scan(face, model.descriptor().id(), image))
                .orElseThrow(() -> VeriscoreException.unprocessable("model " + model.descriptor().id()
                        + " does not score images; models that do: " + models.faceScanIds(),
                        List.of(new FieldError("/image", "send 'input' for this model"))));
    }

    /**
     * Refuses (413) more inputs than one request scores ({@code veriscore.inference.max-batch-size}); {@code tooMany}
     * formats the count, then the limit.
     */
    public void requireOneRequest(int inputs, String tooMany) {
        if (inputs > maxBatchSize) {
            throw VeriscoreException.tooLarge(tooMany.formatted(inputs, maxBatchSize));
        }
    }

    /** The recording cut into the model's inputs by its plugin: one result per input. */
    private List<JsonNode> segment(LoadedModel model, JsonNode recording) {
        SegmentingModel segmenting = model.segmentingModel().orElseThrow(() -> VeriscoreException.unprocessable(
                "model " + model.descriptor().id() + " takes no recordings; send 'input' or 'inputs'",
                List.of(new FieldError("/recording", "not for this model"))));
        try {
            List<JsonNode> inputs = segmenting.segment(mapper.convertValue(recording, OBJECT)).stream()
                    .<JsonNode>map(mapper::valueToTree).toList();
            requireOneRequest(inputs.size(), "the recording makes %d windows; at most %d are scored in one request: send it in parts");
            return inputs;
        } catch (InvalidInputException e) {
            String pointer = "/recording" + (e.field() == null ? "" : "/" + e.field());
            throw VeriscoreException.unprocessable(e.getMessage(), List.of(new FieldError(pointer, e.getMessage())));
        }
    }

    /** The prediction with the face it was made from: in the details, and its warnings first. */
    private static Prediction withFace(Prediction prediction, ScannedInput scan) {
        Map<String, Object> details = new LinkedHashMap<>(prediction.details());
        details.put("face", scan.face());
        List<String> warnings = new ArrayList<>(scan.warnings());
        warnings.addAll(prediction.warnings());
        return new Prediction(prediction.score(), prediction.label(), details, warnings);
    }

    private List<Prediction> predict(LoadedModel model, List<Map<String, Object>> values, Command command) {
        try {
            List<Prediction> predictions = meters.timer("veriscore.inference.model", "model", command.model())
                    .record(() -> model.predict(values));
            predictions.forEach(prediction -> countDrift(command.model(), prediction));
            return predictions;
        } catch (InvalidInputException e) {
            String field = e.field() == null ? "" : "/" + e.field();
            throw VeriscoreException.unprocessable(e.getMessage(),
                    List.of(new FieldError(pointer(command, e.index()) + field, e.getMessage())));
        }
    }

    /** Counts the inputs a plugin found drifted, per channel (details.drift: channel -> {drifted: true|false}). */
    private void countDrift(String model, Prediction prediction) {
        if (prediction.details().get("drift") instanceof Map<?, ?> drift) {
            drift.forEach((channel, check) -> {
                boolean drifted = check instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("drifted"));
                meters.counter("veriscore.drift.checks", "model", model, "channel", String.valueOf(channel),
                        "drifted", String.valueOf(drifted)).increment();
            });
        }
    }

    private InferenceRecord record(PluginDescriptor descriptor, Map<String, Object> input, JsonNode json, Prediction prediction,
            Instant now, String client) {
        InferenceRecord record = new InferenceRecord();
        record.client = client;
        record.id = UUID.randomUUID();
        record.modelId = descriptor.id();
        record.modelVersion = descriptor.version();
        record.modelSha256 = descriptor.model().sha256();
        record.input = input;
        record.inputSha256 = CanonicalValues.sha256(mapper, json);
        record.score = prediction.score();
        record.label = prediction.label();
        record.details = prediction.details();
        record.warnings = prediction.warnings();
        record.createdAt = now;
        return record;
    }

    private Created store(List<InferenceRecord> records, List<LogEntry> signed, Command command, ResultWriter.Group rows) {
        if (command.scopedKey().isPresent()) {
            String key = command.scopedKey().get();
            rows.flush(); // an earlier request of the group may be the one to replay
            idempotency.lock(key);
            Optional<Created> earlier = replay(key, command); // a concurrent retry committed while we computed
            if (earlier.isPresent()) {
                return earlier.get();
            }
            IdempotencyRecord request = new IdempotencyRecord();
            request.key = key;
            request.requestSha256 = command.requestSha256();
            request.batch = command.batch();
            request.inferenceIds = records.stream().map(r -> r.id).toList();
            request.createdAt = records.get(0).createdAt;
            idempotency.persist(request);
        }
        rows.add(records, signed);
        if (command.prove()) {
            rows.flush(); // proof requests reference the results
            proofs.request(records, command.batch());
        }
        return new Created(records, command.batch(), false);
    }

    /** The results of an earlier request with this key; joins the caller's transaction when there is one. */
    private Optional<Created> replay(String key, Command command) {
        return QuarkusTransaction.joiningExisting().call(() -> idempotency.findByIdOptional(key).map(earlier -> {
            if (!earlier.requestSha256.equals(command.requestSha256())) {
                throw VeriscoreException.unprocessable("Idempotency-Key '" + command.idempotencyKey().orElseThrow()
                        + "' was already used for a different request",
                        List.of(new FieldError("", "reuse a key only to retry the identical request")));
            }
            List<InferenceRecord> records = earlier.inferenceIds.stream().map(inferences::findById).toList();
            return new Created(records, earlier.batch, true);
        }));
    }

    private static String pointer(Command command, int index) {
        return switch (command.payload()) {
            case Payload.Image image -> "/image";
            case Payload.Recording recording -> "/recording/windows/" + index;
            case Payload.Features features -> features.batch() ? "/inputs/" + index : "/input";
        };
    }
}
