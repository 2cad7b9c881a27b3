//! Export stage: one page as a 公众号 article — the default theme's look in
//! inline styles, written with only the tags the 公众号 editor keeps
//! (`section`, `p`, `span`, `strong`, `em`, `img`, tables, lists at most two
//! deep, `blockquote`, `br`, and `a` to its own domain), links turned into
//! numbered 参考资料 — and the same text as plain text for submission forms.

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

use crate::links::{absolute_url, page_url};
use crate::markdown::Markdown;
use crate::page::{Kind, Page};
use crate::site::{Site, photo_path};
use crate::text::{escape_html, summarize};

mod style {
    pub const ROOT: &str = "font-size:16px;line-height:1.8;color:#2a2421;letter-spacing:0.5px;";
    pub const P: &str = "margin:0 0 16px;text-align:justify;";
    pub const H2: &str = "margin:28px 0 12px;padding-left:10px;border-left:4px solid #a61b1b;font-size:18px;font-weight:bold;color:#7d1111;line-height:1.5;";
    pub const H3: &str = "margin:20px 0 10px;font-size:17px;font-weight:bold;color:#a61b1b;";
    pub const QUOTE: &str =
        "margin:0 0 16px;padding:10px 14px;background-color:#f7eed6;border-left:3px solid #c8a24a;color:#6b5214;";
    pub const LIST: &str = "margin:0 0 16px;padding-left:24px;";
    pub const ITEM: &str = "margin:4px 0;";
    pub const CODE: &str =
        "margin:0 0 16px;padding:10px;background-color:#f6f3ee;font-family:monospace;font-size:14px;";
    pub const CODE_INLINE: &str = "padding:0 4px;background-color:#f6f3ee;font-family:monospace;font-size:14px;";
    pub const RULE: &str = "margin:24px 0;text-align:center;color:#c8a24a;";
    pub const CARD: &str = "margin:0 0 24px;padding:16px;background-color:#fbf8f2;border:1px solid #e7ddcc;border-radius:6px;text-align:center;";
    pub const PHOTO: &str = "display:block;width:60%;max-width:100%;margin:0 auto 12px;border-radius:6px;";
    pub const NAME: &str = "margin:0 0 8px;font-size:22px;font-weight:bold;color:#a61b1b;text-align:center;";
    pub const BADGES: &str = "margin:0 0 8px;text-align:center;";
    pub const BADGE: &str = "display:inline-block;margin:2px 4px;padding:0 8px;border-radius:10px;background-color:#fbeeea;color:#a61b1b;font-size:13px;";
    pub const META: &str = "margin:0 0 4px;font-size:14px;color:#675d56;text-align:center;";
    pub const LEAD: &str = "margin:0 0 20px;font-size:15px;color:#675d56;text-align:justify;";
    pub const IMAGE: &str = "display:block;max-width:100%;margin:0 auto;";
    pub const FIGURE: &str = "margin:0 0 16px;text-align:center;";
    pub const CAPTION: &str = "display:block;margin-top:6px;font-size:13px;color:#675d56;text-align:center;";
    pub const TABLE: &str = "width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px;";
    pub const TH: &str =
        "padding:6px 8px;border:1px solid #e7ddcc;background-color:#fbeeea;color:#7d1111;font-weight:bold;";
    pub const TD: &str = "padding:6px 8px;border:1px solid #e7ddcc;";
    pub const MARK: &str = "font-size:12px;color:#a61b1b;";
    pub const LINK: &str = "color:#a61b1b;text-decoration:underline;";
    pub const QR: &str = "margin:32px 0 16px;text-align:center;";
    pub const QR_IMAGE: &str = "display:block;width:160px;margin:0 auto;";
    pub const REF: &str = "margin:0 0 6px;font-size:13px;color:#675d56;word-break:break-all;";
}

/// Where the QR code is, in an article's folder.
pub const QR_FILE: &str = "images/qr.png";

/// One page as an article, before its pictures are made.
pub struct Article {
    /// The article, a `<section>` to paste into the 公众号 editor.
    pub html: String,
    /// Title, summary, text and captions, for submission forms.
    pub plain: String,
    /// The pictures it shows, in order.
    pub pictures: Vec<Picture>,
    /// Which picture the cover is cut from.
    pub cover: Option<usize>,
}

/// `article.html`: the article in a page of its own, to open in a browser and copy.
pub fn document(title: &str, article: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{article}\n</body>\n</html>\n",
        escape_html(title)
    )
}

/// A picture an article shows.
pub struct Picture {
    /// Output path on the website (`photos/a.jpg`).
    pub site_path: String,
    /// File in the article's folder (`images/1.jpg`).
    pub name: String,
    pub caption: String,
}

/// Writes page `i` of `site` as an article; `markdown` resolves its links
/// with `resolve` as the site's pages do.
pub fn render_article(
    site: &Site,
    i: usize,
    markdown: &Markdown,
    resolve: &dyn Fn(&str) -> crate::markdown::LinkOutcome,
    qr: bool,
) -> Article {
    let page = &site.pages[i];
    let url = page_url(&page.path, site.config.pretty_links);
    let permalink = site.config.permalink(&url);
    let mut w = Writer {
        html: String::new(),
        plain: String::new(),
        refs: Vec::new(),
        pictures: Vec::new(),
        notes: Vec::new(),
        base_url: &site.config.base_url,
        page_dir: &page.path,
        page_url: &url,
        depth: 0,
    };
    let arena = comrak::Arena::new();
    let (root, doc) = markdown.parse(&arena, &page.body, page.body_line, resolve);
    let summary = page.summary.clone().unwrap_or_else(|| summarize(&doc.lead, 120));
    w.html.push_str(&format!("<section style=\"{}\">", style::ROOT));
    let cover = w.header(site, page);
    if !summary.is_empty() {
        w.html
            .push_str(&format!("<p style=\"{}\">{}</p>", style::LEAD, escape_html(&summary)));
    }
    w.plain.push('\n');
    w.block(root);
    if let Some(table) = site.tables[i].as_ref() {
        w.table_of_rows(&table.columns, &table.rows);
    }
    w.footer(&permalink, qr);
    w.html.push_str("</section>");
    let mut plain = format!("{}\n\n", page.title);
    if !summary.is_empty() {
        plain.push_str(&format!("{summary}\n\n"));
    }
    plain.push_str(w.plain.trim());
    plain.push_str("\n\n");
    w.plain_lists(&mut plain, &permalink);
    Article {
        html: w.html,
        plain,
        pictures: w.pictures,
        cover,
    }
}

/// Writes an article's HTML and plain text as it walks the page.
struct Writer<'s> {
    html: String,
    plain: String,
    /// Links to outside the 公众号, numbered in order: (address, text).
    refs: Vec<(String, String)>,
    pictures: Vec<Picture>,
    /// Footnote names in the order they are first referred to.
    notes: Vec<String>,
    base_url: &'s str,
    page_dir: &'s str,
    page_url: &'s str,
    /// How deep the list being written is.
    depth: usize,
}

impl Writer<'_> {
    /// The card at the top: a person's photo, name, honours and facts, or
    /// the title and facts of an award list or event. Returns the picture
    /// the cover is cut from.
    fn header(&mut self, site: &Site, page: &Page) -> Option<usize> {
        self.html.push_str(&format!("<section style=\"{}\">", style::CARD));
        let mut cover = None;
        if page.kind == Kind::Person
            && let Some(path) = photo_path(page).filter(|p| is_published(site, p))
        {
            let alt = page.photo_alt.clone().unwrap_or_else(|| page.title.clone());
            let name = self.picture(&path, &alt);
            cover = self.pictures.iter().position(|p| p.name == name);
            self.html.push_str(&format!(
                "<img src=\"{name}\" alt=\"{}\" style=\"{}\">",
                escape_html(&alt),
                style::PHOTO
            ));
        }
        self.html.push_str(&format!(
            "<p style=\"{}\">{}</p>",
            style::NAME,
            escape_html(&page.title)
        ));
        if !page.honors.is_empty() {
            self.html.push_str(&format!("<p style=\"{}\">", style::BADGES));
            for honor in &page.honors {
                self.html.push_str(&format!(
                    "<span style=\"{}\">{}</span>",
                    style::BADGE,
                    escape_html(honor)
                ));
            }
            self.html.push_str("</p>");
            self.plain.push_str(&format!("荣誉：{}\n", page.honors.join("、")));
        }
        for (label, value) in facts(page) {
            self.html.push_str(&format!(
                "<p style=\"{}\">{label}：{}</p>",
                style::META,
                escape_html(&value)
            ));
            self.plain.push_str(&format!("{label}：{value}\n"));
        }
        self.html.push_str("</section>");
        cover
    }

    /// The QR code, the 参考资料 and the footnotes' list after the text.
    fn footer(&mut self, permalink: &str, qr: bool) {
        if qr {
            self.html.push_str(&format!(
            "<section style=\"{}\"><img src=\"{QR_FILE}\" alt=\"{}\" style=\"{}\"><span style=\"{}\">扫码阅读网站原文</span></section>",
            style::QR,
            escape_html(permalink),
            style::QR_IMAGE,
            style::CAPTION
            ));
        }
        if !self.refs.is_empty() {
            self.html.push_str(&format!("<p style=\"{}\">参考资料</p>", style::H3));
            for (n, (url, text)) in self.refs.iter().enumerate() {
                let text = if text == url {
                    String::new()
                } else {
                    format!("{text}：")
                };
                self.html.push_str(&format!(
                    "<p style=\"{}\">[{}] {}{}</p>",
                    style::REF,
                    n + 1,
                    escape_html(&text),
                    escape_html(url)
                ));
            }
        }
    }

    /// Captions, 参考资料 and the address, after the plain text.
    fn plain_lists(&self, plain: &mut String, permalink: &str) {
        let captions: Vec<&Picture> = self.pictures.iter().filter(|p| !p.caption.is_empty()).collect();
        if !captions.is_empty() {
            plain.push_str("图片说明：\n");
            for (n, picture) in captions.iter().enumerate() {
                plain.push_str(&format!("{}. {}\n", n + 1, picture.caption));
            }
            plain.push('\n');
        }
        if !self.refs.is_empty() {
            plain.push_str("参考资料：\n");
            for (n, (url, text)) in self.refs.iter().enumerate() {
                plain.push_str(&format!("[{}] {text} {url}\n", n + 1));
            }
            plain.push('\n');
        }
        plain.push_str(&format!("原文链接：{permalink}\n"));
    }

    /// The file name of a picture, numbered in order of first use.
    fn picture(&mut self, site_path: &str, caption: &str) -> String {
        if let Some(known) = self.pictures.iter().find(|p| p.site_path == site_path) {
            return known.name.clone();
        }
        let name = format!("images/{}.jpg", self.pictures.len() + 1);
        self.pictures.push(Picture {
            site_path: site_path.to_string(),
            name: name.clone(),
            caption: caption.to_string(),
        });
        name
    }

    fn open(&mut self, tag: &str, style: &str) {
        self.html.push_str(&format!("<{tag} style=\"{style}\">"));
    }

    fn close(&mut self, tag: &str) {
        self.html.push_str(&format!("</{tag}>"));
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>) {
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
            NodeValue::HtmlBlock(_) => {}
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
        let text = node.collect_text();
        let n = match self.refs.iter().position(|(known, _)| *known == url) {
            Some(i) => i + 1,
            None => {
                self.refs.push((url, text));
                self.refs.len()
            }
        };
        self.html
            .push_str(&format!("<span style=\"{}\">[{n}]</span>", style::MARK));
        self.plain.push_str(&format!("[{n}]"));
    }

    /// An image of the site as a picture of the article with its caption; one
    /// from elsewhere (which the 公众号 would refuse) as its caption and a
    /// number into 参考资料.
    fn image<'a>(&mut self, node: &'a AstNode<'a>, url: &str) {
        let caption = node.collect_text();
        let site_path = absolute_url(url, "", self.page_dir, self.page_url);
        if url.contains("://") || url.starts_with("//") || url.starts_with('/') || url.starts_with("data:") {
            let n = self.refs.len() + 1;
            self.refs.push((url.to_string(), caption.clone()));
            self.html.push_str(&format!(
                "<span style=\"{}\">[图：{}] [{n}]</span>",
                style::CAPTION,
                escape_html(&caption)
            ));
            return;
        }
        let site_path = site_path.split(['#', '?']).next().unwrap_or_default().to_string();
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

    /// An award list's data as a simple table.
    fn table_of_rows(&mut self, columns: &[String], rows: &[Vec<String>]) {
        self.open("table", style::TABLE);
        self.html.push_str("<tr>");
        for column in columns {
            self.html.push_str(&format!(
                "<th style=\"{}text-align:left;\">{}</th>",
                style::TH,
                escape_html(column)
            ));
        }
        self.html.push_str("</tr>");
        self.plain.push_str(&columns.join(" | "));
        self.plain.push('\n');
        for row in rows {
            self.html.push_str("<tr>");
            for cell in row {
                self.html
                    .push_str(&format!("<td style=\"{}\">{}</td>", style::TD, escape_html(cell)));
            }
            self.html.push_str("</tr>");
            self.plain.push_str(&row.join(" | "));
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

/// The facts under the title, by kind, as (label, value).
fn facts(page: &Page) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    let mut push = |label: &'static str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            facts.push((label, value));
        }
    };
    match page.kind {
        Kind::Person => {
            push("类别", page.category.clone());
            push("地区", page.region.clone());
            push("单位", page.unit.clone());
        }
        Kind::Award => {
            push("颁授单位", page.issuer.clone());
            push("年度", page.year.map(|y| y.to_string()));
            push("级别", page.level.clone());
            push("等次", page.tier.clone());
            push(
                "公示期",
                page.notice
                    .as_ref()
                    .map(|n| format!("{} 至 {}（联系：{}）", n.start, n.end, n.contact)),
            );
        }
        Kind::Event => {
            let dates = match (page.date, page.end_date) {
                (Some(start), Some(end)) => Some(format!("{start} 至 {end}")),
                (start, _) => start.map(|d| d.to_string()),
            };
            push("时间", dates);
            push("地点", page.location.clone());
            push("主办", Some(page.organizers.join("、")));
            push("参与人数", page.participants.map(|n| n.to_string()));
            push("参与好人", Some(page.people.join("、")));
        }
        Kind::Page => {}
    }
    facts
}

/// Whether a page's photo is a file the site publishes (not a missing one).
fn is_published(site: &Site, path: &str) -> bool {
    site.static_files.iter().any(|a| a.output == path) || site.content_assets.iter().any(|(_, a)| a.output == path)
}

/// Whether a link leads to the 公众号's own articles, which the editor keeps.
fn is_wechat(url: &str) -> bool {
    ["https://mp.weixin.qq.com/", "http://mp.weixin.qq.com/"]
        .iter()
        .any(|prefix| url.starts_with(prefix))
}
