"""The biosignal pipeline: chest channels -> 35 Hz -> 60 s windows (50 % overlap) -> quality, features.

This is the reference the Java service implements at inference time (resampling, windows, signal quality, features);
training and evaluation use it directly.
"""
import numpy as np
from scipy import signal

import wesad

HZ = 35
WINDOW_S = 60
WINDOW = HZ * WINDOW_S  # 2100 samples
STEP = WINDOW // 2
CHANNELS = ("ecg", "eda", "resp", "temp", "acc_x", "acc_y", "acc_z")

# Plausible ranges of a chest sensor's channels (RespiBAN units: mV, microsiemens, percent, degrees C, g).
RANGES = {"ecg": (-5, 5), "eda": (0.05, 60), "resp": (-50, 50), "temp": (25, 42),
          "acc_x": (-8, 8), "acc_y": (-8, 8), "acc_z": (-8, 8)}
FLAT_S = 4  # a channel constant for this long has lost its electrode
CLIPPED_SHARE = 0.01  # more samples than this within CLIPPED_BAND of the window's extremes: clipped
CLIPPED_BAND = 0.01  # of the window's range (resampling to 35 Hz ripples a flat top slightly)
HEART_RATE = (35, 200)
SCR_MIN_US = 0.05
BEAT_CONTRAST = 6


def chest_matrix(recording):
    """The recording's chest channels as a (7, n) array at 700 Hz, in CHANNELS order."""
    c = recording.chest
    return np.vstack([c["ECG"][:, 0], c["EDA"][:, 0], c["Resp"][:, 0], c["Temp"][:, 0], c["ACC"].T])


def resample(x, from_hz, to_hz=HZ):
    """Polyphase resampling with its anti-aliasing filter, along the last axis."""
    from fractions import Fraction
    ratio = Fraction(to_hz, int(round(from_hz))).limit_denominator(1000)
    return signal.resample_poly(x, ratio.numerator, ratio.denominator, axis=-1)


def windows(x, labels=None):
    """(start, window) pairs of WINDOW samples every STEP; with labels, only windows of one baseline/stress label."""
    for start in range(0, x.shape[-1] - WINDOW + 1, STEP):
        window = x[..., start:start + WINDOW]
        if labels is None:
            yield start, window, None
            continue
        span = labels[start:start + WINDOW]
        if span[0] in (wesad.BASELINE, wesad.STRESS) and np.all(span == span[0]):
            yield start, window, int(span[0] == wesad.STRESS)


def labels_at(label, from_hz=wesad.CHEST_HZ, to_hz=HZ):
    """Labels resampled by taking the label at each new sample's time."""
    n = int(len(label) * to_hz / from_hz)
    return label[(np.arange(n) * from_hz / to_hz).astype(int)]


def moving_average(x, n):
    """Centred moving average over n samples (edges averaged over what is there)."""
    kernel = np.ones(n)
    return np.convolve(x, kernel, mode="same") / np.convolve(np.ones_like(x), kernel, mode="same")


def local_peaks(x, threshold, distance):
    """Indices of local maxima above threshold, keeping the highest of any closer than distance (greedy by height)."""
    candidates = np.flatnonzero((x[1:-1] > threshold) & (x[1:-1] >= x[:-2]) & (x[1:-1] > x[2:])) + 1
    kept = []
    for i in candidates[np.argsort(-x[candidates], kind="stable")]:
        if all(abs(i - k) >= distance for k in kept):
            kept.append(i)
    return np.array(sorted(kept), dtype=int)


def r_peaks(ecg):
    """R peaks in a 35 Hz ECG: squared slope, 150 ms moving average, maxima above 30 % of its 98th percentile,
    at least 0.3 s apart (a Pan-Tompkins-like detector simple enough to implement identically in Java)."""
    energy = moving_average(np.diff(ecg, prepend=ecg[0]) ** 2, 5)
    return local_peaks(energy, 0.3 * np.percentile(energy, 98), int(0.3 * HZ))


def refine(x, peaks):
    """Peak positions to a fraction of a sample (a parabola through each peak and its neighbours): at 35 Hz one
    sample is 29 ms, too coarse for beat-to-beat intervals."""
    inner = peaks[(peaks > 0) & (peaks < len(x) - 1)]
    left, centre, right = x[inner - 1], x[inner], x[inner + 1]
    denominator = left - 2 * centre + right
    safe = np.where(np.abs(denominator) > 1e-12, denominator, 1.0)
    offset = np.where(np.abs(denominator) > 1e-12, 0.5 * (left - right) / safe, 0.0)
    return inner + np.clip(offset, -0.5, 0.5)


def heart(ecg):
    """Heart rate (beats per minute, from the median beat interval) and RMSSD (ms); NaN when fewer than 3 beats, or
    when the beats do not stand out: the 98th percentile of the energy less than BEAT_CONTRAST times its median (real
    ECGs measure 20-40, a PPG 8.6, white noise 3.5-4)."""
    energy = moving_average(np.diff(ecg, prepend=ecg[0]) ** 2, 5)
    peaks = r_peaks(ecg)
    if len(peaks) < 3 or np.percentile(energy, 98) < BEAT_CONTRAST * np.median(energy):
        return float("nan"), float("nan")
    rr = np.diff(refine(energy, peaks)) / HZ
    return 60 / float(np.median(rr)), float(np.sqrt(np.mean(np.diff(rr * 1000) ** 2)))


def scr_count(eda):
    """Skin-conductance responses: rises of the 1 s moving-averaged EDA by at least 0.05 uS from the last trough."""
    smooth = moving_average(eda, HZ)
    count, trough, rising = 0, smooth[0], False
    for value in smooth[1:]:
        if not rising and value - trough >= SCR_MIN_US:
            count, rising, peak = count + 1, True, value
        if rising:
            peak = max(peak, value)
            if peak - value >= SCR_MIN_US / 2:  # the response is over once it has fallen back
                rising, trough = False, value
        else:
            trough = min(trough, value)
    return count


def quality(window):
    """Per channel: the first problem found ('flat', 'clipped', 'out-of-range'), or None; plus 'heart-rate' for ECG."""
    problems = {}
    for i, name in enumerate(CHANNELS):
        x = window[i]
        changes = np.flatnonzero(np.abs(np.diff(x)) > 1e-6 * max(1.0, float(np.max(np.abs(x)))))
        longest = int(np.max(np.diff(np.concatenate([[-1], changes, [len(x) - 1]]))))  # samples of the longest constant run
        low, high = RANGES[name]
        band = CLIPPED_BAND * (x.max() - x.min())
        at_edges = np.mean((x >= x.max() - band) | (x <= x.min() + band))
        if longest >= FLAT_S * HZ:
            problems[name] = "flat"
        elif name == "ecg" and at_edges > CLIPPED_SHARE:
            problems[name] = "clipped"
        elif np.median(x) < low or np.median(x) > high:
            problems[name] = "out-of-range"
    if "ecg" not in problems:
        rate, _ = heart(window[0])
        if not (HEART_RATE[0] <= rate <= HEART_RATE[1]):
            problems["ecg"] = "heart-rate"
    return problems


def features(window):
    """Engineered features of one window, as a dict: per channel mean, std, peaks, range; heart rate, RMSSD, SCRs."""
    out = {}
    for i, name in enumerate(CHANNELS):
        x = window[i]
        out[f"{name}_mean"] = float(np.mean(x))
        out[f"{name}_std"] = float(np.std(x))
        out[f"{name}_range"] = float(np.ptp(x))
        out[f"{name}_peaks"] = float(len(signal.find_peaks(x, prominence=np.std(x))[0]))
    out["heart_rate"], out["rmssd"] = heart(window[0])
    out["scr_count"] = float(scr_count(window[1]))
    return out
