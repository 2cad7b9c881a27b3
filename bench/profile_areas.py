"""Sums a flat `perf report -n --sort dso,sym` by area of laurel's build.

Reads the report on stdin. An area is the first rule in AREAS whose pattern
the symbol (or, for the kernel, the shared object) matches; the rest falls to
"other laurel" or "other". Self time only: a closure or a generic helper that
does work for an area counts where it was compiled, which the table says.
"""

import re
import sys

AREAS = [
    ("templates (Tera)", r"\btera::"),
    ("Markdown (comrak)", r"\bcomrak::|pulldown_cmark_escape|\bentities::"),
    ("QR codes", r"laurel::render::qr::|\bqrcode::"),
    ("search index", r"laurel::render::search"),
    ("photos", r"laurel::render::photo|jpeg_decoder|zune_|\bimage::"),
    ("personal data, wording", r"laurel::personal|laurel::wording|aho_corasick"),
    ("allocator", r"\b_?mi_|mimalloc"),
    ("hashing", r"hashbrown|BuildHasher|\bfoldhash|\bahash|siphash"),
    ("sorting", r"slice::sort"),
    ("copies, UTF-8 checks", r"__mem(move|cpy|cmp|set)|from_utf8|memchr"),
    ("kernel (files, memory)", r"^\[kernel"),
]


def main() -> None:
    total = 0.0
    areas: dict[str, float] = {}
    rows: list[tuple[float, str]] = []
    for line in sys.stdin:
        m = re.match(r"\s*[\d.]+%\s+(\d+)\s+(\S+)\s+\[[.k]\]\s+(.*)", line)
        if not m:
            continue
        share, dso, sym = float(m.group(1)), m.group(2), m.group(3).strip()
        total += share
        rows.append((share, sym))
        subject = dso if dso.startswith("[kernel") else sym
        area = next((name for name, pattern in AREAS if re.search(pattern, subject)), None)
        if area is None:
            area = "other laurel" if dso == "laurel" else "other"
        areas[area] = areas.get(area, 0.0) + share
    if not total:
        sys.exit("no samples in the report")
    print(f"{'area':<28}{'% of samples':>14}   ({total:.0f} samples)")
    for name, share in sorted(areas.items(), key=lambda kv: -kv[1]):
        print(f"{name:<28}{100 * share / total:>13.1f}%")
    print()
    print("costliest functions (own time):")
    for share, sym in sorted(rows, reverse=True)[:25]:
        print(f"{100 * share / total:>6.2f}%  {sym[:110]}")


if __name__ == "__main__":
    main()
