/* laurel search: runs in the page, from any static server and from disk.
 * search/meta.js (window.LAUREL_SEARCH, loaded by the page) says how the index
 * is split; the rest comes as <script> tags, only the files a query needs:
 * search/index-N.js, the pages of each character and each pair of
 * neighbouring characters whose hash is N, with the first results of each;
 * search/pages-N.js, the titles and summaries of more results;
 * search/filters.js, the pages of each filter value. No network beyond the
 * site's own files, no third-party code. A term of one character is looked
 * up as such, a longer one by each pair of its characters (so 雷锋 finds
 * 学雷锋); Latin text matches case-insensitively; every space-separated term
 * must match; title > honours and fields > summary > text. */
(function () {
  "use strict";

  var index = window.LAUREL_SEARCH;
  var form = document.getElementById("search-form");
  if (!index || !form) return;

  var LIMIT = 50;
  var DEBOUNCE_MS = 120;
  // Score of a term by where it was found: text, summary, fields, title, title start.
  var SCORES = [10, 20, 100, 400, 600];
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

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

  var digitOf = {};
  for (var d = 0; d < DIGITS.length; d++) digitOf[DIGITS.charAt(d)] = d;
  var decoded = {};
  var scripts = {};

  /* Adds search/NAME to the page once; the search runs again when it is in. */
  function load(name) {
    if (scripts[name]) return;
    scripts[name] = true;
    var script = document.createElement("script");
    script.src = root + "search/" + name;
    script.onload = script.onerror = function () {
      scripts[name] = "done";
      scheduleRun(0);
    };
    document.head.appendChild(script);
  }

  /* Postings as written by src/render/search/postings.rs: page number → rank. */
  function decode(text) {
    var pages = new Map();
    var next = 0, value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = digitOf[text.charAt(i)];
      value += (digit & 31) * scale;
      if (digit >= 32) { scale *= 32; continue; }
      var page = next + Math.floor(value / 5);
      pages.set(page, value % 5);
      next = page + 1;
      value = 0;
      scale = 1;
    }
    return pages;
  }

  /* The shard of a key: FNV-1a over its code points, as postings.rs computes it. */
  function shardOf(key) {
    var hash = 0x811c9dc5;
    for (var c of key) hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0;
    return hash % index.index_shards;
  }

  /* The keys of a term: itself if one character, else each pair of neighbours. */
  function termKeys(term) {
    var chars = Array.from(term);
    if (chars.length === 1) return chars;
    var keys = [];
    for (var i = 0; i + 1 < chars.length; i++) keys.push(chars[i] + chars[i + 1]);
    return keys;
  }

  /* Page number → rank of a key; null while its shard is not loaded. */
  function postings(key) {
    var shard = (window.LAUREL_SEARCH_INDEX || {})[shardOf(key)];
    if (!shard) return null;
    if (!decoded[key]) decoded[key] = decode(shard.keys[key] || "");
    return decoded[key];
  }

  /* Page number → rank of a term: pages holding every key, ranked by the
   * lowest (the title start counts only for the first key). */
  function termRanks(term) {
    var keys = termKeys(term);
    var ranks = new Map(postings(keys[0]));
    for (var i = 1; i < keys.length; i++) {
      var more = postings(keys[i]);
      ranks.forEach(function (rank, page) {
        var r = more.get(page);
        if (r === undefined) ranks.delete(page);
        else ranks.set(page, Math.min(rank, r >= 3 ? 4 : r));
      });
    }
    return ranks;
  }

  /* The display row of a page: [title, kind, folder, summary, filter slots]. */
  function rowOf(page) {
    var rows = (window.LAUREL_SEARCH_PAGES || {})[Math.floor(page / index.pages_per_shard)];
    if (rows) return rows[page % index.pages_per_shard];
    var shards = window.LAUREL_SEARCH_INDEX || {};
    for (var n in shards) {
      if (shards[n].rows[page]) return shards[n].rows[page];
    }
    return null;
  }

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

  function chosenFilters() {
    var chosen = [];
    Object.keys(selects).forEach(function (name) {
      var value = selects[name].value;
      if (value !== "") chosen.push({ name: name, slot: slotOf[name], index: Number(value) });
    });
    return chosen;
  }

  /* The files a query needs that are not in yet. */
  function missing(terms, chosen) {
    var names = {};
    terms.forEach(function (t) {
      termKeys(t).forEach(function (k) { if (!postings(k)) names["index-" + shardOf(k) + ".js"] = true; });
    });
    if (chosen.length && !window.LAUREL_SEARCH_FILTERS) names["filters.js"] = true;
    return Object.keys(names);
  }

  /* The pages passing the chosen filters, as a set; null for no filter. */
  function passing(chosen) {
    var pass = null;
    chosen.forEach(function (c) {
      var pages = decode(window.LAUREL_SEARCH_FILTERS[c.slot][c.index] || "");
      if (pass) pages.forEach(function (r, page) { if (!pass.has(page)) pages.delete(page); });
      pass = pages;
    });
    return pass;
  }

  /* The search itself, once its files are in: pages passing the filters and
   * matching every term, best first. */
  function search(terms, chosen) {
    var scores = null;
    terms.forEach(function (t) {
      var next = new Map();
      termRanks(t).forEach(function (rank, page) {
        if (!scores) next.set(page, SCORES[rank]);
        else if (scores.has(page)) next.set(page, scores.get(page) + SCORES[rank]);
      });
      scores = next;
    });
    var pass = passing(chosen);
    var hits = [];
    (scores || pass).forEach(function (score, page) {
      if (!pass || pass.has(page)) hits.push({ page: page, score: scores ? score : 0 });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    return hits;
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

  function filterLink(name, n) {
    var f = filters[name];
    var value = escapeHtml(String(f.values[n]));
    return f.paths[n] ? '<a href="' + escapeHtml(root + f.paths[n]) + '">' + value + "</a>" : value;
  }

  function renderHit(row, terms) {
    var slots = row[4];
    var meta = ['<span class="search-kind">' + escapeHtml(index.kind_labels[row[1]]) + "</span>"];
    index.filters.forEach(function (f, n) {
      if (slots[n] >= 0) meta.push("<span>" + filterLink(f.name, slots[n]) + "</span>");
    });
    return '<li class="search-result">' +
      '<h2 class="search-result-title"><a href="' + escapeHtml(root + row[2] + index.suffix) + '">' + highlight(row[0], terms) + "</a></h2>" +
      '<p class="search-result-meta">' + meta.join("") + "</p>" +
      '<p class="search-snippet">' + highlight(row[3], terms) + "</p></li>";
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
    var needed = missing(terms, chosen);
    if (needed.length) {
      needed.forEach(load);
      status.textContent = "正在检索…";
      list.setAttribute("data-state", "loading");
      return;
    }
    var hits = search(terms, chosen);
    var total = hits.length;
    // The first results whose rows are in; the rest once their pages-N.js is.
    var rows = [];
    var later = {};
    hits.slice(0, LIMIT).forEach(function (hit, at) {
      var row = rowOf(hit.page);
      if (row && rows.length === at) rows.push(row);
      if (!row) later["pages-" + Math.floor(hit.page / index.pages_per_shard) + ".js"] = true;
    });
    var pending = Object.keys(later);
    pending.forEach(load);
    list.innerHTML = rows.map(function (row) { return renderHit(row, terms); }).join("");
    status.textContent = total === 0 ? "没有找到符合条件的结果"
      : total > LIMIT ? "显示前 " + LIMIT + " 条，共 " + total + " 条" : "共 " + total + " 条结果";
    list.setAttribute("data-state", pending.length ? "loading" : "done");
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
