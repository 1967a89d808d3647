#!/usr/bin/env bash
# The documented edge build: a self-contained linux-arm64 agent (no .NET install on the device) packed with what a
# device needs beside it — configuration templates and schema, the systemd unit, the demo model.
# Usage: deploy/edge/publish-linux-arm64.sh [OUT_DIR]   → OUT_DIR/smartcity-edge-linux-arm64.tar.gz (default artifacts/edge)
# On the device: tar -xzf smartcity-edge-linux-arm64.tar.gz -C /opt/smartcity  (see deploy/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-artifacts/edge}"
stage="$out/smartcity"
rm -rf "$stage" && mkdir -p "$stage"

dotnet publish edge/SmartCity.Edge.Agent/SmartCity.Edge.Agent.csproj -c Release -r linux-arm64 --self-contained \
  -p:DebugType=none -o "$stage"

mkdir -p "$stage/firmware-configs" "$stage/deploy" "$stage/models"
cp -r firmware-configs/templates firmware-configs/schema firmware-configs/boards "$stage/firmware-configs/"
cp -r deploy/systemd "$stage/deploy/"
cp deploy/README.md "$stage/deploy/"
cp -r models/demo-traffic "$stage/models/"

tar -czf "$out/smartcity-edge-linux-arm64.tar.gz" -C "$stage" .
echo "wrote $out/smartcity-edge-linux-arm64.tar.gz ($(du -h "$out/smartcity-edge-linux-arm64.tar.gz" | cut -f1))"
