"""The WESAD loader on a small file written in WESAD's own layout (as the original Python 2 pickles are read)."""
import pathlib
import pickle
import tempfile
import unittest

import numpy as np

import pipeline
import wesad


def write_subject(path, seconds=150, drop=None):
    n = seconds * wesad.CHEST_HZ
    rng = np.random.default_rng(1)
    chest = {"ACC": rng.normal(0, 0.01, (n, 3)) + [0, 0, 1], "ECG": rng.normal(0, 0.1, (n, 1)),
             "EMG": rng.normal(0, 0.01, (n, 1)), "EDA": 3 + rng.normal(0, 0.01, (n, 1)),
             "Temp": 33 + rng.normal(0, 0.01, (n, 1)), "Resp": rng.normal(0, 1, (n, 1))}
    if drop:
        del chest[drop]
    label = np.zeros(n, dtype=np.int64)
    label[: 70 * wesad.CHEST_HZ] = wesad.BASELINE
    label[80 * wesad.CHEST_HZ:] = wesad.STRESS
    wrist = {"ACC": np.zeros((seconds * 32, 3)), "BVP": np.zeros((seconds * 64, 1)),
             "EDA": np.zeros((seconds * 4, 1)), "TEMP": np.zeros((seconds * 4, 1))}
    with open(path, "wb") as f:
        pickle.dump({"subject": "S99", "signal": {"chest": chest, "wrist": wrist}, "label": label}, f, protocol=2)


class WesadFormatTest(unittest.TestCase):

    def test_reads_a_subject_file_and_finds_its_conditions(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "S99.pkl"
            write_subject(path)
            recording = wesad.load(path)
        self.assertEqual("S99", recording.subject)
        self.assertEqual((150 * 700, 3), recording.chest["ACC"].shape)
        self.assertEqual([(0, 70 * 700)], recording.segment(wesad.BASELINE))
        self.assertEqual([(80 * 700, 150 * 700)], recording.segment(wesad.STRESS))

    def test_windows_are_sixty_seconds_at_35_hz_and_of_one_condition(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "S99.pkl"
            write_subject(path)
            recording = wesad.load(path)
        x = pipeline.resample(pipeline.chest_matrix(recording), wesad.CHEST_HZ)
        self.assertEqual((7, 150 * 35), x.shape)
        found = [(start, label) for start, _, label in pipeline.windows(x, pipeline.labels_at(recording.label))]
        # Baseline 0-70 s holds one window (0-60 s); stress 80-150 s holds one that starts on a step (90-150 s).
        self.assertEqual([(0, 0), (90 * 35, 1)], found)

    def test_a_file_without_a_chest_channel_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "S99.pkl"
            write_subject(path, drop="Resp")
            with self.assertRaisesRegex(ValueError, "Resp"):
                wesad.load(path)


if __name__ == "__main__":
    unittest.main()
