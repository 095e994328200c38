#!/bin/sh
# Render an HTML page (such as `stance eval --html` or `stance aggregate
# --format html` output) in headless Chromium and save a PNG screenshot.
#   scripts/screenshot.sh report.html report.png [WIDTH,HEIGHT]
# Needs Chromium (Debian: apt-get install chromium); CHROMIUM names another.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 PAGE.html SHOT.png [WIDTH,HEIGHT]" >&2; exit 2; }
page=$(realpath "$1")
size=${3:-1280,2400}
bin=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$bin" ] || { echo "$0: no chromium on PATH (apt-get install chromium)" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$bin" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
	--window-size="$size" --screenshot="$2" "file://$page" 2>/dev/null
