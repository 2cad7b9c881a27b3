//! Render stage, for `serve`: the dependency graph from each output to the
//! pages it was made from — which pages a page links to by name or card,
//! which a section, term or page of a board lists and in what order — so that after
//! an edit only the outputs whose inputs changed are made again.
//!
//! A [`Graph`] is taken of the site after each edit, and kept in the
//! render cache to stand for the site before the next one. An output
//! is reached when it shows an edited page, or when what it lists changed
//! between the two graphs ([`Graph::reach`]). The feed is reached when it
//! lists other pages or shows an edited one, the sitemap when the pages'
//! addresses, order or dates changed, a taxonomy's list when its terms or
//! their counts changed; the other outputs made from the whole site (home,
//! 404, search page, print index) are always reached. A reached output is
//! still rendered only when its context differs from the last render's
//! (see [`super::scope`]).

use std::collections::{HashMap, HashSet};

use super::FEED_LIMIT;
use super::lists::page_count;
use super::renderer::{Job, Renderer};
use crate::site::Site;

/// What a site's outputs are made from, as far as an edit of pages can change it.
pub(super) struct Graph {
    /// Each section's pages, in order.
    sections: Vec<Vec<usize>>,
    /// Each taxonomy's terms in order: name, folder and pages.
    terms: Vec<Vec<(String, String, Vec<usize>)>>,
    /// For each page: the pages it shows by name or card (events, the
    /// persons an event or award list names, award lists).
    related: Vec<Vec<usize>>,
    /// Each print board output's folder → a hash of its layout and the
    /// pages its cards show ([`super::print::Board::shows`]).
    boards: HashMap<String, (u64, Vec<usize>)>,
    /// The pages that pages since removed showed ([`Graph::renumber`]).
    shown_by_removed: Vec<usize>,
    /// The pages the feed shows, newest first.
    feed: Vec<usize>,
    /// A hash of what the sitemap lists: every address, in order, with its date.
    sitemap: u64,
}

/// Where a removed page stood in a renumbered list: no page's index.
const GONE: usize = usize::MAX;

/// The outputs an edit reaches (see [`Graph::reach`]).
pub(super) struct Reach {
    pages: HashSet<usize>,
    /// Section and pagination page.
    sections: HashSet<(usize, usize)>,
    /// Taxonomy, term and pagination page.
    terms: HashSet<(usize, usize, usize)>,
    /// Folders of board outputs.
    boards: HashSet<String>,
    /// Taxonomies whose list of terms changed.
    taxonomies: HashSet<usize>,
    feed: bool,
    sitemap: bool,
    /// Folders of the edited pages, which their aliases lead to.
    alias_targets: HashSet<String>,
}

impl Graph {
    /// The graph of the site `renderer` renders.
    pub(super) fn of(renderer: &Renderer) -> Graph {
        let site = renderer.site;
        let related = (0..site.pages.len())
            .map(|i| {
                let persons = site.people_of[i].iter().filter_map(|(_, p)| *p);
                let rows = site.row_people[i].iter().flatten().copied();
                site.events_of[i]
                    .iter()
                    .copied()
                    .chain(persons)
                    .chain(site.awards_of[i].iter().copied())
                    .chain(rows)
                    .collect()
            })
            .collect();
        let terms = site
            .taxonomies
            .iter()
            .map(|t| {
                t.terms
                    .iter()
                    .map(|k| (k.name.clone(), k.path.clone(), k.pages.clone()))
                    .collect()
            })
            .collect();
        Graph {
            sections: site.sections.iter().map(|s| s.pages.clone()).collect(),
            terms,
            related,
            boards: renderer
                .boards()
                .iter()
                .flat_map(|b| b.parts().into_iter().map(|part| (b.dir(part), b.shows(part, site))))
                .collect(),
            shown_by_removed: Vec::new(),
            feed: site
                .order
                .iter()
                .copied()
                .filter(|&i| site.pages[i].date.is_some())
                .take(FEED_LIMIT)
                .collect(),
            sitemap: sitemap_hash(site),
        }
    }

    /// The graph with its pages numbered as after pages were added or
    /// removed: `map[i]` is page `i`'s new index (`None`: removed), and
    /// `pages` is how many pages there are now. A removed page stays in
    /// its lists as [`GONE`], so that every list it was in differs.
    pub(super) fn renumber(self, map: &[Option<usize>], pages: usize) -> Graph {
        let new = |list: Vec<usize>| -> Vec<usize> { list.into_iter().map(|i| map[i].unwrap_or(GONE)).collect() };
        let mut related = vec![Vec::new(); pages];
        let mut shown_by_removed = self.shown_by_removed;
        for (i, list) in self.related.into_iter().enumerate() {
            match map[i] {
                Some(j) => related[j] = new(list),
                None => shown_by_removed.extend(new(list).into_iter().filter(|&p| p != GONE)),
            }
        }
        Graph {
            sections: self.sections.into_iter().map(new).collect(),
            terms: self
                .terms
                .into_iter()
                .map(|terms| terms.into_iter().map(|(n, p, list)| (n, p, new(list))).collect())
                .collect(),
            related,
            boards: self
                .boards
                .into_iter()
                .map(|(dir, (layout, list))| (dir, (layout, new(list))))
                .collect(),
            shown_by_removed,
            feed: new(self.feed),
            sitemap: self.sitemap,
        }
    }

    /// The outputs that an edit of pages `edited` reaches, from the graph
    /// before it (`self`) to the graph after it (`after`, rendered by
    /// `renderer`), numbered alike ([`Graph::renumber`]). `None` when the
    /// edit changes what the graph does not follow — the sections, or a term
    /// that kept its name but moved folder — and the whole site must be rendered.
    pub(super) fn reach(&self, after: &Graph, edited: &[usize], renderer: &Renderer) -> Option<Reach> {
        let site = renderer.site;
        let edited: HashSet<usize> = edited.iter().copied().collect();
        let mut reach = Reach {
            pages: edited.clone(),
            sections: HashSet::new(),
            terms: HashSet::new(),
            boards: HashSet::new(),
            taxonomies: HashSet::new(),
            feed: self.feed != after.feed || after.feed.iter().any(|p| edited.contains(p)),
            sitemap: self.sitemap != after.sitemap,
            alias_targets: edited.iter().map(|&i| site.pages[i].path.clone()).collect(),
        };
        if self.related.len() != after.related.len() || self.sections.len() != after.sections.len() {
            return None;
        }
        for &e in &edited {
            reach.pages.extend(self.related[e].iter().filter(|&&p| p != GONE));
            reach.pages.extend(&after.related[e]);
        }
        reach.pages.extend(&self.shown_by_removed);
        let moved = (0..after.related.len()).filter(|&i| self.related[i] != after.related[i]);
        reach.pages.extend(moved.collect::<Vec<_>>());
        for (s, (before, now)) in self.sections.iter().zip(&after.sections).enumerate() {
            reach.pages.extend(neighbours_changed(before, now, &edited));
            let per_page = renderer.per_page(s);
            reach.sections.extend(
                lists_changed(before, now, &edited, per_page)
                    .into_iter()
                    .map(|n| (s, n)),
            );
        }
        reach.sections.insert((0, 1));
        for (t, (before, now)) in self.terms.iter().zip(&after.terms).enumerate() {
            if term_counts(before) != term_counts(now) {
                reach.taxonomies.insert(t);
            }
            let before: HashMap<&str, (&str, &[usize])> = before
                .iter()
                .map(|(name, path, pages)| (name.as_str(), (path.as_str(), pages.as_slice())))
                .collect();
            let per_page = site.config.paginate_by;
            for (k, (name, path, pages)) in now.iter().enumerate() {
                let numbers: Vec<usize> = match before.get(name.as_str()) {
                    Some((old_path, _)) if old_path != path => return None,
                    Some((_, old)) if old.len() == pages.len() => lists_changed(old, pages, &edited, per_page),
                    // Every page of a term's list shows how many pages it
                    // has; the pages carrying the term link to it by name
                    // and folder alone.
                    _ => (1..=page_count(pages.len(), per_page)).collect(),
                };
                reach.terms.extend(numbers.into_iter().map(|n| (t, k, n)));
            }
        }
        for (dir, shown) in &after.boards {
            if self.boards.get(dir) != Some(shown) || shown.1.iter().any(|p| edited.contains(p)) {
                reach.boards.insert(dir.clone());
            }
        }
        Some(reach)
    }
}

impl Reach {
    /// Whether the output of `job` may have changed.
    pub(super) fn holds(&self, job: &Job) -> bool {
        match job {
            Job::Page(i) => self.pages.contains(i),
            Job::Section(s, n) => self.sections.contains(&(*s, *n)),
            Job::Term(t, k, n) => self.terms.contains(&(*t, *k, *n)),
            Job::Alias { target, .. } => self.alias_targets.contains(target),
            Job::Board(board, part) => self.boards.contains(&board.dir(*part)),
            Job::TaxonomyList(t) => self.taxonomies.contains(t),
            Job::Feed => self.feed,
            Job::Sitemap => self.sitemap,
            Job::NotFound | Job::Robots | Job::Search | Job::PrintIndex => true,
        }
    }
}

/// What a taxonomy's list shows of each term: its name, folder and page count.
fn term_counts(terms: &[(String, String, Vec<usize>)]) -> Vec<(&str, &str, usize)> {
    terms
        .iter()
        .map(|(name, path, pages)| (name.as_str(), path.as_str(), pages.len()))
        .collect()
}

/// A hash of what the sitemap lists (see `render_sitemap`): sections,
/// pages in order and terms, by address, with their dates.
fn sitemap_hash(site: &Site) -> u64 {
    // Each address hashed at once, with its date, into a list hashed last:
    // a streaming hash copies each short piece into its buffer.
    let mut entries: Vec<u8> = Vec::with_capacity(13 * (site.pages.len() + site.sections.len() + 1));
    let mut add = |path: &str, date: Option<jiff::civil::Date>| {
        entries.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(path.as_bytes()).to_le_bytes());
        let [low, high] = date.map_or(0, |d| d.year()).to_le_bytes();
        let (month, day) = date.map_or((0, 0), |d| (d.month() as u8, d.day() as u8));
        entries.extend_from_slice(&[u8::from(date.is_some()), low, high, month, day]);
    };
    for section in &site.sections {
        add(&section.path, section.updated);
    }
    for &i in &site.order {
        add(&site.pages[i].path, site.pages[i].updated.or(site.pages[i].date));
    }
    for taxonomy in &site.taxonomies {
        add(&taxonomy.path, None);
        taxonomy.terms.iter().for_each(|t| add(&t.path, None));
    }
    add(
        if crate::render::search::page_is_free(site) {
            "search"
        } else {
            ""
        },
        None,
    );
    xxhash_rust::xxh3::xxh3_64(&entries)
}

/// Pages of a list (`before` and `now`) whose previous or next page
/// changed, or is an edited page.
fn neighbours_changed(before: &[usize], now: &[usize], edited: &HashSet<usize>) -> Vec<usize> {
    let pair = |list: &[usize], k: usize| (k.checked_sub(1).map(|j| list[j]), list.get(k + 1).copied());
    let mut changed = Vec::new();
    if before == now {
        for (k, p) in now.iter().enumerate() {
            let (previous, next) = pair(now, k);
            if [previous, next].iter().flatten().any(|q| edited.contains(q)) {
                changed.push(*p);
            }
        }
        return changed;
    }
    let at: HashMap<usize, usize> = before.iter().enumerate().map(|(k, &p)| (p, k)).collect();
    for (k, &p) in now.iter().enumerate() {
        let (previous, next) = pair(now, k);
        let moved = at.get(&p).is_none_or(|&j| pair(before, j) != (previous, next));
        if moved || [previous, next].iter().flatten().any(|q| edited.contains(q)) {
            changed.push(p);
        }
    }
    changed
}

/// Pagination pages (from 1) of a list (`before` and `now`) whose slice
/// changed or shows an edited page: all of them when their number changed,
/// as every page's pager shows it.
fn lists_changed(before: &[usize], now: &[usize], edited: &HashSet<usize>, per_page: usize) -> Vec<usize> {
    let per_page = per_page.max(1);
    let total = page_count(now.len(), per_page);
    if page_count(before.len(), per_page) != total {
        return (1..=total).collect();
    }
    let mut numbers: Vec<usize> = (0..now.len().max(before.len()))
        .filter(|&k| before.get(k) != now.get(k) || now.get(k).is_some_and(|p| edited.contains(p)))
        .map(|k| (k / per_page + 1).min(total))
        .collect();
    numbers.dedup();
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_moved_in_a_list_changes_the_neighbours_on_both_sides() {
        let edited: HashSet<usize> = [3].into();
        let before = [1, 2, 3, 4, 5, 6];
        let now = [1, 3, 2, 4, 5, 6];
        let mut changed = neighbours_changed(&before, &now, &edited);
        changed.sort();
        assert_eq!(changed, vec![1, 2, 3, 4]);
        assert_eq!(neighbours_changed(&now, &now, &edited), vec![1, 2]);
    }

    #[test]
    fn only_the_pagination_pages_whose_slice_changed_are_reached() {
        let edited: HashSet<usize> = [9].into();
        let before = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        let now = [1, 2, 3, 5, 4, 6, 7, 8, 9];
        assert_eq!(lists_changed(&before, &now, &edited, 2), vec![2, 3, 5]);
    }

    #[test]
    fn a_page_added_or_removed_reaches_the_pagination_pages_after_it() {
        let none = HashSet::new();
        let before = [1, 2, 3, 4, 5];
        assert_eq!(lists_changed(&before, &[1, 2, 3, 6, 4, 5], &none, 2), vec![2, 3]);
        assert_eq!(
            lists_changed(&before, &[1, 2, 3, 4, 5, 6, 7], &none, 2),
            vec![1, 2, 3, 4],
            "a new pagination page changes every page's pager"
        );
        assert_eq!(
            lists_changed(&[1, 2, 3, 4, 5, 6], &[1, 2, 3, 4, 5], &none, 2),
            vec![3],
            "the last page lost a page"
        );
    }

    #[test]
    fn a_removed_page_stays_in_the_renumbered_lists_as_gone() {
        let graph = Graph {
            sections: vec![vec![0, 1, 2]],
            terms: vec![vec![("好人".into(), "honors/hao-ren/".into(), vec![1, 2])]],
            related: vec![vec![1], vec![0], vec![]],
            boards: HashMap::new(),
            shown_by_removed: Vec::new(),
            feed: vec![2, 1],
            sitemap: 0,
        };
        let renumbered = graph.renumber(&[Some(1), None, Some(2)], 4);
        assert_eq!(renumbered.sections, vec![vec![1, GONE, 2]]);
        assert_eq!(renumbered.terms[0][0].2, vec![GONE, 2]);
        assert_eq!(renumbered.related, vec![vec![], vec![GONE], vec![], vec![]]);
        assert_eq!(renumbered.shown_by_removed, vec![1], "the page the removed one showed");
        assert_eq!(renumbered.feed, vec![2, GONE]);
    }
}
