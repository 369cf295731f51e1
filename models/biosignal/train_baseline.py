"""The logistic-regression baseline on engineered features, evaluated leave-one-subject-out.

For each subject: fit on the others (features standardised on the training subjects), choose the decision threshold by
Youden's J on the training subjects' own predictions, score the held-out subject. Windows failing the quality check
are left out of training and testing (the service abstains on them). Prints per-fold and pooled accuracy, macro F1
and AUC, and writes them to a JSON file.

    python train_baseline.py data/windows.npz baseline-metrics.json
"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score, roc_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def youden_threshold(y, p):
    """The threshold maximising sensitivity + specificity - 1 (Youden's J)."""
    fpr, tpr, thresholds = roc_curve(y, p)
    return float(np.clip(thresholds[np.argmax(tpr - fpr)], 0, 1))


def scores(y, p, threshold):
    predicted = (p >= threshold).astype(int)
    return {"windows": int(len(y)), "accuracy": round(float(accuracy_score(y, predicted)), 4),
            "macroF1": round(float(f1_score(y, predicted, average="macro")), 4),
            "auc": round(float(roc_auc_score(y, p)), 4) if len(set(y)) == 2 else None, "threshold": round(threshold, 4)}


def loso(features, labels, subjects, make_model):
    folds, pooled_y, pooled_p, pooled_hat = {}, [], [], []
    for held_out in sorted(set(subjects)):
        train, test = subjects != held_out, subjects == held_out
        model = make_model().fit(features[train], labels[train])
        threshold = youden_threshold(labels[train], model.predict_proba(features[train])[:, 1])
        p = model.predict_proba(features[test])[:, 1]
        folds[held_out] = scores(labels[test], p, threshold)
        pooled_y += list(labels[test]); pooled_p += list(p); pooled_hat += list((p >= threshold).astype(int))
    pooled_y, pooled_p, pooled_hat = map(np.array, (pooled_y, pooled_p, pooled_hat))
    pooled = {"windows": int(len(pooled_y)), "accuracy": round(float(accuracy_score(pooled_y, pooled_hat)), 4),
              "macroF1": round(float(f1_score(pooled_y, pooled_hat, average="macro")), 4),
              "auc": round(float(roc_auc_score(pooled_y, pooled_p)), 4)}
    return folds, pooled


def main(source, target):
    data = np.load(source)
    usable = np.array([p == "{}" for p in data["problems"]])
    features = np.nan_to_num(data["features"][usable])
    labels, subjects = data["labels"][usable], data["subjects"][usable]
    folds, pooled = loso(features, labels, subjects,
                         lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)))
    for subject, fold in folds.items():
        print(f"{subject}: {fold}")
    print(f"pooled: {pooled}  ({usable.sum()} of {len(usable)} windows pass the quality check)")
    with open(target, "w") as f:
        json.dump({"model": "logistic regression on engineered features", "evaluation": "leave-one-subject-out",
                   "features": [str(n) for n in data["feature_names"]], "folds": folds, "pooled": pooled,
                   "windows": {"total": int(len(usable)), "passQuality": int(usable.sum())}}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
