//! Write stage, before anything is written: where the output folder really is
//! (every symbolic link and `..` resolved), and whether a build may replace it.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{MANIFEST, SCRATCH};
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::{Message, msg};

/// The folders of a site a build reads, never writes.
pub(crate) const SOURCES: [&str; 5] = ["content", "static", "templates", "themes", "data"];

/// The output folder a build writes: its real path, and how messages name it.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub path: PathBuf,
    pub shown: String,
}

/// Resolves `out` and refuses it if it is the site, holds the site, or lies
/// inside one of the site's source folders — however the path is spelled.
pub(super) fn place(root: &Path, out: &Path) -> Result<Place> {
    let root = resolve(root).map_err(|e| Error::io("find", root, e))?;
    let path = resolve(out).map_err(|e| unresolvable(out, e))?;
    let shown = path
        .strip_prefix(&root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.display().to_string());
    let place = Place { path, shown };
    if root.starts_with(&place.path) {
        return Err(refuse(&place, msg::output_refuse_site()));
    }
    for dir in SOURCES {
        let source = resolve(&root.join(dir)).map_err(|e| Error::io("find", &root.join(dir), e))?;
        if place.path.starts_with(&source) {
            return Err(refuse(&place, msg::output_refuse_inside(dir)));
        }
    }
    Ok(place)
}

/// Refuses an output folder holding files laurel did not write: a non-empty
/// folder without a manifest, or files its manifest does not list.
pub(super) fn check_contents(place: &Place) -> Result<()> {
    let out = &place.path;
    if !out.is_dir() {
        return Ok(());
    }
    if !out.join(MANIFEST).is_file() {
        let entries = std::fs::read_dir(out).map_err(|e| Error::io("read", out, e))?;
        let mut names = entries.filter_map(|e| e.ok().map(|e| e.file_name()));
        if names.any(|name| !is_scratch(&name.to_string_lossy())) {
            return Err(refuse(place, msg::output_refuse_foreign()));
        }
        return Ok(());
    }
    let foreign = foreign_files(out)?;
    if let Some(first) = foreign.first() {
        return Err(
            Diagnostic::error(format!("{}/{first}", place.shown), msg::output_foreign(foreign.len()))
                .hint(msg::output_foreign_hint())
                .into(),
        );
    }
    Ok(())
}

fn refuse(place: &Place, why: Message) -> Error {
    Diagnostic::error(place.shown.clone(), msg::output_refuse(why))
        .hint(msg::output_refuse_hint())
        .into()
}

fn unresolvable(out: &Path, err: io::Error) -> Error {
    if err.kind() == io::ErrorKind::NotFound {
        return Diagnostic::error(out.display().to_string(), msg::output_dangling_link())
            .hint(msg::output_dangling_link_hint())
            .into();
    }
    Error::io("find", out, err)
}

/// `path` made absolute with every symbolic link and `..` resolved, even where
/// it does not exist yet: its nearest existing ancestor is canonicalised, and
/// the missing rest (which a build creates as plain folders) is added on top.
pub(super) fn resolve(path: &Path) -> io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    let mut missing = Vec::new();
    let mut base = path.as_path();
    let mut real = loop {
        match base.canonicalize() {
            Ok(real) => break real,
            // It exists but leads nowhere: a dangling link, or no permission.
            Err(e) if base.symlink_metadata().is_ok() => return Err(e),
            Err(e) => {
                let (Some(last), Some(parent)) = (base.components().next_back(), base.parent()) else {
                    return Err(e);
                };
                missing.push(last);
                base = parent;
            }
        }
    };
    for component in missing.into_iter().rev() {
        match component {
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => real.push(name),
            _ => {}
        }
    }
    Ok(real)
}

/// Files in a previous output that its manifest does not list.
fn foreign_files(out: &Path) -> Result<Vec<String>> {
    let manifest =
        std::fs::read_to_string(out.join(MANIFEST)).map_err(|e| Error::io("read", &out.join(MANIFEST), e))?;
    let known: HashSet<&str> = manifest.lines().collect();
    let mut foreign = Vec::new();
    let walk = walkdir::WalkDir::new(out)
        .into_iter()
        // laurel's own scratch folders inside a mount point are not the user's.
        .filter_entry(|e| e.depth() != 1 || !is_scratch(&e.file_name().to_string_lossy()));
    for entry in walk.filter_map(|e| e.ok()) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = listed_as(entry.path().strip_prefix(out).unwrap_or(entry.path()));
        if rel != MANIFEST && !known.contains(rel.as_ref()) {
            foreign.push(rel.into_owned());
        }
    }
    // In the order of a walk with each folder's entries sorted by name:
    // sorting the few found costs less than sorting every folder walked.
    foreign.sort_unstable_by(|a, b| a.split('/').cmp(b.split('/')));
    Ok(foreign)
}

/// A path relative to the output folder as a manifest lists it, with `/` separators.
fn listed_as(rel: &Path) -> std::borrow::Cow<'_, str> {
    let rel = rel.to_string_lossy();
    match std::path::MAIN_SEPARATOR {
        '/' => rel,
        separator => rel.replace(separator, "/").into(),
    }
}

/// Whether a top-level name inside an output folder is laurel's scratch.
pub(super) fn is_scratch(name: &str) -> bool {
    SCRATCH.iter().any(|scratch| name.starts_with(scratch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_normalises_the_missing_part_on_the_real_ancestor() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("static")).unwrap();
        let cases = [
            ("nothere/../static/out", real.join("static/out")),
            ("a/b/../../c", real.join("c")),
            ("static/./x/..", real.join("static")),
            ("static", real.join("static")),
        ];
        for (rel, expected) in cases {
            assert_eq!(resolve(&dir.path().join(rel)).unwrap(), expected, "{rel}");
        }
    }

    #[test]
    fn foreign_files_come_in_the_order_of_a_sorted_walk() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        for file in [
            "people.txt",
            "people/zz.html",
            "people/a/b.txt",
            "a.b",
            "index.html",
            MANIFEST,
        ] {
            crate::testing::write_file(out, file, "x");
        }
        std::fs::write(out.join(MANIFEST), "index.html\n").unwrap();
        let found = foreign_files(out).unwrap();
        assert_eq!(found, ["a.b", "people/a/b.txt", "people/zz.html", "people.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn resolve_follows_links_and_refuses_dangling_ones() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("content")).unwrap();
        std::os::unix::fs::symlink(real.join("content"), real.join("link")).unwrap();
        std::os::unix::fs::symlink(real.join("gone"), real.join("dangling")).unwrap();
        assert_eq!(resolve(&real.join("link/out")).unwrap(), real.join("content/out"));
        assert!(resolve(&real.join("dangling")).is_err());
        assert!(resolve(&real.join("dangling/out")).is_err());
    }
}
