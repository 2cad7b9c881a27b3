#!/usr/bin/env bash
# Times laurel against Hugo on the shared benchmark corpus, side by side.
#
#   bench/compare.sh [PEOPLE...]      default: 1000 10000 50000
#
# Needs hugo and hyperfine (apt-get install -y hugo hyperfine). Corpora and
# outputs go to /dev/shm, since disk noise would swamp the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
gen=../shared/bench/gen_corpus.py
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-bench
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
for n in "${sizes[@]}"; do
  for format in laurel hugo; do
    [ -d "$work/$format-$n" ] || python3 "$gen" --format "$format" --people "$n" --out "$work/$format-$n" >/dev/null
  done
  echo "== $n people"
  hyperfine -N -w 1 -r 5 -p "rm -rf $work/out-l $work/out-h" \
    "$laurel build --root $work/laurel-$n -o $work/out-l" \
    "hugo --quiet -s $work/hugo-$n -d $work/out-h" | grep -E "Time|Range|faster|±"
  for cmd in "$laurel build --root $work/laurel-$n -o $work/out-l" "hugo --quiet -s $work/hugo-$n -d $work/out-h"; do
    rm -rf "$work/out-l" "$work/out-h"
    /usr/bin/time -f "  %e s, %M KiB peak: ${cmd%% *}" $cmd >/dev/null
  done
done
