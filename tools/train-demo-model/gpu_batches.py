"""Training batches made on the training device itself (a CUDA GPU), for a machine whose cores cannot keep up.

BatchMaker (dataset.py) makes each sample on the CPU, about 60 samples a second per core: on the 16-core GPU machine
that bound 1.3.0's training, with the GPU idle most of the time. DeviceBatchMaker keeps every frame on the device
as uint8 and makes a whole batch there with the same augmentation, drawn per sample:
- half of the samples use the exact inference letterbox, the rest a scale x0.8-1.25 and, each axis with
  probability 0.7, a random position (crop or pad);
- horizontal flip with probability 0.5;
- gain x0.75-1.3 times a per-channel x0.92-1.08, contrast x0.8-1.2 about the image mean, and with probability 0.3
  Gaussian noise of sigma 1-5, on image pixels only (the padding stays exactly 114);
- labels mapped the same way and split into targets and ignored boxes by dataset.py's rule (visibility >= 0.3
  and at least 3 px at model input).
The resize is one bilinear grid_sample with half-pixel centres and clamped edges: for the unjittered samples
(scale 1 on a 640x480 frame) it reads the pixels exactly, as the inference letterbox does; for scaled ones it
equals F.interpolate's bilinear resize (no antialias) up to float rounding.

Batches come out padded: (images [B,3,H,W] 0-1, gt_cls [B,G] (-1 for padding), gt_box [B,G,4], ign_box [B,K,4],
ign_valid [B,K]), which loss.detection_loss_padded takes as they are.
"""
import numpy as np
import torch
import torch.nn.functional as F

from dataset import MIN_SIDE_INPUT_PX, MIN_VISIBILITY, PAD_VALUE, letterbox_scale


class DeviceBatchMaker:
    """Every frame of the given SyntheticDatasets on `device` as uint8; augmented batches made there."""

    def __init__(self, datasets, size, seed, device, jitter=(0.8, 1.25), canvas_height=None, chunk=256,
                 progress=None):
        if not datasets:
            raise ValueError("DeviceBatchMaker: no datasets")
        self.width, self.height = datasets[0].width, datasets[0].height
        for d in datasets:
            if (d.width, d.height) != (self.width, self.height):
                raise ValueError(f"DeviceBatchMaker: frames of {d.width}x{d.height} and {self.width}x{self.height} "
                                 "in one run (all sets must share the frame size)")
        self.device = torch.device(device)
        self.size = size
        self.canvas_height = canvas_height or size
        self.jitter = jitter
        total = sum(len(d) for d in datasets)
        self.frames = torch.empty((total, self.height, self.width, 3), dtype=torch.uint8, device=self.device)
        g_max = max(1, max((lab.shape[0] for d in datasets for lab in d.labels), default=1))
        labels = np.zeros((total, g_max, 6), np.float32)
        counts = np.zeros(total, np.int64)
        at = 0
        for d in datasets:
            for start in range(0, len(d), chunk):
                part = np.array(d.frames[start:start + chunk])   # a writable copy of the memmap slice
                self.frames[at + start:at + start + part.shape[0]] = torch.from_numpy(part).to(self.device)
            for i, lab in enumerate(d.labels):
                labels[at + i, :lab.shape[0]] = lab
                counts[at + i] = lab.shape[0]
            at += len(d)
            if progress:
                progress(f"{at}/{total} frames on {self.device}")
        self.labels = torch.from_numpy(labels).to(self.device)
        self.counts = torch.from_numpy(counts).to(self.device)
        self.max_count = int(counts.max())
        self.gen = torch.Generator(device=self.device)
        self.gen.manual_seed(seed)
        # Output pixel centres, shared by every batch.
        self.xs = torch.arange(size, device=self.device, dtype=torch.float32)
        self.ys = torch.arange(self.canvas_height, device=self.device, dtype=torch.float32)

    def __len__(self):
        return self.frames.shape[0]

    def _u(self, n, lo=0.0, hi=1.0):
        return lo + (hi - lo) * torch.rand(n, generator=self.gen, device=self.device)

    @torch.no_grad()
    def batch(self, n):
        dev, size, ch, w, h = self.device, self.size, self.canvas_height, self.width, self.height
        idx = torch.randint(0, len(self), (n,), generator=self.gen, device=dev)
        base = letterbox_scale(w, h, size)
        jittered = self._u(n) >= 0.5
        s = torch.where(jittered, base * self._u(n, *self.jitter), torch.full((n,), base, device=dev))
        nw = torch.round(w * s)
        nh = torch.round(h * s)
        flip = self._u(n) < 0.5
        gain = (self._u(n, 0.75, 1.3)[:, None] * self._u(3 * n, 0.92, 1.08).view(n, 3))   # [n,3]
        contrast = self._u(n, 0.8, 1.2)
        noisy = self._u(n) < 0.3
        sigma = self._u(n, 1.0, 5.0) * noisy

        def offset(extent, limit):
            lo = torch.minimum(torch.zeros_like(extent), limit - extent)
            hi = torch.maximum(torch.zeros_like(extent), limit - extent)
            o = torch.minimum(lo + torch.floor(self._u(n) * (hi - lo + 1)), hi)
            return torch.where(jittered & (self._u(n) < 0.7), o, torch.zeros_like(o))

        ox = offset(nw, float(size))
        oy = offset(nh, float(ch))
        noise = torch.randn((n, 3, ch, size), generator=self.gen, device=dev) if bool(noisy.any()) else None
        return self.render(idx, nw, nh, flip, ox, oy, gain, contrast, sigma, noise)

    @torch.no_grad()
    def render(self, idx, nw, nh, flip, ox, oy, gain, contrast, sigma, noise):
        """One batch from drawn parameters (each [n]; gain [n,3]; noise [n,3,H,W] standard normal or None)."""
        dev, size, ch, w, h = self.device, self.size, self.canvas_height, self.width, self.height
        n = idx.shape[0]

        # Position of each output pixel in the resized image, then in the source frame (grid_sample's [-1,1]).
        xr = self.xs[None] - ox[:, None]                                   # [n,size]
        yr = self.ys[None] - oy[:, None]                                   # [n,ch]
        inside_x = (xr >= 0) & (xr < nw[:, None])
        inside_y = (yr >= 0) & (yr < nh[:, None])
        xr = torch.where(flip[:, None], nw[:, None] - 1 - xr, xr)
        gx = (2 * xr + 1) / nw[:, None] - 1
        gy = (2 * yr + 1) / nh[:, None] - 1
        grid = torch.stack(torch.broadcast_tensors(gx[:, None, :], gy[:, :, None]), -1)  # [n,ch,size,2]
        src = self.frames[idx].permute(0, 3, 1, 2).flip(1).float()       # BGR -> RGB, [n,3,h,w] 0-255
        img = F.grid_sample(src, grid, mode="bilinear", padding_mode="border", align_corners=False)
        inside = (inside_y[:, :, None] & inside_x[:, None, :])[:, None]  # [n,1,ch,size]
        area = (inside.sum((2, 3)) * 3).clamp(min=1)
        mean = (img * inside).sum((1, 2, 3), keepdim=True) / area[:, :, None, None]
        img = ((img - mean) * contrast[:, None, None, None] + mean) * gain[:, :, None, None]
        if noise is not None:
            img = img + noise * sigma[:, None, None, None]
        img = torch.where(inside, img, torch.full_like(img, float(PAD_VALUE)))
        images = img.round().clamp(0, 255) / 255.0

        # Labels: [n,G,6] class, x1, y1, x2, y2, visibility in frame pixels, trimmed to the batch's largest count.
        g = max(1, int(self.counts[idx].max()))
        lab = self.labels[idx, :g]
        present_row = torch.arange(g, device=dev)[None] < self.counts[idx][:, None]
        x1 = torch.where(flip[:, None], w - lab[..., 3], lab[..., 1])
        x2 = torch.where(flip[:, None], w - lab[..., 1], lab[..., 3])
        sx = (nw / w)[:, None]
        sy = (nh / h)[:, None]
        boxes = torch.stack([x1 * sx + ox[:, None], lab[..., 2] * sy + oy[:, None],
                             x2 * sx + ox[:, None], lab[..., 4] * sy + oy[:, None]], -1)
        limit = torch.tensor([size, ch, size, ch], dtype=torch.float32, device=dev)
        clipped = torch.minimum(boxes.clamp(min=0), limit)
        kept = (clipped[..., 2] - clipped[..., 0]).clamp(min=0) * (clipped[..., 3] - clipped[..., 1]).clamp(min=0)
        full = (boxes[..., 2] - boxes[..., 0]) * (boxes[..., 3] - boxes[..., 1])
        vis = lab[..., 5] * torch.where(full > 0, kept / full.clamp(min=1e-6), torch.zeros_like(full))
        side = torch.minimum(clipped[..., 2] - clipped[..., 0], clipped[..., 3] - clipped[..., 1])
        good = present_row & (vis >= MIN_VISIBILITY) & (side >= MIN_SIDE_INPUT_PX)
        ignored = present_row & (kept > 0) & ~good
        gt_cls = torch.where(good, lab[..., 0], torch.full_like(lab[..., 0], -1.0))
        return images, gt_cls, clipped * good[..., None], clipped * ignored[..., None], ignored


def check(folders, size=640, height=480, samples=48, seed=5, device="cpu"):
    """Compares DeviceBatchMaker with dataset.py's CPU sample code on the same drawn parameters (noise off):
    the resampling exact on unscaled samples and within 1 grey level on scaled ones, the photometric step within
    1 grey level, the same targets and ignored boxes up to float rounding. Returns the largest differences; raises
    when they are out of bounds."""
    from dataset import BatchMaker, SyntheticDataset
    datasets = [SyntheticDataset(f) for f in folders]
    maker = DeviceBatchMaker(datasets, size, seed, device, canvas_height=height)
    cpu = BatchMaker(datasets, size, seed, canvas_height=height)
    items = [(d, i) for d in datasets for i in range(len(d))]
    rng = np.random.default_rng(seed)
    worst = {"exact": 0.0, "scaled": 0.0, "photometric": 0.0, "box": 0.0}
    w, h = maker.width, maker.height
    base = letterbox_scale(w, h, size)
    for k in range(samples):
        j = int(rng.integers(0, len(items)))
        d, i = items[j]
        s = base * (rng.uniform(0.8, 1.25) if k % 2 else 1.0)
        nw, nh = int(round(w * s)), int(round(h * s))
        flip = bool(rng.random() < 0.5)
        ox = int(rng.integers(min(0, size - nw), max(0, size - nw) + 1)) if k % 2 else 0
        oy = int(rng.integers(min(0, height - nh), max(0, height - nh) + 1)) if k % 2 else 0
        gain = rng.uniform(0.75, 1.3) * rng.uniform(0.92, 1.08, 3)
        contrast = float(rng.uniform(0.8, 1.2))
        # dataset.py's own sample code with these parameters and no noise
        ref, targets, ignored = cpu.render(d, i, s, gain, contrast, None, flip, ox, oy)
        ref = ref * 255

        t = lambda v, dt=torch.float32: torch.tensor([v], dtype=dt, device=maker.device)
        got, gt_cls, gt_box, ign_box, ign_valid = maker.render(
            torch.tensor([j], device=maker.device), t(float(nw)), t(float(nh)), t(flip, torch.bool), t(float(ox)),
            t(float(oy)), torch.tensor(gain[None], dtype=torch.float32, device=maker.device), t(contrast), t(0.0), None)
        # The photometric step sums the image mean in another order, so a value may round the other way.
        worst["photometric"] = max(worst["photometric"], float((got[0].cpu() * 255 - ref).round().abs().max()))
        # The resampling alone: exact on unscaled samples, within a grey level on scaled ones.
        plain, *_ = maker.render(torch.tensor([j], device=maker.device), t(float(nw)), t(float(nh)),
                                 t(flip, torch.bool), t(float(ox)), t(float(oy)),
                                 torch.ones((1, 3), device=maker.device), t(1.0), t(0.0), None)
        plain_ref, _, _ = cpu.render(d, i, s, np.ones(3), 1.0, None, flip, ox, oy)
        key = "scaled" if k % 2 else "exact"
        worst[key] = max(worst[key], float(((plain[0].cpu() - plain_ref) * 255).round().abs().max()))
        keep = gt_cls[0] >= 0
        got_t = torch.cat([gt_cls[0][keep][:, None], gt_box[0][keep]], 1).cpu().numpy()
        got_i = ign_box[0][ign_valid[0]].cpu().numpy()
        if got_t.shape != targets.shape or got_i.shape != ignored.shape:
            raise AssertionError(f"sample {k} (frame {i}): targets {got_t.shape} vs {targets.shape}, "
                                 f"ignored {got_i.shape} vs {ignored.shape}")
        if targets.size:
            worst["box"] = max(worst["box"], float(np.abs(got_t - targets).max()))
        if ignored.size:
            worst["box"] = max(worst["box"], float(np.abs(got_i - ignored).max()))
    if worst["exact"] > 0 or worst["scaled"] > 1.0 or worst["photometric"] > 1.0 or worst["box"] > 1e-3:
        raise AssertionError(f"device batches differ from the CPU sample code: {worst}")
    return worst


if __name__ == "__main__":
    import argparse
    import sys
    ap = argparse.ArgumentParser(description="Checks DeviceBatchMaker against dataset.py's CPU sample code "
                                             "on the given dataset folders.")
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--samples", type=int, default=48)
    a = ap.parse_args()
    print(f"gpu_batches check ({a.device}): largest differences {check(a.folders, samples=a.samples, device=a.device)}")
    sys.exit(0)
