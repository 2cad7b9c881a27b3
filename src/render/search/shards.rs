//! Render stage: the search index shards: filled from the keys of every
//! page in parallel, changed a page at a time after an edit (the other
//! pages renumbered in place when pages are added or removed), and written
//! as the scripts `search/index-N.js`.

use std::collections::BTreeSet;
use std::fmt::Write;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::postings::{self, Hit, Key, List, Steps};
use super::{INDEX_GLOBAL, Index, PageKeys, added_to, index_path, script, shard_count, to_js};
use crate::markdown::Document;
use crate::output::OutputFile;
use crate::site::Site;

/// Pages whose keys are gathered at once while building.
pub const KEYS_CHUNK: usize = 1024;
/// Groups of shards per thread that fill them while building, for balance.
const GROUPS_PER_THREAD: usize = 4;

/// One index shard: the list of pages of each of its keys.
pub(super) type Shard = FxHashMap<Key, List>;

impl Index {
    /// Shard `n`: `{"keys": {key: postings}, "rows": {page: row}}`, the rows
    /// being those of each key's first results, in page order. Written by
    /// hand: each list is kept as the shard holds it, each row as written.
    pub(super) fn index_file(&self, n: usize) -> OutputFile {
        let mut keys: Vec<(&Key, &List)> = self.shards[n].iter().collect();
        keys.sort_unstable_by_key(|(key, _)| **key);
        let mut firsts: Vec<usize> = keys.iter().flat_map(|(_, list)| list.top()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let lists: usize = keys.iter().map(|(_, list)| list.text().len() + 12).sum();
        let rows: usize = firsts.iter().map(|&p| self.row_texts[p].len() + 8).sum();
        let mut text = String::with_capacity(lists + rows + 100);
        let _ = write!(text, "{}[{n}]={{\"keys\":{{", added_to(INDEX_GLOBAL));
        for (at, (&key, list)) in keys.into_iter().enumerate() {
            if at > 0 {
                text.push(',');
            }
            push_key(&mut text, key);
            text.push_str(":\"");
            text.push_str(list.text());
            text.push('"');
        }
        text.push_str("},\"rows\":{");
        for (at, p) in firsts.into_iter().enumerate() {
            if at > 0 {
                text.push(',');
            }
            let _ = write!(text, "\"{p}\":");
            text.push_str(&self.row_texts[p]);
        }
        text.push_str("}};\n");
        script(&index_path(n), text)
    }

    /// Replaces the story text of page `i` of `site.pages` (its Markdown
    /// changed from `old` to `doc`, nothing else did) and gives the index
    /// shards that change. Only the keys that the page gained, lost or
    /// holds with another rank are looked at, not the whole index.
    pub fn replace_text(
        &mut self,
        site: &Site,
        summaries: &[String],
        i: usize,
        old: &Document,
        doc: &Document,
    ) -> Vec<OutputFile> {
        let Some(&number) = self.numbers.get(i).filter(|&&n| n != usize::MAX) else {
            return Vec::new();
        };
        let shards = self.shards.len();
        let old_keys = PageKeys::of(site, summaries, i, old);
        let new_keys = PageKeys::of(site, summaries, i, doc);
        let (old, new) = (old_keys.for_shards(shards), new_keys.for_shards(shards));
        let changed: Vec<usize> = self.replace_keys(number, &old, &new).into_iter().collect();
        changed.into_par_iter().map(|n| self.index_file(n)).collect()
    }

    /// Moves page `number` from its keys `old` to `new` (either may be
    /// empty: a page added or removed), both made for this index's shard
    /// count; gives the shards that changed.
    pub(super) fn replace_keys(&mut self, number: usize, old: &[Hit], new: &[Hit]) -> BTreeSet<usize> {
        let mut changed = BTreeSet::new();
        for (hit, rank) in changed_keys(old, new) {
            let n = postings::hit_shard(hit);
            let key = postings::hit_key(hit);
            let list = self.shards[n].entry(key).or_default();
            if list.set(number, rank) {
                changed.insert(n);
            }
            if list.text().is_empty() {
                self.shards[n].remove(&key);
            }
        }
        changed
    }

    /// Gives every page in the lists its new number (see [`List::renumber`]);
    /// gives the shards that changed.
    pub(super) fn renumber(&mut self, steps: &Steps) -> BTreeSet<usize> {
        let renumber = |(n, shard): (usize, &mut Shard)| {
            let mut changed = false;
            for list in shard.values_mut() {
                changed |= list.renumber(steps);
            }
            changed.then_some(n)
        };
        self.shards.par_iter_mut().enumerate().filter_map(renumber).collect()
    }
}

/// Fills the (empty) shards of `index` with the keys of every page, a
/// chunk of pages at a time (see [`Filling`]).
pub(super) fn fill_shards(index: &mut Index, site: &Site, docs: &[Document], summaries: &[String]) {
    let mut filling = Filling {
        shards: std::mem::take(&mut index.shards),
        pages: 0,
    };
    for order in site.order.chunks(KEYS_CHUNK) {
        let keys: Vec<PageKeys> = order
            .par_iter()
            .map(|&i| PageKeys::new(site, i, &summaries[i], &docs[i].text))
            .collect();
        filling.add(&keys);
    }
    index.shards = filling.shards;
}

/// The index shards being filled with the keys of the pages in display
/// order, a chunk at a time, so only that chunk's keys (and, for a build,
/// its story texts) are held at once; each group of shards is filled by
/// one thread.
pub struct Filling {
    shards: Vec<Shard>,
    /// How many pages the shards hold.
    pages: usize,
}

impl Filling {
    /// Empty shards for the pages of `site`.
    pub fn new(site: &Site) -> Filling {
        Filling {
            shards: (0..shard_count(site.order.len())).map(|_| Shard::default()).collect(),
            pages: 0,
        }
    }

    /// Adds the keys of the pages that follow those added, in display order.
    pub fn add(&mut self, keys: &[PageKeys]) {
        let shard_count = self.shards.len();
        let per_group = shard_count.div_ceil(rayon::current_num_threads() * GROUPS_PER_THREAD);
        let hits: Vec<std::borrow::Cow<'_, [Hit]>> = keys.iter().map(|k| k.for_shards(shard_count)).collect();
        let groups = shard_count.div_ceil(per_group);
        let bounds: Vec<Vec<usize>> = hits.par_iter().map(|h| group_bounds(h, per_group, groups)).collect();
        let first_page = self.pages;
        let fill = |(group, shards): (usize, &mut [Shard])| {
            let first = group * per_group;
            for (at, (hits, bounds)) in hits.iter().zip(&bounds).enumerate() {
                let number = first_page + at;
                for &h in &hits[bounds[group]..bounds[group + 1]] {
                    shards[postings::hit_shard(h) - first]
                        .entry(postings::hit_key(h))
                        .or_default()
                        .push(postings::posting(number, postings::hit_rank(h)));
                }
            }
        };
        self.shards.par_chunks_mut(per_group).enumerate().for_each(fill);
        self.pages += keys.len();
    }

    /// The filled shards.
    pub(super) fn into_shards(self) -> Vec<Shard> {
        self.shards
    }
}

/// Where a page's `hits` (sorted by shard) of each of `groups` groups of
/// `per_group` shards start, and where the last group's end: found for
/// each page while its hits are at hand, since a thread that searched every
/// page's hits for its own group's waited on memory at nearly every step.
fn group_bounds(hits: &[Hit], per_group: usize, groups: usize) -> Vec<usize> {
    (0..=groups)
        .map(|g| hits.partition_point(|&h| postings::hit_shard(h) < g * per_group))
        .collect()
}

/// The keys whose rank for a page differs between its keys `old` and `new`
/// (both sorted by shard and key): each as a hit of `new` or `old`, with its
/// new rank, `None` for a key it lost.
fn changed_keys(old: &[Hit], new: &[Hit]) -> Vec<(Hit, Option<postings::Rank>)> {
    let mut changed = Vec::new();
    let (mut a, mut b) = (0, 0);
    while a < old.len() || b < new.len() {
        let (x, y) = (old.get(a).map(|&h| h >> 3), new.get(b).map(|&h| h >> 3));
        if y.is_none() || x.is_some_and(|x| Some(x) < y) {
            changed.push((old[a], None));
            a += 1;
        } else if x == y {
            if old[a] != new[b] {
                changed.push((new[b], Some(postings::hit_rank(new[b]))));
            }
            a += 1;
            b += 1;
        } else {
            changed.push((new[b], Some(postings::hit_rank(new[b]))));
            b += 1;
        }
    }
    changed
}

/// Appends `key` as a JSON string.
fn push_key(out: &mut String, key: Key) {
    let plain = |c: char| c >= ' ' && c != '"' && c != '\\';
    if postings::chars_of(key).all(plain) {
        out.push('"');
        out.extend(postings::chars_of(key));
        out.push('"');
    } else {
        out.push_str(&to_js(&postings::key_text(key)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn shards_filled_by_groups_of_threads_hold_each_page_under_each_of_its_keys(
            pages in proptest::collection::vec(
                proptest::collection::vec(("[一-丐 ]{0,30}", 0..5u8), 0..4),
                0..12,
            ),
            shard_count in 1..200usize,
            split in 0..12usize,
        ) {
            let keys: Vec<PageKeys> = pages
                .iter()
                .map(|texts| {
                    let mut keys = postings::KeySet::new();
                    for (text, rank) in texts {
                        keys.add(text, *rank);
                    }
                    PageKeys { hits: keys.hits(shard_count), shards: shard_count }
                })
                .collect();
            let mut expected: Vec<Shard> = (0..shard_count).map(|_| Shard::default()).collect();
            for (number, page) in keys.iter().enumerate() {
                for &h in &page.hits {
                    let list = expected[postings::hit_shard(h)].entry(postings::hit_key(h)).or_default();
                    list.push(postings::posting(number, postings::hit_rank(h)));
                }
            }
            let mut filling = Filling {
                shards: (0..shard_count).map(|_| Shard::default()).collect(),
                pages: 0,
            };
            let (first, rest) = keys.split_at(split.min(keys.len()));
            filling.add(first);
            filling.add(rest);
            proptest::prop_assert_eq!(filling.into_shards(), expected);
        }
    }
}
