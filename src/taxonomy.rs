//! Resolve stage: taxonomies (category, region, year, level, honours, tags …)
//! and their terms, each with the pages that carry it.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::kind::Schema;
use crate::page::Page;

/// One taxonomy of `laurel.toml`, with its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    /// Display name (类别 for `category`).
    pub title: String,
    /// Output folder, ending in `/`.
    pub path: String,
    pub terms: Vec<Term>,
}

/// One value of a taxonomy and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    /// Output folder, ending in `/`.
    pub path: String,
    /// Indices into the site's pages, in display order.
    pub pages: Vec<usize>,
}

/// Display name of a taxonomy: its usual name for the built-in ones (类别
/// for `category`), else the label a kind gives the field of that name.
pub fn title_of(name: &str, schema: &Schema) -> String {
    let known = match name {
        "category" => "类别",
        "region" => "地区",
        "year" => "年度",
        "level" => "级别",
        "honors" => "荣誉",
        "tags" => "标签",
        "unit" => "单位",
        "tier" => "奖项",
        "issuer" => "发布单位",
        other => {
            let field = schema.kinds.iter().find_map(|k| k.field(other));
            return field.map_or(other, |f| f.label.as_str()).to_string();
        }
    };
    known.to_string()
}

/// The values a page has for a field or taxonomy: a field the site declared,
/// a typed field of the page, or else a string or list under `extra`.
pub fn values_of(page: &Page, name: &str) -> Vec<String> {
    if let Some(value) = page.fields.get(name) {
        return texts_of(value);
    }
    let one = |v: &Option<String>| v.iter().filter(|s| !s.trim().is_empty()).cloned().collect();
    match name {
        "category" => one(&page.category),
        "region" => one(&page.region),
        "level" => one(&page.level),
        "unit" => one(&page.unit),
        "tier" => one(&page.tier),
        "issuer" => one(&page.issuer),
        "year" => page.year.map(|y| y.to_string()).into_iter().collect(),
        "honors" => page.honors.clone(),
        "tags" => page.tags.clone(),
        "organizers" => page.organizers.clone(),
        other => page.extra.get(other).map(texts_of).unwrap_or_default(),
    }
}

/// A front-matter value as text: a string, each string of a list, or the
/// value as TOML writes it (`2024`, `true`, `2024-03-05`).
fn texts_of(value: &toml::Value) -> Vec<String> {
    match value {
        toml::Value::String(s) if s.trim().is_empty() => Vec::new(),
        toml::Value::String(s) => vec![s.clone()],
        toml::Value::Array(list) => list.iter().filter_map(|v| v.as_str().map(String::from)).collect(),
        v => vec![v.to_string()],
    }
}

/// Gathers every taxonomy of the site, each on a core of its own; `pages`
/// are all pages, in display order by `order` (indices into `pages`).
pub fn build_taxonomies(config: &Config, pages: &[Page], order: &[usize]) -> Vec<Taxonomy> {
    config
        .taxonomies
        .par_iter()
        .map(|name| {
            let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for &i in order {
                for value in values_of(&pages[i], name) {
                    let list = by_name.entry(value).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
            let path = format!("{}/", crate::slug::slugify(name));
            let mut terms = name_terms(&path, by_name);
            sort_terms(name, config, &mut terms);
            Taxonomy {
                name: name.clone(),
                title: title_of(name, &config.schema),
                path,
                terms,
            }
        })
        .collect()
}

/// Puts the pages `changed` (read again or added; indices as now) in the
/// terms their values name now, as [`build_taxonomies`] would with the
/// pages in display order `order`. The other pages keep their places, as
/// display order goes by each page alone; terms are named again only when
/// a term came or went.
pub fn update_taxonomies(
    taxonomies: &mut [Taxonomy],
    config: &Config,
    pages: &[Page],
    order: &[usize],
    changed: &[usize],
) {
    let mut rank = vec![0; pages.len()];
    for (k, &i) in order.iter().enumerate() {
        rank[i] = k;
    }
    let mut is_changed = vec![false; pages.len()];
    changed.iter().for_each(|&i| is_changed[i] = true);
    for taxonomy in taxonomies {
        let terms = &mut taxonomy.terms;
        let mut touched: Vec<bool> = terms
            .iter_mut()
            .map(|term| {
                let held = term.pages.len();
                term.pages.retain(|&p| !is_changed[p]);
                term.pages.len() != held
            })
            .collect();
        let mut renamed = false;
        for &i in changed {
            for value in values_of(&pages[i], &taxonomy.name) {
                let k = terms.iter().position(|t| t.name == value).unwrap_or_else(|| {
                    renamed = true;
                    touched.push(false);
                    terms.push(Term {
                        name: value,
                        path: String::new(),
                        pages: Vec::new(),
                    });
                    terms.len() - 1
                });
                terms[k].pages.push(i);
                touched[k] = true;
            }
        }
        for (term, _) in terms.iter_mut().zip(&touched).filter(|(_, touched)| **touched) {
            term.pages.sort_unstable_by_key(|&p| rank[p]);
            term.pages.dedup();
        }
        let held = terms.len();
        terms.retain(|t| !t.pages.is_empty());
        if renamed || terms.len() != held {
            let by_name: BTreeMap<String, Vec<usize>> = terms.drain(..).map(|t| (t.name, t.pages)).collect();
            *terms = name_terms(&taxonomy.path, by_name);
            sort_terms(&taxonomy.name, config, terms);
        }
    }
}

/// Gives each term a pinyin folder; two terms with the same pinyin get `-2`, `-3` ….
fn name_terms(taxonomy_path: &str, by_name: BTreeMap<String, Vec<usize>>) -> Vec<Term> {
    let mut used: HashMap<String, usize> = HashMap::new();
    by_name
        .into_iter()
        .map(|(name, pages)| {
            let mut slug = crate::slug::slugify(&name);
            if slug.is_empty() {
                slug = "term".to_string();
            }
            let seen = used.entry(slug.clone()).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                slug = format!("{slug}-{seen}");
            }
            Term {
                path: format!("{taxonomy_path}{slug}/"),
                name,
                pages,
            }
        })
        .collect()
}

/// Years newest first, categories in the order `laurel.toml` lists them,
/// everything else by pinyin.
fn sort_terms(name: &str, config: &Config, terms: &mut [Term]) {
    match name {
        "year" => terms.sort_by(|a, b| {
            b.name
                .parse::<i64>()
                .ok()
                .cmp(&a.name.parse().ok())
                .then_with(|| a.name.cmp(&b.name))
        }),
        "category" if !config.categories.is_empty() => {
            let rank = |t: &Term| {
                config
                    .categories
                    .iter()
                    .position(|c| *c == t.name)
                    .unwrap_or(usize::MAX)
            };
            terms.sort_by_key(rank);
        }
        "level" => {
            const ORDER: [&str; 6] = ["全国", "国家级", "省级", "市级", "区级", "县级"];
            let rank = |t: &Term| ORDER.iter().position(|c| *c == t.name).unwrap_or(ORDER.len());
            terms.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.path.cmp(&b.path)));
        }
        _ => terms.sort_by(|a, b| a.path.cmp(&b.path)),
    }
}
