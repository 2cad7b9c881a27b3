#!/usr/bin/env bash
# Where a full build spends its CPU: samples one `laurel build` with perf and
# sums the samples' own time (not their callers') by area of the code.
#
#   bench/profile.sh [PEOPLE]        default: 10000
#
# The corpus comes from ../shared/bench/gen_corpus.py into /dev/shm/laurel-bench,
# like bench/compare.sh; the output goes there too and is removed afterwards.
# Prints the areas, then the 25 costliest functions, and keeps the raw samples
# in /dev/shm/laurel-bench/profile-PEOPLE.data for `perf report -i`. Needs perf
# (linux-perf or linux-tools) and python3. Shares are of all samples, kernel
# included, so they stay meaningful on a loaded machine.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
gen=../shared/bench/gen_corpus.py
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-bench
mkdir -p "$work"
[ -d "$work/laurel-$n" ] || python3 "$gen" --format laurel --people "$n" --out "$work/laurel-$n" >/dev/null
data=$work/profile-$n.data
out=$work/out-profile
rm -rf "$out"
perf record --quiet -F 999 -o "$data" "$laurel" build --root "$work/laurel-$n" -o "$out" >/dev/null 2>&1
rm -rf "$out"
perf report -i "$data" --no-children -n --sort dso,sym --stdio 2>/dev/null | python3 "$(dirname "$0")/profile_areas.py"
