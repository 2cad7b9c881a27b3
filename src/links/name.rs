//! Parse stage: the name by which a link may reach a page, taken once when
//! the link is read, so that after pages come or go only the links naming
//! one of them are resolved again.

use super::{is_external, percent_decode};

/// The name by which a link may reach a page that is neither a bundle nor a
/// section's `_index.md` ([`LinkIndex::resolve`](super::LinkIndex::resolve)): the file name a relative
/// link names, or the folder a `/`-rooted one names (or whose `index.html`
/// it names), hashed. Taken once, when the link is found, so that after
/// such pages came or went only the links that name one of them are
/// resolved again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageName {
    /// The link reaches no such page, whichever comes or goes: an external
    /// one, one to a place on its own page, one that leads outside the site.
    None,
    /// The name, hashed: two names that hash alike only make a link be
    /// resolved again for nothing.
    Named(u64),
    /// Any page may be the one it reaches: a relative link that ends in
    /// the folder of the page it is written in, whose name it does not spell.
    Any,
}

impl PageName {
    /// The name by which `url` may reach a page, as [`LinkIndex::resolve`](super::LinkIndex::resolve)
    /// reads it (the fragment and query dropped, `%` escapes decoded).
    pub fn of_url(url: &str) -> PageName {
        if url.is_empty() || is_external(url) {
            return PageName::None;
        }
        let path = url.split('#').next().unwrap_or(url);
        if path.is_empty() {
            return PageName::None;
        }
        let path = percent_decode(path.split('?').next().unwrap_or(path));
        if let Some(site_path) = path.strip_prefix('/') {
            let folder = site_path.strip_suffix("index.html").unwrap_or(site_path);
            return match folder.is_empty() || folder.ends_with('/') {
                true => PageName::folder(folder.trim_end_matches('/')),
                false => PageName::None,
            };
        }
        let (relative, path) = match path.strip_prefix("@/") {
            Some(rest) => (false, rest),
            None => (true, path.as_str()),
        };
        // The parts of the path the link spells itself: a `..` beyond them
        // climbs into the folder it is written in, which only leads outside
        // the site for a `@/` link.
        let mut parts: Vec<&str> = Vec::new();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." if parts.pop().is_some() || relative => {}
                ".." => return PageName::None,
                _ => parts.push(part),
            }
        }
        match parts.last() {
            Some(file) => PageName::named(file),
            None if relative => PageName::Any,
            None => PageName::None,
        }
    }

    /// The names by which links reach the page `source` published in the folder `dir`.
    pub fn of_page(source: &str, dir: &str) -> [PageName; 2] {
        let file = source.rsplit('/').next().unwrap_or(source);
        [PageName::named(file), PageName::folder(dir.trim_end_matches('/'))]
    }

    /// Whether a link of this name may reach one of the pages of `names`.
    pub fn meets(self, names: &[PageName]) -> bool {
        match self {
            PageName::None => false,
            PageName::Any => true,
            named => names.iter().any(|&name| name == named || name == PageName::Any),
        }
    }

    /// The name of the folder `folder` (root-relative, without its last `/`):
    /// its last part, or any name for the site's root.
    fn folder(folder: &str) -> PageName {
        match folder.rsplit('/').next().unwrap_or_default() {
            "" => PageName::Any,
            last => PageName::named(&format!("{last}/")),
        }
    }

    fn named(name: &str) -> PageName {
        PageName::Named(xxhash_rust::xxh3::xxh3_64(name.as_bytes()))
    }
}
