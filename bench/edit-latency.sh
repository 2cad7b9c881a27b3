#!/usr/bin/env bash
# Save-to-served latency of every kind of single-file edit, `laurel serve`
# and `hugo server` side by side, on the same generated corpus.
#
# "served" is from the save to the first poll that serves the changed page.
# laurel serves the pages an edit made before the rest of its rebuild is in
# place, so for laurel it also prints "whole rebuild": each rebuild's time
# as laurel's log line gives it (from the watcher handing the change over
# to the whole output rendered), for the timed edits only. Hugo's log gives
# no such time per rebuild: for Hugo only "served" is printed.
#
#   bench/edit-latency.sh [PEOPLE] [REPS] [KINDS]
#       default: 10000 people, 5 edits of each kind,
#       story,title,honours,region,date,new,delete,move,photo
#   SERVERS="laurel hugo" (the default) chooses which servers to time;
#   LAUREL_PORT and HUGO_PORT (1199, 1313) where they listen; LAUREL names a
#   laurel binary to time instead of building this checkout's (to compare two
#   builds in one run).
#
# Works on copies of the shared corpora in /dev/shm, one per run (the
# copies are edited, then deleted).
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
reps=${2:-5}
kinds=${3:-story,title,honours,region,date,new,delete,move,photo}
if [ -n "${LAUREL:-}" ]; then
  laurel=$LAUREL
else
  cargo build --release --quiet
  laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
fi
work=/dev/shm/laurel-bench
mkdir -p "$work"
for format in laurel hugo; do
  corpus=$work/$format-$people
  [ -d "$corpus" ] || python3 ../shared/bench/gen_corpus.py --format "$format" --people "$people" --out "$corpus" >/dev/null
done
profiles=("$work/laurel-$people"/content/people/[!_]*.md)
profile=$(basename "${profiles[0]}")
copies=()
server=
trap '[ -z "$server" ] || kill "$server"; rm -rf "${copies[@]}"' EXIT

# run NAME COPY URL COMMAND...: serves COPY with COMMAND and times the edits
# (and, for laurel, reads each rebuild's time from its log).
run() {
  local name=$1 copy=$2 url=$3 log=$work/edit-$1-$$.log
  shift 3
  echo "== $name"
  "$@" >"$log" 2>&1 &
  server=$!
  local logged=()
  [ "$name" != laurel ] || logged=("$log")
  python3 bench/edit_latency.py "$copy" "$url" "$profile" "$reps" "$kinds" "${logged[@]}"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

for name in ${SERVERS:-laurel hugo}; do
  copy=$work/edit-$name-$people-$$
  rm -rf "$copy" && cp -r "$work/$name-$people" "$copy" && copies+=("$copy")
  case $name in
  laurel)
    path=$(sed -n 's/^base_url *= *"https\?:\/\/[^/]*\(\/[^"]*\)".*/\1/p' "$copy/laurel.toml")
    port=${LAUREL_PORT:-1199}
    run laurel "$copy" "http://127.0.0.1:$port${path:-/}people/" "$laurel" serve --root "$copy" --port "$port"
    ;;
  hugo)
    port=${HUGO_PORT:-1313}
    run hugo "$copy" "http://127.0.0.1:$port/people/" \
      hugo server --source "$copy" --port "$port" --baseURL "http://127.0.0.1:$port/" --appendPort=false
    ;;
  esac
done
