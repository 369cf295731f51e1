"""How well the signal-quality check finds the artefacts the simulator injected (their places are in manifest.json).

A window counts as hit by an artefact when at least 2 s of the artefact fall inside it. Detection rate: the share of
hit windows the quality check flags, per kind; false alarms: the share of clean windows it flags.

    python sqi_report.py data/simulated/manifest.json data/windows.npz sqi-metrics.json
"""
import json
import sys

import numpy as np

import pipeline
import wesad


def main(manifest_path, windows_path, target):
    manifest = json.load(open(manifest_path))["subjects"]
    data = np.load(windows_path)
    flagged = np.array([p != "{}" for p in data["problems"]])
    hits = {}
    clean = []
    for i, (subject, start) in enumerate(zip(data["subjects"], data["starts"])):
        begin = start / pipeline.HZ
        end = begin + pipeline.WINDOW_S
        kinds = {a["kind"] for a in manifest[str(subject)]["artefacts"]
                 if min(end, a["stop"] / wesad.CHEST_HZ) - max(begin, a["start"] / wesad.CHEST_HZ) >= 2}
        for kind in kinds:
            hits.setdefault(kind, []).append(flagged[i])
        if not kinds:
            clean.append(flagged[i])
    report = {kind: {"windows": len(v), "detected": int(sum(v)), "rate": round(float(np.mean(v)), 3)}
              for kind, v in sorted(hits.items())}
    report["clean"] = {"windows": len(clean), "flagged": int(sum(clean)), "falseAlarmRate": round(float(np.mean(clean)), 3)}
    for kind, row in report.items():
        print(kind, row)
    json.dump(report, open(target, "w"), indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:4])
