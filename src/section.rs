//! Resolve stage: sections — folders of `content/`, set up by their `_index.md`.

use crate::error::Diagnostic;
use crate::front_matter::{RawSectionMatter, Split, line_of_span, resolve_date};
use crate::page::Kind;

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

/// Checks an `_index.md`'s front matter; `inherited` is the parent's page kind.
pub fn resolve_section(
    file: &str,
    dir: &str,
    path: String,
    split: &Split<'_>,
    raw: RawSectionMatter,
    inherited: Kind,
) -> Result<Section, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let page_kind = match &raw.page_kind {
        Some(k) => Kind::parse(k.get_ref()).unwrap_or_else(|| {
            problems.push(
                Diagnostic::error(file, format!("unknown `page_kind` {:?}", k.get_ref()))
                    .at_line(line_of_span(split, k))
                    .hint("use one of person, award, event, page"),
            );
            inherited
        }),
        None => inherited,
    };
    if raw.paginate_by == Some(0) {
        problems.push(Diagnostic::error(file, "`paginate_by` must be at least 1").at_line(split.front_line));
    }
    let updated = raw
        .updated
        .as_ref()
        .or(raw.date.as_ref())
        .and_then(|v| resolve_date(file, split, "date", v).map_err(|d| problems.push(d)).ok());
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut section = Section::bare(dir, path, page_kind);
    section.file = file.to_string();
    if let Some(title) = raw.title {
        section.title = title.into_inner();
    }
    section.summary = raw.summary;
    section.paginate_by = raw.paginate_by;
    section.weight = raw.weight.unwrap_or(0);
    section.template = raw.template.map(|t| t.into_inner());
    section.extra = raw.extra.unwrap_or_default();
    section.aliases = raw.aliases.unwrap_or_default();
    section.updated = updated;
    section.body = split.body.to_string();
    section.body_line = split.body_line;
    Ok(section)
}
