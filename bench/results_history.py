"""The results history at scale: one client's N results (seeded through the API, 256 a request), then the time of a
50-row page of GET /v1/inferences under each filter the console offers, the first page and one 100 pages deep, and of
the whole export. Each figure is the median of 15 requests after 3 warm-ups, measured here over loopback."""
import concurrent.futures, json, statistics, sys, time, urllib.parse, urllib.request

url, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}


def call(path, body=None):
    request = urllib.request.Request(url + path, data=None if body is None else json.dumps(body).encode(), headers=headers,
                                     method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=600) as response:
        return response.read()


def features(i):
    return {"left_eye_aspect": 0.15 + (i % 30) / 100, "right_eye_aspect": 0.2 + (i % 7) / 100, "brow_tension": 0.03,
            "mouth_tension": 4 + i % 5, "eye_symmetry": 0.1, "mouth_opening": 0.1, "time_of_day": (i % 100) / 100}


began = time.perf_counter()
batches = [range(start, min(start + 256, count)) for start in range(0, count, 256)]
with concurrent.futures.ThreadPoolExecutor(2) as pool:
    list(pool.map(lambda rows: call("/v1/inferences", {"model": "stress-mlp", "inputs": [features(i) for i in rows]}), batches))
seeded = time.perf_counter() - began
print(f"seeded {count:,} results of one client in {seeded:.0f} s ({count / seeded:,.0f} a second, 256 a request, 2 at a time)")


def timed(path):
    for _ in range(3):
        call(path)
    times = []
    for _ in range(15):
        t = time.perf_counter()
        body = call(path)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times), body


def page(query=""):
    return f"/v1/inferences?limit=50{'&' + query if query else ''}"


cursor = None
for _ in range(100):
    cursor = json.loads(call(page() + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")))["nextCursor"]
rows = [
    ("first page, no filter", page()),
    ("page 101 (5,000 results in, by cursor)", page(f"cursor={urllib.parse.quote(cursor)}")),
    ("model=stress-mlp", page("model=stress-mlp")),
    ("label=stressed", page("label=stressed")),
    ("a one-day range (from, to)", page("from=" + time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime()))),
    ("proofStatus=none", page("proofStatus=none")),
    ("onchainStatus=none", page("onchainStatus=none")),
    ("proofStatus=proven (none is: every result examined)", page("proofStatus=proven")),
    ("onchainStatus=mined (none is: every result examined)", page("onchainStatus=mined")),
    ("the console's chart: 500 results, no filter", "/v1/inferences?limit=500"),
]
print(f"{'GET /v1/inferences, 50 rows unless said':56} {'median':>9} {'max':>9}")
for name, path in rows:
    median, worst, body = timed(path)
    shown = len(json.loads(body)["items"])
    print(f"{name:56} {median:7.1f} ms {worst:7.1f} ms  ({shown} rows)")
t = time.perf_counter()
exported = call("/v1/inferences/export?format=csv")
lines = exported.count(b"\n") - 1
print(f"export, CSV, all {lines:,} results: {time.perf_counter() - t:.1f} s, {len(exported) / 1e6:.1f} MB")
