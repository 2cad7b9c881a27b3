//! Edit stage, deleting: a page (with its bundle folder) moves into
//! `.laurel-trash/` of the site, under its own path, never overwriting what
//! the trash already holds. Nothing is deleted, and nothing leaves the site.

use std::path::{Path, PathBuf};

use super::place::confine;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;

/// The folder of the site deleted pages go to; hidden, so no build reads it
/// and the watcher ignores it.
pub const TRASH: &str = ".laurel-trash";

/// Moves the file `rel` (root-relative) — or, for a bundle's `index.md`, its
/// whole folder — into the trash, and returns where it went (root-relative).
pub fn trash(root: &Path, rel: &str) -> Result<String> {
    let path = confine(root, rel)?;
    if !path.is_file() {
        return Err(Diagnostic::error(rel, msg::edit_no_file())
            .hint(msg::edit_no_file_hint())
            .into());
    }
    let (from, moved) = match rel.strip_suffix("/index.md") {
        Some(folder) if folder.contains('/') => (root.join(folder), folder.to_string()),
        _ => (path, rel.to_string()),
    };
    let trash = root.join(TRASH);
    if std::fs::symlink_metadata(&trash).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Diagnostic::error(TRASH, msg::edit_trash_link())
            .hint(msg::edit_trash_link_hint())
            .into());
    }
    let to = unused(&trash.join(&moved));
    let parent = to.parent().unwrap_or(&trash);
    std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    std::fs::rename(&from, &to).map_err(|e| Error::io("move into place", &to, e))?;
    Ok(to
        .strip_prefix(root)
        .unwrap_or(&to)
        .to_string_lossy()
        .replace('\\', "/"))
}

/// `path`, or the first of `name-2.md`, `name-3.md` … that does not exist.
fn unused(path: &Path) -> PathBuf {
    if std::fs::symlink_metadata(path).is_err() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_bundles_go_to_the_trash_under_unique_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "content/people/a.md",
            "content/people/b/index.md",
            "content/people/b/photo.jpg",
        ] {
            std::fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            std::fs::write(root.join(file), file).unwrap();
        }
        assert_eq!(
            trash(root, "content/people/a.md").unwrap(),
            ".laurel-trash/content/people/a.md"
        );
        std::fs::write(root.join("content/people/a.md"), "again").unwrap();
        assert_eq!(
            trash(root, "content/people/a.md").unwrap(),
            ".laurel-trash/content/people/a-2.md"
        );
        assert_eq!(
            trash(root, "content/people/b/index.md").unwrap(),
            ".laurel-trash/content/people/b"
        );
        assert!(root.join(".laurel-trash/content/people/b/photo.jpg").is_file());
        assert!(!root.join("content/people/b").exists());
        assert!(trash(root, "laurel.toml").is_err());
        assert!(trash(root, "content/people/none.md").is_err());
    }
}
