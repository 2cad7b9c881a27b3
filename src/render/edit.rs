//! Render stage, for `serve`: when pages changed only in their Markdown —
//! the commonest edit by far — re-render each such page, the feed and the
//! search shards that hold their text, instead of the whole site.
//!
//! What a page's Markdown reaches: its own page (story, contents, reading
//! time), the feed (full text of the newest pages), the search text, the
//! summary (when not set in front matter) and link checks. Everything else
//! is made from front matter. So an edit takes this path only while the
//! front matter, the summary and the build date are as they were; otherwise
//! the caller renders the whole site, which stays exact.

use super::{Early, EarlyPage, Job, Prepared, Publish, RenderCache, Renderer, SUMMARY_LIMIT, check_links};
use crate::error::{Diagnostic, Error, Result};
use crate::markdown::{Document, Markdown};
use crate::output::{Body, Output};
use crate::page::Page;
use crate::report::Report;
use crate::site::Site;
use crate::story::Story;
use crate::text::summarize;
use crate::theme::Theme;

/// Re-renders after `edits` (index into `site.pages`, and the page as read
/// again); the pages are rendered first and handed to `publish` (see
/// [`Early`]). `Ok(None)` when an edit reaches beyond its Markdown, or the
/// cache holds no earlier render of this site; nothing is changed then.
pub fn render_edited_bodies(
    site: &mut Site,
    theme: &Theme,
    cache: &mut RenderCache,
    edits: Vec<(usize, Page)>,
    publish: Publish,
) -> Result<Option<Report>> {
    let (Some((keys, texts)), Some(links), Some(search)) = (&cache.texts, &cache.links, &cache.search) else {
        return Ok(None);
    };
    let search_paths = search.paths();
    if cache.theme != theme.fingerprint() || keys.len() != site.pages.len() {
        return Ok(None);
    }
    let markdown = Markdown::new(site.config.allow_html);
    let mut documents: Vec<(usize, Story, Document)> = Vec::with_capacity(edits.len());
    for (i, page) in edits {
        let old = &site.pages[i];
        let front_matter_alike = Page {
            body: old.body.clone(),
            assets: old.assets.clone(),
            ..page.clone()
        } == *old;
        if !front_matter_alike {
            return Ok(None);
        }
        let doc = {
            let story = page.story(&site.root).map_err(|d| Error::Invalid(vec![d]))?;
            markdown.render(&story, page.body_line, &links.resolver(&page))
        };
        let summary = page
            .summary
            .clone()
            .unwrap_or_else(|| summarize(&doc.lead, SUMMARY_LIMIT));
        if summary != texts.summaries[i] {
            return Ok(None);
        }
        documents.push((i, page.body, doc));
    }

    // Put the new Markdown in place, keeping the old to put back on failure.
    let (keys, texts) = cache.texts.as_mut().expect("checked above");
    let mut previous = Vec::with_capacity(documents.len());
    for (i, body, doc) in documents {
        keys[i].hash = body.hash();
        let old_body = std::mem::replace(&mut site.pages[i].body, body);
        let old_doc = std::mem::replace(&mut texts.pages[i], doc);
        previous.push((i, old_body, old_doc));
    }
    let edited: Vec<usize> = previous.iter().map(|(i, _, _)| *i).collect();
    let hand_out = |pages: Vec<EarlyPage>, feed: String| {
        let held = search_paths.into_iter().chain([feed]).collect();
        publish(Early { pages, held })
    };
    let rendered = match render_jobs(site, theme, (texts, links), &cache.output, &edited, hand_out) {
        Ok(rendered) => rendered,
        Err(error) => {
            let (keys, texts) = cache.texts.as_mut().expect("checked above");
            for (i, body, doc) in previous {
                keys[i].hash = body.hash();
                site.pages[i].body = body;
                texts.pages[i] = doc;
            }
            return Err(error);
        }
    };

    let count = rendered.len();
    let mut updated = Vec::new();
    let output = &mut cache.output;
    for redone in rendered {
        put(output, &mut updated, redone.path.clone(), redone.text);
        cache.contexts.insert(redone.path, redone.template);
    }
    let search = cache.search.as_mut().expect("checked above");
    let mut files = Vec::new();
    for (i, _, old_doc) in &previous {
        files.extend(search.replace_text(site, &texts.summaries, *i, old_doc, &texts.pages[*i]));
    }
    for file in files {
        if let Body::Text(text) = file.body {
            put(output, &mut updated, file.path, std::sync::Arc::unwrap_or_clone(text));
        }
    }
    Ok(Some(
        Report {
            pages: site.pages.len(),
            files: cache.output.files.len(),
            rendered: count,
            prepared: count,
            updated,
            links: check_links(site, texts),
            ..Report::default()
        }
        .inspected_with(site, &mut cache.findings, true),
    ))
}

/// One output rendered again: its path, the template and fingerprint of its
/// context (for the next whole-site render to compare), and its text.
struct Redone {
    path: String,
    template: (String, u64),
    text: String,
}

/// Renders the edited pages, hands them to `publish` with the path of the
/// feed, then renders the feed; nothing is kept unless all of them render.
fn render_jobs(
    site: &Site,
    theme: &Theme,
    (texts, links): (&super::Texts, &crate::links::LinkIndex),
    output: &Output,
    edited: &[usize],
    publish: impl FnOnce(Vec<EarlyPage>, String),
) -> Result<Vec<Redone>> {
    let renderer = Renderer::new(site, theme, texts, links, true);
    let pages: Vec<Job> = edited.iter().map(|&i| Job::Page(i)).collect();
    let mut files = render_each(theme, &renderer, &pages)?;
    let early = edited
        .iter()
        .filter_map(|&i| {
            let path = format!("{}index.html", site.pages[i].path);
            let file = files.iter().find(|file| file.path == path)?;
            let copied = matches!(output.files.get(&path), Some(Body::Copy(_)));
            (!copied).then(|| EarlyPage {
                path,
                body: Some(Body::Text(file.text.clone().into())),
                file: Some(site.pages[i].file.clone()),
            })
        })
        .collect();
    let (feed, _) = renderer.planned(&Job::Feed).map_err(|d| Error::Invalid(vec![d]))?;
    publish(early, feed);
    files.extend(render_each(theme, &renderer, &[Job::Feed])?);
    Ok(files)
}

/// Renders `jobs` through their templates; nothing when one does not render.
fn render_each(theme: &Theme, renderer: &Renderer, jobs: &[Job]) -> Result<Vec<Redone>> {
    let mut files = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for job in jobs {
        let prepared = match renderer.prepare(job) {
            Ok(prepared) => prepared,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let Prepared::Template { path, template, scope } = prepared else {
            continue;
        };
        match theme.render(&template, &scope.context) {
            Ok(text) => {
                files.push(Redone {
                    path,
                    template: (template, scope.fingerprint),
                    text,
                });
            }
            Err(d) if !problems.contains(&d) => problems.push(d),
            Err(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(files)
}

/// Puts a new text at `path`, noting it when its bytes changed. A file that
/// is copied there (from `static/`) wins over anything rendered, as in a
/// whole-site render.
fn put(output: &mut Output, updated: &mut Vec<String>, path: String, text: String) {
    let body = Body::Text(text.into());
    match output.files.get(&path) {
        Some(Body::Copy(_)) => {}
        Some(old) if *old == body => {}
        _ => {
            updated.push(path.clone());
            output.files.insert(path, body);
        }
    }
}
