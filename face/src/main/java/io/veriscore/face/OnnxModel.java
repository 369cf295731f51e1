package io.veriscore.face;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;

/** One of the face models, pinned by SHA-256, in an ONNX Runtime session that is safe to share between threads. */
final class OnnxModel implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;

    OnnxModel(String resource, String sha256, int intraOpThreads) {
        byte[] model = read(resource);
        String actual = sha256(model);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("face model " + resource + " has SHA-256 " + actual + ", expected " + sha256);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            // The published BlazeFace graph carries unused constants, which ONNX Runtime reports as warnings.
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            session = environment.createSession(model, options);
            input = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load face model " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Runs the model on one float tensor and returns every output, flattened. */
    Map<String, float[]> run(float[] data, long... shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(data), shape);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            Map<String, float[]> outputs = new LinkedHashMap<>();
            for (Entry<String, OnnxValue> output : result) {
                FloatBuffer buffer = ((OnnxTensor) output.getValue()).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                outputs.put(output.getKey(), values);
            }
            return outputs;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = OnnxModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing face model resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
