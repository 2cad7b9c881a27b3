//! Render stage: the Markdown of every page and section, with summaries, QR
//! codes and photos — what the templates show besides front matter — and the
//! check of the links inside it.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{RenderCache, SUMMARY_LIMIT};
use crate::error::Diagnostic;
use crate::i18n::msg;
use crate::links::{Destination, LinkIndex, page_url};
use crate::markdown::{Document, LinkOutcome, Markdown};
use crate::page::Kind;
use crate::render::photo::CacheUse;
use crate::site::Site;
use crate::text::summarize;
use crate::theme::Theme;

/// Markdown and summaries of every page and section.
pub(super) struct Texts {
    pub(super) pages: Vec<Document>,
    pub(super) sections: Vec<Document>,
    pub(super) summaries: Vec<String>,
    /// QR code of each page (persons only), as inline SVG.
    pub(super) qr: Vec<String>,
    pub(super) photos: crate::render::photo::Photos,
}

/// Markdown of every page and section (reusing the cache's where the text is
/// the same), and the pages' summaries; with them, the photos that could not
/// be read.
pub(super) fn render_texts(
    site: &Site,
    index: &LinkIndex,
    mut cache: Option<&mut RenderCache>,
    photo_cache: CacheUse,
) -> (Texts, Vec<Diagnostic>) {
    let markdown = Markdown::new(site.config.allow_html);
    // The last render's documents, by source, to take over where the text is the same.
    let mut reusable: HashMap<String, (u64, usize, Document)> = cache
        .as_deref_mut()
        .and_then(|c| c.texts.take())
        .map(|(sources, last)| {
            sources
                .into_iter()
                .zip(last.pages)
                .map(|(key, doc)| (key.source, (key.hash, key.line, doc)))
                .collect()
        })
        .unwrap_or_default();
    let render = |source: &str, dir: &str, body: &str, line: usize| -> Document {
        markdown.render(body, line, &|url| index.resolve(source, dir, url))
    };
    let taken: Vec<Option<Document>> = site
        .pages
        .iter()
        .map(|p| match reusable.remove(&p.source) {
            Some((hash, line, doc)) if hash == text_hash(&p.body) && line == p.body_line => Some(doc),
            _ => None,
        })
        .collect();
    let pages: Vec<Document> = site
        .pages
        .par_iter()
        .zip(taken)
        .map(|(p, doc)| doc.unwrap_or_else(|| render(&p.source, &p.path, &p.body, p.body_line)))
        .collect();
    let sections: Vec<Document> = site
        .sections
        .par_iter()
        .map(|s| render(&section_source(&s.dir), &s.path, &s.body, s.body_line))
        .collect();
    let summaries = site
        .pages
        .par_iter()
        .zip(&pages)
        .map(|(p, doc)| p.summary.clone().unwrap_or_else(|| summarize(&doc.lead, SUMMARY_LIMIT)))
        .collect();
    let (photos, problems) = crate::render::photo::thumbnails(site, photo_cache);
    let known = cache.as_deref().map(|c| &c.qr_codes);
    let qr: Vec<String> = site
        .pages
        .par_iter()
        .map(|p| match p.kind {
            Kind::Person => {
                let url = site.config.permalink(&page_url(&p.path, site.config.pretty_links));
                known
                    .and_then(|k| k.get(&url).cloned())
                    .unwrap_or_else(|| crate::render::qr::svg(&url))
            }
            _ => String::new(),
        })
        .collect();
    if let Some(cache) = cache {
        cache.qr_codes = site
            .pages
            .iter()
            .zip(&qr)
            .filter(|(_, svg)| !svg.is_empty())
            .map(|(p, svg)| {
                (
                    site.config.permalink(&page_url(&p.path, site.config.pretty_links)),
                    svg.clone(),
                )
            })
            .collect();
    }
    let texts = Texts {
        pages,
        sections,
        summaries,
        qr,
        photos,
    };
    (texts, problems)
}

pub(super) fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

pub(super) fn section_source(dir: &str) -> String {
    if dir.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{dir}/_index.md")
    }
}

/// Where every source file of the site is published, for resolving links.
pub fn link_index(site: &Site, theme: &Theme) -> LinkIndex {
    let mut targets: HashMap<String, Destination> = HashMap::with_capacity(site.pages.len() + site.sections.len());
    for page in &site.pages {
        targets.insert(page.source.clone(), Destination::Page(page.path.clone()));
    }
    for section in &site.sections {
        targets.insert(section_source(&section.dir), Destination::Page(section.path.clone()));
    }
    for (rel, asset) in &site.content_assets {
        targets.insert(rel.clone(), Destination::File(asset.output.clone()));
    }
    for rel in &site.unloaded {
        targets.insert(rel.clone(), Destination::Unloaded);
    }
    let statics: HashSet<String> = site
        .static_files
        .iter()
        .map(|a| a.output.clone())
        .chain(theme.static_files.iter().map(|(out, _)| out.clone()))
        .collect();
    LinkIndex::new(targets, statics, site.config.pretty_links)
}

/// Reports links to missing files and to headings that do not exist.
pub(super) fn check_links(site: &Site, texts: &Texts) -> Vec<Diagnostic> {
    let mut headings: HashMap<String, &Document> = HashMap::new();
    for (page, doc) in site.pages.iter().zip(&texts.pages) {
        headings.insert(page.source.clone(), doc);
    }
    for (section, doc) in site.sections.iter().zip(&texts.sections) {
        headings.insert(section_source(&section.dir), doc);
    }
    let files = site
        .pages
        .iter()
        .map(|p| p.file.as_str())
        .chain(site.sections.iter().map(|s| s.file.as_str()));
    let docs = texts.pages.iter().chain(&texts.sections);
    let mut problems = Vec::new();
    for (file, doc) in files.zip(docs) {
        for link in &doc.links {
            match &link.outcome {
                LinkOutcome::Broken { reason } => problems.push(
                    Diagnostic::warning(file, msg::link_broken(&link.url, reason.clone()))
                        .at_line(link.line)
                        .hint(msg::link_broken_hint()),
                ),
                LinkOutcome::Rewrite {
                    target: Some(target), ..
                } => {
                    let Some(fragment) = &target.fragment else { continue };
                    let known = headings
                        .get(&target.source)
                        .is_some_and(|d| d.headings.iter().any(|h| h.id == *fragment))
                        || fragment.starts_with("fn-")
                        || fragment.starts_with("fnref-");
                    if !known {
                        problems.push(
                            Diagnostic::warning(file, msg::link_no_heading(&link.url, &target.source, fragment))
                                .at_line(link.line)
                                .hint(msg::link_no_heading_hint()),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    problems
}
