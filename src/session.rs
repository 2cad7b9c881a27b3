//! A long-lived build for `serve` and `build --watch`: holds the last good
//! output and rebuilds it when files change. Knows nothing of HTTP.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::bug;
use crate::command::render_with;
use crate::content::{CONTENT_DIR, reload_page};
use crate::error::{Diagnostic, Error};
use crate::output::{Body, Output};
use crate::render::{RenderCache, Rendered, render_edited_bodies};
use crate::site::BuildOptions;
use crate::site::Site;
use crate::theme::Theme;

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuild {
    /// Source files that changed, relative to the site root.
    pub changed: Vec<String>,
    /// Output files whose bytes differ from the previous output (added or changed).
    pub updated: Vec<String>,
    /// Output files that no longer exist.
    pub removed: Vec<String>,
    pub pages: usize,
    /// Outputs that went through a template; the rest were reused unchanged.
    pub rendered: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Whether this build started afresh, after a panic that may have left
    /// the last one half-done: every output is then in `updated`, and
    /// `removed` cannot name what went away, so whoever keeps a copy of the
    /// output replaces it as a whole.
    pub whole: bool,
}

impl Rebuild {
    /// Whether only stylesheets changed, so browsers can swap them without a reload.
    pub fn css_only(&self) -> bool {
        !self.updated.is_empty() && self.removed.is_empty() && self.updated.iter().all(|p| p.ends_with(".css"))
    }
}

/// The site as last built, and the error of the last build if it failed.
pub struct Session {
    options: BuildOptions,
    /// Holds the last good output and what the next render can reuse.
    cache: RenderCache,
    /// The site and theme of the last good build, for edits that reach no
    /// further than a page's Markdown.
    last: Option<(Site, Theme)>,
    error: Option<Error>,
    /// Set when a panic threw away what was kept, until a build succeeds.
    whole: bool,
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
            whole: false,
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

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Rebuilds after `changed` (paths under the site root). On failure the
    /// previous output stays, and the error is kept until a build succeeds.
    /// A panic inside laurel is such an error too: the session then forgets
    /// what it kept for reuse, since the panic may have left it half-done,
    /// and the next build starts afresh (see [`Rebuild::whole`]).
    pub fn rebuild(&mut self, changed: Vec<PathBuf>) -> Result<Rebuild, &Error> {
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
            [] => "building the site".to_string(),
            files => format!("rebuilding after a change to {}", files.join(", ")),
        };
        let result = bug::catch(doing, || self.render(&changed, start)).unwrap_or_else(|err| {
            self.cache = RenderCache::default();
            self.last = None;
            self.whole = true;
            Err(err)
        });
        match result {
            Ok(mut rebuild) => {
                self.error = None;
                rebuild.whole = std::mem::take(&mut self.whole);
                Ok(rebuild)
            }
            Err(err) => Err(&*self.error.insert(err)),
        }
    }

    /// Renders what `changed` (relative to the site root) reaches, or the
    /// whole site.
    fn render(&mut self, changed: &[String], start: Instant) -> crate::error::Result<Rebuild> {
        if let Some(result) = self.render_edits(changed) {
            let rendered = result?;
            let site = &self.last.as_ref().expect("an edit renders on the last site").0;
            let findings = crate::inspect::inspect(site);
            let mut warnings = rendered.link_problems;
            warnings.extend(findings.empty_sections);
            warnings.extend(findings.warnings);
            warnings.extend(site.warnings.iter().cloned());
            return Ok(Rebuild {
                changed: changed.to_vec(),
                updated: rendered.updated,
                removed: rendered.removed,
                pages: site.pages.len(),
                rendered: rendered.rendered,
                warnings,
                elapsed: start.elapsed(),
                whole: false,
            });
        }
        let built = render_with(&self.options, Some(&mut self.cache))?;
        let mut updated = built.updated;
        // A copied file keeps its output entry when its bytes change: mark it by its source.
        for (path, body) in &self.cache.output().files {
            if let Body::Copy(source) = body
                && changed.iter().any(|c| source.ends_with(c))
                && !updated.contains(path)
            {
                updated.push(path.clone());
            }
        }
        let pages = built.site.pages.len();
        self.last = Some((built.site, built.theme));
        Ok(Rebuild {
            changed: changed.to_vec(),
            updated,
            removed: built.removed,
            pages,
            rendered: built.rendered,
            warnings: built.warnings,
            elapsed: start.elapsed(),
            whole: false,
        })
    }

    /// The quick path for saved pages whose Markdown alone changed (`changed`
    /// relative to the site root): re-reads just those files and renders what
    /// their Markdown reaches. `None` when the change may reach further, or
    /// the last build failed: then the whole site is rendered.
    fn render_edits(&mut self, changed: &[String]) -> Option<crate::error::Result<Rendered>> {
        if self.error.is_some() || changed.is_empty() {
            return None;
        }
        let (site, theme) = self.last.as_mut()?;
        if self.options.today() != site.today {
            return None;
        }
        let mut edits = Vec::with_capacity(changed.len());
        for path in changed {
            let source = path.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
            let i = site.pages.iter().position(|p| p.source == source)?;
            if edits.iter().any(|(j, _)| *j == i) {
                continue;
            }
            let page = reload_page(&self.options.root, &site.config, &site.sections, source)?.ok()?;
            edits.push((i, page));
        }
        render_edited_bodies(site, theme, &mut self.cache, edits).transpose()
    }
}
