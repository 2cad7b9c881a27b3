//! A whole small site as fuzz input: `laurel.toml`, sections, pages of every
//! kind, award data files and a photo, written into a temporary folder.

use std::fmt;

use proptest::prelude::*;
use proptest::sample::select;

use super::markdown::document;
use super::table::{COLUMNS, csv_bytes, xlsx_bytes};
use super::toml::{assignments, choice, date, inline_table, integer, raw, string, string_array, table, title};
use crate::support::{Site, jpeg};

/// The files of a generated site, by path from its root.
#[derive(Clone)]
pub struct FuzzSite {
    pub files: Vec<(String, Vec<u8>)>,
}

impl FuzzSite {
    /// Writes the files into a new temporary folder.
    pub fn write(&self) -> Site {
        self.files
            .iter()
            .fold(Site::bare(), |site, (path, bytes)| site.bytes(path, bytes))
    }
}

/// Shows each file as text (invalid UTF-8 replaced), so a failing case reads as a site.
impl fmt::Debug for FuzzSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (path, bytes) in &self.files {
            writeln!(f, "==> {path} ({} bytes)", bytes.len())?;
            writeln!(f, "{:?}", String::from_utf8_lossy(bytes))?;
        }
        Ok(())
    }
}

/// Section folders, and the page kind each one usually gives its pages.
const SECTIONS: &[(&str, &str)] = &[
    ("people", "person"),
    ("awards", "award"),
    ("events", "event"),
    ("news", ""),
];

/// File stems of pages (a page bundle uses the stem as its folder).
const STEMS: &[&str] = &[
    "a",
    "zhang-san",
    "张三",
    "2024-03-05-xue-lei-feng",
    "list",
    "_index2",
    "index",
];

/// Names in `data` of the generated data files.
const DATA: &[&str] = &["list.csv", "list.tsv", "list.xlsx"];

/// A whole small site.
pub fn site() -> BoxedStrategy<FuzzSite> {
    (
        config(),
        prop::collection::vec(section(), 0..3),
        prop::collection::vec(page(), 1..5),
        prop::collection::vec(award_page(), 0..2),
        prop::collection::vec(data_file(), 0..3),
        prop::option::weighted(0.5, markdown_file(section_matter("index.html"))),
    )
        .prop_map(|(config, sections, pages, awards, data, home)| {
            let mut files = vec![("laurel.toml".to_string(), config.into_bytes())];
            files.extend(home.map(|home| ("content/_index.md".to_string(), home)));
            files.extend(sections);
            files.extend(pages);
            files.extend(awards);
            files.extend(data);
            files.push(("static/photos/a.jpg".to_string(), jpeg(2, 2)));
            FuzzSite { files }
        })
        .boxed()
}

/// `laurel.toml`: every key, with values of its type mostly.
fn config() -> BoxedStrategy<String> {
    let base_url = choice(
        &[
            "https://example.org/haoren/",
            "https://example.org",
            "http://127.0.0.1:1111/",
            "https://例子.中国/好人/",
        ],
        &["ftp://x/", "/haoren/", ""],
    );
    let taxonomy = choice(
        &["category", "region", "year", "level", "honors", "tags", "城市"],
        &["", "a/b"],
    );
    assignments(
        vec![
            ("title", title()),
            ("base_url", base_url),
            ("description", string()),
            ("language", choice(&["zh-CN", "en"], &[""])),
            ("theme", choice(&["default"], &["nope", "../..", ""])),
            ("paginate_by", integer(1..5)),
            ("taxonomies", string_array(taxonomy)),
            (
                "categories",
                string_array(choice(&["助人为乐", "见义勇为", "诚实守信"], &[])),
            ),
            ("pretty_links", raw(&["true", "false"])),
            ("allow_html", raw(&["true", "false"])),
            ("extra", table()),
        ],
        &["title", "base_url"],
    )
}

/// A section's `_index.md` in a section folder.
fn section() -> BoxedStrategy<(String, Vec<u8>)> {
    (select(SECTIONS), markdown_file(section_matter("section.html")))
        .prop_map(|((dir, _), file)| (format!("content/{dir}/_index.md"), file))
        .boxed()
}

/// Front matter of a section (or of the home page, whose template is `template`).
fn section_matter(template: &'static str) -> BoxedStrategy<String> {
    let templates: &'static [&'static str] = if template == "index.html" {
        &["index.html"]
    } else {
        &["section.html"]
    };
    assignments(
        vec![
            ("title", title()),
            ("summary", string()),
            ("page_kind", choice(&["person", "award", "event", "page"], &["好人"])),
            ("paginate_by", integer(1..5)),
            ("weight", integer(-5..100)),
            ("template", choice(templates, &["page.html", "nope.html", "../x"])),
            ("extra", table()),
            ("draft", raw(&["true", "false"])),
            ("date", date()),
            ("updated", date()),
            ("aliases", aliases()),
        ],
        &["title"],
    )
}

/// The keys of an award list read from a data file.
const AWARD: &[&str] = &["title", "kind", "data"];

/// An award list in `content/awards/`, reading a data file.
fn award_page() -> BoxedStrategy<(String, Vec<u8>)> {
    (
        select(&["list", "2024", "光荣榜"][..]),
        markdown_file(page_matter(AWARD)),
    )
        .prop_map(|(stem, file)| (format!("content/awards/{stem}.md"), file))
        .boxed()
}

/// Old addresses of a page or section: one or two of many, so that two pages
/// seldom claim the same one.
fn aliases() -> BoxedStrategy<String> {
    const OLD: &[&str] = &[
        "/old/a/",
        "/old/b/",
        "/old/c/",
        "/旧/d.html",
        "/e.html",
        "/f/g/",
        "/h/",
        "/i/j.html",
    ];
    let alias = choice(OLD, &["", "/", "../../x", "/old/a/"]);
    prop::collection::vec(alias, 0..2)
        .prop_map(|v| format!("[{}]", v.join(", ")))
        .boxed()
}

/// A page, as a file in a section (or at the top) or as a bundle's `index.md`.
fn page() -> BoxedStrategy<(String, Vec<u8>)> {
    (
        select(SECTIONS),
        select(STEMS),
        any::<bool>(),
        any::<bool>(),
        markdown_file(page_matter(&["title"])),
    )
        .prop_map(|((dir, _), stem, top, bundle, file)| {
            let folder = if top {
                "content".to_string()
            } else {
                format!("content/{dir}")
            };
            let path = if bundle {
                format!("{folder}/{stem}/index.md")
            } else {
                format!("{folder}/{stem}.md")
            };
            (path, file)
        })
        .boxed()
}

/// Front matter of a page, with the `required` keys nearly always there.
fn page_matter(required: &'static [&'static str]) -> BoxedStrategy<String> {
    let column = || choice(COLUMNS, &[]);
    // An award list reading a data file is what `required` = [`AWARD`] asks for.
    let kind = if required == AWARD {
        choice(&["award"], &["person"])
    } else {
        choice(&["person", "award", "event", "page"], &["好人"])
    };
    let entries = prop::collection::vec(
        prop::collection::vec((column(), string()), 0..3).prop_map(|pairs| inline_table(&pairs)),
        0..3,
    )
    .prop_map(|tables| format!("[{}]", tables.join(", ")))
    .boxed();
    // The two ends of a notice period come together.
    let notice = (date(), date())
        .prop_map(|(start, end)| format!("{start}\nnotice_end = {end}"))
        .boxed();

    assignments(
        vec![
            ("title", title()),
            ("kind", kind),
            ("date", date()),
            ("updated", date()),
            ("summary", string()),
            (
                "slug",
                choice(&["a", "zhang-san", "b-2"], &["", "a/b", "..", "张三", "A B"]),
            ),
            ("draft", raw(&["true", "false"])),
            ("weight", integer(-5..100)),
            ("tags", string_array(string())),
            (
                "template",
                choice(
                    &["page.html", "person.html", "award.html", "event.html"],
                    &["nope.html"],
                ),
            ),
            ("aliases", aliases()),
            ("extra", table()),
            (
                "photo",
                choice(
                    &["/photos/a.jpg"],
                    &["a.jpg", "/photos/nope.jpg", "", "../../etc/passwd"],
                ),
            ),
            ("photo_alt", string()),
            ("honors", string_array(string())),
            ("category", choice(&["助人为乐", "见义勇为"], &[""])),
            ("region", string()),
            ("unit", string()),
            ("year", integer(1990..2030)),
            ("level", string()),
            ("issuer", string()),
            ("tier", string()),
            (
                "data",
                choice(DATA, &["/list.csv", "nope.csv", "list.txt", "../laurel.toml"]),
            ),
            ("sheet", choice(&["Sheet1", "名单"], &["nope"])),
            ("columns", string_array(column())),
            ("entries", entries),
            ("notice_start", notice),
            ("notice_contact", string()),
            ("location", string()),
            ("end_date", date()),
            ("organizers", string_array(string())),
            ("participants", integer(0..10000)),
            ("people", string_array(choice(&["张三", "a"], &["李四"]))),
        ],
        required,
    )
}

/// A Markdown file: front matter and a body, sometimes written wrong (no
/// front matter, YAML, unclosed, a BOM, CRLF, bytes that are not UTF-8).
fn markdown_file(front: BoxedStrategy<String>) -> BoxedStrategy<Vec<u8>> {
    (front, document(), 0..200u8)
        .prop_map(|(front, body, how)| {
            let file = format!("+++\n{front}+++\n{body}");
            match how {
                0 => body.into_bytes(),
                1 => format!("---\n{front}---\n{body}").into_bytes(),
                2 => format!("+++\n{front}{body}").into_bytes(),
                3 => format!("\u{feff}{file}").into_bytes(),
                4 => file.replace('\n', "\r\n").into_bytes(),
                5 => [file.as_bytes(), b"\xFF\xFE\x81"].concat(),
                _ => file.into_bytes(),
            }
        })
        .boxed()
}

/// An award data file beside an award page or under `data/`.
fn data_file() -> BoxedStrategy<(String, Vec<u8>)> {
    let csv = (
        select(&["content/awards/list.csv", "data/list.csv", "content/awards/list.tsv"][..]),
        csv_bytes(),
    )
        .prop_map(|(path, bytes)| (path.to_string(), bytes));
    let xlsx = (
        select(&["content/awards/list.xlsx", "data/list.xlsx"][..]),
        xlsx_bytes(),
    )
        .prop_map(|(path, bytes)| (path.to_string(), bytes));
    prop_oneof![csv, xlsx].boxed()
}
