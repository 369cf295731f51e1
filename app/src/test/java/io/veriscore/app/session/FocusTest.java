package io.veriscore.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.face.Gaze;
import io.veriscore.face.HeadPose;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The focus score at the study's constants (SessionAggregatesTest.DEFAULTS), frame by frame and over a session. */
class FocusTest {

    static final SessionConfig RULES = SessionAggregatesTest.DEFAULTS;
    static final HeadPose STRAIGHT = new HeadPose(0, 0, 0);
    static final Gaze AHEAD = gaze(0);

    static Gaze gaze(double x) {
        return new Gaze(x, 0, Math.abs(x), new double[2], new double[2]);
    }

    @Test
    void aFaceLookingAtTheCameraWithOpenEyesIsFullyFocused() {
        assertEquals(new Focus(1, 1, 1), Focus.of(STRAIGHT, AHEAD, 0.35, RULES));
    }

    @Test
    void turningTheHeadLowersTheFaceSubScoreToZeroAtTheMaximumAngle() {
        assertEquals(0.5, Focus.of(new HeadPose(11, 0, 0), AHEAD, 0.35, RULES).face(), 1e-4);
        assertEquals(0.5, Focus.of(new HeadPose(0, -11, 0), AHEAD, 0.35, RULES).face(), 1e-4);
        assertEquals(0.5, Focus.of(new HeadPose(0, 0, 22), AHEAD, 0.35, RULES).face(), 1e-4, "roll weighs half");
        Focus away = Focus.of(new HeadPose(30, 0, 0), AHEAD, 0.35, RULES);
        assertEquals(0, away.face());
        assertEquals(0.3, away.score(), 1e-4, "the eyes' 30% remain");
    }

    @Test
    void closedEyesAndAnAvertedGazeLowerTheEyeSubScore() {
        assertEquals(0, Focus.of(STRAIGHT, AHEAD, 0.16, RULES).eye(), "closed at ear-closed");
        assertEquals(0.5, Focus.of(STRAIGHT, AHEAD, 0.23, RULES).eye(), 1e-4, "halfway from closed to open");
        assertEquals(0.5, Focus.of(STRAIGHT, gaze(0.14), 0.35, RULES).eye(), 1e-4, "half the gaze's maximum offset");
        assertEquals(0.7, Focus.of(STRAIGHT, gaze(-0.3), 0.35, RULES).score(), 1e-4, "looking away, face straight");
    }

    @Test
    void theSessionSmoothsFocusAndPenalisesALostFaceAfterTheGraceFrames() {
        SessionState state = new SessionState();
        List<SessionFrame> frames = SessionAggregatesTest.eyes(0.35, 0.35, 0.35);
        frames.forEach(frame -> frame.focus = 1.0);
        frames.forEach(frame -> state.add(frame, RULES));
        assertEquals(new SessionAggregates.Focus(1, 1, 1, 0), state.aggregates(RULES).focus());
        for (int i = 0; i < 15; i++) {
            state.noFace(RULES);
        }
        assertEquals(1, state.aggregates(RULES).focus().ema(), "15 frames without a face are forgiven");
        state.noFace(RULES);
        SessionAggregates.Focus after = state.aggregates(RULES).focus();
        assertEquals(0, after.latest());
        assertEquals(0.7, after.ema(), 1e-4, "EMA alpha 0.3 towards 0");
        assertEquals(16, after.noFaceFrames());
        state.noFace(RULES);
        state.noFace(RULES);
        SessionAggregates.Focus lost = state.aggregates(RULES).focus();
        assertEquals(0.343, lost.ema(), 1e-4);
        assertEquals(4.0 / 6, lost.focusedShare(), 1e-4, "of six counted, the three with a face and the first penalised (EMA 0.7) were focused; 0.49 and 0.343 not");
        SessionFrame back = SessionAggregatesTest.eyes(0.35).get(0);
        back.focus = 1.0;
        state.add(back, RULES);
        assertEquals(0, state.noFaceRun, "a face ends the run");
    }

    @Test
    void framesStoredBeforeFocusLeaveItOut() {
        assertNull(SessionAggregates.of(SessionAggregatesTest.eyes(0.3, 0.3), RULES).focus());
    }

    @Test
    void aTurnedHeadLowersTheSessionsFocusWithinAFewFrames() {
        SessionState state = new SessionState();
        for (int i = 0; i < 10; i++) {
            SessionFrame frame = SessionAggregatesTest.eyes(0.35).get(0);
            frame.focus = Focus.of(new HeadPose(i < 5 ? 0 : 35, 0, 0), AHEAD, 0.35, RULES).score();
            state.add(frame, RULES);
        }
        SessionAggregates.Focus focus = state.aggregates(RULES).focus();
        assertEquals(0.3, focus.latest(), 1e-4);
        assertTrue(focus.ema() < 0.5, "ema " + focus.ema());
    }
}
