#!/usr/bin/env bash
# Manual check (not part of `make test`): render a report page in headless Chromium and save
# a PNG screenshot, so the layout of index.html can be looked at like a facilitator would.
#
# Usage:
#   bench/screenshot_report.sh REPORT_DIR [OUT.png] [WIDTHxHEIGHT]
#   bench/screenshot_report.sh --demo [OUT_DIR]   # build a single-log and a cohort report first
#
# Needs /usr/bin/chromium (Debian: `apt-get install -y chromium`). Run as root in a container,
# hence --no-sandbox. Network features are switched off: a report must render from disk alone,
# so a screenshot with missing images or fonts points at a real self-containment bug.
# Also worth a look: the print preview (`--print-to-pdf=out.pdf` instead of --screenshot).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

shoot() {  # shoot REPORT_DIR OUT.png SIZE
    local page="$1/index.html" out="$2" size="${3:-1280,2000}" profile
    [[ -f "$page" ]] || { echo "no index.html in $1" >&2; exit 1; }
    profile="$(mktemp -d)"
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" --screenshot="$out" \
        --window-size="$size" "file://$(realpath "$page")" >/dev/null 2>&1 || true
    rm -rf "$profile"
    [[ -s "$out" ]] || { echo "chromium wrote no screenshot for $page" >&2; exit 1; }
    echo "screenshot: $out"
}

if [[ "${1:-}" == "--demo" ]]; then
    out="${2:-$(mktemp -d)}"
    cd "$ROOT"
    .venv/bin/python - "$out" <<'PY'
import sys
from pathlib import Path
from tests.fixtures_cohort import generate_cohort
from game.replay.annotations import Note, add_note
logs = generate_cohort(Path(sys.argv[1]) / "logs", 40, seed=7)
add_note(logs[0], Note(120, "Pause here: what did you notice? <b>not bold</b>"))
PY
    .venv/bin/safetynet report "$out/logs/$(ls "$out/logs" | grep -v notes | head -1)" \
        --out "$out/single"
    .venv/bin/safetynet report "$out/logs" --out "$out/cohort"
    shoot "$out/single" "$out/single.png" "1280,4000"
    shoot "$out/cohort" "$out/cohort.png" "1280,6000"
    exit 0
fi

size="${3:-1280x2000}"
shoot "${1:?usage: $0 REPORT_DIR [OUT.png] [WIDTHxHEIGHT] | --demo [OUT_DIR]}" \
    "${2:-/tmp/report.png}" "${size/x/,}"
