#!/usr/bin/env bash
# Trains detector variants on one CUDA GPU within a fixed time budget, on a machine that may have no .NET SDK.
#
# Run on the GPU machine from the repository root. It renders the training data with a self-contained
# render-dataset (publish it first on a machine with the SDK, see --help), then trains each variant in
# parallel: all of them share the GPU, and the CPU cores make the augmented batches.
# The models come back as OUT/<name>/model.pt; export, quantise and score them on any machine with run.sh's
# later steps (tools/train-demo-model/README.md, "Training on a GPU").
set -euo pipefail

usage() {
  cat <<EOF
usage: tools/train-demo-model/run-gpu.sh --renderer DIR --out DIR [--budget SECONDS] [--data DIR]
                                         [--workers N] [--device-batches] [--batch N] [--more-data] [--hard-data]
                                         VARIANT [VARIANT ...]
  VARIANT   NAME:WIDTHS:NECK:LR[:INIT[:P2]]   e.g. wide:24,48,96,144,168:96:3e-3  or  more:-:-:1e-3:OUT/wide/model.pt
            (with INIT, WIDTHS and NECK are '-': the checkpoint's own network; a fine-tuning run, 100-step
            warm-up; without, random weights and a 300-step warm-up. INIT may also be an exported fp32 ONNX
            file, e.g. models/demo-traffic-fp32/model-fp32.onnx, with its WIDTHS and NECK given: a fine-tuning
            run with its BatchNorms frozen, use a low LR such as 3e-4). P2: channels of a fourth output level
            at stride 4 (train.py --p2), for a network from random weights, e.g. p2:24,48,96,144,168:96:3e-3::32,
            or for an ONNX INIT that has one, e.g. ...:3e-4:models/demo-traffic-fp32/model-fp32.onnx:48 (a .pt
            INIT records its own))
  --renderer DIR   folder of a self-contained render-dataset, published on a machine with the .NET SDK by
                   dotnet publish tools/train-demo-model/renderer -c Release -r linux-x64 --self-contained \\
                     -p:PublishTrimmed=true -p:PublishSingleFile=true -o DIR
  --out DIR        one folder per variant (model.pt, train-log.json) and its log NAME.log
  --budget S       training seconds per variant, all variants at once (default 420)
  --data DIR       where the frames are rendered (default /tmp/smartcity-train; about 13 GB)
  --workers N      batch-making processes per variant (default: (cores - 2) / variants)
  --device D       torch device (default cuda; cpu with --frames for a smoke test of the script)
  --frames N       frames per scenario in every set instead of the counts below (smoke tests)
  --device-batches keep the frames on the GPU and make the augmented batches there, with bfloat16 autocast
                   (gpu_batches.py; about 20 GB of GPU memory per variant with --more-data). It is checked
                   first (gpu_batches.py's comparison with the CPU code, and two training steps); if that check
                   fails, the variants train with CPU batch workers as before
  --batch N        samples per step (default 32)
  --more-data      three more sets (39000000, 40000000, 41000000; 2400 frames each): 21,600 frames
  --hard-data      three sets of dense-queue and occlusion alone (42000000, 43000000, 44000000; 800 frames
                   each): queues of small far cars and long vehicles hiding others, where the counts lose most
Training data: the CPU recipe's sets (seed 20240611, 2400 frames; 31000000-34000000, 1200 each) plus
36000000, 37000000 and 38000000 (2400 each): 14,400 frames of six scenarios. The tuning split (35000000),
the held-out sequence (777) and the reserved evaluation seeds (900000-900999) are not used.
EOF
}

RENDERER=""; OUT=""; BUDGET=420; DATA=/tmp/smartcity-train; WORKERS=0; DEVICE=cuda; FRAMES=0; VARIANTS=()
DEVICE_BATCHES=0; BATCH=32; MORE_DATA=0; HARD_DATA=0
while (($#)); do
  case "$1" in
    --renderer) RENDERER="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --budget) BUDGET="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --device) DEVICE="$2"; shift 2 ;;
    --frames) FRAMES="$2"; shift 2 ;;
    --device-batches) DEVICE_BATCHES=1; shift ;;
    --batch) BATCH="$2"; shift 2 ;;
    --more-data) MORE_DATA=1; shift ;;
    --hard-data) HARD_DATA=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run-gpu.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) VARIANTS+=("$1"); shift ;;
  esac
done
if [[ -z "$RENDERER" || -z "$OUT" || ${#VARIANTS[@]} -eq 0 ]]; then usage >&2; exit 2; fi
if [[ ! -x "$RENDERER/render-dataset" ]]; then echo "run-gpu.sh: no render-dataset in $RENDERER" >&2; exit 2; fi
HERE="$(cd "$(dirname "$0")" && pwd)"
PY=${PYTHON:-python3}
for v in "${VARIANTS[@]}"; do   # refuse a bad variant before minutes of rendering
  IFS=: read -r name widths neck lr init p2 <<<"$v"
  if [[ -z "$name" || -z "$lr" ]]; then echo "run-gpu.sh: variant '$v': expected NAME:WIDTHS:NECK:LR[:INIT[:P2]]" >&2; exit 2; fi
  if [[ -n "${p2:-}" && ( ! "$p2" =~ ^[1-9][0-9]*$ || ( -n "${init:-}" && "$init" != *.onnx ) ) ]]; then
    echo "run-gpu.sh: variant $name: P2 is a channel count, for random weights or an ONNX INIT (a checkpoint records its own)" >&2; exit 2
  fi
  if [[ -n "${init:-}" && ! -f "$init" && ! -f "$HERE/$init" ]]; then echo "run-gpu.sh: variant $name: no checkpoint $init" >&2; exit 2; fi
  if [[ ( -z "${init:-}" || "$init" == *.onnx ) && ( "$widths" == - || "$neck" == - ) ]]; then
    echo "run-gpu.sh: variant $name: WIDTHS and NECK are needed without INIT or with an ONNX INIT" >&2; exit 2
  fi
done
START=$(date +%s)
say() { echo "[$(( $(date +%s) - START )) s] $*"; }

say "GPU: $(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null || echo none)"
"$PY" -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__, "cuda", torch.cuda.is_available())'
if [[ "$DEVICE" == cuda* ]]; then
  "$PY" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' \
    || { echo "run-gpu.sh: torch sees no CUDA device" >&2; exit 1; }
fi

# name seed frames-per-scenario [scenarios (default: the six)]
SETS=("train 20240611 400" "extra1 31000000 200" "extra2 32000000 200" "extra3 33000000 200" "extra4 34000000 200"
      "extra6 36000000 400" "extra7 37000000 400" "extra8 38000000 400")
(( MORE_DATA )) && SETS+=("extra9 39000000 400" "extra10 40000000 400" "extra11 41000000 400")
(( HARD_DATA )) && SETS+=("hard1 42000000 400 dense-queue,occlusion" "hard2 43000000 400 dense-queue,occlusion"
                          "hard3 44000000 400 dense-queue,occlusion")
mkdir -p "$DATA" "$OUT"
DATA=$(cd "$DATA" && pwd); OUT=$(cd "$OUT" && pwd)
say "rendering ${#SETS[@]} training sets into $DATA"
pids=()
for s in "${SETS[@]}"; do
  read -r name seed n scenarios <<<"$s"
  (( FRAMES > 0 )) && n=$FRAMES
  "$RENDERER/render-dataset" "$DATA/$name" "$n" "$seed" 5 ${scenarios:+"$scenarios"} > "$DATA/$name.log" 2>&1 & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { echo "run-gpu.sh: a render failed:" >&2; cat "$DATA"/*.log >&2; exit 1; }; done
say "rendered: $(cat "$DATA"/*.log | tr '\n' ' ')"
FOLDERS=()
for s in "${SETS[@]}"; do read -r name _ _ <<<"$s"; FOLDERS+=("$DATA/$name"); done

SMOKE_P2=0   # the smoke steps also build a stride-4 level when a variant has one
for v in "${VARIANTS[@]}"; do IFS=: read -r _ _ _ _ _ p2 <<<"$v"; [[ -n "${p2:-}" ]] && SMOKE_P2=16; done
if (( DEVICE_BATCHES )); then
  # A check before minutes of GPU time: the device batches against the CPU sample code, then two training steps.
  if (cd "$HERE" && "$PY" gpu_batches.py "$DATA/train" --device "$DEVICE" --samples 16) \
     && (cd "$HERE" && "$PY" train.py --data "$DATA/train" --out "$DATA/.smoke" --size 640 --train-height 480 \
           --batch 8 --epochs 1 --steps-per-epoch 2 --device "$DEVICE" --device-batches --amp --threads 2 \
           --widths 16,32,64,96,112 --neck 64 --p2 "$SMOKE_P2" > "$DATA/smoke.log" 2>&1); then
    say "device batches: checked"
    rm -rf "$DATA/.smoke"
  else
    say "device batches: the check failed (below); training with CPU batch workers instead"
    tail -n 20 "$DATA/smoke.log" 2>/dev/null || true
    DEVICE_BATCHES=0
  fi
fi
if (( WORKERS <= 0 )); then WORKERS=$(( ($(nproc) - 2) / ${#VARIANTS[@]} )); (( WORKERS >= 1 )) || WORKERS=1; fi
say "training ${#VARIANTS[@]} variant(s) for $BUDGET s each, $WORKERS batch workers each"
pids=()
for v in "${VARIANTS[@]}"; do
  IFS=: read -r name widths neck lr init p2 <<<"$v"
  args=(--data "${FOLDERS[@]}" --out "$OUT/$name" --size 640 --train-height 480 --batch "$BATCH" --lr "$lr"
        --epochs 1000 --steps-per-epoch 400 --device "$DEVICE" --workers "$WORKERS" --time-budget "$BUDGET" --threads 2)
  (( DEVICE_BATCHES )) && args+=(--device-batches --amp --workers 0)
  if [[ "${init:-}" == *.onnx ]]; then
    if [[ -f "$init" ]]; then init="$(cd "$(dirname "$init")" && pwd)/$(basename "$init")"; fi
    args+=(--init-onnx "$init" --widths "$widths" --neck "$neck" --warmup 100 --p2 "${p2:-0}")
  elif [[ -n "${init:-}" ]]; then
    # INIT relative to the current folder, else to this script's folder (train.py runs there).
    if [[ -f "$init" ]]; then init="$(cd "$(dirname "$init")" && pwd)/$(basename "$init")"; fi
    args+=(--init "$init" --warmup 100)
  else
    args+=(--widths "$widths" --neck "$neck" --warmup 300 --p2 "${p2:-0}")
  fi
  (cd "$HERE" && PYTHONUNBUFFERED=1 "$PY" train.py "${args[@]}") > "$OUT/$name.log" 2>&1 & pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then echo "run-gpu.sh: variant ${VARIANTS[$i]} failed (log: $OUT/$(cut -d: -f1 <<<"${VARIANTS[$i]}").log)" >&2; status=1; fi
done
for v in "${VARIANTS[@]}"; do name=${v%%:*}; say "$name: $(grep -E '^epoch|time budget' "$OUT/$name.log" | tail -n 2 | tr '\n' ' ')"; done
say "done"
exit $status
