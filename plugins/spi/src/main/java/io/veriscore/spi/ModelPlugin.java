package io.veriscore.spi;

import java.util.List;
import java.util.Map;

/**
 * A model served by Veriscore: it describes itself, validates and pre-processes its input, runs its
 * ONNX model through the session the service gives it, and post-processes the output.
 *
 * <p>Implementations must be thread-safe: one instance serves all requests. A plugin whose evaluation can be
 * proven in zero knowledge also implements {@link ProvableModel}.
 */
public interface ModelPlugin {

    PluginDescriptor descriptor();

    /**
     * Scores a batch of inputs in one model run.
     *
     * @param inputs  JSON objects as plain Java values (Map, List, String, Number, Boolean, null),
     *                already checked against {@link PluginDescriptor#inputSchema()} by the service
     * @param session the ONNX Runtime session of {@link PluginDescriptor#model()}, owned by the service
     * @return one prediction per input, in order
     * @throws InvalidInputException when an input cannot be scored
     */
    List<Prediction> predict(List<Map<String, Object>> inputs, ModelSession session);
}
