//! Resolve stage: a page's raw front matter, checked and completed with its
//! section's defaults.

use jiff::civil::Date;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::front_matter::{CheckedMatter, Split, line_of_span, resolve_date};
use crate::i18n::msg;
use crate::personal::{Mask, resolve_mask};
use crate::story::Story;

pub use crate::kind::Kind;

/// The 公示 window of an award list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub start: Date,
    pub end: Date,
    pub contact: String,
}

/// A published (or, with `--drafts`, draft) page, resolved but not yet rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Source file relative to the site root (`content/people/a.md`), for messages.
    pub file: String,
    /// Source file relative to `content/` (`people/a.md`), for links between pages.
    pub source: String,
    pub kind: Kind,
    pub title: String,
    /// Output folder relative to the site root, ending in `/` (`people/fan-zhen-xi/`).
    pub path: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub summary: Option<String>,
    pub draft: bool,
    pub weight: i64,
    pub tags: Vec<String>,
    pub template: Option<String>,
    pub aliases: Vec<String>,
    pub extra: toml::Table,
    /// Values of the fields the site declared for the page's kind, by name.
    pub fields: toml::Table,
    /// Photo as written (`photo.jpg` beside the page, or `/photos/a.jpg` from `static/`).
    pub photo: Option<String>,
    pub photo_line: usize,
    pub photo_alt: Option<String>,
    pub honors: Vec<String>,
    pub category: Option<String>,
    pub region: Option<String>,
    pub unit: Option<String>,
    pub year: Option<i64>,
    pub level: Option<String>,
    pub issuer: Option<String>,
    pub tier: Option<String>,
    pub data: Option<(String, usize)>,
    pub sheet: Option<String>,
    pub columns: Option<(Vec<String>, usize)>,
    pub entries: Vec<toml::Table>,
    pub entries_line: usize,
    pub notice: Option<Notice>,
    /// Which cells of the award list publish their personal numbers masked.
    pub mask: Mask,
    pub mask_line: usize,
    pub location: Option<String>,
    pub end_date: Option<Date>,
    pub organizers: Vec<String>,
    pub participants: Option<u64>,
    /// Titles of the persons an event names, with the line that names them.
    pub people: Vec<String>,
    pub people_line: usize,
    /// Markdown after the front matter.
    pub body: Story,
    /// File line of the body's first line.
    pub body_line: usize,
    /// Files beside a bundle's `index.md`, relative to `content/`.
    pub assets: Vec<String>,
}

impl Page {
    /// The page with its story left in its file, to be read again where it
    /// is needed (see [`Story::read`]).
    pub fn leaving_story(self) -> Page {
        let body = match self.body {
            Story::Held { hash, .. } => Story::InFile { hash },
            left => left,
        };
        Page { body, ..self }
    }

    /// The page's story as loaded, read again when it was left in its file.
    pub fn story(&self, root: &std::path::Path) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        self.body.read(root, &self.file)
    }
}

/// What a page takes from where it lives.
pub struct PageContext<'a> {
    pub config: &'a Config,
    /// `page_kind` of the page's section.
    pub section_kind: Kind,
    /// Output folder of the section, ending in `/` (empty for the home section).
    pub section_path: &'a str,
    /// File stem or bundle folder name: the slug's source when none is given.
    pub stem: &'a str,
}

/// Checks a page's front matter and fills in what it leaves out.
pub fn resolve_page(
    file: &str,
    source: &str,
    split: &Split<'_>,
    checked: CheckedMatter,
    cx: &PageContext<'_>,
) -> Result<Page, Vec<Diagnostic>> {
    let CheckedMatter { raw, kind, fields } = checked;
    let mut problems = Vec::new();
    let line = |value: &toml::Spanned<String>| line_of_span(split, value);

    let title = resolve_title(file, split, raw.title.as_ref()).unwrap_or_else(|d| {
        problems.push(d);
        String::new()
    });
    let mut date_of = |key: &str, value: &Option<toml::Spanned<toml::Value>>| {
        value
            .as_ref()
            .and_then(|v| resolve_date(file, split, key, v).map_err(|d| problems.push(d)).ok())
    };
    let date = date_of("date", &raw.date).or_else(|| date_prefix(cx.stem));
    let updated = date_of("updated", &raw.updated);
    let end_date = date_of("end_date", &raw.end_date);
    let notice_start = date_of("notice_start", &raw.notice_start);
    let notice_end = date_of("notice_end", &raw.notice_end);

    let notice = resolve_notice(file, split, &raw, notice_start, notice_end).unwrap_or_else(|d| {
        problems.push(d);
        None
    });

    let mask = resolve_mask(file, split, raw.mask.as_ref(), kind == Kind::Award).unwrap_or_else(|d| {
        problems.push(d);
        Mask::Off
    });

    let slug = match &raw.slug {
        Some(s) => {
            let (cleaned, problem) = resolve_slug(file, split, s);
            problems.extend(problem);
            cleaned
        }
        None => default_slug(cx.stem, kind, &title),
    };
    if slug.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::error(file, msg::page_no_url()).hint(msg::page_no_url_hint()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let year = raw
        .year
        .as_ref()
        .map(|y| *y.get_ref())
        .or_else(|| date.map(|d| i64::from(d.year())));
    Ok(Page {
        file: file.to_string(),
        source: source.to_string(),
        kind,
        title,
        path: format!("{}{}/", cx.section_path, slug),
        date,
        updated,
        summary: raw.summary,
        draft: raw.draft.unwrap_or(false),
        weight: raw.weight.unwrap_or(0),
        tags: raw.tags.unwrap_or_default(),
        template: raw.template.map(|t| t.into_inner()),
        aliases: raw.aliases.unwrap_or_default(),
        extra: raw.extra.unwrap_or_default(),
        fields,
        photo_line: raw.photo.as_ref().map_or(0, line),
        photo: raw.photo.map(|p| p.into_inner()),
        photo_alt: raw.photo_alt,
        honors: raw.honors.unwrap_or_default(),
        category: raw.category.map(|c| c.into_inner()),
        region: raw.region,
        unit: raw.unit,
        year,
        level: raw.level,
        issuer: raw.issuer,
        tier: raw.tier,
        data: raw.data.as_ref().map(|d| (d.get_ref().clone(), line(d))),
        sheet: raw.sheet,
        columns: raw
            .columns
            .as_ref()
            .map(|c| (c.get_ref().clone(), line_of_span(split, c))),
        entries_line: raw.entries.as_ref().map_or(0, |e| line_of_span(split, e)),
        entries: raw.entries.map(|e| e.into_inner()).unwrap_or_default(),
        notice,
        mask,
        mask_line: raw.mask.as_ref().map_or(0, |m| line_of_span(split, m)),
        location: raw.location,
        end_date,
        organizers: raw.organizers.unwrap_or_default(),
        participants: raw.participants,
        people_line: raw.people.as_ref().map_or(0, |p| line_of_span(split, p)),
        people: raw.people.map(|p| p.into_inner()).unwrap_or_default(),
        body: Story::held(split.body.to_string()),
        body_line: split.body_line,
        assets: Vec::new(),
    })
}

/// The page's `title`, trimmed; a missing or blank one is an error.
fn resolve_title(file: &str, split: &Split<'_>, title: Option<&toml::Spanned<String>>) -> Result<String, Diagnostic> {
    match title {
        Some(t) if !t.get_ref().trim().is_empty() => Ok(t.get_ref().trim().to_string()),
        _ => Err(Diagnostic::error(file, msg::page_no_title())
            .at_line(split.front_line.saturating_sub(1).max(1))
            .hint(msg::page_no_title_hint())),
    }
}

/// The 公示 window from `notice_start` and `notice_end`: both or neither,
/// the end not before the start.
fn resolve_notice(
    file: &str,
    split: &Split<'_>,
    raw: &crate::front_matter::RawPageMatter,
    start: Option<Date>,
    end: Option<Date>,
) -> Result<Option<Notice>, Diagnostic> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => {
            let at = raw.notice_end.as_ref().map(|v| line_of_span(split, v));
            Err(Diagnostic::error(file, msg::page_notice_reversed(end, start))
                .at(at)
                .hint(msg::page_notice_reversed_hint()))
        }
        (Some(start), Some(end)) => Ok(Some(Notice {
            start,
            end,
            contact: raw.notice_contact.clone().unwrap_or_default(),
        })),
        (None, None) => Ok(None),
        _ => Err(Diagnostic::error(file, msg::page_notice_half())
            .at_line(split.front_line)
            .hint(msg::page_notice_half_hint())),
    }
}

/// A `slug` as written, cleaned to a valid URL part, with an error when
/// cleaning changed it.
fn resolve_slug(file: &str, split: &Split<'_>, slug: &toml::Spanned<String>) -> (String, Option<Diagnostic>) {
    let cleaned = crate::slug::slugify(slug.get_ref());
    let problem = (cleaned != *slug.get_ref()).then(|| {
        Diagnostic::error(file, msg::page_bad_slug(format_args!("{:?}", slug.get_ref())))
            .at_line(line_of_span(split, slug))
            .hint(msg::page_bad_slug_hint(format_args!("{cleaned:?}")))
    });
    (cleaned, problem)
}

/// The slug a page gets without `slug`: an ASCII stem is kept, a Chinese one
/// becomes pinyin (persons read the first character as a surname).
fn default_slug(stem: &str, kind: Kind, title: &str) -> String {
    let source = if stem.is_empty() { title } else { stem };
    if kind == Kind::Person {
        crate::slug::slugify_name(source)
    } else {
        crate::slug::slugify(source)
    }
}

/// `2024-03-05-lei-feng` → 2024-03-05, as a default `date` for dated file names.
fn date_prefix(stem: &str) -> Option<Date> {
    stem.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_reads_leading_date_only() {
        assert_eq!(date_prefix("2024-03-05-lei-feng"), Some(jiff::civil::date(2024, 3, 5)));
        assert_eq!(date_prefix("fan-zhen-xi"), None);
        assert_eq!(date_prefix("张苗苗"), None);
    }

    #[test]
    fn chinese_stem_becomes_pinyin_with_surname() {
        assert_eq!(default_slug("张苗苗", Kind::Person, "张苗苗"), "zhang-miao-miao");
        assert_eq!(default_slug("fan-zhen-xi", Kind::Person, "范振喜"), "fan-zhen-xi");
    }
}
