-- Issue 26: each frame's head pose (degrees), gaze (iris offset in eye widths) and focus score with its two
-- sub-scores. NULL for frames stored before.
ALTER TABLE session_frame
    ADD COLUMN yaw         double precision,
    ADD COLUMN pitch       double precision,
    ADD COLUMN roll        double precision,
    ADD COLUMN gaze_x      double precision,
    ADD COLUMN gaze_y      double precision,
    ADD COLUMN focus       double precision CHECK (focus BETWEEN 0 AND 1),
    ADD COLUMN focus_face  double precision CHECK (focus_face BETWEEN 0 AND 1),
    ADD COLUMN focus_eye   double precision CHECK (focus_eye BETWEEN 0 AND 1);
