package io.veriscore.spi;

import java.util.Map;

/**
 * Implemented by a plugin that can score a face in an image. The service then accepts an image in place of
 * the plugin's input: it finds the face, asks the plugin for its input, and scores and stores that input as
 * if the client had sent it.
 */
public interface FaceScanModel {

    /** This plugin's input object for {@code face}; it must satisfy the plugin's input schema. */
    Map<String, Object> inputFor(Face face);
}
