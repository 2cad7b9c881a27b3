//! Render stage, for `serve`: after pages changed in their front matter —
//! a title, honours, category, date, photo — put each page read again in
//! place, work out the site's relations again without reading any other
//! file, and render only the outputs the [`Graph`] says the edit reaches.
//! What the graph cannot follow (award lists, a page that moves folder or
//! becomes a draft, changed link targets) goes to the whole-site render.

use rayon::prelude::*;

use super::graph::Graph;
use super::search::PageKeys;
use super::{Job, Prepared, RenderCache, Renderer, SUMMARY_LIMIT, check_links, link_index, text_hash};
use crate::error::{Diagnostic, Error, Result};
use crate::markdown::Markdown;
use crate::output::{Body, OutputFile};
use crate::page::{Kind, Page};
use crate::render::photo::CacheUse;
use crate::report::Report;
use crate::site::Site;
use crate::text::summarize;
use crate::theme::Theme;

/// Re-renders after `edits` (index into `site.pages`, and the page as read
/// again). `Ok(None)` when the whole site must be rendered instead; the
/// site may then hold the edited pages, the cache is as it was.
pub fn render_edited_pages(
    site: &mut Site,
    theme: &Theme,
    cache: &mut RenderCache,
    edits: Vec<(usize, Page)>,
    drafts: bool,
) -> Result<Option<Report>> {
    let (Some((keys, texts)), Some(links), Some(_)) = (&cache.texts, &cache.links, &cache.search) else {
        return Ok(None);
    };
    if cache.theme != theme.fingerprint() || keys.len() != site.pages.len() {
        return Ok(None);
    }
    let followed = |i: usize, page: &Page| {
        let old = &site.pages[i];
        old.kind != Kind::Award
            && page.kind == old.kind
            && page.path == old.path
            && (drafts || !page.draft)
            && site.check_photo(page).is_none()
    };
    if !edits.iter().all(|(i, page)| followed(*i, page)) {
        return Ok(None);
    }
    let before = Graph::of(&Renderer::new(site, theme, texts, links, false));
    let edited: Vec<usize> = edits.iter().map(|(i, _)| *i).collect();
    let old_keys: Vec<(usize, PageKeys)> = edited
        .iter()
        .map(|&i| (i, PageKeys::of(site, &texts.summaries, i, &texts.pages[i])))
        .collect();
    let photos_changed = edits.iter().any(|(i, page)| page.photo != site.pages[*i].photo);
    for (i, mut page) in edits {
        page.assets = site.pages[i].assets.clone();
        site.replace_page(i, page);
    }
    if cache.links.as_ref() != Some(&link_index(site, theme)) {
        return Ok(None);
    }
    let Some(thumbnails) = update_texts(site, cache, &edited, photos_changed) else {
        return Ok(None);
    };
    let mut report = render_reached(site, theme, cache, &before, &old_keys)?;
    if let (Some(report), Some(old)) = (report.as_mut(), thumbnails) {
        replace_thumbnails(cache, old, report);
    }
    Ok(report)
}

/// Renders the edited pages' Markdown, summaries and (when a photo changed)
/// thumbnails into the cache's texts. Gives the thumbnails the output held
/// before, when they were made again; `None` when a photo cannot be read.
fn update_texts(
    site: &Site,
    cache: &mut RenderCache,
    edited: &[usize],
    photos_changed: bool,
) -> Option<Option<Vec<OutputFile>>> {
    let links = cache.links.as_ref().expect("checked by the caller");
    let (keys, texts) = cache.texts.as_mut().expect("checked by the caller");
    let mut thumbnails = None;
    if photos_changed {
        let (photos, problems) = crate::render::photo::thumbnails(site, CacheUse::Fill);
        if !problems.is_empty() {
            return None;
        }
        thumbnails = Some(std::mem::replace(&mut texts.photos, photos).files());
    }
    let markdown = Markdown::new(site.config.allow_html);
    for &i in edited {
        let page = &site.pages[i];
        let hash = text_hash(&page.body);
        if keys[i].hash != hash || keys[i].line != page.body_line {
            texts.pages[i] = markdown.render(&page.body, page.body_line, &|url| {
                links.resolve(&page.source, &page.path, url)
            });
            keys[i].hash = hash;
            keys[i].line = page.body_line;
        }
        texts.summaries[i] = page
            .summary
            .clone()
            .unwrap_or_else(|| summarize(&texts.pages[i].lead, SUMMARY_LIMIT));
    }
    Some(thumbnails)
}

/// Puts the thumbnails of the cache's texts in the output in place of the `old` ones.
fn replace_thumbnails(cache: &mut RenderCache, old: Vec<OutputFile>, report: &mut Report) {
    let (_, texts) = cache.texts.as_ref().expect("checked by the caller");
    let new = texts.photos.files();
    for file in &old {
        if !new.iter().any(|f| f.path == file.path) {
            cache.output.files.remove(&file.path);
            report.removed.push(file.path.clone());
        }
    }
    for file in new {
        if !old.contains(&file) {
            report.updated.push(file.path.clone());
        }
        cache.output.files.insert(file.path, file.body);
    }
}

/// One output made again: its path, the template and fingerprint of its
/// context, and its text when the context changed.
struct Redone {
    path: String,
    template: Option<(String, u64)>,
    text: Option<String>,
}

/// Renders the outputs the edit reaches, the search index and the removals,
/// into the cache; nothing is kept unless all of them render.
fn render_reached(
    site: &Site,
    theme: &Theme,
    cache: &mut RenderCache,
    before: &Graph,
    old_keys: &[(usize, PageKeys)],
) -> Result<Option<Report>> {
    let edited: Vec<usize> = old_keys.iter().map(|(i, _)| *i).collect();
    let edited = &edited[..];
    let (_, texts) = cache.texts.as_ref().expect("checked by the caller");
    let links = cache.links.as_ref().expect("checked by the caller");
    let renderer = Renderer::new(site, theme, texts, links, true);
    let after = Graph::of(&renderer);
    let Some(reach) = before.reach(&after, edited, &renderer) else {
        return Ok(None);
    };
    let jobs = renderer.jobs();
    let Some(planned) = plan(&renderer, &jobs, cache) else {
        return Ok(None);
    };
    let reached: Vec<&Job> = jobs.iter().filter(|job| reach.holds(job)).collect();
    let contexts = &cache.contexts;
    let results: Vec<std::result::Result<Redone, Diagnostic>> = reached
        .par_iter()
        .map(|job| match renderer.prepare(job)? {
            Prepared::Ready(file) => Ok(Redone {
                path: file.path,
                template: None,
                text: match file.body {
                    Body::Text(text) => Some(text),
                    _ => None,
                },
            }),
            Prepared::Template { path, template, scope } => {
                let same = contexts.get(&path) == Some(&(template.clone(), scope.fingerprint));
                let text = if same {
                    None
                } else {
                    Some(theme.render(&template, &scope.context)?)
                };
                Ok(Redone {
                    template: Some((template, scope.fingerprint)),
                    path,
                    text,
                })
            }
        })
        .collect();
    let mut redone = Vec::with_capacity(results.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(r) => redone.push(r),
            Err(d) if !problems.contains(&d) => problems.push(d),
            Err(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let rendered = redone
        .iter()
        .filter(|r| r.template.is_some() && r.text.is_some())
        .count();
    let prepared = redone.iter().filter(|r| r.template.is_some()).count();
    drop(renderer);

    let mut updated = Vec::new();
    let mut removed = Vec::new();
    let gone: Vec<String> = cache
        .contexts
        .keys()
        .filter(|p| !planned.contains(*p))
        .cloned()
        .collect();
    for path in gone {
        cache.contexts.remove(&path);
        cache.output.files.remove(&path);
        removed.push(path);
    }
    for r in redone {
        if let Some(template) = r.template {
            cache.contexts.insert(r.path.clone(), template);
        }
        if let Some(text) = r.text {
            put(cache, &mut updated, r.path, Body::Text(text));
        }
    }
    let (_, texts) = cache.texts.as_ref().expect("checked by the caller");
    let search = cache.search.as_mut().expect("checked by the caller");
    let (files, gone) = search.update(site, &texts.pages, &texts.summaries, old_keys);
    for path in gone {
        cache.output.files.remove(&path);
        removed.push(path);
    }
    for file in files {
        put(cache, &mut updated, file.path, file.body);
    }
    let (_, texts) = cache.texts.as_ref().expect("checked by the caller");
    Ok(Some(
        Report {
            pages: site.pages.len(),
            files: cache.output.files.len(),
            rendered,
            prepared,
            updated,
            removed,
            links: check_links(site, texts),
            ..Report::default()
        }
        .inspected(site),
    ))
}

/// The output path of every job, as a whole-site render would plan them;
/// `None` when two outputs would meet, or an output is new where a file
/// not made from a template lies — the whole-site render then says so.
fn plan(renderer: &Renderer, jobs: &[Job], cache: &RenderCache) -> Option<std::collections::HashSet<String>> {
    let mut planned = std::collections::HashSet::with_capacity(jobs.len());
    for job in jobs {
        let (path, _) = renderer.planned(job).ok()?;
        let new = !cache.contexts.contains_key(&path) && !matches!(job, Job::Robots);
        if (new && cache.output.files.contains_key(&path)) || !planned.insert(path) {
            return None;
        }
    }
    Some(planned)
}

/// Puts a new body at `path`, noting it when its bytes changed. A file
/// copied there (from `static/`) wins over anything rendered, as in a
/// whole-site render.
fn put(cache: &mut RenderCache, updated: &mut Vec<String>, path: String, body: Body) {
    match cache.output.files.get(&path) {
        Some(Body::Copy(_)) => {}
        Some(old) if *old == body => {}
        _ => {
            updated.push(path.clone());
            cache.output.files.insert(path, body);
        }
    }
}
