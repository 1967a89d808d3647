"""A small numpy interpreter for the operators our exported and quantised graphs use. It replaces ONNX
Runtime in the recipe (no onnxruntime wheel for Debian's python): calibration reads every intermediate
tensor from it, and the int8 model is scored with it (QuantizeLinear rounds half to even and saturates
exactly like ONNX Runtime; the integer convolution is reproduced in float64, which is exact here)."""
import numpy as np
from onnx import numpy_helper


def _attrs(node):
    out = {}
    for a in node.attribute:
        if a.type == a.INT:
            out[a.name] = a.i
        elif a.type == a.INTS:
            out[a.name] = list(a.ints)
        elif a.type == a.FLOAT:
            out[a.name] = a.f
        elif a.type == a.STRING:
            out[a.name] = a.s.decode()
        elif a.type == a.TENSOR:
            out[a.name] = numpy_helper.to_array(a.t)
    return out


def conv2d(x, w, b, strides, pads, group=1):
    if group != 1:
        raise NotImplementedError("grouped convolution is not used by the demo model")
    n, c, h, wd = x.shape
    m, _, kh, kw = w.shape
    sh, sw = strides
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    oh = (x.shape[2] - kh) // sh + 1
    ow = (x.shape[3] - kw) // sw + 1
    cols = np.empty((n, c, kh, kw, oh, ow), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = x[:, :, i:i + sh * oh:sh, j:j + sw * ow:sw]
    cm = cols.reshape(n, c * kh * kw, oh * ow)
    y = np.matmul(w.reshape(m, -1)[None], cm).reshape(n, m, oh, ow)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


def quantize(x, scale, zp, axis=1):
    scale = np.asarray(scale, np.float32)
    zp = np.asarray(zp)
    if scale.ndim == 1 and scale.size > 1:
        shape = [1] * x.ndim
        shape[axis] = -1
        scale, zpv = scale.reshape(shape), zp.reshape(shape)
    else:
        zpv = zp
    lo, hi = (0, 255) if zp.dtype == np.uint8 else ((-128, 127) if zp.dtype == np.int8 else (-2**31, 2**31 - 1))
    q = np.clip(np.rint(x / scale) + zpv.astype(np.int64), lo, hi)
    return q.astype(zp.dtype)


def dequantize(q, scale, zp, axis=1):
    scale = np.asarray(scale, np.float32)
    zp = np.asarray(zp)
    if scale.ndim == 1 and scale.size > 1:
        shape = [1] * q.ndim
        shape[axis] = -1
        scale, zp = scale.reshape(shape), zp.reshape(shape)
    return ((q.astype(np.int64) - zp.astype(np.int64)) * scale).astype(np.float32)


def run_graph(model, feeds, keep_all=False):
    """Runs the graph; returns the graph outputs, or every tensor when keep_all."""
    env = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    env.update(feeds)
    for node in model.graph.node:
        a = _attrs(node)
        ins = [env[i] if i else None for i in node.input]
        op = node.op_type
        if op == "Conv":
            k = ins[1].shape[2:]
            y = conv2d(ins[0], ins[1], ins[2] if len(ins) > 2 else None, a.get("strides", [1, 1]),
                       a.get("pads", [0, 0, 0, 0]), a.get("group", 1))
            if list(a.get("kernel_shape", k)) != list(k):
                raise ValueError(f"{node.name}: kernel_shape mismatch")
            y = y.astype(np.float32)
        elif op == "Relu":
            y = np.maximum(ins[0], 0)
        elif op == "Add":
            y = ins[0] + ins[1]
        elif op == "Sub":
            y = ins[0] - ins[1]
        elif op == "Mul":
            y = ins[0] * ins[1]
        elif op == "Exp":
            y = np.exp(ins[0])
        elif op == "Sigmoid":
            y = 1.0 / (1.0 + np.exp(-ins[0]))
        elif op == "MatMul":
            y = np.matmul(ins[0], ins[1])
        elif op == "Concat":
            y = np.concatenate(ins, axis=a["axis"])
        elif op == "Reshape":
            y = ins[0].reshape([d if d != 0 else ins[0].shape[i] for i, d in enumerate(ins[1].tolist())])
        elif op == "Constant":
            y = a["value"]
        elif op == "Resize":
            if a.get("mode", "nearest") != "nearest":
                raise ValueError(f"{node.name}: only nearest Resize is supported")
            scales = ins[2] if len(ins) > 2 and ins[2] is not None and ins[2].size else None
            if scales is None:
                sizes = ins[3]
                scales = np.array(sizes, np.float32) / np.array(ins[0].shape, np.float32)
            fy, fx = int(round(scales[2])), int(round(scales[3]))
            y = ins[0].repeat(fy, axis=2).repeat(fx, axis=3)
        elif op == "QuantizeLinear":
            y = quantize(ins[0], ins[1], ins[2], a.get("axis", 1))
        elif op == "DequantizeLinear":
            y = dequantize(ins[0], ins[1], ins[2], a.get("axis", 1))
        else:
            raise ValueError(f"unsupported operator {op} ({node.name})")
        env[node.output[0]] = y
    if keep_all:
        return env
    return {o.name: env[o.name] for o in model.graph.output}
