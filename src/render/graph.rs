//! Render stage, for `serve`: the dependency graph from each output to the
//! pages it was made from — which pages a page links to by name or card,
//! which a section, term or board lists and in what order — so that after
//! an edit only the outputs whose inputs changed are made again.
//!
//! A [`Graph`] is taken of the site before an edit and after it. An output
//! is reached when it shows an edited page, or when what it lists changed
//! between the two graphs ([`Graph::reach`]). Outputs made from the whole
//! site (home, taxonomy lists, feed, sitemap, 404, search page, print index)
//! are always reached. A reached output is still rendered only when its
//! context differs from the last render's (see [`super::scope`]).

use std::collections::{HashMap, HashSet};

use super::lists::page_count;
use super::renderer::{Job, Renderer};

/// What a site's outputs are made from, as far as an edit of pages can change it.
pub(super) struct Graph {
    /// Each section's pages, in order.
    sections: Vec<Vec<usize>>,
    /// Each taxonomy's terms in order: name, folder and pages.
    terms: Vec<Vec<(String, String, Vec<usize>)>>,
    /// For each page: the pages it shows by name or card (events, the
    /// persons an event or award list names, award lists).
    related: Vec<Vec<usize>>,
    /// Each print board's folder → the pages it shows.
    boards: HashMap<String, Vec<usize>>,
}

/// The outputs an edit reaches (see [`Graph::reach`]).
pub(super) struct Reach {
    pages: HashSet<usize>,
    /// Section and pagination page.
    sections: HashSet<(usize, usize)>,
    /// Taxonomy, term and pagination page.
    terms: HashSet<(usize, usize, usize)>,
    boards: HashSet<String>,
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
                .into_iter()
                .map(|b| {
                    let pages = b.pages(site);
                    (b.path.clone(), pages)
                })
                .collect(),
        }
    }

    /// The outputs that an edit of pages `edited` reaches, from the graph
    /// before it (`self`) to the graph after it (`after`, rendered by
    /// `renderer`). `None` when the edit changes what the graph does not
    /// follow — a section's or a taxonomy's set of pages changed length, or
    /// a term kept its name but moved folder — and the whole site must be rendered.
    pub(super) fn reach(&self, after: &Graph, edited: &[usize], renderer: &Renderer) -> Option<Reach> {
        let site = renderer.site;
        let edited: HashSet<usize> = edited.iter().copied().collect();
        let mut reach = Reach {
            pages: edited.clone(),
            sections: HashSet::new(),
            terms: HashSet::new(),
            boards: HashSet::new(),
            alias_targets: edited.iter().map(|&i| site.pages[i].path.clone()).collect(),
        };
        if self.related.len() != after.related.len() || self.sections.len() != after.sections.len() {
            return None;
        }
        for &e in &edited {
            reach.pages.extend(&self.related[e]);
            reach.pages.extend(&after.related[e]);
        }
        let moved = (0..after.related.len()).filter(|&i| self.related[i] != after.related[i]);
        reach.pages.extend(moved.collect::<Vec<_>>());
        for (s, (before, now)) in self.sections.iter().zip(&after.sections).enumerate() {
            if before.len() != now.len() {
                return None;
            }
            reach.pages.extend(neighbours_changed(before, now, &edited));
            let per_page = renderer.per_page(s);
            reach
                .sections
                .extend(lists_changed(before, now, &edited, per_page).map(|n| (s, n)));
        }
        reach.sections.insert((0, 1));
        for (t, (before, now)) in self.terms.iter().zip(&after.terms).enumerate() {
            let before: HashMap<&str, (&str, &[usize])> = before
                .iter()
                .map(|(name, path, pages)| (name.as_str(), (path.as_str(), pages.as_slice())))
                .collect();
            let per_page = site.config.paginate_by;
            for (k, (name, path, pages)) in now.iter().enumerate() {
                let numbers: Vec<usize> = match before.get(name.as_str()) {
                    Some((old_path, _)) if old_path != path => return None,
                    Some((_, old)) if old.len() == pages.len() => {
                        lists_changed(old, pages, &edited, per_page).collect()
                    }
                    // Every page of a term shows how many pages it has.
                    old => {
                        reach.pages.extend(old.map_or(&[][..], |(_, old)| old));
                        reach.pages.extend(pages);
                        (1..=page_count(pages.len(), per_page)).collect()
                    }
                };
                reach.terms.extend(numbers.into_iter().map(|n| (t, k, n)));
            }
        }
        for (path, pages) in &after.boards {
            if self.boards.get(path) != Some(pages) || pages.iter().any(|p| edited.contains(p)) {
                reach.boards.insert(path.clone());
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
            Job::Board(board, _) => self.boards.contains(&board.path),
            Job::TaxonomyList(_)
            | Job::NotFound
            | Job::Feed
            | Job::Sitemap
            | Job::Robots
            | Job::Search
            | Job::PrintIndex => true,
        }
    }
}

/// Pages of a list (`before` and `now`, of the same length) whose previous
/// or next page changed, or is an edited page.
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

/// Pagination pages (from 1) of a list (`before` and `now`, of the same
/// length) whose slice changed or shows an edited page.
fn lists_changed<'a>(
    before: &'a [usize],
    now: &'a [usize],
    edited: &'a HashSet<usize>,
    per_page: usize,
) -> impl Iterator<Item = usize> + 'a {
    let per_page = per_page.max(1);
    let mut numbers: Vec<usize> = now
        .iter()
        .zip(before)
        .enumerate()
        .filter(|(_, (p, q))| p != q || edited.contains(p))
        .map(|(k, _)| k / per_page + 1)
        .collect();
    numbers.dedup();
    numbers.into_iter()
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
        let numbers: Vec<usize> = lists_changed(&before, &now, &edited, 2).collect();
        assert_eq!(numbers, vec![2, 3, 5]);
    }
}
