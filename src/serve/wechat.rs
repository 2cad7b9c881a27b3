//! Serve stage, the "复制到公众号" button: shown on every page's article in
//! the preview (never in built files), it fetches the page's 公众号 article
//! from `__laurel/wechat/<page folder>` — the HTML `laurel export wechat`
//! writes, pictures inlined as data URLs — and puts it, with its plain text,
//! on the clipboard.

use crate::export::clipboard::{Clipboard, clipboard};
use crate::i18n::{Lang, msg};
use crate::site::BuildOptions;
use crate::text::escape_html;

/// Where the articles are asked for, under the site's base path.
pub const PREFIX: &str = "__laurel/wechat/";

/// The button and its script, for a page served at `rel` (its output path,
/// `people/a/index.html`).
pub fn button(rel: &str) -> String {
    let folder = rel.strip_suffix("index.html").unwrap_or(rel);
    let endpoint = format!("{}{PREFIX}{folder}", super::http::up_to_root(rel));
    format!(
        "<div id=\"laurel-wechat\" style=\"{BOX}\"><button type=\"button\" data-src=\"{}\" style=\"{BUTTON}\">复制到公众号</button>\
         <span role=\"status\" style=\"display:block;margin-top:4px\">{NOTE}</span></div><script>{SCRIPT}</script>",
        escape_html(&super::http::encode_path(&endpoint))
    )
}

const BOX: &str = "position:fixed;right:16px;bottom:16px;z-index:2147483646;max-width:18em;padding:8px 10px;\
background:#fffdf9;border:1px solid #e7ddcc;border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.15);\
font:13px/1.5 system-ui,sans-serif;color:#675d56";
const BUTTON: &str = "font:inherit;font-weight:bold;color:#fff;background:#a61b1b;border:0;border-radius:4px;\
padding:4px 12px;cursor:pointer";
/// What the copy holds, said before and after copying.
const NOTE: &str =
    "图片已内嵌在复制的内容里；若公众号编辑器未自动上传图片，请用 laurel export wechat 导出的 images/ 文件夹逐张上传。";

/// Fetches the article and writes it to the clipboard as HTML and plain text.
const SCRIPT: &str = r#"(function () {
  var box = document.getElementById("laurel-wechat");
  var button = box.querySelector("button");
  var status = box.querySelector("span");
  button.addEventListener("click", function () {
    status.textContent = "正在准备…";
    fetch(button.getAttribute("data-src"))
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
        return r.json();
      })
      .then(function (copy) {
        return navigator.clipboard.write([new ClipboardItem({
          "text/html": new Blob([copy.html], { type: "text/html" }),
          "text/plain": new Blob([copy.text], { type: "text/plain" })
        })]);
      })
      .then(function () {
        status.textContent = "已复制，可粘贴到公众号编辑器。" + box.getAttribute("data-note");
      })
      .catch(function (e) {
        status.textContent = "复制失败：" + e.message;
      });
  });
  box.setAttribute("data-note", status.textContent);
})();"#;

/// The answer to `__laurel/wechat/<folder>`: the status and the body (JSON
/// for a page, plain text otherwise).
pub fn answer(options: &BuildOptions, folder: &str, lang: Lang) -> (u16, &'static str, Vec<u8>) {
    let text = |said: &str| format!("{said}\n").into_bytes();
    match clipboard(options, folder) {
        Ok(Some(copy)) => (200, "application/json", json(&copy)),
        Ok(None) => (
            404,
            "text/plain; charset=utf-8",
            text(&msg::serve_reply_no_article().in_lang(lang)),
        ),
        Err(err) => (500, "text/plain; charset=utf-8", text(&err.render(lang))),
    }
}

fn json(copy: &Clipboard) -> Vec<u8> {
    serde_json::to_vec(copy).unwrap_or_default()
}
