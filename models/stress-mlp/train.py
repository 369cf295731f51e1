"""Trains the Veriscore stress MLP (7 -> 16 -> 8 -> 1) and exports it to ONNX.

Reproduces the Body Debt model card: a 2,000-sample synthetic set built from
physiological heuristics, Adam (lr 0.01), batch 64, 120 epochs, MSE in logit space,
20 % held out, fixed seed. Pure NumPy; `onnx` only builds the graph and
`onnxruntime` re-checks the exported file.

    python train.py            # writes stress_mlp.onnx, dataset.csv, metrics.json
"""

import csv
import hashlib
import json
import pathlib

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper

HERE = pathlib.Path(__file__).resolve().parent
SEED = 553
SAMPLES = 2000
VALIDATION_FRACTION = 0.2
EPOCHS, BATCH, LEARNING_RATE = 120, 64, 0.01
BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8
INPUT_NOISE, TARGET_NOISE = 0.005, 0.03

# Feature order and ranges from the model card.
FEATURES = [
    ("left_eye_aspect", 0.15, 0.45),
    ("right_eye_aspect", 0.15, 0.45),
    ("brow_tension", 0.02, 0.06),
    ("mouth_tension", 2.0, 12.0),
    ("eye_symmetry", 0.0, 0.3),
    ("mouth_opening", 0.0, 0.4),
    ("time_of_day", 0.0, 1.0),
]

PROFILES = {
    "tired": ([0.18, 0.19, 0.025, 8.0, 0.12, 0.05, 0.67], 71.5),
    "rested": ([0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.34], 32.3),
    "marginal": ([0.25, 0.26, 0.035, 6.0, 0.08, 0.10, 0.92], 53.9),
}

# Heuristic weights on the logit scale. Each term is a 0..1 "how bad" ramp; the weights and
# bias were chosen so that the card's three sanity profiles land near its published scores.
WEIGHTS = {"drowsy": 0.8, "furrow": 0.65, "clench": 0.25, "asymmetry": 0.4, "slack": 1.0, "circadian": 0.25}
BIAS = -1.77
CIRCADIAN_LOWS = (3 / 24, 15 / 24)  # 3 am and 3 pm
CIRCADIAN_WIDTH = 1.5 / 24  # one standard deviation: 1.5 hours


def ramp(x, start, end):
    """0 at `start`, 1 at `end`, clipped: a heuristic 'how far towards bad'."""
    return np.clip((x - start) / (end - start), 0.0, 1.0)


def circadian_low(time_of_day):
    bumps = []
    for low in CIRCADIAN_LOWS:
        distance = np.abs(time_of_day - low)
        distance = np.minimum(distance, 1.0 - distance)  # the day wraps around
        bumps.append(np.exp(-0.5 * (distance / CIRCADIAN_WIDTH) ** 2))
    return np.maximum(*bumps)


def stress_probability(x):
    """The ground-truth heuristic the network has to learn (before target noise)."""
    mean_ear = (x[:, 0] + x[:, 1]) / 2
    terms = {
        "drowsy": ramp(mean_ear, 0.45, 0.15),  # eyes closing
        "furrow": ramp(x[:, 2], 0.045, 0.030),  # brow pulled down towards the eye
        "clench": ramp(x[:, 3], 2.0, 12.0),  # wide, thin mouth
        "asymmetry": ramp(x[:, 4], 0.0, 0.3),  # one eye droops
        "slack": ramp(x[:, 5], 0.4, 0.0),  # little mouth opening
        "circadian": circadian_low(x[:, 6]),
    }
    logit = BIAS + sum(WEIGHTS[name] * value for name, value in terms.items())
    return 1.0 / (1.0 + np.exp(-logit))


def make_dataset(rng):
    low = np.array([f[1] for f in FEATURES])
    high = np.array([f[2] for f in FEATURES])
    clean = rng.uniform(low, high, size=(SAMPLES, len(FEATURES)))
    target = stress_probability(clean) + rng.normal(0.0, TARGET_NOISE, SAMPLES)
    noisy = clean + rng.normal(0.0, INPUT_NOISE, clean.shape)
    noisy = np.clip(noisy, 0.0, None)  # ratios cannot be negative
    noisy[:, 6] = np.clip(noisy[:, 6], 0.0, 1.0)
    target = np.clip(target, 0.01, 0.99)
    return noisy.astype(np.float32), target.astype(np.float32)


def init_layers(rng, sizes):
    layers = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        weight = rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
        layers.append([weight, np.zeros(fan_out)])
    return layers


def forward(layers, x):
    activations = [x]
    for i, (weight, bias) in enumerate(layers):
        z = activations[-1] @ weight + bias
        activations.append(z if i == len(layers) - 1 else np.maximum(z, 0.0))
    return activations  # the last entry is the logit


def train(rng, x, y):
    """Adam on MSE between the network's logit and the target's logit."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    xs = (x - mean) / std
    target_logit = np.log(y / (1 - y))
    layers = init_layers(rng, [7, 16, 8, 1])
    moments = [[np.zeros_like(p), np.zeros_like(p)] for layer in layers for p in layer]
    step = 0
    for _ in range(EPOCHS):
        order = rng.permutation(len(xs))
        for start in range(0, len(xs), BATCH):
            batch = order[start : start + BATCH]
            acts = forward(layers, xs[batch])
            grad = 2 * (acts[-1][:, 0] - target_logit[batch])[:, None] / len(batch)
            grads = []
            for i in reversed(range(len(layers))):
                weight, _ = layers[i]
                grads.append((acts[i].T @ grad, grad.sum(axis=0)))
                grad = (grad @ weight.T) * (acts[i] > 0)
            grads.reverse()
            step += 1
            flat = [p for layer in layers for p in layer]
            flat_grads = [g for pair in grads for g in pair]
            for param, g, m in zip(flat, flat_grads, moments):
                m[0] = BETA1 * m[0] + (1 - BETA1) * g
                m[1] = BETA2 * m[1] + (1 - BETA2) * g * g
                m_hat = m[0] / (1 - BETA1**step)
                v_hat = m[1] / (1 - BETA2**step)
                param -= LEARNING_RATE * m_hat / (np.sqrt(v_hat) + EPSILON)
    # Fold the standardisation into the first layer so that the model takes raw features.
    first_weight, first_bias = layers[0]
    layers[0] = [first_weight / std[:, None], first_bias - (mean / std) @ first_weight]
    return layers


def predict(layers, x):
    return 1.0 / (1.0 + np.exp(-forward(layers, x)[-1][:, 0]))


def export_onnx(layers, path):
    nodes, initializers = [], []
    previous = "input"
    for i, (weight, bias) in enumerate(layers):
        w_name, b_name, out = f"fc{i + 1}.weight", f"fc{i + 1}.bias", f"fc{i + 1}"
        initializers.append(numpy_helper.from_array(weight.T.astype(np.float32), w_name))
        initializers.append(numpy_helper.from_array(bias.astype(np.float32), b_name))
        nodes.append(helper.make_node("Gemm", [previous, w_name, b_name], [out], transB=1))
        activation = "Sigmoid" if i == len(layers) - 1 else "Relu"
        result = "output" if i == len(layers) - 1 else f"relu{i + 1}"
        nodes.append(helper.make_node(activation, [out], [result]))
        previous = result
    graph = helper.make_graph(
        nodes,
        "stress_mlp",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 7])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 1])],
        initializers,
    )
    model = helper.make_model(graph, producer_name="veriscore-train", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path.write_bytes(model.SerializeToString())


def errors(predicted, actual):
    diff = predicted - actual
    return {"mae": float(np.mean(np.abs(diff))), "mse": float(np.mean(diff**2))}


def linear_baseline_mae(x_train, y_train, x_val, y_val):
    design = lambda x: np.hstack([x, np.ones((len(x), 1))])  # noqa: E731
    coefficients, *_ = np.linalg.lstsq(design(x_train), y_train, rcond=None)
    return errors(design(x_val) @ coefficients, y_val)["mae"]


def write_dataset(path, x, y, validation):
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([name for name, _, _ in FEATURES] + ["target", "split"])
        for row, target, is_val in zip(x, y, validation):
            writer.writerow([f"{v:.6f}" for v in row] + [f"{target:.6f}", "val" if is_val else "train"])


def main():
    rng = np.random.default_rng(SEED)
    x, y = make_dataset(rng)
    validation = np.zeros(SAMPLES, dtype=bool)
    validation[rng.permutation(SAMPLES)[: int(SAMPLES * VALIDATION_FRACTION)]] = True
    layers = train(rng, x[~validation].astype(np.float64), y[~validation].astype(np.float64))

    model_path = HERE / "stress_mlp.onnx"
    export_onnx(layers, model_path)
    write_dataset(HERE / "dataset.csv", x, y, validation)

    session = onnxruntime.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    run = lambda features: session.run(None, {"input": np.asarray(features, np.float32)})[0][:, 0]  # noqa: E731
    numpy_vs_onnx = float(np.max(np.abs(run(x) - predict(layers, x.astype(np.float64)))))
    metrics = {
        "model": model_path.name,
        "sha256": hashlib.sha256(model_path.read_bytes()).hexdigest(),
        "size_bytes": model_path.stat().st_size,
        "trainable_parameters": int(sum(p.size for layer in layers for p in layer)),
        "samples": {"train": int((~validation).sum()), "validation": int(validation.sum())},
        "train": errors(run(x[~validation]), y[~validation]),
        "validation": errors(run(x[validation]), y[validation]),
        "linear_baseline_validation_mae": linear_baseline_mae(x[~validation], y[~validation], x[validation], y[validation]),
        "max_abs_diff_numpy_vs_onnxruntime": numpy_vs_onnx,
        "profiles": {
            name: {"features": features, "seed_score100": seed, "score100": round(float(run([features])[0]) * 100, 2)}
            for name, (features, seed) in PROFILES.items()
        },
        "hyperparameters": {
            "seed": SEED, "epochs": EPOCHS, "batch": BATCH, "optimizer": "adam", "learning_rate": LEARNING_RATE,
            "beta1": BETA1, "beta2": BETA2, "epsilon": EPSILON, "loss": "mse_logit",
            "input_noise_sigma": INPUT_NOISE, "target_noise_sigma": TARGET_NOISE,
        },
        "versions": {"numpy": np.__version__, "onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__},
    }
    (HERE / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(json.dumps({k: metrics[k] for k in ("train", "validation", "linear_baseline_validation_mae", "profiles")}, indent=2))


if __name__ == "__main__":
    main()
