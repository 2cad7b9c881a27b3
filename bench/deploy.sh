#!/usr/bin/env bash
# `laurel deploy` to a local S3 server (moto): a first deploy of the whole
# site, then a second one after one story is edited.
#
#   bench/deploy.sh [PEOPLE]     default: 10000 people
#
# Works on a copy of the shared corpus in /dev/shm (the edited file is changed).
# moto_server: $LAUREL_MOTO, else target/moto/bin/moto_server (bash tests/run.sh
# installs it), else the one on the PATH. Timings on a loaded machine are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
moto=${LAUREL_MOTO:-target/moto/bin/moto_server}
[ -x "$moto" ] || moto=moto_server
work=/dev/shm/laurel-bench
mkdir -p "$work"
corpus=$work/laurel-$people
[ -d "$corpus" ] || python3 ../shared/bench/gen_corpus.py --format laurel --people "$people" --out "$corpus" >/dev/null
copy=$work/deploy-$people
rm -rf "$copy"
cp -r "$corpus" "$copy"
port=1198
"$moto" -H 127.0.0.1 -p $port >"$work/deploy-moto.log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$copy"' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.2; done
auth='AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'
curl -s -o /dev/null -X PUT -H "Authorization: $auth" "http://127.0.0.1:$port/bench"
path=$(sed -n 's/^base_url *= *"https\?:\/\/[^/]*\/\([^"]*\)".*/\1/p' "$copy/laurel.toml")
printf '\n[deploy.bench]\nurl = "s3://bench/%s"\nendpoint = "http://127.0.0.1:%s"\n' "${path%/}" $port >>"$copy/laurel.toml"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench

run() {
    local start end
    start=$(date +%s.%N)
    "$laurel" deploy --root "$copy" 2>/dev/null | tail -1
    end=$(date +%s.%N)
    echo "  wall time with the build: $(echo "$end - $start" | bc) s"
}

echo "site: $(find "$copy/public" -type f 2>/dev/null | wc -l) files before the first build"
echo "first deploy:"
run
echo "  site: $(find "$copy/public" -type f | wc -l) files, $(du -sb "$copy/public" | cut -f1) bytes"
profiles=("$copy"/content/people/[!_]*.md)
echo "一次修改。" >>"${profiles[0]}"
echo "second deploy, after editing $(basename "${profiles[0]}"):"
run
