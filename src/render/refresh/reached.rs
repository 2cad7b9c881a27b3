//! Render stage, for `serve`: renders the outputs an edit reaches, by the
//! graph before and after it, with the search index brought up to date and
//! the links and the inspection's rules checked alongside, and puts what
//! changed into the cache.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::plan::{PagesMoved, Plan, plan};
use crate::error::{Diagnostic, Error, Result};
use crate::links::LinkIndex;
use crate::output::{Body, Output, OutputFile};
use crate::render::graph::Graph;
use crate::render::photo::{Photos, ThumbnailChanges};
use crate::render::renderer::Card;
use crate::render::search::{IndexEdit, index_paths};
use crate::render::{Early, EarlyPage, Job, Prepared, Publish, RenderCache, Renderer, Texts, check_links};
use crate::report::Report;
use crate::site::{Site, photo_path};
use crate::theme::Theme;

/// What [`render_reached`] renders after.
pub(super) struct Edit<'a> {
    /// The graph before the edit, numbered as the pages are now.
    pub(super) before: &'a Graph,
    /// The pages read again, added or linked elsewhere.
    pub(super) edited: &'a [usize],
    /// Of those, the pages read again or added: their outputs are rendered first.
    pub(super) own: &'a [usize],
    /// The outputs of the pages removed.
    pub(super) removed: &'a [String],
    pub(super) search: &'a IndexEdit,
    /// See [`plan`].
    pub(super) planned: Option<(HashSet<String>, PagesMoved)>,
    /// Whether photos changed: their thumbnails are made again.
    pub(super) photos: bool,
    /// The output paths of the photos replaced (copied, so new already).
    pub(super) replaced: Vec<String>,
}

/// Puts the thumbnails `photos` in the cache's texts, and their `changes` in its output.
fn replace_thumbnails(cache: &mut RenderCache, (photos, changes): (Photos, ThumbnailChanges), report: &mut Report) {
    let (_, texts) = cache.texts.as_mut().expect("checked by the caller");
    texts.photos = photos;
    for path in changes.gone {
        cache.output.files.remove(&path);
        report.removed.push(path);
    }
    for file in changes.made {
        report.updated.push(file.path.clone());
        cache.output.files.insert(file.path, file.body);
    }
}

/// One output made again: its path, the template and fingerprint of its
/// context, and its text when the context changed.
struct Redone {
    path: String,
    template: Option<(String, u64)>,
    text: Option<Arc<String>>,
}

/// Renders the outputs the edit reaches, the search index and the removals,
/// into the cache; nothing is kept unless all of them render. The outputs
/// of the edit's own pages are rendered first and handed to `publish`. The
/// search index is brought up to date, and the links and the inspection's
/// rules checked, while the other outputs render, as none of them reads
/// another: after the own pages, so that they do not wait for them.
pub(super) fn render_reached(
    site: &Site,
    theme: &Theme,
    cache: &mut RenderCache,
    cards: Vec<std::sync::OnceLock<Card>>,
    edit: Edit,
    publish: Publish,
) -> Result<Option<Report>> {
    let (_, texts) = cache.texts.as_ref().expect("checked by the caller");
    let links = cache.links.as_ref().expect("checked by the caller");
    let search = cache.search.as_mut().expect("checked by the caller");
    // What the search index may change.
    let mut held: HashSet<String> = search.paths().into_iter().collect();
    held.extend(index_paths(site.order.len()));
    let hand_out = |mut early: Early| {
        early.held.extend(held);
        publish(early)
    };
    let (contexts, output, findings) = (&cache.contexts, &cache.output, &mut cache.findings);
    let checks = || {
        (
            check_links(site, texts),
            crate::inspect::inspect_with(site, findings, true),
        )
    };
    let beside = || {
        rayon::join(
            || search.update(site, &texts.pages, &texts.summaries, edit.search),
            checks,
        )
    };
    let after_own = (hand_out, beside);
    let rendered = render_outputs(site, theme, (texts, links), (contexts, output), cards, &edit, after_own)?;
    let Some((made, (index, (links, findings)))) = rendered else {
        return Ok(None);
    };
    let mut updated = Vec::new();
    let mut removed = Vec::new();
    for path in made.plan.gone {
        cache.contexts.remove(&path);
        cache.output.files.remove(&path);
        removed.push(path);
    }
    for r in made.redone {
        if let Some(template) = r.template {
            cache.contexts.insert(r.path.clone(), template);
        }
        if let Some(text) = r.text {
            put(cache, &mut updated, r.path, Body::Text(text));
        }
    }
    let (files, gone) = index;
    for path in gone {
        cache.output.files.remove(&path);
        removed.push(path);
    }
    for file in files {
        put(cache, &mut updated, file.path, file.body);
    }
    cache.cards = made.cards;
    cache.graph = Some(made.graph);
    cache.planned = Some(made.plan.others);
    let mut report = Report {
        pages: site.pages.len(),
        files: cache.output.files.len(),
        rendered: made.rendered,
        prepared: made.prepared,
        updated,
        removed,
        links,
        ..Report::default()
    }
    .with_findings(site, findings);
    report.updated.extend(edit.replaced);
    if let Some(thumbnails) = made.photos {
        replace_thumbnails(cache, thumbnails, &mut report);
    }
    Ok(Some(report))
}

/// What [`render_outputs`] made, for the cache.
struct Made {
    redone: Vec<Redone>,
    /// How many outputs were rendered through a template, and prepared.
    rendered: usize,
    prepared: usize,
    cards: Vec<std::sync::OnceLock<Card>>,
    graph: Graph,
    plan: Plan,
    /// The thumbnails, and how they changed, when photos changed.
    photos: Option<(Photos, ThumbnailChanges)>,
}

/// Renders the outputs the edit reaches, with `texts` and the link index,
/// against the last render's `contexts` and `output`; `Ok(None)` when the
/// whole site must be rendered. When photos changed, their thumbnails are
/// made while the graph, what it reaches and the plan are worked out, none
/// of which shows a photo. The outputs of the edit's own pages are
/// rendered first and, when they render, handed to `publish` with the
/// thumbnails made anew, the photos replaced and the paths of the other
/// outputs still to come; then the others render while `beside` runs,
/// whose result comes with what was made.
fn render_outputs<T: Send>(
    site: &Site,
    theme: &Theme,
    (texts, links): (&Texts, &LinkIndex),
    (contexts, output): (&HashMap<String, (String, u64)>, &Output),
    cards: Vec<std::sync::OnceLock<Card>>,
    edit: &Edit,
    (publish, beside): (impl FnOnce(Early), impl FnOnce() -> T + Send),
) -> Result<Option<(Made, T)>> {
    let renderer = Renderer::new(site, theme, texts, links, true);
    let outline = || {
        let after = Graph::of(&renderer);
        let reach = edit.before.reach(&after, edit.edited, &renderer)?;
        let jobs = renderer.jobs();
        let plan = plan(&renderer, &jobs, contexts, output, edit.planned.as_ref())?;
        Some((after, reach, jobs, plan))
    };
    let thumbnails = || {
        edit.photos
            .then(|| crate::render::photo::thumbnails_after(site, &texts.photos, &edit.replaced))
    };
    let (photos, outline) = rayon::join(thumbnails, outline);
    let Some((graph, reach, jobs, plan)) = outline else {
        return Ok(None);
    };
    let photos = match photos {
        Some((photos, problems)) if problems.is_empty() => Some(photos),
        Some(_) => return Ok(None),
        None => None,
    };
    let changes = photos
        .as_ref()
        .map(|photos| photos.changes_from(&texts.photos))
        .unwrap_or_default();
    if !thumbnails_followed(site, &changes.photos, edit.edited) {
        return Ok(None);
    }
    let renderer = match &photos {
        Some(photos) => renderer.with_photos(photos),
        None => renderer,
    }
    .with_cards(cards);
    let (own, rest): (Vec<&Job>, Vec<&Job>) = jobs
        .iter()
        .filter(|job| reach.holds(job))
        .partition(|job| matches!(job, Job::Page(i) if edit.own.contains(i)));
    let (mut redone, mut problems) = redo(&renderer, theme, (contexts, output), &own);
    if problems.is_empty() {
        let mut pages = early_pages(site, output, (&own, &redone), edit.removed, &plan);
        pages.extend(early_photos(output, &changes.made, &edit.replaced));
        let mut held: HashSet<String> = changes.gone.iter().cloned().collect();
        held.extend(rest.iter().filter_map(|job| Some(renderer.planned(job).ok()?.0)));
        held.extend(plan.gone.iter().filter(|p| !edit.removed.contains(p)).cloned());
        publish(Early { pages, held });
    }
    let ((more, more_problems), besides) = rayon::join(|| redo(&renderer, theme, (contexts, output), &rest), beside);
    redone.extend(more);
    for d in more_problems {
        if !problems.contains(&d) {
            problems.push(d);
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
    let cards = renderer.into_cards();
    let made = Made {
        redone,
        rendered,
        prepared,
        cards,
        graph,
        plan,
        photos: photos.map(|photos| (photos, changes)),
    };
    Ok(Some((made, besides)))
}

/// Whether every page showing a photo whose thumbnails changed (`changed`)
/// is `edited`, so that its page and card are made again and the outputs
/// that show its card reached. A photo's thumbnails may take names another
/// photo's had, which the graph does not follow.
fn thumbnails_followed(site: &Site, changed: &HashSet<String>, edited: &[usize]) -> bool {
    changed.is_empty()
        || site
            .pages
            .iter()
            .enumerate()
            .all(|(i, page)| edited.contains(&i) || photo_path(page).is_none_or(|path| !changed.contains(&path)))
}

/// The thumbnails made anew and the photos `replaced`, handed out early
/// beside the pages that show them.
fn early_photos(output: &Output, fresh: &[OutputFile], replaced: &[String]) -> Vec<EarlyPage> {
    let replaced = replaced.iter().filter_map(|path| {
        Some(OutputFile {
            path: path.clone(),
            body: output.files.get(path)?.clone(),
        })
    });
    fresh
        .iter()
        .cloned()
        .chain(replaced)
        .map(|file| EarlyPage {
            path: file.path,
            body: Some(file.body),
            file: None,
        })
        .collect()
}

/// Renders `jobs` again against the last render's `contexts` and `output`:
/// what each made, and the problems met, each once.
fn redo(
    renderer: &Renderer,
    theme: &Theme,
    (contexts, output): (&HashMap<String, (String, u64)>, &Output),
    jobs: &[&Job],
) -> (Vec<Redone>, Vec<Diagnostic>) {
    let results: Vec<std::result::Result<Redone, Diagnostic>> = jobs
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
                    // Rendered again, an output is about as long as it was.
                    let size = match output.files.get(&path) {
                        Some(Body::Text(text)) => text.len() + text.len() / 8,
                        _ => 0,
                    };
                    Some(Arc::new(theme.render_sized(&template, &scope.context, size)?))
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
    (redone, problems)
}

/// The pages handed out early: each of the edit's own pages (`own`, as
/// `redone`) whose text changed, unless a copied file lies there, and each
/// page `removed` whose output goes by the `plan`.
fn early_pages(
    site: &Site,
    output: &Output,
    (own, redone): (&[&Job], &[Redone]),
    removed: &[String],
    plan: &Plan,
) -> Vec<EarlyPage> {
    let made = own.iter().zip(redone).filter_map(|(job, r)| {
        let (Job::Page(i), Some(text)) = (job, &r.text) else {
            return None;
        };
        let copied = matches!(output.files.get(&r.path), Some(Body::Copy(_)));
        (!copied).then(|| EarlyPage {
            path: r.path.clone(),
            body: Some(Body::Text(text.clone())),
            file: Some(site.pages[*i].file.clone()),
        })
    });
    let gone = removed.iter().filter(|p| plan.gone.contains(p)).map(|path| EarlyPage {
        path: path.clone(),
        body: None,
        file: None,
    });
    made.chain(gone).collect()
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
