//! Render stage, for `serve`: the search index brought up to date after an
//! edit of pages. Only the keys of the pages read again, added or removed
//! are taken out and put in; the other pages are renumbered in place, and
//! only the files whose contents changed are written again.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::postings::{Hit, List};
use super::shards::fill_shards;
use super::{Index, PAGES_PER_ROW_SHARD, PageKeys, Row, Values, first_value, frame, index_path, rows_path, to_js};
use crate::markdown::Document;
use crate::output::OutputFile;
use crate::site::Site;

/// How the pages changed since the index was made (see [`Index::update`]).
pub struct IndexEdit {
    /// `map[i]`: the index in `site.pages` now of the index's page `i`
    /// (`None`: removed), as [`Site::change_pages`] gives it.
    pub map: Vec<Option<usize>>,
    /// The keys the pages read again or removed had, by their index before.
    pub old: Vec<(usize, PageKeys)>,
    /// The pages read again or added, by their index now.
    pub edited: Vec<usize>,
}

/// How the numbers of the pages that `edit` left alone move from the index
/// `old` to `new` (see [`super::postings::Steps`]); `None` when their order changed.
fn steps(old: &Index, new: &Index, edit: &IndexEdit) -> Option<Vec<(u32, i32)>> {
    let mut edited = vec![false; edit.map.len()];
    for (i, _) in &edit.old {
        edited[*i] = true;
    }
    let mut moves: Vec<(usize, usize)> = (0..edit.map.len())
        .filter(|&i| !edited[i])
        .filter_map(|i| Some((*old.numbers.get(i)?, *new.numbers.get(edit.map[i]?)?)))
        .filter(|&(from, to)| from != usize::MAX && to != usize::MAX)
        .collect();
    moves.sort_unstable();
    let (mut steps, mut by, mut last) = (Vec::new(), 0, None);
    for (from, to) in moves {
        if last.is_some_and(|last| to <= last) {
            return None;
        }
        last = Some(to);
        let here = i32::try_from(to).ok()? - i32::try_from(from).ok()?;
        if here != by {
            steps.push((u32::try_from(from).ok()?, here));
            by = here;
        }
    }
    Some(steps)
}

impl Index {
    /// Brings the index up to date after pages were read again, added or
    /// removed (`edit`), which may renumber pages, change filters or rows.
    /// Only the changed pages' keys are taken out and put in, and the other
    /// pages renumbered in place; when the shard count changed or pages
    /// kept changed order, the index is built again. Gives
    /// `search/meta.js` with every other file whose contents differ from
    /// the last build's, and the paths of files there are no more of.
    pub fn update(
        &mut self,
        site: &Site,
        docs: &[Document],
        summaries: &[String],
        edit: &IndexEdit,
    ) -> (Vec<OutputFile>, Vec<String>) {
        let values = self.values_after(site, edit);
        let (kept, was) = self.take_rows(edit, site.pages.len());
        let mut new = frame(site, summaries, values, kept);
        let taken = Taken::of(&was, &new.numbers, self.rows.len());
        let touched = match steps(self, &new, edit).filter(|_| new.shards.len() == self.shards.len()) {
            Some(steps) => {
                new.shards = std::mem::take(&mut self.shards);
                new.move_keys(&self.numbers, &steps, site, docs, summaries, edit)
            }
            None => {
                fill_shards(&mut new, site, docs, summaries);
                (0..new.shards.len())
                    .filter(|&n| self.shards.get(n) != Some(&new.shards[n]))
                    .collect()
            }
        };
        let old = std::mem::replace(self, new);
        let shown = self.take_row_texts(old.row_texts, &old.rows, &old.numbers, &edit.map, &taken);
        let mut files = vec![self.meta_file()];
        if old.filter_pages != self.filter_pages {
            files.push(self.filters_file());
        }
        let shows_changed = |list: &List| list.top().any(|p| shown.binary_search(&p).is_ok());
        let redone: Vec<usize> = (0..self.shards.len())
            .into_par_iter()
            .filter(|&n| touched.contains(&n) || self.shards[n].values().any(shows_changed))
            .collect();
        files.par_extend(redone.into_par_iter().map(|n| self.index_file(n)));
        let chunks = self.rows.len().div_ceil(PAGES_PER_ROW_SHARD);
        for n in 0..chunks {
            let range = |len: usize| n * PAGES_PER_ROW_SHARD..((n + 1) * PAGES_PER_ROW_SHARD).min(len);
            let (was, mut now) = (range(old.rows.len()), range(self.rows.len()));
            if was != now || !now.all(|p| taken.same(&old.rows, p, &self.rows, p)) {
                files.push(self.rows_file(n));
            }
        }
        let gone = (self.shards.len()..old.shards.len())
            .map(index_path)
            .chain((chunks..old.rows.len().div_ceil(PAGES_PER_ROW_SHARD)).map(rows_path));
        (files, gone.collect())
    }

    /// Takes the edited pages' keys out of the shards, as the index
    /// numbered them (`numbers`), renumbers the other pages (`steps`), and
    /// puts the keys the edited pages have now in; gives the shards that changed.
    fn move_keys(
        &mut self,
        numbers: &[usize],
        steps: &[(u32, i32)],
        site: &Site,
        docs: &[Document],
        summaries: &[String],
        edit: &IndexEdit,
    ) -> BTreeSet<usize> {
        let shards = self.shards.len();
        let mut out: Vec<(usize, std::borrow::Cow<'_, [Hit]>)> = edit
            .old
            .iter()
            .map(|(i, keys)| (numbers[*i], keys.for_shards(shards)))
            .collect();
        let mut into: Vec<(usize, Vec<Hit>)> = edit
            .edited
            .par_iter()
            .map(|&j| (self.numbers[j], PageKeys::of(site, summaries, j, &docs[j]).hits))
            .collect();
        let mut touched = BTreeSet::new();
        if steps.is_empty() {
            // No page renumbered: the keys at a number are changed in one go.
            out.retain(|(number, old)| match into.iter().position(|(n, _)| n == number) {
                Some(at) => {
                    let (_, new) = into.swap_remove(at);
                    touched.extend(self.replace_keys(*number, old, &new));
                    false
                }
                None => true,
            });
        }
        for (number, old) in &out {
            touched.extend(self.replace_keys(*number, old, &[]));
        }
        touched.extend(self.renumber(steps));
        for (number, new) in &into {
            touched.extend(self.replace_keys(*number, &[], new));
        }
        touched
    }

    /// Takes the rows of the pages `edit` left alone out of the index's
    /// rows, which keep their kind and filter slots: by each page's index
    /// now (of `pages`), its row and the row's number here. Their title,
    /// folder and summary are as they were; a page linked elsewhere keeps
    /// its summary, plain text (as it keeps its search keys).
    fn take_rows(&mut self, edit: &IndexEdit, pages: usize) -> (Vec<Option<Row>>, Vec<Option<usize>>) {
        let mut edited = vec![false; pages];
        for &j in &edit.edited {
            edited[j] = true;
        }
        let mut kept: Vec<Option<Row>> = (0..pages).map(|_| None).collect();
        let mut was = vec![None; pages];
        for (&number, to) in self.numbers.iter().zip(&edit.map) {
            if let (Some(j), Some(row)) = (*to, self.rows.get_mut(number))
                && !edited[j]
            {
                let take = std::mem::take;
                kept[j] = Some(Row(
                    take(&mut row.0),
                    row.1,
                    take(&mut row.2),
                    take(&mut row.3),
                    Vec::new(),
                ));
                was[j] = Some(number);
            }
        }
        (kept, was)
    }

    /// Gives the index the written rows of the last build (`texts` of
    /// `rows`, numbered as `numbers` says), each moved to its page's new
    /// number (`map`, see [`IndexEdit`]), and writes those of the pages whose
    /// rows changed; gives their numbers, sorted.
    fn take_row_texts(
        &mut self,
        mut texts: Vec<String>,
        rows: &[Row],
        numbers: &[usize],
        map: &[Option<usize>],
        taken: &Taken,
    ) -> Vec<usize> {
        let mut was = vec![None; self.numbers.len()];
        for (&number, to) in numbers.iter().zip(map) {
            if let Some(j) = *to {
                was[j] = Some(number).filter(|&n| n < rows.len());
            }
        }
        self.row_texts = vec![String::new(); self.rows.len()];
        let mut changed = Vec::new();
        for (&number, was) in self.numbers.iter().zip(was) {
            match was {
                _ if number >= self.rows.len() => {}
                Some(old) if taken.same(rows, old, &self.rows, number) => {
                    self.row_texts[number] = std::mem::take(&mut texts[old]);
                }
                _ => changed.push(number),
            }
        }
        changed.sort_unstable();
        let written: Vec<String> = changed.par_iter().map(|&p| to_js(&self.rows[p])).collect();
        for (&p, text) in changed.iter().zip(written) {
            self.row_texts[p] = text;
        }
        changed
    }

    /// The filter values of the pages after `edit`: those of the pages it
    /// left alone read from their rows, which name them by their place in
    /// this index's filters; those of the pages it read again or added
    /// looked up.
    fn values_after(&self, site: &Site, edit: &IndexEdit) -> Values {
        let names = site.config.schema.filters();
        let mut values = Values {
            found: self.meta.filters.iter().map(|f| f.values.clone()).collect(),
            of_page: vec![vec![-1; site.pages.len()]; names.len()],
        };
        let mut edited = vec![false; site.pages.len()];
        for &j in &edit.edited {
            edited[j] = true;
        }
        let mut kept = vec![false; site.pages.len()];
        for (&number, to) in self.numbers.iter().zip(&edit.map) {
            if let (Some(j), Some(row)) = (*to, self.rows.get(number))
                && !edited[j]
            {
                for (f, &slot) in row.4.iter().enumerate() {
                    values.of_page[f][j] = slot;
                }
                kept[j] = true;
            }
        }
        for (f, (name, _)) in names.iter().enumerate() {
            let mut places: HashMap<String, i64> = values.found[f]
                .iter()
                .enumerate()
                .map(|(at, v)| (v.clone(), at as i64))
                .collect();
            for j in (0..site.pages.len()).filter(|&j| !kept[j]) {
                values.of_page[f][j] = match first_value(&site.pages[j], name) {
                    Some(value) => values.place(f, &mut places, value),
                    None => -1,
                };
            }
        }
        values
    }
}

/// The rows an update took from the last index (see [`Index::take_rows`]),
/// to tell a row unchanged without comparing its texts.
struct Taken {
    /// By page number now: the number in the last index of the row taken.
    from: Vec<Option<usize>>,
    /// By number in the last index: whether its row was taken (its texts are then empty).
    taken: Vec<bool>,
}

impl Taken {
    /// From `was` (by page index: the number of the row taken) and the
    /// page `numbers` now, of `rows` rows in the last index.
    fn of(was: &[Option<usize>], numbers: &[usize], rows: usize) -> Taken {
        let mut taken = Taken {
            from: vec![None; numbers.len()],
            taken: vec![false; rows],
        };
        for (&was, &number) in was.iter().zip(numbers) {
            if let Some(old) = was {
                taken.taken[old] = true;
                if let Some(from) = taken.from.get_mut(number) {
                    *from = Some(old);
                }
            }
        }
        taken
    }

    /// Whether row `number` of `now` is row `old` of `rows`, the last
    /// index's. A row taken holds the texts it had; one taken by another
    /// page is another page's (no two pages share a folder).
    fn same(&self, rows: &[Row], old: usize, now: &[Row], number: usize) -> bool {
        let (was, row) = (&rows[old], &now[number]);
        if self.from.get(number) == Some(&Some(old)) {
            (was.1, &was.4) == (row.1, &row.4)
        } else {
            !self.taken[old] && was == row
        }
    }
}
