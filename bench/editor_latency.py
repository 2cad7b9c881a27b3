#!/usr/bin/env python3
"""The editor of `laurel serve`: how long its page list takes to open (and
its filter to find a page), how long from pressing 保存 until the page shows
the change, and from typing until the live preview shows the draft.

usage: editor_latency.py EDIT_URL FILE PAGE_URL REPS LOG CHROMIUM

EDIT_URL is the editor (…/__laurel/edit/), FILE a person's file relative to
the site root, PAGE_URL that person's page, LOG the server's output. Saves go
through the editor's own API, as its page sends them; the browser figures
come from headless Chromium driven over DevTools (devtools.py), timed by the
page's own clock. Standard library only."""
import json, os, re, statistics, subprocess, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Chromium

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
        # A rebuild's line, in English or (for a Chinese site) in Chinese.
        return sum(1 for line in fh if "updated" in line or "更新" in line)

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

def median(values):
    return f"median {statistics.median(values):.0f} ms  min {min(values):.0f}  max {max(values):.0f}"

# In the browser, by the page's clock from the start of the navigation: the
# list's rows painted (its first contentful paint: the rows are in the HTML)
# and loaded; then a search of every page through the filter, from the
# keystroke to the matches painted (the pages are fetched once the list has loaded).
ROWS = """new Promise(done => new PerformanceObserver((list, observer) => {
  const paint = list.getEntriesByName('first-contentful-paint')[0];
  if (!paint) return;
  observer.disconnect();
  const nav = performance.getEntriesByType('navigation')[0];
  done({rows: document.querySelectorAll('#shelves li').length, painted: paint.startTime, loaded: nav.loadEventEnd});
}).observe({type: 'paint', buffered: true}))"""
FIND = """new Promise(done => {
  const filter = document.getElementById('filter'), count = document.getElementById('count');
  filter.value = '';
  filter.dispatchEvent(new Event('input', {bubbles: true}));
  const start = performance.now();
  filter.value = %s;
  filter.dispatchEvent(new Event('input', {bubbles: true}));
  const seen = () => count.textContent
    ? requestAnimationFrame(() => done({ms: performance.now() - start, found: count.textContent,
        first: (document.querySelector('#results a') || {}).textContent}))
    : setTimeout(seen, 1);
  seen();
})"""
browser = Chromium(chromium)
painted, loaded, found, rows = [], [], [], 0
# What to search for: the title of the last page the list does not show.
listed = set(re.findall(r'href="page\?file=([^"]+)"', html))
target = [e["title"] for e in json.loads(get(f"{edit}pages.json")) if e["file"] not in listed][-1]
for i in range(reps):
    browser.open(edit)
    shown = browser.eval(ROWS)
    rows = shown["rows"]
    painted.append(shown["painted"])
    loaded.append(shown["loaded"])
    if i == 0:
        first = browser.eval(FIND % json.dumps(target))
        print(f"list: first search once it has loaded: {first['ms']:.0f} ms, {first['found']} for {target}")
    found.append(browser.eval(FIND % json.dumps(target))["ms"])
print(f"list in Chromium: {rows} rows; rows painted {median(painted)}; loaded {median(loaded)}")
print(f"list: a search of every page, keystroke to matches painted: {median(found)}")
# A section's own list, the part of it with its last pages.
people = json.loads(get(f"{edit}pages.json"))
last = (sum(1 for e in people if e["file"].startswith("content/people/") and not e["file"].endswith("/_index.md")) - 1) // 500
section = []
for _ in range(reps):
    browser.open(f"{edit}?section=people&page={last}")
    shown = browser.eval(ROWS)
    section.append(shown["painted"])
print(f"a section's last part (?section=people&page={last}): {shown['rows']} rows painted {median(section)}")

# Typing → the live preview shows the draft: from the keystroke until the
# preview frame holds the new text (300 ms of it wait for typing to stop).
DRAFT = """new Promise(done => {
  const body = document.getElementById('body'), frame = document.getElementById('preview');
  const start = performance.now();
  body.value = body.value + %s;
  body.dispatchEvent(new Event('input', {bubbles: true}));
  const seen = () => {
    const d = frame.contentDocument;
    if (d && d.body && d.body.textContent.includes(%s)) requestAnimationFrame(() => done(performance.now() - start));
    else setTimeout(seen, 1);
  };
  seen();
})"""
browser.open(f"{edit}page?file={file}")
browser.wait("(() => { const d = document.getElementById('preview').contentDocument; return !!d && d.readyState === 'complete' && !!d.body; })()")
drafts = []
for i in range(reps):
    marker = json.dumps(f"DRAFT{int(time.time() * 1e6)}X{i}")
    drafts.append(browser.eval(DRAFT % (json.dumps("\n\n") + " + " + marker, marker)))
    time.sleep(0.5)
print(f"draft → preview shows it (typing stopped 300 ms of it): {median(drafts)}")
browser.close()

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
print(f"save → visible: {median(seen)}")

# A draft → the server's answer with its page (the live preview's request).
answered = []
for i in range(reps):
    marker = f"DRAFT{int(time.time()*1e6)}X{i}"
    request = json.dumps({"file": file, "fields": {}, "body": f"{body}\n\n{marker}\n"}).encode()
    t = time.perf_counter()
    r = urllib.request.Request(f"{edit}api/preview", data=request, method="POST", headers={
        "Content-Type": "application/json", "X-Laurel-Csrf": csrf, "Origin": origin})
    with urllib.request.urlopen(r, timeout=30) as answer:
        assert marker in json.load(answer)["html"]
    answered.append((time.perf_counter() - t) * 1000)
    time.sleep(0.2)
print(f"draft → the server's answer with its page: {median(answered)}")
