#!/usr/bin/python3
"""Builds the tiny ONNX models the detector tests run, one per output format, with the real formats'
input/output signatures and outputs whose values are known in advance.

Each graph computes its output from the input (Add(constant, 0 * ReduceMean(input))), so ONNX Runtime
really runs it, while the values that come out are the constant: the tests assert exact detections after
decoding, thresholds, NMS and un-letterboxing. The int8 model puts QuantizeLinear/DequantizeLinear around
a Conv, the pattern a static QDQ quantiser writes, to prove such graphs load and run.

Run with Debian's python (it has the onnx package):
    /usr/bin/python3 tools/make-test-models/make_test_models.py
It rewrites tests/SmartCity.Edge.Detection.Tests/TestModels/<name>/{model.onnx,model.json}.
"""
import hashlib
import json
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "SmartCity.Edge.Detection.Tests", "TestModels")
SIZE = 64
STRIDES = (8, 16, 32)
CLASSES = ["person", "car", "bus", "dog"]
TRAFFIC = {"person": "pedestrian", "car": "car", "bus": "bus"}
NC = len(CLASSES)


def grid_count():
    return sum((SIZE // s) * (SIZE // s) for s in STRIDES)


def grid_index(stride, gx, gy):
    """Row of grid cell (gx, gy) at a stride: grids of stride 8, 16, 32 in that order, each row-major."""
    offset = 0
    for s in STRIDES:
        if s == stride:
            return offset + gy * (SIZE // s) + gx
        offset += (SIZE // s) * (SIZE // s)
    raise ValueError(stride)


def cls(**scores):
    row = [0.0] * NC
    for name, value in scores.items():
        row[CLASSES.index(name)] = value
    return row


# The detections every test model encodes, as (stride, gx, gy, cx, cy, w, h, obj, class scores):
# boxes in model-input pixels. Expected outcome with scoreThreshold 0.3, classThresholds {bus: 0.8},
# NMS IoU 0.45, unmapped classes dropped:
#   A car 0.72 (12,16,28,40) kept; B car 0.60 overlaps A (IoU 0.905) suppressed;
#   C person 0.63 same box as A kept (class-aware NMS); D bus 0.855 (24,8,48,40) kept;
#   E car 0.45 (32,32,64,64) kept; F car 0.10 below threshold; G dog 0.81 unmapped, dropped;
#   H bus 0.75 below the bus threshold 0.8.
OBJECTS = [
    ("A", 8, 2, 3, 20.0, 28.0, 16.0, 24.0, 0.9, cls(person=0.1, car=0.8, bus=0.05)),
    ("B", 8, 3, 3, 20.8, 28.0, 16.0, 24.0, 0.8, cls(car=0.75)),
    ("C", 8, 3, 4, 20.0, 28.0, 16.0, 24.0, 0.7, cls(person=0.9)),
    ("D", 16, 2, 1, 36.0, 24.0, 24.0, 32.0, 0.95, cls(bus=0.9)),
    ("E", 32, 1, 1, 48.0, 48.0, 32.0, 32.0, 0.5, cls(car=0.9)),
    ("F", 8, 0, 0, 4.0, 4.0, 8.0, 8.0, 0.2, cls(car=0.5)),
    ("G", 8, 2, 1, 20.0, 12.0, 8.0, 8.0, 0.9, cls(dog=0.9)),
    ("H", 16, 0, 3, 8.0, 56.0, 16.0, 16.0, 0.75, cls(bus=1.0)),
]


def yolox_rows(decoded):
    rows = np.zeros((grid_count(), 5 + NC), dtype=np.float32)
    for _, s, gx, gy, cx, cy, w, h, obj, scores in OBJECTS:
        if decoded:
            box = [cx, cy, w, h]
        else:
            # Inverse of cx = (x + gx) * s, w = exp(w) * s.
            box = [cx / s - gx, cy / s - gy, math.log(w / s), math.log(h / s)]
        rows[grid_index(s, gx, gy)] = box + [obj] + scores
    return rows[np.newaxis]


def yolov5_rows():
    # Three anchors per cell, as a YOLOv5 export has; the objects sit on the second anchor.
    n = 3 * grid_count()
    rows = np.zeros((n, 5 + NC), dtype=np.float32)
    for _, s, gx, gy, cx, cy, w, h, obj, scores in OBJECTS:
        rows[grid_count() + grid_index(s, gx, gy)] = [cx, cy, w, h, obj] + scores
    return rows[np.newaxis]


def yolov8_channels():
    n = grid_count()
    data = np.zeros((4 + NC, n), dtype=np.float32)
    for _, s, gx, gy, cx, cy, w, h, obj, scores in OBJECTS:
        # No objectness in v8: the class score is the final score.
        data[:, grid_index(s, gx, gy)] = [cx, cy, w, h] + [obj * c for c in scores]
    return data[np.newaxis]


def end2end_rows():
    rows = np.zeros((300, 6), dtype=np.float32)
    i = 0
    for _, s, gx, gy, cx, cy, w, h, obj, scores in OBJECTS:
        best = int(np.argmax(scores))
        rows[i] = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, obj * scores[best], best]
        i += 1
    return rows[np.newaxis]


def constant_model(input_shape, output, output_name="output", qdq=False):
    """output = constant + 0 * ReduceMean(f(images)): runs on the input, yields the known constant."""
    nodes = []
    inits = [numpy_helper.from_array(output.astype(np.float32), "expected"),
             numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero")]
    feature = "images"
    if qdq:
        channels = input_shape[1]
        inits += [
            numpy_helper.from_array(np.array(1.0, dtype=np.float32), "x_scale"),
            numpy_helper.from_array(np.array(0, dtype=np.uint8), "x_zero"),
            numpy_helper.from_array(np.ones((4, channels, 3, 3), dtype=np.int8), "w_q"),
            numpy_helper.from_array(np.array(0.01, dtype=np.float32), "w_scale"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), "w_zero"),
            numpy_helper.from_array(np.zeros(4, dtype=np.int32), "b_q"),
            numpy_helper.from_array(np.array(0.01, dtype=np.float32), "b_scale"),
            numpy_helper.from_array(np.array(0, dtype=np.int32), "b_zero"),
            numpy_helper.from_array(np.array(0.5, dtype=np.float32), "y_scale"),
            numpy_helper.from_array(np.array(0, dtype=np.uint8), "y_zero"),
        ]
        nodes += [
            helper.make_node("QuantizeLinear", ["images", "x_scale", "x_zero"], ["x_q"]),
            helper.make_node("DequantizeLinear", ["x_q", "x_scale", "x_zero"], ["x_dq"]),
            helper.make_node("DequantizeLinear", ["w_q", "w_scale", "w_zero"], ["w_dq"]),
            helper.make_node("DequantizeLinear", ["b_q", "b_scale", "b_zero"], ["b_dq"]),
            helper.make_node("Conv", ["x_dq", "w_dq", "b_dq"], ["conv"], pads=[1, 1, 1, 1], strides=[2, 2]),
            helper.make_node("QuantizeLinear", ["conv", "y_scale", "y_zero"], ["conv_q"]),
            helper.make_node("DequantizeLinear", ["conv_q", "y_scale", "y_zero"], ["conv_dq"]),
        ]
        feature = "conv_dq"
    nodes += [
        helper.make_node("ReduceMean", [feature], ["mean"], keepdims=0),
        helper.make_node("Mul", ["mean", "zero"], ["nothing"]),
        helper.make_node("Add", ["expected", "nothing"], [output_name]),
    ]
    graph = helper.make_graph(
        nodes, "detector_test",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, list(input_shape))],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, list(output.shape))],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="make_test_models.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write(name, model, manifest):
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "model.onnx")
    onnx.save(model, path)
    with open(path, "rb") as f:
        manifest["sha256"] = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def manifest(name, fmt, letterbox, color="BGR", layout="NCHW", scale="0-255", decoded=False,
             mean=(0, 0, 0), std=(1, 1, 1)):
    m = {
        "name": name,
        "version": "1.0",
        "format": fmt,
        "input": {"name": "images", "width": SIZE, "height": SIZE, "layout": layout, "colorOrder": color,
                  "scale": scale, "mean": list(mean), "std": list(std), "letterbox": letterbox,
                  "padValue": 114, "resize": "bilinear"},
        "classes": CLASSES,
        "trafficClasses": TRAFFIC,
        "scoreThreshold": 0.3,
        "classThresholds": {"bus": 0.8},
        "nmsIou": 0.45,
        "licence": "MIT",
        "card": {
            "intendedUse": "Unit tests of the detector's decoding; detects nothing real.",
            "trainingData": "None: the output is a constant built by tools/make-test-models.",
            "metrics": {},
            "limits": "Returns the same detections for every image.",
        },
    }
    if decoded:
        m["decoded"] = True
    return m


def main():
    nchw = (1, 3, SIZE, SIZE)
    write("yolox", constant_model(nchw, yolox_rows(decoded=False)),
          manifest("test-yolox", "yolox", "top-left"))
    write("yolox-decoded", constant_model(nchw, yolox_rows(decoded=True)),
          manifest("test-yolox-decoded", "yolox", "top-left", decoded=True))
    write("yolov5", constant_model(nchw, yolov5_rows()),
          manifest("test-yolov5", "yolov5", "centre", color="RGB", scale="0-1"))
    write("yolov8", constant_model(nchw, yolov8_channels()),
          manifest("test-yolov8", "yolov8", "centre", color="RGB", scale="0-1"))
    write("end2end", constant_model(nchw, end2end_rows()),
          manifest("test-end2end", "end2end", "centre", color="RGB", scale="0-1"))
    write("yolov8-nhwc", constant_model((1, SIZE, SIZE, 3), yolov8_channels()),
          manifest("test-yolov8-nhwc", "yolov8", "centre", color="RGB", layout="NHWC", scale="0-1",
                   mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)))
    write("yolov8-int8-qdq", constant_model(nchw, yolov8_channels(), qdq=True),
          manifest("test-yolov8-int8-qdq", "yolov8", "centre", color="RGB", scale="0-1"))


if __name__ == "__main__":
    main()
