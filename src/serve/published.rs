//! Serve stage, a page-edit rebuild's first step: the pages its edit made
//! are served at once, what the rest of the rebuild may change is held
//! back (see [`super::held`]), and the browsers are told; what was shown
//! before is kept, to put back if the rest fails.

use std::collections::HashSet;
use std::sync::Arc;

use super::Event;
use super::reload::Signal;
use super::respond::{Shared, Shown};
use crate::output::Body;
use crate::render::Early;
use crate::report::Report;

/// What [`publish`] did: the files it put in place, each with the body and
/// source file shown there before, and the files it held back.
pub(super) struct Published {
    before: Vec<(String, Option<Arc<Body>>, Option<String>)>,
    held: HashSet<String>,
}

impl Published {
    /// Whether every file `rebuild` changed or removed was published or held.
    pub(super) fn covers(&self, rebuild: &Report) -> bool {
        rebuild
            .updated
            .iter()
            .chain(&rebuild.removed)
            .all(|path| self.held.contains(path) || self.before.iter().any(|(p, _, _)| p == path))
    }

    /// Puts back what was shown before, after the rest of the rebuild failed.
    pub(super) fn put_back(self, shown: &mut Shown) {
        for (path, body, file) in self.before {
            match body {
                Some(body) => shown.files.insert(path.clone(), body),
                None => shown.files.remove(&path),
            };
            match file {
                Some(file) => shown.articles.insert(path, file),
                None => shown.articles.remove(&path),
            };
        }
    }
}

/// Serves the pages an edit made at once, holds back what the rest of its
/// rebuild may change, and tells the browsers.
pub(super) fn publish(shared: &Shared, early: Early, report: &mut impl FnMut(Event<'_>)) -> Published {
    shared.held.hold(early.held.clone());
    let mut before = Vec::with_capacity(early.pages.len());
    let build = {
        let mut shown = shared.write();
        for page in early.pages {
            let body = match page.body {
                Some(body) => shown.files.insert(page.path.clone(), Arc::new(body)),
                None => shown.files.remove(&page.path),
            };
            let file = match page.file {
                Some(file) => shown.articles.insert(page.path.clone(), file),
                None => shown.articles.remove(&page.path),
            };
            before.push((page.path, body, file));
        }
        shown.build += 1;
        shown.build
    };
    shared.listeners.send(Signal::Reload, build);
    report(Event::Published {
        pages: before.len(),
        held: early.held.len(),
    });
    Published {
        before,
        held: early.held,
    }
}
