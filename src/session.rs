//! A long-lived build for `serve` and `build --watch`: holds the last good
//! output and rebuilds it when files change. Knows nothing of HTTP.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::bug;
use crate::command::{load, render_loaded};
use crate::content::{CONTENT_DIR, draft_page, reload_page};
use crate::error::{Diagnostic, Error};
use crate::i18n::msg;
use crate::output::{Body, Output};
use crate::page::Page;
use crate::render::{DraftView, Publish, RenderCache, Sink, render_draft, render_edited_bodies, render_edited_pages};
use crate::report::Report;
use crate::site::{BuildOptions, PageChange, Site, photo_path};
use crate::theme::Theme;

/// The site as last built, and the error of the last build if it failed.
pub struct Session {
    options: BuildOptions,
    /// Holds the last good output and what the next render can reuse.
    cache: RenderCache,
    /// The site and theme of the last good build, for edits that reach no
    /// further than a page's Markdown.
    last: Option<(Site, Theme)>,
    error: Option<Error>,
    /// `base_url` of the site last loaded, even if its build then failed.
    base_url: Option<String>,
    /// Set when a panic threw away what was kept, until a build succeeds.
    whole: bool,
    /// See [`Session::layout`].
    layout: u64,
    /// See [`Session::moved`].
    moved: Option<Vec<(String, Option<String>)>>,
}

impl Session {
    /// Builds the site once. A failed first build still gives a session: its
    /// output is empty and [`Session::error`] says why.
    pub fn start(options: BuildOptions) -> Session {
        let mut session = Session {
            options,
            cache: RenderCache::default(),
            last: None,
            error: None,
            base_url: None,
            whole: false,
            layout: 0,
            moved: None,
        };
        let _ = session.rebuild(Vec::new());
        session
    }

    /// The last good output (empty if no build has succeeded yet).
    pub fn output(&self) -> &Output {
        self.cache.output()
    }

    /// Why the last build failed, while it is not fixed.
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// The site of the last good build.
    pub fn site(&self) -> Option<&Site> {
        self.last.as_ref().map(|(site, _)| site)
    }

    /// Changes whenever a build may have added, removed or moved pages:
    /// while it stays the same, every page keeps its source file and its
    /// address, and no page comes or goes.
    pub fn layout(&self) -> u64 {
        self.layout
    }

    /// What the last step of [`Session::layout`] did, when it added and
    /// removed pages one by one: the output file of each page removed, then
    /// of each page added with its source file. `None` when it may have
    /// done more (a whole-site render): every page is to be looked at again.
    pub fn moved(&self) -> Option<&[(String, Option<String>)]> {
        self.moved.as_deref()
    }

    /// The base URL of the site as last loaded (`--base-url` if given);
    /// `None` until a `laurel.toml` has been read.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref()
    }

    /// Rebuilds after `changed` (paths under the site root). On failure the
    /// previous output stays, and the error is kept until a build succeeds.
    /// A panic inside laurel is such an error too: the session then forgets
    /// what it kept for reuse, since the panic may have left it half-done,
    /// and the next build starts afresh (see [`Report::whole`]).
    pub fn rebuild(&mut self, changed: Vec<PathBuf>) -> Result<Report, &Error> {
        self.rebuild_with(changed, &mut |_| {})
    }

    /// [`Session::rebuild`], handing the pages an edit made to `publish`
    /// as soon as they are rendered, before the rest (see [`Early`](crate::render::Early)). Only
    /// a rebuild of edited pages does; a whole-site render hands out nothing.
    /// What it hands out is not kept unless the rebuild succeeds.
    pub fn rebuild_with(&mut self, changed: Vec<PathBuf>, publish: Publish) -> Result<Report, &Error> {
        let start = Instant::now();
        let changed: Vec<String> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(&self.options.root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        let doing = || match changed.as_slice() {
            [] => msg::bug_building(),
            files => msg::bug_rebuilding(files.join(", ")),
        };
        let result = bug::catch(doing, || self.render(&changed, publish)).unwrap_or_else(|err| {
            self.cache = RenderCache::default();
            self.last = None;
            self.whole = true;
            Err(err)
        });
        match result {
            Ok(mut report) => {
                self.error = None;
                report.changed = changed;
                report.elapsed = start.elapsed();
                report.whole = std::mem::take(&mut self.whole);
                Ok(report)
            }
            Err(err) => Err(&*self.error.insert(err)),
        }
    }

    /// Renders the page file `file` (root-relative) from `text` — its front
    /// matter and Markdown as the editor's form holds them — as it would be
    /// rendered saved, against the last good build; nothing is written and
    /// the session keeps what it held. A page the last good build does not
    /// have, or a session whose last build failed, cannot be previewed.
    pub fn preview(&mut self, file: &str, text: &str) -> crate::error::Result<DraftView> {
        let unbuilt =
            || Error::from(Diagnostic::error(file, msg::edit_preview_unbuilt()).hint(msg::edit_preview_unbuilt_hint()));
        match bug::catch(|| msg::bug_previewing(file), || self.render_draft(file, text)) {
            Ok(rendered) => rendered?.ok_or_else(unbuilt),
            Err(err) => {
                self.cache = RenderCache::default();
                self.last = None;
                self.whole = true;
                Err(err)
            }
        }
    }

    /// [`Session::preview`], or `Ok(None)` when there is nothing to render it against.
    fn render_draft(&mut self, file: &str, text: &str) -> crate::error::Result<Option<DraftView>> {
        let Some((site, theme)) = self.last.as_mut().filter(|_| self.error.is_none()) else {
            return Ok(None);
        };
        let Some(source) = file.strip_prefix(CONTENT_DIR).and_then(|s| s.strip_prefix('/')) else {
            return Ok(None);
        };
        let Some(i) = site.pages.iter().position(|p| p.source == source) else {
            return Ok(None);
        };
        match draft_page(&site.config, &site.sections, source, text) {
            Some(Ok(page)) => render_draft(site, theme, &mut self.cache, i, page),
            Some(Err(problems)) => Err(Error::Invalid(problems)),
            None => Ok(None),
        }
    }

    /// Renders what `changed` (relative to the site root) reaches, or the
    /// whole site.
    fn render(&mut self, changed: &[String], publish: Publish) -> crate::error::Result<Report> {
        if let Some(report) = self.render_edits(changed, publish) {
            return report;
        }
        self.layout += 1;
        self.moved = None;
        let loaded = load(&self.options)?;
        self.base_url = Some(loaded.site.config.base_url.clone());
        let built = render_loaded(loaded, Sink::Memory(&mut self.cache))?;
        let mut report = built.report;
        // A copied file keeps its output entry when its bytes change: mark it by its source.
        for (path, body) in &self.cache.output().files {
            if let Body::Copy(source) = body
                && changed.iter().any(|c| source.ends_with(c))
                && !report.updated.contains(path)
            {
                report.updated.push(path.clone());
            }
        }
        self.last = Some((built.site, built.theme));
        Ok(report)
    }

    /// The quick path for saved pages (`changed` relative to the site root):
    /// re-reads just those files and renders what their Markdown reaches, or
    /// else what their front matter, their coming or their going reaches.
    /// `None` when the change may reach further, or the last build failed:
    /// then the whole site is rendered.
    fn render_edits(&mut self, changed: &[String], publish: Publish) -> Option<crate::error::Result<Report>> {
        if self.error.is_some() || changed.is_empty() {
            return None;
        }
        let (site, theme) = self.last.as_mut()?;
        if self.options.today() != site.today {
            return None;
        }
        let root = &self.options.root;
        let drafts = self.options.drafts;
        if let Some((changes, photos)) = photo_changes(root, site, changed) {
            return render_edited_pages(site, theme, &mut self.cache, changes, photos, drafts, publish).transpose();
        }
        let changes = page_changes(root, site, changed)?;
        // A page read again keeps its file and address, or the whole site is rendered.
        if !changes.iter().all(|change| matches!(change, PageChange::Replaced(..))) {
            self.layout += 1;
            self.moved = Some(moved(site, &changes));
        }
        let edits: Vec<(usize, Page)> = changes
            .iter()
            .map(|change| match change {
                PageChange::Replaced(i, page) => Some((*i, page.clone())),
                _ => None,
            })
            .collect::<Option<_>>()
            .unwrap_or_default();
        if edits.len() == changes.len() {
            match render_edited_bodies(site, theme, &mut self.cache, edits, publish) {
                Ok(None) => {}
                done => return done.transpose(),
            }
        }
        render_edited_pages(site, theme, &mut self.cache, changes, Vec::new(), drafts, publish).transpose()
    }
}

/// The output files of the pages `changes` removes, then of those it adds
/// with their source files (see [`Session::moved`]): a page read again keeps
/// its address, or the whole site is rendered.
fn moved(site: &Site, changes: &[PageChange]) -> Vec<(String, Option<String>)> {
    let output = |page: &Page| format!("{}index.html", page.path);
    let removed = changes.iter().filter_map(|change| match change {
        PageChange::Removed(i) => Some((output(&site.pages[*i]), None)),
        _ => None,
    });
    let added = changes.iter().filter_map(|change| match change {
        PageChange::Added(page) => Some((output(page), Some(page.file.clone()))),
        _ => None,
    });
    removed.chain(added).collect()
}

/// When every file of `changed` (relative to the site root) is a photo
/// that pages of `site` show, replaced by another: those pages, unchanged,
/// and the photos' output paths.
fn photo_changes(root: &Path, site: &Site, changed: &[String]) -> Option<(Vec<PageChange>, Vec<String>)> {
    let mut outputs = Vec::with_capacity(changed.len());
    for path in changed {
        let source = Path::new(path);
        let asset = site
            .static_files
            .iter()
            .chain(site.content_assets.iter().map(|(_, a)| a))
            .find(|a| a.source == source)?;
        if !root.join(path).is_file() {
            return None;
        }
        outputs.push(asset.output.clone());
    }
    let changes: Vec<PageChange> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| photo_path(p).is_some_and(|o| outputs.contains(&o)))
        .map(|(i, p)| PageChange::Replaced(i, p.clone()))
        .collect();
    (!changes.is_empty()).then_some((changes, outputs))
}

/// What `changed` (files relative to the site root) does to the pages of
/// `site`: each page read again, added or removed. `None` when a file is
/// no page of a section the site has, or a page does not load (the
/// whole-site render then says why).
fn page_changes(root: &Path, site: &Site, changed: &[String]) -> Option<Vec<PageChange>> {
    let mut changes = Vec::with_capacity(changed.len());
    let mut seen = Vec::with_capacity(changed.len());
    for path in changed {
        let source = path.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
        if seen.contains(&source) {
            continue;
        }
        seen.push(source);
        let held = site.pages.iter().position(|p| p.source == source);
        if !root.join(path).exists() {
            changes.push(PageChange::Removed(held?));
            continue;
        }
        if site.unloaded.iter().any(|u| u == source) {
            return None;
        }
        let page = reload_page(root, &site.config, &site.sections, source)?.ok()?;
        changes.push(match held {
            Some(i) => PageChange::Replaced(i, page),
            None => PageChange::Added(page),
        });
    }
    Some(changes)
}
