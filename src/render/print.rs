//! Printable honor boards (光荣榜) under `/print/`: one per award list and one
//! per year of honourees, each a grid of cards with photo, name, honour,
//! one-line deed and QR code, laid out for A4 or A3 by the stylesheet.
//!
//! A board is split into HTML pages of at most one A3 sheet of cards
//! ([`sheets`]): the first at the board's folder (`print/2024/`), the others at
//! `page/2/`, `page/3/` … under it, and a list of its pages at `contents/`
//! when it has more than one. A year's board is grouped by category (else by
//! region).

mod sheets;

use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::lists::pagination_dir;
use super::{Prepared, Renderer};
use crate::award::PERSON_SLUG_COLUMN;
use crate::error::Diagnostic;
use crate::kind::Show;
use crate::page::{Kind, Page};
use crate::render::views::{BoardCard, BoardContentsEntry, BoardGroup, BoardLink, BoardView};
use sheets::Run;

/// Folder of the printable boards.
pub(super) const PRINT_DIR: &str = "print/";
/// Folder of a board's list of pages, under the board's folder.
const CONTENTS_DIR: &str = "contents/";
/// Heading of the persons of a grouped board who have no category (or region).
const OTHERS: &str = "其他";
/// How many characters of a deed a card shows.
const DEED_LIMIT: usize = 40;
/// Column names that hold a row's name, in order of preference.
const NAME_COLUMNS: [&str; 6] = ["姓名", "名称", "单位名称", "单位", "name", "title"];

/// One printable board and what it shows.
pub(super) struct Board {
    /// Output folder of its first page, e.g. `print/2024/`.
    pub(super) path: String,
    title: String,
    what: Showing,
    /// Its cards in groups, in display order.
    groups: Vec<Group>,
    /// Its HTML pages, each the runs of groups it shows.
    pages: Vec<Vec<Run>>,
}

/// Cards under one heading: rows of an award list, or persons.
struct Group {
    /// Category or region; empty for a board that is not grouped.
    label: String,
    /// Row indices (award boards) or page indices (year boards).
    members: Vec<usize>,
}

enum Showing {
    /// The rows of an award list (page index).
    Award(usize),
    /// The persons of one year.
    Year(i64),
}

/// One output of a board.
#[derive(Clone, Copy)]
pub(super) enum BoardPart {
    /// Page `n` (from 1).
    Page(usize),
    /// The list of its pages.
    Contents,
}

impl Board {
    fn new(path: String, title: String, what: Showing, groups: Vec<Group>) -> Board {
        let sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
        let headed = groups.iter().any(|g| !g.label.is_empty());
        let pages = sheets::paginate(&sizes, headed);
        Board {
            path,
            title,
            what,
            groups,
            pages,
        }
    }

    /// Every output of the board, first page first.
    pub(super) fn parts(&self) -> Vec<BoardPart> {
        let pages = (1..=self.pages.len()).map(BoardPart::Page);
        let contents = (self.pages.len() > 1).then_some(BoardPart::Contents);
        pages.chain(contents).collect()
    }

    /// The folder of one of its outputs.
    pub(super) fn dir(&self, part: BoardPart) -> String {
        match part {
            BoardPart::Page(n) => pagination_dir(&self.path, n),
            BoardPart::Contents => format!("{}{CONTENTS_DIR}", self.path),
        }
    }

    fn count(&self) -> usize {
        self.groups.iter().map(|g| g.members.len()).sum()
    }

    /// The headings of the groups on page `n`, joined.
    fn labels(&self, n: usize) -> String {
        let labels: Vec<&str> = self.pages[n - 1]
            .iter()
            .map(|run| self.groups[run.group].label.as_str())
            .filter(|l| !l.is_empty())
            .collect();
        labels.join("、")
    }
}

impl Board {
    /// What one of its outputs shows of the site, for the graph of an edit
    /// ([`super::graph`]): a hash of its layout — title, number of pages,
    /// the groups' headings and where they break — and the pages its cards
    /// show, an award board's list first. The list of its pages shows every
    /// page's headings and the first page's cards.
    pub(super) fn shows(&self, part: BoardPart, site: &crate::site::Site) -> (u64, Vec<usize>) {
        let (n, laid_out) = match part {
            BoardPart::Page(n) => (n, &self.pages[n - 1..n]),
            BoardPart::Contents => (1, &self.pages[..]),
        };
        let mut hasher = DefaultHasher::new();
        (&self.title, self.pages.len()).hash(&mut hasher);
        for run in laid_out.iter().flatten() {
            (&self.groups[run.group].label, run.group, run.start, run.end).hash(&mut hasher);
        }
        let members = self.pages[n - 1]
            .iter()
            .flat_map(|run| &self.groups[run.group].members[run.start..run.end]);
        let pages = match self.what {
            Showing::Award(i) => std::iter::once(i)
                .chain(members.filter_map(|&r| site.row_people[i][r]))
                .collect(),
            Showing::Year(_) => members.copied().collect(),
        };
        (hasher.finish(), pages)
    }
}

impl<'a> Renderer<'a> {
    /// Every board: award lists in display order, then years, newest first;
    /// made once per renderer, as jobs, graph and print index all list them.
    pub(super) fn boards(&self) -> &[Arc<Board>] {
        self.boards.get_or_init(|| self.make_boards())
    }

    /// Every board, made from the site.
    fn make_boards(&self) -> Vec<Arc<Board>> {
        let site = self.site;
        let mut boards = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        for &i in &site.order {
            let page = &site.pages[i];
            let Some(table) = site.tables[i]
                .as_ref()
                .filter(|t| page.kind == Kind::Award && !t.rows.is_empty())
            else {
                continue;
            };
            let slug = page.path.trim_end_matches('/').rsplit('/').next().unwrap_or("list");
            // A list may not take a year's folder, nor another list's.
            let mut name = if slug.is_empty() || slug.chars().all(|c| c.is_ascii_digit()) {
                format!("list-{slug}")
            } else {
                slug.to_string()
            };
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{slug}-{n}");
                n += 1;
            }
            taken.insert(name.clone());
            let rows = Group {
                label: String::new(),
                members: (0..table.rows.len()).collect(),
            };
            let path = format!("{PRINT_DIR}{name}/");
            boards.push(Board::new(path, page.title.clone(), Showing::Award(i), vec![rows]));
        }
        let mut years: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for &i in &site.order {
            let page = &site.pages[i];
            if page.kind != Kind::Person {
                continue;
            }
            if let Some(year) = page.year.or_else(|| page.date.map(|d| i64::from(d.year()))) {
                years.entry(year).or_default().push(i);
            }
        }
        for (year, persons) in years.into_iter().rev() {
            let path = format!("{PRINT_DIR}{year}/");
            let groups = self.group_persons(persons);
            boards.push(Board::new(
                path,
                format!("{year}年度光荣榜"),
                Showing::Year(year),
                groups,
            ));
        }
        boards.into_iter().map(Arc::new).collect()
    }

    /// Persons in groups by category — the site's categories in their order,
    /// then others as first met — else by region as first met; those without
    /// one come last, under [`OTHERS`]. One unnamed group when none has either.
    fn group_persons(&self, persons: Vec<usize>) -> Vec<Group> {
        let pages = &self.site.pages;
        let by_category = persons.iter().any(|&p| pages[p].category.is_some());
        let by_region = !by_category && persons.iter().any(|&p| pages[p].region.is_some());
        if !by_category && !by_region {
            let label = String::new();
            return vec![Group {
                label,
                members: persons,
            }];
        }
        let key = |p: usize| {
            if by_category {
                &pages[p].category
            } else {
                &pages[p].region
            }
        };
        let mut groups: Vec<Group> = Vec::new();
        if by_category {
            groups.extend(self.site.config.categories.iter().map(|c| Group {
                label: c.clone(),
                members: Vec::new(),
            }));
        }
        let mut others = Vec::new();
        for p in persons {
            let Some(label) = key(p) else {
                others.push(p);
                continue;
            };
            match groups.iter_mut().find(|g| &g.label == label) {
                Some(group) => group.members.push(p),
                None => groups.push(Group {
                    label: label.clone(),
                    members: vec![p],
                }),
            }
        }
        groups.push(Group {
            label: OTHERS.to_string(),
            members: others,
        });
        groups.retain(|g| !g.members.is_empty());
        groups
    }

    pub(super) fn render_print_index(&self) -> Result<Prepared, Diagnostic> {
        let links: Vec<BoardLink> = self
            .boards()
            .iter()
            .map(|b| BoardLink {
                title: b.title.clone(),
                path: self.url(&b.path),
                kind: match b.what {
                    Showing::Award(_) => "award",
                    Showing::Year(_) => "year",
                },
                count: b.count(),
                pages: b.pages.len(),
                contents: (b.pages.len() > 1).then(|| self.url(&b.dir(BoardPart::Contents))),
            })
            .collect();
        let mut cx = self.context(PRINT_DIR);
        cx.insert("boards", &links);
        self.html(PRINT_DIR, "print_index.html", cx)
    }

    /// One output of a board: a page of cards, or the list of its pages.
    pub(super) fn render_board(&self, board: &Board, part: BoardPart) -> Result<Prepared, Diagnostic> {
        let dir = board.dir(part);
        let mut cx = self.context(&dir);
        cx.insert("print_index", &self.url(PRINT_DIR));
        match part {
            BoardPart::Page(n) => {
                cx.insert("board", &self.board_view(board, n));
                cx.insert("paginator", &self.paginator(&board.path, n, board.pages.len()));
                self.html(&dir, "print_board.html", cx)
            }
            BoardPart::Contents => {
                let entries: Vec<BoardContentsEntry> = (1..=board.pages.len())
                    .map(|n| BoardContentsEntry {
                        number: n,
                        path: self.url(&board.dir(BoardPart::Page(n))),
                        groups: board.labels(n),
                        count: board.pages[n - 1].iter().map(|r| r.end - r.start).sum(),
                    })
                    .collect();
                cx.insert("board", &self.board_view(board, 1));
                cx.insert("entries", &entries);
                self.html(&dir, "print_contents.html", cx)
            }
        }
    }

    /// Page `n` of a board as `print_board.html` sees it.
    fn board_view<'b>(&self, board: &'b Board, n: usize) -> BoardView<'b>
    where
        'a: 'b,
    {
        let site = self.site;
        let (year, issuer, source) = match board.what {
            Showing::Award(i) => {
                let page = &site.pages[i];
                (page.year, page.issuer.as_deref().unwrap_or(""), self.url(&page.path))
            }
            Showing::Year(year) => (Some(year), "", String::new()),
        };
        let groups = board.pages[n - 1]
            .iter()
            .map(|run| {
                let group = &board.groups[run.group];
                let members = &group.members[run.start..run.end];
                BoardGroup {
                    label: &group.label,
                    continued: run.start > 0,
                    cards: members
                        .iter()
                        .filter_map(|&m| match board.what {
                            Showing::Award(i) => self.award_card(i, m),
                            Showing::Year(_) => Some(self.person_card(m, None)),
                        })
                        .collect(),
                }
            })
            .collect();
        BoardView {
            title: &board.title,
            kind: match board.what {
                Showing::Award(_) => "award",
                Showing::Year(_) => "year",
            },
            year,
            issuer,
            source,
            groups,
            page: n,
            pages: board.pages.len(),
            contents: if board.pages.len() > 1 {
                self.url(&board.dir(BoardPart::Contents))
            } else {
                String::new()
            },
        }
    }

    /// A card for a person: the honour given, else the person's honours.
    fn person_card(&self, p: usize, honor: Option<&str>) -> BoardCard<'a> {
        let page: &'a Page = &self.site.pages[p];
        BoardCard {
            name: &page.title,
            path: self.url(&page.path),
            photo: crate::render::photo::view(self.photos, page),
            honor: honor.map_or_else(|| page.honors.join("、"), str::to_string),
            deed: one_line(&self.texts.summaries[p]),
            qr_svg: self.qr(p),
            facts: self.facts(page, Show::Board),
        }
    }

    /// The card of row `r` of an award list; a row naming a person shows that person.
    fn award_card(&self, i: usize, r: usize) -> Option<BoardCard<'a>> {
        let site = self.site;
        let page = &site.pages[i];
        let honor = page.tier.as_deref().unwrap_or(&page.title);
        if let Some(p) = site.row_people[i][r] {
            return Some(self.person_card(p, Some(honor)));
        }
        let table = site.tables[i].as_ref()?;
        let shown: Vec<usize> = (0..table.columns.len())
            .filter(|&c| table.columns[c] != PERSON_SLUG_COLUMN)
            .collect();
        let name_col = NAME_COLUMNS
            .iter()
            .find_map(|n| {
                shown
                    .iter()
                    .copied()
                    .find(|&c| table.columns[c].eq_ignore_ascii_case(n))
            })
            .or_else(|| shown.first().copied());
        let row = table.rows.get(r)?;
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let others: Vec<&str> = shown
            .iter()
            .filter(|&&c| Some(c) != name_col)
            .map(|&c| cell(c))
            .filter(|s| !s.is_empty())
            .collect();
        Some(BoardCard {
            name: name_col.map_or("", cell),
            path: String::new(),
            photo: None,
            honor: honor.to_string(),
            deed: one_line(&others.join(" · ")),
            qr_svg: String::new(),
            facts: Vec::new(),
        })
    }
}

/// A deed cut to one line.
fn one_line(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= DEED_LIMIT {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(DEED_LIMIT - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn deeds_are_cut_to_one_line() {
        assert_eq!(one_line("短句。"), "短句。");
        let long = "好".repeat(60);
        let cut = one_line(&long);
        assert_eq!(cut.chars().count(), 40);
        assert!(cut.ends_with('…'));
    }
}
