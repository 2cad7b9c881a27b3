#!/usr/bin/env bash
# Times cold photo thumbnails against libjpeg-turbo, side by side, in CPU time.
#
#   bench/thumbs.sh [N]      default: 20 photos of 4000×3000 (12 megapixels)
#
# Makes N distinct 12-megapixel JPEGs (camera-like: gradients, edges and
# sensor noise, quality 88–92, 4:2:0) with cjpeg, then measures the CPU time
# (user + sys) of
#   - laurel build of a site of N persons with an empty thumbnail cache, less
#     the same build with a full cache: the thumbnails' own cost;
#   - djpeg full decode of each photo, and djpeg -scale 1/4.
# Needs libjpeg-turbo-progs (apt-get install -y libjpeg-turbo-progs). Files go
# to /dev/shm/laurel-thumbs. CPU time, not wall: the machine may be loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
cargo build --release --quiet
laurel=${CARGO_TARGET_DIR:-$PWD/target}/release/laurel
work=/dev/shm/laurel-thumbs
site=$work/site
mkdir -p "$work" "$site/content/people" "$site/static/photos"

# One camera-like picture, written once (pure Python: about half a minute).
if [ ! -f "$work/base.ppm" ]; then
  python3 - "$work/base.ppm" <<'PY'
import math, os, sys
w, h = 4000, 3000
with open(sys.argv[1], "wb") as out:
    out.write(b"P6 %d %d 255\n" % (w, h))
    for y in range(h):
        noise = os.urandom(w)
        row = bytearray(3 * w)
        for x in range(w):
            d = math.hypot(x - 2000, y - 1500)
            ring = 40 if int(d / 90) % 2 else 0
            e = noise[x] & 31
            row[3 * x] = min(255, x * 200 // w + ring + e)
            row[3 * x + 1] = min(255, y * 180 // h + (30 if (x // 40 + y // 60) % 3 == 0 else 0) + e)
            row[3 * x + 2] = min(255, (x + y) * 150 // (w + h) + e)
        out.write(row)
PY
fi
rm -f "$site"/static/photos/*.jpg "$site"/content/people/p*.md
printf 'title = "照片基准"\nbase_url = "https://example.org/"\n' >"$site/laurel.toml"
printf '+++\ntitle = "身边好人"\npage_kind = "person"\n+++\n' >"$site/content/people/_index.md"
for i in $(seq 1 "$n"); do
  cjpeg -quality $((88 + i % 5)) "$work/base.ppm" | wrjpgcom -comment "photo $i" >"$site/static/photos/p$i.jpg"
  printf '+++\ntitle = "好人%d"\nphoto = "/photos/p%d.jpg"\nphoto_alt = "好人%d"\n+++\n' "$i" "$i" "$i" >"$site/content/people/p$i.md"
done
echo "== $n photos of 4000×3000, $(du -sh "$site/static/photos" | cut -f1) in all"

# CPU seconds (user + sys) of a command's children.
cpu() {
  local me=$BASHPID start end
  start=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$me/stat")
  "$@" >/dev/null
  end=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$me/stat")
  echo "$start $end" | awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f", ($2 - $1) / hz}'
}
per_photo() { awk -v t="$1" -v n="$n" 'BEGIN {printf "%6.1f ms", t * 1000 / n}'; }

rm -rf "$site/.laurel-cache" "$work/out"
cold=$(cpu "$laurel" build --root "$site" -o "$work/out")
rm -rf "$work/out"
warm=$(cpu "$laurel" build --root "$site" -o "$work/out")
thumbs=$(awk -v c="$cold" -v w="$warm" 'BEGIN {print c - w}')
full=$(cpu bash -c "for f in $site/static/photos/*.jpg; do djpeg -outfile /dev/null \$f; done")
quarter=$(cpu bash -c "for f in $site/static/photos/*.jpg; do djpeg -scale 1/4 -outfile /dev/null \$f; done")
echo "CPU time per photo:"
echo "  laurel cold thumbnails (320 + 640 px):  $(per_photo "$thumbs")   (cold build ${cold} s, warm ${warm} s)"
echo "  djpeg full decode:                      $(per_photo "$full")"
echo "  djpeg -scale 1/4:                       $(per_photo "$quarter")"
awk -v t="$thumbs" -v f="$full" 'BEGIN {printf "  laurel / djpeg full decode:            %.2f×\n", t / f}'
