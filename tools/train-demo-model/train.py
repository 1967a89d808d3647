"""Trains the demo detector on synthetic dataset folders (fixed seeds; CPU by default, or a CUDA GPU).

usage: train.py --data DIR [DIR ...] --out WORKDIR [--epochs N] [--steps-per-epoch N] [--batch N] [--size 320] [--seed 1]
                [--threads 1] [--init CKPT] [--lr 3e-3] [--warmup STEPS]
                [--device cuda --workers 7 --time-budget SECONDS] [--widths 16,32,64,96,112 --neck 64]
Writes WORKDIR/model.pt (EMA weights, unfolded BN) and WORKDIR/train-log.json, both after every epoch, so a
run that is stopped early still leaves the last finished epoch's model and log.

On the CPU with --workers 0 (the default) the batches are made in the training process and a run is repeatable.
With --workers N, N processes make batches (seeded per worker; the order they arrive in is not fixed, so a run
is not bit-repeatable). --time-budget makes the schedule run on elapsed time instead of steps: the cosine decay
reaches its end when the budget is spent and training stops there (for a rented GPU with a hard time limit).

--init CKPT starts from the weights of an earlier run's model.pt (a fine-tuning stage): the optimizer, the
learning-rate schedule (warm-up, then cosine) and the weight average start afresh; use a lower --lr.

--device-batches (with a CUDA --device) keeps every frame on the GPU and makes the augmented batches there
(gpu_batches.py) instead of in CPU workers; --amp runs the network in bfloat16 autocast (the loss in float32).
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
from loss import detection_loss, detection_loss_padded
from model import DEFAULT_NECK, DEFAULT_WIDTHS, TinyDetector, freeze_bn, from_checkpoint, from_onnx


class WorkerBatches(torch.utils.data.IterableDataset):
    """Endless batches made in a DataLoader worker, each worker with its own BatchMaker seed."""

    def __init__(self, folders, size, seed, height, batch):
        super().__init__()
        self.folders, self.size, self.seed, self.height, self.batch = folders, size, seed, height, batch

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        worker = info.id if info is not None else 0
        torch.set_num_threads(1)
        maker = BatchMaker([SyntheticDataset(f) for f in self.folders], self.size, self.seed + 7919 * (worker + 1),
                           canvas_height=self.height)
        while True:
            yield maker.batch(self.batch)


def batch_source(args, batches):
    """Yields (images, targets, ignored) batches: made here (workers 0) or by worker processes."""
    if args.workers <= 0:
        while True:
            yield batches.batch(args.batch)
    loader = torch.utils.data.DataLoader(
        WorkerBatches(args.data, args.size, args.seed, args.train_height, args.batch), batch_size=None,
        num_workers=args.workers, pin_memory=args.device.startswith("cuda"), prefetch_factor=4,
        persistent_workers=True)
    yield from loader


class Ema:
    """Exponential moving average of the weights; the averaged model is the one exported."""

    def __init__(self, model, decay=0.9995, warmup=400, fused=False):
        self.model = copy.deepcopy(model).eval()
        self.decay, self.warmup, self.updates = decay, warmup, 0
        for p in self.model.parameters():
            p.requires_grad_(False)
        # fused: one multi-tensor lerp per step (the GPU path; the CPU recipe keeps its exact float operations).
        self.fused = fused and hasattr(torch, "_foreach_lerp_")
        if self.fused:
            ema_sd, sd = self.model.state_dict(), model.state_dict()
            keys = [k for k, v in ema_sd.items() if v.dtype.is_floating_point]
            self.float_pairs = ([ema_sd[k] for k in keys], [sd[k] for k in keys])
            self.other_pairs = [(ema_sd[k], sd[k]) for k, v in ema_sd.items() if not v.dtype.is_floating_point]

    @torch.no_grad()
    def update(self, model):
        self.updates += 1
        d = self.decay * (1 - math.exp(-self.updates / self.warmup))
        if self.fused:
            torch._foreach_lerp_(self.float_pairs[0], self.float_pairs[1], 1 - d)
            for e, m in self.other_pairs:
                e.copy_(m)
            return
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
    ap.add_argument("--device", default="cpu", help="torch device: cpu (default) or cuda")
    ap.add_argument("--workers", type=int, default=0,
                    help="batch-making processes (default 0: in the training process, repeatable)")
    ap.add_argument("--time-budget", type=float, default=0,
                    help="seconds: the learning-rate schedule runs on elapsed time and training stops when it is spent "
                         "(default 0: the schedule runs on steps)")
    ap.add_argument("--widths", default=",".join(str(w) for w in DEFAULT_WIDTHS),
                    help="channels of the five backbone stages (default %(default)s; ignored with --init)")
    ap.add_argument("--neck", type=int, default=DEFAULT_NECK, help="neck and head channels (default %(default)s; ignored with --init)")
    ap.add_argument("--p2", type=int, default=0,
                    help="channels of a fourth output level at stride 4 (default 0: none; ignored with --init)")
    ap.add_argument("--device-batches", action="store_true",
                    help="keep the frames on the (CUDA) device and make the augmented batches there (gpu_batches.py)")
    ap.add_argument("--init-onnx", help="start from an exported fp32 ONNX file (BatchNorm folded) of the network "
                    "--widths/--neck describe; its BatchNorms stay frozen (a fine-tuning run for a model whose "
                    "checkpoint was not kept)")
    ap.add_argument("--amp", action="store_true", help="bfloat16 autocast for the network on a CUDA device")
    ap.add_argument("--stop-after-epochs", type=int, default=0,
                    help="end after this many epochs of the planned schedule, the learning rate where the schedule "
                         "has it then (default 0: all epochs); reproduces a stage that was cut short")
    args = ap.parse_args(argv)
    if args.init and args.init_onnx:
        ap.error("--init and --init-onnx: give one starting point")
    if not 0 <= args.stop_after_epochs <= args.epochs:
        ap.error(f"--stop-after-epochs {args.stop_after_epochs}: must be 0 to --epochs ({args.epochs})")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    datasets = [SyntheticDataset(d) for d in args.data]
    if args.device_batches:
        from gpu_batches import DeviceBatchMaker
        batches = DeviceBatchMaker(datasets, args.size, args.seed, args.device, canvas_height=args.train_height,
                                   progress=lambda m: print(f"train: {m}", flush=True))
    else:
        batches = BatchMaker(datasets, args.size, args.seed, canvas_height=args.train_height)
    steps_per_epoch = args.steps_per_epoch or max(1, len(batches) // args.batch)
    total = steps_per_epoch * args.epochs
    widths = tuple(int(w) for w in args.widths.split(","))
    if len(widths) != 5 or min(widths) < 1:
        ap.error(f"--widths {args.widths}: five positive channel counts")
    if args.p2 < 0:
        ap.error(f"--p2 {args.p2}: a channel count, or 0 for no stride-4 level")
    model = TinyDetector(widths=widths, neck=args.neck, p2=args.p2)
    init_note = None
    if args.init:
        ckpt = torch.load(args.init, map_location="cpu")
        model = from_checkpoint(ckpt)
        if int(ckpt.get("size", args.size)) != args.size:
            # The network is fully convolutional (anchors come from the feature-map shape), so a stage may move
            # it to another input size; say so, since the box scale statistics change with it.
            print(f"train: {args.init} was trained for input {ckpt.get('size')}; fine-tuning it at {args.size}", flush=True)
        model.load_state_dict(ckpt["model"])
        init_note = os.path.abspath(args.init)
        print(f"train: starting from {args.init}", flush=True)
    elif args.init_onnx:
        model = from_onnx(args.init_onnx, widths, args.neck, args.p2)
        init_note = os.path.abspath(args.init_onnx)
        print(f"train: starting from {args.init_onnx}, BatchNorm frozen", flush=True)
    device = torch.device(args.device)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    model.to(device)
    if args.device_batches:
        model.to(memory_format=torch.channels_last)
    model.train()
    if args.init_onnx:
        freeze_bn(model)
    params = sum(p.numel() for p in model.parameters())
    print(f"train: {len(batches)} frames, {steps_per_epoch} steps/epoch x {args.epochs} epochs, "
          f"{params} parameters", flush=True)
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 5e-4}, {"params": no_decay, "weight_decay": 0}],
                            lr=args.lr, betas=(0.9, 0.99))
    warm = max(1, min(args.warmup, total // 10))

    def lr_factor(i, elapsed):
        if i < warm:
            return (i + 1) / warm
        if args.time_budget > 0:
            # On a time budget the decay runs from the end of the warm-up to the end of the budget.
            return 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, elapsed / args.time_budget)))
        # The step schedule, written exactly as before (the same float operations: the CPU recipe is repeatable).
        return 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * (i - warm) / max(1, total - warm)))

    for g in opt.param_groups:
        g["initial_lr"] = g["lr"]
    ema = Ema(model, fused=args.device_batches)
    amp = args.amp and device.type == "cuda"
    log = []
    source = None if args.device_batches else batch_source(args, batches)
    t0 = time.time()
    step = 0
    out_of_time = False
    for epoch in range(args.stop_after_epochs or args.epochs):
        sums = {"loss": 0.0, "cls": 0.0, "box": 0.0, "pos": 0}
        done = 0
        for _ in range(steps_per_epoch):
            for g in opt.param_groups:
                g["lr"] = g["initial_lr"] * lr_factor(step, time.time() - t0)
            if args.device_batches:
                imgs, gt_cls, gt_box, ign_box, ign_valid = batches.batch(args.batch)
                with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
                    reg, logits = model(imgs.contiguous(memory_format=torch.channels_last))
                loss, parts = detection_loss_padded(model, reg, logits, gt_cls, gt_box, ign_box, ign_valid,
                                                    args.train_height, args.size)
            else:
                imgs, targets, ignored = next(source)
                reg, logits = model(imgs.to(device, non_blocking=True))
                loss, parts = detection_loss(model, reg, logits, targets, ignored, args.train_height, args.size)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            ema.update(model)
            step += 1
            done += 1
            sums["loss"] += float(loss)
            for k in ("cls", "box", "pos"):
                sums[k] += parts[k]
            if step % 25 == 0:
                print(f"  step {step}/{total} loss {float(loss):.3f} cls {parts['cls']:.3f} box {parts['box']:.3f} "
                      f"pos {parts['pos']} lr {opt.param_groups[0]['lr']:.2e} {time.time() - t0:.0f}s", flush=True)
            if args.time_budget > 0 and time.time() - t0 >= args.time_budget:
                out_of_time = True
                break
        entry = {k: v / max(1, done) for k, v in sums.items()}
        entry.update(epoch=epoch + 1, steps=done, seconds=round(time.time() - t0, 1))
        log.append(entry)
        print(f"epoch {epoch + 1}/{args.epochs} loss {entry['loss']:.3f} cls {entry['cls']:.3f} "
              f"box {entry['box']:.3f} ({entry['seconds']:.0f}s)", flush=True)
        # Every epoch: the EMA model and the log so far (written to a temp name, then renamed), so a run cut
        # short still leaves a usable model.pt that matches train-log.json.
        ckpt_path = os.path.join(args.out, "model.pt")
        weights = {k: v.detach().cpu().contiguous() for k, v in ema.model.state_dict().items()}
        torch.save({"model": weights, "size": args.size, "height": args.train_height, "epoch": epoch + 1,
                    "widths": list(model.widths), "neck": model.neck, "p2": model.p2}, ckpt_path + ".tmp")
        os.replace(ckpt_path + ".tmp", ckpt_path)
        write_log(args, log, len(batches), params, time.time() - t0, init_note, step, model.widths, model.neck, model.p2)
        if out_of_time:
            print(f"train: time budget of {args.time_budget:.0f} s spent after {step} steps", flush=True)
            break
    return 0


def write_log(args, log, frames, params, seconds, init_note, steps, widths, neck, p2):
    path = os.path.join(args.out, "train-log.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"epochs": log, "epochs_planned": args.epochs, "frames": frames, "data": args.data,
                   "parameters": params, "batch": args.batch, "lr": args.lr, "init": init_note,
                   "seconds": round(seconds, 1), "seed": args.seed, "threads": args.threads, "steps": steps,
                   "device": args.device, "workers": args.workers, "time_budget": args.time_budget,
                   "device_batches": args.device_batches, "amp": args.amp,
                   "widths": list(widths), "neck": neck, "p2": p2}, f, indent=1)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    sys.exit(main())
