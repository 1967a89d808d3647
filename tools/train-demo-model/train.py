"""Trains the demo detector on synthetic dataset folders (CPU only, fixed seeds).

usage: train.py --data DIR [DIR ...] --out WORKDIR [--epochs N] [--steps-per-epoch N] [--batch N] [--size 320] [--seed 1]
                [--threads 1] [--init CKPT] [--lr 3e-3] [--warmup STEPS]
Writes WORKDIR/model.pt (EMA weights, unfolded BN) and WORKDIR/train-log.json, both after every epoch, so a
run that is stopped early still leaves the last finished epoch's model and log.

--init CKPT starts from the weights of an earlier run's model.pt (a fine-tuning stage): the optimizer, the
learning-rate schedule (warm-up, then cosine) and the weight average start afresh; use a lower --lr.
"""
import argparse
import copy
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch

from dataset import BatchMaker, SyntheticDataset
from loss import detection_loss
from model import TinyDetector


class Ema:
    """Exponential moving average of the weights; the averaged model is the one exported."""

    def __init__(self, model, decay=0.9995, warmup=400):
        self.model = copy.deepcopy(model).eval()
        self.decay, self.warmup, self.updates = decay, warmup, 0
        for p in self.model.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, model):
        self.updates += 1
        d = self.decay * (1 - math.exp(-self.updates / self.warmup))
        msd = model.state_dict()
        for k, v in self.model.state_dict().items():
            if v.dtype.is_floating_point:
                v.mul_(d).add_(msd[k].detach(), alpha=1 - d)
            else:
                v.copy_(msd[k])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=16)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--size", type=int, default=320)
    ap.add_argument("--train-height", type=int, default=256, help="training canvas height (multiple of 32)")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--init", help="start from this model.pt (EMA weights of an earlier stage) instead of random weights")
    ap.add_argument("--warmup", type=int, default=300, help="linear learning-rate warm-up steps (default 300)")
    ap.add_argument("--steps-per-epoch", type=int, default=0,
                    help="optimizer steps per epoch (default 0: frames / batch); an epoch ends with a checkpoint")
    ap.add_argument("--stop-after-epochs", type=int, default=0,
                    help="end after this many epochs of the planned schedule, the learning rate where the schedule "
                         "has it then (default 0: all epochs); reproduces a stage that was cut short")
    args = ap.parse_args(argv)
    if not 0 <= args.stop_after_epochs <= args.epochs:
        ap.error(f"--stop-after-epochs {args.stop_after_epochs}: must be 0 to --epochs ({args.epochs})")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    datasets = [SyntheticDataset(d) for d in args.data]
    batches = BatchMaker(datasets, args.size, args.seed, canvas_height=args.train_height)
    steps_per_epoch = args.steps_per_epoch or max(1, len(batches) // args.batch)
    total = steps_per_epoch * args.epochs
    model = TinyDetector()
    init_note = None
    if args.init:
        ckpt = torch.load(args.init, map_location="cpu")
        if int(ckpt.get("size", args.size)) != args.size:
            # The network is fully convolutional (anchors come from the feature-map shape), so a stage may move
            # it to another input size; say so, since the box scale statistics change with it.
            print(f"train: {args.init} was trained for input {ckpt.get('size')}; fine-tuning it at {args.size}", flush=True)
        model.load_state_dict(ckpt["model"])
        init_note = os.path.abspath(args.init)
        print(f"train: starting from {args.init}", flush=True)
    model.train()
    params = sum(p.numel() for p in model.parameters())
    print(f"train: {len(batches)} frames, {steps_per_epoch} steps/epoch x {args.epochs} epochs, "
          f"{params} parameters", flush=True)
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 5e-4}, {"params": no_decay, "weight_decay": 0}],
                            lr=args.lr, betas=(0.9, 0.99))
    warm = max(1, min(args.warmup, total // 10))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda i: (i + 1) / warm if i < warm else 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * (i - warm) / max(1, total - warm))))
    ema = Ema(model)
    log = []
    t0 = time.time()
    step = 0
    for epoch in range(args.stop_after_epochs or args.epochs):
        sums = {"loss": 0.0, "cls": 0.0, "box": 0.0, "pos": 0}
        for _ in range(steps_per_epoch):
            imgs, targets, ignored = batches.batch(args.batch)
            reg, logits = model(imgs)
            loss, parts = detection_loss(model, reg, logits, targets, ignored, args.train_height, args.size)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            sched.step()
            ema.update(model)
            step += 1
            sums["loss"] += float(loss)
            for k in ("cls", "box", "pos"):
                sums[k] += parts[k]
            if step % 25 == 0:
                print(f"  step {step}/{total} loss {float(loss):.3f} cls {parts['cls']:.3f} box {parts['box']:.3f} "
                      f"pos {parts['pos']} lr {sched.get_last_lr()[0]:.2e} {time.time() - t0:.0f}s", flush=True)
        entry = {k: v / steps_per_epoch for k, v in sums.items()}
        entry.update(epoch=epoch + 1, seconds=round(time.time() - t0, 1))
        log.append(entry)
        print(f"epoch {epoch + 1}/{args.epochs} loss {entry['loss']:.3f} cls {entry['cls']:.3f} "
              f"box {entry['box']:.3f} ({entry['seconds']:.0f}s)", flush=True)
        # Every epoch: the EMA model and the log so far (written to a temp name, then renamed), so a run cut
        # short still leaves a usable model.pt that matches train-log.json.
        ckpt_path = os.path.join(args.out, "model.pt")
        torch.save({"model": ema.model.state_dict(), "size": args.size, "height": args.train_height, "epoch": epoch + 1}, ckpt_path + ".tmp")
        os.replace(ckpt_path + ".tmp", ckpt_path)
        write_log(args, log, len(batches), params, time.time() - t0, init_note)
    return 0


def write_log(args, log, frames, params, seconds, init_note):
    path = os.path.join(args.out, "train-log.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"epochs": log, "epochs_planned": args.epochs, "frames": frames, "data": args.data,
                   "parameters": params, "batch": args.batch, "lr": args.lr, "init": init_note,
                   "seconds": round(seconds, 1), "seed": args.seed, "threads": args.threads}, f, indent=1)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    sys.exit(main())
