// laurel default theme: text size, high contrast and read-aloud (适老化).
// The choices are kept in localStorage, which works for a site opened from
// disk too; read-aloud uses the browser's own speech, offline.
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "laurel-text-size";
  var CONTRAST_KEY = "laurel-contrast";
  var SIZES = ["standard", "large", "xlarge"];

  function load(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      // Storage refused (private mode): the choice lasts for this page only.
    }
  }

  function applySize(size) {
    if (SIZES.indexOf(size) < 0) size = "standard";
    if (size === "standard") root.removeAttribute("data-text-size");
    else root.setAttribute("data-text-size", size);
    return size;
  }

  function applyContrast(high) {
    if (high) root.setAttribute("data-contrast", "high");
    else root.removeAttribute("data-contrast");
  }

  // Before the page is drawn, so it never flashes in the wrong size.
  var size = applySize(load(SIZE_KEY));
  var high = load(CONTRAST_KEY) === "high";
  applyContrast(high);

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  function wireSizes(bar) {
    var buttons = bar.querySelectorAll("button[data-text-size]");
    function show() {
      each(buttons, function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-text-size") === size));
      });
    }
    each(buttons, function (b) {
      b.addEventListener("click", function () {
        size = applySize(b.getAttribute("data-text-size"));
        save(SIZE_KEY, size);
        show();
      });
    });
    show();
  }

  function wireContrast(bar) {
    var button = bar.querySelector("button[data-contrast]");
    if (!button) return;
    button.setAttribute("aria-pressed", String(high));
    button.addEventListener("click", function () {
      high = !high;
      applyContrast(high);
      save(CONTRAST_KEY, high ? "high" : "standard");
      button.setAttribute("aria-pressed", String(high));
    });
  }

  // The article's title and text, cut at sentence ends so long stories are
  // not cut off by speech engines that stop after a while.
  function sentences() {
    var article = document.querySelector("main article") || document.getElementById("main");
    var title = article.querySelector("h1");
    var body = article.querySelector(".prose");
    var text = (title ? title.innerText + "。\n" : "") + (body || article).innerText;
    var parts = text.match(/[^。！？!?\n]+[。！？!?]*/g) || [];
    var out = [];
    each(parts, function (p) {
      p = p.trim();
      if (p) out.push(p);
    });
    return out;
  }

  function wireReadAloud(bar) {
    var button = bar.querySelector("button[data-read-aloud]");
    var synth = window.speechSynthesis;
    if (!button || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
    var label = button.textContent;
    var speaking = false;
    function stop() {
      speaking = false;
      synth.cancel();
      button.textContent = label;
    }
    button.addEventListener("click", function () {
      if (speaking) return stop();
      speaking = true;
      button.textContent = "停止朗读";
      var list = sentences();
      for (var i = 0; i < list.length; i++) {
        var u = new window.SpeechSynthesisUtterance(list[i]);
        u.lang = root.lang || "zh-CN";
        u.rate = 0.9;
        if (i === list.length - 1) u.onend = stop;
        synth.speak(u);
      }
    });
    button.hidden = false;
  }

  function wire() {
    var bar = document.getElementById("a11y-bar");
    if (!bar) return;
    wireSizes(bar);
    wireContrast(bar);
    wireReadAloud(bar);
    bar.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
