//! Render stage: the search index — every published page's title, fields and
//! plain text, written as JavaScript that a plain `<script>` loads, so search
//! works from any static server and from disk (no `fetch`).
//!
//! `search/meta.js` (titles, fields, URLs, summaries; loaded with the search
//! page) sets `window.LAUREL_SEARCH`. The story text is split into shards,
//! `search/text-N.js`, which the page loads only when a query needs them.
//! Pages are grouped into shards by kind, category, region and year, so a
//! filtered query loads only the shards that hold pages passing its filters.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::markdown::Document;
use crate::output::{Body, OutputFile};
use crate::page::Page;
use crate::site::Site;
use crate::text::joins_without_space;

/// Folder of the search page, relative to the site root.
pub const PAGE_DIR: &str = "search/";
/// The index every search loads.
pub const META_FILE: &str = "search/meta.js";
/// The global `search/meta.js` sets.
pub const META_GLOBAL: &str = "LAUREL_SEARCH";
/// The global object text shards add themselves to, by shard number.
pub const TEXT_GLOBAL: &str = "LAUREL_SEARCH_TEXT";
/// About how many bytes of story text go into one shard.
const SHARD_BYTES: usize = 400 * 1024;

/// Whether laurel writes the search page: not when content already has a page at `search/`.
pub fn page_is_free(site: &Site) -> bool {
    !site.pages.iter().any(|p| p.path == PAGE_DIR) && !site.sections.iter().any(|s| s.path == PAGE_DIR)
}

/// The index files: `search/meta.js` and the text shards. `docs` and
/// `summaries` are those of `site.pages`, in the same order.
pub fn index_files(site: &Site, docs: &[Document], summaries: &[String]) -> Vec<OutputFile> {
    build_index(site, docs, summaries).files()
}

/// Output path of text shard `n`.
pub fn shard_path(n: usize) -> String {
    format!("search/text-{n}.js")
}

/// What `search/meta.js` holds. Repeated values are stored once in tables
/// and pages refer to them by index (-1 for none).
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
    pub honors: Vec<String>,
    pub units: Vec<String>,
    pub shards: usize,
    /// One row per page, in display order: see [`Row`].
    pub pages: Vec<Row>,
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

/// `[title, kind, folder, summary, [a value of each filter], [honours], unit, shard, slot]`.
#[derive(Debug, Serialize)]
pub struct Row(
    pub String,
    pub usize,
    pub String,
    pub String,
    pub Vec<i64>,
    pub Vec<usize>,
    pub i64,
    pub usize,
    pub usize,
);

/// The index before it is written: the meta table and the text of each shard.
#[derive(Debug)]
pub struct Index {
    pub meta: Meta,
    pub shards: Vec<Vec<String>>,
    /// Shard and slot of each page's text, by page index.
    place: Vec<(usize, usize)>,
    /// Bytes of text in all shards.
    text_bytes: usize,
}

impl Index {
    /// `search/meta.js` and every shard.
    pub fn files(&self) -> Vec<OutputFile> {
        let mut files = vec![OutputFile {
            path: META_FILE.to_string(),
            body: Body::Text(format!("window.{META_GLOBAL}={};\n", to_js(&self.meta))),
        }];
        files.par_extend((0..self.shards.len()).into_par_iter().map(|n| self.shard_file(n)));
        files
    }

    fn shard_file(&self, n: usize) -> OutputFile {
        OutputFile {
            path: shard_path(n),
            body: Body::Text(format!(
                "(window.{TEXT_GLOBAL}||(window.{TEXT_GLOBAL}={}))[{n}]={};\n",
                "{}",
                to_js(&self.shards[n])
            )),
        }
    }

    /// Replaces the story text of page `i` (its Markdown changed, nothing
    /// else did) and gives the one shard file that changes — or none when the
    /// new length moves the shard boundaries, and the index must be built anew.
    pub fn replace_text(&mut self, i: usize, doc: &Document) -> Option<OutputFile> {
        let (n, slot) = *self.place.get(i)?;
        let text = plain_text(&doc.text);
        let text_bytes = self.text_bytes - self.shards[n][slot].len() + text.len();
        let pages = self.place.len();
        if pages_per_shard(text_bytes, pages) != pages_per_shard(self.text_bytes, pages) {
            return None;
        }
        self.text_bytes = text_bytes;
        self.shards[n][slot] = text;
        Some(self.shard_file(n))
    }
}

/// How many pages go into one shard for about [`SHARD_BYTES`] each. Shards
/// hold a count of pages rather than a count of bytes, so editing one story
/// rewrites one shard, not every shard after it.
fn pages_per_shard(text_bytes: usize, pages: usize) -> usize {
    (SHARD_BYTES * pages / text_bytes.max(1)).clamp(1, pages.max(1))
}

/// Builds the index of `site.pages` (drafts are there only with `--drafts`).
pub fn build_index(site: &Site, docs: &[Document], summaries: &[String]) -> Index {
    let pages = &site.pages;
    let filters: Vec<Filter> = site
        .config
        .schema
        .filters()
        .into_iter()
        .map(|(name, label)| filter(site, name, label))
        .collect();
    let positions: Vec<HashMap<&str, i64>> = filters
        .iter()
        .map(|f| {
            f.values
                .iter()
                .enumerate()
                .map(|(i, v)| (v.as_str(), i as i64))
                .collect()
        })
        .collect();
    let field = |page: &Page, f: usize| -> i64 {
        first_value(page, &filters[f].name)
            .and_then(|v| positions[f].get(v.as_str()).copied())
            .unwrap_or(-1)
    };
    let mut honors = Table::default();
    let mut units = Table::default();

    // Shards hold pages grouped by kind and filters, so filtered queries load few.
    let mut by_group: Vec<usize> = (0..pages.len()).collect();
    by_group.sort_by_cached_key(|&i| {
        (
            pages[i].kind.index(),
            (0..filters.len()).map(|f| field(&pages[i], f)).collect::<Vec<_>>(),
        )
    });
    let mut texts: Vec<String> = docs.par_iter().map(|doc| plain_text(&doc.text)).collect();
    let text_bytes: usize = texts.iter().map(String::len).sum();
    let per_shard = pages_per_shard(text_bytes, pages.len());
    let mut shards: Vec<Vec<String>> = Vec::new();
    let mut place = vec![(0, 0); pages.len()];
    for (at, i) in by_group.into_iter().enumerate() {
        if at % per_shard == 0 {
            shards.push(Vec::new());
        }
        let n = shards.len() - 1;
        place[i] = (n, shards[n].len());
        shards[n].push(std::mem::take(&mut texts[i]));
    }

    let rows = site
        .order
        .iter()
        .map(|&i| {
            let page = &pages[i];
            Row(
                page.title.clone(),
                page.kind.index(),
                page.path.clone(),
                summaries[i].clone(),
                (0..filters.len()).map(|f| field(page, f)).collect(),
                page.honors.iter().map(|h| honors.index(h)).collect(),
                page.unit.as_deref().map_or(-1, |u| units.index(u) as i64),
                place[i].0,
                place[i].1,
            )
        })
        .collect();
    Index {
        meta: Meta {
            suffix: if site.config.pretty_links { "" } else { "index.html" },
            kinds: site.config.schema.kinds.iter().map(|k| k.name.clone()).collect(),
            kind_labels: site.config.schema.kinds.iter().map(|k| k.label.clone()).collect(),
            filters,
            honors: honors.values,
            units: units.values,
            shards: shards.len(),
            pages: rows,
        },
        shards,
        place,
        text_bytes,
    }
}

/// Distinct strings, each stored once.
#[derive(Default)]
struct Table {
    values: Vec<String>,
    positions: HashMap<String, usize>,
}

impl Table {
    fn index(&mut self, value: &str) -> usize {
        if let Some(&i) = self.positions.get(value) {
            return i;
        }
        self.values.push(value.to_string());
        self.positions.insert(value.to_string(), self.values.len() - 1);
        self.values.len() - 1
    }
}

/// A page's value for a filter.
fn first_value(page: &Page, name: &str) -> Option<String> {
    crate::taxonomy::values_of(page, name).into_iter().next()
}

/// A filter's values: in the order of the site's taxonomy of that name (years
/// newest first, categories as `laurel.toml` lists them), with links to its
/// term pages; values no taxonomy lists follow, sorted.
fn filter(site: &Site, name: &str, label: &str) -> Filter {
    let taxonomy = site.taxonomies.iter().find(|t| t.name == name);
    let mut values: Vec<String> = Vec::new();
    let mut paths: Vec<String> = Vec::new();
    for term in taxonomy.iter().flat_map(|t| &t.terms) {
        values.push(term.name.clone());
        paths.push(crate::links::page_url(&term.path, site.config.pretty_links));
    }
    let mut rest: BTreeSet<String> = site.pages.iter().filter_map(|p| first_value(p, name)).collect();
    for v in &values {
        rest.remove(v);
    }
    let mut rest: Vec<String> = rest.into_iter().collect();
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

/// A document's text for search: blocks joined by one space, runs of
/// whitespace collapsed, and no space left by a line break inside Chinese.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<bool> = None; // a run of whitespace; true when it held a newline
    for c in text.chars() {
        if c.is_whitespace() {
            pending = Some(pending.unwrap_or(false) || c == '\n');
            continue;
        }
        if let Some(newline) = pending.take() {
            let joined = !newline && out.chars().next_back().is_some_and(|b| joins_without_space(b, c));
            if !out.is_empty() && !joined {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// JSON that is also safe JavaScript source in any engine.
fn to_js<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_collapses_whitespace_and_joins_chinese_lines() {
        assert_eq!(plain_text("标题\n\n学雷 锋 活动\n"), "标题 学雷锋活动");
        assert_eq!(plain_text("  Lei  Feng\tday \n好人"), "Lei Feng day 好人");
        assert_eq!(plain_text("学雷 锋"), "学雷锋");
    }

    #[test]
    fn js_payload_escapes_line_separators() {
        assert_eq!(to_js(&vec!["a\u{2028}b"]), "[\"a\\u2028b\"]");
    }

    /// A site in a temporary folder: two persons (one a draft) and an event.
    fn site(drafts: bool) -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |path: &str, text: &str| {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            std::fs::write(full, text).expect("write");
        };
        write(
            "laurel.toml",
            "title = \"好人榜\"\nbase_url = \"https://example.org/\"\ntaxonomies = [\"category\", \"year\"]\n",
        );
        write(
            "content/people/_index.md",
            "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\n+++\n",
        );
        write(
            "content/people/zhang-miao-miao.md",
            "+++\ntitle = \"张苗苗\"\ncategory = \"助人为乐\"\nregion = \"河西区\"\nyear = 2023\nlevel = \"市级\"\n\
             unit = \"社区卫生服务中心\"\nhonors = [\"清河好人\"]\n+++\n## 事迹\n\n她**坚持**学雷\n锋，见[王五](https://example.org/)。<b>粗</b>\n",
        );
        write(
            "content/people/draft.md",
            "+++\ntitle = \"草稿人\"\ndraft = true\n+++\n秘密事迹。\n",
        );
        let mut options = crate::BuildOptions::new(dir.path());
        options.drafts = drafts;
        let site = Site::load(&options).expect("site loads");
        (dir, site)
    }

    fn meta_and_text(site: &Site) -> (serde_json::Value, String) {
        let theme = crate::theme::Theme::load(&site.root, "default").expect("theme");
        let output = crate::render::render_site(site, &theme).expect("render");
        let text = |path: &str| String::from_utf8(output.read(path).expect(path)).expect("utf-8");
        let meta = text(META_FILE);
        let json = meta
            .strip_prefix("window.LAUREL_SEARCH=")
            .and_then(|m| m.strip_suffix(";\n"))
            .expect("a global assignment");
        let meta: serde_json::Value = serde_json::from_str(json).expect("the payload is JSON");
        let shards = meta["shards"].as_u64().expect("shard count") as usize;
        (meta, (0..shards).map(|n| text(&shard_path(n))).collect())
    }

    #[test]
    fn index_holds_fields_and_plain_text_but_no_drafts() {
        let (_dir, site) = site(false);
        let (meta, shards) = meta_and_text(&site);
        let titles: Vec<&str> = meta["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[0].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["张苗苗"]);
        assert!(!shards.contains("秘密"), "draft text in the index: {shards}");
        let row = &meta["pages"][0];
        assert_eq!(row[1], 0, "kind person");
        assert_eq!(row[2], "people/zhang-miao-miao/");
        assert_eq!(meta["suffix"], "index.html");
        let value = |f: usize| meta["filters"][f]["values"][row[4][f].as_u64().unwrap() as usize].clone();
        assert_eq!(
            [value(0), value(1), value(2), value(3)],
            ["助人为乐", "河西区", "2023", "市级"]
        );
        assert_eq!(meta["filters"][0]["paths"][0], "category/zhu-ren-wei-le/index.html");
        assert_eq!(meta["filters"][1]["paths"][0], "", "no region taxonomy, no term page");
        assert_eq!(meta["honors"][row[5][0].as_u64().unwrap() as usize], "清河好人");
        assert_eq!(meta["units"][row[6].as_u64().unwrap() as usize], "社区卫生服务中心");
        assert!(shards.starts_with("(window.LAUREL_SEARCH_TEXT||(window.LAUREL_SEARCH_TEXT={}))[0]=["));
        assert!(shards.contains("事迹 她坚持学雷锋，见王五。"), "{shards}");
        for markup in ["**", "<b>", "](", "##"] {
            assert!(!shards.contains(markup), "{markup} in {shards}");
        }
    }

    #[test]
    fn index_holds_drafts_when_the_build_publishes_them() {
        let (_dir, site) = site(true);
        let (meta, shards) = meta_and_text(&site);
        assert_eq!(meta["pages"].as_array().unwrap().len(), 2);
        assert!(shards.contains("秘密事迹"));
    }

    #[test]
    fn table_stores_each_value_once() {
        let mut table = Table::default();
        assert_eq!(table.index("市级"), 0);
        assert_eq!(table.index("省级"), 1);
        assert_eq!(table.index("市级"), 0);
        assert_eq!(table.values, ["市级", "省级"]);
    }
}
