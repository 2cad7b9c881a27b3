//! Fuzz input in TOML: free text and values of every type, written out as TOML
//! source (well-formed mostly, malformed sometimes), for `laurel.toml` and
//! front matter.

use proptest::prelude::*;
use proptest::sample::select;

/// Pieces that free text is made of: Chinese, quotes, escapes, control
/// characters, template and Markdown syntax, emoji.
const PIECES: &[&str] = &[
    "张苗苗",
    "河西区",
    "好人",
    "光荣榜",
    "。",
    "，",
    "“",
    "”",
    "a",
    "Hello",
    " ",
    "  ",
    "\"",
    "'",
    "\\",
    "\n",
    "\t",
    "\r",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "🙂",
    "+++",
    "---",
    "{{ page }}",
    "{%",
    "<script>",
    "&amp;",
    "#",
    "*",
    "/",
    "..",
    "%E5",
    "?",
    "=",
    "[",
    "]",
];

/// How often one character repeats in long text: far beyond what fits in
/// a file name, so slugs must be cut to length.
const LONG: std::ops::Range<usize> = 100..3000;

/// Free text: a few [`PIECES`], or rarely one character many times over.
pub fn text() -> BoxedStrategy<String> {
    prop_oneof![
        12 => prop::collection::vec(select(PIECES), 0..6).prop_map(|p| p.concat()),
        1 => (select(&["好", "a", "“"][..]), LONG).prop_map(|(c, n)| c.repeat(n)),
    ]
    .boxed()
}

/// A TOML string holding `text`: escaped properly mostly, now and then as
/// written (malformed TOML when the text has quotes or control characters).
pub fn string_of(text: BoxedStrategy<String>) -> BoxedStrategy<String> {
    (text, 0..400u16)
        .prop_map(|(text, how)| match how {
            0 => format!("\"{text}\""),
            1 => format!("'{text}'"),
            2..8 => format!("\"\"\"\n{}\"\"\"", escape(&text)),
            _ => format!("\"{}\"", escape(&text)),
        })
        .boxed()
}

/// A TOML string that makes a title: not empty.
pub fn title() -> BoxedStrategy<String> {
    let name = (select(&["张三", "李四", "光荣榜", "a"][..]), text()).prop_map(|(name, t)| format!("{name}{t}"));
    string_of(name.boxed())
}

/// A TOML string of free [`text`].
pub fn string() -> BoxedStrategy<String> {
    string_of(text())
}

/// A TOML string: one of `good` mostly, else one of `bad` or free text.
pub fn choice(good: &'static [&'static str], bad: &'static [&'static str]) -> BoxedStrategy<String> {
    let bad = if bad.is_empty() { good } else { bad };
    let word = prop_oneof![
        40 => select(good).prop_map(String::from),
        1 => select(bad).prop_map(String::from),
        1 => text(),
    ];
    string_of(word.boxed())
}

/// A bare TOML value, chosen from `values`.
pub fn raw(values: &'static [&'static str]) -> BoxedStrategy<String> {
    select(values).prop_map(String::from).boxed()
}

/// Escapes text for a TOML basic string.
pub fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// A TOML integer: in `range` mostly, else anywhere in i64, past it, or not an integer.
pub fn integer(range: std::ops::Range<i64>) -> BoxedStrategy<String> {
    prop_oneof![
        40 => range.prop_map(|n| n.to_string()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => select(&[
            "0", "-1", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "0x7f", "1_000",
            "+5", "1e3", "inf", "nan", "-0.0", "1.5",
        ][..])
        .prop_map(String::from),
    ]
    .boxed()
}

/// A TOML date, date-time or time, a string holding one, or a date that does not exist.
pub fn date() -> BoxedStrategy<String> {
    prop_oneof![
        40 => (1990..2030u32, 1..13u32, 1..29u32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => (0..10000u32, 0..14u32, 0..33u32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        2 => select(&[
            "2024-03-05T10:00:00+08:00", "2024-03-05 10:00:00", "1979-05-27T07:32:00Z", "10:00:00",
            "\"2024-03-05\"", "\"2024-3-5\"", "\"2024年3月5日\"", "\"\"", "2024-02-30", "0000-01-01", "9999-12-31",
        ][..])
        .prop_map(String::from),
    ]
    .boxed()
}

/// Any TOML value: a scalar, an array or an inline table, nested a little.
pub fn value() -> BoxedStrategy<String> {
    let scalar = prop_oneof![
        string(),
        integer(-5..200),
        date(),
        select(&["true", "false", "1.5e308", "-inf"][..]).prop_map(String::from),
    ];
    scalar
        .prop_recursive(3, 12, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec((key(), inner), 0..3).prop_map(|v| inline_table(&v)),
            ]
        })
        .boxed()
}

/// An inline table of any values.
pub fn table() -> BoxedStrategy<String> {
    prop::collection::vec((key(), value()), 0..4)
        .prop_map(|pairs| inline_table(&pairs))
        .boxed()
}

/// An array of TOML strings (or of anything, rarely).
pub fn string_array(item: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop::collection::vec(prop_oneof![200 => item, 1 => value()], 0..4)
        .prop_map(|v| format!("[{}]", v.join(", ")))
        .boxed()
}

/// A bare or quoted key.
pub fn key() -> BoxedStrategy<String> {
    prop_oneof![
        select(&["name", "unit", "\"姓名\"", "\"单位\"", "x", "person_slug", "a-b"][..]).prop_map(String::from),
        text().prop_map(|t| format!("\"{}\"", escape(&t))),
    ]
    .boxed()
}

/// `{ key = value, … }`, each key once.
pub fn inline_table(pairs: &[(String, String)]) -> String {
    let mut seen = std::collections::HashSet::new();
    let fields: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| seen.insert(k.as_str()))
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    format!("{{ {} }}", fields.join(", "))
}

/// `key = value` lines: each of `known` with a value of its type (or, rarely,
/// of any type), in random order and most left out, and rarely a key laurel
/// does not know. Keys in `required` are left out only rarely. A typed value
/// may carry more lines, for keys that come in pairs.
pub fn assignments(known: Vec<(&'static str, BoxedStrategy<String>)>, required: &[&str]) -> BoxedStrategy<String> {
    let lines: Vec<BoxedStrategy<Option<String>>> = known
        .into_iter()
        .map(|(key, typed)| {
            let required = required.contains(&key);
            let value = prop_oneof![1000 => typed, 1 => value()];
            let line = value.prop_map(move |v| format!("{key} = {v}"));
            let present = if required { 0.99 } else { 0.25 };
            prop::option::weighted(present, line).boxed()
        })
        .collect();
    let unknown = prop::option::weighted(0.01, (key(), value()).prop_map(|(k, v)| format!("{k} = {v}")));
    (lines, unknown)
        .prop_flat_map(|(lines, unknown)| {
            let lines: Vec<String> = lines.into_iter().flatten().chain(unknown).collect();
            Just(lines).prop_shuffle()
        })
        .prop_map(|lines| lines.join("\n") + "\n")
        .boxed()
}
