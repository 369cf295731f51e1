"""End-to-end proof latency through the running service, one proof at a time:

    python service_prove.py URL PROOFS VALIDATION_JSON

server: from the stored result's createdAt to the proof's updatedAt: no polling in it, the figure compared;
client: from POST {"prove": true} until GET .../proof says proven, polled every 100 ms (faster polling
takes CPU from the prover on two cores: at 5 ms the server figure grew from about 1.8 s to 2.8 s).
"""
import json, sys, time, urllib.request
from datetime import datetime

url, count, validation = sys.argv[1], int(sys.argv[2]), json.load(open(sys.argv[3]))
names = ["left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension", "eye_symmetry", "mouth_opening", "time_of_day"]


def call(method, path, body=None):
    request = urllib.request.Request(url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": "Bearer vsk_bench_client"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


client, server = [], []
for i in range(count + 1):  # the first one warms the service up and is not counted
    features = validation[i % len(validation)]["features"]
    t = time.perf_counter()
    result = call("POST", "/v1/inferences", {"model": "stress-mlp", "prove": True, "input": dict(zip(names, features))})
    while (proof := call("GET", f"/v1/inferences/{result['id']}/proof"))["status"] not in ("proven", "failed"):
        time.sleep(0.1)
    elapsed = time.perf_counter() - t
    if proof["status"] != "proven":
        sys.exit(f"proof failed: {proof['reason']}")
    if i > 0:
        client.append(elapsed)
        server.append(instant(proof["updatedAt"]) - instant(result["createdAt"]))
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p / 100 + 0.5) - 1)]  # noqa: E731
print(f"service end to end over {count} proofs: client p50 {q(client, 50):.2f} s, p90 {q(client, 90):.2f} s;"
      f" server (result stored -> proof stored) p50 {q(server, 50):.2f} s, p90 {q(server, 90):.2f} s")
print(f"service_p50 {q(server, 50):.4f}")
