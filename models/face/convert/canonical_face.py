"""Writes ../canonical_face.json: MediaPipe's canonical 3-D face, for head pose (issue 26).

    python3 canonical_face.py            (from models/face/convert; the standard library only, and npm)

Source: geometry_pipeline_metadata_landmarks.binarypb (MediaPipe's face geometry module), packed in
@mediapipe/face_mesh (Apache-2.0, the package FaceMesh itself comes from) at the offsets its loader lists. It is a
GeometryPipelineMetadata protobuf (mediapipe/modules/face_geometry/protos): the canonical mesh's 468 vertices (x, y, z
in centimetres, y up, z towards the viewer; then u, v) and the Procrustes basis, the landmarks and weights MediaPipe
fits a face's pose with. Read here with a protobuf wire-format reader of a few lines rather than a dependency.
"""
import hashlib
import json
import os
import re
import struct
import subprocess
import tarfile
import tempfile

SPEC = "@mediapipe/face_mesh@0.4.1657299874"
ASSET = "geometry_pipeline_metadata_landmarks.binarypb"
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "canonical_face.json")


def varint(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def fields(data):
    """(field number, wire type, value) of one message; length-delimited values as bytes."""
    at = 0
    while at < len(data):
        key, at = varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = varint(data, at)
        elif wire == 2:
            length, at = varint(data, at)
            value, at = data[at:at + length], at + length
        elif wire == 5:
            value, at = struct.unpack("<f", data[at:at + 4])[0], at + 4
        else:
            raise ValueError("unexpected wire type %d" % wire)
        yield number, wire, value


def packed_floats(chunks):
    return [value for chunk in chunks for value in struct.unpack("<%df" % (len(chunk) // 4), chunk)]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        name = subprocess.run(["npm", "pack", SPEC, "--silent"], cwd=tmp, check=True, capture_output=True,
                              text=True).stdout.split()[-1]
        tarball = open(os.path.join(tmp, name), "rb").read()
        with tarfile.open(os.path.join(tmp, name)) as archive:
            read = lambda suffix: archive.extractfile(next(m for m in archive.getmembers() if m.name.endswith(suffix))).read()
            loader = read("face_mesh_solution_packed_assets_loader.js").decode()
            packed = read("face_mesh_solution_packed_assets.data")
    entry = re.search(r'"filename": "[^"]*/%s", "start": (\d+), "end": (\d+)' % re.escape(ASSET), loader)
    metadata = packed[int(entry.group(1)):int(entry.group(2))]
    basis, mesh = [], None
    for number, _, value in fields(metadata):
        if number == 2:  # procrustes_landmark_basis: WeightedLandmarkRef {landmark_id = 1; weight = 2}
            ref = {n: v for n, _, v in fields(value)}
            basis.append({"landmark": ref.get(1, 0), "weight": round(ref.get(2, 0.0), 6)})
        elif number == 1:  # canonical_mesh: Mesh3d {vertex_buffer = 3, floats (packed or not), 5 per vertex}
            mesh = []
            for n, wire, v in fields(value):
                if n == 3:
                    mesh.extend(packed_floats([v]) if wire == 2 else [v])
    vertices = [[round(c, 6) for c in mesh[i:i + 3]] for i in range(0, len(mesh), 5)]
    assert len(vertices) == 468, len(vertices)
    json.dump({
        "about": "MediaPipe's canonical face (468 vertices, centimetres, x towards the image's right for a face looking at the camera, y up,"
                 " z towards the camera) and its Procrustes basis (landmark, weight), from %s in %s; written by"
                 " convert/canonical_face.py" % (ASSET, SPEC),
        "source": {"package": SPEC, "packageSha256": hashlib.sha256(tarball).hexdigest(), "asset": ASSET,
                   "assetSha256": hashlib.sha256(metadata).hexdigest(), "licence": "Apache-2.0 (LICENSE-face_mesh.txt)"},
        "procrustesBasis": basis,
        "vertices": vertices,
    }, open(OUT, "w"), indent=None, separators=(",", ":"))
    print("wrote %s: %d vertices, %d basis landmarks" % (OUT, len(vertices), len(basis)))


if __name__ == "__main__":
    main()
