"""Simulated WESAD: chest recordings (700 Hz) of simulated subjects at baseline and under stress, in WESAD's format.

WESAD cannot be downloaded here; this writes files the real loader reads, so every later step runs unchanged on the
real data set. Each subject gets its own resting physiology; stress moves it the way the TSST does in the literature:
higher heart rate and lower heart-rate variability, more skin-conductance responses on a higher tonic level, faster
breathing, cooler skin, more movement. Artefacts are injected at random: motion bursts, electrode loss (ECG or EDA flat
at zero), clipping. Simulated physiology, not people: see README.md.

    python simulate.py --out data/simulated --subjects 15 --seed 7
"""
import argparse
import json
import pathlib

import neurokit2 as nk
import numpy as np

import wesad

BASELINE_S, TRANSIENT_S, STRESS_S = 480, 60, 360


def subject_physiology(rng):
    """One subject: resting values, and how strongly stress moves each (some people barely respond on a channel)."""
    return {
        "heart_rate": rng.normal(70, 9), "heart_rate_std": max(2.0, rng.normal(6, 2)),
        "hr_rise": max(0.0, rng.normal(12, 7)), "hrv_factor": rng.uniform(0.5, 1.0),
        "eda_tonic": rng.lognormal(np.log(3.0), 0.6), "scr_per_min": rng.uniform(0.5, 4), "scr_factor": rng.uniform(1.0, 3.5),
        "eda_rise": rng.uniform(0.0, 1.5), "scr_amplitude": rng.uniform(0.1, 0.8),
        "resp_rate": rng.normal(14, 2.5), "resp_rise": rng.normal(3, 2),
        "temp": rng.normal(33.8, 0.7), "temp_drop": rng.uniform(0.0, 0.6),
        "movement": rng.uniform(0.005, 0.03), "movement_factor": rng.uniform(0.8, 2.5),
        "artefact_rate": rng.uniform(0.5, 2.0),  # artefact episodes per 5 minutes
    }


def condition(p, stressed, seconds, rng, hz=wesad.CHEST_HZ):
    """One condition's chest channels, n x k each."""
    seed = int(rng.integers(2**31))
    hr = p["heart_rate"] + (p["hr_rise"] if stressed else 0)
    hr_std = p["heart_rate_std"] * (p["hrv_factor"] if stressed else 1)
    ecg = nk.ecg_simulate(duration=seconds, sampling_rate=hz, heart_rate=hr, heart_rate_std=hr_std,
                          noise=0.02, method="ecgsyn", random_state=seed)
    scr = p["scr_per_min"] * (p["scr_factor"] if stressed else 1) * seconds / 60
    eda = nk.eda_simulate(duration=seconds, sampling_rate=hz, scr_number=max(1, int(round(scr))),
                          drift=0, noise=0.005, random_state=seed) * p["scr_amplitude"] + p["eda_tonic"] \
        + (p["eda_rise"] if stressed else 0)
    rate = p["resp_rate"] + (p["resp_rise"] if stressed else 0)
    resp = nk.rsp_simulate(duration=seconds, sampling_rate=hz, respiratory_rate=rate, noise=0.05,
                           method="breathmetrics", random_state=seed)
    n = len(ecg)
    t = np.arange(n) / hz
    drop = p["temp_drop"] if stressed else 0
    eda = eda + 0.1 * np.sin(2 * np.pi * np.arange(len(eda)) / hz / rng.uniform(200, 400))  # slow tonic wander
    temp = p["temp"] - drop * np.minimum(1, t / 120) + 0.05 * np.sin(2 * np.pi * t / 300) + rng.normal(0, 0.01, n)
    sway = p["movement"] * (p["movement_factor"] if stressed else 1)
    acc = np.array([0.02, -0.05, 0.95]) + np.cumsum(rng.normal(0, sway / 30, (n, 3)), axis=0) * 0.01 + rng.normal(0, sway, (n, 3))
    emg = rng.normal(0, 0.01, n)
    return {"ACC": acc, "ECG": (ecg * 1.2)[:, None], "EMG": emg[:, None], "EDA": eda[:n, None],
            "Temp": temp[:, None], "Resp": (resp[:n] * 2.0)[:, None]}


def inject_artefacts(chest, p, rng, hz=wesad.CHEST_HZ):
    """Motion bursts, electrode loss and clipping, at random; returns where (for the SQI's detection rate)."""
    n = len(chest["ECG"])
    episodes = rng.poisson(p["artefact_rate"] * n / hz / 300)
    log = []
    for _ in range(episodes):
        kind = rng.choice(["motion", "ecg_loss", "eda_loss", "clipping"])
        length = int(rng.uniform(5, 20) * hz)
        start = int(rng.integers(0, max(1, n - length)))
        stop = start + length
        if kind == "motion":
            chest["ACC"][start:stop] += rng.normal(0, 0.6, (length, 3))
            chest["ECG"][start:stop, 0] += rng.normal(0, 0.8, length) + np.sin(np.arange(length) / hz * 2 * np.pi * 0.7) * 1.5
        elif kind == "ecg_loss":
            chest["ECG"][start:stop, 0] = 0.0
        elif kind == "eda_loss":
            chest["EDA"][start:stop, 0] = 0.0
        else:  # a gain jump drives the amplifier into its rails, which then hold the ECG flat-topped
            rail = 1.5
            chest["ECG"][start:stop, 0] = np.clip(chest["ECG"][start:stop, 0] * 4, -rail, rail)
        log.append({"kind": str(kind), "start": start, "stop": stop})
    return log


def wrist_from(chest, rng):
    """Wrist channels at WESAD's rates, derived from the chest (BVP pulses at the chest's beats)."""
    seconds = len(chest["ECG"]) / wesad.CHEST_HZ
    def at(values, hz):
        idx = (np.arange(int(seconds * hz)) * wesad.CHEST_HZ / hz).astype(int)
        return values[idx]
    return {"ACC": at(chest["ACC"], 32) * 64, "BVP": at(chest["ECG"], 64) * 50 + rng.normal(0, 2, (int(seconds * 64), 1)),
            "EDA": at(chest["EDA"], 4) * 0.3, "TEMP": at(chest["Temp"], 4) - 1.5}


def simulate_subject(name, rng):
    p = subject_physiology(rng)
    parts = [condition(p, False, BASELINE_S, rng), condition(p, False, TRANSIENT_S, rng), condition(p, True, STRESS_S, rng)]
    chest = {k: np.concatenate([part[k] for part in parts]) for k in parts[0]}
    n = [len(part["ECG"]) for part in parts]
    label = np.concatenate([np.full(n[0], wesad.BASELINE), np.zeros(n[1], int), np.full(n[2], wesad.STRESS)])
    artefacts = inject_artefacts(chest, p, rng)
    return wesad.Recording(name, chest, label), wrist_from(chest, rng), p, artefacts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="data/simulated")
    parser.add_argument("--subjects", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    out = pathlib.Path(args.out)
    manifest = {}
    names = [f"S{i}" for i in range(2, 18) if i != 12][: args.subjects]  # WESAD's own subject ids
    for name in names:
        recording, wrist, physiology, artefacts = simulate_subject(name, rng)
        (out / name).mkdir(parents=True, exist_ok=True)
        wesad.save(recording, wrist, out / name / f"{name}.pkl")
        manifest[name] = {"physiology": {k: round(float(v), 4) for k, v in physiology.items()}, "artefacts": artefacts}
        print(f"{name}: {len(recording.label) / wesad.CHEST_HZ:.0f} s, {len(artefacts)} artefacts", flush=True)
    (out / "manifest.json").write_text(json.dumps({"seed": args.seed, "subjects": manifest}, indent=1))


if __name__ == "__main__":
    main()
