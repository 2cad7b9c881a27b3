//! Render stage: Markdown of every page and section, then every output file
//! through the templates — all in parallel, all in memory.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};

use tera::{Context, Value};

use crate::error::{Diagnostic, Error, Result};
use crate::links::{Destination, LinkIndex, absolutize_html, page_url, relative_url, root_prefix};
use crate::markdown::{Document, LinkOutcome, Markdown};
use crate::output::{Body, Output, OutputFile};
use crate::page::{Kind, Page};
use crate::site::{Site, alias_output};
use crate::text::{count_reading_units, reading_minutes, summarize};
use crate::theme::{Theme, ThemeFile};
use crate::views::*;

mod print;

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

/// A template context that can keep a fingerprint of everything put into it,
/// so a later render can tell an unchanged context without keeping it.
#[derive(Default)]
struct Scope {
    context: Context,
    fingerprint: u64,
    /// Whether to fingerprint at all (only a cached render compares them).
    hashed: bool,
}

impl Scope {
    fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, to_value(value));
    }

    fn insert_value(&mut self, key: &'static str, value: Value) {
        if !self.hashed {
            self.context.insert_value(key, value);
            return;
        }
        let mut hasher = DefaultHasher::new();
        self.fingerprint.hash(&mut hasher);
        key.hash(&mut hasher);
        hash_value(&value, &mut hasher);
        self.fingerprint = hasher.finish();
        self.context.insert_value(key, value);
    }
}

/// Hashes a template value; a map's entries in any order hash alike.
fn hash_value(value: &Value, hasher: &mut DefaultHasher) {
    if let Some(text) = value.as_str() {
        (1u8, text, value.is_safe()).hash(hasher);
    } else if let Some(map) = value.as_map() {
        let entries = map.iter().fold(0u64, |sum, (key, value)| {
            let mut entry = DefaultHasher::new();
            key.hash(&mut entry);
            hash_value(value, &mut entry);
            sum.wrapping_add(entry.finish())
        });
        (2u8, map.len(), entries).hash(hasher);
    } else if let Some(items) = value.as_array() {
        (3u8, items.len()).hash(hasher);
        items.iter().for_each(|item| hash_value(item, hasher));
    } else if let Some(n) = value.as_i64() {
        (4u8, n).hash(hasher);
    } else if let Some(n) = value.as_u64() {
        (5u8, n).hash(hasher);
    } else if let Some(n) = value.as_f64() {
        (6u8, n.to_bits()).hash(hasher);
    } else if let Some(b) = value.as_bool() {
        (7u8, b).hash(hasher);
    } else if let Some(bytes) = value.as_bytes() {
        (8u8, bytes).hash(hasher);
    } else {
        (9u8, value.name()).hash(hasher);
    }
}

/// What a previous render leaves for the next one, so `serve` redoes only
/// what changed. Correct by construction: Markdown is reused only for the
/// same text under the same link targets, and a template's output only for
/// an equal context under the same templates.
#[derive(Default)]
pub struct RenderCache {
    /// Source (relative to `content/`) → Markdown text and its rendering.
    documents: HashMap<String, (u64, usize, Document)>,
    /// Address → QR code SVG: an address keeps its code from render to render.
    qr_codes: HashMap<String, String>,
    targets: HashMap<String, Destination>,
    /// Output path → the template and the fingerprint of the context it was rendered from.
    contexts: HashMap<String, (String, u64)>,
    theme: u64,
    output: Output,
}

impl RenderCache {
    /// The output of the last successful render.
    pub fn output(&self) -> &Output {
        &self.output
    }
}

/// Renders the whole site in memory.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Rendered> {
    render_site_with(site, theme, None)
}

/// Renders the site, reusing what `cache` holds from the last render. With a
/// cache, the new output is left in it (see [`RenderCache::output`]) and the
/// returned output is empty; on failure the cache keeps the last good output.
pub fn render_site_with(site: &Site, theme: &Theme, mut cache: Option<&mut RenderCache>) -> Result<Rendered> {
    let index = link_index(site, theme);
    if let Some(cache) = cache.as_deref_mut() {
        if cache.targets != *index.targets() || cache.theme != theme.fingerprint() {
            cache.documents.clear();
        }
        if cache.theme != theme.fingerprint() {
            cache.contexts.clear();
        }
    }
    let texts = render_texts(site, &index, cache.as_deref_mut())?;
    let link_problems = check_links(site, &texts);

    let renderer = Renderer::new(site, theme, &texts, cache.is_some());
    let prepared: Vec<std::result::Result<Prepared, Diagnostic>> =
        renderer.jobs().par_iter().map(|job| renderer.prepare(job)).collect();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut jobs = Vec::with_capacity(prepared.len());
    for result in prepared {
        match result {
            Ok(job) => jobs.push(job),
            Err(d) if !problems.contains(&d) => problems.push(d),
            Err(_) => {}
        }
    }
    let mut old_output = cache
        .as_deref_mut()
        .map(|c| std::mem::take(&mut c.output))
        .unwrap_or_default();
    let previous = cache.as_deref().map(|c| &c.contexts);
    let unchanged = |path: &String, template: &String, scope: &Scope| {
        old_output.files.contains_key(path)
            && previous
                .and_then(|p| p.get(path))
                .is_some_and(|(t, f)| t == template && *f == scope.fingerprint)
    };
    let results: Vec<std::result::Result<Option<OutputFile>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| match job {
            Prepared::Template { path, template, scope } if unchanged(path, template, scope) => Ok(None),
            Prepared::Template { path, template, scope } => {
                let text = theme.render(template, &scope.context)?;
                Ok(Some(OutputFile {
                    path: path.clone(),
                    body: Body::Text(text),
                }))
            }
            Prepared::Ready(file) => Ok(Some(file.clone())),
        })
        .collect();
    for result in &results {
        // A template error repeats on every page that uses the template: say it once.
        if let Err(d) = result
            && !problems.contains(d)
        {
            problems.push(d.clone());
        }
    }
    if !problems.is_empty() {
        if let Some(cache) = cache {
            cache.output = old_output;
        }
        return Err(Error::Invalid(problems));
    }
    let mut output = Output::default();
    let mut rendered = 0;
    let mut updated = Vec::new();
    for (job, result) in jobs.iter().zip(results.into_iter().flatten()) {
        match (job, result) {
            (_, Some(file)) => {
                rendered += usize::from(matches!(job, Prepared::Template { .. }));
                if old_output.files.remove(&file.path).as_ref() != Some(&file.body) {
                    updated.push(file.path.clone());
                }
                output.files.insert(file.path, file.body);
            }
            (Prepared::Template { path, .. }, None) => {
                if let Some(body) = old_output.files.remove(path) {
                    output.files.insert(path.clone(), body);
                }
            }
            (Prepared::Ready(_), None) => {}
        }
    }
    let search = crate::search::index_files(site, &texts.pages, &texts.summaries);
    let photos = texts.photos.files();
    for file in copied_files(site, theme).into_iter().chain(search).chain(photos) {
        if old_output.files.remove(&file.path).as_ref() != Some(&file.body) {
            updated.push(file.path.clone());
        }
        output.files.insert(file.path, file.body);
    }
    let removed = old_output.files.into_keys().collect();
    drop(renderer);
    if let Some(cache) = cache {
        cache.documents = site
            .pages
            .iter()
            .zip(texts.pages)
            .map(|(p, doc)| (p.source.clone(), (text_hash(&p.body), p.body_line, doc)))
            .collect();
        cache.contexts = jobs
            .into_iter()
            .filter_map(|job| match job {
                Prepared::Template { path, template, scope } => Some((path, (template, scope.fingerprint))),
                Prepared::Ready(_) => None,
            })
            .collect();
        cache.targets = index.into_targets();
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

/// Markdown of every page and section (reusing the cache's where the text is
/// the same), and the pages' summaries.
fn render_texts(site: &Site, index: &LinkIndex, mut cache: Option<&mut RenderCache>) -> Result<Texts> {
    let markdown = Markdown::new(site.config.allow_html);
    let mut reusable = cache
        .as_deref_mut()
        .map(|c| std::mem::take(&mut c.documents))
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
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
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
    refs: Vec<Value>,
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
        renderer.refs = (0..site.pages.len())
            .into_par_iter()
            .map(|i| to_value(&renderer.page_ref(i)))
            .collect();
        renderer
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
        cx.insert(
            "home",
            &if self.pretty {
                root.clone()
            } else {
                format!("{root}index.html")
            },
        );
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

    fn render_page(&self, i: usize) -> std::result::Result<Prepared, Diagnostic> {
        let page = &self.site.pages[i];
        let mut cx = self.context(&page.path);
        cx.insert_value("page", self.page_value(i));
        let template = page
            .template
            .clone()
            .unwrap_or_else(|| format!("{}.html", page.kind.name()));
        if !self.theme.has_template(&template) {
            return Err(
                Diagnostic::error(&page.file, format!("there is no template {template}"))
                    .hint("add it under templates/, or remove `template` to use the theme's own"),
            );
        }
        self.html(&page.path, &template, cx)
    }

    /// `page` for a page template: its [`PageRef`] fields and its [`PageDetails`].
    fn page_value(&self, i: usize) -> Value {
        let mut map = self.refs[i].clone().into_map().unwrap_or_default();
        if let Some(details) = to_value(&self.page_details(i)).into_map() {
            map.extend(details);
        }
        Value::from(map)
    }

    fn page_details(&self, i: usize) -> PageDetails<'a> {
        let site = self.site;
        let page: &'a Page = &site.pages[i];
        let doc: &'a Document = &self.texts.pages[i];
        let (cjk, words) = count_reading_units(&doc.text);
        let mut terms: BTreeMap<&'a str, Vec<TermRef<'a>>> = BTreeMap::new();
        for taxonomy in &site.taxonomies {
            let list = crate::taxonomy::values_of(page, &taxonomy.name)
                .iter()
                .filter_map(|v| self.term_ref(&taxonomy.name, v))
                .collect();
            terms.insert(&taxonomy.name, list);
        }
        let (lower, higher, section) = match self.place[i] {
            Some((s, pos)) => {
                let list = &site.sections[s].pages;
                let at = |p: Option<usize>| p.and_then(|p| list.get(p)).map(|&j| self.refs[j].clone());
                let section = &site.sections[s];
                (
                    at(pos.checked_sub(1)),
                    at(Some(pos + 1)),
                    Some(LinkView {
                        title: &section.title,
                        path: self.url(&section.path),
                    }),
                )
            }
            None => (None, None, None),
        };
        let table = site.tables[i].as_ref();
        PageDetails {
            content: &doc.html,
            facts: self.facts(page),
            honor_links: page
                .honors
                .iter()
                .map(|h| NamedLink {
                    name: h,
                    path: self.term_ref("honors", h).map(|t| t.path).unwrap_or_default(),
                })
                .collect(),
            toc: doc.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect(),
            updated: page.updated.map(|d| d.to_string()).unwrap_or_default(),
            reading_minutes: reading_minutes(cjk, words),
            char_count: cjk + words,
            tags: terms.get("tags").cloned().unwrap_or_default(),
            terms,
            extra: &page.extra,
            lower,
            higher,
            section,
            events: site.events_of[i].iter().map(|&e| self.refs[e].clone()).collect(),
            awards: site.awards_of[i]
                .iter()
                .map(|&a| {
                    let award = &site.pages[a];
                    AwardLink {
                        title: &award.title,
                        path: self.url(&award.path),
                        year: award.year,
                        tier: award.tier.as_deref().unwrap_or(""),
                    }
                })
                .collect(),
            qr_svg: &self.texts.qr[i],
            columns: table
                .map(|t| {
                    t.columns
                        .iter()
                        .filter(|c| *c != crate::award::PERSON_SLUG_COLUMN)
                        .map(String::as_str)
                        .collect()
                })
                .unwrap_or_default(),
            rows: table.map(|t| self.rows(i, t)).unwrap_or_default(),
            row_count: table.map_or(0, |t| t.rows.len()),
            notice: page.notice.as_ref().map(|n| NoticeView {
                start: n.start.to_string(),
                end: n.end.to_string(),
                contact: &n.contact,
                state: if site.today < n.start {
                    "upcoming"
                } else if site.today <= n.end {
                    "active"
                } else {
                    "ended"
                },
            }),
            end_date: page.end_date.map(|d| d.to_string()).unwrap_or_default(),
            organizers: &page.organizers,
            participants: page.participants,
            people: site.people_of[i]
                .iter()
                .map(|(name, person)| LinkView {
                    title: name,
                    path: person.map(|p| self.url(&site.pages[p].path)).unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// The header facts of a page: who, where and when, each linked to its
    /// term page where the site has one.
    fn facts(&self, page: &Page) -> Vec<FactView> {
        const PERSON: [(&str, &str); 5] = [
            ("类别", "category"),
            ("地区", "region"),
            ("工作单位", "unit"),
            ("年度", "year"),
            ("级别", "level"),
        ];
        const AWARD: [(&str, &str); 4] = [
            ("发布单位", "issuer"),
            ("级别", "level"),
            ("年度", "year"),
            ("奖项等次", "tier"),
        ];
        let list: &[(&'static str, &'static str)] = match page.kind {
            Kind::Person => &PERSON,
            Kind::Award => &AWARD,
            Kind::Event | Kind::Page => &[],
        };
        list.iter()
            .filter_map(|&(label, taxonomy)| {
                let value = crate::taxonomy::values_of(page, taxonomy).into_iter().next()?;
                let path = self.term_ref(taxonomy, &value).map(|t| t.path).unwrap_or_default();
                Some(FactView { label, value, path })
            })
            .collect()
    }

    /// An award table's cells, each linked to the person its row names when
    /// the cell holds that person's title.
    fn rows(&self, i: usize, table: &'a crate::award::AwardTable) -> Vec<Vec<CellView<'a>>> {
        let hidden = table.columns.iter().position(|c| c == crate::award::PERSON_SLUG_COLUMN);
        table
            .rows
            .iter()
            .zip(&self.site.row_people[i])
            .map(|(row, person)| {
                row.iter()
                    .enumerate()
                    .filter(|(c, _)| Some(*c) != hidden)
                    .map(|(_, cell)| {
                        let path = person
                            .filter(|&p| self.site.pages[p].title == *cell)
                            .map(|p| self.url(&self.site.pages[p].path))
                            .unwrap_or_default();
                        CellView { text: cell, path }
                    })
                    .collect()
            })
            .collect()
    }

    fn term_ref(&self, taxonomy: &str, value: &str) -> Option<TermRef<'a>> {
        let &(t, k) = self.terms.get(&(taxonomy, value))?;
        let term = &self.site.taxonomies[t].terms[k];
        Some(TermRef {
            name: &term.name,
            path: self.url(&term.path),
            count: term.pages.len(),
        })
    }

    fn render_section(&self, s: usize, number: usize) -> std::result::Result<Prepared, Diagnostic> {
        let site = self.site;
        let section = &site.sections[s];
        let doc = &self.texts.sections[s];
        if section.is_home() {
            let mut cx = self.context("");
            let home = HomeView {
                title: &section.title,
                content: &doc.html,
                summary: section.summary.as_deref().unwrap_or(""),
                extra: &section.extra,
            };
            cx.insert("page", &home);
            cx.insert_value("sections", to_value(&self.teasers()));
            let taxonomies: Vec<TaxonomyView> = (0..site.taxonomies.len()).map(|t| self.taxonomy_view(t)).collect();
            cx.insert_value("taxonomies", to_value(&taxonomies));
            return self.html("", section.template.as_deref().unwrap_or("index.html"), cx);
        }
        let per_page = self.per_page(s);
        let dir = pagination_dir(&section.path, number);
        let mut cx = self.context(&dir);
        let view = SectionView {
            title: &section.title,
            path: self.url(&section.path),
            content: &doc.html,
            summary: section.summary.as_deref().unwrap_or(""),
            page_kind: section.page_kind,
            extra: &section.extra,
        };
        cx.insert("section", &view);
        self.insert_list(&mut cx, &section.pages, &section.path, number, per_page);
        self.html(&dir, section.template.as_deref().unwrap_or("section.html"), cx)
    }

    /// Adds `pages` (one pagination page of `all`) and `paginator`.
    fn insert_list(&self, cx: &mut Scope, all: &[usize], base: &str, number: usize, per_page: usize) {
        let start = (number - 1) * per_page;
        let pages: Vec<Value> = all
            .iter()
            .skip(start)
            .take(per_page)
            .map(|&i| self.refs[i].clone())
            .collect();
        cx.insert_value("pages", Value::from(pages));
        let total = page_count(all.len(), per_page);
        let url = |n: usize| self.url(&pagination_dir(base, n));
        let paginator = Paginator {
            current: number,
            total,
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < total).then(|| url(number + 1)),
            first: url(1),
            last: url(total),
            pages: pagination_window(number, total)
                .map(|n| PageNumber {
                    number: n,
                    path: url(n),
                })
                .collect(),
        };
        cx.insert("paginator", &paginator);
    }

    fn teasers(&self) -> Vec<SectionTeaser<'a>> {
        let site = self.site;
        let home = &site.sections[0];
        let mut list: Vec<&crate::section::Section> = home.subsections.iter().map(|&s| &site.sections[s]).collect();
        list.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.dir.cmp(&b.dir)));
        list.into_iter()
            .map(|s| SectionTeaser {
                title: &s.title,
                path: self.url(&s.path),
                page_kind: s.page_kind,
                total: s.pages.len(),
                pages: s
                    .pages
                    .iter()
                    .take(HOME_TEASER)
                    .map(|&i| self.refs[i].clone())
                    .collect(),
            })
            .collect()
    }

    fn taxonomy_view(&self, t: usize) -> TaxonomyView<'a> {
        let taxonomy = &self.site.taxonomies[t];
        TaxonomyView {
            name: &taxonomy.name,
            title: &taxonomy.title,
            path: self.url(&taxonomy.path),
            terms: taxonomy
                .terms
                .iter()
                .map(|term| TermRef {
                    name: &term.name,
                    path: self.url(&term.path),
                    count: term.pages.len(),
                })
                .collect(),
        }
    }

    fn render_taxonomy(&self, t: usize) -> std::result::Result<Prepared, Diagnostic> {
        let taxonomy = &self.site.taxonomies[t];
        let mut cx = self.context(&taxonomy.path);
        cx.insert("taxonomy", &self.taxonomy_view(t));
        self.html(&taxonomy.path, "taxonomy_list.html", cx)
    }

    fn render_term(&self, t: usize, k: usize, number: usize) -> std::result::Result<Prepared, Diagnostic> {
        let taxonomy = &self.site.taxonomies[t];
        let term = &taxonomy.terms[k];
        let dir = pagination_dir(&term.path, number);
        let mut cx = self.context(&dir);
        cx.insert(
            "taxonomy",
            &NavTaxonomy {
                name: &taxonomy.name,
                title: &taxonomy.title,
                path: self.url(&taxonomy.path),
            },
        );
        cx.insert(
            "term",
            &TermRef {
                name: &term.name,
                path: self.url(&term.path),
                count: term.pages.len(),
            },
        );
        self.insert_list(&mut cx, &term.pages, &term.path, number, self.site.config.paginate_by);
        self.html(&dir, "taxonomy_term.html", cx)
    }

    fn render_alias(&self, alias: &str, target: &str, file: &str) -> std::result::Result<Prepared, Diagnostic> {
        let output =
            alias_output(alias).map_err(|why| Diagnostic::error(file, format!("the alias {alias:?} {why}")))?;
        let dir = output.rfind('/').map_or("", |i| &output[..=i]);
        let mut cx = self.context(dir);
        cx.insert("target", &relative_url(dir, &self.url(target)));
        cx.insert("permalink", &self.site.config.permalink(&self.url(target)));
        Ok(Prepared::Template {
            path: output,
            template: "alias.html".into(),
            scope: cx,
        })
    }

    /// The 404 page is served at any depth, so its links start at the site's
    /// path on the server rather than being relative.
    fn render_not_found(&self) -> std::result::Result<Prepared, Diagnostic> {
        let mut cx = self.context("");
        let root = base_path(&self.site.config.base_url);
        cx.insert(
            "home",
            &if self.pretty {
                root.clone()
            } else {
                format!("{root}index.html")
            },
        );
        cx.insert("root", &root);
        Ok(Prepared::Template {
            path: "404.html".into(),
            template: "404.html".into(),
            scope: cx,
        })
    }

    fn render_feed(&self) -> std::result::Result<Prepared, Diagnostic> {
        let site = self.site;
        let dated: Vec<usize> = site
            .order
            .iter()
            .copied()
            .filter(|&i| site.pages[i].date.is_some())
            .take(FEED_LIMIT)
            .collect();
        let rfc = |d: jiff::civil::Date| format!("{d}T00:00:00Z");
        let entries: Vec<FeedEntry> = dated
            .iter()
            .map(|&i| {
                let page = &site.pages[i];
                let date = page.date.map(rfc).unwrap_or_default();
                FeedEntry {
                    title: &page.title,
                    permalink: site.config.permalink(&self.url(&page.path)),
                    updated_rfc3339: page.updated.map(rfc).unwrap_or_else(|| date.clone()),
                    date_rfc3339: date,
                    summary: &self.texts.summaries[i],
                    content: absolutize_html(
                        &self.texts.pages[i].html,
                        &site.config.base_url,
                        &page.path,
                        &self.url(&page.path),
                    ),
                }
            })
            .collect();
        let newest = dated
            .iter()
            .filter_map(|&i| site.pages[i].updated.max(site.pages[i].date))
            .max();
        let mut cx = self.context("");
        cx.insert("entries", &entries);
        cx.insert("feed_updated", &newest.map(rfc).unwrap_or_else(|| rfc(site.today)));
        cx.insert("feed_url", &site.config.permalink("atom.xml"));
        Ok(Prepared::Template {
            path: "atom.xml".into(),
            template: "atom.xml".into(),
            scope: cx,
        })
    }

    fn render_sitemap(&self) -> std::result::Result<Prepared, Diagnostic> {
        let site = self.site;
        let entry = |dir: &str, date: Option<jiff::civil::Date>| SitemapEntry {
            permalink: site.config.permalink(&self.url(dir)),
            lastmod: date.map(|d| d.to_string()).unwrap_or_default(),
        };
        let mut entries: Vec<SitemapEntry> = site.sections.iter().map(|s| entry(&s.path, s.updated)).collect();
        entries.extend(
            site.order
                .iter()
                .map(|&i| entry(&site.pages[i].path, site.pages[i].updated.or(site.pages[i].date))),
        );
        for taxonomy in &site.taxonomies {
            entries.push(entry(&taxonomy.path, None));
            entries.extend(taxonomy.terms.iter().map(|t| entry(&t.path, None)));
        }
        let mut cx = self.context("");
        cx.insert("entries", &entries);
        Ok(Prepared::Template {
            path: "sitemap.xml".into(),
            template: "sitemap.xml".into(),
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

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The page numbers a pager shows: the first, the last, and three on each side
/// of the current one (the outermost of those marks a gap). Listing all of them
/// would make a long list's pagers grow with the square of its length.
fn pagination_window(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let low = current.saturating_sub(3).max(1);
    let high = (current + 3).min(total);
    let first = (low > 1).then_some(1);
    let last = (high < total).then_some(total);
    first.into_iter().chain(low..=high).chain(last)
}

/// Folder of page `number` of a list at `base`: the list itself, then `page/2/` ….
fn pagination_dir(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// The path part of `base_url`: `/haoren/` for `https://example.org/haoren/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or("/".to_string(), |i| after_scheme[i..].to_string())
}

fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    Value::try_from_serializable(value).unwrap_or_else(|_| Value::none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_dirs_and_counts() {
        assert_eq!(pagination_dir("people/", 1), "people/");
        assert_eq!(pagination_dir("people/", 3), "people/page/3/");
        assert_eq!(page_count(0, 24), 1);
        assert_eq!(page_count(25, 24), 2);
    }

    #[test]
    fn pagination_window_keeps_ends_and_neighbours() {
        assert_eq!(pagination_window(1, 3).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            pagination_window(10, 40).collect::<Vec<_>>(),
            [1, 7, 8, 9, 10, 11, 12, 13, 40]
        );
    }

    #[test]
    fn base_path_of_url() {
        assert_eq!(base_path("https://example.org/haoren/"), "/haoren/");
        assert_eq!(base_path("https://example.org/"), "/");
    }
}
