//! Check stage: what a government-website inspection (国办秘函〔2019〕19号)
//! looks at, run on the loaded site and its Markdown (a page's story read
//! again when a build left it in its file) —
//! empty sections (空白栏目), sections and a home page not updated in time,
//! undated pages in dated sections, assets loaded over plain `http://`, and
//! wrong wording. All relative to the site's `today` (`--date`).

mod body;

use std::borrow::Cow;

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::error::Diagnostic;
use crate::i18n::msg;
use crate::page::Page;
use crate::section::Section;
use crate::site::Site;
use crate::story::{Story, story_hash};
use crate::wording::Wording;

/// Days the home page may go without a new dated item.
const HOME_FRESH_DAYS: i64 = 14;

/// What the inspection found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Sections with no published page: errors for `check`, warnings for `build`.
    pub empty_sections: Vec<Diagnostic>,
    /// Everything else: warnings (errors for `check --strict`).
    pub warnings: Vec<Diagnostic>,
}

/// What the inspection found in each Markdown body, by file, with the hash
/// of the body and its first line: kept by `serve` so that after an edit
/// only the bodies that changed are scanned again.
#[derive(Debug, Default)]
pub struct BodyFindings {
    /// By file: hashed with Fx, as a serve looks up every file at each edit.
    by_file: FxHashMap<String, (u64, Vec<Diagnostic>)>,
}

impl BodyFindings {
    /// Inspects `page`'s story `text`, read by the caller: a build's
    /// Markdown pass, so that the inspection need not read it again.
    pub fn inspect_story(site: &Site, page: &Page, text: &str) -> Vec<Diagnostic> {
        inspect_body(&site.wording, site.config.allow_html, &page.file, text, page.body_line)
    }

    /// Keeps what [`BodyFindings::inspect_story`] found in `page`'s story.
    pub fn keep(&mut self, page: &Page, found: Vec<Diagnostic>) {
        let key = body_key(page.body_line, page.body.hash());
        self.by_file.insert(page.file.clone(), (key, found));
    }
}

/// What a body's findings are kept under: its first line and the hash of its text.
fn body_key(line: usize, text_hash: u64) -> u64 {
    let mut key = [0; 16];
    key[..8].copy_from_slice(&(line as u64).to_le_bytes());
    key[8..].copy_from_slice(&text_hash.to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&key)
}

/// Inspects the whole site; every finding, not just the first.
pub fn inspect(site: &Site) -> Findings {
    inspect_sections(site, inspect_texts(site))
}

/// Inspects the whole site as [`inspect`] does, taking the findings of each
/// Markdown body unchanged since the last inspection from `bodies` when
/// `reuse` (the site's wording and settings are as they were then), and
/// keeping the findings of every body there for the next.
pub fn inspect_with(site: &Site, bodies: &mut BodyFindings, reuse: bool) -> Findings {
    inspect_sections(site, inspect_texts_with(site, bodies, reuse))
}

/// The findings about sections and the home page, with those in the texts.
fn inspect_sections(site: &Site, texts: Vec<Diagnostic>) -> Findings {
    let stats = section_stats(site);
    let mut findings = Findings::default();
    for (section, stat) in site.sections.iter().zip(&stats) {
        if stat.pages == 0 && !section.is_home() && !holds_unloaded(site, section) {
            findings.empty_sections.push(empty_section(section));
        }
        findings.warnings.extend(stale_section(site, section, stat.newest));
        findings.warnings.extend(undated_pages(site, section));
    }
    let home = site.sections.iter().position(|s| s.is_home());
    if let Some(home) = home {
        findings
            .warnings
            .extend(stale_home(site, &site.sections[home], stats[home].newest));
    }
    findings.warnings.extend(texts);
    findings
}

/// Published pages of a section and its subsections, and the newest day one
/// of them was published or updated.
#[derive(Debug, Clone, Copy, Default)]
struct SectionStats {
    pages: usize,
    newest: Option<Date>,
}

fn section_stats(site: &Site) -> Vec<SectionStats> {
    let mut stats: Vec<SectionStats> = site
        .sections
        .iter()
        .map(|section| SectionStats {
            pages: section.pages.len(),
            newest: section.pages.iter().filter_map(|&p| freshness(&site.pages[p])).max(),
        })
        .collect();
    // Parents come before their children: add each child to its parent, last first.
    for (i, section) in site.sections.iter().enumerate().rev() {
        if let Some(parent) = section.parent {
            let child = stats[i];
            stats[parent].pages += child.pages;
            stats[parent].newest = stats[parent].newest.max(child.newest);
        }
    }
    stats
}

/// The day a page last changed, for freshness: `updated`, else `date`.
fn freshness(page: &Page) -> Option<Date> {
    page.updated.or(page.date)
}

/// Whether a page that failed to load lies in `section` (or below it): its
/// error is the finding, not an empty section.
fn holds_unloaded(site: &Site, section: &Section) -> bool {
    let prefix = if section.dir.is_empty() {
        String::new()
    } else {
        format!("{}/", section.dir)
    };
    site.unloaded.iter().any(|page| page.starts_with(&prefix))
}

fn empty_section(section: &Section) -> Diagnostic {
    Diagnostic::warning(&section.file, msg::inspect_empty_section(&section.title))
        .hint(msg::inspect_empty_section_hint())
}

/// A section with `update_every` whose newest page is older than that.
fn stale_section(site: &Site, section: &Section, newest: Option<Date>) -> Option<Diagnostic> {
    let every = section.update_every.as_ref()?;
    let message = match newest {
        Some(newest) if newest.checked_add(every.span).is_ok_and(|due| due >= site.today) => return None,
        Some(newest) => msg::inspect_stale_section(
            &section.title,
            &every.written,
            newest,
            days_between(newest, site.today),
            site.today,
        ),
        None => msg::inspect_stale_section_undated(&section.title, &every.written),
    };
    Some(
        Diagnostic::warning(&section.file, message)
            .at_line(every.line)
            .hint(msg::inspect_stale_section_hint()),
    )
}

/// A home page whose newest dated item is more than two weeks old. A site
/// with no dated page at all shows no dates to judge by, so it passes here.
fn stale_home(site: &Site, home: &Section, newest: Option<Date>) -> Option<Diagnostic> {
    let newest = newest?;
    let days = days_between(newest, site.today);
    if days <= HOME_FRESH_DAYS {
        return None;
    }
    Some(
        Diagnostic::warning(
            &home.file,
            msg::inspect_stale_home(newest, days, site.today, HOME_FRESH_DAYS),
        )
        .hint(msg::inspect_stale_home_hint()),
    )
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// Pages without a date in a dated section: one that declares
/// `update_every`, or whose pages mostly (more than half) have a date.
fn undated_pages<'a>(site: &'a Site, section: &'a Section) -> impl Iterator<Item = Diagnostic> + 'a {
    let pages = || section.pages.iter().map(|&p| &site.pages[p]);
    let dated = pages().filter(|p| p.date.is_some()).count();
    let is_dated = section.update_every.is_some() || dated * 2 > section.pages.len();
    pages().filter(move |p| is_dated && p.date.is_none()).map(move |page| {
        Diagnostic::warning(&page.file, msg::inspect_undated(&section.title)).hint(msg::inspect_undated_hint())
    })
}

/// Wording and `http://` assets in every page's and section's Markdown,
/// and `http://` photos; in parallel, in the order of the site's files.
fn inspect_texts(site: &Site) -> Vec<Diagnostic> {
    let texts = texts(site);
    let found: Vec<Diagnostic> = texts
        .par_iter()
        .flat_map_iter(|&(file, text, line)| inspect_text(site, file, text, line))
        .collect();
    with_photos(site, found)
}

/// [`inspect_texts`], taking the findings of each body unchanged since the
/// last inspection from `bodies` when `reuse`, and keeping them there.
fn inspect_texts_with(site: &Site, bodies: &mut BodyFindings, reuse: bool) -> Vec<Diagnostic> {
    let texts = texts(site);
    if !reuse {
        bodies.by_file.clear();
    }
    let kept = &bodies.by_file;
    // Only the bodies found changed are read and inspected, and kept again.
    let changed: Vec<Option<(u64, Vec<Diagnostic>)>> = texts
        .par_iter()
        .map(|&(file, text, line)| {
            let hash = body_key(line, text.hash());
            match kept.get(file.as_str()) {
                Some((h, _)) if *h == hash => None,
                _ => Some((hash, inspect_text(site, file, text, line))),
            }
        })
        .collect();
    for ((file, _, _), found) in texts.iter().zip(changed) {
        if let Some(found) = found {
            bodies.by_file.insert(file.to_string(), found);
        }
    }
    // Every file is kept now: more are kept when files went.
    if bodies.by_file.len() != texts.len() {
        let files: rustc_hash::FxHashSet<&str> = texts.iter().map(|(file, _, _)| file.as_str()).collect();
        bodies.by_file.retain(|file, _| files.contains(file.as_str()));
    }
    let found = texts
        .iter()
        .filter_map(|(file, _, _)| bodies.by_file.get(file.as_str()))
        .flat_map(|(_, found)| found.iter().cloned())
        .collect();
    with_photos(site, found)
}

/// A Markdown body to inspect: a section's, or a page's story.
#[derive(Clone, Copy)]
enum Text<'a> {
    Section(&'a str),
    Page(&'a Story),
}

impl Text<'_> {
    /// The hash of the body's text, without reading a story left in its file.
    fn hash(self) -> u64 {
        match self {
            Text::Section(body) => story_hash(body),
            Text::Page(story) => story.hash(),
        }
    }
}

/// Every section's and page's file, Markdown body and its first line.
fn texts(site: &Site) -> Vec<(&String, Text<'_>, usize)> {
    let sections = site
        .sections
        .iter()
        .map(|s| (&s.file, Text::Section(&s.body), s.body_line));
    let pages = site.pages.iter().map(|p| (&p.file, Text::Page(&p.body), p.body_line));
    sections.chain(pages).collect()
}

/// The findings in one body, a page's story read again when it was left in
/// its file. A story whose file changed since it was loaded is not
/// inspected but named in a warning: the output was made from the text as
/// loaded, and the next build inspects the new one.
fn inspect_text(site: &Site, file: &str, text: Text<'_>, line: usize) -> Vec<Diagnostic> {
    let body = match text {
        Text::Section(body) => Cow::Borrowed(body),
        Text::Page(story) => match story.read(&site.root, file) {
            Ok(body) => body,
            Err(unread) => return vec![unread.into_warning()],
        },
    };
    inspect_body(&site.wording, site.config.allow_html, file, &body, line)
}

/// The findings in the texts, then the pages' `http://` photos.
fn with_photos(site: &Site, mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for page in &site.pages {
        if let Some(photo) = page.photo.as_deref().filter(|p| body::is_http(p)) {
            found.push(insecure(&page.file, page.photo_line, photo));
        }
    }
    found
}

/// Wording and `http://` assets in one Markdown body, whose first line is
/// line `first_line` of `file`. Parses the body only when it may hold either.
fn inspect_body(wording: &Wording, allow_html: bool, file: &str, body: &str, first_line: usize) -> Vec<Diagnostic> {
    let hits: Vec<_> = wording.find(body).collect();
    if hits.is_empty() && !body::may_be_insecure(body) {
        return Vec::new();
    }
    let scan = body::scan(body, allow_html);
    let mut found = Vec::new();
    for hit in hits.iter().filter(|hit| scan.is_prose(hit.start)) {
        let (line, column) = place(body, hit.start);
        found.push(
            Diagnostic::warning(file, msg::inspect_wording(hit.wrong, hit.right))
                .at_column(first_line + line - 1, column)
                .hint(msg::inspect_wording_hint(hit.right, hit.wrong)),
        );
    }
    for asset in scan.insecure {
        found.push(insecure(file, first_line + asset.line - 1, &asset.url));
    }
    found
}

fn insecure(file: &str, line: usize, url: &str) -> Diagnostic {
    Diagnostic::warning(file, msg::inspect_insecure(url))
        .at_line(line)
        .hint(msg::inspect_insecure_hint())
}

/// Line and column (both 1-based; the column in characters) of a byte offset.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_counts_characters_not_bytes() {
        let text = "第一行\n中文 ab再接再励";
        let at = text.find("再接再励").unwrap();
        assert_eq!(place(text, at), (2, 6));
        assert_eq!(place(text, 0), (1, 1));
    }

    #[test]
    fn days_between_counts_whole_days() {
        let day = jiff::civil::date(2024, 3, 1);
        assert_eq!(days_between(day, jiff::civil::date(2024, 3, 15)), 14);
        assert_eq!(days_between(day, jiff::civil::date(2025, 3, 1)), 365);
        assert_eq!(days_between(day, jiff::civil::date(2024, 2, 29)), -1);
    }
}
