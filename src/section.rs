//! Resolve stage: sections — folders of `content/`, set up by their `_index.md`.

use crate::error::Diagnostic;
use crate::front_matter::{RawSectionMatter, Split, line_of_span, resolve_date};
use crate::i18n::msg;
use crate::kind::{Kind, Schema};

/// A folder of `content/` with pages in it; `content/` itself is the home section.
#[derive(Debug, Clone)]
pub struct Section {
    /// `_index.md` relative to the site root, or the folder when it has none.
    pub file: String,
    /// Folder relative to `content/` (`people`; empty for the home section).
    pub dir: String,
    pub title: String,
    pub summary: Option<String>,
    /// Kind of the pages in this section that do not set `kind`.
    pub page_kind: Kind,
    pub paginate_by: Option<usize>,
    pub weight: i64,
    pub template: Option<String>,
    pub extra: toml::Table,
    pub aliases: Vec<String>,
    pub updated: Option<jiff::civil::Date>,
    /// How often the section should get a new page (`update_every`).
    pub update_every: Option<UpdateEvery>,
    /// Output folder relative to the site root, ending in `/` (empty for home).
    pub path: String,
    pub body: String,
    pub body_line: usize,
    /// Indices into the site's pages, in display order.
    pub pages: Vec<usize>,
    /// Indices into the site's sections.
    pub subsections: Vec<usize>,
    /// Index of the parent section (none for home).
    pub parent: Option<usize>,
}

impl Section {
    /// A section for a folder with no `_index.md`: titled by its folder name.
    pub fn bare(dir: &str, path: String, page_kind: Kind) -> Section {
        let name = dir.rsplit('/').next().unwrap_or(dir);
        Section {
            file: format!("content/{dir}"),
            dir: dir.to_string(),
            title: name.to_string(),
            summary: None,
            page_kind,
            paginate_by: None,
            weight: 0,
            template: None,
            extra: toml::Table::new(),
            aliases: Vec::new(),
            updated: None,
            update_every: None,
            path,
            body: String::new(),
            body_line: 1,
            pages: Vec::new(),
            subsections: Vec::new(),
            parent: None,
        }
    }

    pub fn is_home(&self) -> bool {
        self.dir.is_empty()
    }
}

/// A section's `update_every`: the longest a section may go without a new page.
#[derive(Debug, Clone)]
pub struct UpdateEvery {
    pub span: jiff::Span,
    /// As written (`"14d"`), for messages.
    pub written: String,
    /// File line of the `update_every` key.
    pub line: usize,
}

impl UpdateEvery {
    /// Reads `"14d"`, `"2w"`, `"6m"` or `"1y"`; `None` for anything else.
    pub fn parse(text: &str, line: usize) -> Option<UpdateEvery> {
        let text = text.trim();
        let unit = text.chars().next_back()?;
        let count: i64 = text[..text.len() - unit.len_utf8()].trim().parse().ok()?;
        if !(1..=1000).contains(&count) {
            return None;
        }
        let span = match unit.to_ascii_lowercase() {
            'd' => jiff::Span::new().days(count),
            'w' => jiff::Span::new().weeks(count),
            'm' => jiff::Span::new().months(count),
            'y' => jiff::Span::new().years(count),
            _ => return None,
        };
        Some(UpdateEvery {
            span,
            written: text.to_string(),
            line,
        })
    }
}

/// Checks an `_index.md`'s front matter; `inherited` is the parent's page kind.
pub fn resolve_section(
    file: &str,
    dir: &str,
    path: String,
    split: &Split<'_>,
    raw: RawSectionMatter,
    inherited: Kind,
    schema: &Schema,
) -> Result<Section, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let page_kind = match &raw.page_kind {
        Some(k) => schema.kind_named(k.get_ref()).unwrap_or_else(|| {
            problems.push(
                Diagnostic::error(file, msg::section_unknown_kind(format_args!("{:?}", k.get_ref())))
                    .at_line(line_of_span(split, k))
                    .hint(msg::section_unknown_kind_hint(schema.kind_names())),
            );
            inherited
        }),
        None => inherited,
    };
    if let Some(zero) = raw.paginate_by.as_ref().filter(|n| *n.get_ref() == 0) {
        problems.push(Diagnostic::error(file, msg::section_paginate_zero()).at_line(line_of_span(split, zero)));
    }
    let updated = raw
        .updated
        .as_ref()
        .or(raw.date.as_ref())
        .and_then(|v| resolve_date(file, split, "date", v).map_err(|d| problems.push(d)).ok());
    let update_every = raw.update_every.as_ref().and_then(|every| {
        let line = line_of_span(split, every);
        UpdateEvery::parse(every.get_ref(), line)
            .ok_or_else(|| {
                problems.push(
                    Diagnostic::error(file, msg::section_bad_period(format_args!("{:?}", every.get_ref())))
                        .at_line(line)
                        .hint(msg::section_bad_period_hint()),
                )
            })
            .ok()
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut section = Section::bare(dir, path, page_kind);
    section.file = file.to_string();
    if let Some(title) = raw.title {
        section.title = title.into_inner();
    }
    section.summary = raw.summary;
    section.paginate_by = raw.paginate_by.map(|n| n.into_inner());
    section.weight = raw.weight.unwrap_or(0);
    section.template = raw.template.map(|t| t.into_inner());
    section.extra = raw.extra.unwrap_or_default();
    section.aliases = raw.aliases.unwrap_or_default();
    section.updated = updated;
    section.update_every = update_every;
    section.body = split.body.to_string();
    section.body_line = split.body_line;
    Ok(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_every_reads_days_weeks_months_years() {
        let day = jiff::civil::date(2024, 1, 31);
        let after = |text: &str| day.checked_add(UpdateEvery::parse(text, 1).unwrap().span).unwrap();
        assert_eq!(after("14d"), jiff::civil::date(2024, 2, 14));
        assert_eq!(after("2w"), jiff::civil::date(2024, 2, 14));
        assert_eq!(after("1m"), jiff::civil::date(2024, 2, 29));
        assert_eq!(after(" 1Y "), jiff::civil::date(2025, 1, 31));
        for bad in ["", "d", "14", "14 days", "0d", "-3d", "十四天", "99999y"] {
            assert!(UpdateEvery::parse(bad, 1).is_none(), "{bad}");
        }
    }
}
