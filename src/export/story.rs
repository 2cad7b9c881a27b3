//! Export stage: the story of a 公众号 article, from the page's Markdown
//! tree, written with only the tags the 公众号 editor keeps (`section`, `p`,
//! `span`, `strong`, `em`, `img`, tables, lists at most two deep,
//! `blockquote`, `br`, and `a` to its own domain); other links become their
//! text and a number into 参考资料, headings styled paragraphs, raw HTML
//! (with `allow_html`) its text.

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

use super::style;
use super::wechat::Writer;
use crate::links::absolute_url;
use crate::text::escape_html;

impl Writer<'_> {
    pub(super) fn block<'a>(&mut self, node: &'a AstNode<'a>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Document | NodeValue::FrontMatter(_) => self.blocks(node),
            NodeValue::Paragraph => self.paragraph(node, style::P),
            NodeValue::Heading(heading) => self.paragraph(node, if heading.level <= 2 { style::H2 } else { style::H3 }),
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                self.open("blockquote", style::QUOTE);
                self.blocks(node);
                self.close("blockquote");
            }
            NodeValue::List(_) => self.list(node),
            NodeValue::CodeBlock(code) => {
                self.open("p", style::CODE);
                let lines: Vec<String> = code.literal.trim_end().lines().map(escape_html).collect();
                self.html.push_str(&lines.join("<br>"));
                self.close("p");
                self.plain.push_str(code.literal.trim_end());
                self.plain.push_str("\n\n");
            }
            NodeValue::ThematicBreak => {
                self.open("p", style::RULE);
                self.html.push_str("◆ ◆ ◆");
                self.close("p");
            }
            NodeValue::Table(table) => self.table(node, &table.alignments),
            NodeValue::FootnoteDefinition(note) => {
                let n = self.note_number(&note.name);
                self.open("p", style::REF);
                self.html.push_str(&format!("注{n}："));
                self.plain.push_str(&format!("注{n}："));
                for child in node.children() {
                    self.inlines(child);
                }
                self.close("p");
                self.plain.push_str("\n\n");
            }
            NodeValue::HtmlBlock(block) => {
                for lines in super::html_text::paragraphs(&block.literal) {
                    self.open("p", style::P);
                    let html: Vec<String> = lines.iter().map(|line| escape_html(line)).collect();
                    self.html.push_str(&html.join("<br>"));
                    self.close("p");
                    self.plain.push_str(&lines.join("\n"));
                    self.plain.push_str("\n\n");
                }
            }
            _ => self.blocks(node),
        }
    }

    fn blocks<'a>(&mut self, node: &'a AstNode<'a>) {
        for child in node.children() {
            self.block(child);
        }
    }

    fn paragraph<'a>(&mut self, node: &'a AstNode<'a>, style: &str) {
        self.open("p", style);
        self.inlines(node);
        self.close("p");
        self.plain.push_str("\n\n");
    }

    fn inlines<'a>(&mut self, node: &'a AstNode<'a>) {
        for child in node.children() {
            self.inline(child);
        }
    }

    fn inline<'a>(&mut self, node: &'a AstNode<'a>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(text) => {
                self.html.push_str(&escape_html(&text));
                self.plain.push_str(&text);
            }
            NodeValue::SoftBreak => {
                self.html.push(' ');
                self.plain.push(' ');
            }
            NodeValue::LineBreak => {
                self.html.push_str("<br>");
                self.plain.push('\n');
            }
            NodeValue::Code(code) => {
                self.open("span", style::CODE_INLINE);
                self.html.push_str(&escape_html(&code.literal));
                self.close("span");
                self.plain.push_str(&code.literal);
            }
            NodeValue::Emph => self.wrapped(node, "<em>", "</em>"),
            NodeValue::Strong => self.wrapped(node, "<strong>", "</strong>"),
            NodeValue::Strikethrough => self.wrapped(node, "<span style=\"text-decoration:line-through;\">", "</span>"),
            NodeValue::Link(link) => self.link(node, &link.url),
            NodeValue::Image(link) => self.image(node, &link.url),
            NodeValue::FootnoteReference(note) => {
                let n = self.note_number(&note.name);
                self.html
                    .push_str(&format!("<span style=\"{}\">[注{n}]</span>", style::MARK));
                self.plain.push_str(&format!("[注{n}]"));
            }
            NodeValue::HtmlInline(_) | NodeValue::Raw(_) => {}
            _ if value.block() => self.block(node),
            _ => self.inlines(node),
        }
    }

    fn wrapped<'a>(&mut self, node: &'a AstNode<'a>, open: &str, close: &str) {
        self.html.push_str(open);
        self.inlines(node);
        self.html.push_str(close);
    }

    fn note_number(&mut self, name: &str) -> usize {
        match self.notes.iter().position(|n| n == name) {
            Some(i) => i + 1,
            None => {
                self.notes.push(name.to_string());
                self.notes.len()
            }
        }
    }

    /// A link: kept to the 公众号's own articles, otherwise its text and a
    /// number into 参考资料; a link inside the page is just its text.
    fn link<'a>(&mut self, node: &'a AstNode<'a>, url: &str) {
        if url.starts_with('#') || url.is_empty() {
            return self.inlines(node);
        }
        let url = absolute_url(url, self.base_url, self.page_dir, self.page_url);
        if is_wechat(&url) {
            self.html
                .push_str(&format!("<a href=\"{}\" style=\"{}\">", escape_html(&url), style::LINK));
            self.inlines(node);
            self.html.push_str("</a>");
            return;
        }
        self.inlines(node);
        let n = self.reference(url, node.collect_text());
        self.html
            .push_str(&format!("<span style=\"{}\">[{n}]</span>", style::MARK));
        self.plain.push_str(&format!("[{n}]"));
    }

    /// The number of `url` in 参考资料, listed with `text` when it is new there.
    fn reference(&mut self, url: String, text: String) -> usize {
        match self.refs.iter().position(|(known, _)| *known == url) {
            Some(i) => i + 1,
            None => {
                self.refs.push((url, text));
                self.refs.len()
            }
        }
    }

    /// An image of the site as a picture of the article with its caption; one
    /// from elsewhere (which the 公众号 would refuse) as its caption and a
    /// number into 参考资料.
    fn image<'a>(&mut self, node: &'a AstNode<'a>, url: &str) {
        let caption = node.collect_text();
        if url.contains("://") || url.starts_with("//") || url.starts_with("data:") {
            let n = self.reference(url.to_string(), caption.clone());
            self.html.push_str(&format!(
                "<span style=\"{}\">[图：{}] [{n}]</span>",
                style::CAPTION,
                escape_html(&caption)
            ));
            self.plain.push_str(&format!("[图：{caption}] [{n}]"));
            return;
        }
        let path = url.split(['#', '?']).next().unwrap_or_default();
        let site_path = match path.strip_prefix('/') {
            Some(rooted) => rooted.to_string(),
            None => absolute_url(path, "", self.page_dir, self.page_url),
        };
        let name = self.picture(&site_path, &caption);
        self.html.push_str(&format!(
            "<span style=\"{}\"><img src=\"{name}\" alt=\"{}\" style=\"{}\">",
            style::FIGURE,
            escape_html(&caption),
            style::IMAGE
        ));
        if !caption.is_empty() {
            self.html.push_str(&format!(
                "<span style=\"{}\">{}</span>",
                style::CAPTION,
                escape_html(&caption)
            ));
        }
        self.html.push_str("</span>");
    }

    /// A list two deep at most; deeper items are written as indented lines
    /// of the item that holds them.
    fn list<'a>(&mut self, node: &'a AstNode<'a>) {
        let NodeValue::List(list) = node.data().value.clone() else {
            return;
        };
        self.depth += 1;
        if self.depth > 2 {
            for (n, item) in node.children().enumerate() {
                self.html.push_str("<br>");
                self.html.push_str(&"　".repeat(self.depth - 2));
                let marker = marker(list.list_type, list.start + n, item);
                self.html.push_str(&escape_html(&marker));
                self.plain.push('\n');
                self.plain.push_str(&"  ".repeat(self.depth - 1));
                self.plain.push_str(&marker);
                self.item(item);
            }
        } else {
            let tag = if list.list_type == ListType::Ordered {
                "ol"
            } else {
                "ul"
            };
            if list.list_type == ListType::Ordered && list.start != 1 {
                self.html
                    .push_str(&format!("<ol start=\"{}\" style=\"{}\">", list.start, style::LIST));
            } else {
                self.open(tag, style::LIST);
            }
            for (n, item) in node.children().enumerate() {
                self.open("li", style::ITEM);
                if self.depth > 1 || n > 0 {
                    self.plain.push('\n');
                }
                self.plain.push_str(&"  ".repeat(self.depth - 1));
                self.plain.push_str(&marker(list.list_type, list.start + n, item));
                if let NodeValue::TaskItem(task) = &item.data().value {
                    self.html.push_str(if task.symbol.is_some() { "☑ " } else { "☐ " });
                }
                self.item(item);
                self.close("li");
            }
            self.close(tag);
            if self.depth == 1 {
                self.plain.push_str("\n\n");
            }
        }
        self.depth -= 1;
    }

    /// The content of a list item: its paragraphs as lines, its lists nested.
    fn item<'a>(&mut self, item: &'a AstNode<'a>) {
        for (n, child) in item.children().enumerate() {
            match child.data().value {
                NodeValue::Paragraph => {
                    if n > 0 {
                        self.html.push_str("<br>");
                        self.plain.push(' ');
                    }
                    self.inlines(child);
                }
                NodeValue::List(_) => self.list(child),
                _ => self.block(child),
            }
        }
    }

    fn table<'a>(&mut self, node: &'a AstNode<'a>, alignments: &[TableAlignment]) {
        self.open("table", style::TABLE);
        for row in node.children() {
            let header = matches!(row.data().value, NodeValue::TableRow(true));
            self.html.push_str("<tr>");
            for (n, cell) in row.children().enumerate() {
                let align = match alignments.get(n) {
                    Some(TableAlignment::Center) => "text-align:center;",
                    Some(TableAlignment::Right) => "text-align:right;",
                    _ => "text-align:left;",
                };
                let (tag, base) = if header { ("th", style::TH) } else { ("td", style::TD) };
                self.html.push_str(&format!("<{tag} style=\"{base}{align}\">"));
                if n > 0 {
                    self.plain.push_str(" | ");
                }
                self.inlines(cell);
                self.close(tag);
            }
            self.html.push_str("</tr>");
            self.plain.push('\n');
        }
        self.close("table");
        self.plain.push('\n');
    }
}

/// The marker of item `number` of a list, as plain text.
fn marker<'a>(list_type: ListType, number: usize, item: &'a AstNode<'a>) -> String {
    if let NodeValue::TaskItem(task) = &item.data().value {
        return if task.symbol.is_some() { "☑ " } else { "☐ " }.to_string();
    }
    match list_type {
        ListType::Ordered => format!("{number}. "),
        ListType::Bullet => "· ".to_string(),
    }
}

/// Whether a link leads to the 公众号's own articles, which the editor keeps.
fn is_wechat(url: &str) -> bool {
    ["https://mp.weixin.qq.com/", "http://mp.weixin.qq.com/"]
        .iter()
        .any(|prefix| url.starts_with(prefix))
}
