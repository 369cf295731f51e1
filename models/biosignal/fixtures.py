"""Test fixtures for the Java plugin: a few simulated windows with what the Python side computes for them (ONNX
Runtime's probability, the quality problems, the drift statistics, the heart rate), so the Java pipeline can be
checked against this reference.

    python fixtures.py data/windows.npz biosignal_resnet_se.onnx drift-reference.csv ../../plugins/biosignal/src/test/resources
"""
import json
import pathlib
import sys

import numpy as np
import onnxruntime

import drift
import pipeline


def main(source, model, reference, target):
    data = np.load(source)
    problems = data["problems"]
    chosen = []
    for subject in ("S2", "S5", "S9"):
        for label in (0, 1):
            candidates = np.flatnonzero((data["subjects"] == subject) & (data["labels"] == label) & (problems == "{}"))
            chosen.append(int(candidates[len(candidates) // 2]))
    chosen.append(int(np.flatnonzero(problems != "{}")[0]))  # one window that fails the quality check
    windows = data["windows"][chosen].astype(np.float32)
    session = onnxruntime.InferenceSession(model)
    probabilities = session.run(None, {"window": windows})[0][:, 0]
    quantiles = {}
    for line in open(reference):
        if not line.startswith("#"):
            cells = line.strip().split(",")
            quantiles[cells[0]] = np.array([float(v) for v in cells[2:]])
    expected = []
    for i, w in enumerate(windows.astype(np.float64)):
        rate, _ = pipeline.heart(w[0])
        expected.append({"subject": str(data["subjects"][chosen[i]]), "stress": int(data["labels"][chosen[i]]),
                         "probability": float(probabilities[i]), "quality": json.loads(problems[chosen[i]]),
                         "heartRate": None if np.isnan(rate) else rate,
                         "drift": {name: drift.ks_statistic(drift.standardised(w[c]), quantiles[name])
                                   for c, name in enumerate(pipeline.CHANNELS)}})
    out = pathlib.Path(target)
    windows.astype("<f4").tofile(out / "windows.f32")
    (out / "windows.json").write_text(json.dumps(expected, indent=1))
    print(f"{len(windows)} windows; probabilities {np.round(probabilities, 3).tolist()}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
