"""Issues 14 and 24: EZKL's single-circuit EVM verifier for each circuit setting given, with one proof each.

For each NAME:SCALE:BASE:LEGS:LOGROWS:INNER_COLUMNS[:INPUT:OUTPUT:ROWS:SALT_WORDS], builds the circuit as the service
does (ezkl_bridge.py setup: the stress MLP cut before its Sigmoid, calibrated on the validation split; by default the
input hashed with four salt words, the logit public, one row; LOGROWS 0: as calibrated), writes EZKL's single-circuit
(not reusable) verifier's Solidity source and one proof's calldata (proof bytes, instances).
    python circuits.py WORK NAME:SCALE:BASE:LEGS:LOGROWS:COLS[:INPUT:OUTPUT:ROWS:SALT_WORDS] ...
"""
import asyncio, csv, json, os, secrets, subprocess, sys
import ezkl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BRIDGE = os.path.join(ROOT, "zk-prover/src/main/resources/io/veriscore/zk/ezkl_bridge.py")
MODEL = os.path.join(ROOT, "models/stress-mlp/stress_mlp.onnx")
FEATURES = ["left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension", "eye_symmetry", "mouth_opening", "time_of_day"]

work = sys.argv[1]
with open(os.path.join(ROOT, "models/stress-mlp/dataset.csv")) as f:
    rows = [[float(r[k]) for k in FEATURES] for r in csv.DictReader(f) if r["split"] == "val"]
os.makedirs(work, exist_ok=True)
with open(f"{work}/calibration.json", "w") as f:
    json.dump({"rows": rows}, f)
for spec in sys.argv[2:]:
    name, *fields = spec.split(":")
    scale, base, legs, logrows, columns = (int(x) for x in fields[:5])
    visibility_in, visibility_out, batch, salt_words = (fields[5:] + ["hashed", "public", "1", "4"][len(fields) - 5:])[:4]
    batch, salt_words = int(batch), int(salt_words)
    d = f"{work}/{name}"
    os.makedirs(d, exist_ok=True)
    settings = {"scale": scale, "decomp_base": base, "decomp_legs": legs, "logrows": logrows, "inner_columns": columns,
                "salt_words": salt_words, "rows": batch, "input_visibility": visibility_in,
                "output_visibility": visibility_out, "param_visibility": "fixed"}
    subprocess.run([sys.executable, BRIDGE, "setup", d, MODEL, f"{work}/calibration.json", json.dumps(settings)],
                   check=True, capture_output=True)

    async def verifier():
        return await ezkl.create_evm_verifier(f"{d}/vk.key", f"{d}/settings.json", f"{d}/Verifier.sol", f"{d}/Verifier.abi",
                                              f"{d}/kzg.srs", False)
    try:
        asyncio.run(verifier())
    except Exception:  # EZKL then downloads solc to compile it, which fails offline; the source is written by then
        if not os.path.exists(f"{d}/Verifier.sol"):
            raise
    data = [rows[i] + [secrets.randbits(32).to_bytes(32, "little").hex() for _ in range(salt_words)] for i in range(batch)]
    with open(f"{d}/input.json", "w") as f:
        json.dump({"input_data": data}, f)
    ezkl.gen_witness(f"{d}/input.json", f"{d}/model.compiled", f"{d}/witness.json")
    ezkl.prove(f"{d}/witness.json", f"{d}/model.compiled", f"{d}/pk.key", f"{d}/proof.json", f"{d}/kzg.srs")
    proof = json.load(open(f"{d}/proof.json"))
    instances = [hex(int.from_bytes(bytes.fromhex(x), "little")) for x in proof["instances"][0]]
    with open(f"{d}/call.json", "w") as f:
        json.dump({"proof": proof["hex_proof"], "instances": instances}, f)
    built = json.load(open(f"{d}/settings.json"))["run_args"]["logrows"]
    print(f"{name}: scale 2^{scale}, {base}^{legs}, logrows {built}, {columns} inner column(s), input {visibility_in},"
          f" output {visibility_out}, {batch} row(s); {len(instances)} public instances; proof {(len(proof['hex_proof']) - 2) // 2} bytes",
          flush=True)
sys.stdout.flush()
os._exit(0)
