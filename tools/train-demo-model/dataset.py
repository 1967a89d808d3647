"""Reads a synthetic dataset folder (frames.u8 + labels.csv + meta.json) and makes letterboxed training batches.

The letterbox matches what model.json tells the runtime to do: scale = min(S/W, S/H), bilinear resize
(half-pixel centres, no antialias), image at the top-left corner, the rest filled with 114, RGB, 0-1.
"""
import csv
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from model import CLASS_NAMES

PAD_VALUE = 114
MIN_VISIBILITY = 0.3      # boxes hidden more than this are ignored: neither positives nor negatives
MIN_SIDE_INPUT_PX = 3.0   # boxes thinner than this at model input are ignored too


class SyntheticDataset:
    """Memory-mapped frames plus per-frame label arrays [K,6] = class, x1, y1, x2, y2, visibility."""

    def __init__(self, folder):
        with open(os.path.join(folder, "meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
        self.width = int(meta["width"])
        self.height = int(meta["height"])
        self.count = int(meta["count"])
        path = os.path.join(folder, "frames.u8")
        expected = self.width * self.height * 3 * self.count
        if os.path.getsize(path) != expected:
            raise ValueError(f"{path}: {os.path.getsize(path)} bytes, meta.json says {self.count} frames "
                             f"of {self.width}x{self.height}x3 = {expected}")
        self.frames = np.memmap(path, dtype=np.uint8, mode="r", shape=(self.count, self.height, self.width, 3))
        rows = [[] for _ in range(self.count)]
        with open(os.path.join(folder, "labels.csv"), encoding="utf-8", newline="") as f:
            for i, rec in enumerate(csv.DictReader(f)):
                name = rec["class"].strip().lower()
                if name not in CLASS_NAMES:
                    raise ValueError(f"labels.csv line {i + 2}: unknown class '{name}'")
                rows[int(rec["frame"])].append([CLASS_NAMES.index(name), float(rec["x1"]), float(rec["y1"]),
                                                float(rec["x2"]), float(rec["y2"]), float(rec["visibility"])])
        self.labels = [np.array(r, dtype=np.float32).reshape(-1, 6) for r in rows]

    def __len__(self):
        return self.count


def letterbox_scale(width, height, size):
    return min(size / width, size / height)


def resize_bgr_to_rgb_tensor(frame_bgr, out_w, out_h):
    """uint8 HxWx3 BGR -> float [3,out_h,out_w] RGB 0-255, bilinear with half-pixel centres, no antialias."""
    t = torch.from_numpy(np.ascontiguousarray(frame_bgr[..., ::-1])).permute(2, 0, 1)[None].float()
    return F.interpolate(t, size=(out_h, out_w), mode="bilinear", align_corners=False)[0]


def letterbox(frame_bgr, size, height=None):
    """Exactly the inference-time preprocessing: [3,height,size] float 0-1 RGB (height defaults to size), image
    top-left, pad 114."""
    h, w = frame_bgr.shape[:2]
    out_h = height or size
    s = min(size / w, out_h / h)
    nw, nh = int(round(w * s)), int(round(h * s))
    canvas = torch.full((3, out_h, size), float(PAD_VALUE))
    canvas[:, :nh, :nw] = resize_bgr_to_rgb_tensor(frame_bgr, nw, nh).round().clamp(0, 255)
    return canvas / 255.0, s


def split_labels(labels, scale, ox, oy, size, height=None):
    """Maps labels to model input pixels; returns (targets [G,5] cls+box, ignored boxes [K,4])."""
    if labels.shape[0] == 0:
        return np.zeros((0, 5), np.float32), np.zeros((0, 4), np.float32)
    boxes = labels[:, 1:5] * scale + np.array([ox, oy, ox, oy], np.float32)
    clipped = boxes.clip(0, np.array([size, height or size, size, height or size], np.float32))
    kept_area = (clipped[:, 2] - clipped[:, 0]).clip(0) * (clipped[:, 3] - clipped[:, 1]).clip(0)
    full_area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    vis = labels[:, 5] * np.where(full_area > 0, kept_area / np.maximum(full_area, 1e-6), 0)
    side = np.minimum(clipped[:, 2] - clipped[:, 0], clipped[:, 3] - clipped[:, 1])
    good = (vis >= MIN_VISIBILITY) & (side >= MIN_SIDE_INPUT_PX)
    present = kept_area > 0
    targets = np.concatenate([labels[good, :1], clipped[good]], 1).astype(np.float32)
    return targets, clipped[present & ~good].astype(np.float32)


class BatchMaker:
    """Random augmented batches: scale jitter, translation, horizontal flip, gain/contrast/noise."""

    def __init__(self, datasets, size, seed, jitter=(0.8, 1.25), canvas_height=None):
        self.items = [(d, i) for d in datasets for i in range(len(d))]
        self.size = size
        # Training may use a shorter canvas than the model input (the letterboxed 4:3 frame fills only the
        # top 3/4 of the square): the network is fully convolutional, and the rows saved are pure padding.
        self.canvas_height = canvas_height or size
        self.rng = np.random.default_rng(seed)
        self.jitter = jitter

    def __len__(self):
        return len(self.items)

    def sample(self, d, i):
        rng, size = self.rng, self.size
        base = letterbox_scale(d.width, d.height, size)
        # Half of the samples use the exact inference letterbox, the rest a jittered scale and position.
        jittered = rng.random() >= 0.5
        s = base * rng.uniform(*self.jitter) if jittered else base
        nw, nh = int(round(d.width * s)), int(round(d.height * s))
        gain = rng.uniform(0.75, 1.3) * rng.uniform(0.92, 1.08, 3)
        contrast = float(rng.uniform(0.8, 1.2))
        noise = rng.normal(0, rng.uniform(1, 5), (3, nh, nw)).astype(np.float32) if rng.random() < 0.3 else None
        flip = rng.random() < 0.5
        ox = oy = 0
        if jittered:
            ox = int(rng.integers(min(0, size - nw), max(0, size - nw) + 1)) if rng.random() < 0.7 else 0
            oy = int(rng.integers(min(0, self.canvas_height - nh), max(0, self.canvas_height - nh) + 1)) \
                if rng.random() < 0.7 else 0
        return self.render(d, i, s, gain, contrast, noise, flip, ox, oy)

    def render(self, d, i, s, gain, contrast, noise, flip, ox, oy):
        """One sample from drawn parameters: scale s, per-channel gain [3], contrast, noise [3,nh,nw] or None,
        flip, offset (ox, oy) of the resized frame on the canvas. Returns (image [3,H,W] 0-1, targets, ignored)."""
        size, ch = self.size, self.canvas_height
        nw, nh = int(round(d.width * s)), int(round(d.height * s))
        img = resize_bgr_to_rgb_tensor(d.frames[i], nw, nh)
        # Photometric jitter on image pixels only, so the pad keeps the exact value seen at inference.
        mean = img.mean()
        img = ((img - mean) * contrast + mean) * torch.tensor(gain, dtype=torch.float32)[:, None, None]
        if noise is not None:
            img = img + torch.from_numpy(noise)
        if flip:
            img = img.flip(2)
        canvas = torch.full((3, ch, size), float(PAD_VALUE))
        x0, y0 = max(0, ox), max(0, oy)
        x1, y1 = min(size, ox + nw), min(ch, oy + nh)
        canvas[:, y0:y1, x0:x1] = img[:, y0 - oy:y1 - oy, x0 - ox:x1 - ox]
        lab = d.labels[i].copy()
        if flip:
            lab[:, [1, 3]] = d.width - lab[:, [3, 1]]
        # Rounded output size: correct the nominal scale per axis so boxes land on the resized pixels.
        lab[:, [1, 3]] *= (nw / d.width) / s
        lab[:, [2, 4]] *= (nh / d.height) / s
        targets, ignored = split_labels(lab, s, ox, oy, size, ch)
        return canvas.round().clamp(0, 255) / 255.0, targets, ignored

    def batch(self, n):
        idx = self.rng.integers(0, len(self.items), n)
        imgs, tgts, igns = [], [], []
        for k in idx:
            img, t, g = self.sample(*self.items[k])
            imgs.append(img)
            tgts.append(t)
            igns.append(g)
        return torch.stack(imgs), tgts, igns
