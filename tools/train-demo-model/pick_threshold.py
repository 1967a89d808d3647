"""Picks the model's score threshold from a precision/recall sweep on the threshold-tuning split.

usage: pick_threshold.py METRICS.json      (written by eval_model.py --thresholds ... --json)
Prints the threshold with the highest vehicle F1 (harmonic mean of precision and recall; ties: the higher
threshold). The tuning split is rendered with its own seed and is used neither for training nor for the
held-out figures, so the held-out numbers stay held-out.
"""
import json
import sys


def f1(m):
    p, r = m["vehicle_precision"], m["vehicle_recall"]
    return 2 * p * r / max(p + r, 1e-9)


def pick(sweep):
    return max(sweep.items(), key=lambda item: (round(f1(item[1]), 4), float(item[0])))


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        sweep = json.load(f)["sweep"]
    t, m = pick(sweep)
    print(f"pick_threshold: {float(t):.2f} (tuning split: vehicle P {m['vehicle_precision']:.4f} "
          f"R {m['vehicle_recall']:.4f} F1 {f1(m):.4f})", file=sys.stderr)
    print(f"{float(t):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
