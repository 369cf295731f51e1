package io.veriscore.plugin.biosignal;

import java.util.List;

/** Sixty seconds of the seven chest channels at 35 Hz: what the model reads. */
record Window(double[][] channels) {

    static final int HZ = 35;
    static final int SECONDS = 60;
    static final int SAMPLES = HZ * SECONDS;
    static final int STEP = SAMPLES / 2;
    /** The channels, in the model's order (models/biosignal/pipeline.py CHANNELS). */
    static final List<String> CHANNELS = List.of("ecg", "eda", "resp", "temp", "acc_x", "acc_y", "acc_z");

    Window {
        if (channels.length != CHANNELS.size()) {
            throw new IllegalArgumentException("a window has " + CHANNELS.size() + " channels");
        }
        for (double[] channel : channels) {
            if (channel.length != SAMPLES) {
                throw new IllegalArgumentException("a window has " + SAMPLES + " samples per channel");
            }
        }
    }

    double[] channel(String name) {
        return channels[CHANNELS.indexOf(name)];
    }
}
