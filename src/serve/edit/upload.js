// laurel's editor, uploads: a photo for the open page (drag and drop, or
// the file picker, which on a phone offers the camera and the album), and
// an award list imported from an .xlsx or .csv file — its sheet, its rows,
// the columns to show and their order, the names that are persons' pages
// and the cells holding personal numbers, all seen before saving.
(function () {
  "use strict";
  var form = document.getElementById("page-form");
  if (!form) return;
  var csrf = document.querySelector('meta[name="laurel-csrf"]').content;
  // The words of the editor in the site's language, handed over by the
  // page (src/serve/edit/pages.rs); `word(key, { name: value })` puts each
  // value in for its `{name}`.
  var words = JSON.parse(document.getElementById("laurel-words").textContent);
  function word(key, args) {
    return words[key].replace(/\{(\w+)\}/g, function (all, name) { return args && name in args ? args[name] : all; });
  }
  var MAX = 20 * 1024 * 1024;

  // Unsaved changes are lost when the page reloads after an upload.
  var dirty = false;
  form.addEventListener("input", function (e) { if (!e.target.closest(".upload")) dirty = true; });
  var status = document.getElementById("status");
  if (status) {
    new MutationObserver(function () {
      if (status.textContent === word("edit_script_saved")) dirty = false;
    }).observe(status, { childList: true, characterData: true, subtree: true });
  }
  function mayReload() {
    return !dirty || confirm(word("upload_script_unsaved"));
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function upload(api, params, file) {
    var query = params.map(function (p) { return p[0] + "=" + encodeURIComponent(p[1]); }).join("&");
    return fetch("api/upload/" + api + "?" + query, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream", "X-Laurel-Csrf": csrf },
      body: file
    }).then(function (r) {
      return r.text().then(function (text) {
        try { return JSON.parse(text); } catch (e) { return { status: "error", message: text }; }
      });
    }, function () { return { status: "error", message: word("upload_script_offline") }; });
  }

  function page() { return [["file", form.dataset.file], ["version", form.dataset.version]]; }

  // Opens the page's form again once the rebuild that follows the upload
  // knows the page (a page that became a bundle has a new file); at most 10 s.
  function reopen(file) {
    var url = "page?file=" + encodeURIComponent(file);
    var tries = 0;
    var poll = function () {
      fetch(url).then(function (r) { return r.text(); }).then(function (html) {
        if (html.indexOf('id="preview"') >= 0 || ++tries > 30) location.href = url;
        else setTimeout(poll, 300);
      }, function () { location.href = url; });
    };
    poll();
  }

  // A drop zone that also holds a file input; `take` gets the chosen file.
  function dropZone(id, label, accept, take) {
    var zone = el("div", { "class": "drop" });
    var input = el("input", { type: "file", id: id, accept: accept });
    zone.appendChild(el("label", { "for": id }, label));
    zone.appendChild(input);
    input.addEventListener("change", function () { if (input.files[0]) take(input.files[0]); input.value = ""; });
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer.files[0]) take(e.dataTransfer.files[0]);
    });
    return zone;
  }

  // Photos: beside the photo field.
  var photoField = document.getElementById("f-photo");
  if (photoField) {
    var box = el("div", { "class": "upload", id: "photo-upload" });
    var altId = "photo-alt-text";
    var said = el("p", { role: "status", id: "photo-status" });
    var altValue = document.getElementById("f-photo_alt");
    var title = document.getElementById("f-title");
    var alt = el("input", { type: "text", id: altId });
    alt.value = (altValue && altValue.value) || (title && title.value) || "";
    box.appendChild(dropZone("photo-file", word("upload_script_photo_drop"),
      "image/jpeg,image/png,image/webp", function (file) {
        if (file.size > MAX) { said.textContent = word("upload_script_photo_big"); return; }
        if (!mayReload()) return;
        said.textContent = word("upload_script_uploading", { name: file.name });
        upload("photo", page().concat([["name", file.name], ["alt", alt.value]]), file).then(function (answer) {
          if (answer.file) { said.textContent = word("upload_script_photo_saved"); reopen(answer.file); }
          else said.textContent = word("upload_script_not_uploaded", answer);
        });
      }));
    var altP = el("p");
    altP.appendChild(el("label", { "for": altId }, word("upload_script_alt")));
    altP.appendChild(alt);
    box.appendChild(altP);
    box.appendChild(said);
    (photoField.closest(".field") || photoField).after(box);
  }

  // Award lists: when the page has a `columns` field.
  var columnsField = form.querySelector('[data-name="columns"]');
  if (columnsField) {
    var section = el("section", { "class": "upload", id: "sheet-import", "aria-labelledby": "sheet-title" });
    section.appendChild(el("h2", { id: "sheet-title" }, word("upload_script_sheet_title")));
    var sheetSaid = el("p", { role: "status", id: "sheet-status" });
    var chooser = el("div", { id: "sheet-choose", hidden: "" });
    var current = null;
    section.appendChild(dropZone("sheet-file", word("upload_script_sheet_drop"),
      ".xlsx,.csv,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv",
      function (file) {
        if (file.size > MAX) { sheetSaid.textContent = word("upload_script_sheet_big"); return; }
        current = { file: file, sheet: "" };
        preview();
      }));
    section.appendChild(chooser);
    section.appendChild(sheetSaid);
    (columnsField.closest(".field") || columnsField).after(section);

    var preview = function () {
      sheetSaid.textContent = word("upload_script_reading", { name: current.file.name });
      upload("sheet", [["name", current.file.name], ["sheet", current.sheet]], current.file).then(function (answer) {
        if (!answer.columns) { chooser.hidden = true; sheetSaid.textContent = word("upload_script_not_read", answer); return; }
        current.sheet = answer.sheet || "";
        show(answer);
        sheetSaid.textContent = word("upload_script_rows", { rows: answer.total_rows });
      });
    };

    // What a personal number is: `resident_id`, `mobile` or `bank_card`.
    var kindOf = function (kind) { return word("personal_" + kind); };

    var show = function (answer) {
      chooser.textContent = "";
      chooser.hidden = false;
      if (answer.sheets.length) {
        var p = el("p");
        p.appendChild(el("label", { "for": "sheet-name" }, word("upload_script_sheet_name")));
        var select = el("select", { id: "sheet-name" });
        answer.sheets.forEach(function (name) {
          var option = el("option", { value: name }, name);
          if (name === answer.sheet) option.selected = true;
          select.appendChild(option);
        });
        select.addEventListener("change", function () { current.sheet = select.value; preview(); });
        p.appendChild(select);
        chooser.appendChild(p);
      }
      if (answer.personal.length) {
        var warn = el("div", { "class": "personal", role: "alert", id: "sheet-personal" });
        warn.appendChild(el("p", {}, word("upload_script_personal")));
        var ul = el("ul");
        answer.personal.forEach(function (c) {
          ul.appendChild(el("li", {}, word("upload_script_personal_cell",
            { row: c.row + 1, column: c.column_name, kind: kindOf(c.kind), masked: c.masked })));
        });
        warn.appendChild(ul);
        if (answer.personal_total > answer.personal.length) {
          warn.appendChild(el("p", {}, word("upload_script_personal_more", { count: answer.personal_total - answer.personal.length })));
        }
        chooser.appendChild(warn);
      }
      chooser.appendChild(columnPicker(answer.columns));
      chooser.appendChild(rowTable(answer));
      var save = el("button", { type: "button", id: "sheet-save" }, word("upload_script_save"));
      save.addEventListener("click", function () {
        var chosen = Array.prototype.filter.call(chooser.querySelectorAll("#sheet-columns input"), function (c) { return c.checked; })
          .map(function (c) { return ["column", c.value]; });
        if (!chosen.length) { sheetSaid.textContent = word("upload_script_no_column"); return; }
        if (!mayReload()) return;
        sheetSaid.textContent = word("edit_script_saving");
        upload("sheet-save", page().concat([["name", current.file.name], ["sheet", current.sheet]], chosen), current.file)
          .then(function (saved) {
            if (saved.file) { sheetSaid.textContent = word("upload_script_list_saved"); reopen(saved.file); }
            else sheetSaid.textContent = word("upload_script_not_saved", saved);
          });
      });
      chooser.appendChild(save);
    };

    // Columns to show, in order: a checkbox each, moved with ↑ and ↓.
    var columnPicker = function (columns) {
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", {}, word("upload_script_columns")));
      var list = el("ol", { id: "sheet-columns" });
      columns.forEach(function (name, i) {
        if (name === "") return;
        var li = el("li");
        var box = el("input", { type: "checkbox", id: "col-" + i, value: name });
        box.checked = name !== "person_slug";
        li.appendChild(box);
        li.appendChild(el("label", { "for": "col-" + i }, name));
        [["↑", "upload_script_up", -1], ["↓", "upload_script_down", 1]].forEach(function (m) {
          var b = el("button", { type: "button", "aria-label": word(m[1], { name: name }) }, m[0]);
          b.addEventListener("click", function () {
            var other = m[2] < 0 ? li.previousElementSibling : li.nextElementSibling;
            if (!other) return;
            if (m[2] < 0) list.insertBefore(li, other); else list.insertBefore(other, li);
            b.focus();
          });
          li.appendChild(b);
        });
        list.appendChild(li);
      });
      fieldset.appendChild(list);
      return fieldset;
    };

    // The first rows, names of persons as links, personal numbers marked.
    var rowTable = function (answer) {
      var at = function (list, r, c) {
        for (var i = 0; i < list.length; i++) if (list[i].row === r && list[i].column === c) return list[i];
        return null;
      };
      var wrap = el("div", { "class": "table-wrap" });
      var table = el("table", { id: "sheet-rows" });
      table.appendChild(el("caption", {}, word("upload_script_caption", { rows: answer.rows.length })));
      var head = el("tr");
      answer.columns.forEach(function (c) { head.appendChild(el("th", { scope: "col" }, c)); });
      table.appendChild(head);
      answer.rows.forEach(function (row, r) {
        var tr = el("tr");
        row.forEach(function (cell, c) {
          var td = el("td");
          var name = at(answer.names, r, c);
          var personal = at(answer.personal, r, c);
          if (name) {
            var a = el("a", { href: "../../" + name.urls[0], target: "_blank" }, cell);
            td.appendChild(a);
          } else td.textContent = cell;
          if (personal) { td.className = "personal"; td.title = word("upload_script_not_publishable", { kind: kindOf(personal.kind) }); }
          tr.appendChild(td);
        });
        table.appendChild(tr);
      });
      wrap.appendChild(table);
      return wrap;
    };
  }
})();
