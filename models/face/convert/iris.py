"""Builds ../iris_landmark.onnx, MediaPipe's iris model, and checks the conversion (issue 26).

    .venv/bin/python iris.py          (from models/face/convert, with convert.py's requirements)

Source: iris_landmark.tflite in the PyPI wheel of mediapipe 0.10.14 (Apache-2.0, fetched with `pip download
--no-deps`; nothing else is downloaded). The 478-point face_landmark_with_attention.tflite of @mediapipe/face_mesh also
finds the irises, but its graph calls three MediaPipe custom operations that ONNX has no equivalent of; this model is
the one MediaPipe's own iris pipeline runs on each eye's crop (64 x 64 RGB in [0, 1]; 71 eye-contour points and 5 iris
points, x and y in crop pixels). Converted with tf2onnx; run by TensorFlow Lite and by ONNX Runtime on 64 x 64 crops of
the sample photos, the largest absolute difference is recorded. Adds its entry to ../models.json and its licence as
../LICENSE-mediapipe.txt; the other models are left as they are (their conversion is not byte-for-byte reproducible).
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import onnxruntime
import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import convert  # noqa: E402  (fetch, crops, tf2onnx, max_difference)

WHEEL = "mediapipe==0.10.14"
MEMBER = "mediapipe/modules/iris_landmark/iris_landmark.tflite"


def main():
    work = tempfile.mkdtemp(prefix="veriscore-iris-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "--python-version", "3.11",
                    "--platform", "manylinux2014_x86_64", WHEEL, "-d", work], check=True, capture_output=True)
    wheel = os.path.join(work, next(name for name in os.listdir(work) if name.endswith(".whl")))
    with zipfile.ZipFile(wheel) as archive:
        model = archive.read(MEMBER)
        licence = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/LICENSE")))
    tflite = os.path.join(work, "iris_landmark.tflite")
    open(tflite, "wb").write(model)
    onnx = os.path.join(convert.OUT, "iris_landmark.onnx")
    convert.tf2onnx(["--tflite", tflite, "--output", onnx])
    open(os.path.join(convert.OUT, "LICENSE-mediapipe.txt"), "wb").write(licence)

    samples, _ = convert.fetch(convert.SOURCES["samples"], work)
    inputs = convert.crops(samples, 64, grey=False)
    worst = convert.check_face_mesh(tflite, onnx, inputs)  # TensorFlow Lite against ONNX Runtime, every output
    session = onnxruntime.InferenceSession(onnx)

    manifest_path = os.path.join(convert.OUT, "models.json")
    manifest = json.load(open(manifest_path))
    manifest["sources"]["mediapipe"] = {"package": "PyPI " + WHEEL, "wheelSha256": hashlib.sha256(open(wheel, "rb").read()).hexdigest()}
    manifest["models"]["iris_landmark.onnx"] = {
        "sha256": hashlib.sha256(open(onnx, "rb").read()).hexdigest(), "source": "PyPI " + WHEEL + " (" + MEMBER + ")",
        "licence": "Apache-2.0", "original": "iris_landmark.tflite, TensorFlow Lite " + tf.__version__,
        "maxAbsDifference": worst, "checkedOn": f"{len(inputs)} sample photos of {convert.SOURCES['samples']} at 64 x 64",
        "io": {"inputs": [(i.name, i.shape) for i in session.get_inputs()], "outputs": [(o.name, o.shape) for o in session.get_outputs()]},
    }
    json.dump(manifest, open(manifest_path, "w"), indent=2)
    print(json.dumps(manifest["models"]["iris_landmark.onnx"], indent=2))


if __name__ == "__main__":
    main()
