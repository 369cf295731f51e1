"""Chooses the fusion weights of face stress, negative affect and wearable stress (issue 26), the way the focus study
chose its hybrid weights: a grid search over the weights, each point scored by its mean leave-one-subject-out F1 with
the decision threshold chosen per fold by Youden's J on the other subjects.

    python3 choose_weights.py                   simulated cohort (below), writes weights.json
    python3 choose_weights.py --cohort F.csv    your own paired readings: subject,label,face,emotion,biosignal
                                                (label 0/1; a modality that abstained is left empty)

THE DATA IS SIMULATED. No data set pairs a face video, its emotions and a chest wearable with stress labels on the
machines this project is built on (the biosignal model itself was trained on simulated physiology: see
../biosignal/README.md). So the cohort is simulated at the level of each model's output, with stated assumptions
(ASSUMED below): every subject has their own resting level and their own strength of response per modality (some barely
respond), every one-minute window its own noise, and the wearable abstains on a share of windows (bad signal). The
wearable's separation is set to its measured leave-one-subject-out AUC (0.89, resnet-metrics.json); the face's and the
emotion model's are assumptions, since nothing here measures them against stress. The weights therefore follow from
those assumptions; --sensitivity shows how. Standard library only; seeded, so every run gives the same figures.
"""
import argparse
import csv
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
MODALITIES = ("face", "emotion", "biosignal")
# Per modality: mean logit at rest, spread of subjects' resting levels, separation of stress from rest in logit units
# (scaled per subject by a responsiveness drawn from 0.2 to 1.5), window noise. AUCs measured on the cohort are printed.
ASSUMED = {
    "face": {"rest": -0.6, "subjects": 0.5, "separation": 0.9, "noise": 0.8},       # assumed: about AUC 0.72
    "emotion": {"rest": -1.2, "subjects": 0.6, "separation": 0.6, "noise": 0.9},    # assumed: about AUC 0.65
    "biosignal": {"rest": -0.5, "subjects": 0.4, "separation": 2.5, "noise": 0.8},  # set to the measured LOSO AUC 0.89
}
ABSTAIN = 0.10  # share of wearable windows refused for signal quality (assumed)
SUBJECTS = ["S%d" % n for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17)]  # WESAD's 15
WINDOWS = {0: 14, 1: 9}  # one-minute windows per subject: 14 at rest, 9 under stress (WESAD's 20 and 10 minutes, halved)
STEP = 0.1


def simulate(seed, assumed):
    rng = random.Random(seed)
    rows = []
    for subject in SUBJECTS:
        level = {m: rng.gauss(a["rest"], a["subjects"]) for m, a in assumed.items()}
        response = {m: rng.uniform(0.2, 1.5) for m in assumed}
        for label, count in WINDOWS.items():
            for _ in range(count):
                row = {"subject": subject, "label": label}
                for m, a in assumed.items():
                    logit = level[m] + label * response[m] * a["separation"] + rng.gauss(0, a["noise"])
                    row[m] = 1 / (1 + math.exp(-logit))
                if rng.random() < ABSTAIN:
                    row["biosignal"] = None
                rows.append(row)
    return rows


def fused(row, weights):
    present = [(w, row[m]) for m, w in zip(MODALITIES, weights) if row[m] is not None and w > 0]
    total = sum(w for w, _ in present)
    return sum(w * v for w, v in present) / total if total > 0 else None


def youden(scores, labels):
    best, threshold = -2, 0.5
    ordered = sorted(set(scores))
    positives = sum(labels)
    negatives = len(labels) - positives
    for low, high in zip(ordered, ordered[1:] + [ordered[-1] + 1e-9]):
        t = (low + high) / 2
        tp = sum(1 for s, y in zip(scores, labels) if s >= t and y)
        tn = sum(1 for s, y in zip(scores, labels) if s < t and not y)
        j = tp / positives + tn / negatives - 1
        if j > best:
            best, threshold = j, t
    return threshold


def f1(scores, labels, threshold):
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def auc(scores, labels):
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def loso_f1(rows, weights):
    """Mean F1 over held-out subjects, the threshold chosen on the others by Youden's J."""
    scores = [fused(row, weights) for row in rows]
    folds = []
    for subject in sorted({row["subject"] for row in rows}):
        train = [(s, r["label"]) for s, r in zip(scores, rows) if r["subject"] != subject and s is not None]
        test = [(s, r["label"]) for s, r in zip(scores, rows) if r["subject"] == subject and s is not None]
        threshold = youden([s for s, _ in train], [y for _, y in train])
        folds.append(f1([s for s, _ in test], [y for _, y in test], threshold))
    return sum(folds) / len(folds)


def grid():
    steps = round(1 / STEP)
    for a in range(steps + 1):
        for b in range(steps + 1 - a):
            yield (round(a * STEP, 2), round(b * STEP, 2), round((steps - a - b) * STEP, 2))


def choose(rows):
    table = sorted(((loso_f1(rows, w), w) for w in grid()), key=lambda t: (-t[0], t[1]))
    return table


def read(path):
    rows = []
    with open(path) as f:
        for r in csv.DictReader(f):
            row = {"subject": r["subject"], "label": int(r["label"])}
            for m in MODALITIES:
                row[m] = float(r[m]) if r.get(m) not in (None, "") else None
            rows.append(row)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cohort", help="CSV of paired readings; default: the simulated cohort")
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--sensitivity", action="store_true", help="also choose under other assumed face/emotion separations")
    args = parser.parse_args()
    rows = read(args.cohort) if args.cohort else simulate(args.seed, ASSUMED)
    labels = [r["label"] for r in rows]
    aucs = {}
    for m in MODALITIES:
        present = [(r[m], r["label"]) for r in rows if r[m] is not None]
        aucs[m] = round(auc([s for s, _ in present], [y for _, y in present]), 4)
    table = choose(rows)
    best_f1, best = table[0]
    singles = {m: round(loso_f1(rows, tuple(1.0 if n == m else 0.0 for n in MODALITIES)), 4) for m in MODALITIES}
    print("cohort: %d windows of %d subjects (%d under stress); pooled AUC per modality %s"
          % (len(rows), len({r["subject"] for r in rows}), sum(labels), aucs))
    print("mean LOSO F1, one modality alone: %s" % singles)
    print("best five weights (face, emotion, biosignal): mean LOSO F1")
    for score, w in table[:5]:
        print("  %s: %.4f" % (w, score))
    result = {
        "about": "Fusion weights chosen by choose_weights.py: grid step %.1f over face, emotion, biosignal; mean "
                 "leave-one-subject-out F1, threshold per fold by Youden's J. %s" % (
                     STEP, "Cohort: " + args.cohort if args.cohort else
                     "SIMULATED cohort (seed %d): see the script's ASSUMED; not measured on people." % args.seed),
        "weights": dict(zip(MODALITIES, best)),
        "meanLosoF1": round(best_f1, 4),
        "singleModalityLosoF1": singles,
        "pooledAuc": aucs,
        "windows": len(rows),
        "top": [{"weights": dict(zip(MODALITIES, w)), "meanLosoF1": round(s, 4)} for s, w in table[:10]],
    }
    if args.sensitivity and not args.cohort:
        result["sensitivity"] = []
        for face in (0.4, 0.9, 1.6):
            for emotion in (0.3, 0.6, 1.2):
                assumed = {m: dict(a) for m, a in ASSUMED.items()}
                assumed["face"]["separation"] = face
                assumed["emotion"]["separation"] = emotion
                s, w = choose(simulate(args.seed, assumed))[0]
                result["sensitivity"].append({"faceSeparation": face, "emotionSeparation": emotion,
                                              "weights": dict(zip(MODALITIES, w)), "meanLosoF1": round(s, 4)})
                print("  sensitivity: face separation %.1f, emotion %.1f -> %s (F1 %.4f)" % (face, emotion, w, s))
    if not args.cohort:
        with open(os.path.join(HERE, "weights.json"), "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    print("chosen: %s" % dict(zip(MODALITIES, best)))


if __name__ == "__main__":
    main()
