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
  var MAX = 20 * 1024 * 1024;

  // Unsaved changes are lost when the page reloads after an upload.
  var dirty = false;
  form.addEventListener("input", function (e) { if (!e.target.closest(".upload")) dirty = true; });
  var status = document.getElementById("status");
  if (status) {
    new MutationObserver(function () {
      if (status.textContent.indexOf("已保存") === 0) dirty = false;
    }).observe(status, { childList: true, characterData: true, subtree: true });
  }
  function mayReload() {
    return !dirty || confirm("本页有未保存的修改。上传后页面会重新载入，未保存的修改会丢失。继续吗？");
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
    }, function () { return { status: "error", message: "连接不上 laurel serve，请确认它仍在运行。" }; });
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
    box.appendChild(dropZone("photo-file", "上传照片（JPEG、PNG 或 WebP，不超过 20 MB）：拖到这里，或点此选择",
      "image/jpeg,image/png,image/webp", function (file) {
        if (file.size > MAX) { said.textContent = "照片超过 20 MB，请先缩小（长边 4000 像素足够）再上传。"; return; }
        if (!mayReload()) return;
        said.textContent = "正在上传 " + file.name + "…";
        upload("photo", page().concat([["name", file.name], ["alt", alt.value]]), file).then(function (answer) {
          if (answer.file) { said.textContent = "照片已保存，正在重新载入…"; reopen(answer.file); }
          else said.textContent = "未能上传：" + answer.message;
        });
      }));
    var altP = el("p");
    altP.appendChild(el("label", { "for": altId }, "照片说明（给看不到照片的读者，默认为姓名）"));
    altP.appendChild(alt);
    box.appendChild(altP);
    box.appendChild(said);
    (photoField.closest(".field") || photoField).after(box);
  }

  // Award lists: when the page has a `columns` field.
  var columnsField = form.querySelector('[data-name="columns"]');
  if (columnsField) {
    var section = el("section", { "class": "upload", id: "sheet-import", "aria-labelledby": "sheet-title" });
    section.appendChild(el("h2", { id: "sheet-title" }, "从表格导入名单"));
    var sheetSaid = el("p", { role: "status", id: "sheet-status" });
    var chooser = el("div", { id: "sheet-choose", hidden: "" });
    var current = null;
    section.appendChild(dropZone("sheet-file", "选择 Excel 表格（.xlsx）或 CSV 文件，或拖到这里",
      ".xlsx,.csv,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv",
      function (file) {
        if (file.size > MAX) { sheetSaid.textContent = "表格超过 20 MB，请只保留名单再上传。"; return; }
        current = { file: file, sheet: "" };
        preview();
      }));
    section.appendChild(chooser);
    section.appendChild(sheetSaid);
    (columnsField.closest(".field") || columnsField).after(section);

    var preview = function () {
      sheetSaid.textContent = "正在读取 " + current.file.name + "…";
      upload("sheet", [["name", current.file.name], ["sheet", current.sheet]], current.file).then(function (answer) {
        if (!answer.columns) { chooser.hidden = true; sheetSaid.textContent = "未能读取：" + answer.message; return; }
        current.sheet = answer.sheet || "";
        show(answer);
        sheetSaid.textContent = "共 " + answer.total_rows + " 行。请选择要显示的列，确认后保存。";
      });
    };

    var KINDS = { resident_id: "身份证号", mobile: "手机号", bank_card: "银行卡号" };

    var show = function (answer) {
      chooser.textContent = "";
      chooser.hidden = false;
      if (answer.sheets.length) {
        var p = el("p");
        p.appendChild(el("label", { "for": "sheet-name" }, "工作表"));
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
        warn.appendChild(el("p", {}, "表中有个人信息，不能原样发布。请在表格里删去，或在本页设置 mask 打码发布："));
        var ul = el("ul");
        answer.personal.forEach(function (c) {
          ul.appendChild(el("li", {}, "第 " + (c.row + 1) + " 行「" + c.column_name + "」：" + KINDS[c.kind] + " " + c.masked));
        });
        warn.appendChild(ul);
        if (answer.personal_total > answer.personal.length) {
          warn.appendChild(el("p", {}, "另有 " + (answer.personal_total - answer.personal.length) + " 处未列出。"));
        }
        chooser.appendChild(warn);
      }
      chooser.appendChild(columnPicker(answer.columns));
      chooser.appendChild(rowTable(answer));
      var save = el("button", { type: "button", id: "sheet-save" }, "保存名单");
      save.addEventListener("click", function () {
        var chosen = Array.prototype.filter.call(chooser.querySelectorAll("#sheet-columns input"), function (c) { return c.checked; })
          .map(function (c) { return ["column", c.value]; });
        if (!chosen.length) { sheetSaid.textContent = "请至少选择一列。"; return; }
        if (!mayReload()) return;
        sheetSaid.textContent = "正在保存…";
        upload("sheet-save", page().concat([["name", current.file.name], ["sheet", current.sheet]], chosen), current.file)
          .then(function (saved) {
            if (saved.file) { sheetSaid.textContent = "名单已保存，正在重新载入…"; reopen(saved.file); }
            else sheetSaid.textContent = "未能保存：" + saved.message;
          });
      });
      chooser.appendChild(save);
    };

    // Columns to show, in order: a checkbox each, moved with ↑ and ↓.
    var columnPicker = function (columns) {
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", {}, "要显示的列（可调整顺序）"));
      var list = el("ol", { id: "sheet-columns" });
      columns.forEach(function (name, i) {
        if (name === "") return;
        var li = el("li");
        var box = el("input", { type: "checkbox", id: "col-" + i, value: name });
        box.checked = name !== "person_slug";
        li.appendChild(box);
        li.appendChild(el("label", { "for": "col-" + i }, name));
        [["↑", "上移 ", -1], ["↓", "下移 ", 1]].forEach(function (m) {
          var b = el("button", { type: "button", "aria-label": m[1] + name }, m[0]);
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
      table.appendChild(el("caption", {}, "前 " + answer.rows.length + " 行预览（链接是已有的人物页）"));
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
          if (personal) { td.className = "personal"; td.title = KINDS[personal.kind] + "，不能原样发布"; }
          tr.appendChild(td);
        });
        table.appendChild(tr);
      });
      wrap.appendChild(table);
      return wrap;
    };
  }
})();
