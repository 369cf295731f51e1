"""The WESAD recording format, read and written.

A WESAD subject file `S<n>/S<n>.pkl` is a pickled dict:
  subject: "S<n>"
  signal:  {"chest": {"ACC": (n, 3), "ECG": (n, 1), "EMG": (n, 1), "EDA": (n, 1), "Temp": (n, 1), "Resp": (n, 1)} at 700 Hz,
            "wrist": {"ACC": (m, 3) at 32 Hz, "BVP": (k, 1) at 64 Hz, "EDA": (j, 1) at 4 Hz, "TEMP": (j, 1) at 4 Hz}}
  label:   (n,) at 700 Hz: 0 undefined/transient, 1 baseline, 2 stress, 3 amusement, 4 meditation, 5-7 ignored.
The original files were written by Python 2: read them with encoding="latin1".
"""
import pickle
from dataclasses import dataclass

import numpy as np

CHEST_HZ = 700
WRIST_HZ = {"ACC": 32, "BVP": 64, "EDA": 4, "TEMP": 4}
BASELINE, STRESS = 1, 2
CHEST_CHANNELS = ("ACC", "ECG", "EMG", "EDA", "Temp", "Resp")


@dataclass
class Recording:
    """One subject's chest signals (700 Hz) and labels."""
    subject: str
    chest: dict  # name -> (n, k) float array
    label: np.ndarray  # (n,) int

    def segment(self, condition):
        """Contiguous runs of one condition, as (start, stop) sample indices."""
        mask = np.concatenate([[False], self.label == condition, [False]])
        edges = np.flatnonzero(np.diff(mask.astype(np.int8)))
        return list(zip(edges[::2], edges[1::2]))


def load(path):
    """Reads a WESAD subject pickle (original or written by `save`) and checks its shape."""
    with open(path, "rb") as f:
        data = pickle.load(f, encoding="latin1")
    chest = {name: np.asarray(values, dtype=np.float64) for name, values in data["signal"]["chest"].items()}
    label = np.asarray(data["label"]).astype(np.int64).ravel()
    missing = [name for name in CHEST_CHANNELS if name not in chest]
    if missing:
        raise ValueError(f"{path}: chest channels missing: {missing}")
    for name, values in chest.items():
        if values.ndim == 1:
            chest[name] = values = values[:, None]
        if len(values) != len(label):
            raise ValueError(f"{path}: chest {name} has {len(values)} samples, label has {len(label)}")
    return Recording(str(data["subject"]), chest, label)


def save(recording, wrist, path):
    """Writes a subject in WESAD's layout (float64 arrays, labels as int), wrist channels as given."""
    data = {"subject": recording.subject,
            "signal": {"chest": {k: np.asarray(v, dtype=np.float64) for k, v in recording.chest.items()},
                       "wrist": {k: np.asarray(v, dtype=np.float64) for k, v in wrist.items()}},
            "label": recording.label.astype(np.int32)}
    with open(path, "wb") as f:
        pickle.dump(data, f, protocol=4)
