#!/usr/bin/env bash
# Renders the HTML report of the demo ledger in headless Chromium and saves a screenshot, so a
# person can check that it looks right in a real browser (the tests check its content).
#
#   scripts/screenshot-report.sh [OUT_DIR]     (needs Debian's chromium: apt-get install chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/report-check}
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found: apt-get install chromium" >&2
    exit 1
fi
cargo build --release --quiet
fledger=target/release/fledger
"$fledger" demo --db "$out/demo.db" --force >/dev/null 2>&1
"$fledger" --db "$out/demo.db" report -o "$out/report.html"
"$fledger" --db "$out/demo.db" score --group-by forecaster --chart "$out/calibration.svg" --format csv >/dev/null
# The flags keep Chromium off the network (this machine has none) and out of the user's profile.
for page in report.html calibration.svg; do
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d)" --window-size=1200,3000 \
        --screenshot="$out/${page%.*}.png" "file://$PWD/$out/$page" 2>/dev/null
    echo "$out/${page%.*}.png"
done
