//! Parse stage: split a Markdown file into TOML front matter and body, and
//! deserialize the front matter into raw, all-optional structs.

use serde::Deserialize;
use toml::Spanned;

use toml::de::DeTable;

use crate::error::{Diagnostic, line_of, toml_diagnostic};
use crate::i18n::msg;
use crate::kind::{Kind, Schema};

/// A source file cut in two at its `+++` lines.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front: &'a str,
    /// File line of the first TOML line.
    pub front_line: usize,
    pub body: &'a str,
    /// File line of the first body line.
    pub body_line: usize,
}

/// Removes a UTF-8 byte-order mark and turns CRLF line ends into LF.
pub fn normalize(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Cuts `text` (already [`normalize`]d) at its `+++` front-matter lines.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first = text.lines().next().unwrap_or("").trim_end();
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, msg::front_empty())
            .at_line(1)
            .hint(msg::front_empty_hint()));
    }
    if first == "---" {
        return Err(Diagnostic::error(file, msg::front_yaml())
            .at_line(1)
            .hint(msg::front_yaml_hint()));
    }
    if first != "+++" {
        return Err(Diagnostic::error(file, msg::front_missing())
            .at_line(1)
            .hint(msg::front_missing_hint()));
    }
    let after_open = first.len() + 1;
    let rest = text.get(after_open..).unwrap_or("");
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_start = after_open + offset + line.len();
            return Ok(Split {
                front,
                front_line: 2,
                body,
                body_line: line_of(text, body_start),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(file, msg::front_unclosed())
        .at_line(1)
        .hint(msg::front_unclosed_hint()))
}

/// A date as written in front matter: a TOML date (`2024-03-05`), a date-time,
/// or a string holding either.
pub type RawDate = Spanned<toml::Value>;

/// Front matter of a page, as written. Every field is optional here;
/// [`crate::page`] checks and resolves them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageMatter {
    pub title: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub date: Option<RawDate>,
    pub updated: Option<RawDate>,
    pub summary: Option<String>,
    pub slug: Option<Spanned<String>>,
    pub draft: Option<bool>,
    pub weight: Option<i64>,
    pub tags: Option<Vec<String>>,
    pub template: Option<Spanned<String>>,
    pub aliases: Option<Vec<String>>,
    pub extra: Option<toml::Table>,
    // person
    pub photo: Option<Spanned<String>>,
    pub photo_alt: Option<String>,
    pub honors: Option<Vec<String>>,
    pub category: Option<Spanned<String>>,
    pub region: Option<String>,
    pub unit: Option<String>,
    pub year: Option<Spanned<i64>>,
    pub level: Option<String>,
    // award
    pub issuer: Option<String>,
    pub tier: Option<String>,
    pub data: Option<Spanned<String>>,
    pub sheet: Option<String>,
    pub columns: Option<Spanned<Vec<String>>>,
    pub entries: Option<Spanned<Vec<toml::Table>>>,
    pub notice_start: Option<RawDate>,
    pub notice_end: Option<RawDate>,
    pub notice_contact: Option<String>,
    /// `true`, or the columns whose personal numbers are published masked.
    pub mask: Option<Spanned<toml::Value>>,
    // event
    pub location: Option<String>,
    pub end_date: Option<RawDate>,
    pub organizers: Option<Vec<String>>,
    pub participants: Option<u64>,
    pub people: Option<Spanned<Vec<String>>>,
}

/// Front matter of a section's `_index.md`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSectionMatter {
    pub title: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub page_kind: Option<Spanned<String>>,
    pub paginate_by: Option<Spanned<usize>>,
    pub weight: Option<i64>,
    pub template: Option<Spanned<String>>,
    pub extra: Option<toml::Table>,
    pub draft: Option<bool>,
    pub date: Option<RawDate>,
    pub updated: Option<RawDate>,
    pub aliases: Option<Vec<String>>,
    /// How often the section should get a new page: `"14d"`, `"2w"`, `"6m"`, `"1y"`.
    pub update_every: Option<Spanned<String>>,
}

/// Deserializes front matter, with errors at the file's line.
pub fn parse<'de, T: Deserialize<'de>>(file: &str, split: &Split<'de>) -> Result<T, Diagnostic> {
    toml::from_str(split.front).map_err(|err| {
        let d = toml_diagnostic(file, split.front, split.front_line, &err);
        if d.message.contains("unknown field") {
            d.hint(msg::front_unknown_field_hint())
        } else {
            d
        }
    })
}

/// A page's front matter checked against its kind: the typed fields, the
/// kind, and the values of the fields the site declared.
#[derive(Debug)]
pub struct CheckedMatter {
    pub raw: RawPageMatter,
    pub kind: Kind,
    pub fields: toml::Table,
}

/// Parses a page's front matter and checks it against the kind it names, or
/// else `section_kind`: every key declared, every value of the right type.
pub fn parse_page(
    file: &str,
    split: &Split<'_>,
    schema: &Schema,
    section_kind: Kind,
) -> Result<CheckedMatter, Vec<Diagnostic>> {
    let to_diagnostic = |err: toml::de::Error| vec![toml_diagnostic(file, split.front, split.front_line, &err)];
    let table = DeTable::parse(split.front).map_err(to_diagnostic)?;
    let span = table.span();
    let mut table = table.into_inner();
    let mut problems = Vec::new();
    let kind = match table.get("kind") {
        Some(k) => match k.get_ref().as_str() {
            Some(name) => schema.kind_named(name).unwrap_or_else(|| {
                problems.push(
                    Diagnostic::error(file, msg::front_unknown_kind(format_args!("{name:?}")))
                        .at_line(line_of_span(split, k))
                        .hint(msg::front_use_one_of_hint(schema.kind_names())),
                );
                section_kind
            }),
            None => section_kind,
        },
        None => section_kind,
    };
    let fields = crate::kind::check_keys(file, split, &mut table, schema, kind, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let de = toml::de::Deserializer::from(Spanned::new(span, table));
    let raw = RawPageMatter::deserialize(de).map_err(to_diagnostic)?;
    Ok(CheckedMatter { raw, kind, fields })
}

/// Line in the file of a spanned front-matter value.
pub fn line_of_span<T>(split: &Split<'_>, value: &Spanned<T>) -> usize {
    split.front_line + line_of(split.front, value.span().start) - 1
}

/// Reads a front-matter date: a TOML date or date-time, or a string holding one.
pub fn resolve_date(
    file: &str,
    split: &Split<'_>,
    key: &str,
    value: &RawDate,
) -> Result<jiff::civil::Date, Diagnostic> {
    let text = match value.get_ref() {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let date_part = text.get(..10).unwrap_or(&text);
    date_part.parse::<jiff::civil::Date>().map_err(|_| {
        Diagnostic::error(file, msg::front_not_a_date(key, text))
            .at_line(line_of_span(split, value))
            .hint(msg::front_date_hint(key))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_plus_lines_with_body_line() {
        let text = "+++\ntitle = \"a\"\n+++\nbody\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.front, "title = \"a\"\n");
        assert_eq!(s.front_line, 2);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_front_matter() {
        let s = split("a.md", "+++\n+++\nx").unwrap();
        assert_eq!(s.front, "");
        assert_eq!(s.body, "x");
        assert_eq!(s.body_line, 3);
    }

    #[test]
    fn yaml_is_refused_with_hint() {
        let err = split("a.md", "---\ntitle: a\n---\n").unwrap_err();
        assert!(err.message.contains("not YAML"));
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn unclosed_and_missing() {
        assert!(
            split("a.md", "+++\ntitle = \"a\"\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("a.md", "# hi").unwrap_err().message.contains("does not start"));
        assert!(split("a.md", "  \n").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn normalize_strips_bom_and_crlf() {
        assert_eq!(normalize("\u{feff}+++\r\na\r\n".to_string()), "+++\na\n");
    }

    #[test]
    fn toml_error_line_is_file_line() {
        let text = "+++\ntitle = \"a\"\ndate = \n+++\n";
        let s = split("a.md", text).unwrap();
        let err = parse::<RawPageMatter>("a.md", &s).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
    }
}
