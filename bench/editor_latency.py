#!/usr/bin/env python3
"""The editor of `laurel serve`: how long its page list takes to open, and
how long from pressing 保存 until the page shows the change.

usage: editor_latency.py EDIT_URL FILE PAGE_URL REPS LOG CHROMIUM

EDIT_URL is the editor (…/__laurel/edit/), FILE a person's file relative to
the site root, PAGE_URL that person's page, LOG the server's output. Saves go
through the editor's own API, as its page sends them. Standard library only."""
import json, re, statistics, subprocess, sys, time, urllib.request

edit, file, page, reps, log, chromium = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
origin = re.match(r"https?://[^/]+", edit).group(0)

def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""

def done_count():
    with open(log, encoding="utf-8", errors="replace") as fh:
        return fh.read().count("updated")

t0 = time.time()
while "<html" not in get(page):
    if time.time() - t0 > 300: sys.exit("server not up")
    time.sleep(0.2)
time.sleep(2)

# The list: the server's answer, then a whole browser load minus an empty one.
times = []
for _ in range(reps):
    t = time.perf_counter(); html = get(edit); times.append((time.perf_counter() - t) * 1000)
print(f"list: {html.count('<li>')} pages shown, {len(html.encode()) // 1024} KiB; server answer median {statistics.median(times):.0f} ms")
def browser(url):
    t = time.perf_counter()
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return (time.perf_counter() - t) * 1000
empty = statistics.median(browser("about:blank") for _ in range(3))
full = statistics.median(browser(edit) for _ in range(3))
print(f"list in a browser (load, parse, script): about {full - empty:.0f} ms over an empty page")

# Save → the page shows the change.
csrf = re.search(r'laurel-csrf" content="([0-9a-f]+)', html).group(1)
seen = []
for i in range(reps):
    form = get(f"{edit}page?file={file}")
    version = re.search(r'data-version="([^"]+)"', form).group(1)
    body = re.search(r'<textarea id="body"[^>]*>\n(.*?)</textarea>', form, re.S).group(1)
    body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
    marker = f"MARKER{int(time.time()*1e6)}X{i}"
    request = json.dumps({"file": file, "version": version, "fields": {}, "body": f"{body}\n\n{marker}\n"}).encode()
    n0 = done_count()
    t = time.perf_counter()
    r = urllib.request.Request(f"{edit}api/save", data=request, method="POST", headers={
        "Content-Type": "application/json", "X-Laurel-Csrf": csrf, "Origin": origin})
    with urllib.request.urlopen(r, timeout=30) as answer:
        assert json.load(answer)["status"] == "done"
    ok = False
    while time.perf_counter() - t < 120:
        if marker in get(page):
            ok = True; break
        time.sleep(0.005)
    ms = (time.perf_counter() - t) * 1000
    seen.append(ms if ok else float("nan"))
    while done_count() <= n0 and time.perf_counter() - t < 180:
        time.sleep(0.005)
    print(f"save {i}: page shows the change after {ms:.0f} ms", flush=True)
    time.sleep(1.5)
print(f"save → visible: median {statistics.median(seen):.0f} ms  min {min(seen):.0f}  max {max(seen):.0f}")
