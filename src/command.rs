//! The `build` and `check` commands: load → render → commit, sharing one path.

use std::path::Path;
use std::time::Instant;

use crate::bug;
use crate::error::{Diagnostic, Error, Result};
use crate::output::Output;
use crate::output::Staging;
use crate::render::{RenderCache, Sink, render_site_to};
use crate::report::Report;
use crate::site::{BuildOptions, Site};
use crate::theme::Theme;

/// A rendered site, not yet written anywhere.
pub struct Built {
    pub site: Site,
    pub theme: Theme,
    /// The output, when rendered without a cache (see [`render`]).
    pub output: Output,
    pub report: Report,
}

/// Loads and renders the site in memory, reporting every bad file at once.
pub fn render(options: &BuildOptions) -> Result<Built> {
    let mut cache = RenderCache::default();
    let mut built = render_to(options, Sink::Memory(&mut cache))?;
    built.output = cache.take_output();
    Ok(built)
}

/// Like [`render`], reusing (and refreshing) what `cache` kept from the last
/// render; the output is left in the cache.
pub fn render_with(options: &BuildOptions, cache: &mut RenderCache) -> Result<Built> {
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
    let report = render_site_to(&site, &theme, sink)?;
    Ok(Built {
        site,
        theme,
        output: Output::default(),
        report,
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
            let mut report = built.report;
            report.files = committed.files;
            report.warnings.extend(committed.warnings);
            report.elapsed = start.elapsed();
            Ok(report)
        },
    )?
}

/// `laurel check`: everything a build reads, and every internal link; broken
/// links are errors here.
pub fn check(options: &BuildOptions) -> Result<Report> {
    let start = Instant::now();
    let mut report = bug::catch(|| "checking the site".into(), || render_to(options, Sink::Nowhere))??.report;
    if !report.links.is_empty() {
        let mut all: Vec<Diagnostic> = report.links.into_iter().map(Diagnostic::into_error).collect();
        all.append(&mut report.warnings);
        return Err(Error::Invalid(all));
    }
    report.elapsed = start.elapsed();
    Ok(report)
}
