"""Bare EZKL in one warm Python process, on the circuit ProverBench built: witness and prove times, and the
circuit's output against ONNX Runtime on every validation sample (the witness holds the logit a proof states; the
score is its sigmoid, the label its sign). Each input carries a random 128-bit salt, as the service's do.

    python bare_prove.py CIRCUIT_DIR PROOFS VALIDATION_JSON
"""
import json, math, secrets, sys, time
import ezkl

directory, count, validation = sys.argv[1], int(sys.argv[2]), json.load(open(sys.argv[3]))
compiled, witness_file, input_file = f"{directory}/model.compiled", f"{directory}/bare-witness.json", f"{directory}/bare-input.json"
scale = json.load(open(f"{directory}/settings.json"))["model_output_scales"][0]


def witness(features):
    salt = [secrets.randbits(32).to_bytes(32, "little").hex() for _ in range(4)]
    with open(input_file, "w") as f:
        json.dump({"input_data": [features + salt]}, f)
    ezkl.gen_witness(input_file, compiled, witness_file)
    return int(ezkl.felt_to_int(json.load(open(witness_file))["outputs"][0][0])) / 2 ** scale


logits = [witness(row["features"]) for row in validation]
deviation = max(abs(1 / (1 + math.exp(-z)) - row["onnx"]) for z, row in zip(logits, validation))
flips = sum((z >= 0) != (row["onnx"] >= 0.5) for z, row in zip(logits, validation))
witness_s, prove_s = [], []
for i in range(count):
    t = time.perf_counter()
    witness(validation[i % len(validation)]["features"])
    witness_s.append(time.perf_counter() - t)
    t = time.perf_counter()
    ezkl.prove(witness_file, compiled, f"{directory}/pk.key", f"{directory}/bare-proof.json", f"{directory}/kzg.srs")
    prove_s.append(time.perf_counter() - t)
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p / 100 + 0.5) - 1)]  # noqa: E731
print(f"circuit vs ONNX Runtime on all {len(validation)} validation samples: max |sigmoid(logit) - score| {deviation:.5f},"
      f" labels that differ {flips}")
print(f"bare EZKL, one warm process: witness p50 {q(witness_s, 50) * 1000:.1f} ms, p90 {q(witness_s, 90) * 1000:.1f} ms;"
      f" prove p50 {q(prove_s, 50):.2f} s, p90 {q(prove_s, 90):.2f} s")
total = [w + p for w, p in zip(witness_s, prove_s)]
print(f"bare_p50 {q(total, 50):.4f}")
