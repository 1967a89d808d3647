"""Tiny anchor-free detector (three levels, stride 8/16/32; optionally a fourth at stride 4) whose ONNX export is in
the yolov8 layout.

Only Conv, BatchNorm (folded away at export), ReLU, nearest Resize and Add are used in the trunk so that
every layer has an int8 QDQ kernel in ONNX Runtime (QLinearConv, QLinearAdd, uint8 Resize). The box decode
(exp, a 4x4 linear map, sigmoid) is part of the graph but stays in float after the last DequantizeLinear.
"""
import math

import numpy as np
import torch
from torch import nn

CLASS_NAMES = ["car", "bus", "truck", "motorcycle", "bicycle", "pedestrian"]
STRIDES = (8, 16, 32)
P2_STRIDES = (4, 8, 16, 32)
DEFAULT_WIDTHS = (16, 32, 64, 96, 112)
DEFAULT_NECK = 64


def strides_for(p2):
    """The output levels' strides, in output order: a stride-4 level first when the network has one (p2 > 0)."""
    return P2_STRIDES if p2 else STRIDES


def from_checkpoint(state):
    """The network a checkpoint's weights belong to (checkpoints from before 1.3.0 record no widths: the default;
    none before session 18 records p2: no stride-4 level)."""
    return TinyDetector(widths=tuple(int(w) for w in state.get("widths", DEFAULT_WIDTHS)),
                        neck=int(state.get("neck", DEFAULT_NECK)), p2=int(state.get("p2", 0)))


class ConvBnRelu(nn.Module):
    """3x3 (or 1x1) convolution, batch norm, optional ReLU."""

    def __init__(self, cin, cout, k=3, s=1, relu=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.relu = relu

    def forward(self, x):
        x = self.bn(self.conv(x))
        return torch.relu(x) if self.relu else x


class Block(nn.Module):
    """Residual pair of 3x3 convolutions; the skip is a plain Add (QLinearAdd when quantised)."""

    def __init__(self, c):
        super().__init__()
        self.a = ConvBnRelu(c, c)
        self.b = ConvBnRelu(c, c, relu=False)

    def forward(self, x):
        return torch.relu(x + self.b(self.a(x)))


class TinyDetector(nn.Module):
    """Backbone (stride 2..32), top-down FPN with Add, one shared-weight-free head per level.

    p2 > 0 adds a fourth level at stride 4 with p2 channels (for road users a few pixels tall, which share one
    stride-8 cell when they queue): a 1x1 lateral conv on the stride-4 backbone map, plus the stride-8 neck map
    reduced to p2 channels by a 1x1 conv and upsampled, a 3x3 smoothing conv, and its own head. Its outputs come
    first (anchors in stride order). Narrow on purpose: a 3x3 conv on the 160x120 map costs 19200 * 9 * p2^2
    multiply-adds."""

    def __init__(self, num_classes=len(CLASS_NAMES), widths=DEFAULT_WIDTHS, neck=DEFAULT_NECK, p2=0):
        super().__init__()
        w0, w1, w2, w3, w4 = widths
        self.num_classes = num_classes
        self.widths, self.neck, self.p2 = tuple(widths), neck, int(p2)
        self.strides = strides_for(self.p2)
        self.stem = ConvBnRelu(3, w0, s=2)                                        # /2
        self.s2 = ConvBnRelu(w0, w1, s=2)                                          # /4 (no block: the
        # stride-4 map is the costliest place for extra layers on a 2-core training budget)
        self.s3 = nn.Sequential(ConvBnRelu(w1, w2, s=2), Block(w2))               # /8
        self.s4 = nn.Sequential(ConvBnRelu(w2, w3, s=2), Block(w3))               # /16
        self.s5 = nn.Sequential(ConvBnRelu(w3, w4, s=2), Block(w4))               # /32
        self.lat3 = ConvBnRelu(w2, neck, k=1)
        self.lat4 = ConvBnRelu(w3, neck, k=1)
        self.lat5 = ConvBnRelu(w4, neck, k=1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.smooth3 = ConvBnRelu(neck, neck)
        self.smooth4 = ConvBnRelu(neck, neck)
        self.head_stem = nn.ModuleList([ConvBnRelu(neck, neck) for _ in STRIDES])
        self.head_reg = nn.ModuleList([nn.Conv2d(neck, 4, 1) for _ in STRIDES])
        self.head_cls = nn.ModuleList([nn.Conv2d(neck, num_classes, 1) for _ in STRIDES])
        prior = -math.log((1 - 0.01) / 0.01)
        for c in self.head_cls:
            nn.init.constant_(c.bias, prior)
        if self.p2:
            self.lat2 = ConvBnRelu(w1, p2, k=1)
            self.red3 = ConvBnRelu(neck, p2, k=1)
            self.smooth2 = ConvBnRelu(p2, p2)
            self.head2_stem = ConvBnRelu(p2, p2)
            self.head2_reg = nn.Conv2d(p2, 4, 1)
            self.head2_cls = nn.Conv2d(p2, num_classes, 1)
            nn.init.constant_(self.head2_cls.bias, prior)
        for r in list(self.head_reg) + ([self.head2_reg] if self.p2 else []):
            nn.init.zeros_(r.bias)
            nn.init.normal_(r.weight, std=0.01)
        self.export_decode = False
        self._grid_cache = {}

    def levels(self, x):
        """Raw per-level outputs: list of (reg [B,4,H,W], cls logits [B,nc,H,W])."""
        c2 = self.s2(self.stem(x))
        c3 = self.s3(c2)
        c4 = self.s4(c3)
        c5 = self.s5(c4)
        p5 = self.lat5(c5)
        p4 = self.smooth4(self.lat4(c4) + self.up(p5))
        p3 = self.smooth3(self.lat3(c3) + self.up(p4))
        out = []
        if self.p2:
            h = self.head2_stem(self.smooth2(self.lat2(c2) + self.up(self.red3(p3))))
            out.append((self.head2_reg(h), self.head2_cls(h)))
        for i, p in enumerate((p3, p4, p5)):
            h = self.head_stem[i](p)
            out.append((self.head_reg[i](h), self.head_cls[i](h)))
        return out

    def anchors(self, h, w, device):
        """Anchor centres [N,2] in input pixels and their strides [N], level-major, row-major inside a level.
        Built in numpy so that the export traces them as constants, not as graph arithmetic."""
        key = (h, w, str(device))
        if key not in self._grid_cache:
            pts, strides = [], []
            for s in self.strides:
                gy, gx = np.meshgrid(np.arange(h // s), np.arange(w // s), indexing="ij")
                pts.append(np.stack([(gx.reshape(-1) + 0.5) * s, (gy.reshape(-1) + 0.5) * s], 1))
                strides.append(np.full(pts[-1].shape[0], float(s)))
            self._grid_cache[key] = (torch.from_numpy(np.concatenate(pts).astype(np.float32)).to(device),
                                     torch.from_numpy(np.concatenate(strides).astype(np.float32)).to(device))
        return self._grid_cache[key]

    def flat(self, x):
        """Training outputs: reg [B,N,4] (log ltrb / stride), cls logits [B,N,nc]."""
        regs, clss = [], []
        for r, c in self.levels(x):
            regs.append(r.flatten(2))
            clss.append(c.flatten(2))
        return torch.cat(regs, 2).transpose(1, 2), torch.cat(clss, 2).transpose(1, 2)

    @staticmethod
    def decode_ltrb(reg, pts, strides):
        """x1,y1,x2,y2 boxes from log distances: ltrb = exp(t) * stride around the anchor centre."""
        d = torch.exp(reg.clamp(max=8.0)) * strides[None, :, None]
        return torch.cat([pts[None] - d[..., :2], pts[None] + d[..., 2:]], -1)

    def forward(self, x):
        if not self.export_decode:
            return self.flat(x)
        # Export path: yolov8 layout [1, 4+nc, N] = cx, cy, w, h (input pixels), class scores 0..1.
        _, _, h, w = x.shape
        pts, strides = self.anchors(h, w, x.device)
        regs, clss = [], []
        for r, c in self.levels(x):
            regs.append(r.reshape(r.shape[0], 4, -1))
            clss.append(c.reshape(c.shape[0], self.num_classes, -1))
        reg = torch.cat(regs, 2)                                  # [B,4,N]
        d = torch.exp(reg) * strides[None, None, :]               # l,t,r,b in pixels
        # cx = ax + (r-l)/2, cy = ay + (b-t)/2, w = l+r, h = t+b as one 4x4 map plus the anchor offsets.
        m = torch.from_numpy(np.array([[-0.5, 0, 0.5, 0], [0, -0.5, 0, 0.5], [1, 0, 1, 0], [0, 1, 0, 1]],
                                      dtype=np.float32))
        p = pts.numpy()
        offset = torch.from_numpy(np.concatenate([p.T, np.zeros_like(p.T)], 0)[None].copy())  # [1,4,N]
        box = torch.matmul(m, d) + offset
        return torch.cat([box, torch.sigmoid(torch.cat(clss, 2))], 1)


def fold_bn(model):
    """Folds every BatchNorm into the preceding convolution (in place) so the exported graph has Conv only."""
    for mod in model.modules():
        if isinstance(mod, ConvBnRelu) and isinstance(mod.bn, nn.BatchNorm2d):
            conv, bn = mod.conv, mod.bn
            scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
            fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride, conv.padding,
                              bias=True)
            fused.weight.data = conv.weight.data * scale[:, None, None, None]
            fused.bias.data = bn.bias.data - bn.running_mean * scale
            mod.conv = fused
            mod.bn = nn.Identity()
    return model


def from_onnx(path, widths, neck, p2=0):
    """A trainable network holding an exported (BatchNorm-folded) fp32 ONNX file's weights, for fine-tuning a
    model whose checkpoint was not kept. Each ConvBnRelu gets the folded convolution weight and a BatchNorm that
    is the identity plus the folded bias (running mean 0, variance 1 - eps, scale 1, shift = bias): in eval mode
    the network computes what the ONNX file does. Train it with its BatchNorms frozen (freeze_bn), since batch
    statistics would not match the folded weights."""
    import onnx
    from onnx import numpy_helper
    init = {i.name: numpy_helper.to_array(i) for i in onnx.load(path).graph.initializer}
    model = TinyDetector(widths=widths, neck=neck, p2=p2)
    used = set()
    with torch.no_grad():
        for name, mod in model.named_modules():
            if isinstance(mod, ConvBnRelu):
                w, b = init.get(f"{name}.conv.weight"), init.get(f"{name}.conv.bias")
                if w is None or b is None or tuple(w.shape) != tuple(mod.conv.weight.shape):
                    raise ValueError(f"{path}: no folded convolution {name}.conv of shape "
                                     f"{tuple(mod.conv.weight.shape)} (wrong --widths/--neck?)")
                mod.conv.weight.copy_(torch.from_numpy(np.array(w)))
                mod.bn.weight.fill_(1.0)
                mod.bn.bias.copy_(torch.from_numpy(np.array(b)))
                mod.bn.running_mean.zero_()
                mod.bn.running_var.fill_(1.0 - mod.bn.eps)
                used.update((f"{name}.conv.weight", f"{name}.conv.bias"))
            elif isinstance(mod, nn.Conv2d) and name.startswith(("head_reg.", "head_cls.", "head2_reg", "head2_cls")):
                for attr in ("weight", "bias"):
                    v = init.get(f"{name}.{attr}")
                    if v is None or tuple(v.shape) != tuple(getattr(mod, attr).shape):
                        raise ValueError(f"{path}: no {name}.{attr} of shape {tuple(getattr(mod, attr).shape)}")
                    getattr(mod, attr).copy_(torch.from_numpy(np.array(v)))
                    used.add(f"{name}.{attr}")
    left = sorted(k for k, v in init.items() if k not in used and v.ndim == 4)
    if left:
        raise ValueError(f"{path}: convolution weights not in the network: {left[:5]}")
    return model


def freeze_bn(model):
    """Puts every BatchNorm in eval mode (running statistics fixed; scale and shift still learn). Call after
    model.train()."""
    for mod in model.modules():
        if isinstance(mod, nn.BatchNorm2d):
            mod.eval()
    return model
