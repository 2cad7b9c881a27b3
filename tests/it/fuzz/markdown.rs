//! Fuzz input in Markdown: documents from a grammar of CommonMark and GFM
//! constructs, nested at random, and a few nested very deep.

use proptest::prelude::*;
use proptest::sample::select;

use super::toml::text;

/// Link targets: other pages (relative, `@/`, site paths), anchors, external
/// and hostile URLs.
const URLS: &[&str] = &[
    "@/people/a.md",
    "../people/a.md",
    "a.md",
    "people/张三.md",
    "@/awards/list.md",
    "/photos/a.jpg",
    "/",
    "#",
    "#事迹",
    "https://example.org/",
    "mailto:a@b.c",
    "javascript:alert(1)",
    "",
    "../../../../etc/passwd",
    "%E5%BC%A0.md",
    "a.md?x=1#y",
    "@/",
    "@/people/",
    "//evil.example",
    "<>",
    "a b.md",
];

/// Text without line breaks, for places where a line break ends the construct.
fn words() -> BoxedStrategy<String> {
    text().prop_map(|t| t.replace(['\n', '\r'], " ")).boxed()
}

fn url() -> BoxedStrategy<String> {
    select(URLS).prop_map(String::from).boxed()
}

/// An inline: text, code, links, images, raw HTML, entities, emphasis …
pub fn inline() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        6 => words(),
        1 => words().prop_map(|t| format!("`{t}`")),
        1 => url().prop_map(|u| format!("<{u}>")),
        1 => (words(), url()).prop_map(|(t, u)| format!("![{t}]({u})")),
        1 => select(&["[^1]", "[^注]", "&amp;", "&#0;", "&#x10FFFF;", "&nbsp;", "  \n", "\\\n", "<b>", "</i>",
            "<span onclick=\"x\">", "<!-- c -->", "www.example.org", "~", "|", "\\*", "[链接][ref]"][..])
            .prop_map(String::from),
    ];
    leaf.prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
            (inner.clone(), select(&["*", "**", "_", "__", "~~", "***"][..]))
                .prop_map(|(t, mark)| format!("{mark}{t}{mark}")),
            (inner, url()).prop_map(|(t, u)| format!("[{t}]({u})")),
        ]
    })
    .boxed()
}

/// A block: paragraphs, headings, code, tables, HTML, quotes and lists holding blocks.
pub fn block() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        4 => inline(),
        1 => (1..8usize, inline()).prop_map(|(n, t)| format!("{} {}", "#".repeat(n), t.replace('\n', " "))),
        1 => (select(&["", "rust", "html", "```"][..]), text()).prop_map(|(lang, t)| format!("```{lang}\n{t}\n```")),
        1 => table(),
        1 => select(&["---", "***", "<div>\n<p>原样</p>\n</div>", "<script>alert(1)</script>",
            "[^1]: 脚注", "[ref]: https://example.org", "- [ ] 待办\n- [x] 已办", "$$x$$", ""][..])
            .prop_map(String::from),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|b| prefix_lines(&b, "> ", "> ")),
            (inner.clone(), select(&["- ", "* ", "1. ", "9999999999. ", "+ "][..])).prop_map(|(b, mark)| prefix_lines(
                &b,
                mark,
                &" ".repeat(mark.len())
            )),
            prop::collection::vec(inner, 1..3).prop_map(|v| v.join("\n\n")),
        ]
    })
    .boxed()
}

/// A GFM table, its rows sometimes shorter or longer than its header.
fn table() -> BoxedStrategy<String> {
    let cell = words().prop_map(|t| t.replace('|', "\\|"));
    (
        prop::collection::vec(cell.clone(), 1..4),
        prop::collection::vec(prop::collection::vec(cell, 0..5), 0..3),
    )
        .prop_map(|(header, rows)| {
            let mut out = format!("| {} |\n|{}\n", header.join(" | "), " --- |".repeat(header.len()));
            for row in rows {
                out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
            out
        })
        .boxed()
}

/// One construct nested `depth` times: quotes, lists, emphasis, links, brackets, HTML.
///
/// Nesting beyond ~50 levels is not generated yet: deep nesting is defect 5 of issue 13.
pub fn deep() -> BoxedStrategy<String> {
    (1..=50usize, 0..6u8, words())
        .prop_map(|(depth, how, t)| match how {
            0 => format!("{}{t}", "> ".repeat(depth)),
            1 => (0..depth).map(|i| format!("{}- {t}\n", "  ".repeat(i))).collect(),
            2 => format!("{}{t}{}", "*".repeat(depth), "*".repeat(depth)),
            3 => format!("{}{t}{}", "[".repeat(depth), "](a.md)".repeat(depth)),
            4 => format!("{}{t}{}", "<div>".repeat(depth), "</div>".repeat(depth)),
            _ => format!("{}{t}", "1. ".repeat(depth)),
        })
        .boxed()
}

/// A Markdown body: a few blocks, now and then one nested deep.
pub fn document() -> BoxedStrategy<String> {
    (
        prop::collection::vec(block(), 0..5),
        prop::option::weighted(0.1, deep()),
        select(&["\n\n", "\n", "\r\n\r\n"][..]),
    )
        .prop_map(|(blocks, deep, gap)| blocks.into_iter().chain(deep).collect::<Vec<_>>().join(gap))
        .boxed()
}

/// `block` with `first` before its first line and `rest` before the others.
fn prefix_lines(block: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, line) in block.split('\n').enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
    out
}
