//! Edit stage, where the editor may write: a path the browser names, checked
//! to stay inside `content/`, `static/` or `data/` of the site — no `..`, no
//! absolute path, no symbolic link on the way — and file names made safe.

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::i18n::msg;

/// The folders of a site the editor reads and writes; nothing else.
pub const EDIT_DIRS: [&str; 3] = ["content", "static", "data"];

/// Checks `rel` (a site-root-relative path with `/` between folders, as a
/// browser sends it) and returns the full path under `root`. Refuses empty,
/// absolute and `..`/`.` paths, backslashes and control characters, paths
/// outside [`EDIT_DIRS`], and any symbolic link on the way, which could lead
/// out of the site.
pub fn confine(root: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let refuse =
        |why: crate::i18n::Message| Diagnostic::error(rel, msg::edit_not_here(why)).hint(msg::edit_not_here_hint());
    if rel.is_empty() || rel.starts_with('/') || rel.chars().any(|c| c == '\\' || c == ':' || c.is_control()) {
        return Err(refuse(msg::edit_not_plain()));
    }
    let names: Vec<&str> = rel.split('/').collect();
    if names.iter().any(|n| n.is_empty() || *n == "." || *n == "..") {
        return Err(refuse(msg::edit_climbs()));
    }
    if !EDIT_DIRS.contains(&names[0]) {
        return Err(refuse(msg::edit_only_dirs()));
    }
    let mut path = root.to_path_buf();
    for name in &names {
        path.push(name);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(refuse(msg::edit_symlink())),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(root.join(rel))
}

/// A file name safe to write on any system: path separators, control and
/// reserved characters become `-`, leading dots (hidden files) and trailing
/// dots and spaces go; Chinese and other letters stay. Empty when nothing is left.
pub fn sanitize_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let trimmed = replaced
        .trim_start_matches(['.', ' ', '-'])
        .trim_end_matches(['.', ' ']);
    trimmed.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confine_refuses_leaving_the_edited_folders() {
        let dir = tempfile::tempdir().unwrap();
        for bad in [
            "",
            "/etc/passwd",
            "content/../laurel.toml",
            "content/./a.md",
            "content//a.md",
            "..",
            "laurel.toml",
            "templates/page.html",
            "public/index.html",
            ".laurel-trash/a.md",
            "content\\..\\laurel.toml",
            "C:/x",
            "content/a\0.md",
        ] {
            assert!(confine(dir.path(), bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            confine(dir.path(), "content/people/张三.md").unwrap(),
            dir.path().join("content/people/张三.md")
        );
        assert!(confine(dir.path(), "data/a.csv").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn confine_refuses_symbolic_links() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/out")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("static")).unwrap();
        assert!(confine(dir.path(), "content/out/a.md").is_err());
        assert!(confine(dir.path(), "static/a.css").is_err());
    }

    #[test]
    fn sanitized_names_keep_letters_and_lose_separators() {
        assert_eq!(sanitize_name("张三.jpg"), "张三.jpg");
        assert_eq!(sanitize_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(sanitize_name(".hidden"), "hidden");
        assert_eq!(sanitize_name("a:b*c?.png "), "a-b-c-.png");
        assert_eq!(sanitize_name("..."), "");
    }
}
