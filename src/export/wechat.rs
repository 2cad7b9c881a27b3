//! Export stage: one page as a 公众号 article — the default theme's look in
//! inline styles ([`super::style`]), a card at the top with the page's facts,
//! the story ([`super::story`]), the QR code and the numbered 参考资料 — and
//! the same text as plain text for submission forms.

use crate::error::Diagnostic;
use crate::links::page_url;
use crate::markdown::Markdown;
use crate::page::{Kind, Page};
use crate::site::{Site, photo_path};
use crate::text::{escape_html, summarize};

use super::style;

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
/// with `resolve` as the site's pages do. Fails only when the page's story
/// cannot be read as it was loaded.
pub fn render_article(
    site: &Site,
    i: usize,
    markdown: &Markdown,
    resolve: &dyn Fn(&str) -> crate::markdown::LinkOutcome,
    qr: bool,
) -> Result<Article, Diagnostic> {
    let page = &site.pages[i];
    let story = page.story(&site.root)?;
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
    let (root, doc) = markdown.parse(&arena, &story, page.body_line, resolve);
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
    Ok(Article {
        html: w.html,
        plain,
        pictures: w.pictures,
        cover,
    })
}

/// Writes an article's HTML and plain text as it walks the page.
pub(super) struct Writer<'s> {
    pub(super) html: String,
    pub(super) plain: String,
    /// Links to outside the 公众号, numbered in order: (address, text).
    pub(super) refs: Vec<(String, String)>,
    pub(super) pictures: Vec<Picture>,
    /// Footnote names in the order they are first referred to.
    pub(super) notes: Vec<String>,
    pub(super) base_url: &'s str,
    pub(super) page_dir: &'s str,
    pub(super) page_url: &'s str,
    /// How deep the list being written is.
    pub(super) depth: usize,
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
    pub(super) fn picture(&mut self, site_path: &str, caption: &str) -> String {
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

    pub(super) fn open(&mut self, tag: &str, style: &str) {
        self.html.push_str(&format!("<{tag} style=\"{style}\">"));
    }

    pub(super) fn close(&mut self, tag: &str) {
        self.html.push_str(&format!("</{tag}>"));
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
        Kind::Page | Kind::Custom(_) => {}
    }
    facts
}

/// Whether a page's photo is a file the site publishes (not a missing one).
fn is_published(site: &Site, path: &str) -> bool {
    site.static_files.iter().any(|a| a.output == path) || site.content_assets.iter().any(|(_, a)| a.output == path)
}
