package io.veriscore.plugin.stress;

/** The model's seven inputs, in the order of its input tensor, with the ranges it was trained on. */
enum Feature {
    LEFT_EYE_ASPECT("left_eye_aspect", 0.15, 0.45),
    RIGHT_EYE_ASPECT("right_eye_aspect", 0.15, 0.45),
    BROW_TENSION("brow_tension", 0.02, 0.06),
    MOUTH_TENSION("mouth_tension", 2.0, 12.0),
    EYE_SYMMETRY("eye_symmetry", 0.0, 0.3),
    MOUTH_OPENING("mouth_opening", 0.0, 0.4),
    TIME_OF_DAY("time_of_day", 0.0, 1.0);

    final String key;
    final double trainedMin;
    final double trainedMax;

    Feature(String key, double trainedMin, double trainedMax) {
        this.key = key;
        this.trainedMin = trainedMin;
        this.trainedMax = trainedMax;
    }

    boolean isTrainedOn(double value) {
        return value >= trainedMin && value <= trainedMax;
    }
}
