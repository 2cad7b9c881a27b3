//! Resolve stage: the whole site, immutable once built — config, sections,
//! pages, taxonomies, static files, and the relations between pages.

mod change;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::award::{AwardTable, PERSON_SLUG_COLUMN, load_award_table};
use crate::config::Config;
use crate::content::{Asset, check_link, load_content};
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::{Message, msg};
use crate::page::{Kind, Page};
use crate::section::Section;
use crate::taxonomy::{Taxonomy, build_taxonomies};
use crate::wording::Wording;
pub use change::PageChange;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Replaces `base_url` from `laurel.toml` (for previews and staging).
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The day the build counts as "today" (公示 windows); none means today.
    pub date: Option<jiff::civil::Date>,
    /// Leaves each page's story in its file, read again where it is needed,
    /// rather than holding every story (a one-off build or check: `serve`
    /// holds them, to compare each edit with).
    pub stories_in_files: bool,
    /// The process ends right after this build (`laurel build` on the
    /// command line): the site and the render's big structures are left for
    /// the system to take back at exit, rather than dropped one allocation
    /// at a time on one thread (half a second at 100,000 pages). Never set
    /// where anything runs on after the build, as `serve` and `--watch` do.
    pub one_shot: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            base_url: None,
            drafts: false,
            date: None,
            stories_in_files: false,
            one_shot: false,
        }
    }

    /// The day a build made now counts as "today".
    pub fn today(&self) -> jiff::civil::Date {
        self.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }
}

/// A loaded, checked site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub today: jiff::civil::Date,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Indices of all pages in display order.
    pub order: Vec<usize>,
    pub taxonomies: Vec<Taxonomy>,
    /// Files of `content/` copied as they are, by path relative to `content/`.
    pub content_assets: Vec<(String, Asset)>,
    /// Files of `static/`, copied to the output root.
    pub static_files: Vec<Asset>,
    /// Pages of `content/` that did not load, relative to `content/`: links
    /// to them are not broken, though they lead nowhere yet.
    pub unloaded: Vec<String>,
    /// Persons, and pages of a site's own kinds (a 文明单位), by title: what
    /// award lists and events name (two may share a name).
    pub persons_by_title: HashMap<String, Vec<usize>>,
    /// For each page: the events that name it (persons only).
    pub events_of: Vec<Vec<usize>>,
    /// For each page: the persons an event names, in order; none for a name
    /// that is no person's title.
    pub people_of: Vec<Vec<(String, Option<usize>)>>,
    /// For each page: its award table (award pages with data or entries only).
    pub tables: Vec<Option<AwardTable>>,
    /// For each award table: the person each row names, if any.
    pub row_people: Vec<Vec<Option<usize>>>,
    /// For each page: the award lists that name it (persons only).
    pub awards_of: Vec<Vec<usize>>,
    /// Wrong → right wording pairs: built-in and `data/wording.toml`.
    pub wording: Wording,
    /// Warnings about award lists' data files, kept apart from `warnings`
    /// so the links between pages can be worked out again on their own.
    pub data_warnings: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

pub const STATIC_DIR: &str = "static";

impl Site {
    /// Loads and checks everything a build reads; every bad file is reported.
    pub fn load(options: &BuildOptions) -> Result<Site> {
        match Site::load_partial(options)? {
            (site, problems) if problems.is_empty() => Ok(site),
            (_, problems) => Err(Error::Invalid(problems)),
        }
    }

    /// Loads and checks everything a build reads, going on past bad files:
    /// the site holds what loaded, and the list says what is wrong with the
    /// rest. Fails only when `laurel.toml`, `content/` or `static/` cannot be read.
    pub fn load_partial(options: &BuildOptions) -> Result<(Site, Vec<Diagnostic>)> {
        let root = options.root.clone();
        let mut config = Config::load(&root)?;
        if let Some(url) = &options.base_url {
            if let Some(problem) = crate::config::base_url_problem(url) {
                return Err(Diagnostic::error("--base-url", problem)
                    .hint(msg::config_base_url_hint())
                    .into());
            }
            config.base_url = if url.ends_with('/') {
                url.clone()
            } else {
                format!("{url}/")
            };
        }
        let (content, mut problems) =
            load_content(&root, &config, options.drafts, options.stories_in_files).map_err(Error::Invalid)?;
        let (static_files, links) = walk_static(&root.join(STATIC_DIR))?;
        problems.extend(links);
        let wording = Wording::load(&root).unwrap_or_else(|list| {
            problems.extend(list);
            Wording::default()
        });
        let mut site = Site {
            today: options.today(),
            root,
            config,
            events_of: Vec::new(),
            people_of: Vec::new(),
            tables: Vec::new(),
            row_people: Vec::new(),
            awards_of: Vec::new(),
            sections: content.sections,
            pages: content.pages,
            order: Vec::new(),
            taxonomies: Vec::new(),
            content_assets: content.assets.into_iter().collect(),
            static_files,
            unloaded: content.unloaded,
            persons_by_title: HashMap::new(),
            wording,
            data_warnings: Vec::new(),
            warnings: Vec::new(),
        };
        problems.extend(site.load_tables());
        site.relate();
        problems.extend(site.check_photos());
        let reported: HashSet<&str> = problems
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.file.as_str())
            .collect();
        let unreported = site.check_published_files(&reported);
        problems.extend(unreported);
        Ok((site, problems))
    }

    /// Puts page `i` in [`Site::persons_by_title`] when it is a person or
    /// of a site's own kind, in the order of the pages.
    fn list_person(&mut self, i: usize) {
        let page = &self.pages[i];
        if matches!(page.kind, Kind::Person | Kind::Custom(_)) {
            let pages = self.persons_by_title.entry(page.title.clone()).or_default();
            let at = pages.partition_point(|&p| p < i);
            pages.insert(at, i);
        }
    }

    /// Works out the order of the pages, the taxonomies and the links
    /// between pages, with their warnings.
    fn relate(&mut self) {
        self.sort_order();
        self.taxonomies = build_taxonomies(&self.config, &self.pages, &self.order);
        self.persons_by_title.clear();
        (0..self.pages.len()).for_each(|i| self.list_person(i));
        self.link_pages();
    }

    /// Sorts all pages into display order.
    fn sort_order(&mut self) {
        let mut order: Vec<usize> = (0..self.pages.len()).collect();
        crate::content::sort_in_display_order(&self.pages, &mut order);
        self.order = order;
    }

    /// Works out the links between pages (events, award lists) by the
    /// persons' titles, with their warnings.
    fn link_pages(&mut self) {
        let n = self.pages.len();
        self.events_of = vec![Vec::new(); n];
        self.people_of = vec![Vec::new(); n];
        self.row_people = vec![Vec::new(); n];
        self.awards_of = vec![Vec::new(); n];
        self.warnings.clear();
        self.link_events();
        self.warnings.extend(self.data_warnings.iter().cloned());
        self.link_awards();
        self.warn_photos_without_alt();
    }

    /// Links each event to the persons it names, both ways.
    fn link_events(&mut self) {
        for &i in &self.order {
            let page = &self.pages[i];
            if page.people.is_empty() {
                continue;
            }
            let mut named = Vec::with_capacity(page.people.len());
            for name in &page.people {
                let person = match self.persons_by_title.get(name).map(Vec::as_slice) {
                    Some([one]) => Some(*one),
                    Some(many) => {
                        let files: Vec<&str> = many.iter().map(|&p| self.pages[p].file.as_str()).collect();
                        self.warnings.push(
                            Diagnostic::warning(&page.file, msg::site_name_ambiguous(name, crate::i18n::list(files)))
                                .at_line(page.people_line)
                                .hint(msg::site_name_ambiguous_hint()),
                        );
                        None
                    }
                    None => {
                        self.warnings.push(
                            Diagnostic::warning(&page.file, msg::site_name_unknown(name))
                                .at_line(page.people_line)
                                .hint(msg::site_name_unknown_hint()),
                        );
                        None
                    }
                };
                named.push((name.clone(), person));
            }
            for person in named.iter().filter_map(|(_, p)| *p) {
                if !self.events_of[person].contains(&i) {
                    self.events_of[person].push(i);
                }
            }
            self.people_of[i] = named;
        }
    }

    /// Reads every award list's table, in parallel.
    fn load_tables(&mut self) -> Vec<Diagnostic> {
        let results: Vec<_> = self
            .pages
            .par_iter()
            .map(|p| {
                let mut warnings = Vec::new();
                let table = if p.kind == Kind::Award {
                    load_award_table(&self.root, p, &mut warnings)
                } else {
                    Ok(None)
                };
                (table, warnings)
            })
            .collect();
        let mut problems = Vec::new();
        let mut tables = Vec::with_capacity(results.len());
        for (table, warnings) in results {
            self.data_warnings.extend(warnings);
            tables.push(table.unwrap_or_else(|mut list| {
                problems.append(&mut list);
                None
            }));
        }
        self.tables = tables;
        self.withhold_masked_data_files();
        problems
    }

    /// A data file in `content/` is copied to the output like any other file,
    /// unless personal numbers in it were masked: then only the masked table is published.
    fn withhold_masked_data_files(&mut self) {
        let withheld: HashSet<&str> = self
            .tables
            .iter()
            .flatten()
            .filter_map(|t| t.withheld.as_deref())
            .collect();
        if withheld.is_empty() {
            return;
        }
        self.content_assets
            .retain(|(_, asset)| !withheld.contains(asset.shown().as_str()));
    }

    /// The files copied as they are, from `static/` and beside the pages,
    /// checked for personal numbers (see [`crate::personal::check_published`]);
    /// but not those with an error `reported` already (an award list's data
    /// file whose cells hold numbers).
    fn check_published_files(&self, reported: &HashSet<&str>) -> Vec<Diagnostic> {
        let content = self.content_assets.iter().map(|(_, asset)| asset);
        let files: Vec<&Asset> = (self.static_files.iter().chain(content))
            .filter(|asset| !reported.contains(asset.shown().as_str()))
            .collect();
        crate::personal::check_published(&self.root, &files)
    }

    /// Finds the persons each award list names: a cell equal to a person's
    /// title, or the `person_slug` column when two persons share a name.
    fn link_awards(&mut self) {
        let slugs = self
            .tables
            .iter()
            .flatten()
            .any(|t| t.columns.iter().any(|c| c == PERSON_SLUG_COLUMN));
        let by_slug: HashMap<&str, usize> = self
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| slugs && p.kind == Kind::Person)
            .map(|(i, p)| (p.path.trim_end_matches('/').rsplit('/').next().unwrap_or(""), i))
            .collect();
        let mut warnings = Vec::new();
        for (award, table) in self.tables.iter().enumerate() {
            let Some(table) = table else { continue };
            let slug_col = table.columns.iter().position(|c| c == PERSON_SLUG_COLUMN);
            let mut row_people = Vec::with_capacity(table.rows.len());
            for row in &table.rows {
                let written = slug_col.and_then(|c| row.get(c)).filter(|s| !s.is_empty());
                let by_column = written.and_then(|s| by_slug.get(s.as_str()).copied());
                if let (Some(slug), None) = (written, by_column) {
                    warnings.push(
                        Diagnostic::warning(&self.pages[award].file, msg::site_unknown_person_slug(slug))
                            .hint(msg::site_unknown_person_slug_hint()),
                    );
                }
                let person = by_column.or_else(|| {
                    row.iter()
                        .find_map(|cell| match self.persons_by_title.get(cell).map(Vec::as_slice) {
                            Some([one]) => Some(*one),
                            Some(many) => {
                                let files = many.iter().map(|&p| Message::plain(self.pages[p].file.as_str()));
                                let files = files.reduce(msg::list_or).unwrap_or_else(|| Message::plain(""));
                                warnings.push(
                                    Diagnostic::warning(&self.pages[award].file, msg::site_cell_ambiguous(cell, files))
                                        .hint(msg::site_cell_ambiguous_hint()),
                                );
                                None
                            }
                            None => None,
                        })
                });
                if let Some(p) = person
                    && !self.awards_of[p].contains(&award)
                {
                    self.awards_of[p].push(award);
                }
                row_people.push(person);
            }
            self.row_people[award] = row_people;
        }
        self.warnings.extend(warnings);
    }

    /// A photo that names a missing file is an error at the page's `photo` line.
    fn check_photos(&self) -> Vec<Diagnostic> {
        let statics: HashSet<&str> = self.static_files.iter().map(|a| a.output.as_str()).collect();
        let assets: HashSet<&str> = self.content_assets.iter().map(|(_, a)| a.output.as_str()).collect();
        let published = |path: &str| statics.contains(path) || assets.contains(path);
        self.pages
            .iter()
            .filter_map(|page| missing_photo(page, published))
            .collect()
    }

    /// The error for `page` when its photo names a file the site does not publish.
    pub fn check_photo(&self, page: &Page) -> Option<Diagnostic> {
        missing_photo(page, |path| {
            let here = |a: &Asset| a.output == path;
            self.static_files.iter().any(here) || self.content_assets.iter().any(|(_, a)| here(a))
        })
    }
}

impl Site {
    /// A photo without `photo_alt` is a warning; the page's title stands in for it.
    fn warn_photos_without_alt(&mut self) {
        for page in self.pages.iter().filter(|p| p.photo.is_some() && p.photo_alt.is_none()) {
            self.warnings.push(
                Diagnostic::warning(&page.file, msg::site_photo_no_alt(&page.title))
                    .at_line(page.photo_line)
                    .hint(msg::site_photo_no_alt_hint()),
            );
        }
    }
}

/// The error for `page` when its photo is not among the `published` output paths.
fn missing_photo(page: &Page, published: impl Fn(&str) -> bool) -> Option<Diagnostic> {
    let path = photo_path(page)?;
    if published(&path) {
        return None;
    }
    let written = page.photo.as_deref().unwrap_or_default();
    Some(
        Diagnostic::error(&page.file, msg::site_missing_photo(written))
            .at_line(page.photo_line)
            .hint(msg::site_missing_photo_hint()),
    )
}

/// Output path of a page's photo: beside the page, or from `static/`.
pub fn photo_path(page: &Page) -> Option<String> {
    let photo = page.photo.as_deref()?;
    if photo.contains("://") {
        return None;
    }
    Some(match photo.strip_prefix('/') {
        Some(site_path) => site_path.to_string(),
        None => format!("{}{}", page.path, photo.trim_start_matches("./")),
    })
}

/// The file an alias writes: `/old/url/` and `old/url` mean `old/url/index.html`;
/// `/old/url.html` means that file itself.
pub fn alias_output(alias: &str) -> Result<String, crate::i18n::Message> {
    let trimmed = alias.trim().trim_matches('/');
    if trimmed.split('/').any(|part| part == ".." || part == ".") {
        return Err(msg::alias_climbs_out());
    }
    if trimmed.contains("://") || trimmed.contains(['?', '#', '\\']) {
        return Err(msg::alias_not_a_path());
    }
    if trimmed.is_empty() || trimmed == "index.html" {
        return Err(msg::alias_home_page());
    }
    if trimmed.ends_with(".html") || trimmed.ends_with(".htm") {
        Ok(trimmed.to_string())
    } else {
        Ok(format!("{trimmed}/index.html"))
    }
}

/// Files of `static/`, with the links in it that stand for no file.
fn walk_static(dir: &Path) -> Result<(Vec<Asset>, Vec<Diagnostic>)> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        return Ok((files, problems));
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|err| {
            Diagnostic::error(STATIC_DIR, msg::site_unreadable_static(crate::error::walk_reason(&err)))
        })?;
        let file_or_link = entry.file_type().is_file() || entry.path_is_symlink();
        if !file_or_link || crate::content::is_ignored(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let output = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if entry.path_is_symlink()
            && let Err(problem) = check_link(entry.path(), &format!("{STATIC_DIR}/{output}"))
        {
            problems.push(problem);
            continue;
        }
        files.push(Asset {
            source: Path::new(STATIC_DIR).join(rel),
            output,
        });
    }
    Ok((files, problems))
}
