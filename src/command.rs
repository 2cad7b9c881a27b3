//! The `build` and `check` commands: load → render → commit, sharing one path.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::bug;
use crate::error::{Diagnostic, Error, Result};
use crate::inspect::inspect;
use crate::output::Output;
use crate::output::Staging;
use crate::render::{RenderCache, Sink, render_site_to};
use crate::site::{BuildOptions, Site};
use crate::theme::Theme;

/// What a successful command did.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// A rendered site, not yet written anywhere.
pub struct Built {
    pub site: Site,
    pub theme: Theme,
    pub output: Output,
    /// Problems that do not stop a build (broken links, ambiguous names,
    /// inspection findings).
    pub warnings: Vec<Diagnostic>,
    /// How many of the warnings, from the first, `check` treats as errors
    /// (broken links, empty sections).
    pub check_errors: usize,
    /// How many outputs went through a template (not reused from the cache).
    pub rendered: usize,
    /// With a cache: output paths new or changed, and gone, since the last render.
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// How many files the site has.
    pub files: usize,
}

/// Loads and renders the site in memory, reporting every bad file at once.
pub fn render(options: &BuildOptions) -> Result<Built> {
    render_to(options, Sink::Memory(None))
}

/// Like [`render`], reusing (and refreshing) what `cache` kept from the last render.
pub fn render_with(options: &BuildOptions, cache: Option<&mut RenderCache>) -> Result<Built> {
    render_to(options, Sink::Memory(cache))
}

/// Loads the site and renders it into `sink`.
fn render_to(options: &BuildOptions, sink: Sink) -> Result<Built> {
    let site = Site::load(options);
    let theme_name = site
        .as_ref()
        .map(|s| s.config.theme.clone())
        .unwrap_or_else(|_| "default".into());
    let theme = Theme::load(&options.root, &theme_name);
    let (site, theme) = match (site, theme) {
        (Ok(site), Ok(theme)) => (site, theme),
        (Err(a), Err(b)) => return Err(merge(a, b)),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let rendered = render_site_to(&site, &theme, sink)?;
    let findings = inspect(&site);
    let mut warnings = rendered.link_problems;
    warnings.extend(findings.empty_sections);
    let check_errors = warnings.len();
    warnings.extend(findings.warnings);
    warnings.extend(site.warnings.iter().cloned());
    Ok(Built {
        site,
        theme,
        rendered: rendered.rendered,
        updated: rendered.updated,
        removed: rendered.removed,
        output: rendered.output,
        files: rendered.files,
        warnings,
        check_errors,
    })
}

fn merge(a: Error, b: Error) -> Error {
    match (a, b) {
        (Error::Invalid(mut x), Error::Invalid(y)) => {
            x.extend(y);
            Error::Invalid(x)
        }
        (Error::Invalid(_), io) | (io, _) => io,
    }
}

/// `laurel build`: renders the site straight into a folder beside `out`, and
/// swaps that in when the whole site is written. A panic inside laurel is an
/// error too (see [`bug::catch`]); the output stays as it was.
pub fn build(options: &BuildOptions, out: &Path) -> Result<Report> {
    bug::catch(
        || "building the site".into(),
        || {
            let start = Instant::now();
            let within = |e: Error| e.within(&options.root);
            let staging = Staging::create(&options.root, out).map_err(within)?;
            let built = render_to(options, Sink::Folder(&staging))?;
            let committed = staging.finish().map_err(within)?;
            let mut warnings = built.warnings;
            warnings.extend(committed.warnings);
            Ok(Report {
                pages: built.site.pages.len(),
                files: committed.files,
                warnings,
                elapsed: start.elapsed(),
            })
        },
    )?
}

/// `laurel check`: everything a build reads, every internal link and the
/// inspection rules; broken links and empty sections are errors here, and
/// with `strict` every warning is.
pub fn check(options: &BuildOptions, strict: bool) -> Result<Report> {
    let start = Instant::now();
    let built = bug::catch(|| "checking the site".into(), || render_to(options, Sink::Nowhere))??;
    let errors = if strict {
        built.warnings.len()
    } else {
        built.check_errors
    };
    if errors > 0 {
        let all = built.warnings.into_iter().enumerate();
        let all = all.map(|(i, d)| if i < errors { d.into_error() } else { d });
        return Err(Error::Invalid(all.collect()));
    }
    Ok(Report {
        pages: built.site.pages.len(),
        files: built.files,
        warnings: built.warnings,
        elapsed: start.elapsed(),
    })
}
