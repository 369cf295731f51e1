"""One client streaming frames into one face session over HTTP, one request at a time: frames per second."""
import base64, datetime, json, pathlib, statistics, sys, time, urllib.request

url, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
crops = sorted(p for p in pathlib.Path("models/face/testset").glob("*.jpg") if not p.name.startswith("group"))
images = [base64.b64encode(p.read_bytes()).decode() for p in crops]

def post(path, body):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request) as response:
        return json.load(response)

start = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.timezone.utc)
for warm in range(2):
    session = post("/v1/sessions", {})["id"]
    times = []
    began = time.perf_counter()
    for i in range(count):
        t = time.perf_counter()
        frame = post(f"/v1/sessions/{session}/frames",
                     {"image": images[i % len(images)], "capturedAt": (start + datetime.timedelta(seconds=i / 10)).isoformat()})
        times.append(time.perf_counter() - t)
    elapsed = time.perf_counter() - began
if frame["seq"] != count:
    sys.exit(f"expected {count} frames, the session has {frame['seq']}")
times.sort()
print(f"{count} frames of 384 x 384 JPEG, one client, sequential: {count / elapsed:.1f} frames/s;"
      f" per frame p50 {statistics.median(times) * 1000:.1f} ms, p99 {times[int(0.99 * len(times)) - 1] * 1000:.1f} ms"
      f" (scan, both models, stored frame, aggregates over all {count} frames)")
