// laurel's editor: the filter of the page list, the tag inputs, the live
// preview of a page, saving it (and its conflicts), deleting it, and new
// pages. No build step.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="laurel-csrf"]').content;
  // The words of the editor in the site's language, handed over by the
  // page (src/serve/edit/pages.rs); `word(key, { name: value })` puts each
  // value in for its `{name}`.
  var words = JSON.parse(document.getElementById("laurel-words").textContent);
  function word(key, args) {
    return words[key].replace(/\{(\w+)\}/g, function (all, name) { return args && name in args ? args[name] : all; });
  }

  function post(api, body) {
    return fetch("api/" + api, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Laurel-Csrf": csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (text) {
        try { return JSON.parse(text); } catch (e) { return { status: "error", message: text }; }
      });
    });
  }

  function say(text) {
    var status = document.getElementById("status");
    if (status) status.textContent = text;
  }

  // The page list: the filter searches every page of the site. Their
  // titles, addresses and files are fetched once, while the clerk reads the
  // list, and the text each is searched by is made once; the matches show
  // in place of the sections, a part at a time.
  var filter = document.getElementById("filter");
  if (filter) {
    var results = document.getElementById("results");
    var shelves = document.getElementById("shelves");
    var count = document.getElementById("count");
    var more = document.getElementById("more");
    var all = null, hits = [], step = 200, shown = step;
    var load = function () {
      all = all || fetch("pages.json").then(function (r) { return r.json(); }).then(function (entries) {
        entries.forEach(function (e) { e.text = (e.title + " " + e.path + " " + e.file).toLowerCase(); });
        return entries;
      });
      return all;
    };
    var row = function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "page?file=" + encodeURIComponent(e.file);
      a.textContent = e.title;
      var code = document.createElement("code");
      code.textContent = e.file;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(code);
      return li;
    };
    var render = function () {
      var part = document.createDocumentFragment();
      hits.slice(0, shown).forEach(function (e) { part.appendChild(row(e)); });
      results.textContent = "";
      results.appendChild(part);
      more.hidden = hits.length <= shown;
      count.textContent = hits.length > shown
        ? word("edit_script_count_part", { count: hits.length, shown: shown })
        : word(hits.length === 1 ? "edit_script_count_one" : "edit_script_count", { count: hits.length });
    };
    var show = function () {
      var q = filter.value.trim().toLowerCase();
      shelves.hidden = !!q;
      results.hidden = !q;
      if (!q) { count.textContent = ""; more.hidden = true; return; }
      load().then(function (entries) {
        if (filter.value.trim().toLowerCase() !== q) return;
        hits = entries.filter(function (e) { return e.text.indexOf(q) >= 0; });
        shown = step;
        render();
      });
    };
    more.addEventListener("click", function () { shown += step; render(); });
    filter.addEventListener("input", show);
    show();
    (window.requestIdleCallback || setTimeout)(load);
  }

  // Tag inputs: Enter or a comma adds the text as a tag; × removes one.
  Array.prototype.forEach.call(document.querySelectorAll(".tags"), function (box) {
    var input = box.querySelector("input");
    var list = box.querySelector("ul");
    var add = function () {
      var text = input.value.replace(/[,，、]$/, "").trim();
      if (!text) return;
      var li = document.createElement("li");
      var span = document.createElement("span");
      span.textContent = text;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove";
      remove.setAttribute("aria-label", word("edit_ui_remove_tag", { tag: text }));
      remove.textContent = "×";
      li.appendChild(span);
      li.appendChild(remove);
      list.appendChild(li);
      input.value = "";
    };
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === ",") { e.preventDefault(); add(); }
    });
    input.addEventListener("input", function () { if (/[,，、]$/.test(input.value)) add(); });
    list.addEventListener("click", function (e) {
      if (e.target.classList.contains("remove")) { e.target.parentNode.remove(); input.focus(); }
    });
    box.addTag = add;
  });

  // A page's form.
  var form = document.getElementById("page-form");
  if (form) {
    // The form's values; text typed in a tag input becomes a tag, or for
    // a preview (`peek`) counts as one without becoming one yet.
    var values = function (peek) {
      var fields = {};
      Array.prototype.forEach.call(form.querySelectorAll("[data-name]"), function (el) {
        var name = el.getAttribute("data-name");
        var type = el.getAttribute("data-type");
        if (type === "bool") fields[name] = el.checked;
        else if (type === "list") {
          if (!peek) el.addTag();
          fields[name] = Array.prototype.map.call(el.querySelectorAll("li span"), function (s) { return s.textContent; });
          var typing = el.querySelector("input").value.replace(/[,，、]$/, "").trim();
          if (peek && typing) fields[name].push(typing);
        } else fields[name] = el.value;
      });
      return fields;
    };
    var clearErrors = function () {
      document.getElementById("problems").textContent = "";
      Array.prototype.forEach.call(form.querySelectorAll(".error"), function (p) { p.textContent = ""; });
      Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
    };
    // Errors beside their fields; a save also says so and moves to the
    // first, a preview (`quiet`) leaves the focus where the typing is.
    var showErrors = function (answer, quiet) {
      var first = null;
      Object.keys(answer.fields || {}).forEach(function (name) {
        var p = document.getElementById("e-" + name);
        var input = document.getElementById("f-" + name);
        if (p) p.textContent = answer.fields[name];
        if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
      });
      var problems = (answer.problems || []).join("\n");
      if (answer.message) problems = answer.message;
      var lead = word(quiet ? "edit_script_preview_stale" : "edit_script_not_saved") + "\n";
      document.getElementById("problems").textContent = problems ? lead + problems : "";
      if (quiet) return;
      say(word("edit_script_fix"));
      if (first) first.focus();
    };
    var save = function (version) {
      clearErrors();
      say(word("edit_script_saving"));
      var body = document.getElementById("body").value;
      post("save", { file: form.dataset.file, version: version, fields: values(), body: body }).then(function (answer) {
        if (answer.status === "done") {
          form.dataset.version = answer.version;
          document.getElementById("conflict").hidden = true;
          say(word("edit_script_saved"));
        } else if (answer.status === "conflict") {
          var box = document.getElementById("conflict");
          document.getElementById("mine").textContent = body;
          document.getElementById("theirs").textContent = answer.theirs;
          box.dataset.version = answer.version;
          box.hidden = false;
          say(word("edit_script_conflict"));
          document.getElementById("keep-mine").focus();
        } else {
          showErrors(answer);
        }
      });
    };
    form.addEventListener("submit", function (e) { e.preventDefault(); save(form.dataset.version); });

    // The live preview: a short moment after typing stops, the page as the
    // form holds it, rendered by the server as a save would render it; one
    // request at a time, an answer for text changed since dropped, and the
    // last good page kept while the form has errors.
    var frame = document.getElementById("preview");
    var waiting = null, edits = 0, asking = false, again = false;
    var draft = function () {
      waiting = null;
      if (asking) { again = true; return; }
      asking = true;
      again = false;
      var at = edits;
      var sent = { file: form.dataset.file, fields: values(true), body: document.getElementById("body").value };
      var done = function () {
        asking = false;
        if (again) draft();
      };
      post("preview", sent).then(function (answer) {
        done();
        if (at !== edits) return;
        clearErrors();
        if (answer.status === "preview") showDraft(answer.html);
        else showErrors(answer, true);
      }, done);
    };
    var showDraft = function (html) {
      var view = frame.contentWindow;
      var y = view ? view.scrollY : 0;
      frame.onload = function () {
        frame.onload = null;
        frame.contentWindow.scrollTo(0, y);
      };
      frame.srcdoc = html;
    };
    var typed = function (e) {
      if (e.target.closest(".upload")) return;
      edits += 1;
      clearTimeout(waiting);
      waiting = setTimeout(draft, 300);
    };
    if (frame) {
      form.addEventListener("input", typed);
      form.addEventListener("change", typed);
      form.addEventListener("click", function (e) {
        if (e.target.classList.contains("remove")) typed(e);
      });
    }
    document.getElementById("keep-mine").addEventListener("click", function () {
      save(document.getElementById("conflict").dataset.version);
    });
    document.getElementById("take-theirs").addEventListener("click", function () { location.reload(); });
    document.getElementById("delete").addEventListener("click", function () {
      if (!confirm(word("edit_script_confirm_delete"))) return;
      post("delete", { file: form.dataset.file }).then(function (answer) {
        if (answer.trash) {
          form.innerHTML = "";
          var p = document.createElement("p");
          p.textContent = word("edit_script_deleted", { trash: answer.trash });
          var back = document.createElement("a");
          back.href = "./";
          back.textContent = word("edit_script_back");
          form.appendChild(p);
          form.appendChild(back);
          back.focus();
        } else showErrors(answer);
      });
    });
  }

  // The new-page form: the address as the title is typed, then create.
  var newForm = document.getElementById("new-form");
  if (newForm) {
    var request = function () {
      return {
        kind: document.getElementById("kind").value,
        section: document.getElementById("section").value,
        title: document.getElementById("title").value
      };
    };
    var planned = document.getElementById("planned");
    var timer = null;
    var plan = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (!request().title.trim()) { planned.textContent = word("edit_ui_address_later"); return; }
        post("plan", request()).then(function (answer) {
          planned.textContent = answer.path ? word("edit_script_planned", answer) : answer.message;
        });
      }, 150);
    };
    ["kind", "section", "title"].forEach(function (id) {
      document.getElementById(id).addEventListener("input", plan);
    });
    newForm.addEventListener("submit", function (e) {
      e.preventDefault();
      say(word("edit_script_creating"));
      post("create", request()).then(function (answer) {
        if (answer.file) location.href = "page?file=" + encodeURIComponent(answer.file);
        else {
          document.getElementById("problems").textContent = answer.message;
          say(word("edit_script_not_created"));
        }
      });
    });
  }
})();
