//! Load stage, first step: walk `content/` and tell its files apart —
//! Markdown pages, section indexes, bundles and the files that travel with
//! them — before anything is read.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use super::CONTENT_DIR;
use crate::error::Diagnostic;
use crate::i18n::msg;

/// What the walk found, before anything is read.
#[derive(Default)]
pub(super) struct Tree {
    /// Folders (relative to `content/`) that are sections; "" is home.
    pub(super) sections: BTreeSet<String>,
    /// Bundle folders: they hold an `index.md` and no `_index.md`.
    pub(super) bundles: BTreeSet<String>,
    pub(super) markdown: Vec<String>,
    pub(super) others: Vec<String>,
    /// Links that stand for no file.
    pub(super) problems: Vec<Diagnostic>,
}

/// The last part of the `/`-separated path `rel`.
pub(super) fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// The folder of the `/`-separated path `rel`; "" at the top.
pub(super) fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// Skips hidden files and editors' backup, swap and temp files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// A symbolic link in `content/` or `static/` (`shown` root-relative) stands
/// for the file it leads to. A link to a folder is an error: laurel does not
/// follow those, as they may lead anywhere, even back into the site. So is
/// a link to a pipe, a socket or a device, which reading would wait on.
pub fn check_link(path: &Path, shown: &str) -> Result<(), Diagnostic> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) if meta.is_dir() => {
            Err(Diagnostic::error(shown, msg::content_folder_link()).hint(msg::content_folder_link_hint()))
        }
        Ok(_) => Err(Diagnostic::error(shown, msg::content_special_link()).hint(msg::content_special_link_hint())),
        Err(_) => Err(Diagnostic::error(shown, msg::content_dangling_link()).hint(msg::content_dangling_link_hint())),
    }
}

/// Walks `content_dir`: every file, sorted, with sections and bundles told apart.
pub(super) fn walk(content_dir: &Path) -> Result<Tree, Vec<Diagnostic>> {
    let mut tree = Tree::default();
    let mut dirs_with_markdown = BTreeSet::new();
    let mut index_dirs = BTreeSet::new();
    let mut section_index_dirs = BTreeSet::new();
    let walker = walkdir::WalkDir::new(content_dir).into_iter();
    let mut files = Vec::new();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy())) {
        let entry = entry.map_err(|err| {
            vec![Diagnostic::error(
                CONTENT_DIR,
                msg::content_unreadable_folder(crate::error::walk_reason(&err)),
            )]
        })?;
        // Files and links only: reading a pipe, a socket or a device would
        // wait for ever (or forever yield bytes), and none is a page.
        if entry.file_type().is_file() || entry.path_is_symlink() {
            files.push((relative(content_dir, entry.path()), entry));
        }
    }
    // In the order of a walk with each folder's entries sorted by name
    // (which would look up each name again at every comparison).
    files.par_sort_unstable_by(|(a, _), (b, _)| a.split('/').cmp(b.split('/')));
    for (rel, entry) in files {
        if entry.path_is_symlink()
            && let Err(problem) = check_link(entry.path(), &format!("{CONTENT_DIR}/{rel}"))
        {
            tree.problems.push(problem);
            continue;
        }
        if rel.ends_with(".md") {
            let dir = parent_dir(&rel).to_string();
            match file_name(&rel) {
                "_index.md" => section_index_dirs.insert(dir.clone()),
                "index.md" => index_dirs.insert(dir.clone()),
                _ => false,
            };
            dirs_with_markdown.insert(dir);
            tree.markdown.push(rel);
        } else {
            tree.others.push(rel);
        }
    }
    tree.bundles = index_dirs
        .difference(&section_index_dirs)
        .filter(|d| !d.is_empty())
        .cloned()
        .collect();
    tree.sections.insert(String::new());
    for dir in dirs_with_markdown.iter().chain(&section_index_dirs) {
        let mut dir = dir.as_str();
        while !dir.is_empty() {
            if !in_bundle(dir, &tree.bundles) {
                tree.sections.insert(dir.to_string());
            }
            dir = parent_dir(dir);
        }
    }
    // Markdown inside a bundle (other than its index.md) is one of its files, not a page.
    let (pages, bundle_files): (Vec<String>, Vec<String>) = tree.markdown.drain(..).partition(|rel| {
        file_name(rel) == "index.md" && tree.bundles.contains(parent_dir(rel))
            || !in_bundle(parent_dir(rel), &tree.bundles)
    });
    tree.markdown = pages;
    tree.others.extend(bundle_files);
    Ok(tree)
}

/// Whether `dir` is a bundle folder or lies inside one.
fn in_bundle(dir: &str, bundles: &BTreeSet<String>) -> bool {
    let mut dir = dir;
    while !dir.is_empty() {
        if bundles.contains(dir) {
            return true;
        }
        dir = parent_dir(dir);
    }
    false
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path).to_string_lossy();
    match std::path::MAIN_SEPARATOR {
        '/' => rel.into_owned(),
        separator => rel.replace(separator, "/"),
    }
}
