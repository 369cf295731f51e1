"""Issue 23's abuses against two running instances (see bench/abuse): B's proof latency under each, against idle."""
import json
import random
import socket
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

FIRST, SECOND, RIVAL_LOG = sys.argv[1], sys.argv[2], sys.argv[3]
A, B, AUDITOR = "vsk_abuse_a", "vsk_abuse_b", "vsk_abuse_auditor"
STREAMS = int(__import__("os").environ.get("BENCH_STREAMS", "1000"))
VERIFY_SECONDS = int(__import__("os").environ.get("BENCH_VERIFY_SECONDS", "30"))
rows = []


def call(method, url, key=None, body=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method)
    if key:
        request.add_header("Authorization", "Bearer " + key)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            text = response.read().decode()
            return response.status, dict(response.headers), json.loads(text) if text.startswith(("{", "[")) else text
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, dict(e.headers), json.loads(text) if text.startswith("{") else text


def features(rng=random):
    return {"left_eye_aspect": rng.uniform(0.15, 0.45), "right_eye_aspect": rng.uniform(0.15, 0.45),
            "brow_tension": rng.uniform(0.02, 0.06), "mouth_tension": rng.uniform(2, 12), "eye_symmetry": rng.uniform(0, 0.3),
            "mouth_opening": rng.uniform(0, 0.4), "time_of_day": rng.uniform(0, 1)}


def proven(base, key, result, timeout=900):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, _, proof = call("GET", f"{base}/v1/inferences/{result}/proof", key)
        if status == 200 and proof["status"] in ("proven", "failed"):
            return proof
        time.sleep(0.1)
    raise RuntimeError(f"proof of {result} not done in {timeout} s")


def b_latency(samples=3):
    """Seconds from B's request to its proven proof, median of `samples`."""
    times = []
    for _ in range(samples):
        started = time.time()
        status, _, answer = call("POST", f"{FIRST}/v1/inferences", B, {"model": "stress-mlp", "prove": True, "input": features()})
        assert status == 202, (status, answer)
        proof = proven(FIRST, B, answer["id"])
        assert proof["status"] == "proven", proof
        times.append(time.time() - started)
    return statistics.median(times)


def row(what, latency, idle, refused):
    rows.append((what, latency, idle, refused))
    ratio = f"{latency / idle:.2f}x" if latency is not None else "-"
    print(f"{what:<58} B {('%.2f s' % latency) if latency is not None else '-':>8}  {ratio:>6}  {refused}", flush=True)


def open_stream(base, key, result):
    """An SSE stream on a raw socket: its first event read, then held open without a thread."""
    host, port = base.split("//")[1].split(":")
    s = socket.create_connection((host, int(port)), timeout=30)
    s.sendall(f"GET /v1/inferences/{result}/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
              f"Authorization: Bearer {key}\r\n\r\n".encode())
    received = b""
    while b"data:" not in received and b"\r\n\r\n{" not in received:
        chunk = s.recv(65536)
        if not chunk:
            break
        received += chunk
    status = int(received.split(b" ", 2)[1]) if received.startswith(b"HTTP/1.1") else 0
    return s, status, received


def metric(name):
    _, _, text = call("GET", f"{FIRST}/q/metrics", AUDITOR)
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))


print("== issue 23's abuses: B's proof latency (median of 3), its ratio to idle, and what was refused")
call("POST", f"{FIRST}/v1/inferences", B, {"model": "stress-mlp", "prove": True, "input": features()})  # warms the circuit
time.sleep(5)
idle = b_latency()
row("idle", idle, idle, "")

# 200 anonymous clients verifying, then A verifying as fast as 16 connections go, while B proves.
sample = proven(FIRST, B, call("POST", f"{FIRST}/v1/inferences", B, {"model": "stress-mlp", "prove": True, "input": features()})[2]["id"])
verify_body = {"model": "stress-mlp", "proof": sample["proof"]}
with ThreadPoolExecutor(32) as pool:
    anonymous = list(pool.map(lambda _: call("POST", f"{FIRST}/v1/proofs:verify", None, verify_body)[0], range(200)))
statuses, stop = [], threading.Event()


def verify_flood():
    while not stop.is_set():
        statuses.append(call("POST", f"{FIRST}/v1/proofs:verify", A, verify_body)[0])


flooders = [threading.Thread(target=verify_flood) for _ in range(16)]
[t.start() for t in flooders]
time.sleep(3)
latency = b_latency()
time.sleep(max(0, VERIFY_SECONDS - latency * 3 - 3))
stop.set()
[t.join() for t in flooders]
row("200 anonymous verifications; A verifying on 16 connections", latency, idle,
    f"anonymous: {anonymous.count(401)}x401 of 200; A: {statuses.count(200)}x200, {statuses.count(429)}x429, "
    f"{statuses.count(503)}x503 in {VERIFY_SECONDS} s")

# A holds STREAMS event streams on one instance, on its own proven result that stays open.
status, _, mine = call("POST", f"{FIRST}/v1/inferences", A, {"model": "stress-mlp", "prove": True, "input": features()})
proven(FIRST, A, mine["id"])
sockets, opened = [], []
started = time.time()
for _ in range(STREAMS):
    s, code, _ = open_stream(FIRST, A, mine["id"])
    sockets.append(s)
    opened.append(code)
held = time.time() - started
reads = metric("veriscore_events_status_reads_total")
time.sleep(5)
idle_reads = metric("veriscore_events_status_reads_total") - reads
latency = b_latency()
row(f"A holds {STREAMS} event streams on one instance", latency, idle,
    f"{opened.count(200)} streams held (opened in {held:.1f} s), {idle_reads:.0f} status reads in 5 s idle")
for s in sockets:
    s.close()

# A change made through one instance reaches a stream on the other: from the event's time (stamped just before its
# transaction commits) to its arrival.
delays = []
for _ in range(10):
    _, _, created = call("POST", f"{FIRST}/v1/inferences", B, {"model": "stress-mlp", "prove": True, "input": features()})
    s, _, received = open_stream(SECOND, B, created["id"])
    s.settimeout(120)
    while b'"status":"proven"' not in received:
        received += s.recv(65536)
    arrived = time.time()
    event = received[received.rfind(b"data:") + 5:].split(b"\n")[0]
    committed = datetime.fromisoformat(json.loads(event)["proof"]["updatedAt"].replace("Z", "+00:00")).timestamp()
    delays.append((arrived - committed) * 1000)
    s.close()
print(f"{'a change on one instance reaches a stream on the other':<58} {statistics.median(delays):.0f} ms median,"
      f" {max(delays):.0f} ms max (10 proofs, event to arrival: {', '.join('%.0f' % d for d in delays)})", flush=True)

# A asks for 20 batches of 256 proofs; then B asks for one.
codes = [call("POST", f"{FIRST}/v1/inferences", A, {"model": "stress-mlp", "prove": True,
                                                    "inputs": [features() for _ in range(256)]})[0] for _ in range(20)]
latency = b_latency()
row("A queues 20 batches of 256 proofs", latency, idle,
    f"A: {codes.count(202)}x202, {codes.count(429)}x429 (its queue is bounded)")

print("== requests refused, and why")
for what, status, detail in [
    ("model \"\\ud800\"", *(lambda r: (r[0], r[2].get("detail")))(call("POST", f"{FIRST}/v1/inferences", B, raw=b'{"model": "\\ud800", "input": {}}'))),
    ("\"prove\": \"true\"", *(lambda r: (r[0], r[2].get("detail")))(call("POST", f"{FIRST}/v1/inferences", B, {"model": "stress-mlp", "prove": "true", "input": features()}))),
    ("mouth_tension 1e6 with a proof", *(lambda r: (r[0], r[2]["errors"][0]["detail"] if r[0] == 422 else r[2]))(call("POST", f"{FIRST}/v1/inferences", B, {"model": "stress-mlp", "prove": True, "input": dict(features(), mouth_tension=1e6)}))),
]:
    print(f"  {what:<36} {status}  {str(detail)[:110]}")
for target in ["http://0x7f000001/", "http://0177.0.0.1/", "http://localhost./", "http://100.64.0.1/", "http://198.18.0.1/",
               "http://255.255.255.255/", "http://[::ffff:127.0.0.1]/"]:
    status, _, answer = call("POST", f"{FIRST}/v1/webhooks", B, {"url": target})
    print(f"  webhook {target:<28} {status}  {answer.get('detail', '')[:90] if isinstance(answer, dict) else ''}")
status, _, health = call("GET", f"{FIRST}/q/health")
print(f"  anonymous /q/health                  {status}  {health}")
print(f"  anonymous /q/metrics                 {call('GET', f'{FIRST}/q/metrics')[0]}")
headers = call("GET", f"{FIRST}/")[1]
print(f"  console's Content-Security-Policy    {headers.get('Content-Security-Policy', 'none')[:80]}...")
rival = open(RIVAL_LOG).read()
print(f"  a second run on the same directory   {'refused: ' + rival[rival.find('the embedded database'):][:100] if 'in use by another' in rival else 'NOT refused'}")
worst = max(r[1] / r[2] for r in rows if r[1] is not None)
print(f"== worst ratio to idle: {worst:.2f}x (goal <= 2x)")
