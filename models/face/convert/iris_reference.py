"""Writes ../testset/mediapipe-irises.json: where MediaPipe itself puts the irises of the test crops, to check ours.

    python -m venv .mp && .mp/bin/pip install mediapipe==0.10.14 && .mp/bin/python iris_reference.py

MediaPipe's Face Mesh solution with refine_landmarks (its 478-point attention model, with MediaPipe's own runtime and
custom operations), one image at a time; landmarks 468 and 473 are the centres of the irises of the eyes at 33/133 and
362/263. In crop pixels. FaceIrisTest compares the service's irises (FaceMesh 468 + iris_landmark.onnx) with these.
"""
import json
import os

import mediapipe
import numpy
from PIL import Image

TESTSET = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "testset")


def main():
    found = {}
    with mediapipe.solutions.face_mesh.FaceMesh(static_image_mode=True, refine_landmarks=True, max_num_faces=1) as mesh:
        for name in sorted(os.listdir(TESTSET)):
            if not name.endswith(".jpg") or name.startswith("group"):
                continue
            image = numpy.asarray(Image.open(os.path.join(TESTSET, name)).convert("RGB"))
            result = mesh.process(image)
            if not result.multi_face_landmarks:
                continue
            points = result.multi_face_landmarks[0].landmark
            height, width = image.shape[:2]
            found[name] = {"iris33": [round(points[468].x * width, 2), round(points[468].y * height, 2)],
                           "iris263": [round(points[473].x * width, 2), round(points[473].y * height, 2)]}
    json.dump({"about": "Iris centres by MediaPipe " + mediapipe.__version__ + " Face Mesh (refine_landmarks), crop pixels;"
               " written by convert/iris_reference.py", "irises": found}, open(os.path.join(TESTSET, "mediapipe-irises.json"), "w"),
              indent=1)
    print(len(found), "crops")


if __name__ == "__main__":
    main()
