package io.veriscore.spi;

import java.util.Map;

/** An ONNX Runtime session owned and reused by the service; safe to call from many threads. */
public interface ModelSession {

    /** Runs the model on named inputs and returns every named output. */
    Map<String, FloatTensor> run(Map<String, FloatTensor> inputs);
}
