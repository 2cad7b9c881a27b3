//! Load stage: walk `content/`, read every Markdown file in parallel, and
//! resolve it into sections, pages and the files that travel with them.

mod walk;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, line_of};
use crate::front_matter::{self, RawSectionMatter};
use crate::i18n::msg;
use crate::kind::Schema;
use crate::page::{Kind, Page, PageContext, resolve_page};
use crate::personal;
use crate::section::{Section, resolve_section};
use walk::{Tree, file_name, parent_dir, walk};

pub use walk::{check_link, is_ignored};

pub const CONTENT_DIR: &str = "content";

/// A file copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub source: PathBuf,
    /// Output path relative to the site root.
    pub output: String,
}

impl Asset {
    /// The source's site-relative path with `/` separators, as messages
    /// name files.
    pub fn shown(&self) -> String {
        self.source.to_string_lossy().replace('\\', "/")
    }
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Home first, then by folder; parents before children.
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Files in `content/` other than Markdown, keyed by their path relative to `content/`.
    pub assets: BTreeMap<String, Asset>,
    /// Pages that did not load, by their path relative to `content/`.
    pub unloaded: Vec<String>,
}

/// Reads and resolves all of `content/`. Every bad file is reported in the
/// second part; the content holds the good ones, so later checks can run on
/// them in the same pass. The first part fails only when `content/` cannot be read.
/// With `stories_in_files`, each page's story is left in its file (see
/// [`crate::story::Story::InFile`]).
pub fn load_content(
    root: &Path,
    config: &Config,
    drafts: bool,
    stories_in_files: bool,
) -> Result<(Content, Vec<Diagnostic>), Vec<Diagnostic>> {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(CONTENT_DIR, msg::content_no_folder()).hint(msg::content_no_folder_hint()),
        ]);
    }
    let mut tree = walk(&content_dir)?;
    let mut problems = std::mem::take(&mut tree.problems);

    // Sections first: a page takes its kind and folder from its section.
    // Then each page is read and resolved at once, its text dropped as soon
    // as it is resolved, so the texts of a big site are never all in memory
    // together. Files that could not be read are reported in walk order.
    let (index_files, page_files): (Vec<_>, Vec<_>) = tree
        .markdown
        .iter()
        .enumerate()
        .partition(|(_, rel)| file_name(rel) == "_index.md");
    let mut unreadable: Vec<(usize, Diagnostic)> = Vec::new();
    let mut section_problems = Vec::new();
    let sections = load_sections(
        &content_dir,
        &tree,
        &index_files,
        &config.schema,
        &mut unreadable,
        &mut section_problems,
    );
    let section_of: HashMap<&str, usize> = sections.iter().enumerate().map(|(i, s)| (s.dir.as_str(), i)).collect();

    let load_page = |rel: &String| -> Result<Option<Result<Page, Vec<Diagnostic>>>, Diagnostic> {
        let text = read_markdown(&content_dir, rel)?;
        let (dir, stem) = page_place(rel, &tree.bundles);
        let Some(&section) = section_of.get(dir) else {
            return Ok(None);
        };
        let section = &sections[section];
        let cx = PageContext {
            config,
            section_kind: section.page_kind,
            section_path: &section.path,
            stem,
        };
        let page = parse_page(rel, &text, &cx);
        Ok(Some(page.map(|page| match stories_in_files {
            true => page.leaving_story(),
            false => page,
        })))
    };
    let loaded: Vec<(usize, &String, _)> = page_files
        .par_iter()
        .with_max_len(crate::TASK_LEN)
        .map(|&(at, rel)| (at, rel, load_page(rel)))
        .collect();
    let mut pages = Vec::with_capacity(loaded.len());
    let mut unloaded = Vec::new();
    let mut page_problems = Vec::new();
    for (at, rel, page) in loaded {
        match page {
            Err(d) => unreadable.push((at, d)),
            Ok(None) => {}
            Ok(Some(Ok(page))) if page.draft && !drafts => {}
            Ok(Some(Ok(page))) => pages.push(page),
            Ok(Some(Err(mut list))) => {
                page_problems.append(&mut list);
                unloaded.push(rel.clone());
            }
        }
    }
    unreadable.sort_by_key(|(at, _)| *at);
    problems.extend(unreadable.into_iter().map(|(_, d)| d));
    problems.append(&mut section_problems);
    problems.append(&mut page_problems);

    let assets = place_assets(&tree, &mut pages, &sections);
    let mut content = Content {
        sections,
        pages,
        assets,
        unloaded,
    };
    attach_pages(&mut content, &tree.bundles);
    Ok((content, problems))
}

/// Reads and resolves one page again, as [`load_content`] did, among the
/// `sections` it found: for an edit that may have touched only the page's
/// Markdown. `rel` is relative to `content/`. `None` when the file is not a
/// page of those sections.
pub fn reload_page(
    root: &Path,
    config: &Config,
    sections: &[Section],
    rel: &str,
) -> Option<Result<Page, Vec<Diagnostic>>> {
    let text = || read_markdown(&root.join(CONTENT_DIR), rel).map_err(|d| vec![d]);
    resolve_text(config, sections, rel, text)
}

/// Resolves `text` as the page file `rel` (relative to `content/`) among
/// `sections`, as [`reload_page`] resolves the file: for the editor's
/// preview of a page not yet saved. `None` when `rel` is not a page of those
/// sections.
pub fn draft_page(
    config: &Config,
    sections: &[Section],
    rel: &str,
    text: &str,
) -> Option<Result<Page, Vec<Diagnostic>>> {
    let text = || Ok(front_matter::normalize(text.to_string()));
    resolve_text(config, sections, rel, text)
}

/// The page `rel` among `sections`, from the text `read` gives.
fn resolve_text(
    config: &Config,
    sections: &[Section],
    rel: &str,
    read: impl FnOnce() -> Result<String, Vec<Diagnostic>>,
) -> Option<Result<Page, Vec<Diagnostic>>> {
    if file_name(rel) == "_index.md" {
        return None;
    }
    let dir = parent_dir(rel);
    // A folder that is no section but holds `index.md` is a page bundle.
    let bundle = file_name(rel) == "index.md" && !sections.iter().any(|s| s.dir == dir);
    let (dir, stem) = if bundle {
        (parent_dir(dir), file_name(dir))
    } else {
        (dir, file_name(rel).strip_suffix(".md")?)
    };
    let section = sections.iter().find(|s| s.dir == dir)?;
    let cx = PageContext {
        config,
        section_kind: section.page_kind,
        section_path: &section.path,
        stem,
    };
    Some(read().and_then(|text| parse_page(rel, &text, &cx)))
}

/// The text of the Markdown file `rel` (relative to `content_dir`), [`front_matter::normalize`]d.
pub(crate) fn read_markdown(content_dir: &Path, rel: &str) -> Result<String, Diagnostic> {
    let file = format!("{CONTENT_DIR}/{rel}");
    let bytes = std::fs::read(content_dir.join(rel))
        .map_err(|err| Diagnostic::error(&file, msg::content_unreadable_file(crate::error::io_reason(&err))))?;
    // A build reads every story up to three times: checked with SIMD first.
    let bytes = match crate::text::utf8_string(bytes) {
        Ok(text) => return Ok(front_matter::normalize(text)),
        Err(bytes) => bytes,
    };
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let line = line_of(&String::from_utf8_lossy(&err.as_bytes()[..valid]), valid);
        Diagnostic::error(&file, msg::content_not_utf8())
            .at_line(line)
            .hint(msg::content_not_utf8_hint())
    })?;
    Ok(front_matter::normalize(text))
}

/// The section folder a page belongs to, and its slug source.
fn page_place<'a>(rel: &'a str, bundles: &BTreeSet<String>) -> (&'a str, &'a str) {
    let dir = parent_dir(rel);
    if file_name(rel) == "index.md" && bundles.contains(dir) {
        (parent_dir(dir), file_name(dir))
    } else {
        let name = file_name(rel);
        (dir, name.strip_suffix(".md").unwrap_or(name))
    }
}

fn parse_page(rel: &str, text: &str, cx: &PageContext<'_>) -> Result<Page, Vec<Diagnostic>> {
    let file = format!("{CONTENT_DIR}/{rel}");
    let split = front_matter::split(&file, text).map_err(|d| vec![d])?;
    let checked = front_matter::parse_page(&file, &split, &cx.config.schema, cx.section_kind)?;
    // Inline entries are an award list's table: their cells are checked (and masked) with it.
    let raw = &checked.raw;
    let entries = (raw.entries.is_some() && raw.data.is_none()).then_some(split.front);
    let mut leaks = personal::check_file_name(&file, rel);
    leaks.extend(personal::check_markdown(&file, text, entries));
    match resolve_page(&file, rel, &split, checked, cx) {
        // The address comes from the file name, already checked, or a `slug`.
        Ok(page) if leaks.is_empty() => match personal::check_address(&file, &page.path) {
            None => Ok(page),
            Some(leak) => Err(vec![leak]),
        },
        Ok(_) => Err(leaks),
        Err(mut problems) => {
            problems.append(&mut leaks);
            Err(problems)
        }
    }
}

/// Reads the sections' `_index.md` files (`index_files`, each with its
/// place in the walk) and resolves every section of `tree`; files that
/// could not be read go to `unreadable`, other problems to `problems`.
fn load_sections(
    content_dir: &Path,
    tree: &Tree,
    index_files: &[(usize, &String)],
    schema: &Schema,
    unreadable: &mut Vec<(usize, Diagnostic)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let texts: Vec<Result<String, Diagnostic>> = index_files
        .par_iter()
        .map(|&(_, rel)| read_markdown(content_dir, rel))
        .collect();
    let mut by_file: HashMap<String, String> = HashMap::with_capacity(index_files.len());
    for (&(at, rel), text) in index_files.iter().zip(texts) {
        match text {
            Ok(text) => {
                by_file.insert(rel.clone(), text);
            }
            Err(d) => unreadable.push((at, d)),
        }
    }
    resolve_sections(tree, &by_file, schema, problems)
}

fn resolve_sections(
    tree: &Tree,
    texts: &HashMap<String, String>,
    schema: &Schema,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(tree.sections.len());
    let mut index_of: HashMap<String, usize> = HashMap::new();
    // BTreeSet order puts every parent before its children.
    for dir in &tree.sections {
        let parent = (!dir.is_empty())
            .then(|| index_of.get(parent_dir(dir)).copied())
            .flatten();
        let (parent_path, inherited) = parent.map_or((String::new(), Kind::Page), |p| {
            (sections[p].path.clone(), sections[p].page_kind)
        });
        let path = if dir.is_empty() {
            String::new()
        } else {
            format!("{parent_path}{}/", crate::slug::slugify(file_name(dir)))
        };
        let rel = if dir.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{dir}/_index.md")
        };
        let mut section = match texts.get(&rel) {
            Some(text) => {
                let file = format!("{CONTENT_DIR}/{rel}");
                problems.extend(personal::check_file_name(&file, &rel));
                problems.extend(personal::check_markdown(&file, text, None));
                let parsed = front_matter::split(&file, text).map_err(|d| vec![d]).and_then(|split| {
                    let raw: RawSectionMatter = front_matter::parse(&file, &split).map_err(|d| vec![d])?;
                    resolve_section(&file, dir, path.clone(), &split, raw, inherited, schema)
                });
                parsed.unwrap_or_else(|mut list| {
                    problems.append(&mut list);
                    Section::bare(dir, path, inherited)
                })
            }
            None => Section::bare(dir, path, inherited),
        };
        section.parent = parent;
        index_of.insert(dir.clone(), sections.len());
        if let Some(p) = parent {
            let child = sections.len();
            sections[p].subsections.push(child);
        }
        sections.push(section);
    }
    sections
}

/// Decides where each non-Markdown file of `content/` goes: a bundle's files go
/// beside its page, other files keep their place under their section's folder.
fn place_assets(tree: &Tree, pages: &mut [Page], sections: &[Section]) -> BTreeMap<String, Asset> {
    let bundle_page: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| file_name(&p.source) == "index.md" && tree.bundles.contains(parent_dir(&p.source)))
        .map(|(i, p)| (parent_dir(&p.source).to_string(), i))
        .collect();
    let section_path: HashMap<&str, &str> = sections.iter().map(|s| (s.dir.as_str(), s.path.as_str())).collect();
    let mut assets = BTreeMap::new();
    for rel in &tree.others {
        let mut bundle = parent_dir(rel);
        while !bundle.is_empty() && !tree.bundles.contains(bundle) {
            bundle = parent_dir(bundle);
        }
        let output = if let Some(&i) = bundle_page.get(bundle) {
            let inner = &rel[bundle.len() + 1..];
            pages[i].assets.push(rel.clone());
            format!("{}{inner}", pages[i].path)
        } else if !bundle.is_empty() {
            continue; // a draft bundle: its files stay unpublished too
        } else {
            let mut dir = parent_dir(rel);
            while !dir.is_empty() && !section_path.contains_key(dir) {
                dir = parent_dir(dir);
            }
            let inner = if dir.is_empty() {
                rel.as_str()
            } else {
                &rel[dir.len() + 1..]
            };
            format!("{}{inner}", section_path.get(dir).copied().unwrap_or(""))
        };
        let source = Path::new(CONTENT_DIR).join(rel);
        assets.insert(rel.clone(), Asset { source, output });
    }
    assets
}

/// Puts each page into its section, in display order: newest first, then by
/// weight, then by title.
fn attach_pages(content: &mut Content, bundles: &BTreeSet<String>) {
    let section_of: HashMap<String, usize> = content
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    for (i, page) in content.pages.iter().enumerate() {
        let (dir, _) = page_place(&page.source, bundles);
        if let Some(&s) = section_of.get(dir) {
            content.sections[s].pages.push(i);
        }
    }
    let pages = &content.pages;
    for section in &mut content.sections {
        sort_in_display_order(pages, &mut section.pages);
    }
}

/// Newest first; undated pages after dated ones; then weight, then title.
pub fn display_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    display_key(a).cmp(&display_key(b))
}

/// What [`display_order`] compares of a page, in that order.
type DisplayKey<'p> = (
    bool,
    std::cmp::Reverse<Option<jiff::civil::Date>>,
    i64,
    &'p str,
    &'p str,
);

fn display_key(page: &Page) -> DisplayKey<'_> {
    (
        page.date.is_none(),
        std::cmp::Reverse(page.date),
        page.weight,
        &page.title,
        &page.source,
    )
}

/// Sorts `list`, indices of `pages`, into [`display_order`]: each page's
/// key is taken once and the keys are sorted side by side, rather than two
/// pages looked up far apart in memory at every comparison.
pub fn sort_in_display_order(pages: &[Page], list: &mut [usize]) {
    let mut keyed: Vec<(DisplayKey<'_>, usize)> = list.par_iter().map(|&i| (display_key(&pages[i]), i)).collect();
    // No two pages share a source, so the order is the one a stable sort gives.
    keyed.par_sort_unstable();
    for (slot, (_, i)) in list.iter_mut().zip(keyed) {
        *slot = i;
    }
}
