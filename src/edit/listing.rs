//! Edit stage, the page list: every page of the last good build by section,
//! with what the editor's list and forms need, taken from the site once the
//! editor asks for it after a rebuild, so a list of 10,000 pages opens
//! without reading a file.

use serde::Serialize;

use crate::site::Site;

/// One page the editor lists.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Source file relative to the site root: `content/people/zhang-san.md`.
    pub file: String,
    pub title: String,
    /// The name of its kind: `person`.
    pub kind: String,
    /// Output folder relative to the site root: `people/zhang-san/`.
    pub path: String,
    pub draft: bool,
}

/// A section the editor groups pages under and offers for new pages.
#[derive(Debug, Clone, Serialize)]
pub struct Shelf {
    /// Folder relative to `content/` (empty for the home section).
    pub dir: String,
    pub title: String,
    /// The kind of its pages that do not name one.
    pub page_kind: String,
    /// Indices into [`Listing::entries`], in display order.
    pub pages: Vec<usize>,
}

/// The pages of a site as the editor shows them.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub shelves: Vec<Shelf>,
}

impl Listing {
    /// The listing of `site`.
    pub fn of(site: &Site) -> Listing {
        let schema = &site.config.schema;
        let entries: Vec<Entry> = site
            .pages
            .iter()
            .map(|p| Entry {
                file: p.file.clone(),
                title: p.title.clone(),
                kind: schema.name(p.kind).to_string(),
                path: p.path.clone(),
                draft: p.draft,
            })
            .collect();
        let shelves = site
            .sections
            .iter()
            .map(|s| Shelf {
                dir: s.dir.clone(),
                title: s.title.clone(),
                page_kind: schema.name(s.page_kind).to_string(),
                pages: s.pages.clone(),
            })
            .collect();
        Listing { entries, shelves }
    }

    /// The entry of the source file `file` (root-relative).
    pub fn entry(&self, file: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.file == file)
    }

    /// The section a source file belongs to: the deepest one holding it.
    pub fn shelf_of(&self, file: &str) -> Option<&Shelf> {
        let rel = file.strip_prefix("content/")?;
        self.shelves
            .iter()
            .filter(|s| s.dir.is_empty() || rel.starts_with(&format!("{}/", s.dir)))
            .max_by_key(|s| s.dir.len())
    }
}
