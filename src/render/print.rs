//! Printable honor boards (光荣榜) under `/print/`: one per award list and one
//! per year of honourees, each a grid of cards with photo, name, honour,
//! one-line deed and QR code, laid out for A4 or A3 by the stylesheet.

use std::collections::{BTreeMap, HashSet};

use super::{Prepared, Renderer};
use crate::award::PERSON_SLUG_COLUMN;
use crate::error::Diagnostic;
use crate::kind::Show;
use crate::page::{Kind, Page};
use crate::render::views::{BoardCard, BoardLink, BoardView};

/// Folder of the printable boards.
pub(super) const PRINT_DIR: &str = "print/";
/// How many characters of a deed a card shows.
const DEED_LIMIT: usize = 40;
/// Column names that hold a row's name, in order of preference.
const NAME_COLUMNS: [&str; 6] = ["姓名", "名称", "单位名称", "单位", "name", "title"];

/// One printable board and what it shows.
pub(super) struct Board {
    /// Output folder, e.g. `print/2024/`.
    pub(super) path: String,
    title: String,
    what: Showing,
}

enum Showing {
    /// The rows of an award list (page index).
    Award(usize),
    /// The persons of one year, in display order.
    Year(i64, Vec<usize>),
}

impl<'a> Renderer<'a> {
    /// Every board: award lists in display order, then years, newest first.
    pub(super) fn boards(&self) -> Vec<Board> {
        let site = self.site;
        let mut boards = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        for &i in &site.order {
            let page = &site.pages[i];
            if page.kind != Kind::Award || site.tables[i].as_ref().is_none_or(|t| t.rows.is_empty()) {
                continue;
            }
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
            boards.push(Board {
                path: format!("{PRINT_DIR}{name}/"),
                title: page.title.clone(),
                what: Showing::Award(i),
            });
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
            boards.push(Board {
                path: format!("{PRINT_DIR}{year}/"),
                title: format!("{year}年度光荣榜"),
                what: Showing::Year(year, persons),
            });
        }
        boards
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
                    Showing::Year(..) => "year",
                },
                count: match &b.what {
                    Showing::Award(i) => self.site.tables[*i].as_ref().map_or(0, |t| t.rows.len()),
                    Showing::Year(_, persons) => persons.len(),
                },
            })
            .collect();
        let mut cx = self.context(PRINT_DIR);
        cx.insert("boards", &links);
        self.html(PRINT_DIR, "print_index.html", cx)
    }

    pub(super) fn render_board(&self, board: &Board) -> Result<Prepared, Diagnostic> {
        let site = self.site;
        let view = match &board.what {
            Showing::Award(i) => {
                let page = &site.pages[*i];
                BoardView {
                    title: &board.title,
                    kind: "award",
                    year: page.year,
                    issuer: page.issuer.as_deref().unwrap_or(""),
                    source: self.url(&page.path),
                    cards: self.award_cards(*i),
                }
            }
            Showing::Year(year, persons) => BoardView {
                title: &board.title,
                kind: "year",
                year: Some(*year),
                issuer: "",
                source: String::new(),
                cards: persons.iter().map(|&p| self.person_card(p, None)).collect(),
            },
        };
        let mut cx = self.context(&board.path);
        cx.insert("board", &view);
        cx.insert("print_index", &self.url(PRINT_DIR));
        self.html(&board.path, "print_board.html", cx)
    }

    /// A card for a person: the honour given, else the person's honours.
    fn person_card(&self, p: usize, honor: Option<&str>) -> BoardCard<'a> {
        let page: &'a Page = &self.site.pages[p];
        BoardCard {
            name: &page.title,
            path: self.url(&page.path),
            photo: crate::render::photo::view(&self.texts.photos, page),
            honor: honor.map_or_else(|| page.honors.join("、"), str::to_string),
            deed: one_line(&self.texts.summaries[p]),
            qr_svg: &self.texts.qr[p],
            facts: self.facts(page, Show::Board),
        }
    }

    /// A card per row of an award list; rows naming a person show that person.
    fn award_cards(&self, i: usize) -> Vec<BoardCard<'a>> {
        let site = self.site;
        let page = &site.pages[i];
        let Some(table) = site.tables[i].as_ref() else {
            return Vec::new();
        };
        let honor = page.tier.as_deref().unwrap_or(&page.title);
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
        table
            .rows
            .iter()
            .zip(&site.row_people[i])
            .map(|(row, person)| {
                if let Some(p) = *person {
                    return self.person_card(p, Some(honor));
                }
                let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
                let others: Vec<&str> = shown
                    .iter()
                    .filter(|&&c| Some(c) != name_col)
                    .map(|&c| cell(c))
                    .filter(|s| !s.is_empty())
                    .collect();
                BoardCard {
                    name: name_col.map_or("", cell),
                    path: String::new(),
                    photo: None,
                    honor: honor.to_string(),
                    deed: one_line(&others.join(" · ")),
                    qr_svg: "",
                    facts: Vec::new(),
                }
            })
            .collect()
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
