//! Render stage: the search index, written as JavaScript that a plain
//! `<script>` loads, so search works from any static server and from disk
//! (no `fetch`), and that a query loads only a little of.
//!
//! - `search/meta.js` (loaded with the search page) sets `window.LAUREL_SEARCH`:
//!   kinds, filters, and how many pages and shards there are.
//! - `search/index-N.js`: the keys whose hash falls in shard N (see
//!   [`postings`]), each with the pages it is in, and the display rows of the
//!   first few results of each key, so the first results of a query need
//!   this one file per term.
//! - `search/pages-N.js`: the display rows of pages N×[`PAGES_PER_ROW_SHARD`]
//!   onwards, for results beyond the first few.
//! - `search/filters.js`: the pages of each filter value, loaded when a
//!   filter is chosen.
//!
//! Pages are numbered in display order, which is also how ties rank.

mod plain;
mod postings;
mod shards;
mod update;

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::markdown::Document;
use crate::output::{Body, OutputFile};
use crate::page::Page;
use crate::site::Site;
use plain::plain_chars;
pub use plain::plain_text;
use postings::{Hit, Posting};
pub use shards::{Filling, KEYS_CHUNK};
use shards::{Shard, fill_shards};
pub use update::IndexEdit;

/// Folder of the search page, relative to the site root.
pub const PAGE_DIR: &str = "search/";
/// The index every search loads.
pub const META_FILE: &str = "search/meta.js";
/// The pages of each filter value.
pub const FILTERS_FILE: &str = "search/filters.js";
/// The global `search/meta.js` sets.
pub const META_GLOBAL: &str = "LAUREL_SEARCH";
/// The global object index shards add themselves to, by shard number.
pub const INDEX_GLOBAL: &str = "LAUREL_SEARCH_INDEX";
/// The global object row shards add themselves to, by shard number.
pub const ROWS_GLOBAL: &str = "LAUREL_SEARCH_PAGES";
/// The global `search/filters.js` sets.
pub const FILTERS_GLOBAL: &str = "LAUREL_SEARCH_FILTERS";
/// Pages per index shard: the shard count follows the page count alone, so
/// editing a story never moves a key to another shard.
const PAGES_PER_INDEX_SHARD: usize = 140;
/// Pages whose display rows share one `search/pages-N.js`.
pub const PAGES_PER_ROW_SHARD: usize = 1000;

/// Whether laurel writes the search page: not when content already has a page at `search/`.
pub fn page_is_free(site: &Site) -> bool {
    !site.pages.iter().any(|p| p.path == PAGE_DIR) && !site.sections.iter().any(|s| s.path == PAGE_DIR)
}

/// The index files. `docs` and `summaries` are those of `site.pages`, in the same order.
pub fn index_files(site: &Site, docs: &[Document], summaries: &[String]) -> Vec<OutputFile> {
    build_index(site, docs, summaries).files()
}

/// Output path of index shard `n`.
pub fn index_path(n: usize) -> String {
    format!("search/index-{n}.js")
}

/// Output path of row shard `n`.
pub fn rows_path(n: usize) -> String {
    format!("search/pages-{n}.js")
}

/// What `search/meta.js` holds.
#[derive(Debug, Serialize)]
pub struct Meta {
    /// Appended to a page's folder to make its URL (`index.html`, or empty with pretty links).
    pub suffix: &'static str,
    pub kinds: Vec<String>,
    /// The label of each kind, as `kinds` lists them (人物 for `person`).
    pub kind_labels: Vec<String>,
    /// The fields the schema makes filters (category, region, year, level
    /// by default): labels, values and their term pages.
    pub filters: Vec<Filter>,
    /// How many pages are indexed.
    pub pages: usize,
    /// How many `search/index-N.js` there are.
    pub index_shards: usize,
    /// Pages per `search/pages-N.js`.
    pub pages_per_shard: usize,
}

/// The values of one filter, with the term page of each (empty when the
/// site has no such taxonomy).
#[derive(Debug, Serialize)]
pub struct Filter {
    pub name: String,
    pub title: String,
    pub values: Vec<String>,
    pub paths: Vec<String>,
}

/// A result as shown: `[title, kind, folder, summary, [a value of each filter]]`.
#[derive(Debug, PartialEq, Serialize)]
pub struct Row(pub String, pub usize, pub String, pub String, pub Vec<i64>);

/// The path of every file of the index of a site of `pages` pages (drafts
/// counted only with `--drafts`), in the order of [`Index::files`].
pub fn index_paths(pages: usize) -> Vec<String> {
    let mut paths = vec![META_FILE.to_string(), FILTERS_FILE.to_string()];
    paths.extend((0..shard_count(pages)).map(index_path));
    paths.extend((0..pages.div_ceil(PAGES_PER_ROW_SHARD)).map(rows_path));
    paths
}

/// The index before it is written.
#[derive(Debug)]
pub struct Index {
    pub meta: Meta,
    /// Display rows, by page number (the page's place in display order).
    pub rows: Vec<Row>,
    /// Each display row as written.
    row_texts: Vec<String>,
    /// The index shards.
    shards: Vec<Shard>,
    /// The pages of each value of each filter.
    filter_pages: Vec<Vec<Vec<Posting>>>,
    /// Page number of each page of `site.pages`.
    numbers: Vec<usize>,
}

impl Index {
    /// Every index file.
    pub fn files(&self) -> Vec<OutputFile> {
        (0..self.file_count()).into_par_iter().map(|k| self.file(k)).collect()
    }

    /// The path of every index file, as [`Index::files`] gives them.
    pub fn paths(&self) -> Vec<String> {
        index_paths(self.rows.len())
    }

    /// Every index file, each handed to `write` as soon as it is made, in
    /// parallel, so that they are never all held at once. Stops at the
    /// first error.
    pub fn write_files<E: Send>(&self, write: impl Fn(OutputFile) -> Result<(), E> + Sync) -> Result<(), E> {
        (0..self.file_count())
            .into_par_iter()
            .try_for_each(|k| write(self.file(k)))
    }

    fn file_count(&self) -> usize {
        2 + self.shards.len() + self.rows.len().div_ceil(PAGES_PER_ROW_SHARD)
    }

    /// File `k` of [`Index::paths`].
    fn file(&self, k: usize) -> OutputFile {
        match k {
            0 => self.meta_file(),
            1 => self.filters_file(),
            k if k < 2 + self.shards.len() => self.index_file(k - 2),
            k => self.rows_file(k - 2 - self.shards.len()),
        }
    }

    fn filters_file(&self) -> OutputFile {
        let lists: Vec<Vec<String>> = self
            .filter_pages
            .iter()
            .map(|values| values.iter().map(|pages| postings::encode(pages)).collect())
            .collect();
        script(FILTERS_FILE, format!("window.{FILTERS_GLOBAL}={};\n", to_js(&lists)))
    }

    fn meta_file(&self) -> OutputFile {
        script(META_FILE, format!("window.{META_GLOBAL}={};\n", to_js(&self.meta)))
    }

    /// Row shard `n`: the display rows of its pages.
    fn rows_file(&self, n: usize) -> OutputFile {
        let rows = &self.row_texts[n * PAGES_PER_ROW_SHARD..((n + 1) * PAGES_PER_ROW_SHARD).min(self.rows.len())];
        script(
            &rows_path(n),
            format!("{}[{n}]=[{}];\n", added_to(ROWS_GLOBAL), rows.join(",")),
        )
    }
}

fn script(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        body: Body::Text(text.into()),
    }
}

/// `(window.G||(window.G={}))`: an object several scripts add to.
fn added_to(global: &str) -> String {
    format!("(window.{global}||(window.{global}={{}}))")
}

/// The keys of one page as indexed, kept to take the page out of the index
/// after its text or fields change.
pub struct PageKeys {
    /// Sorted by shard and key, each key once.
    hits: Vec<Hit>,
    /// The shard count the hits were made for.
    shards: usize,
}

impl PageKeys {
    /// The keys of page `i` of `site.pages` with the Markdown `doc`.
    pub fn of(site: &Site, summaries: &[String], i: usize, doc: &Document) -> PageKeys {
        PageKeys::new(site, i, &summaries[i], &doc.text)
    }

    /// The keys of page `i` of `site.pages` with `summary` and the story's
    /// `text` ([`Document::text`]).
    pub fn new(site: &Site, i: usize, summary: &str, text: &str) -> PageKeys {
        let shards = shard_count(site.order.len());
        PageKeys {
            hits: page_keys(site, &site.pages[i], summary, text, shards),
            shards,
        }
    }

    /// The hits for an index of `shards` shards.
    fn for_shards(&self, shards: usize) -> std::borrow::Cow<'_, [Hit]> {
        if shards == self.shards {
            return self.hits.as_slice().into();
        }
        let mut hits: Vec<Hit> = self
            .hits
            .iter()
            .map(|&h| postings::hit(postings::hit_key(h), postings::hit_rank(h), shards))
            .collect();
        hits.sort_unstable();
        hits.into()
    }
}

/// Every key of a page with the rank of where it was found, for an index
/// of `shards` shards.
fn page_keys(site: &Site, page: &Page, summary: &str, text: &str, shards: usize) -> Vec<Hit> {
    let mut keys = postings::KeySet::new();
    keys.add(&page.title, postings::IN_TITLE);
    for honor in &page.honors {
        keys.add(honor, postings::IN_FIELDS);
    }
    if let Some(unit) = &page.unit {
        keys.add(unit, postings::IN_FIELDS);
    }
    for (name, _) in site.config.schema.filters() {
        if let Some(value) = first_value(page, name) {
            keys.add(&value, postings::IN_FIELDS);
        }
    }
    keys.add(summary, postings::IN_SUMMARY);
    add_story(&mut keys, text);
    keys.hits(shards)
}

/// Adds the keys of a story's `text` ([`Document::text`]) as searched
/// ([`plain_text`]), made a character at a time rather than copied whole
/// (but for a story with a Σ, see [`postings::push_keys`]).
fn add_story(keys: &mut postings::KeySet, text: &str) {
    if text.contains('Σ') {
        keys.add(&plain_text(text), postings::IN_TEXT);
    } else {
        keys.add_chars(plain_chars(text), postings::IN_TEXT);
    }
}

/// How many index shards `pages` pages get: the count follows the page
/// count alone, so editing a story never moves a key to another shard.
fn shard_count(pages: usize) -> usize {
    pages.div_ceil(PAGES_PER_INDEX_SHARD).clamp(1, postings::MAX_SHARDS)
}

/// Builds the index of `site.pages` (drafts are there only with `--drafts`).
pub fn build_index(site: &Site, docs: &[Document], summaries: &[String]) -> Index {
    let mut index = frame(site, summaries, Values::of(site), Vec::new());
    index.row_texts = index.rows.par_iter().map(to_js).collect();
    fill_shards(&mut index, site, docs, summaries);
    index
}

/// The index of `site.pages` with the keys of every page in `filling`.
pub fn finish_index(site: &Site, summaries: &[String], filling: Filling) -> Index {
    let mut index = frame(site, summaries, Values::of(site), Vec::new());
    index.row_texts = index.rows.par_iter().map(to_js).collect();
    index.shards = filling.into_shards();
    index
}

/// The values the pages have of each filter: each filter's distinct
/// values found, and each page's (by its index in `site.pages`) as a
/// place in them, -1 for none.
struct Values {
    found: Vec<Vec<String>>,
    of_page: Vec<Vec<i64>>,
}

impl Values {
    /// Looks up every page's value of every filter.
    fn of(site: &Site) -> Values {
        let names = site.config.schema.filters();
        let mut values = Values {
            found: vec![Vec::new(); names.len()],
            of_page: vec![vec![-1; site.pages.len()]; names.len()],
        };
        for (f, (name, _)) in names.iter().enumerate() {
            let firsts: Vec<Option<String>> = site.pages.par_iter().map(|page| first_value(page, name)).collect();
            let mut places: HashMap<String, i64> = HashMap::new();
            for (i, value) in firsts.into_iter().enumerate() {
                if let Some(value) = value {
                    values.of_page[f][i] = values.place(f, &mut places, value);
                }
            }
        }
        values
    }

    /// The place of `value` among filter `f`'s values found (`places`), added when new.
    fn place(&mut self, f: usize, places: &mut HashMap<String, i64>, value: String) -> i64 {
        let found = &mut self.found[f];
        *places.entry(value).or_insert_with_key(|value| {
            found.push(value.clone());
            found.len() as i64 - 1
        })
    }
}

/// The index of `site.pages` but for its keys and written rows: meta,
/// rows, filters, and empty shards; `values` are the pages' filter values.
/// `kept[i]`, when there, is page `i`'s row as an earlier index holds it
/// (see [`Index::update`]): its title, kind, folder and summary are taken
/// rather than copied from the page again.
fn frame(site: &Site, summaries: &[String], values: Values, mut kept: Vec<Option<Row>>) -> Index {
    let names = site.config.schema.filters();
    let filters: Vec<Filter> = names
        .iter()
        .enumerate()
        .map(|(f, (name, label))| {
            let mut held = vec![false; values.found[f].len()];
            for &at in values.of_page[f].iter().filter(|&&at| at >= 0) {
                held[at as usize] = true;
            }
            let found = values.found[f].iter().zip(held).filter(|(_, held)| *held);
            filter(site, name, label, found.map(|(value, _)| value.as_str()))
        })
        .collect();
    let mut numbers = vec![usize::MAX; site.pages.len()];
    for (number, &i) in site.order.iter().enumerate() {
        numbers[i] = number;
    }
    // Each filter's slot of each value found.
    let slots_of: Vec<Vec<i64>> = filters
        .iter()
        .zip(&values.found)
        .map(|(filter, found)| {
            let places: HashMap<&str, usize> = filter
                .values
                .iter()
                .enumerate()
                .map(|(at, v)| (v.as_str(), at))
                .collect();
            found
                .iter()
                .map(|v| places.get(v.as_str()).map_or(-1, |&at| at as i64))
                .collect()
        })
        .collect();
    let slots: Vec<Vec<i64>> = site
        .order
        .par_iter()
        .map(|&i| {
            let slot =
                |(f, slots): (usize, &Vec<i64>)| usize::try_from(values.of_page[f][i]).map_or(-1, |at| slots[at]);
            slots_of.iter().enumerate().map(slot).collect()
        })
        .collect();
    let mut filter_pages: Vec<Vec<Vec<Posting>>> = filters.iter().map(|f| vec![Vec::new(); f.values.len()]).collect();
    for (number, slots) in slots.iter().enumerate() {
        for (f, &slot) in slots.iter().enumerate() {
            if let Ok(slot) = usize::try_from(slot) {
                filter_pages[f][slot].push(postings::posting(number, 0));
            }
        }
    }
    let kept: Vec<Option<Row>> = site
        .order
        .iter()
        .map(|&i| kept.get_mut(i).and_then(Option::take))
        .collect();
    let rows = site
        .order
        .par_iter()
        .zip(kept)
        .zip(slots)
        .map(|((&i, kept), slots)| match kept {
            Some(Row(title, kind, path, summary, _)) => Row(title, kind, path, summary, slots),
            None => {
                let page = &site.pages[i];
                Row(
                    page.title.clone(),
                    page.kind.index(),
                    page.path.clone(),
                    summaries[i].clone(),
                    slots,
                )
            }
        })
        .collect();

    let count = site.order.len();
    let shard_count = shard_count(count);
    Index {
        meta: Meta {
            suffix: if site.config.pretty_links { "" } else { "index.html" },
            kinds: site.config.schema.kinds.iter().map(|k| k.name.clone()).collect(),
            kind_labels: site.config.schema.kinds.iter().map(|k| k.label.clone()).collect(),
            filters,
            pages: count,
            index_shards: shard_count,
            pages_per_shard: PAGES_PER_ROW_SHARD,
        },
        rows,
        row_texts: Vec::new(),
        shards: (0..shard_count).map(|_| Shard::default()).collect(),
        filter_pages,
        numbers,
    }
}

/// A page's value for a filter.
fn first_value(page: &Page, name: &str) -> Option<String> {
    crate::taxonomy::values_of(page, name).into_iter().next()
}

/// A filter's values: in the order of the site's taxonomy of that name (years
/// newest first, categories as `laurel.toml` lists them), with links to its
/// term pages; the pages' other values (`found`) follow, sorted.
fn filter<'a>(site: &Site, name: &str, label: &str, found: impl Iterator<Item = &'a str>) -> Filter {
    let taxonomy = site.taxonomies.iter().find(|t| t.name == name);
    let mut values: Vec<String> = Vec::new();
    let mut paths: Vec<String> = Vec::new();
    for term in taxonomy.iter().flat_map(|t| &t.terms) {
        values.push(term.name.clone());
        paths.push(crate::links::page_url(&term.path, site.config.pretty_links));
    }
    let terms: std::collections::HashSet<&str> = values.iter().map(String::as_str).collect();
    // Most pages' values are terms: each other value is copied once.
    let rest: BTreeSet<&str> = found.filter(|v| !terms.contains(v)).collect();
    let mut rest: Vec<String> = rest.into_iter().map(String::from).collect();
    if name == "year" {
        rest.sort_by(|a, b| b.parse::<i64>().ok().cmp(&a.parse().ok()).then_with(|| a.cmp(b)));
    }
    paths.extend(rest.iter().map(|_| String::new()));
    values.extend(rest);
    Filter {
        name: name.to_string(),
        title: label.to_string(),
        values,
        paths,
    }
}

/// JSON that is also safe JavaScript source in any engine.
fn to_js<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests;
