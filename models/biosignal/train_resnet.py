"""A 1-D ResNet with squeeze-and-excitation blocks on raw 35 Hz windows (7 channels x 2100 samples): evaluated
leave-one-subject-out, then trained on every subject, calibrated (temperature scaling) and exported to ONNX.

For each held-out subject the network trains on the others; two of those are kept aside to stop training and to fit
the temperature and to choose the decision threshold (Youden's J on their windows: the training subjects' own
predictions are too confident to choose it from). The served model's temperature and threshold are fitted on the
held-out subjects' logits of the whole evaluation, the only predictions made on people the network had not seen. The exported model includes the
per-window standardisation of each channel and the calibration: `window` [n, 7, 2100] -> `probability` [n, 1].

    python train_resnet.py data/windows.npz resnet-metrics.json biosignal_resnet_se.onnx
"""
import json
import sys

import numpy as np
import torch
from torch import nn

from train_baseline import scores, youden_threshold

EPOCHS, BATCH, SEED = 30, 32, 35
torch.set_num_threads(max(1, torch.get_num_threads()))


class SqueezeExcite(nn.Module):
    def __init__(self, channels, reduction=8):
        super().__init__()
        self.gate = nn.Sequential(nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(channels, channels // reduction),
                                  nn.ReLU(), nn.Linear(channels // reduction, channels), nn.Sigmoid())

    def forward(self, x):
        return x * self.gate(x).unsqueeze(-1)


class ResidualBlock(nn.Module):
    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(inputs, outputs, 7, stride, 3, bias=False), nn.BatchNorm1d(outputs), nn.ReLU(),
            nn.Conv1d(outputs, outputs, 7, 1, 3, bias=False), nn.BatchNorm1d(outputs), SqueezeExcite(outputs))
        self.shortcut = nn.Identity() if inputs == outputs and stride == 1 else nn.Sequential(
            nn.Conv1d(inputs, outputs, 1, stride, bias=False), nn.BatchNorm1d(outputs))

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


class ResNetSE(nn.Module):
    """Standardise each channel within the window (people differ in their levels; a window carries no baseline of its
    own), stem, three SE residual blocks (each halving time), pool, one logit (divided by the temperature)."""

    def __init__(self, channels=7):
        super().__init__()
        self.register_buffer("temperature", torch.ones(1))
        self.features = nn.Sequential(
            nn.Conv1d(channels, 32, 7, 2, 3, bias=False), nn.BatchNorm1d(32), nn.ReLU(),
            ResidualBlock(32, 32, 2), ResidualBlock(32, 64, 2), ResidualBlock(64, 64, 2),
            nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(64, 1))

    def logit(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        std = ((x - mean) ** 2).mean(dim=-1, keepdim=True).sqrt()
        return self.features((x - mean) / (std + 1e-3)).squeeze(-1)

    def forward(self, x):
        return torch.sigmoid(self.logit(x) / self.temperature).unsqueeze(-1)


def fit(windows, labels, calibration_windows, calibration_labels, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = ResNetSE()
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-3)
    x, y = torch.from_numpy(windows), torch.from_numpy(labels.astype(np.float32))
    xc, yc = torch.from_numpy(calibration_windows), torch.from_numpy(calibration_labels.astype(np.float32))
    best, best_state = float("inf"), None
    for _ in range(EPOCHS):
        model.train()
        for batch in np.array_split(rng.permutation(len(x)), max(1, len(x) // BATCH)):
            optimiser.zero_grad()
            noisy = x[batch] * (1 + 0.02 * torch.randn(len(batch), 1, 1))  # gain jitter
            loss = nn.functional.binary_cross_entropy_with_logits(model.logit(noisy), y[batch])
            loss.backward()
            optimiser.step()
        model.eval()
        with torch.no_grad():
            held = nn.functional.binary_cross_entropy_with_logits(model.logit(xc), yc).item()
        if held < best:
            best, best_state = held, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    with torch.no_grad():
        logits = model.logit(xc)
    model.temperature.fill_(temperature(logits, yc))
    return model


def temperature(logits, labels):
    """The temperature that minimises the calibration subjects' log loss (a grid: robust with few windows)."""
    grid = np.exp(np.linspace(np.log(0.25), np.log(64), 80))
    losses = [nn.functional.binary_cross_entropy_with_logits(logits / t, labels).item() for t in grid]
    return float(grid[int(np.argmin(losses))])


def probabilities(model, windows):
    with torch.no_grad():
        return model(torch.from_numpy(windows)).numpy()[:, 0]


def split_calibration(subjects, rng, count=2):
    held = rng.choice(sorted(set(subjects)), size=count, replace=False)
    return ~np.isin(subjects, held), np.isin(subjects, held)


def main(source, metrics_path, onnx_path):
    data = np.load(source)
    usable = np.array([p == "{}" for p in data["problems"]])
    windows, labels, subjects = data["windows"][usable], data["labels"][usable], data["subjects"][usable]
    rng = np.random.default_rng(SEED)
    folds, pooled_y, pooled_p, pooled_hat, oof_logits = {}, [], [], [], []
    for held_out in sorted(set(subjects)):
        train_all = subjects != held_out
        train, calibration = split_calibration(subjects[train_all], rng)
        w, l = windows[train_all], labels[train_all]
        model = fit(w[train], l[train], w[calibration], l[calibration], SEED)
        threshold = youden_threshold(l[calibration], probabilities(model, w[calibration]))
        p = probabilities(model, windows[~train_all])
        with torch.no_grad():
            oof_logits += list(model.logit(torch.from_numpy(windows[~train_all])).numpy())
        folds[held_out] = scores(labels[~train_all], p, threshold)
        print(f"{held_out}: {folds[held_out]}", flush=True)
        pooled_y += list(labels[~train_all]); pooled_p += list(p); pooled_hat += list((p >= threshold).astype(int))
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
    pooled = {"windows": len(pooled_y), "accuracy": round(float(accuracy_score(pooled_y, pooled_hat)), 4),
              "macroF1": round(float(f1_score(pooled_y, pooled_hat, average="macro")), 4),
              "auc": round(float(roc_auc_score(pooled_y, pooled_p)), 4)}
    print(f"pooled: {pooled}")
    # The served model's temperature and threshold come from the held-out subjects' logits of the evaluation (in
    # subject order, like pooled_y): within a subject the network is often perfectly separable, so a temperature fitted
    # on training or calibration subjects only sharpens it; across unseen subjects it is not.
    oof = torch.tensor(np.array(oof_logits), dtype=torch.float32)
    oof_labels = torch.tensor(np.array(pooled_y), dtype=torch.float32)
    served_temperature = temperature(oof, oof_labels)
    oof_p = torch.sigmoid(oof / served_temperature).numpy()
    threshold = youden_threshold(np.array(pooled_y), oof_p)
    calibration_report = {"temperature": round(served_temperature, 4), "threshold": round(threshold, 4),
                          "brierRaw": round(float(np.mean((torch.sigmoid(oof).numpy() - np.array(pooled_y)) ** 2)), 4),
                          "brierCalibrated": round(float(np.mean((oof_p - np.array(pooled_y)) ** 2)), 4),
                          "heldOut": scores(np.array(pooled_y), oof_p, threshold)}
    print(f"held-out calibration: {calibration_report}")
    train, calibration = split_calibration(subjects, rng)
    final = fit(windows[train], labels[train], windows[calibration], labels[calibration], SEED)
    final.temperature.fill_(served_temperature)
    example = torch.from_numpy(windows[:1])
    torch.onnx.export(final, example, onnx_path, input_names=["window"], output_names=["probability"],
                      dynamic_axes={"window": {0: "n"}, "probability": {0: "n"}}, opset_version=17, dynamo=False)
    with open(metrics_path, "w") as f:
        json.dump({"model": "1-D ResNet with squeeze-and-excitation, raw 35 Hz windows", "evaluation": "leave-one-subject-out",
                   "epochs": EPOCHS, "seed": SEED, "folds": folds, "pooled": pooled,
                   "servedCalibration": calibration_report,
                   "final": {"threshold": round(threshold, 4), "temperature": round(float(final.temperature.item()), 4),
                             "parameters": sum(p.numel() for p in final.parameters())}}, f, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:4])
