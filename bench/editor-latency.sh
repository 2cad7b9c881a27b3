#!/usr/bin/env bash
# The editor of `laurel serve` on a big site: how long its page list takes
# to open, and from 保存 until the person's page shows the change.
#
#   bench/editor-latency.sh [PEOPLE] [SAVES]     default: 10000 people, 10 saves
#
# Works on a copy of the shared corpus in /dev/shm (the saved file is changed).
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
saves=${2:-10}
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-bench
mkdir -p "$work"
corpus=$work/laurel-$people
[ -d "$corpus" ] || python3 ../shared/bench/gen_corpus.py --format laurel --people "$people" --out "$corpus" >/dev/null
copy=$work/editor-$people
rm -rf "$copy"
cp -r "$corpus" "$copy"
profiles=("$copy"/content/people/[!_]*.md)
profile=$(basename "${profiles[0]}")
log=$work/editor-$people.log
"$laurel" serve --root "$copy" --port 1297 >"$log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$copy"' EXIT
path=$(sed -n 's/^base_url *= *"https\?:\/\/[^/]*\(\/[^"]*\)".*/\1/p' "$copy/laurel.toml")
base="http://127.0.0.1:1297${path:-/}"
python3 bench/editor_latency.py "${base}__laurel/edit/" "content/people/$profile" \
  "${base}people/${profile%.md}/" "$saves" "$log" "${LAUREL_CHROMIUM:-/usr/bin/chromium}"
