//! Render stage: Markdown of every page and section, then every output file
//! through the templates — all in parallel, all in memory.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use tera::Value;

use crate::error::{Diagnostic, Error, Result};
use crate::links::{Destination, LinkIndex, page_url, root_prefix};
use crate::markdown::{Document, LinkOutcome, Markdown};
use crate::output::{Body, Output, OutputFile, Staging};
use crate::page::{Kind, Page};
use crate::site::Site;
use crate::text::summarize;
use crate::theme::{Theme, ThemeFile};
use crate::views::*;

mod edit;
mod feeds;
mod lists;
mod page_view;
mod print;
mod scope;

pub use edit::render_edited_bodies;
use lists::page_count;
use scope::Scope;

/// How many characters an automatic summary may take.
const SUMMARY_LIMIT: usize = 120;
/// How many entries the Atom feed holds.
const FEED_LIMIT: usize = 50;
/// How many pages of each section the home page shows.
const HOME_TEASER: usize = 8;

/// The rendered site and what the render found wrong with links.
pub struct Rendered {
    pub output: Output,
    /// Broken links and missing `#fragment`s: warnings from `build`, errors from `check`.
    pub link_problems: Vec<Diagnostic>,
    /// How many outputs went through a template (the rest were reused).
    pub rendered: usize,
    /// With a cache: output paths whose bytes are new or changed, and paths
    /// that are gone, since the last render.
    pub updated: Vec<String>,
    pub removed: Vec<String>,
}

/// Markdown and summaries of every page and section.
struct Texts {
    pages: Vec<Document>,
    sections: Vec<Document>,
    summaries: Vec<String>,
    /// QR code of each page (persons only), as inline SVG.
    qr: Vec<String>,
    photos: crate::photo::Photos,
}

/// What one output needs: a template and its context, or nothing more.
enum Prepared {
    Template {
        path: String,
        template: String,
        scope: Scope,
    },
    Ready(OutputFile),
}

/// What a previous render leaves for the next one, so `serve` redoes only
/// what changed. Correct by construction: Markdown is reused only for the
/// same text under the same link targets, and a template's output only for
/// an equal context under the same templates.
#[derive(Default)]
pub struct RenderCache {
    /// The last render's Markdown, summaries, QR codes and photos, with the
    /// source (relative to `content/`), text hash and first line of each page.
    texts: Option<(Vec<DocumentKey>, Texts)>,
    /// Address → QR code SVG: an address keeps its code from render to render.
    qr_codes: HashMap<String, String>,
    links: Option<LinkIndex>,
    search: Option<crate::search::Index>,
    /// Output path → the template and the fingerprint of the context it was rendered from.
    contexts: HashMap<String, (String, u64)>,
    theme: u64,
    output: Output,
}

/// What a page's document was made from: a document is reused for the same
/// source, text and first line.
#[derive(PartialEq)]
struct DocumentKey {
    source: String,
    hash: u64,
    line: usize,
}

impl RenderCache {
    /// The output of the last successful render.
    pub fn output(&self) -> &Output {
        &self.output
    }
}

/// Where a render puts the files it makes.
pub enum Sink<'a> {
    /// Kept in memory: in [`Rendered::output`], or with a cache in the cache,
    /// reusing what it holds from the last render.
    Memory(Option<&'a mut RenderCache>),
    /// Written into a staging folder as they are made, so the site is never
    /// held in memory all at once.
    Folder(&'a Staging),
}

/// Renders the whole site in memory.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Rendered> {
    render_site_to(site, theme, Sink::Memory(None))
}

/// What became of one output.
struct Made {
    path: String,
    /// The template and the fingerprint of the context it was rendered from.
    template: Option<(String, u64)>,
    /// The new bytes, when kept in memory; `None` when written to a folder
    /// or when the cache's bytes stand (see `reused`).
    body: Option<Body>,
    /// Whether the cache's bytes stand because the context did not change.
    reused: bool,
}

/// Renders the site into `sink`. With a cache, the new output is left in it
/// (see [`RenderCache::output`]) and the returned output is empty; on
/// failure the cache keeps the last good output, and a staging folder is
/// left for its owner to drop.
pub fn render_site_to(site: &Site, theme: &Theme, sink: Sink) -> Result<Rendered> {
    let (mut cache, staging) = match sink {
        Sink::Memory(cache) => (cache, None),
        Sink::Folder(staging) => (None, Some(staging)),
    };
    let index = link_index(site, theme);
    if let Some(cache) = cache.as_deref_mut() {
        if cache.links.as_ref() != Some(&index) || cache.theme != theme.fingerprint() {
            cache.texts = None;
        }
        if cache.theme != theme.fingerprint() {
            cache.contexts.clear();
        }
    }
    let texts = render_texts(site, &index, cache.as_deref_mut())?;
    let link_problems = check_links(site, &texts);

    // Files copied or generated without a template; on a clash of paths they
    // win over a template's output, and the later of them over the earlier.
    let mut extras: BTreeMap<String, Body> = BTreeMap::new();
    let search = crate::search::build_index(site, &texts.pages, &texts.summaries);
    for file in copied_files(site, theme)
        .into_iter()
        .chain(search.files())
        .chain(texts.photos.files())
    {
        extras.insert(file.path, file.body);
    }

    let mut old_output = cache
        .as_deref_mut()
        .map(|c| std::mem::take(&mut c.output))
        .unwrap_or_default();
    let previous = cache.as_deref().map(|c| &c.contexts);
    let unchanged = |path: &str, template: &str, fingerprint: u64| {
        old_output.files.contains_key(path)
            && previous
                .and_then(|p| p.get(path))
                .is_some_and(|(t, f)| t == template && *f == fingerprint)
    };
    let renderer = Renderer::new(site, theme, &texts, cache.is_some());
    // Each context is made, rendered and dropped in one step, never all held at once.
    let make = |job: &Job| -> Result<Made> {
        let (path, template, body) = match renderer.prepare(job)? {
            Prepared::Ready(file) => (file.path, None, file.body),
            Prepared::Template { path, template, scope } => {
                if unchanged(&path, &template, scope.fingerprint) {
                    let template = Some((template, scope.fingerprint));
                    return Ok(Made {
                        path,
                        template,
                        body: None,
                        reused: true,
                    });
                }
                let text = theme.render(&template, &scope.context)?;
                (path, Some((template, scope.fingerprint)), Body::Text(text))
            }
        };
        let body = match staging {
            Some(staging) if !extras.contains_key(&path) => {
                staging.write(&path, &body)?;
                None
            }
            Some(_) => None,
            None => Some(body),
        };
        Ok(Made {
            path,
            template,
            body,
            reused: false,
        })
    };
    let results: Vec<Result<Made>> = renderer.jobs().par_iter().map(make).collect();
    drop(renderer);

    let mut made = Vec::with_capacity(results.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(m) => made.push(m),
            // A template error repeats on every page that uses the template: say it once.
            Err(Error::Invalid(diagnostics)) => {
                for d in diagnostics {
                    if !problems.contains(&d) {
                        problems.push(d);
                    }
                }
            }
            Err(io) => return Err(restore(cache, old_output, io)),
        }
    }
    if !problems.is_empty() {
        return Err(restore(cache, old_output, Error::Invalid(problems)));
    }
    if let Some(staging) = staging {
        let files: Vec<(&String, &Body)> = extras.iter().collect();
        files
            .par_iter()
            .try_for_each(|(path, body)| staging.write(path, body))?;
    }

    let rendered = made.iter().filter(|m| m.template.is_some() && !m.reused).count();
    let mut output = Output::default();
    let mut updated = Vec::new();
    let mut contexts = HashMap::new();
    for m in made {
        if let Some(template) = m.template {
            contexts.insert(m.path.clone(), template);
        }
        let old = old_output.files.remove(&m.path);
        let body = match (m.body, old) {
            (Some(body), old) => {
                if old.as_ref() != Some(&body) {
                    updated.push(m.path.clone());
                }
                body
            }
            (None, Some(old)) if m.reused => old,
            _ => continue,
        };
        output.files.insert(m.path, body);
    }
    if staging.is_none() {
        for (path, body) in extras {
            if old_output.files.remove(&path).as_ref() != Some(&body) {
                updated.push(path.clone());
            }
            output.files.insert(path, body);
        }
    }
    let removed = old_output.files.into_keys().collect();
    if let Some(cache) = cache {
        let sources = site
            .pages
            .iter()
            .map(|p| DocumentKey {
                source: p.source.clone(),
                hash: text_hash(&p.body),
                line: p.body_line,
            })
            .collect();
        cache.texts = Some((sources, texts));
        cache.search = Some(search);
        cache.contexts = contexts;
        cache.links = Some(index);
        cache.theme = theme.fingerprint();
        cache.output = output;
        return Ok(Rendered {
            output: Output::default(),
            link_problems,
            rendered,
            updated,
            removed,
        });
    }
    Ok(Rendered {
        output,
        link_problems,
        rendered,
        updated,
        removed,
    })
}

/// Gives a failed render's cache back the last good output, and returns `error`.
fn restore(cache: Option<&mut RenderCache>, old_output: Output, error: Error) -> Error {
    if let Some(cache) = cache {
        cache.output = old_output;
    }
    error
}

/// Markdown of every page and section (reusing the cache's where the text is
/// the same), and the pages' summaries.
fn render_texts(site: &Site, index: &LinkIndex, mut cache: Option<&mut RenderCache>) -> Result<Texts> {
    let markdown = Markdown::new(site.config.allow_html);
    // The last render's documents, by source, to take over where the text is the same.
    let mut reusable: HashMap<String, (u64, usize, Document)> = cache
        .as_deref_mut()
        .and_then(|c| c.texts.take())
        .map(|(sources, last)| {
            sources
                .into_iter()
                .zip(last.pages)
                .map(|(key, doc)| (key.source, (key.hash, key.line, doc)))
                .collect()
        })
        .unwrap_or_default();
    let render = |source: &str, dir: &str, body: &str, line: usize| -> Document {
        markdown.render(body, line, &|url| index.resolve(source, dir, url))
    };
    let taken: Vec<Option<Document>> = site
        .pages
        .iter()
        .map(|p| match reusable.remove(&p.source) {
            Some((hash, line, doc)) if hash == text_hash(&p.body) && line == p.body_line => Some(doc),
            _ => None,
        })
        .collect();
    let pages: Vec<Document> = site
        .pages
        .par_iter()
        .zip(taken)
        .map(|(p, doc)| doc.unwrap_or_else(|| render(&p.source, &p.path, &p.body, p.body_line)))
        .collect();
    let sections: Vec<Document> = site
        .sections
        .par_iter()
        .map(|s| render(&section_source(&s.dir), &s.path, &s.body, s.body_line))
        .collect();
    let summaries = site
        .pages
        .par_iter()
        .zip(&pages)
        .map(|(p, doc)| p.summary.clone().unwrap_or_else(|| summarize(&doc.lead, SUMMARY_LIMIT)))
        .collect();
    let photos = crate::photo::thumbnails(site).map_err(Error::Invalid)?;
    let known = cache.as_deref().map(|c| &c.qr_codes);
    let qr: Vec<String> = site
        .pages
        .par_iter()
        .map(|p| match p.kind {
            Kind::Person => {
                let url = site.config.permalink(&page_url(&p.path, site.config.pretty_links));
                known
                    .and_then(|k| k.get(&url).cloned())
                    .unwrap_or_else(|| crate::qr::svg(&url))
            }
            _ => String::new(),
        })
        .collect();
    if let Some(cache) = cache {
        cache.qr_codes = site
            .pages
            .iter()
            .zip(&qr)
            .filter(|(_, svg)| !svg.is_empty())
            .map(|(p, svg)| {
                (
                    site.config.permalink(&page_url(&p.path, site.config.pretty_links)),
                    svg.clone(),
                )
            })
            .collect();
    }
    Ok(Texts {
        pages,
        sections,
        summaries,
        qr,
        photos,
    })
}

fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

fn section_source(dir: &str) -> String {
    if dir.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{dir}/_index.md")
    }
}

fn link_index(site: &Site, theme: &Theme) -> LinkIndex {
    let mut targets: HashMap<String, Destination> = HashMap::with_capacity(site.pages.len() + site.sections.len());
    for page in &site.pages {
        targets.insert(page.source.clone(), Destination::Page(page.path.clone()));
    }
    for section in &site.sections {
        targets.insert(section_source(&section.dir), Destination::Page(section.path.clone()));
    }
    for (rel, asset) in &site.content_assets {
        targets.insert(rel.clone(), Destination::File(asset.output.clone()));
    }
    let statics: HashSet<String> = site
        .static_files
        .iter()
        .map(|a| a.output.clone())
        .chain(theme.static_files.iter().map(|(out, _)| out.clone()))
        .collect();
    LinkIndex::new(targets, statics, site.config.pretty_links)
}

/// Reports links to missing files and to headings that do not exist.
fn check_links(site: &Site, texts: &Texts) -> Vec<Diagnostic> {
    let mut headings: HashMap<String, &Document> = HashMap::new();
    for (page, doc) in site.pages.iter().zip(&texts.pages) {
        headings.insert(page.source.clone(), doc);
    }
    for (section, doc) in site.sections.iter().zip(&texts.sections) {
        headings.insert(section_source(&section.dir), doc);
    }
    let files = site
        .pages
        .iter()
        .map(|p| p.file.as_str())
        .chain(site.sections.iter().map(|s| s.file.as_str()));
    let docs = texts.pages.iter().chain(&texts.sections);
    let mut problems = Vec::new();
    for (file, doc) in files.zip(docs) {
        for link in &doc.links {
            match &link.outcome {
                LinkOutcome::Broken { reason } => problems.push(
                    Diagnostic::warning(file, format!("broken link {}: {reason}", link.url))
                        .at_line(link.line)
                        .hint("link to the source file, relative to this file (other.md) or from content/ (@/people/name.md)"),
                ),
                LinkOutcome::Rewrite { target: Some(target), .. } => {
                    let Some(fragment) = &target.fragment else { continue };
                    let known = headings.get(&target.source).is_some_and(|d| d.headings.iter().any(|h| h.id == *fragment))
                        || fragment.starts_with("fn-")
                        || fragment.starts_with("fnref-");
                    if !known {
                        problems.push(
                            Diagnostic::warning(file, format!("broken link {}: content/{} has no heading #{fragment}", link.url, target.source))
                                .at_line(link.line)
                                .hint("use the heading's text as the fragment, e.g. #主要事迹"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    problems
}

/// One output file to render.
enum Job {
    Page(usize),
    /// Section index and page number (from 1).
    Section(usize, usize),
    TaxonomyList(usize),
    /// Taxonomy, term, page number.
    Term(usize, usize, usize),
    Alias {
        alias: String,
        target: String,
        file: String,
    },
    NotFound,
    Feed,
    Sitemap,
    Robots,
    Search,
    PrintIndex,
    Board(print::Board),
}

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    texts: &'a Texts,
    pretty: bool,
    site_value: Value,
    /// Each page's [`PageRef`] as a template value, made when first needed.
    refs: Vec<OnceLock<Value>>,
    /// Section and position of each page, for previous/next.
    place: Vec<Option<(usize, usize)>>,
    /// (taxonomy name, term name) → (taxonomy index, term index).
    terms: HashMap<(&'a str, &'a str), (usize, usize)>,
    /// Whether contexts are fingerprinted for a render cache.
    fingerprints: bool,
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, theme: &'a Theme, texts: &'a Texts, fingerprints: bool) -> Self {
        let pretty = site.config.pretty_links;
        let mut place = vec![None; site.pages.len()];
        for (s, section) in site.sections.iter().enumerate() {
            for (pos, &p) in section.pages.iter().enumerate() {
                place[p] = Some((s, pos));
            }
        }
        let mut terms = HashMap::new();
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            for (k, term) in taxonomy.terms.iter().enumerate() {
                terms.insert((taxonomy.name.as_str(), term.name.as_str()), (t, k));
            }
        }
        let mut renderer = Renderer {
            site,
            theme,
            texts,
            pretty,
            site_value: Value::none(),
            refs: Vec::new(),
            place,
            terms,
            fingerprints,
        };
        renderer.site_value = to_value(&renderer.site_view());
        renderer.refs = (0..site.pages.len()).map(|_| OnceLock::new()).collect();
        renderer
    }

    /// Page `i` as the templates see it in lists and links: its [`PageRef`].
    fn card(&self, i: usize) -> Value {
        self.refs[i].get_or_init(|| to_value(&self.page_ref(i))).clone()
    }

    fn url(&self, dir: &str) -> String {
        page_url(dir, self.pretty)
    }

    fn site_view(&self) -> SiteView<'a> {
        let site = self.site;
        let home_children = site
            .sections
            .first()
            .map(|h| h.subsections.as_slice())
            .unwrap_or_default();
        let mut sections: Vec<&crate::section::Section> = home_children.iter().map(|&s| &site.sections[s]).collect();
        sections.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.dir.cmp(&b.dir)));
        let category = site.taxonomies.iter().find(|t| t.name == "category");
        let nav = sections
            .iter()
            .map(|s| NavItem {
                title: &s.title,
                path: self.url(&s.path),
                folder: &s.path,
            })
            .chain(category.map(|t| NavItem {
                title: "分类",
                path: self.url(&t.path),
                folder: &t.path,
            }))
            .collect();
        SiteView {
            nav,
            title: &site.config.title,
            description: &site.config.description,
            base_url: &site.config.base_url,
            language: &site.config.language,
            sections: sections
                .iter()
                .map(|s| LinkView {
                    title: &s.title,
                    path: self.url(&s.path),
                })
                .collect(),
            taxonomies: site
                .taxonomies
                .iter()
                .map(|t| NavTaxonomy {
                    name: &t.name,
                    title: &t.title,
                    path: self.url(&t.path),
                })
                .collect(),
            extra: &site.config.extra,
        }
    }

    fn page_ref(&self, i: usize) -> PageRef<'a> {
        let page: &'a Page = &self.site.pages[i];
        let s = |v: &'a Option<String>| v.as_deref().unwrap_or("");
        PageRef {
            title: &page.title,
            initial: page.title.chars().next().map_or("", |c| &page.title[..c.len_utf8()]),
            path: self.url(&page.path),
            permalink: self.site.config.permalink(&self.url(&page.path)),
            kind: page.kind,
            date: page.date.map(|d| d.to_string()).unwrap_or_default(),
            summary: &self.texts.summaries[i],
            photo: crate::photo::view(&self.texts.photos, page),
            honors: &page.honors,
            category: s(&page.category),
            region: s(&page.region),
            year: page.year,
            level: s(&page.level),
            unit: s(&page.unit),
            tier: s(&page.tier),
            issuer: s(&page.issuer),
            location: s(&page.location),
        }
    }

    fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
        for (s, section) in site.sections.iter().enumerate() {
            let count = if section.is_home() {
                1
            } else {
                page_count(section.pages.len(), self.per_page(s))
            };
            jobs.extend((1..=count).map(|n| Job::Section(s, n)));
        }
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            jobs.push(Job::TaxonomyList(t));
            for (k, term) in taxonomy.terms.iter().enumerate() {
                jobs.extend((1..=page_count(term.pages.len(), site.config.paginate_by)).map(|n| Job::Term(t, k, n)));
            }
        }
        let page_aliases = site.pages.iter().map(|p| (&p.aliases, &p.path, &p.file));
        let section_aliases = site.sections.iter().map(|s| (&s.aliases, &s.path, &s.file));
        for (aliases, target, file) in page_aliases.chain(section_aliases) {
            jobs.extend(aliases.iter().map(|a| Job::Alias {
                alias: a.clone(),
                target: target.clone(),
                file: file.clone(),
            }));
        }
        jobs.extend([Job::NotFound, Job::Feed, Job::Sitemap, Job::Robots, Job::PrintIndex]);
        if crate::search::page_is_free(site) {
            jobs.push(Job::Search);
        }
        jobs.extend(self.boards().into_iter().map(Job::Board));
        jobs
    }

    fn per_page(&self, section: usize) -> usize {
        self.site.sections[section]
            .paginate_by
            .unwrap_or(self.site.config.paginate_by)
    }

    /// The template and context of a job's output (or the output itself when it needs no template).
    fn prepare(&self, job: &Job) -> std::result::Result<Prepared, Diagnostic> {
        match job {
            Job::Page(i) => self.render_page(*i),
            Job::Section(s, n) => self.render_section(*s, *n),
            Job::TaxonomyList(t) => self.render_taxonomy(*t),
            Job::Term(t, k, n) => self.render_term(*t, *k, *n),
            Job::Alias { alias, target, file } => self.render_alias(alias, target, file),
            Job::NotFound => self.render_not_found(),
            Job::Feed => self.render_feed(),
            Job::Sitemap => self.render_sitemap(),
            Job::Search => self.html(
                crate::search::PAGE_DIR,
                "search.html",
                self.context(crate::search::PAGE_DIR),
            ),
            Job::PrintIndex => self.render_print_index(),
            Job::Board(board) => self.render_board(board),
            Job::Robots => Ok(Prepared::Ready(OutputFile {
                path: "robots.txt".into(),
                body: Body::Text(format!(
                    "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
                    self.site.config.base_url
                )),
            })),
        }
    }

    /// A context with what every HTML template gets, for a page in folder `dir`.
    fn context(&self, dir: &str) -> Scope {
        let mut cx = Scope {
            hashed: self.fingerprints,
            ..Scope::default()
        };
        cx.insert_value("site", self.site_value.clone());
        let root = root_prefix(dir);
        cx.insert("home", &self.url(&root));
        cx.insert("root", &root);
        cx.insert("current_path", &self.url(dir));
        cx.insert("permalink", &self.site.config.permalink(&self.url(dir)));
        cx.insert("generator", concat!("laurel ", env!("CARGO_PKG_VERSION")));
        cx.insert("build_year", &self.site.today.year());
        cx
    }

    fn html(&self, dir: &str, template: &str, cx: Scope) -> std::result::Result<Prepared, Diagnostic> {
        Ok(Prepared::Template {
            path: format!("{dir}index.html"),
            template: template.to_string(),
            scope: cx,
        })
    }
}

/// Copies of static files: the theme's first, so the site's `static/` wins.
fn copied_files(site: &Site, theme: &Theme) -> Vec<OutputFile> {
    let mut by_path: BTreeMap<String, Body> = BTreeMap::new();
    for (out, file) in &theme.static_files {
        let body = match file {
            ThemeFile::BuiltIn(bytes) => Body::Bytes(bytes),
            ThemeFile::Disk(path) => Body::Copy(site.root.join(path)),
        };
        by_path.insert(out.clone(), body);
    }
    for asset in site
        .static_files
        .iter()
        .chain(site.content_assets.iter().map(|(_, a)| a))
    {
        by_path.insert(asset.output.clone(), Body::Copy(site.root.join(&asset.source)));
    }
    by_path
        .into_iter()
        .map(|(path, body)| OutputFile { path, body })
        .collect()
}

fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    Value::try_from_serializable(value).unwrap_or_else(|_| Value::none())
}
