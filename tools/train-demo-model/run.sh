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
EXTRA_FRAMES=1200
EXTRA_SEEDS=31000000,32000000,33000000,34000000
FT_EPOCHS=3
FT_STEPS=150
FT_LR=1e-3
FT_WARMUP=45
# Stages 3 and 4 fine-tune at larger inputs: small, distant road users need the pixels. Each is
# "WIDTHxHEIGHT epochs stop-after steps lr warm-up seed". Stage 3 plans 4 epochs and stops after 3: the run the
# shipped 1.2.0 model came from was cut there, and the recipe reproduces it.
S3="512x384 4 3 300 1e-3 45 3"
S4="640x480 3 3 300 6e-4 30 4"
FINAL_STAGE=4
STAGE_STEPS=""
TUNE_FRAMES=300
TUNE_SEED=35000000
SIZE=384
TRAIN_HEIGHT=288
BATCH=16
THREADS=1
CALIB_FRAMES=64
SCORE=auto
INIT=""
TRAINED=""
TRAINED_LOGS=""
VERSION=1.2.0
INT8_DIR="$ROOT/models/demo-traffic"
FP32_DIR="$ROOT/models/demo-traffic-fp32"
DATA_TRAIN=""
DATA_VAL=""
LATENCY=()

usage() {
  cat <<USAGE
usage: tools/train-demo-model/run.sh [options]

Builds the demo traffic detector from scratch on this machine's CPU and writes
models/demo-traffic/{model.onnx,model.json} (int8 QDQ, the edge default) and
models/demo-traffic-fp32/{model-fp32.onnx,model.json}. Fixed seeds: the same inputs give the same files.

Training has four stages (about 35 + 7 + 25 + 25 minutes on a quiet core, several times that on a busy one;
each epoch prints its loss and time and saves the model):
  stage 1  $EPOCHS epochs from random weights on the training set at ${SIZE}x$TRAIN_HEIGHT (lr 3e-3)
                                                                                        -> WORK/stage1/model.pt
  stage 2  $FT_EPOCHS epochs of $FT_STEPS steps fine-tuning stage 1 on the training set plus the extra
           sets (new warm-up, peak lr $FT_LR, cosine; new weight average)             -> WORK/stage2/model.pt
  stage 3  the same data at a larger input ($S3: size, epochs planned, epochs run,
           steps per epoch, peak lr, warm-up steps, seed)                             -> WORK/stage3/model.pt
  stage 4  the same data at the frames' native size ($S4)
                                                                                        -> WORK/stage4/model.pt
The model's input is the last stage's size (640x480 by default: a 4:3 camera frame fills it, no padding rows).
The score threshold is picked on a separate tuning split (seed $TUNE_SEED), never on the held-out sequence.

Needs Debian's python3 with torch, onnx and numpy (/usr/bin/python3) and the .NET SDK for the dataset.

options:
  --work DIR           scratch folder (default tools/train-demo-model/work, git-ignored)
  --train-frames N     training frames to render (default $TRAIN_FRAMES)
  --val-frames N       held-out frames to render (default $VAL_FRAMES)
  --train-seed S       scene seed for training data (default $TRAIN_SEED)
  --val-seed S         scene seed for the held-out sequence (default $VAL_SEED; must differ)
  --scenarios LIST     scenario presets, comma separated (default $SCENARIOS)
  --epochs N           stage-1 epochs (default $EPOCHS)
  --extra-frames N     frames per extra training set for stage 2 (default $EXTRA_FRAMES)
  --extra-seeds LIST   scene seeds of the extra training sets, comma separated (default $EXTRA_SEEDS;
                       empty: stage 2 fine-tunes on the training set only)
  --ft-epochs N        stage-2 epochs (default $FT_EPOCHS; 0 skips stage 2)
  --ft-steps N         stage-2 steps per epoch (default $FT_STEPS; 0: one pass over the frames)
  --ft-lr LR           stage-2 peak learning rate (default $FT_LR)
  --init CKPT          skip stage 1 and fine-tune this model.pt (e.g. an earlier WORK/stage1/model.pt)
  --trained CKPT       skip all training and finish this model.pt (e.g. one from run-gpu.sh): export,
                       quantise, threshold, scores and model folders; renders only the training set (for
                       the int8 calibration), the tuning split and the held-out sequence
  --trained-logs LIST  with --trained: its stages' train-log.json files, comma separated, in order
  --version V          model version on the cards (default $VERSION; 1.3.0 is the GPU-trained model)
  --final-stage N      stop after stage N (2, 3 or 4; default $FINAL_STAGE); the model's input is that stage's
                       size (stage 2: --size x --train-height)
  --stage-steps N      steps per epoch of stages 3 and 4 instead of their specs' (a quick smoke run of the
                       recipe; the shipped model used the specs)
  --tune-frames N      threshold-tuning frames to render (default $TUNE_FRAMES)
  --tune-seed S        scene seed of the threshold-tuning split (default $TUNE_SEED)
  --score T|auto       score threshold written to model.json (default auto: picked on the tuning split)
  --size N             square model input in pixels, multiple of 32 (default $SIZE)
  --train-height N     training canvas height, multiple of 32 (default $TRAIN_HEIGHT: the 4:3 frame letterboxed)
  --threads N          torch CPU threads (default $THREADS)
  --data-train DIR     use an existing dataset folder instead of rendering one
  --data-val DIR       use an existing held-out dataset folder instead of rendering one
  --out-int8 DIR       int8 model folder to write (default models/demo-traffic)
  --out-fp32 DIR       fp32 model folder to write (default models/demo-traffic-fp32)
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
    --extra-frames) EXTRA_FRAMES="$2"; shift 2 ;;
    --extra-seeds) EXTRA_SEEDS="$2"; shift 2 ;;
    --ft-epochs) FT_EPOCHS="$2"; shift 2 ;;
    --ft-steps) FT_STEPS="$2"; shift 2 ;;
    --ft-lr) FT_LR="$2"; shift 2 ;;
    --init) INIT="$2"; shift 2 ;;
    --trained) TRAINED="$2"; shift 2 ;;
    --trained-logs) TRAINED_LOGS="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    --final-stage) FINAL_STAGE="$2"; shift 2 ;;
    --stage-steps) STAGE_STEPS="$2"; shift 2 ;;
    --tune-frames) TUNE_FRAMES="$2"; shift 2 ;;
    --tune-seed) TUNE_SEED="$2"; shift 2 ;;
    --score) SCORE="$2"; shift 2 ;;
    --out-int8) INT8_DIR="$2"; shift 2 ;;
    --out-fp32) FP32_DIR="$2"; shift 2 ;;
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

if [[ ! "$FINAL_STAGE" =~ ^[234]$ ]]; then
  echo "run.sh: --final-stage $FINAL_STAGE: must be 2, 3 or 4" >&2
  exit 2
fi

# Each dataset call uses seeds S .. S+5 (one per scenario): the ranges must not overlap the held-out ones.
n_scen=$(awk -F, '{print NF}' <<<"$SCENARIOS")
overlaps() { (( $1 < $2 + n_scen && $2 < $1 + n_scen )); }
IFS=, read -r -a EXTRA_LIST <<<"$EXTRA_SEEDS"
if [[ -n "$TRAINED" ]]; then
  [[ -f "$TRAINED" ]] || { echo "run.sh: --trained $TRAINED: no such file" >&2; exit 2; }
  TRAINED=$(cd "$(dirname "$TRAINED")" && pwd)/$(basename "$TRAINED")
  EXTRA_LIST=()   # only the training set is needed, for the int8 calibration
fi
for s in "$TRAIN_SEED" "${EXTRA_LIST[@]}" "$TUNE_SEED"; do
  if overlaps "$s" "$VAL_SEED"; then
    echo "run.sh: seed $s overlaps the held-out seeds $VAL_SEED..$((VAL_SEED + n_scen - 1)): the held-out sequence must not be in training or tuning" >&2
    exit 2
  fi
  if (( s >= 900000 - n_scen && s <= 900999 )); then
    echo "run.sh: seed $s overlaps 900000-900999, reserved for model-eval's held-out sequences" >&2
    exit 2
  fi
done

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
DATA_EXTRA=()
for s in "${EXTRA_LIST[@]}"; do
  step "rendering $EXTRA_FRAMES extra training frames for stage 2 (seed $s)"
  render "$WORK/extra-$s" "$EXTRA_FRAMES" "$s"
  DATA_EXTRA+=("$WORK/extra-$s")
done
if [[ "$SCORE" == auto ]]; then
  step "rendering $TUNE_FRAMES threshold-tuning frames (seed $TUNE_SEED)"
  render "$WORK/tune" "$TUNE_FRAMES" "$TUNE_SEED"
fi

cd "$HERE"
TRAIN_ARGS=(--batch "$BATCH" --threads "$THREADS" --size "$SIZE" --train-height "$TRAIN_HEIGHT")
TRAIN_LOGS=()
if [[ -n "$TRAINED" ]]; then
  step "taking the trained model $TRAINED (no training here)"
  IFS=, read -r -a TRAIN_LOGS <<<"$TRAINED_LOGS"
  (( ${#TRAIN_LOGS[@]} > 0 )) || { echo "run.sh: --trained needs --trained-logs (the stages' train-log.json)" >&2; exit 2; }
  read -r INPUT_W INPUT_H < <("$PY" -c 'import sys, torch; s = torch.load(sys.argv[1], map_location="cpu"); print(int(s["size"]), int(s.get("height", s["size"])))' "$TRAINED")
  cp "$TRAINED" "$WORK/model.pt"
fi
if [[ -z "$TRAINED" && -z "$INIT" ]]; then
  step "training stage 1 ($EPOCHS epochs from random weights, $THREADS threads)"
  "$PY" train.py --data "$DATA_TRAIN" --out "$WORK/stage1" --epochs "$EPOCHS" "${TRAIN_ARGS[@]}"
  INIT="$WORK/stage1/model.pt"
fi
if [[ -z "$TRAINED" ]]; then
# The stage's log (per-epoch loss and time) goes on the model card with the fine-tuning stage's.
if [[ -f "$(dirname "$INIT")/train-log.json" ]]; then TRAIN_LOGS+=("$(dirname "$INIT")/train-log.json"); fi
CKPT="$INIT"
if (( FT_EPOCHS > 0 )); then
  step "training stage 2 ($FT_EPOCHS epochs fine-tuning $INIT on $((TRAIN_FRAMES + ${#DATA_EXTRA[@]} * EXTRA_FRAMES)) frames, peak lr $FT_LR)"
  "$PY" train.py --data "$DATA_TRAIN" "${DATA_EXTRA[@]}" --out "$WORK/stage2" --init "$INIT" \
    --epochs "$FT_EPOCHS" --steps-per-epoch "$FT_STEPS" --lr "$FT_LR" --warmup "$FT_WARMUP" --seed 2 "${TRAIN_ARGS[@]}"
  CKPT="$WORK/stage2/model.pt"
  TRAIN_LOGS+=("$WORK/stage2/train-log.json")
fi
INPUT_W="$SIZE"; INPUT_H="$TRAIN_HEIGHT"
for n in 3 4; do
  (( n <= FINAL_STAGE )) || break
  if [[ $n == 3 ]]; then spec="$S3"; else spec="$S4"; fi
  read -r dims s_epochs s_stop s_steps s_lr s_warm s_seed <<<"$spec"
  s_steps="${STAGE_STEPS:-$s_steps}"
  INPUT_W="${dims%x*}"; INPUT_H="${dims#*x}"
  step "training stage $n (fine-tuning $CKPT at ${INPUT_W}x$INPUT_H: $s_stop of $s_epochs planned epochs of $s_steps steps, peak lr $s_lr)"
  "$PY" train.py --data "$DATA_TRAIN" "${DATA_EXTRA[@]}" --out "$WORK/stage$n" --init "$CKPT" \
    --epochs "$s_epochs" --stop-after-epochs "$s_stop" --steps-per-epoch "$s_steps" --lr "$s_lr" --warmup "$s_warm" \
    --seed "$s_seed" --batch "$BATCH" --threads "$THREADS" --size "$INPUT_W" --train-height "$INPUT_H"
  CKPT="$WORK/stage$n/model.pt"
  TRAIN_LOGS+=("$WORK/stage$n/train-log.json")
done
cp "$CKPT" "$WORK/model.pt"
fi

step "exporting fp32 ONNX (${INPUT_W}x$INPUT_H input)"
"$PY" export_onnx.py --ckpt "$WORK/model.pt" --out "$WORK/model-fp32.onnx" --height "$INPUT_H"

step "quantising to int8 QDQ ($CALIB_FRAMES calibration frames from the training set)"
"$PY" quantize_qdq.py --fp32 "$WORK/model-fp32.onnx" --calib "$DATA_TRAIN" --frames "$CALIB_FRAMES" \
  --out "$WORK/model-int8.onnx"

if [[ "$SCORE" == auto ]]; then
  step "picking the score threshold on the tuning split (seed $TUNE_SEED; not the held-out sequence)"
  "$PY" eval_model.py --model "$WORK/model.pt" --data "$WORK/tune" --thresholds 0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6 \
    --json "$WORK/metrics-tune-fp32.json"
  SCORE=$("$PY" pick_threshold.py "$WORK/metrics-tune-fp32.json")
fi

step "evaluating on the held-out sequence (fp32 in torch, int8 in the numpy QDQ interpreter)"
"$PY" eval_model.py --model "$WORK/model.pt" --data "$DATA_VAL" --score "$SCORE" --json "$WORK/metrics-fp32.json"
"$PY" eval_model.py --model "$WORK/model-int8.onnx" --data "$DATA_VAL" --score "$SCORE" --json "$WORK/metrics-int8.json"

step "writing model folders"
if [[ -n "$TRAINED" ]]; then
  # run-gpu.sh's training sets (its --help lists them); the frame count comes from the last stage's log.
  frames=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["frames"])' "${TRAIN_LOGS[-1]}")
  case "$frames" in
    14400) sets="seeds 20240611, 31000000-34000000 and 36000000-38000000" ;;
    21600) sets="seeds 20240611, 31000000-34000000 and 36000000-41000000 (--more-data)" ;;
    24000) sets="seeds 20240611, 31000000-34000000, 36000000-41000000 (--more-data) and 42000000-44000000 (--hard-data: dense-queue and occlusion only)" ;;
    *) sets="the sets its --help lists" ;;
  esac
  NOTE="($frames frames rendered by tools/train-demo-model/run-gpu.sh, $sets"
  # A fine-tune of an exported model (run-gpu.sh INIT as ONNX) says which model it started from, where that model's
  # folder (its model.json) is found under the same models/... path here.
  init=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1])).get("init") or "")' "${TRAIN_LOGS[0]}")
  if [[ "$init" == */models/*.onnx ]]; then
    from="models/${init##*/models/}"
    started="${from%/*}"
    if [[ -f "$ROOT/$started/model.json" ]]; then
      started+=" $("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$ROOT/$started/model.json")"
    fi
    NOTE+=", fine-tuned from ${started#models/} ($from, BatchNorm frozen)"
  fi
else
  NOTE="($TRAIN_FRAMES frames, seed $TRAIN_SEED"
  if (( FT_EPOCHS > 0 && ${#DATA_EXTRA[@]} > 0 )); then
    NOTE+=", plus ${#DATA_EXTRA[@]} x $EXTRA_FRAMES frames, seeds $EXTRA_SEEDS, for the fine-tuning stage"
  fi
fi
RECIPE="tools/train-demo-model/run.sh"
if [[ -n "$TRAINED" ]]; then RECIPE="tools/train-demo-model/run-gpu.sh (training), then run.sh --trained (export, int8, threshold, scores)"; fi
NOTE+="; scenarios $SCENARIOS; held-out: $VAL_FRAMES frames, seed $VAL_SEED)"
mkdir -p "$INT8_DIR" "$FP32_DIR"
cp "$WORK/model-int8.onnx" "$INT8_DIR/model.onnx"
cp "$WORK/model-fp32.onnx" "$FP32_DIR/model-fp32.onnx"
for variant in int8 fp32; do
  if [[ $variant == int8 ]]; then dir="$INT8_DIR"; onnx="$dir/model.onnx"; else dir="$FP32_DIR"; onnx="$dir/model-fp32.onnx"; fi
  "$PY" write_model_json.py --onnx "$onnx" --variant "$variant" --metrics-fp32 "$WORK/metrics-fp32.json" \
    --metrics-int8 "$WORK/metrics-int8.json" --train-log "${TRAIN_LOGS[@]}" --dataset-note "$NOTE" \
    --score "$SCORE" --version "$VERSION" --recipe "$RECIPE" "${LATENCY[@]}" --out "$dir/model.json"
done
step "measuring both models through the C# pipeline on held-out sequences (writes the model cards)"
dotnet run --project "$ROOT/edge/SmartCity.Edge.Agent" -c Release -- \
  model-eval --model "$INT8_DIR" --model "$FP32_DIR" --frames 120 --write-card
du -b "$INT8_DIR"/* "$FP32_DIR"/*
step "done in $(( $(date +%s) - START )) s"
