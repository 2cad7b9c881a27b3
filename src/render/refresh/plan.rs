//! Render stage, for `serve`: where an edit's outputs go. Plans every
//! job's output path as a whole-site render would — after an edit of pages
//! only the jobs other than the pages' and the pages added — and finds the
//! outputs of the last render that no job makes now.

use std::collections::{HashMap, HashSet};

use crate::output::Output;
use crate::render::{Job, Renderer};

/// What [`plan`] found.
pub(super) struct Plan {
    /// The output path of every job but the pages'.
    pub(super) others: HashSet<String>,
    /// The outputs of the last render that no job makes now.
    pub(super) gone: Vec<String>,
}

/// The outputs of the pages that came and went since the last render
/// (a page moved to another file both went and came).
pub(super) struct PagesMoved {
    pub(super) removed: Vec<String>,
    pub(super) added: Vec<String>,
}

/// Plans the output path of every job as a whole-site render would;
/// `None` when two outputs would meet, or an output is new where a file
/// not made from a template lies — the whole-site render then says so.
/// With `before`, the paths of the other jobs than the pages' as the last
/// edit planned them, and the outputs of the pages removed and added since
/// (every other page kept its address), only the other jobs and the pages
/// added are planned: the other pages' outputs are as they were.
pub(super) fn plan(
    renderer: &Renderer,
    jobs: &[Job],
    contexts: &HashMap<String, (String, u64)>,
    output: &Output,
    before: Option<&(HashSet<String>, PagesMoved)>,
) -> Option<Plan> {
    let Some((before, pages)) = before else {
        return plan_all(renderer, jobs, contexts, output);
    };
    // Made last time, by a page that is still there.
    let kept_page =
        |path: &String| contexts.contains_key(path) && !before.contains(path) && !pages.removed.contains(path);
    // New where a file not made from a template lies.
    let over_file = |path: &String| !contexts.contains_key(path) && output.files.contains_key(path);
    let mut others = HashSet::with_capacity(before.len());
    for job in jobs.iter().filter(|job| !matches!(job, Job::Page(_))) {
        let (path, _) = renderer.planned(job).ok()?;
        let robots = matches!(job, Job::Robots);
        if (!robots && over_file(&path)) || kept_page(&path) || !others.insert(path) {
            return None;
        }
    }
    let mut added = HashSet::with_capacity(pages.added.len());
    for path in &pages.added {
        if over_file(path) || kept_page(path) || before.contains(path) || others.contains(path) || !added.insert(path) {
            return None;
        }
    }
    let gone = before
        .iter()
        .chain(&pages.removed)
        .filter(|path| !others.contains(*path) && !added.contains(path) && contexts.contains_key(*path))
        .cloned()
        .collect();
    Some(Plan { others, gone })
}

/// [`plan`] of every job, pages and all.
fn plan_all(
    renderer: &Renderer,
    jobs: &[Job],
    contexts: &HashMap<String, (String, u64)>,
    output: &Output,
) -> Option<Plan> {
    let mut planned = HashSet::with_capacity(jobs.len());
    let mut others = HashSet::new();
    for job in jobs {
        let (path, _) = renderer.planned(job).ok()?;
        let new = !contexts.contains_key(&path) && !matches!(job, Job::Robots);
        if (new && output.files.contains_key(&path)) || !planned.insert(path.clone()) {
            return None;
        }
        if !matches!(job, Job::Page(_)) {
            others.insert(path);
        }
    }
    let gone = contexts.keys().filter(|p| !planned.contains(*p)).cloned().collect();
    Some(Plan { others, gone })
}
