"""Bare EZKL: time gen_witness and prove in one warm Python process, on a circuit ProverBench built."""
import json, statistics, sys, time
import ezkl

directory, count = sys.argv[1], int(sys.argv[2])
with open(f"{directory}/input.json", "w") as f:
    json.dump({"input_data": [[0.18, 0.19, 0.025, 8.0, 0.12, 0.05, 0.67]]}, f)
witness, prove = [], []
for _ in range(count):
    t = time.perf_counter()
    ezkl.gen_witness(f"{directory}/input.json", f"{directory}/model.compiled", f"{directory}/witness.json")
    witness.append(time.perf_counter() - t)
    t = time.perf_counter()
    ezkl.prove(f"{directory}/witness.json", f"{directory}/model.compiled", f"{directory}/pk.key", f"{directory}/proof.json", f"{directory}/kzg.srs")
    prove.append(time.perf_counter() - t)
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p / 100 + 0.5) - 1)]  # noqa: E731
print(f"bare EZKL in one warm process: witness p50 {q(witness, 50) * 1000:.1f} ms; prove p50 {q(prove, 50):.2f} s, p90 {q(prove, 90):.2f} s")
