#!/usr/bin/env bash
# Time from saving a profile to `laurel serve` serving the changed page.
#
#   bench/serve-latency.sh [PEOPLE] [EDITS]     default: 10000 people, 10 edits
#
# Works on a copy of the shared corpus in /dev/shm (the edited file is changed).
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
edits=${2:-10}
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-bench
mkdir -p "$work"
corpus=$work/laurel-$people
[ -d "$corpus" ] || python3 ../shared/bench/gen_corpus.py --format laurel --people "$people" --out "$corpus" >/dev/null
copy=$work/serve-$people
rm -rf "$copy"
cp -r "$corpus" "$copy"
profiles=("$copy"/content/people/[!_]*.md)
profile=$(basename "${profiles[0]}")
log=$work/serve-$people.log
"$laurel" serve --root "$copy" --port 1199 >"$log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$copy"' EXIT
path=$(sed -n 's/^base_url *= *"https\?:\/\/[^/]*\(\/[^"]*\)".*/\1/p' "$copy/laurel.toml")
python3 ../shared/bench/edit_latency.py "$copy/content/people/$profile" \
  "http://127.0.0.1:1199${path:-/}people/${profile%.md}/" "$edits" "$log" "updated"
