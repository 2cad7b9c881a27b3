//! Check stage: what a Markdown body holds besides its words — where it is
//! prose (not code, raw HTML or a URL), and which images, scripts and
//! stylesheets it loads over plain `http://`.

use std::ops::Range;

use comrak::nodes::{AstNode, LineColumn, NodeValue};
use comrak::{Arena, Options};

/// An asset a body loads over `http://`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insecure {
    /// Line in the body, 1-based.
    pub line: usize,
    pub url: String,
}

/// What [`scan`] found in a body.
#[derive(Debug, Default)]
pub struct BodyScan {
    /// Byte ranges of the body that are text a reader sees as prose.
    pub prose: Vec<Range<usize>>,
    pub insecure: Vec<Insecure>,
}

impl BodyScan {
    /// Whether the byte at `offset` lies in prose.
    pub fn is_prose(&self, offset: usize) -> bool {
        self.prose.iter().any(|r| r.contains(&offset))
    }
}

/// Whether `body` may load something over `http://` (cheap: no parsing).
pub fn may_be_insecure(body: &str) -> bool {
    body.contains("http://") || body.contains("HTTP://")
}

/// Parses `body` once to find its prose and its `http://` assets; raw HTML
/// counts only when the site keeps it (`allow_html`).
pub fn scan(body: &str, allow_html: bool) -> BodyScan {
    let mut options = Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.footnotes = true;
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, body, &options);
    let starts = line_starts(body);
    let offset = |pos: LineColumn| {
        starts
            .get(pos.line.saturating_sub(1))
            .map_or(body.len(), |start| start + pos.column.saturating_sub(1))
    };
    let mut found = BodyScan::default();
    for node in root.descendants() {
        let data = node.data();
        let line = data.sourcepos.start.line;
        match &data.value {
            NodeValue::Text(text) if !is_link_url(node, text) => {
                let start = offset(data.sourcepos.start);
                let end = offset(data.sourcepos.end) + 1;
                found.prose.push(start..end.max(start + 1));
            }
            NodeValue::Image(link) if is_http(&link.url) => found.insecure.push(Insecure {
                line,
                url: link.url.clone(),
            }),
            NodeValue::HtmlBlock(block) if allow_html => found.insecure.extend(insecure_in_html(&block.literal, line)),
            NodeValue::HtmlInline(html) if allow_html => found.insecure.extend(insecure_in_html(html, line)),
            _ => {}
        }
    }
    found
}

/// Byte offset of each line's start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The text of an autolink is its URL, not prose.
fn is_link_url<'a>(node: &'a AstNode<'a>, text: &str) -> bool {
    node.parent().is_some_and(|parent| match &parent.data().value {
        NodeValue::Link(link) => {
            let url = link.url.as_str();
            url == text
                || url
                    .strip_suffix(text)
                    .is_some_and(|scheme| matches!(scheme, "http://" | "https://" | "mailto:"))
        }
        _ => false,
    })
}

/// Whether `url` is a plain `http://` address.
pub fn is_http(url: &str) -> bool {
    url.trim_start()
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
}

/// `http://` URLs in HTML that the browser loads with the page: `src`,
/// `srcset`, `poster` and `data` attributes, and a `<link>`'s `href`
/// (stylesheets, icons). `first_line` is the body line the HTML starts on.
fn insecure_in_html(html: &str, first_line: usize) -> Vec<Insecure> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices("http://") {
        let before = lower[..at].trim_end_matches(['"', '\'']).trim_end();
        let Some(before) = before.strip_suffix('=') else {
            continue;
        };
        let before = before.trim_end();
        let name_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        let loads = match &before[name_start..] {
            "src" | "srcset" | "poster" | "data" => true,
            "href" => tag_name(&before[..name_start]) == "link",
            _ => false,
        };
        if loads {
            let end = html[at..]
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '>'))
                .map_or(html.len(), |n| at + n);
            found.push(Insecure {
                line: first_line + html[..at].matches('\n').count(),
                url: html[at..end].to_string(),
            });
        }
    }
    found
}

/// The name of the tag that `before` (lower-case HTML up to an attribute) is inside.
fn tag_name(before: &str) -> &str {
    let Some(open) = before.rfind('<') else { return "" };
    let rest = &before[open + 1..];
    let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(body: &str) -> Vec<&str> {
        scan(body, false).prose.iter().map(|r| &body[r.clone()]).collect()
    }

    #[test]
    fn prose_leaves_out_code_and_urls() {
        let body = "警钟常鸣，`警钟常鸣`\n\n```\n警钟常鸣\n```\n\n[警钟常鸣](https://a.cn/警钟常鸣) <https://b.cn/x> www.c.cn/y\n";
        let prose = prose_of(body);
        assert_eq!(prose.iter().filter(|t| t.contains("警钟常鸣")).count(), 2, "{prose:?}");
        assert!(prose.iter().all(|t| !t.contains(".cn")), "{prose:?}");
    }

    #[test]
    fn prose_ranges_cover_chinese_text_to_its_end() {
        let body = "# 标题\n\n第一段，再接再励。\n| 列 |\n|---|\n| 走头无路 |\n";
        let prose = prose_of(body);
        assert!(prose.contains(&"第一段，再接再励。"), "{prose:?}");
        assert!(prose.contains(&"走头无路"), "{prose:?}");
        assert!(prose.contains(&"标题"), "{prose:?}");
    }

    #[test]
    fn http_images_are_insecure_but_links_and_https_are_not() {
        let body =
            "![a](http://a.cn/1.jpg)\n\n![b](https://a.cn/2.jpg) [c](http://a.cn/page)\n\n![d](HTTP://a.cn/3.jpg)\n";
        let found = scan(body, false).insecure;
        let lines: Vec<usize> = found.iter().map(|f| f.line).collect();
        assert_eq!(lines, [1, 5], "{found:?}");
        assert_eq!(found[0].url, "http://a.cn/1.jpg");
    }

    #[test]
    fn raw_html_counts_only_when_kept() {
        let body = "文字\n\n<div>\n<img src=\"http://a.cn/1.jpg\">\n<a href=\"http://a.cn/\">链接</a>\n<link rel=\"stylesheet\" href='http://a.cn/a.css'>\n<script src=http://a.cn/a.js></script>\n</div>\n";
        assert!(scan(body, false).insecure.is_empty());
        let found = scan(body, true).insecure;
        let got: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.url.as_str())).collect();
        assert_eq!(
            got,
            [
                (4, "http://a.cn/1.jpg"),
                (6, "http://a.cn/a.css"),
                (7, "http://a.cn/a.js")
            ]
        );
    }
}
