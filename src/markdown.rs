//! Parse stage: Markdown to HTML with comrak, the Chinese way — CJK-friendly
//! emphasis, no space from a line break between Chinese characters — with
//! links between source files rewritten and headings given ids.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::{Anchorizer, Arena, Options, options::Plugins};

use crate::links::PageName;
use crate::text::{count_reading_units, joins_without_space};

/// What a link in Markdown turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// An external or otherwise untouched link.
    Keep,
    /// A link to something laurel publishes, rewritten to `url`.
    Rewrite { url: String, target: Option<LinkTarget> },
    /// A link to a file or page that does not exist.
    Broken { reason: crate::i18n::Message },
}

/// The page or section a rewritten link points to, and the heading it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub source: String,
    pub fragment: Option<String>,
}

/// A heading, for the table of contents and `#fragment` checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link found in the Markdown, as written, with the file line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    pub line: usize,
    pub url: String,
    pub outcome: LinkOutcome,
    /// The name by which it may reach a page that comes or goes.
    pub reaches: PageName,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Plain text of the paragraphs, for summaries.
    pub lead: String,
    /// Plain text of everything, for reading time and search.
    pub text: String,
    /// What a reader reads of `text`: CJK characters and other words
    /// ([`count_reading_units`]), kept after `text` is dropped.
    pub units: (usize, usize),
    /// Internal and broken links (external ones are left out).
    pub links: Vec<FoundLink>,
}

/// Markdown settings shared by every page of a build.
pub struct Markdown {
    options: Options<'static>,
}

impl Markdown {
    pub fn new(allow_html: bool) -> Markdown {
        let mut options = Options::default();
        let ext = &mut options.extension;
        ext.strikethrough = true;
        ext.table = true;
        ext.autolink = true;
        ext.tasklist = true;
        ext.footnotes = true;
        ext.cjk_friendly_emphasis = true;
        options.render.r#unsafe = allow_html;
        options.render.tasklist_classes = true;
        Markdown { options }
    }

    /// Renders `body`, whose first line is line `first_line` of its file;
    /// `resolve` decides what each link URL becomes.
    pub fn render(&self, body: &str, first_line: usize, resolve: &dyn Fn(&str) -> LinkOutcome) -> Document {
        let arena = Arena::new();
        let (root, mut doc) = self.parse(&arena, body, first_line, resolve);
        doc.html = self.format(root, &doc.headings);
        doc
    }

    /// [`Markdown::render`] without the HTML: what a build needs of a page
    /// before its own output is rendered (summary, search text, headings,
    /// links), at the cost of a parse alone.
    pub fn read(&self, body: &str, first_line: usize, resolve: &dyn Fn(&str) -> LinkOutcome) -> Document {
        self.parse(&Arena::new(), body, first_line, resolve).1
    }

    /// The HTML of [`Markdown::render`] alone, without the plain text.
    pub fn render_html(&self, body: &str, first_line: usize, resolve: &dyn Fn(&str) -> LinkOutcome) -> String {
        let arena = Arena::new();
        let (root, doc) = self.parse_tree(&arena, body, first_line, resolve);
        self.format(root, &doc.headings)
    }

    /// The HTML of a parsed tree, its headings given the ids of `headings`.
    fn format<'a>(&self, root: &'a AstNode<'a>, headings: &[Heading]) -> String {
        let adapter = HeadingIds {
            ids: headings.iter().map(|h| h.id.clone()).collect(),
            next: AtomicUsize::new(0),
        };
        let mut plugins = Plugins::default();
        plugins.render.heading_adapter = Some(&adapter);
        let mut html = String::new();
        // Writing into a String cannot fail.
        let _ = comrak::format_html_with_plugins(root, &self.options, &mut html, &plugins);
        html
    }

    /// Parses `body` as [`Markdown::render`] does — links resolved, soft
    /// breaks between Chinese characters dropped — and returns the tree with
    /// the document's headings, text and links (its `html` left empty), for
    /// renderers other than the site's (`laurel export`).
    pub fn parse<'a>(
        &self,
        arena: &'a Arena<'a>,
        body: &str,
        first_line: usize,
        resolve: &dyn Fn(&str) -> LinkOutcome,
    ) -> (&'a AstNode<'a>, Document) {
        let (root, mut doc) = self.parse_tree(arena, body, first_line, resolve);
        collect_text(root, &mut doc);
        doc.units = count_reading_units(&doc.text);
        (root, doc)
    }

    /// [`Markdown::parse`] but for the plain text: the tree, headings and links.
    fn parse_tree<'a>(
        &self,
        arena: &'a Arena<'a>,
        body: &str,
        first_line: usize,
        resolve: &dyn Fn(&str) -> LinkOutcome,
    ) -> (&'a AstNode<'a>, Document) {
        let root = comrak::parse_document(arena, body, &self.options);
        let mut doc = Document::default();
        let mut soft_breaks = Vec::new();
        let mut anchorizer = Anchorizer::new();
        for node in root.descendants() {
            let mut data = node.data_mut();
            let line = first_line + data.sourcepos.start.line.saturating_sub(1);
            match &mut data.value {
                NodeValue::SoftBreak => soft_breaks.push(node),
                NodeValue::Link(link) | NodeValue::Image(link) => {
                    let outcome = resolve(&link.url);
                    if outcome != LinkOutcome::Keep {
                        let written = link.url.clone();
                        if let LinkOutcome::Rewrite { url, .. } = &outcome {
                            link.url = url.clone();
                        }
                        doc.links.push(FoundLink {
                            line,
                            reaches: PageName::of_url(&written),
                            url: written,
                            outcome,
                        });
                    }
                }
                NodeValue::Heading(heading) => {
                    let level = heading.level;
                    drop(data);
                    let title = node.collect_text();
                    // An empty heading gets no id: `id=""` is not valid HTML.
                    let id = match title.trim().is_empty() {
                        true => String::new(),
                        false => anchorizer.anchorize(&title),
                    };
                    doc.headings.push(Heading { level, id, title });
                }
                _ => {}
            }
        }
        for node in soft_breaks {
            let before = edge_char(node.previous_sibling(), true);
            let after = edge_char(node.next_sibling(), false);
            if let (Some(b), Some(a)) = (before, after)
                && joins_without_space(b, a)
            {
                node.detach();
            }
        }
        (root, doc)
    }
}

/// The first or last character of the text inside `node`.
fn edge_char<'a>(node: Option<&'a AstNode<'a>>, last: bool) -> Option<char> {
    let mut node = node?;
    loop {
        if let Some(text) = node.data().value.text() {
            return if last {
                text.chars().next_back()
            } else {
                text.chars().next()
            };
        }
        if let NodeValue::Code(code) = &node.data().value {
            return if last {
                code.literal.chars().next_back()
            } else {
                code.literal.chars().next()
            };
        }
        node = if last { node.last_child()? } else { node.first_child()? };
    }
}

/// Gathers the plain text of the document: all of it, and that of its paragraphs.
fn collect_text<'a>(root: &'a AstNode<'a>, doc: &mut Document) {
    for block in root.children() {
        let start = doc.text.len();
        push_text(block, &mut doc.text);
        if !doc.text.ends_with('\n') {
            doc.text.push('\n');
        }
        if matches!(block.data().value, NodeValue::Paragraph | NodeValue::BlockQuote) {
            doc.lead.push_str(&doc.text[start..]);
        }
    }
}

/// A step of the walk in [`push_text`]: entering a node, or leaving it once
/// everything inside it is written.
enum Visit<'a> {
    Enter(&'a AstNode<'a>),
    Leave(&'a AstNode<'a>),
}

/// Appends the plain text of `node` and everything inside it. Walks with a
/// stack of its own rather than recursing: a page of 40,000 nested quotes
/// would overflow the thread's stack, which aborts the process.
fn push_text<'a>(node: &'a AstNode<'a>, out: &mut String) {
    let mut walk = vec![Visit::Enter(node)];
    while let Some(visit) = walk.pop() {
        match visit {
            Visit::Enter(node) => {
                match &node.data().value {
                    NodeValue::Text(t) => out.push_str(t),
                    NodeValue::Code(c) => out.push_str(&c.literal),
                    NodeValue::CodeBlock(c) => out.push_str(&c.literal),
                    NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
                    NodeValue::FootnoteDefinition(_) | NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) => continue,
                    _ => {}
                }
                walk.push(Visit::Leave(node));
                walk.extend(node.reverse_children().map(Visit::Enter));
            }
            Visit::Leave(node) => {
                let value = &node.data().value;
                if value.block() && !out.ends_with('\n') {
                    out.push('\n');
                } else if matches!(value, NodeValue::TableCell) {
                    out.push(' ');
                }
            }
        }
    }
}

/// Writes `<hN id="…">` with the ids computed before rendering, so the table
/// of contents and the page agree.
struct HeadingIds {
    ids: Vec<String>,
    next: AtomicUsize,
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, out: &mut dyn fmt::Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        match self.ids.get(i).filter(|id| !id.is_empty()) {
            // Anchorizer ids hold only letters, digits, `-` and `_`: nothing to escape.
            Some(id) => write!(out, "<h{} id=\"{id}\">", heading.level),
            None => write!(out, "<h{}>", heading.level),
        }
    }

    fn exit(&self, out: &mut dyn fmt::Write, heading: &HeadingMeta) -> fmt::Result {
        writeln!(out, "</h{}>", heading.level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        Markdown::new(false).render(md, 1, &|_| LinkOutcome::Keep).html
    }

    #[test]
    fn soft_break_between_chinese_adds_no_space() {
        assert_eq!(html("他是一名\n普通的教师"), "<p>他是一名普通的教师</p>\n");
        assert_eq!(html("事迹，\n感人"), "<p>事迹，感人</p>\n");
        assert_eq!(html("Lei\nFeng"), "<p>Lei\nFeng</p>\n");
        assert_eq!(html("**他说**\n好"), "<p><strong>他说</strong>好</p>\n");
    }

    #[test]
    fn emphasis_next_to_full_width_punctuation() {
        assert_eq!(
            html("**这句话很重要。**但"),
            "<p><strong>这句话很重要。</strong>但</p>\n"
        );
    }

    #[test]
    fn an_empty_heading_gets_no_id() {
        let doc = Markdown::new(false).render("## \n\n## 事迹\n", 1, &|_| LinkOutcome::Keep);
        assert_eq!(doc.html, "<h2></h2>\n<h2 id=\"事迹\">事迹</h2>\n");
        assert_eq!(doc.headings[1].id, "事迹");
    }

    #[test]
    fn headings_get_chinese_ids_and_are_listed() {
        let doc = Markdown::new(false).render("## 主要事迹\n\n## 主要事迹\n", 1, &|_| LinkOutcome::Keep);
        assert_eq!(
            doc.html,
            "<h2 id=\"主要事迹\">主要事迹</h2>\n<h2 id=\"主要事迹-1\">主要事迹</h2>\n"
        );
        assert_eq!(doc.headings[1].id, "主要事迹-1");
    }

    #[test]
    fn raw_html_is_dropped_unless_allowed() {
        assert!(!html("<script>x</script>\n").contains("<script>"));
        let allowed = Markdown::new(true).render("<video src=\"a.mp4\"></video>\n", 1, &|_| LinkOutcome::Keep);
        assert!(allowed.html.contains("<video"));
    }

    #[test]
    fn links_are_rewritten_and_lines_are_file_lines() {
        let md = "第一段\n\n见[范振喜](fan.md)和[外部](https://e.org)。\n";
        let doc = Markdown::new(false).render(md, 5, &|url| {
            if url == "fan.md" {
                LinkOutcome::Rewrite {
                    url: "../fan/index.html".into(),
                    target: None,
                }
            } else {
                LinkOutcome::Keep
            }
        });
        assert!(doc.html.contains("href=\"../fan/index.html\""));
        assert!(doc.html.contains("href=\"https://e.org\""));
        assert_eq!(doc.links.len(), 1);
        assert_eq!(doc.links[0].line, 7);
    }

    #[test]
    fn plain_text_and_lead() {
        let doc = Markdown::new(false).render("## 标题\n\n他**很**好。\n\n- 一\n- 二\n", 1, &|_| {
            LinkOutcome::Keep
        });
        assert_eq!(doc.lead, "他很好。\n");
        assert!(doc.text.contains("标题\n"));
        assert!(doc.text.contains("一\n二\n"));
    }

    #[test]
    fn gfm_extensions() {
        let out =
            html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ 见 https://e.org\n\n- [x] 完成\n\n注[^1]\n\n[^1]: 脚注\n");
        assert!(out.contains("<table>"));
        assert!(out.contains("<del>x</del>"));
        assert!(out.contains("<a href=\"https://e.org\">"));
        assert!(out.contains("checkbox"));
        assert!(out.contains("footnote"));
    }
}
