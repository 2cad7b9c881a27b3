//! `laurel export`: pages written for places other than the website. For
//! now `export wechat`, a folder per page for a WeChat official account
//! (公众号): `article.html` ([`wechat`]), its pictures ([`images`]),
//! `cover.jpg` and `plain.txt`. The site is loaded as `build` loads it, and
//! the output folder follows the build's rules ([`crate::output::Staging`]):
//! written beside it and swapped in, never over files laurel did not write.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::{Message, msg};
use crate::links::{LinkIndex, page_url};
use crate::markdown::Markdown;
use crate::output::{Body, MANIFEST, Staging};
use crate::site::{BuildOptions, Site};
use crate::theme::Theme;

pub mod clipboard;
mod html_text;
pub mod images;
mod story;
mod style;
pub mod wechat;

/// The output folder of `export wechat` when none is given, relative to the site root.
pub const WECHAT_DIR: &str = "export/wechat";

/// What an export wrote.
#[derive(Debug)]
pub struct ExportReport {
    /// The folder of each page, relative to the output folder.
    pub folders: Vec<String>,
    pub elapsed: Duration,
}

/// One article's files, relative to its folder.
pub struct ArticleFiles {
    pub folder: String,
    pub files: Vec<(String, Body)>,
    /// The article as `article.html` holds it, without the page around it.
    pub html: String,
}

/// `laurel export wechat`: a folder per page under `out` (`pages` are content
/// files or sections, as given on the command line). Folders of pages
/// exported before and not named now are kept.
pub fn export_wechat(options: &BuildOptions, pages: &[String], out: &Path) -> Result<ExportReport> {
    let start = Instant::now();
    let (site, index) = load(options)?;
    let chosen = choose_pages(&site, pages)?;
    let markdown = Markdown::new(false);
    let results: Vec<std::result::Result<ArticleFiles, Vec<Diagnostic>>> = chosen
        .par_iter()
        .map(|&i| article_files(&site, &index, &markdown, i))
        .collect();
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(article) => articles.push(article),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let staging = Staging::create(&options.root, out)?;
    let folders: Vec<String> = articles.iter().map(|a| a.folder.clone()).collect();
    keep_earlier_folders(&staging, out, &folders)?;
    for article in &articles {
        for (name, body) in &article.files {
            staging.write(&format!("{}/{name}", article.folder), body)?;
        }
    }
    staging.finish()?;
    Ok(ExportReport {
        folders,
        elapsed: start.elapsed(),
    })
}

/// The site, loaded as `build` loads it, and where its links lead.
fn load(options: &BuildOptions) -> Result<(Site, LinkIndex)> {
    let site = Site::load(options)?;
    let theme = Theme::load(&options.root, &site.config.theme)?;
    let index = crate::render::link_index(&site, &theme);
    Ok((site, index))
}

/// The pages named on the command line, in order, each once: a content file
/// (`content/people/a.md` or `people/a.md`, a bundle's folder or its
/// `index.md`) or a section folder (all its pages, and its subsections').
fn choose_pages(site: &Site, names: &[String]) -> Result<Vec<usize>> {
    let root = site.root.canonicalize().unwrap_or_else(|_| site.root.clone());
    let mut chosen = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let rel = content_relative(&root, name);
        let exact = site.pages.iter().position(|p| {
            p.source == rel || p.source == format!("{rel}/index.md") || p.source == format!("{rel}/_index.md")
        });
        let section_dir = rel
            .strip_suffix("/_index.md")
            .or((rel == "_index.md").then_some(""))
            .unwrap_or(&rel);
        let is_section = site.sections.iter().any(|s| s.dir == section_dir);
        let found: Vec<usize> = match exact {
            Some(i) => vec![i],
            None if is_section => site
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| section_dir.is_empty() || p.source.starts_with(&format!("{section_dir}/")))
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        if found.is_empty() {
            let why = if is_section {
                msg::export_empty_section()
            } else {
                msg::export_no_page(&rel)
            };
            problems.push(Diagnostic::error(name.clone(), why).hint(msg::export_name_hint()));
        }
        chosen.extend(found);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let mut seen = HashSet::new();
    chosen.retain(|i| seen.insert(*i));
    Ok(chosen)
}

/// A page named on the command line as a path relative to `content/`:
/// relative to the site root, or to the current folder when it exists there.
fn content_relative(root: &Path, name: &str) -> String {
    let on_disk = Path::new(name)
        .canonicalize()
        .ok()
        .and_then(|path| path.strip_prefix(root).ok().map(|p| p.to_string_lossy().into_owned()));
    let rel = on_disk.unwrap_or_else(|| name.to_string()).replace('\\', "/");
    let rel = rel.trim_start_matches("./").trim_end_matches('/');
    rel.strip_prefix("content/")
        .or_else(|| (rel == "content").then_some(""))
        .unwrap_or(rel)
        .to_string()
}

/// Copies into `staging` the files of the previous export's folders that are
/// not written again now, so exporting one page keeps the others.
fn keep_earlier_folders(staging: &Staging, out: &Path, folders: &[String]) -> Result<()> {
    let Ok(manifest) = std::fs::read_to_string(out.join(MANIFEST)) else {
        return Ok(());
    };
    for path in manifest.lines().filter(|l| !l.is_empty()) {
        let rewritten = folders.iter().any(|f| path.starts_with(&format!("{f}/")));
        let file = out.join(path);
        if !rewritten && file.is_file() {
            staging.write(path, &Body::Copy(file))?;
        }
    }
    Ok(())
}

/// The files of page `i`'s article: the HTML, its pictures, the cover, the
/// QR code and the plain text.
pub fn article_files(
    site: &Site,
    index: &LinkIndex,
    markdown: &Markdown,
    i: usize,
) -> std::result::Result<ArticleFiles, Vec<Diagnostic>> {
    let page = &site.pages[i];
    let permalink = site.config.permalink(&page_url(&page.path, site.config.pretty_links));
    let cache_problem = |why: Message| vec![Diagnostic::error(&page.file, why).hint(msg::export_cache_hint())];
    let qr = images::qr_file(&site.root, &permalink).map_err(cache_problem)?;
    let resolve = index.resolver(page);
    let article = wechat::render_article(site, i, markdown, &resolve, qr.is_some()).map_err(|d| vec![d])?;
    let sources = picture_sources(site);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut cover = None;
    for (n, picture) in article.pictures.iter().enumerate() {
        let Some((_, source)) = sources.iter().find(|(output, _)| *output == picture.site_path) else {
            problems.push(
                Diagnostic::error(&page.file, msg::export_picture_missing(&picture.site_path))
                    .hint(msg::export_picture_missing_hint()),
            );
            continue;
        };
        let wants_cover = article.cover.unwrap_or(0) == n;
        match images::article_picture(&site.root, &site.root.join(source), wants_cover) {
            Ok(made) => {
                files.push((picture.name.clone(), Body::Copy(made.image)));
                cover = cover.or(made.cover);
            }
            Err(why) => problems.push(
                Diagnostic::error(
                    &page.file,
                    msg::export_picture_unreadable(source.to_string_lossy().replace('\\', "/"), why),
                )
                .hint(msg::export_picture_unreadable_hint()),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let cover = match cover {
        Some(cover) => cover,
        None => images::plain_cover(&site.root).map_err(cache_problem)?,
    };
    files.push(("cover.jpg".into(), Body::Copy(cover)));
    if let Some(qr) = qr {
        files.push((wechat::QR_FILE.into(), Body::Copy(qr)));
    }
    files.push((
        "article.html".into(),
        Body::Text(wechat::document(&page.title, &article.html).into()),
    ));
    files.push(("plain.txt".into(), Body::Text(article.plain.into())));
    Ok(ArticleFiles {
        folder: page.path.trim_end_matches('/').to_string(),
        files,
        html: article.html,
    })
}

/// Output path → source file (relative to the site root) of every file the
/// site publishes as it is.
fn picture_sources(site: &Site) -> Vec<(&str, &Path)> {
    site.static_files
        .iter()
        .chain(site.content_assets.iter().map(|(_, a)| a))
        .map(|a| (a.output.as_str(), a.source.as_path()))
        .collect()
}
