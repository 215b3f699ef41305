#!/usr/bin/env bash
# Build the one-folder Linux bundle with PyInstaller in a throw-away venv, then smoke-test it:
# the bundled binary exports the XNOR example to a PNG offscreen, and starts its engine
# process (the same binary, run by multiprocessing's spawn) to train one epoch with the
# compiled kernel (numba, compiled in the bundle's engine process on first use).
#   packaging/build.sh            -> dist/nnviz/nnviz  (prints build time and bundle size)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
start=$(date +%s)
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --upgrade pip
"$WORK/venv/bin/pip" install --quiet pyinstaller "$ROOT[fast]"
cd "$ROOT"
"$WORK/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$WORK/build" packaging/nnviz.spec
end=$(date +%s)
rm -f /tmp/x.png
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
    "$ROOT/dist/nnviz/nnviz" export resources/examples/xnor.nnviz -o /tmp/x.png
test -s /tmp/x.png || { echo "smoke test failed: /tmp/x.png missing" >&2; exit 1; }
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$ROOT/dist/nnviz/nnviz" check-engine --kernel
echo "build: $((end - start)) s; bundle: $(du -sh "$ROOT/dist/nnviz" | cut -f1); smoke test ok"
