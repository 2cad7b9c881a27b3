//! Render stage: Markdown of every page and section (`texts`), then every
//! output file through the templates (`renderer`), in parallel — kept in
//! memory for `serve`, or written out one by one for `build` (a [`Sink`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use tera::Value;

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::{Message, msg};
use crate::links::LinkIndex;
use crate::output::{Body, Output, OutputFile, Staging};
use crate::render::photo::CacheUse;
use crate::report::Report;
use crate::site::Site;
use crate::theme::{Theme, ThemeFile};

mod draft;
mod early;
mod edit;
mod feeds;
mod graph;
mod lists;
mod page_view;
pub mod photo;
mod plan;
mod print;
pub mod qr;
mod refresh;
mod renderer;
mod scope;
pub mod search;
mod stash;
mod texts;
pub mod views;

pub use draft::{DraftView, render_draft};
pub use early::{Early, EarlyPage, Publish};
pub use edit::render_edited_bodies;
use plan::{Origin, check_plan};
pub use refresh::render_edited_pages;
use renderer::{Job, Renderer};
use scope::Scope;
pub use texts::link_index;
use texts::{Texts, check_links, render_texts};

/// How many characters an automatic summary may take.
const SUMMARY_LIMIT: usize = 120;
/// How many entries the Atom feed holds.
const FEED_LIMIT: usize = 50;
/// How many pages of each section the home page shows.
const HOME_TEASER: usize = 8;

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
    /// Address → QR code: an address keeps its code from render to render.
    qr_codes: HashMap<String, crate::render::qr::Code>,
    links: Option<LinkIndex>,
    /// The graph of the site as the last render left it, to stand for the
    /// site before the next edit of pages.
    graph: Option<graph::Graph>,
    /// The output path of every job but the pages', as the last render
    /// planned them (see [`refresh`]).
    planned: Option<HashSet<String>>,
    search: Option<crate::render::search::Index>,
    /// Each page's card as the last render made it (see
    /// [`Renderer::card`]): a card shows the page's own fields, summary and
    /// photo alone, so an edit of pages makes only theirs again.
    cards: Vec<std::sync::OnceLock<renderer::Card>>,
    /// Output path → the template and the fingerprint of the context it was rendered from.
    contexts: HashMap<String, (String, u64)>,
    theme: u64,
    output: Output,
    /// The inspection's findings in each Markdown body.
    findings: crate::inspect::BodyFindings,
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

    /// Takes the output of the last successful render, leaving the cache empty of it.
    pub fn take_output(&mut self) -> Output {
        std::mem::take(&mut self.output)
    }
}

/// Where a render puts the files it makes.
pub enum Sink<'a> {
    /// Kept in memory, in the cache (see [`RenderCache::output`]), reusing
    /// what it holds from the last render.
    Memory(&'a mut RenderCache),
    /// Written into a staging folder as they are made, so the site is never
    /// held in memory all at once.
    Folder(&'a Staging),
    /// As [`Sink::Folder`], for a process that ends right after the build
    /// (see [`crate::BuildOptions::one_shot`]): the Markdown and the cards
    /// made for the templates are not dropped.
    FolderThenExit(&'a Staging),
    /// Rendered and dropped, for `laurel check`: what went wrong, not the
    /// files. Nothing is written, not even the thumbnail cache, and broken
    /// links are errors.
    Check,
}

/// Renders the whole site in memory.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Output> {
    let mut cache = RenderCache::default();
    render_site_to(site, theme, Sink::Memory(&mut cache))?;
    Ok(cache.take_output())
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

/// Renders the site into `sink`, and reports what it made and the site's
/// warnings. A failure lists every problem found: photos, links (with
/// [`Sink::Check`]), output paths, templates. On failure a cache keeps the
/// last good output, and a staging folder is left for its owner to drop.
pub fn render_site_to(site: &Site, theme: &Theme, sink: Sink) -> Result<Report> {
    let checking = matches!(sink, Sink::Check);
    let exiting = matches!(sink, Sink::FolderThenExit(_));
    let (mut cache, staging, keep) = match sink {
        Sink::Memory(cache) => (Some(cache), None, true),
        Sink::Folder(staging) | Sink::FolderThenExit(staging) => (None, Some(staging), false),
        Sink::Check => (None, None, false),
    };
    let index = link_index(site, theme);
    if let Some(cache) = cache.as_deref_mut() {
        cache.graph = None;
        cache.planned = None;
        cache.cards = Vec::new();
        if cache.links.as_ref() != Some(&index) || cache.theme != theme.fingerprint() {
            cache.texts = None;
        }
        if cache.theme != theme.fingerprint() {
            cache.contexts.clear();
        }
    }
    let photo_cache = if checking { CacheUse::Read } else { CacheUse::Fill };
    let (mut texts, keys, mut problems) = render_texts(site, &index, cache.as_deref_mut(), photo_cache);
    let mut link_problems = check_links(site, &texts);
    if checking {
        problems.extend(link_problems.drain(..).map(Diagnostic::into_error));
    }

    // The search index is finished while the jobs are listed: neither needs the other.
    let fingerprints = cache.is_some();
    let (search, (renderer, jobs)) = rayon::join(
        || crate::render::search::finish_index(site, &texts.summaries, keys),
        || {
            let renderer = Renderer::new(site, theme, &texts, &index, fingerprints);
            let jobs = renderer.jobs();
            (renderer, jobs)
        },
    );

    // Files copied or generated without a template.
    let made_by = |what: Message| move |file: OutputFile| (file, Origin::BuiltIn(what.clone()));
    let thumbnails = texts
        .photos
        .files()
        .into_iter()
        .map(made_by(msg::plan_made_thumbnail()));
    let mut outputs: Vec<(String, Origin)> = Vec::new();
    let mut extras: BTreeMap<String, Body> = BTreeMap::new();
    for (file, origin) in copied_files(site, theme).into_iter().chain(thumbnails) {
        outputs.push((file.path.clone(), origin));
        extras.insert(file.path, file.body);
    }
    // The search index files are made from the index as they are written.
    let search_paths = search.paths();
    let extra_count = extras.len() + search_paths.len();
    let made_by_search = Origin::BuiltIn(msg::plan_made_search_index());
    outputs.extend(search_paths.into_iter().map(|path| (path, made_by_search.clone())));

    let planned = match plan_jobs(&renderer, &jobs, outputs) {
        Ok(planned) => planned,
        Err(mut clashes) => {
            problems.append(&mut clashes);
            return Err(Error::Invalid(problems));
        }
    };

    // Files made without a template are written (or, checking, dropped)
    // before the pages are rendered, so they are not held meanwhile.
    if let Some(staging) = staging {
        let files: Vec<(&String, &Body)> = extras.iter().collect();
        files
            .par_iter()
            .try_for_each(|(path, body)| staging.write(path, body))
            .map_err(|e| e.within(&site.root))?;
        search
            .write_files(|file| staging.write(&file.path, &file.body))
            .map_err(|e| e.within(&site.root))?;
    }
    if keep {
        extras.extend(search.files().into_iter().map(|file| (file.path, file.body)));
    } else {
        extras.clear();
    }
    // Only serve's cache keeps the index, to redo one shard after an edit.
    let search = cache.is_some().then_some(search);

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
    // Each context is made, rendered and dropped in one step, never all held
    // at once. Unless kept, a template's output goes through `buffer` (one
    // per worker) straight to its file, never copied into a `String`.
    let make = |buffer: &mut Vec<u8>, (job, planned): (&Job, &String)| -> Result<Made> {
        // `None` for output left in `buffer`.
        let (path, template, body) = match renderer.prepare(job)? {
            Prepared::Ready(file) => (file.path, None, Some(file.body)),
            Prepared::Template { path, template, scope } => {
                if unchanged(&path, &template, scope.fingerprint) {
                    return Ok(Made {
                        path,
                        template: Some((template, scope.fingerprint)),
                        body: None,
                        reused: true,
                    });
                }
                let body = if keep {
                    Some(Body::Text(theme.render(&template, &scope.context)?.into()))
                } else {
                    buffer.clear();
                    theme.render_to(&template, &scope.context, buffer)?;
                    None
                };
                (path, Some((template, scope.fingerprint)), body)
            }
        };
        debug_assert_eq!(&path, planned, "a job's output is where it was planned");
        let body = match (staging, body) {
            (Some(staging), body) => {
                match &body {
                    Some(body) => staging.write(&path, body),
                    None => staging.write_bytes(&path, buffer),
                }
                .map_err(|e| e.within(&site.root))?;
                None
            }
            (None, body) => body.filter(|_| keep),
        };
        Ok(Made {
            path,
            template,
            body,
            reused: false,
        })
    };
    let results: Vec<Result<Made>> = jobs
        .par_iter()
        .zip(&planned)
        .with_max_len(crate::TASK_LEN)
        .map_init(Vec::new, make)
        .collect();
    // A cache keeps the graph, plan and cards the next edit of pages starts from.
    let kept = match (cache.is_some(), exiting) {
        (true, _) => Some(refresh::Kept::of(renderer, &jobs, &planned)),
        (false, true) => {
            std::mem::forget(renderer);
            None
        }
        (false, false) => {
            drop(renderer);
            None
        }
    };

    let mut made = Vec::with_capacity(results.len());
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

    let rendered = made.iter().filter(|m| m.template.is_some() && !m.reused).count();
    let prepared = made.iter().filter(|m| m.template.is_some()).count();
    let files = made.len() + extra_count;
    let mut output = Output::default();
    let mut updated = Vec::new();
    let mut contexts = HashMap::new();
    for m in made {
        if let Some(template) = m.template.filter(|_| keep) {
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
    if keep {
        for (path, body) in extras {
            if old_output.files.remove(&path).as_ref() != Some(&body) {
                updated.push(path.clone());
            }
            output.files.insert(path, body);
        }
    }
    let removed = old_output.files.into_keys().collect();
    let mut report = Report {
        pages: site.pages.len(),
        files,
        rendered,
        prepared,
        updated,
        removed,
        links: link_problems,
        ..Report::default()
    };
    if let Some(cache) = cache {
        report = report.inspected_with(site, &mut cache.findings, false);
        let sources = site
            .pages
            .iter()
            .map(|p| DocumentKey {
                source: p.source.clone(),
                hash: p.body.hash(),
                line: p.body_line,
            })
            .collect();
        cache.texts = Some((sources, texts));
        cache.search = search;
        cache.contexts = contexts;
        cache.links = Some(index);
        cache.theme = theme.fingerprint();
        cache.output = output;
        if let Some(kept) = kept {
            kept.keep_in(cache);
        }
        return Ok(report);
    }
    // The Markdown pass inspected every page's story: only the sections' are read here.
    let report = report.inspected_with(site, &mut texts.findings, true);
    if exiting {
        std::mem::forget(texts);
    }
    Ok(report)
}

/// Gives a failed render's cache back the last good output, and returns `error`.
fn restore(cache: Option<&mut RenderCache>, old_output: Output, error: Error) -> Error {
    if let Some(cache) = cache {
        cache.output = old_output;
    }
    error
}

/// Where every job's output goes, checked with the `outputs` made without a
/// template before anything is rendered or written (see [`check_plan`]).
fn plan_jobs(
    renderer: &Renderer,
    jobs: &[Job],
    mut outputs: Vec<(String, Origin)>,
) -> std::result::Result<Vec<String>, Vec<Diagnostic>> {
    let planned: Vec<_> = jobs.par_iter().map(|job| renderer.planned(job)).collect();
    let mut paths = Vec::with_capacity(jobs.len());
    let mut problems = Vec::new();
    for plan in planned {
        match plan {
            Ok((path, origin)) => {
                paths.push(path.clone());
                outputs.push((path, origin));
            }
            Err(d) => problems.push(d),
        }
    }
    if let Err(mut clashes) = check_plan(outputs) {
        problems.append(&mut clashes);
    }
    if problems.is_empty() { Ok(paths) } else { Err(problems) }
}

/// Files copied as they are: the site's `static/` and the files of
/// `content/`, and the theme's static files the site does not replace.
fn copied_files(site: &Site, theme: &Theme) -> Vec<(OutputFile, Origin)> {
    let mut files: Vec<(OutputFile, Origin)> = site
        .static_files
        .iter()
        .chain(site.content_assets.iter().map(|(_, a)| a))
        .map(|asset| {
            let file = OutputFile {
                path: asset.output.clone(),
                body: Body::Copy(site.root.join(&asset.source)),
            };
            (file, Origin::Copy(shown(&asset.source)))
        })
        .collect();
    let replaced: HashSet<&str> = files.iter().map(|(f, _)| f.path.as_str()).collect();
    let theme_files: Vec<(OutputFile, Origin)> = theme
        .static_files
        .iter()
        .filter(|(out, _)| !replaced.contains(out.as_str()))
        .map(|(out, file)| {
            let (body, origin) = match file {
                ThemeFile::BuiltIn(bytes) => (Body::Bytes(bytes), Origin::BuiltIn(msg::plan_made_theme_file(out))),
                ThemeFile::Disk(path) => (Body::Copy(site.root.join(path)), Origin::Copy(shown(path))),
            };
            (
                OutputFile {
                    path: out.clone(),
                    body,
                },
                origin,
            )
        })
        .collect();
    files.extend(theme_files);
    files
}

/// A root-relative path as messages show it, with `/` separators.
fn shown(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    Value::try_from_serializable(value).unwrap_or_else(|_| Value::none())
}
