"""Task-aligned label assignment (TOOD / YOLOv8 style) with a centre prior, BCE on IoU-aware soft class
targets and a GIoU box loss. Boxes that are mostly hidden or tiny are 'ignored': anchors inside them are
neither positives nor negatives."""
import torch
import torch.nn.functional as F

TOPK = 10
ALPHA = 0.5          # weight of the class score in the alignment metric
BETA = 6.0           # weight of the IoU in the alignment metric
CENTRE_RADIUS = 2.5  # candidates: anchors inside the box or within this many strides of its centre
BOX_WEIGHT = 5.0


def box_iou_pairwise(a, b):
    """IoU of [..., G, 1, 4] with [..., 1, N, 4] boxes -> [..., G, N]."""
    lt = torch.maximum(a[..., :2], b[..., :2])
    rb = torch.minimum(a[..., 2:], b[..., 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    area_a = (a[..., 2:] - a[..., :2]).clamp(min=0).prod(-1)
    area_b = (b[..., 2:] - b[..., :2]).clamp(min=0).prod(-1)
    return inter / (area_a + area_b - inter + 1e-7)


def giou(a, b):
    """Generalised IoU of matching rows of [M,4] boxes."""
    lt = torch.maximum(a[:, :2], b[:, :2])
    rb = torch.minimum(a[:, 2:], b[:, 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    union = (a[:, 2:] - a[:, :2]).prod(-1) + (b[:, 2:] - b[:, :2]).prod(-1) - inter + 1e-7
    iou = inter / union
    hull = (torch.maximum(a[:, 2:], b[:, 2:]) - torch.minimum(a[:, :2], b[:, :2])).prod(-1) + 1e-7
    return iou - (hull - union) / hull


@torch.no_grad()
def assign(scores, boxes, pts, strides, gt_cls, gt_box, gt_valid):
    """scores [B,N,C] sigmoid, boxes [B,N,4], gt_* padded to [B,G,...]. Returns target boxes [B,N,4],
    soft class targets [B,N,C] and the positive mask [B,N]."""
    b, n, c = scores.shape
    g = gt_box.shape[1]
    ax, ay = pts[:, 0][None, None], pts[:, 1][None, None]                       # [1,1,N]
    inside = ((ax > gt_box[..., 0:1]) & (ax < gt_box[..., 2:3]) &
              (ay > gt_box[..., 1:2]) & (ay < gt_box[..., 3:4]))
    cx = (gt_box[..., 0:1] + gt_box[..., 2:3]) / 2
    cy = (gt_box[..., 1:2] + gt_box[..., 3:4]) / 2
    r = CENTRE_RADIUS * strides[None, None]
    near = ((ax - cx).abs() < r) & ((ay - cy).abs() < r)
    cand = (inside | near) & gt_valid[..., None]                                  # [B,G,N]
    iou = box_iou_pairwise(gt_box[:, :, None], boxes[:, None]) * cand             # [B,G,N]
    cls_idx = gt_cls.long().clamp(min=0)[..., None].expand(b, g, n)
    s = torch.gather(scores.transpose(1, 2), 1, cls_idx)                          # [B,G,N]
    metric = s.pow(ALPHA) * iou.pow(BETA) * cand
    # Ties at the start of training (metric ~ 0) fall back to the closest anchors via a tiny distance term.
    dist = ((ax - cx) ** 2 + (ay - cy) ** 2).sqrt() / strides[None, None]
    rank = metric + 1e-9 / (1.0 + dist)
    rank = torch.where(cand, rank, torch.full_like(rank, -1.0))
    top = rank.topk(min(TOPK, n), dim=-1).indices
    pos = torch.zeros_like(cand)
    pos.scatter_(-1, top, True)
    pos &= cand
    # An anchor claimed by several boxes goes to the one it overlaps most.
    multi = pos.sum(1, keepdim=True) > 1
    if multi.any():
        best = ((iou + 1e-6) * pos).argmax(1, keepdim=True)
        one = torch.zeros_like(pos).scatter_(1, best, True)
        pos = torch.where(multi, one & pos, pos)
    pos_any = pos.any(1)                                                          # [B,N]
    owner = pos.float().argmax(1)                                                 # [B,N]
    t_box = torch.gather(gt_box, 1, owner[..., None].expand(b, n, 4))
    t_cls = torch.gather(gt_cls.long().clamp(min=0), 1, owner)
    metric = metric * pos
    norm = (metric * (iou * pos).amax(-1, keepdim=True) / (metric.amax(-1, keepdim=True) + 1e-9)).amax(1)
    t_scores = F.one_hot(t_cls, c).float() * (norm * pos_any)[..., None]
    return t_box, t_scores, pos_any


def pad_targets(targets, device):
    g = max(1, max(t.shape[0] for t in targets))
    b = len(targets)
    cls = torch.full((b, g), -1.0, device=device)
    box = torch.zeros((b, g, 4), device=device)
    for i, t in enumerate(targets):
        if t.shape[0]:
            tt = torch.as_tensor(t, device=device)
            cls[i, :t.shape[0]] = tt[:, 0]
            box[i, :t.shape[0]] = tt[:, 1:5]
    return cls, box, cls >= 0


def ignore_mask(ignored, pts, b, device):
    """[B,N] true where an anchor centre lies in an ignored box."""
    m = torch.zeros((b, pts.shape[0]), dtype=torch.bool, device=device)
    for i, g in enumerate(ignored):
        if g.shape[0]:
            gb = torch.as_tensor(g, device=device)
            m[i] = ((pts[None, :, 0] > gb[:, 0:1]) & (pts[None, :, 0] < gb[:, 2:3]) &
                    (pts[None, :, 1] > gb[:, 1:2]) & (pts[None, :, 1] < gb[:, 3:4])).any(0)
    return m


def detection_loss(model, reg, logits, targets, ignored, height, width):
    """Returns (total, parts dict); targets and ignored are per-image arrays (BatchMaker's batches)."""
    b = reg.shape[0]
    pts, strides = model.anchors(height, width, reg.device)
    gt_cls, gt_box, gt_valid = pad_targets(targets, reg.device)
    return _loss(model, reg, logits, pts, strides, gt_cls, gt_box, gt_valid, ignore_mask(ignored, pts, b, reg.device))


def detection_loss_padded(model, reg, logits, gt_cls, gt_box, ign_box, ign_valid, height, width):
    """detection_loss for padded batches (gpu_batches.DeviceBatchMaker): gt_cls [B,G] with -1 for no box, gt_box
    [B,G,4], ignored boxes [B,K,4] where ign_valid [B,K]."""
    pts, strides = model.anchors(height, width, reg.device)
    inside = ((pts[None, None, :, 0] > ign_box[..., 0:1]) & (pts[None, None, :, 0] < ign_box[..., 2:3]) &
              (pts[None, None, :, 1] > ign_box[..., 1:2]) & (pts[None, None, :, 1] < ign_box[..., 3:4]))
    ign = (inside & ign_valid[..., None]).any(1)
    return _loss(model, reg.float(), logits.float(), pts, strides, gt_cls, gt_box, gt_cls >= 0, ign)


def _loss(model, reg, logits, pts, strides, gt_cls, gt_box, gt_valid, ignored_anchor):
    boxes = model.decode_ltrb(reg, pts, strides)
    t_box, t_scores, pos = assign(logits.detach().sigmoid(), boxes.detach(), pts, strides, gt_cls, gt_box, gt_valid)
    weight = torch.ones_like(logits)
    neg_ignored = ignored_anchor & ~pos
    weight[neg_ignored] = 0.0
    norm = t_scores.sum().clamp(min=1.0)
    cls_loss = (F.binary_cross_entropy_with_logits(logits, t_scores, reduction="none") * weight).sum() / norm
    if pos.any():
        w = t_scores.sum(-1)[pos]
        box_loss = ((1.0 - giou(boxes[pos], t_box[pos])) * w).sum() / norm
    else:
        box_loss = reg.sum() * 0.0
    return cls_loss + BOX_WEIGHT * box_loss, {"cls": float(cls_loss), "box": float(box_loss),
                                             "pos": int(pos.sum())}
