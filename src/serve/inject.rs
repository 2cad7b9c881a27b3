//! Serve stage, what the preview adds to HTML responses: the live-reload
//! script tag and the error overlay, and the page shown while no build has
//! succeeded yet. The renderer never writes any of this.

use crate::error::{Diagnostic, Severity};
use crate::i18n::{Lang, msg};
use crate::text::escape_html;

/// Inserts `extra` before the last `</body>` of `html` (any case), or at the
/// end when there is none.
pub fn inject(html: &str, extra: &str) -> String {
    let at = html.to_ascii_lowercase().rfind("</body").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + extra.len());
    out.push_str(&html[..at]);
    out.push_str(extra);
    out.push_str(&html[at..]);
    out
}

/// `html` with a `<base href="{href}">` first in its head (or first of
/// all when it has none): a page shown away from its address, as the
/// editor's live preview shows it, then finds its styles and links.
pub fn base_tag(html: &str, href: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let at = lower
        .find("<head")
        .and_then(|head| lower[head..].find('>').map(|end| head + end + 1))
        .unwrap_or(0);
    format!("{}<base href=\"{}\">{}", &html[..at], escape_html(href), &html[at..])
}

/// The tag that loads the reload script from `src` (relative to the page, or
/// absolute for pages served at any depth), tagged with the build it shows.
pub fn script_tag(src: &str, build: u64) -> String {
    format!(
        "<script src=\"{}\" data-laurel-build=\"{build}\"></script>",
        escape_html(src)
    )
}

/// The "编辑此页" link of a previewed page whose source is `file`, to the
/// editor at `editor` (relative to the page); it opens the editor in the
/// whole window, also from the editor's own preview.
pub fn edit_link(editor: &str, file: &str) -> String {
    let href = format!("{editor}page?file={}", super::http::encode_path(file));
    format!(
        "<a id=\"laurel-edit-link\" href=\"{}\" target=\"_top\" style=\"{EDIT_LINK}\">编辑此页</a>",
        escape_html(&href)
    )
}

const EDIT_LINK: &str = "position:fixed;left:16px;bottom:16px;z-index:2147483646;padding:6px 12px;\
background:#a61b1b;color:#fff;border-radius:4px;font:bold 14px/1.5 system-ui,sans-serif;text-decoration:none";

/// A panel fixed at the top of the page listing why the last build failed.
pub fn overlay(problems: &[Diagnostic], lang: Lang) -> String {
    let errors = problems.iter().filter(|d| d.is_error()).count().max(1);
    format!(
        "<div id=\"laurel-errors\" role=\"alert\" style=\"{PANEL}\">\
         <button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit\" \
         aria-label=\"{}\">×</button>\
         <strong>{}</strong>{}</div>",
        msg::serve_panel_close().in_lang(lang),
        escape_html(&msg::serve_panel_failed(errors).in_lang(lang)),
        list(problems, lang)
    )
}

const PANEL: &str = "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;overflow:auto;\
margin:0;padding:12px 16px;background:#fff4f4;color:#4a0000;border-bottom:3px solid #c00;\
font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left;\
box-shadow:0 2px 10px rgba(0,0,0,.25);white-space:normal";

/// A whole page explaining why the site cannot be shown (no build has
/// succeeded yet); `script` reloads it once the site is fixed.
pub fn error_page(problems: &[Diagnostic], script: &str, lang: Lang) -> String {
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head>\
         <body style=\"margin:0;font:15px/1.6 system-ui,sans-serif;color:#222\">\
         <div style=\"{PANEL};position:static;max-height:none\">\
         <strong>{}</strong>\
         <p style=\"margin:4px 0\">{}</p>{}</div>{script}</body></html>\n",
        escape_html(&msg::serve_page_title().in_lang(lang)),
        escape_html(&msg::serve_page_failed().in_lang(lang)),
        escape_html(&msg::serve_page_fix().in_lang(lang)),
        list(problems, lang)
    )
}

fn list(problems: &[Diagnostic], lang: Lang) -> String {
    let mut items = String::new();
    for d in problems {
        let label = match d.severity {
            Severity::Error => msg::serve_panel_error(),
            Severity::Warning => msg::serve_panel_warning(),
        };
        let place = match (d.file.as_str(), d.line) {
            ("", _) => String::new(),
            (file, Some(line)) => {
                let line = msg::serve_panel_line(line).in_lang(lang).into_owned();
                format!("<b>{}{line}</b> ", escape_html(file))
            }
            (file, None) => format!("<b>{}</b> ", escape_html(file)),
        };
        let hint = d
            .hint
            .as_ref()
            .map(|h| {
                let label = msg::serve_panel_hint().in_lang(lang).into_owned();
                format!("<br><i>{label}{}</i>", escape_html(&h.in_lang(lang)))
            })
            .unwrap_or_default();
        items.push_str(&format!(
            "<li>{}{place}<span style=\"white-space:pre-wrap\">{}</span>{hint}</li>",
            label.in_lang(lang),
            escape_html(&d.message.in_lang(lang))
        ));
    }
    format!("<ol style=\"margin:8px 0 0;padding-left:24px\">{items}</ol>")
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_goes_first_in_the_head() {
        let base = "<base href=\"/a/b/\">";
        assert_eq!(
            base_tag("<html><HEAD lang=x><title>t</title></head><header></header>", "/a/b/"),
            format!("<html><HEAD lang=x>{base}<title>t</title></head><header></header>")
        );
        assert_eq!(base_tag("<p>x</p>", "/a/b/"), format!("{base}<p>x</p>"));
        assert_eq!(base_tag("<head>", "/\"x"), "<head><base href=\"/&quot;x\">");
    }

    #[test]
    fn inject_goes_before_the_last_body_end() {
        let html = "<html><body><p>x</p></body></html>";
        assert_eq!(inject(html, "<s>"), "<html><body><p>x</p><s></body></html>");
        assert_eq!(inject("<BODY>a</BODY>", "<s>"), "<BODY>a<s></BODY>");
        assert_eq!(
            inject("<body><pre>&lt;/body&gt;</pre></body>", "<s>"),
            "<body><pre>&lt;/body&gt;</pre><s></body>"
        );
        assert_eq!(inject("<p>no body</p>", "<s>"), "<p>no body</p><s>");
        assert_eq!(inject("<p>汉字</p></body>", "<s>"), "<p>汉字</p><s></body>");
    }

    #[test]
    fn script_tag_for_a_nested_page() {
        let src = format!("{}__laurel/reload.js", crate::serve::http::up_to_root("a/b/index.html"));
        assert_eq!(
            script_tag(&src, 7),
            "<script src=\"../../__laurel/reload.js\" data-laurel-build=\"7\"></script>"
        );
    }

    #[test]
    fn overlay_escapes_every_field() {
        let d = Diagnostic::error("content/<a>.md", "bad <script>alert(1)</script> & \"q\"")
            .at_line(3)
            .hint("write <b>this</b>");
        let html = overlay(&[d], Lang::En);
        assert!(html.contains("<b>content/&lt;a&gt;.md:3</b>"), "{html}");
        assert!(html.contains("bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"));
        assert!(html.contains("hint: write &lt;b&gt;this&lt;/b&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("position:fixed;top:0"));
        assert!(html.contains("1 error(s)"));
    }

    #[test]
    fn the_overlay_of_a_chinese_site_is_chinese() {
        let d = Diagnostic::error("content/a.md", crate::i18n::msg::front_empty())
            .at_line(1)
            .hint(crate::i18n::msg::front_empty_hint());
        let html = overlay(&[d], Lang::Zh);
        assert!(html.contains("网站生成失败，共 1 个错误"), "{html}");
        assert!(html.contains("<li>错误：<b>content/a.md 第 1 行</b> "), "{html}");
        assert!(
            html.contains(">这个文件是空的</span><br><i>提示：请在开头写上文件头"),
            "{html}"
        );
        assert!(html.contains("aria-label=\"关闭\""), "{html}");
    }

    #[test]
    fn error_page_lists_problems_and_reloads() {
        let d = Diagnostic::error("laurel.toml", "missing `title`").hint("add title = \"…\"");
        let page = error_page(&[d], "<script src=\"/__laurel/reload.js\"></script>", Lang::En);
        assert!(page.starts_with("<!doctype html>"));
        assert!(page.contains("<b>laurel.toml</b> "));
        assert!(page.contains("missing `title`"));
        assert!(page.contains("hint: add title = &quot;…&quot;"));
        assert!(page.contains("<script src=\"/__laurel/reload.js\"></script></body>"));
    }
}
