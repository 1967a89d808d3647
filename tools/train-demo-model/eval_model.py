"""Scores a model on a held-out synthetic dataset folder: mAP@0.5 and vehicle precision/recall.

usage: eval_model.py --model WORK/model.pt | model.onnx --data DIR [--score 0.3] [--json out.json]
                     [--thresholds 0.2,0.25,...]
A .pt checkpoint runs in torch (export decode path, BN folded); an .onnx file (fp32 or int8 QDQ) runs in
the numpy interpreter, so the int8 numbers include the quantisation error.
"""
import argparse
import json
import sys
import time

import numpy as np
import onnx
import torch

from dataset import MIN_SIDE_INPUT_PX, MIN_VISIBILITY, SyntheticDataset, letterbox
from evaluate import Evaluator, decode_yolov8
from export_onnx import load_model
from model import fold_bn
from onnx_numpy import run_graph


def make_runner(path):
    if path.endswith(".pt"):
        model, size, height = load_model(path)
        fold_bn(model)
        model.export_decode = True

        def run(x):
            with torch.no_grad():
                return model(x[None]).numpy()[0]
        return run, (size, height)
    graph = onnx.load(path)
    dims = graph.graph.input[0].type.tensor_type.shape.dim
    name = graph.graph.input[0].name

    def run_onnx(x):
        return next(iter(run_graph(graph, {name: x.numpy()[None]}).values()))[0]
    return run_onnx, (dims[3].dim_value, dims[2].dim_value)


def evaluate(path, folder, score_thr, nms_iou=0.5, max_frames=0, thresholds=(0.2, 0.25, 0.3, 0.35, 0.4, 0.5)):
    run, (size, height) = make_runner(path)
    data = SyntheticDataset(folder)
    ev = Evaluator(MIN_VISIBILITY, MIN_SIDE_INPUT_PX)
    idx = range(len(data)) if not max_frames else np.linspace(0, len(data) - 1, max_frames).astype(int)
    t0 = time.time()
    for i in idx:
        x, scale = letterbox(np.asarray(data.frames[i]), size, height)
        dets = decode_yolov8(run(x), scale, score_thr=0.01, iou_thr=nms_iou)
        ev.add(dets, data.labels[i], scale)
    res = ev.summary(score_thr)
    res["sweep"] = {f"{t:.2f}": {k: round(v, 4) for k, v in ev.summary(t).items()
                                 if k in ("vehicle_precision", "vehicle_recall", "vehicle_recall_large")} for t in thresholds}
    res["frames"] = len(idx)
    res["seconds"] = round(time.time() - t0, 1)
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--score", type=float, default=0.3)
    ap.add_argument("--nms-iou", type=float, default=0.5)
    ap.add_argument("--frames", type=int, default=0, help="evaluate this many evenly spaced frames (0 = all)")
    ap.add_argument("--thresholds", default="0.2,0.25,0.3,0.35,0.4,0.5",
                    help="score thresholds for the precision/recall sweep, comma separated")
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    thresholds = tuple(float(t) for t in args.thresholds.split(","))
    res = evaluate(args.model, args.data, args.score, args.nms_iou, args.frames, thresholds)
    print(f"eval {args.model}: mAP@0.5 {res['mAP50']:.4f} vehicle P {res['vehicle_precision']:.4f} "
          f"R {res['vehicle_recall']:.4f} (R {res['vehicle_recall_large']:.4f} for boxes >= {res['large_side_px']} px "
          f"at input) @ {args.score} ({res['frames']} frames, {res['seconds']}s)")
    print("  AP50 " + " ".join(f"{k} {v:.3f}" for k, v in res["AP50"].items()))
    print("  sweep " + " ".join(f"{k}: P {v['vehicle_precision']:.3f} R {v['vehicle_recall']:.3f}/"
                                f"{v['vehicle_recall_large']:.3f}"
                                for k, v in res["sweep"].items()))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
