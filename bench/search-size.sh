#!/usr/bin/env bash
# What the offline search loads before its first results, on the benchmark
# corpora: over every two-character Chinese query the index can answer, the
# bytes of search/meta.js plus the index shard the query needs (raw and
# gzipped), and the number and total size of the index files.
#
#   bench/search-size.sh [PEOPLE...]      default: 10000 100000
#
# Uses /dev/shm/laurel-bench/laurel-N when it exists, else generates
# /dev/shm/laurel-bench/search-N and removes it afterwards. With
# LAUREL_SEARCH_TIMING=1 it also times the search page in headless Chromium
# (the ignored search_benchmark browser test).
set -euo pipefail
cd "$(dirname "$0")/.."
gen=../shared/bench/gen_corpus.py
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-bench
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
for n in "${sizes[@]}"; do
  corpus=$work/laurel-$n
  made=""
  if [ ! -d "$corpus" ]; then
    corpus=$work/search-$n
    made=$corpus
    [ -d "$corpus" ] || python3 "$gen" --format laurel --people "$n" --out "$corpus" >/dev/null
  fi
  out=$work/search-out-$n
  rm -rf "$out"
  echo "== $n people ($corpus)"
  /usr/bin/time -f "  build: %e s, %M KiB peak" "$laurel" build --root "$corpus" -o "$out" >/dev/null
  python3 - "$out/search" <<'PY'
import gzip, json, os, re, statistics, sys
folder = sys.argv[1]
names = sorted(os.listdir(folder))
index = [n for n in names if n.endswith(".js")]
raw = {n: os.path.getsize(os.path.join(folder, n)) for n in index}
gz = {n: len(gzip.compress(open(os.path.join(folder, n), "rb").read(), 6)) for n in index}
def payload(name):
    text = open(os.path.join(folder, name), encoding="utf-8").read()
    start = text.index("]=") + 2 if text.startswith("(window.") else text.index("=") + 1
    return json.loads(text[start:].rstrip().rstrip(";"))
meta = payload("meta.js")
shards = meta["index_shards"]
def shard_of(key):  # as postings.rs and search.js compute it
    h = 0x811C9DC5
    for c in key:
        h = ((h ^ ord(c)) * 0x01000193) & 0xFFFFFFFF
    return h % shards
cjk = re.compile(r"^[\u3400-\u9fff]{2}$")
loads_raw, loads_gz, queries = [], [], 0
for n in range(shards):
    name = f"index-{n}.js"
    shard = payload(name)
    for key, postings in shard["keys"].items():
        if not cjk.match(key):
            continue
        assert shard_of(key) == n, key
        queries += 1
        loads_raw.append(raw["meta.js"] + raw[name])
        loads_gz.append(gz["meta.js"] + gz[name])
kb = lambda b: f"{b / 1024:.0f} KB"
print(f"  {meta['pages']} pages; {queries} two-character Chinese queries with results")
print(f"  loaded before first results (meta.js + one index shard):")
print(f"    raw:     max {kb(max(loads_raw))}, median {kb(statistics.median(loads_raw))}")
print(f"    gzipped: max {kb(max(loads_gz))}, median {kb(statistics.median(loads_gz))}")
groups = {"index": "index-", "pages": "pages-"}
for label, prefix in groups.items():
    files = [n for n in index if n.startswith(prefix)]
    sizes = [raw[n] for n in files]
    print(f"  {label} shards: {len(files)}, {kb(sum(sizes))} in all, largest {kb(max(sizes))}")
print(f"  meta.js {kb(raw['meta.js'])}, filters.js {kb(raw['filters.js'])}")
print(f"  index files: {len(index)} ({meta['pages'] // 50} = pages/50), {sum(raw.values()) / 1048576:.1f} MB raw, {sum(gz.values()) / 1048576:.1f} MB gzipped")
PY
  if [ "${LAUREL_SEARCH_TIMING:-}" = 1 ]; then
    LAUREL_SEARCH_BENCH=$out cargo test --quiet --test it search_benchmark -- --ignored --nocapture 2>&1 | grep -E "^(http|file):"
  fi
  rm -rf "$out" $made
done
