"""The training distribution the service checks incoming windows against (Kolmogorov-Smirnov), and its thresholds.

The values compared are what the network reads: each channel standardised within its window (levels are checked by
the signal-quality ranges instead). Per channel: 199 quantiles of every such value of the training windows (the
reference CDF, linear between quantiles), and
the 99th percentile of the KS statistic D of the training windows themselves against it: a window whose D exceeds that
on a channel is further from the training data than 99 % of the training windows were.

    python drift.py data/windows.npz drift-reference.csv

The file has one line per channel: name, threshold, then the 199 quantiles (the plugin reads it with no JSON library).
"""
import sys

import numpy as np

import pipeline

LEVELS = np.arange(1, 200) / 200


def ks_statistic(window_channel, quantiles):
    """D = sup |F_window - F_reference|, the reference CDF linear between its quantiles (0 below, 1 above)."""
    x = np.sort(window_channel)
    n = len(x)
    reference = np.interp(x, quantiles, LEVELS, left=0.0, right=1.0)
    above = np.arange(1, n + 1) / n - reference
    below = reference - np.arange(0, n) / n
    return float(max(above.max(), below.max()))


def standardised(x):
    """A channel as the network sees it (train_resnet.ResNetSE.logit)."""
    return (x - x.mean()) / (x.std() + 1e-3)


def main(source, target):
    data = np.load(source)
    usable = np.array([p == "{}" for p in data["problems"]])
    windows = data["windows"][usable].astype(np.float64)
    lines = []
    for c, name in enumerate(pipeline.CHANNELS):
        values = np.stack([standardised(w[c]) for w in windows])
        quantiles = np.quantile(values, LEVELS)
        d = [ks_statistic(v, quantiles) for v in values]
        lines.append(",".join([name, f"{np.percentile(d, 99):.4f}"] + [f"{q:.6f}" for q in quantiles]))
        print(f"{name}: D of training windows median {np.median(d):.3f}, 99th percentile {np.percentile(d, 99):.3f}")
    with open(target, "w") as f:
        f.write(f"# KS reference of {len(windows)} training windows: channel, 99th-percentile D, quantiles at k/200\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
