"""Windows of every subject in a WESAD-layout directory (simulated or real): raw 35 Hz windows, labels, subjects,
signal-quality problems and engineered features, in one .npz for training.

    python dataset.py data/simulated data/windows.npz        # or the directory of the real WESAD
"""
import json
import pathlib
import sys

import numpy as np

import pipeline
import wesad


def subject_windows(path):
    recording = wesad.load(path)
    x = pipeline.resample(pipeline.chest_matrix(recording), wesad.CHEST_HZ)
    labels = pipeline.labels_at(recording.label)
    for start, window, label in pipeline.windows(x, labels):
        yield recording.subject, start, window.astype(np.float32), label


def main(source, target):
    rows = [row for path in sorted(pathlib.Path(source).glob("S*/S*.pkl")) for row in subject_windows(path)]
    subjects, starts, windows, labels = zip(*rows)
    windows = np.stack(windows)
    problems = [pipeline.quality(w.astype(np.float64)) for w in windows]
    features = [pipeline.features(w.astype(np.float64)) for w in windows]
    names = sorted(features[0])
    np.savez_compressed(target, windows=windows, labels=np.array(labels), subjects=np.array(subjects),
                        starts=np.array(starts), feature_names=np.array(names),
                        features=np.array([[f[n] for n in names] for f in features], dtype=np.float64),
                        problems=np.array([json.dumps(p, sort_keys=True) for p in problems]))
    usable = sum(1 for p in problems if not p)
    print(f"{len(windows)} windows from {len(set(subjects))} subjects ({sum(labels)} stress); {usable} pass the quality check")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
