#!/usr/bin/env bash
# Refresh the translation files from the source, then build the .qm files nnviz loads.
#   packaging/update_translations.sh        -> resources/i18n/nnviz_*.ts and nnviz_*.qm
#   packaging/update_translations.sh es     -> also starts resources/i18n/nnviz_es.ts
# pyside6-lupdate extracts every translate("context", "text") and QT_TRANSLATE_NOOP(...)
# in nnviz/app into each .ts (new strings arrive "unfinished", vanished ones are dropped);
# translate them by hand or with pyside6-linguist, then run this again for the .qm.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BIN="$(dirname "$(command -v python3)")"
[ -x "$BIN/pyside6-lupdate" ] || BIN="$ROOT/.venv/bin"
mkdir -p resources/i18n
shopt -s nullglob
targets=(resources/i18n/nnviz_*.ts)
for lang in "$@"; do
    [ -e "resources/i18n/nnviz_$lang.ts" ] || targets+=("resources/i18n/nnviz_$lang.ts")
done
[ ${#targets[@]} -gt 0 ] || { echo "no translation yet: name a language, e.g. de" >&2; exit 1; }
mapfile -t sources < <(find nnviz/app -name '*.py' | LC_ALL=C sort)
for ts in "${targets[@]}"; do
    lang="${ts##*/nnviz_}"
    # Without line numbers: every edit elsewhere in a file would otherwise rewrite the .ts.
    "$BIN/pyside6-lupdate" -silent -locations none -no-obsolete -target-language "${lang%.ts}" \
        "${sources[@]}" -ts "$ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
