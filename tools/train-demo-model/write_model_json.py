"""Writes a model folder's model.json (the format SmartCity.Edge.Detection's ModelManifest loads): input
settings, classes, thresholds, sha256 of the ONNX file, licence and a model card filled from measurements.

usage: write_model_json.py --onnx PATH --variant int8|fp32 --metrics-fp32 m.json --metrics-int8 m.json
                           --train-log train-log.json [stage2/train-log.json ...] --out model.json
                           [--latency-ms FP32 INT8]
"""
import argparse
import hashlib
import json
import os
import sys

import onnx

from dataset import MIN_SIDE_INPUT_PX, MIN_VISIBILITY, PAD_VALUE
from model import CLASS_NAMES, DEFAULT_NECK, DEFAULT_WIDTHS, strides_for

LICENCE = "MIT"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def metric_block(prefix, m):
    out = {f"mAP50(synthetic held-out, {prefix})": round(m["mAP50"], 4),
           f"vehiclePrecision@{m['score_threshold']}(synthetic held-out, {prefix})": round(m["vehicle_precision"], 4),
           f"vehicleRecall@{m['score_threshold']}(synthetic held-out, {prefix})": round(m["vehicle_recall"], 4)}
    out[f"vehicleRecall@{m['score_threshold']}, boxes >= {m['large_side_px']:g} px at input (synthetic held-out, "
        f"{prefix})"] = round(m["vehicle_recall_large"], 4)
    for name, ap in m["AP50"].items():
        out[f"AP50.{name}(synthetic held-out, {prefix})"] = round(ap, 4)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--variant", choices=("int8", "fp32"), required=True)
    ap.add_argument("--metrics-fp32", required=True)
    ap.add_argument("--metrics-int8", required=True)
    ap.add_argument("--train-log", nargs="+", required=True, help="one train-log.json per training stage, in order")
    ap.add_argument("--dataset-note", default="")
    ap.add_argument("--score", type=float, default=0.3)
    ap.add_argument("--nms-iou", type=float, default=0.5)
    ap.add_argument("--latency-ms", type=float, nargs=2, metavar=("FP32", "INT8"),
                    help="measured single-thread ONNX Runtime latencies to put on the card")
    ap.add_argument("--version", default="1.2.0",
                    help="model version on the card and in the registry (1.0.0: stage 1 only; 1.1.0: + fine-tuning "
                         "stage; 1.2.0: + stages at 512x384 and 640x480 input; 1.3.0: the wider network trained on a GPU)")
    ap.add_argument("--recipe", default="tools/train-demo-model/run.sh", help="how the model was made, for the card")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    model = onnx.load(args.onnx)
    inp = model.graph.input[0]
    dims = [d.dim_value for d in inp.type.tensor_type.shape.dim]
    out = model.graph.output[0]
    out_dims = [d.dim_value for d in out.type.tensor_type.shape.dim]
    if out_dims[:2] != [1, 4 + len(CLASS_NAMES)]:
        raise ValueError(f"{args.onnx}: output {out.name} has shape {out_dims}, expected [1, {4 + len(CLASS_NAMES)}, N]")
    with open(args.metrics_fp32, encoding="utf-8") as f:
        m32 = json.load(f)
    with open(args.metrics_int8, encoding="utf-8") as f:
        m8 = json.load(f)
    tlogs = []
    for path in args.train_log:
        with open(path, encoding="utf-8") as f:
            tlogs.append(json.load(f))

    # Logs from before 1.3.0 record no widths: those networks had the defaults.
    widths = tlogs[-1].get("widths") or DEFAULT_WIDTHS
    neck = tlogs[-1].get("neck") or DEFAULT_NECK
    p2 = int(tlogs[-1].get("p2") or 0)
    strides = strides_for(p2)

    metrics = {}
    metrics.update(metric_block("fp32", m32))
    metrics.update(metric_block("int8", m8))
    metrics["mAP50 drop int8 vs fp32 (points)"] = round(100 * (m32["mAP50"] - m8["mAP50"]), 2)
    if args.latency_ms:
        metrics["latencyMs(1 thread, ONNX Runtime 1.31.1 CPU, fp32)"] = round(args.latency_ms[0], 2)
        metrics["latencyMs(1 thread, ONNX Runtime 1.31.1 CPU, int8)"] = round(args.latency_ms[1], 2)
        metrics["speedup int8 vs fp32"] = round(args.latency_ms[0] / args.latency_ms[1], 2)
    metrics["parameters"] = tlogs[-1]["parameters"]
    metrics["trainingSeconds"] = round(sum(t["seconds"] for t in tlogs), 1)
    for stage, t in enumerate(tlogs, 1):   # card metrics are numbers only (ModelManifest reads doubles)
        metrics[f"trainingEpochs(stage {stage})"] = len(t["epochs"])

    quant = ("static int8 QDQ: uint8 asymmetric activations (per tensor, min/max over calibration frames), int8 "
             "symmetric per-channel weights limited to 7 bits (-63..63, so ONNX Runtime's u8 x s8 kernels cannot "
             "saturate on x86 CPUs without VNNI), int32 biases; ONNX Runtime fuses it to QLinearConv/QLinearAdd"
             if args.variant == "int8" else "float32, BatchNorm folded into the convolutions")
    doc = {
        "name": "demo-traffic" if args.variant == "int8" else "demo-traffic-fp32",
        "version": args.version,
        "format": "yolov8",
        "onnx": os.path.basename(args.onnx),
        "input": {
            "name": inp.name, "width": dims[3], "height": dims[2], "layout": "NCHW", "colorOrder": "RGB",
            "scale": "0-1", "mean": [0, 0, 0], "std": [1, 1, 1], "letterbox": "top-left",
            "padValue": PAD_VALUE, "resize": "bilinear",
        },
        "output": {"name": out.name},
        "strides": list(strides),
        "classes": CLASS_NAMES,
        "trafficClasses": {c: c for c in CLASS_NAMES},
        "scoreThreshold": args.score,
        "nmsIou": args.nms_iou,
        "sha256": sha256(args.onnx),
        "licence": LICENCE,
        "card": {
            "intendedUse": ("Demonstration and testing of the SmartCity edge pipeline on the project's synthetic "
                            "traffic scenes (oblique camera over an intersection or a multi-lane road). Not for "
                            "real cameras: it has never seen a real image."),
            "trainingData": ("Frames rendered by SmartCity.Edge.Simulation's synthetic scene generator "
                             f"{args.dataset_note} (made by this project, same licence as the code). Evaluated on a "
                             "held-out sequence rendered with a different seed. Boxes with visibility < "
                             f"{MIN_VISIBILITY} or thinner than {MIN_SIDE_INPUT_PX} px at model input are ignored "
                             "in training and evaluation."),
            "metrics": metrics,
            "limits": ("Synthetic data only: flat-shaded vehicles and people on a rendered road. Expect it to miss "
                       "or confuse real road users, to be weaker on bicycles and pedestrians (small, few pixels at "
                       f"{dims[3]}x{dims[2]} input) and on heavily occluded objects. Metrics are from python (torch for fp32, a numpy "
                       "QDQ simulation for int8) at score threshold "
                       f"{args.score} until run.sh's last step replaces them with the C# pipeline's own measurement "
                       "(smartcity-edge model-eval --write-card), which is authoritative."),
            "architecture": (f"anchor-free detector, {len(strides)} levels (stride {'/'.join(str(s) for s in strides)}), "
                             "ReLU Conv backbone with residual "
                             f"blocks (stage widths {', '.join(str(w) for w in widths)}, neck {neck}"
                             + (f", stride-4 level {p2} channels" if p2 else "") + "), top-down FPN "
                             "(nearest upsample + Add), per-level head, decode in the graph "
                             "(yolov8 layout [1, 4+nc, N]: cx, cy, w, h in input pixels, class scores 0-1)"),
            "quantization": quant,
            "recipe": args.recipe,
        },
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(f"model.json: {args.out} ({doc['name']}, sha256 {doc['sha256'][:16]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
