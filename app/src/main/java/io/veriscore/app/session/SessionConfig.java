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

    /** Mean eye aspect ratio below which the eyes count as closed (PERCLOS). */
    @WithDefault("0.16")
    double earClosed();

    /** Eye aspect ratio a blink dips below and comes back above. */
    @WithDefault("0.21")
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
