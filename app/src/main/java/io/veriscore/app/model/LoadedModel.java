package io.veriscore.app.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.veriscore.app.error.VeriscoreException.FieldError;
import io.veriscore.spi.FaceScanModel;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.Prediction;
import io.veriscore.spi.ProvableModel;
import io.veriscore.spi.SegmentingModel;
import io.veriscore.transparency.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A plugin with what the service keeps for it: its verified ONNX session and its compiled input schema. */
public final class LoadedModel implements AutoCloseable {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig SCHEMA_CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).build();

    private final ModelPlugin plugin;
    private final PluginDescriptor descriptor;
    private final OnnxModelSession session;
    private final JsonSchema inputSchema;
    private final JsonNode inputSchemaJson;
    private final JsonNode outputSchemaJson;
    private final byte[] onnxModel;

    private LoadedModel(ModelPlugin plugin, OnnxModelSession session, byte[] onnxModel, ObjectMapper mapper)
            throws JsonProcessingException {
        this.plugin = plugin;
        this.onnxModel = onnxModel;
        this.descriptor = plugin.descriptor();
        this.session = session;
        this.inputSchemaJson = mapper.readTree(descriptor.inputSchema());
        this.outputSchemaJson = mapper.readTree(descriptor.outputSchema());
        this.inputSchema = SCHEMAS.getSchema(inputSchemaJson, SCHEMA_CONFIG);
    }

    /** Creates the plugin, checks its model against the declared SHA-256 and opens an ONNX session. */
    static LoadedModel load(ModelPluginFactory factory, OrtEnvironment environment, int intraOpThreads, ObjectMapper mapper) {
        ModelPlugin plugin = factory.create();
        PluginDescriptor descriptor = plugin.descriptor();
        if (!descriptor.id().equals(factory.id())) {
            throw new IllegalStateException("factory " + factory.id() + " created plugin " + descriptor.id());
        }
        byte[] model = readModel(plugin, descriptor);
        String actual = Sha256.hex(model);
        if (!actual.equals(descriptor.model().sha256())) {
            throw new IllegalStateException("plugin %s declares model SHA-256 %s but %s has %s".formatted(
                    descriptor.id(), descriptor.model().sha256(), descriptor.model().resourcePath(), actual));
        }
        try {
            return new LoadedModel(plugin, new OnnxModelSession(environment, model, intraOpThreads), model, mapper);
        } catch (OrtException | JsonProcessingException e) {
            throw new IllegalStateException("cannot load plugin " + descriptor.id() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readModel(ModelPlugin plugin, PluginDescriptor descriptor) {
        String path = descriptor.model().resourcePath();
        try (InputStream in = plugin.getClass().getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("plugin " + descriptor.id() + " has no model resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model " + path + " of plugin " + descriptor.id(), e);
        }
    }

    public PluginDescriptor descriptor() {
        return descriptor;
    }

    public ModelPlugin plugin() {
        return plugin;
    }

    /** The plugin as a face-scan model, when it can score a face found in an image. */
    public java.util.Optional<FaceScanModel> faceScanModel() {
        return plugin instanceof FaceScanModel face ? java.util.Optional.of(face) : java.util.Optional.empty();
    }

    /** The plugin as a segmenting model, when it can cut a recording into its inputs. */
    public java.util.Optional<SegmentingModel> segmentingModel() {
        return plugin instanceof SegmentingModel segmenting ? java.util.Optional.of(segmenting) : java.util.Optional.empty();
    }

    /** Whether the plugin's evaluations can be proven: it implements {@link ProvableModel}. */
    public boolean provable() {
        return plugin instanceof ProvableModel;
    }

    /** What the model's circuit can prove (computed once, from the plugin's calibration rows); empty when it is not provable. */
    public java.util.Optional<ProvableRanges> provableRanges() {
        if (!(plugin instanceof ProvableModel provable)) {
            return java.util.Optional.empty();
        }
        ProvableRanges ranges = provableRanges;
        if (ranges == null) {
            Thread thread = Thread.currentThread();
            ClassLoader caller = thread.getContextClassLoader();
            thread.setContextClassLoader(plugin.getClass().getClassLoader());
            try {
                ranges = ProvableRanges.of(inputSchemaJson, provable);
            } finally {
                thread.setContextClassLoader(caller);
            }
            provableRanges = ranges;
        }
        return java.util.Optional.of(ranges);
    }

    private volatile ProvableRanges provableRanges;

    /** The verified ONNX model file's bytes. */
    public byte[] onnxModel() {
        return onnxModel.clone();
    }

    public JsonNode inputSchema() {
        return inputSchemaJson;
    }

    public JsonNode outputSchema() {
        return outputSchemaJson;
    }

    /** Checks one input against the plugin's schema; errors are located below {@code pointerPrefix}. */
    public List<FieldError> validate(JsonNode input, String pointerPrefix) {
        return inputSchema.validate(input).stream()
                .map(message -> new FieldError(pointerPrefix + pointer(message), message.getError()))
                .sorted(Comparator.comparing(FieldError::pointer).thenComparing(FieldError::detail))
                .toList();
    }

    /** Where the problem is; a missing or extra property is located at that property. */
    private static String pointer(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        return message.getProperty() == null ? location : location + "/" + message.getProperty();
    }

    /** Runs the plugin with its own class loader as the thread's context loader, as Trino runs a connector. */
    public List<Prediction> predict(List<Map<String, Object>> inputs) {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        List<Prediction> predictions;
        thread.setContextClassLoader(plugin.getClass().getClassLoader());
        try {
            predictions = plugin.predict(inputs, session);
        } finally {
            thread.setContextClassLoader(caller);
        }
        if (predictions.size() != inputs.size()) {
            throw new IllegalStateException("plugin %s returned %d predictions for %d inputs"
                    .formatted(descriptor.id(), predictions.size(), inputs.size()));
        }
        return predictions;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
