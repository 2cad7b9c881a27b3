/* laurel search: runs in the page, from any static server and from disk.
 * The index is search/meta.js (window.LAUREL_SEARCH, loaded by the page); story
 * text comes in shards, search/text-N.js, added with <script> tags only when a
 * query needs them. No network beyond the site's own files, no third-party code.
 * Chinese matches any run of characters; Latin text matches case-insensitively;
 * every space-separated term must match; title > honours and fields > text. */
(function () {
  "use strict";

  var index = window.LAUREL_SEARCH;
  var form = document.getElementById("search-form");
  if (!index || !form) return;

  var LIMIT = 50;
  var SNIPPET = 60;
  var DEBOUNCE_MS = 120;

  var root = form.getAttribute("data-root") || "";
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var browse = document.getElementById("search-browse");
  var selects = {};
  var filters = {};
  // A page's row holds the value of each filter at the filter's position.
  var slotOf = {};
  index.filters.forEach(function (f, n) { filters[f.name] = f; slotOf[f.name] = n; });

  // Text shards: window.LAUREL_SEARCH_TEXT[n] is an array of story texts.
  var shardState = [];
  var lowered = [];

  var docs = index.pages.map(function (row, order) {
    var slots = row[4];
    var fields = row[5].map(function (h) { return index.honors[h]; });
    if (row[6] >= 0) fields.push(index.units[row[6]]);
    index.filters.forEach(function (f, n) {
      if (slots[n] >= 0) fields.push(f.values[slots[n]]);
    });
    return {
      title: row[0],
      kind: index.kinds[row[1]],
      kindLabel: index.kind_labels[row[1]],
      url: root + row[2] + index.suffix,
      summary: row[3],
      slots: slots,
      titleLower: row[0].toLowerCase(),
      fieldsLower: fields.join("\n").toLowerCase(),
      summaryLower: row[3].toLowerCase(),
      shard: row[7],
      slot: row[8],
      order: order
    };
  });

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function parseTerms(query) {
    var seen = {};
    return query.toLowerCase().split(/\s+/).filter(function (t) {
      if (!t || seen[t]) return false;
      seen[t] = true;
      return true;
    });
  }

  function storyText(doc) {
    var shard = (window.LAUREL_SEARCH_TEXT || {})[doc.shard];
    return shard ? shard[doc.slot] : null;
  }

  function storyLower(doc) {
    var shard = (window.LAUREL_SEARCH_TEXT || {})[doc.shard];
    if (!shard) return null;
    if (!lowered[doc.shard]) {
      lowered[doc.shard] = shard.map(function (t) {
        var lower = t.toLowerCase();
        return lower === t ? null : lower;
      });
    }
    return lowered[doc.shard][doc.slot] || shard[doc.slot];
  }

  function loadShard(n) {
    if (shardState[n]) return;
    shardState[n] = "loading";
    var script = document.createElement("script");
    script.src = root + "search/text-" + n + ".js";
    script.onload = script.onerror = function () {
      shardState[n] = "done";
      scheduleRun(0);
    };
    document.head.appendChild(script);
  }

  function chosenFilters() {
    var chosen = [];
    Object.keys(selects).forEach(function (name) {
      var value = selects[name].value;
      if (value !== "") chosen.push({ name: name, slot: slotOf[name], index: Number(value) });
    });
    return chosen;
  }

  /* Scores one page against the terms; null when it does not match, -1 when
   * its story text is needed but not loaded yet. */
  function score(doc, terms) {
    var total = 0;
    var inText = [];
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var at = doc.titleLower.indexOf(t);
      if (at >= 0) total += doc.titleLower === t ? 1000 : at === 0 ? 600 : 400;
      else if (doc.fieldsLower.indexOf(t) >= 0) total += 100;
      else if (doc.summaryLower.indexOf(t) >= 0) total += 20;
      else inText.push(t);
    }
    if (!inText.length) return total;
    var text = storyLower(doc);
    if (text === null) return -1;
    for (var k = 0; k < inText.length; k++) {
      if (text.indexOf(inText[k]) < 0) return null;
      total += 10;
    }
    return total;
  }

  /* The search itself: pages passing the filters and matching every term,
   * best first, and the text shards still needed for a complete answer. */
  function search(terms, chosen) {
    var hits = [];
    var needed = {};
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i];
      var pass = true;
      for (var f = 0; f < chosen.length; f++) {
        if (doc.slots[chosen[f].slot] !== chosen[f].index) { pass = false; break; }
      }
      if (!pass) continue;
      var s = terms.length ? score(doc, terms) : 0;
      if (s === -1) needed[doc.shard] = true;
      else if (s !== null) hits.push({ doc: doc, score: s });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
    return { hits: hits, needed: Object.keys(needed).map(Number) };
  }

  /* `text` with every occurrence of the terms wrapped in <mark>, escaped. */
  function highlight(text, terms) {
    var lower = text.toLowerCase();
    if (lower.length !== text.length) return escapeHtml(text);
    var ranges = [];
    terms.forEach(function (t) {
      for (var at = lower.indexOf(t); at >= 0; at = lower.indexOf(t, at + t.length)) ranges.push([at, at + t.length]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var html = "";
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[1] <= pos) return;
      var start = Math.max(r[0], pos);
      html += escapeHtml(text.slice(pos, start)) + "<mark>" + escapeHtml(text.slice(start, r[1])) + "</mark>";
      pos = r[1];
    });
    return html + escapeHtml(text.slice(pos));
  }

  /* About SNIPPET characters of the story around its first match. */
  function snippet(doc, terms) {
    var text = storyText(doc);
    var lower = text === null ? null : storyLower(doc);
    var first = -1;
    var length = 0;
    if (lower !== null) {
      terms.forEach(function (t) {
        var at = lower.indexOf(t);
        if (at >= 0 && (first < 0 || at < first)) { first = at; length = t.length; }
      });
    }
    if (first < 0) return highlight(doc.summary, terms);
    var start = Math.max(0, first - Math.floor((SNIPPET - length) / 3));
    var end = Math.min(text.length, Math.max(start + SNIPPET, first + length));
    if (start > 0 && /[\udc00-\udfff]/.test(text.charAt(start))) start += 1;
    if (end < text.length && /[\udc00-\udfff]/.test(text.charAt(end))) end += 1;
    return (start > 0 ? "…" : "") + highlight(text.slice(start, end), terms) + (end < text.length ? "…" : "");
  }

  function filterLink(name, n) {
    var f = filters[name];
    var value = escapeHtml(String(f.values[n]));
    return f.paths[n] ? '<a href="' + escapeHtml(root + f.paths[n]) + '">' + value + "</a>" : value;
  }

  function renderHit(hit, terms) {
    var doc = hit.doc;
    var meta = ['<span class="search-kind">' + escapeHtml(doc.kindLabel) + "</span>"];
    index.filters.forEach(function (f, n) {
      if (doc.slots[n] >= 0) meta.push("<span>" + filterLink(f.name, doc.slots[n]) + "</span>");
    });
    return '<li class="search-result">' +
      '<h2 class="search-result-title"><a href="' + escapeHtml(doc.url) + '">' + highlight(doc.title, terms) + "</a></h2>" +
      '<p class="search-result-meta">' + meta.join("") + "</p>" +
      '<p class="search-snippet">' + snippet(doc, terms) + "</p></li>";
  }

  function renderBrowse(chosen) {
    var links = chosen.filter(function (c) { return filters[c.name].paths[c.index]; }).map(function (c) {
      var f = filters[c.name];
      return '<a href="' + escapeHtml(root + f.paths[c.index]) + '">' + escapeHtml(f.title + "：" + f.values[c.index]) + "</a>";
    });
    browse.hidden = !links.length;
    browse.innerHTML = links.length ? "分类浏览：" + links.join("、") : "";
  }

  function updateUrl(query, chosen) {
    var params = [];
    if (query) params.push("q=" + encodeURIComponent(query));
    chosen.forEach(function (c) {
      params.push(c.name + "=" + encodeURIComponent(filters[c.name].values[c.index]));
    });
    var url = location.pathname + (params.length ? "?" + params.join("&") : "") + location.hash;
    try { history.replaceState(null, "", url); } catch (e) { /* some file:// set-ups refuse */ }
  }

  var lastQuery = null;

  function run() {
    var started = performance.now();
    var query = input.value.trim();
    var terms = parseTerms(query);
    var chosen = chosenFilters();
    var key = query + "\u0000" + JSON.stringify(chosen);
    if (key !== lastQuery) updateUrl(query, chosen);
    lastQuery = key;
    renderBrowse(chosen);
    if (!terms.length && !chosen.length) {
      list.innerHTML = "";
      status.textContent = "";
      list.setAttribute("data-state", "done");
      return;
    }
    var found = search(terms, chosen);
    found.needed.forEach(loadShard);
    var pending = found.needed.length > 0;
    var total = found.hits.length;
    list.innerHTML = found.hits.slice(0, LIMIT).map(function (h) { return renderHit(h, terms); }).join("");
    var text = total === 0 ? (pending ? "" : "没有找到符合条件的结果")
      : total > LIMIT ? "显示前 " + LIMIT + " 条，共 " + total + " 条" : "共 " + total + " 条结果";
    if (pending) text += (text ? "，" : "") + "正在检索事迹全文…";
    status.textContent = text;
    list.setAttribute("data-state", pending ? "loading" : "done");
    list.setAttribute("data-ms", (performance.now() - started).toFixed(1));
  }

  var timer = null;
  function scheduleRun(delay) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  index.filters.forEach(function (f) {
    var select = document.getElementById("search-" + f.name);
    if (!select) return;
    if (!f.values.length) {
      var box = select.closest("[data-filter-box]");
      if (box) box.hidden = true;
      return;
    }
    f.values.forEach(function (value, n) {
      var option = document.createElement("option");
      option.value = String(n);
      option.textContent = value;
      select.appendChild(option);
    });
    selects[f.name] = select;
    select.addEventListener("change", function () { scheduleRun(0); });
  });

  input.addEventListener("input", function () { scheduleRun(DEBOUNCE_MS); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    scheduleRun(0);
  });

  // ?q=…&category=… from a shared link or the header's search box.
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  Object.keys(selects).forEach(function (name) {
    var wanted = params.get(name);
    var n = wanted === null ? -1 : filters[name].values.map(String).indexOf(wanted);
    if (n >= 0) selects[name].value = String(n);
  });
  window.laurelSearch = { run: run, search: search, parseTerms: parseTerms };
  run();
  if (!input.value) input.focus();
})();
