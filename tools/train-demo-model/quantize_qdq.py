"""Static int8 QDQ quantisation of the exported fp32 graph, without onnxruntime.

usage: quantize_qdq.py --fp32 model-fp32.onnx --calib DIR [DIR ...] --frames 64 --out model.onnx

Layout (what ONNX Runtime's QDQ transformer fuses into QLinearConv / QLinearAdd / uint8 Resize):
  activations: QuantizeLinear -> DequantizeLinear, uint8 asymmetric, one scale per tensor, after every
               ReLU, after every Conv or Add not followed by a ReLU, after Resize (same parameters as its input)
               and on the graph input (scale 1/255, zero point 0: the input is k/255 exactly);
  weights:     int8 symmetric per output channel (axis 0) -> DequantizeLinear, 7 bits (-63..63) by default so
               that x86 CPUs without VNNI cannot saturate (--weight-bits 8 for -127..127);
  biases:      int32 with scale s_input * s_weight[c], zero point 0 -> DequantizeLinear.
ReLU stays in the graph: its output has zero point 0, so ONNX Runtime drops it when it fuses the Conv.
Everything after the head convolutions (Reshape, Concat, Exp, MatMul, Sigmoid) stays in float.
Ranges come from running calibration frames through the fp32 graph (numpy interpreter) and taking, per
tensor, the min/max or a high percentile of the values seen.
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from dataset import SyntheticDataset, letterbox
from onnx_numpy import run_graph

TRUNK_OPS = {"Conv", "Relu", "Add", "Resize"}


def consumers(graph):
    out = {}
    for n in graph.node:
        for i in n.input:
            out.setdefault(i, []).append(n)
    return out


def float_tail(graph):
    """Tensors at or after the first Reshape: the decode, which stays in float."""
    tail = set()
    for n in graph.node:
        if n.op_type == "Reshape" or any(i in tail for i in n.input):
            tail.update(n.output)
    return tail


def activation_tensors(graph):
    """Names of the activations that get a Q/DQ pair, in graph order."""
    cons = consumers(graph)
    tail = float_tail(graph)
    names = [graph.input[0].name]
    for n in graph.node:
        if n.op_type not in TRUNK_OPS or n.output[0] in tail:
            continue
        nxt = cons.get(n.output[0], [])
        if n.op_type in ("Conv", "Add") and nxt and all(c.op_type == "Relu" for c in nxt):
            continue  # quantised after the ReLU instead, so the ReLU folds away
        names.append(n.output[0])
    return names


def calibrate(model, names, frames, size, height, percentile):
    lo = {k: [] for k in names}
    hi = {k: [] for k in names}
    for f in frames:
        x, _ = letterbox(f, size, height)
        env = run_graph(model, {model.graph.input[0].name: x.numpy()[None]}, keep_all=True)
        for k in names:
            v = env[k]
            if percentile >= 100:
                lo[k].append(float(v.min()))
                hi[k].append(float(v.max()))
            else:
                lo[k].append(float(np.percentile(v, 100 - percentile)))
                hi[k].append(float(np.percentile(v, percentile)))
    # Global range over the calibration set (min of mins, max of maxes).
    return {k: (min(lo[k]), max(hi[k])) for k in names}


def uint8_params(lo, hi):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = max((hi - lo) / 255.0, 1e-8)
    zp = int(np.clip(round(-lo / scale), 0, 255))
    return np.float32(scale), np.uint8(zp)


def quantize_model(model, ranges, input_name, weight_bits=7):
    w_max = float(2 ** (weight_bits - 1) - 1)
    g = model.graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    params = {}
    for name, (lo, hi) in ranges.items():
        params[name] = uint8_params(lo, hi)
    params[input_name] = (np.float32(1.0 / 255.0), np.uint8(0))
    producer = {o: n for n in g.node for o in n.output}
    # Resize (nearest) only moves values: give its output its input's parameters so it runs on uint8.
    for n in g.node:
        if n.op_type == "Resize" and n.output[0] in params:
            src = n.input[0]
            while src not in params and src in producer:
                src = producer[src].input[0]
            params[n.output[0]] = params[src]

    new_inits, nodes = [], []
    dq_name = {}

    def add_init(name, arr):
        new_inits.append(numpy_helper.from_array(arr, name))

    def qdq(tensor):
        scale, zp = params[tensor]
        add_init(f"{tensor}_scale", np.array(scale, np.float32))
        add_init(f"{tensor}_zp", np.array(zp, np.uint8))
        nodes.append(helper.make_node("QuantizeLinear", [tensor, f"{tensor}_scale", f"{tensor}_zp"],
                                      [f"{tensor}_q"], name=f"{tensor}_Q"))
        nodes.append(helper.make_node("DequantizeLinear", [f"{tensor}_q", f"{tensor}_scale", f"{tensor}_zp"],
                                      [f"{tensor}_dq"], name=f"{tensor}_DQ"))
        dq_name[tensor] = f"{tensor}_dq"

    used_inits = set()
    qdq(input_name)
    for n in g.node:
        new = onnx.NodeProto()
        new.CopyFrom(n)
        del new.input[:]
        for i in n.input:
            new.input.append(dq_name.get(i, i))
        if n.op_type == "Conv":
            x_name = n.input[0]
            if x_name not in params:
                raise ValueError(f"{n.name}: input {x_name} has no activation range")
            w = inits[n.input[1]]
            b = inits[n.input[2]] if len(n.input) > 2 else np.zeros(w.shape[0], np.float32)
            s_w = np.maximum(np.abs(w.reshape(w.shape[0], -1)).max(1), 1e-12) / w_max
            q_w = np.clip(np.rint(w / s_w[:, None, None, None]), -w_max, w_max).astype(np.int8)
            s_x = float(params[x_name][0])
            s_b = (s_w * s_x).astype(np.float32)
            q_b = np.clip(np.rint(b / s_b), -2**31, 2**31 - 1).astype(np.int32)
            wn, bn = n.input[1], (n.input[2] if len(n.input) > 2 else f"{n.name}_bias")
            add_init(f"{wn}_q", q_w)
            add_init(f"{wn}_scale", s_w.astype(np.float32))
            add_init(f"{wn}_zp", np.zeros(w.shape[0], np.int8))
            add_init(f"{bn}_q", q_b)
            add_init(f"{bn}_scale", s_b)
            add_init(f"{bn}_zp", np.zeros(w.shape[0], np.int32))
            nodes.append(helper.make_node("DequantizeLinear", [f"{wn}_q", f"{wn}_scale", f"{wn}_zp"],
                                          [f"{wn}_dq"], name=f"{wn}_DQ", axis=0))
            nodes.append(helper.make_node("DequantizeLinear", [f"{bn}_q", f"{bn}_scale", f"{bn}_zp"],
                                          [f"{bn}_dq"], name=f"{bn}_DQ", axis=0))
            new.input[1] = f"{wn}_dq"
            if len(new.input) > 2:
                new.input[2] = f"{bn}_dq"
            else:
                new.input.append(f"{bn}_dq")
            used_inits.update([n.input[1]] + ([n.input[2]] if len(n.input) > 2 else []))
        nodes.append(new)
        if n.output[0] in params and n.output[0] != input_name:
            qdq(n.output[0])

    kept = [i for i in g.initializer if i.name not in used_inits]
    graph = helper.make_graph(nodes, g.name, list(g.input), list(g.output), kept + new_inits)
    out = helper.make_model(graph, opset_imports=list(model.opset_import), producer_name="train-demo-model")
    out.ir_version = model.ir_version
    onnx.checker.check_model(out)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fp32", required=True)
    ap.add_argument("--calib", nargs="+", required=True, help="synthetic dataset folders (frames drawn evenly)")
    ap.add_argument("--frames", type=int, default=64)
    ap.add_argument("--percentile", type=float, default=100.0, help="100 = min/max")
    ap.add_argument("--weight-bits", type=int, default=7, choices=[7, 8],
                    help="7 (default): weights in -63..63, so that ONNX Runtime's u8 x s8 kernels on x86 CPUs "
                         "without VNNI (AVX2: pairs summed in int16) cannot saturate; 8: -127..127")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    model = onnx.load(args.fp32)
    dims = model.graph.input[0].type.tensor_type.shape.dim
    size, height = dims[3].dim_value, dims[2].dim_value
    frames = []
    sets = [SyntheticDataset(d) for d in args.calib]
    per = max(1, args.frames // len(sets))
    for d in sets:
        for i in np.linspace(0, len(d) - 1, per).astype(int):
            frames.append(np.asarray(d.frames[i]))
    names = activation_tensors(model.graph)
    print(f"quantize: {len(names)} activation tensors, {len(frames)} calibration frames", flush=True)
    ranges = calibrate(model, names, frames, size, height, args.percentile)
    q = quantize_model(model, ranges, model.graph.input[0].name, args.weight_bits)
    onnx.save(q, args.out)
    x, _ = letterbox(frames[0], size, height)
    feed = {model.graph.input[0].name: x.numpy()[None]}
    a = run_graph(model, feed)[model.graph.output[0].name][0]
    b = run_graph(q, feed)[model.graph.output[0].name][0]
    ops = {}
    for n in q.graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    print(f"quantize: wrote {args.out}; ops {ops}; on a calibration frame max |score fp32 - int8| "
          f"{np.abs(a[4:] - b[4:]).max():.3f}, box median |diff| {np.median(np.abs(a[:4] - b[:4])):.2f} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
