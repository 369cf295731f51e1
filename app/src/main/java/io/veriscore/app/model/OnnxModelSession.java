package io.veriscore.app.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.ModelSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The service's ONNX Runtime session for one model, shared by all requests (OrtSession is thread-safe). */
public final class OnnxModelSession implements ModelSession, AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;

    public OnnxModelSession(OrtEnvironment environment, byte[] model, int intraOpThreads) throws OrtException {
        this.environment = environment;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(model, options);
        }
    }

    @Override
    public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (var input : inputs.entrySet()) {
                FloatTensor value = input.getValue();
                tensors.put(input.getKey(), OnnxTensor.createTensor(environment, FloatBuffer.wrap(value.data()), value.shape()));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                Map<String, FloatTensor> outputs = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> output : result) {
                    outputs.put(output.getKey(), toFloatTensor(output.getKey(), output.getValue()));
                }
                return outputs;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private static FloatTensor toFloatTensor(String name, OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new IllegalStateException("model output " + name + " is not a float tensor");
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return new FloatTensor(tensor.getInfo().getShape(), data);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
