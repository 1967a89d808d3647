"""Exports a trained checkpoint to ONNX (opset 13) in the yolov8 layout, with BatchNorm folded into Conv.

usage: export_onnx.py --ckpt WORK/model.pt --out model-fp32.onnx [--height H]
The input is SIZE wide (the checkpoint's training size) and H high (default: the checkpoint's training canvas
height, so a 4:3 camera frame fills it with no padding rows to compute; checkpoints from before that was
recorded export square).
The exported graph is checked against the torch model with the numpy reference interpreter.
"""
import argparse
import sys

import numpy as np
import onnx
import torch

from model import fold_bn, from_checkpoint
from onnx_numpy import run_graph

INPUT_NAME = "images"
OUTPUT_NAME = "output0"


def load_model(ckpt):
    """(model, input width, training canvas height: the width for checkpoints that did not record it)."""
    state = torch.load(ckpt, map_location="cpu")
    model = from_checkpoint(state)
    model.load_state_dict(state["model"])
    model.eval()
    size = int(state["size"])
    return model, size, int(state.get("height", size))


def export(ckpt, out, height=None):
    model, size, trained_height = load_model(ckpt)
    height = height or trained_height
    if height % 32 or not 32 <= height <= size:
        raise ValueError(f"--height {height}: must be a multiple of 32 from 32 to the input width {size}")
    fold_bn(model)
    model.export_decode = True
    x = torch.rand(1, 3, height, size)
    torch.onnx.export(model, x, out, opset_version=13, input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
                      do_constant_folding=True)
    graph = onnx.load(out)
    onnx.checker.check_model(graph)
    with torch.no_grad():
        ref = model(x).numpy()
    got = run_graph(graph, {INPUT_NAME: x.numpy()})[OUTPUT_NAME]
    err = float(np.abs(got - ref).max())
    if got.shape != ref.shape or err > 1e-2:
        raise RuntimeError(f"{out}: numpy interpreter disagrees with torch (shape {got.shape}, max err {err})")
    ops = sorted({n.op_type for n in graph.graph.node})
    print(f"export: {out} output {list(ref.shape)} ops {ops}, interpreter max |err| {err:.2e}")
    return ref.shape


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--height", type=int, default=0,
                    help="input height in pixels (multiple of 32; default: the checkpoint's training canvas height)")
    args = ap.parse_args(argv)
    export(args.ckpt, args.out, args.height or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
