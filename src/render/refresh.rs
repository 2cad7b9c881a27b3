//! Render stage, for `serve`: after pages changed in their front matter —
//! a title, honours, category, date, photo — put each page read again in
//! place, work out the site's relations again without reading any other
//! file, and render only the outputs the [`Graph`] says the edit reaches.
//! What the graph cannot follow (award lists, a page that moves folder or
//! becomes a draft, changed link targets) goes to the whole-site render.
//! Here the site and the cache are brought to the edit; [`reached`] renders
//! what it reaches, into the outputs [`plan`] places.

mod plan;
mod reached;

use std::collections::HashSet;

use rayon::prelude::*;

use super::graph::Graph;
use super::renderer::Card;
use super::search::{IndexEdit, PageKeys};
use super::texts::section_source;
use super::{DocumentKey, Job, Publish, RenderCache, Renderer, SUMMARY_LIMIT, Texts};
use crate::error::Result;
use crate::links::{LinkIndex, PageName, page_url};
use crate::markdown::{Document, Markdown};
use crate::page::{Kind, Page};
use crate::render::qr::Code;
use crate::report::Report;
use crate::site::{PageChange, Site};
use crate::text::summarize;
use crate::theme::Theme;
use plan::PagesMoved;
use reached::{Edit, render_reached};

/// Re-renders after `changes` to the pages: pages read again, added or
/// removed; after the photos published at `photos` were replaced, the
/// pages that show them (the thumbnails are made again). The outputs of
/// the pages changed are rendered first and handed to `publish` (see
/// [`Early`](super::Early)). `Ok(None)` when the whole site must be
/// rendered instead; the site may then hold the changes, the cache is as it was.
pub fn render_edited_pages(
    site: &mut Site,
    theme: &Theme,
    cache: &mut RenderCache,
    changes: Vec<PageChange>,
    photos: Vec<String>,
    drafts: bool,
    publish: Publish,
) -> Result<Option<Report>> {
    // Taken, so that a graph is kept only while it is the site's.
    let kept = cache.graph.take();
    let planned = cache.planned.take();
    let old_cards = std::mem::take(&mut cache.cards);
    let (Some((keys, texts)), Some(links), Some(_)) = (&cache.texts, &cache.links, &cache.search) else {
        return Ok(None);
    };
    if cache.theme != theme.fingerprint() || keys.len() != site.pages.len() {
        return Ok(None);
    }
    if !changes.iter().all(|change| followed(site, change, drafts)) {
        return Ok(None);
    }
    let before = kept.unwrap_or_else(|| Graph::of(&Renderer::new(site, theme, texts, links, false)));
    let old_keys = search_keys(site, texts, &changes);
    let photos_changed = !photos.is_empty()
        || changes.iter().any(|change| match change {
            PageChange::Replaced(i, page) => page.photo != site.pages[*i].photo,
            PageChange::Added(page) => page.photo.is_some(),
            PageChange::Removed(i) => site.pages[*i].photo.is_some(),
        });
    let changes: Vec<PageChange> = changes
        .into_iter()
        .map(|change| match change {
            PageChange::Replaced(i, mut page) => {
                page.assets = site.pages[i].assets.clone();
                PageChange::Replaced(i, page)
            }
            other => other,
        })
        .collect();
    // The source and folder of each page removed, and then added.
    let removed: Vec<(String, String)> = changes
        .iter()
        .filter_map(|change| match change {
            PageChange::Removed(i) => Some((site.pages[*i].source.clone(), site.pages[*i].path.clone())),
            _ => None,
        })
        .collect();
    let map = site.change_pages(changes.clone());
    let mut edited: Vec<usize> = changes
        .iter()
        .filter_map(|change| match change {
            PageChange::Replaced(i, _) => map[*i],
            PageChange::Added(page) => site.pages.iter().position(|p| p.source == page.source),
            PageChange::Removed(_) => None,
        })
        .collect();
    let own = edited.clone();
    // Pages only read again keep their indices: nothing to renumber.
    let renumbered = map.len() != site.pages.len() || map.iter().enumerate().any(|(i, to)| *to != Some(i));
    if renumbered {
        renumber_texts(site, cache, &map);
    }
    let search = IndexEdit {
        map: map.clone(),
        old: old_keys,
        edited: edited.clone(),
    };
    let added: Vec<(String, String)> = changes
        .iter()
        .filter_map(|change| match change {
            PageChange::Added(page) => Some((page.source.clone(), page.path.clone())),
            _ => None,
        })
        .collect();
    // A page read again keeps its folder (see `followed`), so only pages
    // added or removed can change where links lead.
    let moved = !(removed.is_empty() && added.is_empty());
    if moved {
        let Some(relinked) = relink(site, cache, &removed, &added) else {
            return Ok(None);
        };
        let (keys, _) = cache.texts.as_mut().expect("checked above");
        for &i in &relinked {
            keys[i].line = usize::MAX;
        }
        edited.extend(relinked);
        edited.sort_unstable();
        edited.dedup();
    }
    let before = if renumbered {
        before.renumber(&map, site.pages.len())
    } else {
        before
    };
    // A card shows its page's photo's thumbnails: those of a page not
    // edited stay as they were, or the whole site is rendered (see reached.rs).
    let cards = kept_cards(old_cards, &map, site.pages.len(), &edited);
    if update_texts(site, cache, &edited).is_none() {
        return Ok(None);
    }
    // Pages read again keep their addresses: only the other jobs, and the
    // pages added, are planned again.
    let pages = PagesMoved {
        removed: removed.iter().map(|(_, dir)| format!("{dir}index.html")).collect(),
        added: added.iter().map(|(_, dir)| format!("{dir}index.html")).collect(),
    };
    let removed = pages.removed.clone();
    let edit = Edit {
        before: &before,
        edited: &edited,
        own: &own,
        removed: &removed,
        search: &search,
        planned: planned.map(|before| (before, pages)),
        photos: photos_changed,
        replaced: photos,
    };
    render_reached(site, theme, cache, cards, edit, publish)
}

/// What a whole-site render leaves for the next edit of pages, as an
/// edit's render leaves it: the graph of the site, the plan of the outputs
/// other than the pages', and the cards made.
pub(super) struct Kept {
    graph: Graph,
    planned: HashSet<String>,
    cards: Vec<std::sync::OnceLock<Card>>,
}

impl Kept {
    /// What `renderer` leaves after rendering `jobs` into `planned` (one output path each).
    pub(super) fn of(renderer: Renderer, jobs: &[Job], planned: &[String]) -> Kept {
        let others = jobs
            .iter()
            .zip(planned)
            .filter(|(job, _)| !matches!(job, Job::Page(_)))
            .map(|(_, path)| path.clone())
            .collect();
        Kept {
            graph: Graph::of(&renderer),
            planned: others,
            cards: renderer.into_cards(),
        }
    }

    /// Keeps it in `cache`, for the next edit.
    pub(super) fn keep_in(self, cache: &mut RenderCache) {
        cache.graph = Some(self.graph);
        cache.planned = Some(self.planned);
        cache.cards = self.cards;
    }
}

/// Whether the graph follows `change`: not an award list (its data file is
/// read with the site), not a page bundle (its files move with it), no
/// draft appearing, and a photo the site has.
fn followed(site: &Site, change: &PageChange, drafts: bool) -> bool {
    let plain = |page: &Page| page.kind != Kind::Award && !page.source.ends_with("index.md");
    match change {
        PageChange::Replaced(i, page) => {
            let old = &site.pages[*i];
            old.kind != Kind::Award
                && page.kind == old.kind
                && page.path == old.path
                && (drafts || !page.draft)
                && site.check_photo(page).is_none()
        }
        PageChange::Added(page) => plain(page) && (drafts || !page.draft) && site.check_photo(page).is_none(),
        PageChange::Removed(i) => plain(&site.pages[*i]),
    }
}

/// The search keys of the pages read again or removed, by their index
/// before the change: what [`IndexEdit`] takes out of the search index.
fn search_keys(site: &Site, texts: &Texts, changes: &[PageChange]) -> Vec<(usize, PageKeys)> {
    changes
        .iter()
        .filter_map(|change| match change {
            PageChange::Replaced(i, _) | PageChange::Removed(i) => Some(*i),
            PageChange::Added(_) => None,
        })
        .map(|i| (i, PageKeys::of(site, &texts.summaries, i, &texts.pages[i])))
        .collect()
}

/// Moves the cache's Markdown, summaries and QR codes of each page to its
/// new index (`map`, see [`Site::change_pages`]), with empty ones for the
/// pages added, which [`update_texts`] renders. The pages kept keep their
/// order, so the removed ones are taken out and the added ones put in, in place.
fn renumber_texts(site: &Site, cache: &mut RenderCache, map: &[Option<usize>]) {
    let (keys, texts) = cache.texts.as_mut().expect("checked by the caller");
    for (i, _) in map.iter().enumerate().rev().filter(|(_, to)| to.is_none()) {
        keys.remove(i);
        texts.pages.remove(i);
        texts.summaries.remove(i);
        texts.qr.remove(i);
    }
    let mut kept = vec![false; site.pages.len()];
    map.iter().flatten().for_each(|&j| kept[j] = true);
    for (j, page) in site.pages.iter().enumerate().filter(|&(j, _)| !kept[j]) {
        let key = DocumentKey {
            source: page.source.clone(),
            hash: 0,
            line: usize::MAX,
        };
        let mut qr = None;
        if page.kind == Kind::Person {
            let url = site.config.permalink(&page_url(&page.path, site.config.pretty_links));
            qr = cache.qr_codes.get(&url).cloned().or_else(|| Code::new(&url));
            if let Some(code) = &qr {
                cache.qr_codes.insert(url, code.clone());
            }
        }
        keys.insert(j, key);
        texts.pages.insert(j, Document::default());
        texts.summaries.insert(j, String::new());
        texts.qr.insert(j, qr);
    }
}

/// The cards of the last edit's render (`old`) moved to their pages' new
/// indices (`map`, see [`Site::change_pages`]), of `pages` pages; those of
/// the pages `edited` (and of pages added) left to be made again.
fn kept_cards(
    old: Vec<std::sync::OnceLock<Card>>,
    map: &[Option<usize>],
    pages: usize,
    edited: &[usize],
) -> Vec<std::sync::OnceLock<Card>> {
    let mut cards: Vec<std::sync::OnceLock<Card>> = (0..pages).map(|_| std::sync::OnceLock::new()).collect();
    if old.len() == map.len() {
        for (card, to) in old.into_iter().zip(map) {
            if let Some(j) = *to {
                cards[j] = card;
            }
        }
    }
    for &i in edited {
        cards[i] = std::sync::OnceLock::new();
    }
    cards
}

/// Takes the pages `removed` out of the cache's link index and puts the
/// pages `added` in (each a source and folder), and gives the pages whose
/// Markdown has a link that leads elsewhere since: a page added or removed
/// is the target of links that were broken or that now are. `None`, and
/// the cache left without a link index, when a section's Markdown has such
/// a link or the index cannot follow the change.
fn relink(
    site: &Site,
    cache: &mut RenderCache,
    removed: &[(String, String)],
    added: &[(String, String)],
) -> Option<Vec<usize>> {
    let mut links = cache.links.take()?;
    for (source, _) in removed {
        links.remove_page(source).then_some(())?;
    }
    for (source, dir) in added {
        links.add_page(source.clone(), dir.clone()).then_some(())?;
    }
    let names: Vec<PageName> = removed
        .iter()
        .chain(added)
        .flat_map(|(source, dir)| PageName::of_page(source, dir))
        .collect();
    let relinked = relinked(site, cache, &links, &names)?;
    cache.links = Some(links);
    Some(relinked)
}

/// The pages whose Markdown has a link that leads elsewhere under the
/// link index `links` than under the cache's, where only the pages of
/// `names` ([`PageName::of_page`]) came or went. `None` when a section's
/// Markdown has such a link.
fn relinked(site: &Site, cache: &RenderCache, links: &LinkIndex, names: &[PageName]) -> Option<Vec<usize>> {
    let (_, texts) = cache.texts.as_ref().expect("checked by the caller");
    let moved = |source: &str, dir: &str, doc: &Document| {
        doc.links
            .iter()
            .any(|link| link.reaches.meets(names) && links.resolve(source, dir, &link.url) != link.outcome)
    };
    let sections = site.sections.iter().zip(&texts.sections);
    if sections
        .into_iter()
        .any(|(s, doc)| moved(&section_source(&s.dir), &s.path, doc))
    {
        return None;
    }
    Some(
        (0..site.pages.len())
            .into_par_iter()
            .filter(|&i| {
                let page = &site.pages[i];
                moved(&page.source, &page.path, &texts.pages[i])
            })
            .collect(),
    )
}

/// Renders the edited pages' Markdown and summaries into the cache's
/// texts; `None` when a story cannot be read.
fn update_texts(site: &Site, cache: &mut RenderCache, edited: &[usize]) -> Option<()> {
    let links = cache.links.as_ref().expect("checked by the caller");
    let (keys, texts) = cache.texts.as_mut().expect("checked by the caller");
    let markdown = Markdown::new(site.config.allow_html);
    for &i in edited {
        let page = &site.pages[i];
        let hash = page.body.hash();
        if keys[i].hash != hash || keys[i].line != page.body_line {
            let story = page.story(&site.root).ok()?;
            texts.pages[i] = markdown.render(&story, page.body_line, &links.resolver(page));
            keys[i].hash = hash;
            keys[i].line = page.body_line;
        }
        texts.summaries[i] = page
            .summary
            .clone()
            .unwrap_or_else(|| summarize(&texts.pages[i].lead, SUMMARY_LIMIT));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Sink, render_site_to};

    #[test]
    fn a_whole_site_render_leaves_what_the_next_edit_starts_from() {
        let dir = tempfile::tempdir().expect("temp dir");
        crate::testing::write_person_site(dir.path());
        crate::testing::write_file(
            dir.path(),
            "content/people/a.md",
            "+++\ntitle = \"张三\"\n+++\n事迹。\n",
        );
        let site = Site::load(&crate::BuildOptions::new(dir.path())).expect("site loads");
        let theme = Theme::load(&site.root, "default").expect("theme");
        let mut cache = RenderCache::default();
        render_site_to(&site, &theme, Sink::Memory(&mut cache)).expect("the site renders");
        assert!(cache.graph.is_some(), "the graph of the site");
        let planned = cache.planned.as_ref().expect("the plan of the outputs");
        assert!(planned.contains("people/index.html"), "{planned:?}");
        let page = format!("{}index.html", site.pages[0].path);
        assert!(!planned.contains(&page), "the pages' outputs are not in the plan kept");
        assert_eq!(cache.cards.len(), 1);
        assert!(cache.cards[0].get().is_some(), "the card the list showed");
    }
}
