package io.veriscore.spi;

import java.util.List;
import java.util.Map;

/**
 * Implemented by a plugin whose clients may send a whole recording rather than one input: the service asks it to cut
 * the recording into the model's inputs (windows, say), then scores and stores one result per input, as a batch.
 */
public interface SegmentingModel {

    /**
     * The model's inputs for {@code recording}, in order; each must satisfy the plugin's input schema.
     *
     * @throws InvalidInputException when the recording cannot be cut (index 0; field names the offending part)
     */
    List<Map<String, Object>> segment(Map<String, Object> recording);
}
