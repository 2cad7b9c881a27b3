#!/usr/bin/env bash
# How laurel's full build scales with the size of the site, against Hugo:
# wall time, CPU time, peak memory and pages per second, one build each.
#
#   bench/scale.sh [PEOPLE...]        default: 1000 10000 50000 100000
#
# Hugo builds the sizes of HUGO_SIZES only (default: 10000 50000). Corpora
# come from ../shared/bench/gen_corpus.py into /dev/shm/laurel-bench (RAM:
# disk noise would swamp the figures); outputs go there too and are removed
# after each build. Needs hugo and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
gen=../shared/bench/gen_corpus.py
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-bench
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000 100000)
hugo_sizes=" ${HUGO_SIZES:-10000 50000} "

# Runs one build and prints its row: tool, people, pages, wall s, CPU s, peak MiB, pages/s.
measure() {
  local tool=$1 n=$2 out=$3
  shift 3
  rm -rf "$out"
  local times
  times=$( { /usr/bin/time -f "%e %U %S %M" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
  local pages
  pages=$(find "$out" -name index.html | wc -l)
  rm -rf "$out"
  read -r wall user sys peak <<<"$times"
  awk -v t="$tool" -v n="$n" -v p="$pages" -v w="$wall" -v u="$user" -v s="$sys" -v m="$peak" \
    'BEGIN { printf "%-7s %8d %8d %8.2f %8.2f %9.0f %9.0f\n", t, n, p, w, u + s, m / 1024, p / w }'
}

printf "%-7s %8s %8s %8s %8s %9s %9s\n" tool people pages "wall s" "CPU s" "peak MiB" "pages/s"
for n in "${sizes[@]}"; do
  [ -d "$work/laurel-$n" ] || python3 "$gen" --format laurel --people "$n" --out "$work/laurel-$n" >/dev/null
  measure laurel "$n" "$work/out-scale-l" "$laurel" build --root "$work/laurel-$n" -o "$work/out-scale-l"
  if [[ $hugo_sizes == *" $n "* ]]; then
    [ -d "$work/hugo-$n" ] || python3 "$gen" --format hugo --people "$n" --out "$work/hugo-$n" >/dev/null
    measure hugo "$n" "$work/out-scale-h" hugo --quiet -s "$work/hugo-$n" -d "$work/out-scale-h"
  fi
done
echo "(one build each; on a loaded machine wall times vary, CPU time and peak memory much less)"
