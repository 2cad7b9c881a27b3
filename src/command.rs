//! The `build` and `check` commands: load → render → commit, sharing one path.

use std::path::Path;
use std::time::Instant;

use crate::bug;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;
use crate::output::Output;
use crate::output::Staging;
use crate::render::{RenderCache, Sink, render_site_to};
use crate::report::Report;
use crate::site::{BuildOptions, Site};
use crate::theme::Theme;

/// A site as far as it loaded: the files that loaded, its theme, and what
/// is wrong with the others.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    /// Every bad file; an empty list means the whole site loaded.
    pub problems: Vec<Diagnostic>,
}

/// A rendered site, not yet written anywhere.
pub struct Built {
    pub site: Site,
    pub theme: Theme,
    /// The output, when rendered without a cache (see [`render`]).
    pub output: Output,
    pub report: Report,
}

/// Loads the site and its theme, going on past bad files. Fails only when
/// there is nothing to go on with: no readable `laurel.toml` or `content/`,
/// or a theme whose templates do not load.
pub fn load(options: &BuildOptions) -> Result<Loaded> {
    let site = Site::load_partial(options);
    let theme_name = site
        .as_ref()
        .map(|(s, _)| s.config.theme.clone())
        .unwrap_or_else(|_| "default".into());
    match (site, Theme::load(&options.root, &theme_name)) {
        (Ok((site, problems)), Ok(theme)) => Ok(Loaded { site, theme, problems }),
        (Ok((_, problems)), Err(e)) => Err(merge(Error::Invalid(problems), e)),
        (Err(a), Err(b)) => Err(merge(a, b)),
        (Err(e), Ok(_)) => Err(e),
    }
}

/// Loads and renders the site in memory, reporting every bad file at once.
pub fn render(options: &BuildOptions) -> Result<Built> {
    let mut cache = RenderCache::default();
    let mut built = render_loaded(load(options)?, Sink::Memory(&mut cache))?;
    built.output = cache.take_output();
    Ok(built)
}

/// Renders a site that loaded whole into `sink`; one with bad files fails
/// with all of them.
pub fn render_loaded(loaded: Loaded, sink: Sink) -> Result<Built> {
    let Loaded { site, theme, problems } = loaded;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let report = render_site_to(&site, &theme, sink)?;
    Ok(Built {
        site,
        theme,
        output: Output::default(),
        report,
    })
}

/// `options` for a render that keeps nothing for the next: each page's
/// story is left in its file and read again where it is needed, so a big
/// site's stories are never all in memory.
fn leaving_stories(options: &BuildOptions) -> BuildOptions {
    BuildOptions {
        stories_in_files: true,
        ..options.clone()
    }
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
    bug::catch(msg::bug_building, || {
        let start = Instant::now();
        let within = |e: Error| e.within(&options.root);
        // Checking the previous output walks all of it, and loading walks
        // the site: neither needs the other, so they run side by side.
        let (staging, loaded) = rayon::join(
            || Staging::create(&options.root, out),
            || load(&leaving_stories(options)),
        );
        let staging = staging.map_err(within)?;
        let sink = if options.one_shot {
            Sink::FolderThenExit(&staging)
        } else {
            Sink::Folder(&staging)
        };
        let mut built = render_loaded(loaded?, sink)?;
        let committed = staging.finish().map_err(within)?;
        let mut report = std::mem::take(&mut built.report);
        if options.one_shot {
            std::mem::forget(built);
        }
        report.files = committed.files;
        report.warnings.extend(committed.warnings);
        report.elapsed = start.elapsed();
        Ok(report)
    })?
}

/// `laurel check`: everything a build reads, every internal link and the
/// inspection rules, in one run — bad files do not stop the check of the
/// others. Broken links and empty sections are errors here, and with
/// `strict` every warning is. Writes nothing, in the site or anywhere else.
pub fn check(options: &BuildOptions, strict: bool) -> Result<Report> {
    let start = Instant::now();
    let mut report = bug::catch(msg::bug_checking, || {
        let Loaded {
            site,
            theme,
            mut problems,
        } = load(&leaving_stories(options))?;
        let report = match render_site_to(&site, &theme, Sink::Check) {
            Ok(report) => report,
            Err(Error::Invalid(found)) => {
                problems.extend(found);
                Report::default().inspected(&site)
            }
            Err(other) => return Err(other),
        };
        let failed =
            !problems.is_empty() || !report.empty_sections.is_empty() || (strict && !report.warnings.is_empty());
        if !failed {
            return Ok(report);
        }
        let warning = |d: Diagnostic| if strict { d.into_error() } else { d };
        problems.extend(report.empty_sections.into_iter().map(Diagnostic::into_error));
        problems.extend(report.warnings.into_iter().map(warning));
        Err(Error::Invalid(problems))
    })??;
    report.elapsed = start.elapsed();
    Ok(report)
}
