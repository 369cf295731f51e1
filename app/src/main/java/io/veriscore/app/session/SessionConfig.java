package io.veriscore.app.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Face sessions: the eye-closure and yawn thresholds of the focus/drowsiness study, and Body Debt's stress-spike rule. */
@ConfigMapping(prefix = "veriscore.session")
public interface SessionConfig {
    /** The face model whose score is each frame's stress, and whose input features give its eye and mouth ratios. */
    @WithDefault("stress-mlp")
    String stressModel();

    /** The face model whose label is each frame's emotion, with its probabilities in its details. */
    @WithDefault("fer")
    String emotionModel();

    /** The stress model's input features whose mean is a frame's eye aspect ratio. */
    @WithDefault("left_eye_aspect,right_eye_aspect")
    List<String> eyeAspectFeatures();

    /** The stress model's input feature that is a frame's mouth aspect ratio. */
    @WithDefault("mouth_opening")
    String mouthAspectFeature();

    /**
     * Mean eye aspect ratio below which the eyes count as closed (PERCLOS; the focus score's eyes score 0). The study's
     * 0.16 came from another landmark model: calibrated for FaceMesh on the labelled crops (FaceGeometryTest).
     */
    @WithDefault("0.285")
    double earClosed();

    /** Eye aspect ratio a blink dips below and comes back above (the study's 0.21, calibrated the same way). */
    @WithDefault("0.297")
    double earBlink();

    /** Mouth aspect ratio (inner lips' gap / width) above which the mouth counts as yawning. */
    @WithDefault("0.55")
    double marYawn();

    /** PERCLOS is the share of closed-eye frames among the last this many. */
    @WithDefault("60")
    int perclosFrames();

    /** Blink rate is counted over the frames captured in this window before the latest. */
    @WithDefault("PT30S")
    Duration blinkWindow();

    /** Smoothing factor of the stress trend's exponential moving average. */
    @WithDefault("0.3")
    double emaAlpha();

    /** A frame is a stress spike when its score exceeds the mean of the three before it by more than this. */
    @WithDefault("0.15")
    double spikeRise();

    /** The focus score's constants: the focus study's (seed 004), but for the calibrated {@code ear-open}. */
    Focus focus();

    interface Focus {
        /** Head deviation (degrees) at and beyond which the face sub-score is 0. */
        @WithDefault("22")
        double maxAngle();

        /** Roll's weight in the head deviation (tilting the head is not looking away). */
        @WithDefault("0.5")
        double rollWeight();

        /** Eye aspect ratio from which the eyes count as fully open (the study's 0.30, calibrated for FaceMesh). */
        @WithDefault("0.32")
        double earOpen();

        /** Iris offset (eye widths from the eye's middle) at and beyond which the gaze counts as away. */
        @WithDefault("0.28")
        double gazeMaxOffset();

        /** The face sub-score's weight; the eye sub-score has the rest (the study's LOPO grid search chose 0.7). */
        @WithDefault("0.7")
        double faceWeight();

        /** Smoothing factor of the focus score's exponential moving average. */
        @WithDefault("0.3")
        double emaAlpha();

        /** Frames in a row without a face before the focus score counts them as 0 (brief occlusions are forgiven). */
        @WithDefault("15")
        int graceFrames();

        /** A frame counts as focused when the focus EMA is at least this. */
        @WithDefault("0.5")
        double focusedFrom();
    }

    /** Late fusion of face, emotion and wearable into one stress reading: weights from {@code models/fusion/choose_weights.py}. */
    Fusion fusion();

    interface Fusion {
        /** The model that scores a session's wearable windows. */
        @WithDefault("biosignal")
        String wearableModel();

        /** The stress model's EMA's weight. */
        @WithDefault("0.3")
        double faceWeight();

        /** The negative affect EMA's weight (the emotion model's angry, disgust, fear and sad probabilities, summed). */
        @WithDefault("0.2")
        double emotionWeight();

        /** The latest wearable window's stress probability's weight. */
        @WithDefault("0.5")
        double biosignalWeight();

        /** A wearable window that ended longer than this before the latest frame abstains. */
        @WithDefault("PT2M")
        Duration wearableMaxAge();

        /** The emotions whose probabilities add up to negative affect. */
        @WithDefault("angry,disgust,fear,sad")
        List<String> negativeEmotions();
    }

    /** Frame streams (WebSockets) open at once on this instance; one more is refused with 503. */
    @WithDefault("64")
    int maxStreams();

    /** Frame streams one client may have open on this instance; one more is refused with 429. */
    @WithDefault("8")
    int maxStreamsPerClient();

    /** A frame stream that receives no message for this long is closed (1001), freeing its place. */
    @WithDefault("PT2M")
    Duration streamIdleTimeout();

    /** The largest message a frame stream takes, in one WebSocket frame or several; a larger one closes the stream (1009). */
    @WithDefault("2097152")
    int maxMessageBytes();

    /** Frames a stream may have waiting; a frame beyond them is answered by a problem without being read. */
    @WithDefault("4")
    int maxFramesInFlight();
}
