//! Write stage: the rendered site in memory, committed to the output folder
//! atomically — written beside it, then swapped in — so a failed build leaves
//! the previous output as it was, and nothing laurel did not write is deleted.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};

/// Name of the file that marks a folder as laurel's output and lists what is in it.
pub const MANIFEST: &str = ".laurel-output";

/// What an output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Bytes(&'static [u8]),
    /// A file to copy, by absolute path.
    Copy(PathBuf),
}

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    pub body: Body,
}

/// The whole rendered site, held in memory until it is committed or served.
#[derive(Debug, Default, Clone)]
pub struct Output {
    /// Output path (relative, `/`-separated) → what the file holds.
    pub files: BTreeMap<String, Body>,
}

impl Output {
    pub fn get(&self, path: &str) -> Option<&Body> {
        self.files.get(path)
    }

    /// Bytes of a file (reads copied files from disk).
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self.get(path)? {
            Body::Text(text) => Some(text.clone().into_bytes()),
            Body::Bytes(bytes) => Some(bytes.to_vec()),
            Body::Copy(source) => std::fs::read(source).ok(),
        }
    }
}

impl FromIterator<OutputFile> for Output {
    fn from_iter<I: IntoIterator<Item = OutputFile>>(files: I) -> Self {
        Output {
            files: files.into_iter().map(|f| (f.path, f.body)).collect(),
        }
    }
}

/// Refuses output folders where a build could destroy a user's files: the site
/// root itself, anything inside `content/`, `static/` or `templates/`, or a
/// non-empty folder laurel did not write.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let root = absolute(root);
    let out = absolute(out);
    let shown = out
        .strip_prefix(&root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| out.display().to_string());
    let refuse = |why: &str| -> Result<()> {
        Err(
            Diagnostic::error(shown.clone(), format!("refusing to build into this folder: {why}"))
                .hint("choose another output folder with -o, e.g. -o public")
                .into(),
        )
    };
    if root.starts_with(&out) {
        return refuse("it holds the site itself");
    }
    for dir in ["content", "static", "templates", "themes", "data"] {
        if out.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside {dir}/"));
        }
    }
    if out.is_dir()
        && !out.join(MANIFEST).is_file()
        && std::fs::read_dir(&out)
            .map_err(|e| Error::io("read", &out, e))?
            .next()
            .is_some()
    {
        return refuse("it is not empty and was not written by laurel");
    }
    if out.join(MANIFEST).is_file() {
        let foreign = foreign_files(&out)?;
        if let Some(first) = foreign.first() {
            return Err(Diagnostic::error(
                format!("{shown}/{first}"),
                format!(
                    "the output folder holds {} file(s) laurel did not write; a build would delete them",
                    foreign.len()
                ),
            )
            .hint("move files you want published into static/, and delete the rest from the output folder")
            .into());
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Resolve symlinks where the path exists, so two spellings of one folder compare equal.
    path.canonicalize().unwrap_or(path)
}

/// Files in a previous output that its manifest does not list.
fn foreign_files(out: &Path) -> Result<Vec<String>> {
    let manifest =
        std::fs::read_to_string(out.join(MANIFEST)).map_err(|e| Error::io("read", &out.join(MANIFEST), e))?;
    let known: HashSet<&str> = manifest.lines().collect();
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel != MANIFEST && !known.contains(rel.as_str()) {
            foreign.push(rel);
        }
    }
    Ok(foreign)
}

/// Writes `output` into `out`: first into a sibling temporary folder, then
/// swaps it in. On any error the previous `out` is left untouched.
pub fn commit(output: &Output, root: &Path, out: &Path) -> Result<()> {
    check_output_dir(root, out)?;
    let out = std::path::absolute(out).map_err(|e| Error::io("find", out, e))?;
    let parent = out.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.laurel-new"));
    let previous = parent.join(format!(".{name}.laurel-old"));
    for leftover in [&staging, &previous] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover).map_err(|e| Error::io("remove", leftover, e))?;
        }
    }
    if let Err(err) = write_all(output, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    if out.exists() {
        std::fs::rename(&out, &previous).map_err(|e| Error::io("move aside", &out, e))?;
    }
    if let Err(e) = std::fs::rename(&staging, &out) {
        let _ = std::fs::rename(&previous, &out);
        return Err(Error::io("move into place", &out, e));
    }
    if previous.exists() {
        remove_tree(&previous).map_err(|e| Error::io("remove", &previous, e))?;
    }
    Ok(())
}

/// Removes a folder and everything in it, its top-level entries in parallel.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

fn write_all(output: &Output, dir: &Path) -> Result<()> {
    let mut dirs: Vec<PathBuf> = output
        .files
        .keys()
        .filter_map(|path| Path::new(path).parent().map(|p| dir.join(p)))
        .collect();
    dirs.dedup();
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| Error::io("create", d, e))?;
    }
    let files: Vec<(&String, &Body)> = output.files.iter().collect();
    files.par_iter().try_for_each(|(path, body)| {
        let target = dir.join(path);
        let written: io::Result<()> = match body {
            Body::Text(text) => std::fs::write(&target, text),
            Body::Bytes(bytes) => std::fs::write(&target, bytes),
            Body::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
        };
        written.map_err(|e| Error::io("write", &target, e))
    })?;
    let listing: String = output.files.keys().map(|path| format!("{path}\n")).collect();
    std::fs::write(dir.join(MANIFEST), listing).map_err(|e| Error::io("write", &dir.join(MANIFEST), e))
}
