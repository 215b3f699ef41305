#!/usr/bin/env bash
# Regenerate the README figures from the shipped examples with `nnviz export` (small PNGs).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NNVIZ="${NNVIZ:-python -m nnviz}"
OUT="$ROOT/docs/screenshots"
mkdir -p "$OUT"
cd "$ROOT"
$NNVIZ export resources/examples/xnor.nnviz -o "$OUT/xnor-network.png" --sample 0
$NNVIZ export resources/examples/playground.nnviz -o "$OUT/playground-slide.png" \
    --view slide --train-epochs 60 --background white
$NNVIZ export resources/examples/playground.nnviz -o "$OUT/playground-regions.png" \
    --view regions --train-epochs 60
ls -l "$OUT"
