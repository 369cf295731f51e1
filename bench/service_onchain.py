"""On-chain submission latency through the running service, on its development chain (Anvil, automine):

    python service_onchain.py URL SUBMISSIONS

Proves SUBMISSIONS + 1 distinct results first, then submits them one at a time. The first submission deploys the
contracts and registers the model (first use) and is reported apart. Then one batch request of 16 results, proven in one
batch proof and recorded in one transaction: its gas per score (the batch circuit is built on first use: a minute or two). server: from the submission's pending event to its
mined event (no polling in it); client: from POST .../onchain until GET .../onchain says mined, polled every 20 ms.
"""
import json, sys, time, urllib.request
from datetime import datetime

url, count = sys.argv[1], int(sys.argv[2])
names = ["left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension", "eye_symmetry", "mouth_opening", "time_of_day"]


def call(method, path, body=None):
    request = urllib.request.Request(url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer vsk_bench_client"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


ids = []
for i in range(count + 1):  # distinct inputs: the registry refuses a statement it already holds
    features = [0.18, 0.19, 0.025, 8.0, 0.12, 0.05, round(0.05 + i / (count + 2), 4)]
    ids.append(call("POST", "/v1/inferences", {"model": "stress-mlp", "prove": True, "input": dict(zip(names, features))})["id"])
for id in ids:
    while (proof := call("GET", f"/v1/inferences/{id}/proof"))["status"] not in ("proven", "failed"):
        time.sleep(0.2)
    if proof["status"] != "proven":
        sys.exit(f"proof failed: {proof['reason']}")

client, server, gas = [], [], []
for i, id in enumerate(ids):
    t = time.perf_counter()
    pending = call("POST", f"/v1/inferences/{id}/onchain")
    while (status := call("GET", f"/v1/inferences/{id}/onchain"))["status"] not in ("mined", "reverted", "failed"):
        time.sleep(0.02)
    elapsed = time.perf_counter() - t
    if status["status"] != "mined":
        sys.exit(f"submission {status['status']}: {status.get('reason')}")
    if i == 0:
        print(f"first submission (deploys the contracts, registers the model): client {elapsed:.2f} s")
        continue
    client.append(elapsed)
    server.append(instant(status["updatedAt"]) - instant(pending["updatedAt"]))
    gas.append(status["gasUsed"])
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p / 100 + 0.5) - 1)]  # noqa: E731
print(f"request -> mined receipt over {count} submissions: client p50 {q(client, 50) * 1000:.0f} ms, p90 {q(client, 90) * 1000:.0f} ms;"
      f" server (pending -> mined) p50 {q(server, 50) * 1000:.0f} ms, p90 {q(server, 90) * 1000:.0f} ms")
print(f"gas per verified submission: min {min(gas)}, max {max(gas)}")

batch = [dict(zip(names, [0.26, 0.27, 0.035, 6.5, 0.08, 0.11, round(0.01 + i / 17, 4)])) for i in range(16)]
batch_ids = [r["id"] for r in call("POST", "/v1/inferences", {"model": "stress-mlp", "prove": True, "inputs": batch})["results"]]
t = time.perf_counter()
for id in batch_ids:
    while (proof := call("GET", f"/v1/inferences/{id}/proof"))["status"] not in ("proven", "failed"):
        time.sleep(0.2)
    if proof["status"] != "proven":
        sys.exit(f"batch proof failed: {proof['reason']}")
proven = time.perf_counter() - t
call("POST", f"/v1/inferences/{batch_ids[0]}/onchain")
while (status := call("GET", f"/v1/inferences/{batch_ids[0]}/onchain"))["status"] not in ("mined", "reverted", "failed"):
    time.sleep(0.02)
if status["status"] != "mined":
    sys.exit(f"batch submission {status['status']}: {status.get('reason')}")
print(f"batch of 16 through the service: proven in {proven:.1f} s (first batch: includes building the batch circuit);"
      f" one transaction, {status['gasUsed']} gas, {status['gasUsed'] // 16} per score"
      f" ({status['gasUsed'] / 16 / min(gas):.2f} x a single submission's gas)")
