#!/usr/bin/env python3
"""Save-to-served latency of a preview server, for each kind of edit, and
the time of the whole rebuild when the server logs it.

usage: edit_latency.py ROOT URL PROFILE REPS KINDS [LOG]

ROOT is a copy of a corpus (its files are changed!), URL the served address
of its `people/` folder, PROFILE the file name of one person under
content/people/, LOG the file `laurel serve` writes its terminal output to
(none for other servers), KINDS a comma-separated list of:

  story     a line added to the story
  title     the title changed
  honours   an honour added (a new term)
  region    the region changed (shown on cards and lists)
  date      the date changed (the page moves in every list)
  new       a new person page (polls its address until it is served)
  delete    that page deleted (polls until it is gone)
  move      a page renamed to a new file (polls its new address)
  photo     PROFILE's photo replaced by a new 2000x1500 JPEG (polls the
            thumbnail the page shows, or the photo itself where the
            server makes none, until its bytes change); the first time,
            the photo is added to the page untimed. Needs cjpeg
            (libjpeg-turbo-progs).

Each edit is timed from the write to the first poll (every ~5 ms) that
serves the changed page ("served"). laurel serves the pages an edit made
before the rest of its rebuild is in place, so with LOG the script also
reads the rebuild's own time from laurel's log line for it ("whole
rebuild": the `in N ms` / `用时 N 毫秒` of cli_rebuild in src/i18n/msg.rs,
from the watcher handing the change over to the whole output rendered;
it leaves out the ~10 ms the watcher lets a save settle). Only the
rebuilds the timed write set off count (summed, should it set off more
than one), not those of the untimed edits that set up new, delete, move
and photo. Prints every time, then median and max per kind. Works for
laurel's corpus and Hugo's (lists in front matter). Standard library
only, but for cjpeg."""
import os, re, statistics, subprocess, sys, time, urllib.error, urllib.parse, urllib.request

root, url, profile, reps, kinds = sys.argv[1], sys.argv[2].rstrip("/") + "/", sys.argv[3], int(sys.argv[4]), sys.argv[5].split(",")
log = sys.argv[6] if len(sys.argv) > 6 else None
people = os.path.join(root, "content", "people")
path = os.path.join(people, profile)
page = url + profile[:-3] + "/"


def get(address, raw=False):
    """The body served at `address`, or None when it is not found."""
    try:
        with urllib.request.urlopen(address, timeout=2) as r:
            body = r.read()
            return body if raw else body.decode("utf-8", "replace")
    except urllib.error.HTTPError:
        return None
    except Exception:
        return ""


def sub(pattern, repl):
    def edit(text, n):
        return re.sub(pattern, repl(n), text, count=1, flags=re.M)
    return edit


EDITS = {
    "story": lambda text, n: text + f"\n\n又一段新事迹 {n}。\n",
    "title": sub(r'^title = ".*"$', lambda n: f'title = "白安{n}"'),
    "honours": sub(r"^honors = \[", lambda n: f'honors = ["{2000 + n}年度新荣誉", '),
    "region": sub(r'^region = (\[?)"[^"]*"', lambda n: f'region = \\1"新区{n}"'),
    "date": sub(r"^date = \S+", lambda n: f"date = 20{10 + n % 12:02d}-0{1 + n % 9}-1{n % 10}"),
}


# laurel's line for a rebuild that succeeded, English or Chinese (cli_rebuild
# in src/i18n/msg.rs); one of its two groups holds the time in ms.
REBUILT = re.compile(r"^changed .*: \d+ output\(s\) re-rendered, \d+ updated.* in (\d+) ms"
                     r"|^.* 有改动：重新生成 \d+ 个文件，更新 \d+ 个.*，用时 (\d+) 毫秒", re.M)


def log_end():
    """Where the log ends now (0 without one)."""
    return os.path.getsize(log) if log else 0


def rebuilds(since):
    """The times in ms of the rebuilds logged after offset `since`."""
    with open(log, "rb") as fh:
        fh.seek(since)
        text = fh.read().decode("utf-8", "replace")
    return [int(a or b) for a, b in REBUILT.findall(text)]


def settle(since):
    """Waits until the log shows a rebuild after offset `since` (at most
    60 s), then 3 s more; the times of the rebuilds logged after `since`
    (None without a log)."""
    start = time.time()
    while log and not rebuilds(since) and time.time() - start < 60:
        time.sleep(0.05)
    time.sleep(3)
    return rebuilds(since) if log else None


def timed(write, served):
    """Milliseconds from `write()` to `served()` being true (None after 60 s).
    Marks where the log ended just before the write in `timed.since`."""
    timed.since = log_end()
    t = time.perf_counter()
    write()
    while time.perf_counter() - t < 60:
        if served():
            return (time.perf_counter() - t) * 1000
        time.sleep(0.005)
    return None


def write_file(name, text):
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(text)


def jpeg(n):
    """A 2000x1500 JPEG of gradients that differ with `n`."""
    width, height = 2000, 1500
    rows = [bytes((x * (n + 1) + y * 7 + c * 85) % 256 for x in range(width) for c in range(3)) for y in range(0, 256, 16)]
    ppm = b"P6 %d %d 255\n" % (width, height) + b"".join(rows[y % len(rows)] for y in range(height))
    return subprocess.run(["cjpeg", "-quality", "85"], input=ppm, capture_output=True, check=True).stdout


def photo_url():
    """The address of the photo's thumbnail on the page, or of the photo."""
    found = re.search(r'src="([^"]*bench[^"]*\.jpg)"', get(page) or "")
    if found:
        return urllib.parse.urljoin(page, found.group(1))
    return urllib.parse.urljoin(url, "../photos/bench.jpg")


def swap_photo(n):
    photo = os.path.join(root, "static", "photos", "bench.jpg")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if "/photos/bench.jpg" not in text:
        os.makedirs(os.path.dirname(photo), exist_ok=True)
        since = log_end()
        with open(photo, "wb") as fh:
            fh.write(jpeg(1000))
        front = 'photo = "/photos/bench.jpg"\nphoto_alt = "照片"\n'
        write_file(path, re.sub(r"^title = ", lambda _: front + "title = ", text, count=1, flags=re.M))
        start = time.time()
        while "bench" not in (get(page) or "") and time.time() - start < 120:
            time.sleep(0.5)
        settle(since)
    address = photo_url()
    before = get(address, raw=True)
    # A hidden name, which servers do not watch, renamed over the photo.
    temp = os.path.join(os.path.dirname(photo), ".bench.jpg.new")
    with open(temp, "wb") as fh:
        fh.write(jpeg(n))
    return timed(lambda: os.replace(temp, photo), lambda: get(address, raw=True) not in (before, b"", None))


def one(kind, n):
    if kind in EDITS:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        before = get(page)
        changed = EDITS[kind](text, n)
        return timed(lambda: write_file(path, changed), lambda: get(page) not in (before, "", None))
    new = os.path.join(people, "bench-new.md")
    address = url + "bench-new/"
    if kind == "new":
        if os.path.exists(new):
            one("delete", n)
            settle(timed.since)
        with open(path, encoding="utf-8") as fh:
            text = EDITS["title"](fh.read(), 9000 + n)
        return timed(lambda: write_file(new, text), lambda: bool(get(address)))
    if kind == "delete":
        if not os.path.exists(new):
            one("new", n)
            settle(timed.since)
        return timed(lambda: os.remove(new), lambda: get(address) is None)
    if kind == "move":
        moved = lambda m: os.path.join(people, f"bench-move-{m}.md")
        if not os.path.exists(moved(n)):
            since = log_end()
            with open(path, encoding="utf-8") as fh:
                write_file(moved(n), EDITS["title"](fh.read(), 8000 + n))
            settle(since)
        address = url + f"bench-move-{n + 1}/"
        return timed(lambda: os.rename(moved(n), moved(n + 1)), lambda: bool(get(address)))
    if kind == "photo":
        return swap_photo(n)
    sys.exit(f"unknown kind of edit {kind}")


start = time.time()
while not get(page):
    if time.time() - start > 600:
        sys.exit("server not up")
    time.sleep(0.2)
print(f"server up after {time.time() - start:.1f}s", flush=True)
time.sleep(3)


def spread(label, times, missing):
    """`label` with the median and max of `times`; None in them is `missing`."""
    done = [t for t in times if t is not None]
    if not done:
        return f"{label} all {missing}"
    missed = f" ({len(times) - len(done)} {missing})" if len(done) < len(times) else ""
    return f"{label} median {statistics.median(done):6.0f} ms  max {max(done):6.0f} ms{missed}"


for kind in kinds:
    served, whole = [], []
    for n in range(reps):
        ms = one(kind, n)
        logged = settle(timed.since)
        served.append(ms)
        line = f"  {kind} {n}: served {'TIMEOUT' if ms is None else f'{ms:.0f} ms'}"
        if logged is not None:
            whole.append(sum(logged) if logged else None)
            count = f" ({len(logged)} rebuilds)" if len(logged) > 1 else ""
            line += f", whole rebuild {f'{sum(logged)} ms' if logged else 'not logged'}{count}"
        print(line, flush=True)
    parts = [spread("served", served, "timed out")]
    if log:
        parts.append(spread("whole rebuild", whole, "not logged"))
    print(f"{kind:8} " + "  |  ".join(parts), flush=True)
