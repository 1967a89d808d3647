#!/usr/bin/env bash
# One-command recipe for the demo detector shipped in models/demo-traffic (int8) and
# models/demo-traffic-fp32: synthetic dataset -> training -> ONNX export -> int8 QDQ -> evaluation -> model.json.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
WORK="$HERE/work"
TRAIN_FRAMES=2400
VAL_FRAMES=300
TRAIN_SEED=20240611
VAL_SEED=777
SCENARIOS=light,dense-queue,occlusion,pedestrians,night,road
EPOCHS=16
SIZE=384
TRAIN_HEIGHT=288
BATCH=16
THREADS=1
CALIB_FRAMES=64
SCORE=0.3
DATA_TRAIN=""
DATA_VAL=""
LATENCY=()

usage() {
  cat <<USAGE
usage: tools/train-demo-model/run.sh [options]

Builds the demo traffic detector from scratch on this machine's CPU (about 30 minutes on 2 cores) and
writes models/demo-traffic/{model.onnx,model.json} (int8 QDQ, the edge default) and
models/demo-traffic-fp32/{model-fp32.onnx,model.json}. Fixed seeds: the same inputs give the same files.

Needs Debian's python3 with torch, onnx and numpy (/usr/bin/python3) and the .NET SDK for the dataset.

options:
  --work DIR           scratch folder (default tools/train-demo-model/work, git-ignored)
  --train-frames N     training frames to render (default $TRAIN_FRAMES)
  --val-frames N       held-out frames to render (default $VAL_FRAMES)
  --train-seed S       scene seed for training data (default $TRAIN_SEED)
  --val-seed S         scene seed for the held-out sequence (default $VAL_SEED; must differ)
  --scenarios LIST     scenario presets, comma separated (default $SCENARIOS)
  --epochs N           training epochs (default $EPOCHS)
  --size N             square model input in pixels, multiple of 32 (default $SIZE)
  --train-height N     training canvas height, multiple of 32 (default $TRAIN_HEIGHT: the 4:3 frame letterboxed)
  --threads N          torch CPU threads (default $THREADS)
  --data-train DIR     use an existing dataset folder instead of rendering one
  --data-val DIR       use an existing held-out dataset folder instead of rendering one
  --latency-ms A B     measured single-thread ORT latencies (fp32, int8) to record on the model card
  -h, --help           this text
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --work) WORK="$2"; shift 2 ;;
    --train-frames) TRAIN_FRAMES="$2"; shift 2 ;;
    --val-frames) VAL_FRAMES="$2"; shift 2 ;;
    --train-seed) TRAIN_SEED="$2"; shift 2 ;;
    --val-seed) VAL_SEED="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --size) SIZE="$2"; shift 2 ;;
    --train-height) TRAIN_HEIGHT="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --data-train) DATA_TRAIN="$2"; shift 2 ;;
    --data-val) DATA_VAL="$2"; shift 2 ;;
    --latency-ms) LATENCY=(--latency-ms "$2" "$3"); shift 3 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [[ "$TRAIN_SEED" == "$VAL_SEED" ]]; then
  echo "run.sh: --train-seed and --val-seed must differ: the held-out sequence must not be in training" >&2
  exit 2
fi

if ! "$PY" -c 'import torch, onnx, numpy' 2>/dev/null; then
  echo "run.sh: $PY cannot import torch, onnx and numpy. Install them with:" >&2
  echo "  sudo apt-get install python3-torch python3-onnx python3-numpy" >&2
  exit 1
fi

step() { echo; echo "== $(date +%H:%M:%S) $*"; }
START=$(date +%s)
mkdir -p "$WORK"

render() { # out frames seed
  local out="$1" frames="$2" seed="$3"
  if [[ -f "$out/meta.json" && -f "$out/.recipe" && "$(cat "$out/.recipe")" == "$frames $seed $SCENARIOS" ]]; then
    echo "dataset $out already rendered ($frames frames, seed $seed)"
    return
  fi
  rm -rf "$out"
  local n_scen per_scen
  n_scen=$(awk -F, '{print NF}' <<<"$SCENARIOS")
  per_scen=$(( (frames + n_scen - 1) / n_scen ))
  dotnet run --project "$ROOT/edge/SmartCity.Edge.Agent" -c Release -- \
    dataset --out "$out" --frames "$per_scen" --seed "$seed" --scenarios "$SCENARIOS"
  echo "$frames $seed $SCENARIOS" > "$out/.recipe"
}

if [[ -z "$DATA_TRAIN" ]]; then
  step "rendering $TRAIN_FRAMES training frames (seed $TRAIN_SEED, $SCENARIOS)"
  DATA_TRAIN="$WORK/train"
  render "$DATA_TRAIN" "$TRAIN_FRAMES" "$TRAIN_SEED"
fi
if [[ -z "$DATA_VAL" ]]; then
  step "rendering $VAL_FRAMES held-out frames (seed $VAL_SEED)"
  DATA_VAL="$WORK/val"
  render "$DATA_VAL" "$VAL_FRAMES" "$VAL_SEED"
fi

cd "$HERE"
step "training ($EPOCHS epochs, $THREADS threads)"
"$PY" train.py --data "$DATA_TRAIN" --out "$WORK" --epochs "$EPOCHS" --batch "$BATCH" --threads "$THREADS" \
  --size "$SIZE" --train-height "$TRAIN_HEIGHT"

step "exporting fp32 ONNX"
"$PY" export_onnx.py --ckpt "$WORK/model.pt" --out "$WORK/model-fp32.onnx"

step "quantising to int8 QDQ ($CALIB_FRAMES calibration frames from the training set)"
"$PY" quantize_qdq.py --fp32 "$WORK/model-fp32.onnx" --calib "$DATA_TRAIN" --frames "$CALIB_FRAMES" \
  --out "$WORK/model-int8.onnx"

step "evaluating on the held-out sequence (fp32 in torch, int8 in the numpy QDQ interpreter)"
"$PY" eval_model.py --model "$WORK/model.pt" --data "$DATA_VAL" --score "$SCORE" --json "$WORK/metrics-fp32.json"
"$PY" eval_model.py --model "$WORK/model-int8.onnx" --data "$DATA_VAL" --score "$SCORE" --json "$WORK/metrics-int8.json"

step "writing model folders"
NOTE="($TRAIN_FRAMES frames, seed $TRAIN_SEED, scenarios $SCENARIOS; held-out: $VAL_FRAMES frames, seed $VAL_SEED)"
INT8_DIR="$ROOT/models/demo-traffic"
FP32_DIR="$ROOT/models/demo-traffic-fp32"
mkdir -p "$INT8_DIR" "$FP32_DIR"
cp "$WORK/model-int8.onnx" "$INT8_DIR/model.onnx"
cp "$WORK/model-fp32.onnx" "$FP32_DIR/model-fp32.onnx"
for variant in int8 fp32; do
  if [[ $variant == int8 ]]; then dir="$INT8_DIR"; onnx="$dir/model.onnx"; else dir="$FP32_DIR"; onnx="$dir/model-fp32.onnx"; fi
  "$PY" write_model_json.py --onnx "$onnx" --variant "$variant" --metrics-fp32 "$WORK/metrics-fp32.json" \
    --metrics-int8 "$WORK/metrics-int8.json" --train-log "$WORK/train-log.json" --dataset-note "$NOTE" \
    --score "$SCORE" "${LATENCY[@]}" --out "$dir/model.json"
done
step "measuring both models through the C# pipeline on held-out sequences (writes the model cards)"
dotnet run --project "$ROOT/edge/SmartCity.Edge.Agent" -c Release -- \
  model-eval --model "$INT8_DIR" --model "$FP32_DIR" --frames 120 --write-card
du -b "$INT8_DIR"/* "$FP32_DIR"/*
step "done in $(( $(date +%s) - START )) s"
