#!/usr/bin/env python3
"""Issue 14, part 1 groundwork: how close is a proof of the stress MLP's logit (the network cut before its final
Sigmoid) to ONNX Runtime's score, once everyone applies the sigmoid in public?

Cuts the committed ONNX before its final Sigmoid, builds EZKL circuits of the cut graph for each setting given
(scale, decomposition base^legs, logrows), and over the 400 validation samples of models/stress-mlp/dataset.csv (which the service also calibrates on)
compares sigmoid(dequantized logit instance of the witness) with ONNX Runtime's score of the uncut model; also checks
that the label (logit >= 0) equals score >= 0.5. Proves a few samples per setting for the proving time.

Needs a Python with ezkl==23.0.5, onnx, onnxruntime and numpy (not the service's venv, which has only ezkl):
  python3 -m venv /tmp/exp && /tmp/exp/bin/pip install ezkl==23.0.5 onnx onnxruntime numpy
  /tmp/exp/bin/python bench/logit_circuit.py [PROOFS [SCALE:BASE:LEGS:LOGROWS ...]]
"""
import csv, json, math, os, statistics, sys, tempfile, time

import ezkl
import numpy as np
import onnx
import onnxruntime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "models/stress-mlp/stress_mlp.onnx")
FEATURES = ["left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension", "eye_symmetry", "mouth_opening", "time_of_day"]
SETTINGS = [  # scale, decomposition base, legs, logrows (0: calibration's choice)
    (11, 1024, 3, 11), (11, 1024, 3, 10), (11, 256, 4, 9), (11, 128, 5, 9), (12, 1024, 3, 11), (13, 1024, 3, 11)]


def cut_before_final_sigmoid(path, out):
    model = onnx.load(path)
    graph = model.graph
    last = graph.node[-1]
    if last.op_type != "Sigmoid" or last.output[0] != graph.output[0].name:
        raise SystemExit(f"the model does not end in a Sigmoid: {last.op_type}")
    logit = last.input[0]
    graph.node.remove(last)
    output = onnx.helper.make_tensor_value_info(logit, onnx.TensorProto.FLOAT, [d.dim_value or d.dim_param for d in graph.output[0].type.tensor_type.shape.dim])
    graph.output.remove(graph.output[0])
    graph.output.append(output)
    onnx.checker.check_model(model)
    onnx.save(model, out)


def rows(split):
    with open(os.path.join(ROOT, "models/stress-mlp/dataset.csv")) as f:
        return [[float(r[k]) for k in FEATURES] for r in csv.DictReader(f) if r["split"] == split]


def main():
    proofs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    settings = [tuple(int(x) for x in arg.split(":")) for arg in sys.argv[2:]] or SETTINGS
    validation = rows("val")
    calibration = validation  # as the service calibrates
    session = onnxruntime.InferenceSession(MODEL)
    name = session.get_inputs()[0].name
    onnx_scores = session.run(None, {name: np.array(validation, dtype=np.float32)})[0].reshape(-1)
    work = tempfile.mkdtemp(prefix="logit-")
    cut = os.path.join(work, "cut.onnx")
    cut_before_final_sigmoid(MODEL, cut)
    print(f"{len(validation)} validation samples; cut model {cut}")
    with open(os.path.join(work, "calibration.json"), "w") as f:
        json.dump({"input_data": [sum(calibration, [])]}, f)
    for scale, base, legs, logrows in settings:
        d = os.path.join(work, f"s{scale}-{base}x{legs}-l{logrows}")
        os.makedirs(d)
        args = ezkl.PyRunArgs()
        args.input_visibility, args.output_visibility, args.param_visibility = "hashed", "public", "fixed"
        args.input_scale = args.param_scale = scale
        args.decomp_base, args.decomp_legs = base, legs
        args.variables = [("N", 1)]
        settings = f"{d}/settings.json"
        ezkl.gen_settings(cut, settings, py_run_args=args)
        ezkl.calibrate_settings(os.path.join(work, "calibration.json"), cut, settings, "resources", scales=[scale])
        if logrows:
            s = json.load(open(settings)); s["run_args"]["logrows"] = logrows; json.dump(s, open(settings, "w"))
        ezkl.compile_circuit(cut, f"{d}/model.compiled", settings)
        s = json.load(open(settings))
        out_scale = s["model_output_scales"][0]
        worst, wrong_labels = 0.0, 0
        for i, row in enumerate(validation):
            inp = f"{d}/in.json"
            json.dump({"input_data": [row]}, open(inp, "w"))
            witness = ezkl.gen_witness(inp, f"{d}/model.compiled", f"{d}/w.json")
            logit = float(ezkl.felt_to_float(witness["outputs"][0][0], out_scale))
            score = 1 / (1 + math.exp(-logit))
            worst = max(worst, abs(score - float(onnx_scores[i])))
            wrong_labels += (logit >= 0) != (onnx_scores[i] >= 0.5)
        # Beyond the validation set: every corner of the inputs' allowed ranges (the schema leaves mouth_tension and
        # mouth_opening unbounded above: probed at several magnitudes). A failed witness is a value the range checks refuse.
        corners = [[a, b, c, t, e, o, h] for a in (0, 1) for b in (0, 1) for c in (0, 1) for t in (0, 20, 100, 1000)
                   for e in (0, 2) for o in (0, 1, 10) for h in (0, 1)]
        refused, corner_worst, biggest_ok = 0, 0.0, 0.0
        corner_scores = session.run(None, {name: np.array(corners, dtype=np.float32)})[0].reshape(-1)
        for row, expected in zip(corners, corner_scores):
            json.dump({"input_data": [row]}, open(f"{d}/in.json", "w"))
            try:
                witness = ezkl.gen_witness(f"{d}/in.json", f"{d}/model.compiled", f"{d}/w.json")
                logit = float(ezkl.felt_to_float(witness["outputs"][0][0], out_scale))
                corner_worst = max(corner_worst, abs(1 / (1 + math.exp(-logit)) - float(expected)))
                biggest_ok = max(biggest_ok, row[3])
            except BaseException:  # EZKL panics (a Rust panic surfaces as PanicException, a BaseException)
                refused += 1
        print(f"  corners: {len(corners)} tried, {refused} refused by the circuit, max |score - ONNX| on the others"
              f" {corner_worst:.5f}, largest mouth_tension accepted {biggest_ok:g}", flush=True)
        srs = f"{d}/kzg.srs"
        ezkl.gen_srs(srs, s["run_args"]["logrows"])
        ezkl.setup(f"{d}/model.compiled", f"{d}/vk.key", f"{d}/pk.key", srs)
        times = []
        for row in validation[:proofs]:
            json.dump({"input_data": [row]}, open(f"{d}/in.json", "w"))
            ezkl.gen_witness(f"{d}/in.json", f"{d}/model.compiled", f"{d}/w.json")
            start = time.monotonic()
            ezkl.prove(f"{d}/w.json", f"{d}/model.compiled", f"{d}/pk.key", f"{d}/proof.json", srs)
            times.append(time.monotonic() - start)
        ok = ezkl.verify(f"{d}/proof.json", settings, f"{d}/vk.key", srs)
        print(f"scale {scale} decomposition {base}^{legs} logrows {s['run_args']['logrows']}: max |score - ONNX| {worst:.5f},"
              f" labels differing {wrong_labels}/{len(validation)}, prove p50 {statistics.median(times):.2f} s over {proofs},"
              f" verified {ok}, pk {os.path.getsize(f'{d}/pk.key') / 1e6:.1f} MB", flush=True)
    os._exit(0)  # EZKL's native runtime can crash while Python finalizes


if __name__ == "__main__":
    main()
