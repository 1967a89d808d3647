"""Decodes yolov8-layout outputs like the runtime does (score threshold, class-aware NMS) and scores them
against ground truth: mAP@0.5 (all-point interpolated AP per class) and precision/recall for vehicles."""
import numpy as np

from model import CLASS_NAMES

VEHICLES = ("car", "bus", "truck", "motorcycle")


def nms(boxes, scores, iou_thr):
    order = scores.argsort()[::-1]
    keep = []
    while order.size:
        i = order[0]
        keep.append(i)
        rest = order[1:]
        xx1 = np.maximum(boxes[i, 0], boxes[rest, 0])
        yy1 = np.maximum(boxes[i, 1], boxes[rest, 1])
        xx2 = np.minimum(boxes[i, 2], boxes[rest, 2])
        yy2 = np.minimum(boxes[i, 3], boxes[rest, 3])
        inter = np.clip(xx2 - xx1, 0, None) * np.clip(yy2 - yy1, 0, None)
        area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
        iou = inter / (area[i] + area[rest] - inter + 1e-9)
        order = rest[iou <= iou_thr]
    return np.array(keep, dtype=np.int64)


def decode_yolov8(out, scale, score_thr=0.05, iou_thr=0.5):
    """out [4+nc, N] -> detections [M,6] = x1,y1,x2,y2 (source pixels), score, class."""
    cx, cy, w, h = out[0], out[1], out[2], out[3]
    cls_scores = out[4:]
    cls = cls_scores.argmax(0)
    score = cls_scores.max(0)
    m = score >= score_thr
    boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], 1)[m] / scale
    score, cls = score[m], cls[m]
    dets = []
    for c in np.unique(cls):
        idx = np.nonzero(cls == c)[0]
        k = idx[nms(boxes[idx], score[idx], iou_thr)]
        dets.append(np.concatenate([boxes[k], score[k, None], cls[k, None].astype(np.float32)], 1))
    return np.concatenate(dets) if dets else np.zeros((0, 6), np.float32)


def iou_matrix(a, b):
    lt = np.maximum(a[:, None, :2], b[None, :, :2])
    rb = np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = np.clip(rb - lt, 0, None).prod(-1)
    aa = (a[:, 2:] - a[:, :2]).prod(-1)
    ab = (b[:, 2:] - b[:, :2]).prod(-1)
    return inter / (aa[:, None] + ab[None] - inter + 1e-9)


def match(dets, gt, ignored, iou_thr=0.5):
    """Greedy match by score per class. Returns per-detection (score, class, is_tp, counts) where detections
    that only hit ignored boxes are dropped (neither TP nor FP)."""
    out = []
    order = dets[:, 4].argsort()[::-1]
    used = np.zeros(len(gt), bool)
    for i in order:
        d = dets[i]
        c = int(d[5])
        same = np.nonzero((gt[:, 0] == c) & ~used)[0] if len(gt) else np.zeros(0, np.int64)
        tp = False
        side = 0.0
        if same.size:
            ious = iou_matrix(d[None, :4], gt[same, 1:5])[0]
            j = ious.argmax()
            if ious[j] >= iou_thr:
                used[same[j]] = True
                tp = True
                g = gt[same[j]]
                side = float(min(g[3] - g[1], g[4] - g[2]))
        if not tp and len(ignored):
            if iou_matrix(d[None, :4], ignored[:, 1:5])[0].max() >= iou_thr or \
                    _inside_any(d[:4], ignored[:, 1:5]):
                continue
        out.append((float(d[4]), c, tp, side))
    return out


def _inside_any(box, boxes):
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return bool(((cx > boxes[:, 0]) & (cx < boxes[:, 2]) & (cy > boxes[:, 1]) & (cy < boxes[:, 3])).any())


def average_precision(records, n_gt):
    if n_gt == 0:
        return float("nan")
    if not records:
        return 0.0
    r = sorted(records, key=lambda x: -x[0])
    tp = np.cumsum([x[2] for x in r])
    fp = np.cumsum([not x[2] for x in r])
    recall = tp / n_gt
    precision = tp / np.maximum(tp + fp, 1)
    mrec = np.concatenate([[0], recall, [1]])
    mpre = np.concatenate([[1], precision, [0]])
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.nonzero(mrec[1:] != mrec[:-1])[0]
    return float(((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]).sum())


class Evaluator:
    """Accumulates detections and ground truth over frames."""

    def __init__(self, min_visibility, min_side, large_side=6.0):
        self.records = []
        self.large_side = large_side   # model-input pixels: the "not tiny" subset reported on its own
        self.n_large = np.zeros(len(CLASS_NAMES), np.int64)
        self.n_gt = np.zeros(len(CLASS_NAMES), np.int64)
        self.min_visibility = min_visibility
        self.min_side = min_side

    def add(self, dets, labels, scale):
        """labels [K,6] = cls, x1, y1, x2, y2, visibility in source pixels; min_side is in model-input pixels."""
        side = np.minimum(labels[:, 3] - labels[:, 1], labels[:, 4] - labels[:, 2]) * scale
        good = (labels[:, 5] >= self.min_visibility) & (side >= self.min_side)
        gt, ign = labels[good], labels[~good]
        for c in gt[:, 0].astype(int):
            self.n_gt[c] += 1
        for c in gt[side[good] >= self.large_side, 0].astype(int):
            self.n_large[c] += 1
        self.records.extend((r[0], r[1], r[2], r[3] * scale) for r in match(dets, gt, ign))

    def summary(self, score_thr):
        aps = {}
        for c, name in enumerate(CLASS_NAMES):
            ap = average_precision([r for r in self.records if r[1] == c], self.n_gt[c])
            if not np.isnan(ap):
                aps[name] = ap
        veh = [CLASS_NAMES.index(v) for v in VEHICLES]
        vr = [r for r in self.records if r[1] in veh and r[0] >= score_thr]
        tp = sum(r[2] for r in vr)
        n_veh = int(self.n_gt[veh].sum())
        return {
            "mAP50": float(np.mean(list(aps.values()))) if aps else 0.0,
            "AP50": aps,
            "gt": {n: int(self.n_gt[i]) for i, n in enumerate(CLASS_NAMES)},
            "vehicle_precision": tp / max(len(vr), 1),
            "vehicle_recall": tp / max(n_veh, 1),
            "score_threshold": score_thr,
            "vehicle_recall_large": sum(r[2] and r[3] >= self.large_side for r in vr) / max(int(self.n_large[veh].sum()), 1),
            "large_side_px": self.large_side,
        }
