#!/usr/bin/env bash
# The editor of `laurel serve` on a big site, in headless Chromium: how long
# its page list takes to open (navigation start → rows painted) and its
# filter to find a page; from 保存 until the person's page shows the change;
# and from typing until the live preview shows the draft.
#
#   bench/editor-latency.sh [PEOPLE] [REPS]     default: 10000 people, 10 of each
#
# Works on a copy of the shared corpus in /dev/shm (the saved file is changed).
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
reps=${2:-10}
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-bench
mkdir -p "$work"
corpus=$work/laurel-$people
[ -d "$corpus" ] || python3 ../shared/bench/gen_corpus.py --format laurel --people "$people" --out "$corpus" >/dev/null
# A copy, a log and a port of this run's own: others may run it at once.
copy=$work/editor-$people-$$
trap 'rm -rf "$copy"' EXIT
cp -r "$corpus" "$copy"
profiles=("$copy"/content/people/[!_]*.md)
profile=$(basename "${profiles[0]}")
log=$copy.log
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$laurel" serve --root "$copy" --port "$port" >"$log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$copy" "$log"' EXIT
path=$(sed -n 's/^base_url *= *"https\?:\/\/[^/]*\(\/[^"]*\)".*/\1/p' "$copy/laurel.toml")
base="http://127.0.0.1:$port${path:-/}"
python3 -u bench/editor_latency.py "${base}__laurel/edit/" "content/people/$profile" \
  "${base}people/${profile%.md}/" "$reps" "$log" "${LAUREL_CHROMIUM:-/usr/bin/chromium}"
