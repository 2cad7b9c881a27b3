//! Write stage: the rendered site in memory, committed to the output folder
//! atomically — written beside it, then swapped in — so a failed build leaves
//! the previous output as it was, and nothing laurel did not write is deleted.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    let staging = Staging::create(root, out)?;
    let files: Vec<(&String, &Body)> = output.files.iter().collect();
    files
        .par_iter()
        .try_for_each(|(path, body)| staging.write(path, body))?;
    staging.finish().map(|_| ())
}

/// A new output being written beside the output folder, file by file, so a
/// build never has to hold the whole site in memory. [`Staging::finish`]
/// swaps it in; dropped unfinished (a failed build), it is removed and the
/// previous output stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    /// Paths written so far, for the manifest.
    written: Mutex<Vec<String>>,
    finished: bool,
}

impl Staging {
    /// Checks that `out` may be built into (see [`check_output_dir`]) and
    /// makes an empty staging folder beside it.
    pub fn create(root: &Path, out: &Path) -> Result<Staging> {
        check_output_dir(root, out)?;
        let out = std::path::absolute(out).map_err(|e| Error::io("find", out, e))?;
        let parent = out.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.laurel-new"));
        let previous = parent.join(format!(".{name}.laurel-old"));
        for leftover in [&dir, &previous] {
            if leftover.exists() {
                remove_tree(leftover).map_err(|e| Error::io("remove", leftover, e))?;
            }
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        Ok(Staging {
            out,
            dir,
            previous,
            written: Mutex::new(Vec::new()),
            finished: false,
        })
    }

    /// Writes one file (`path` relative, `/`-separated). Safe to call from
    /// many threads, each path once.
    pub fn write(&self, path: &str, body: &Body) -> Result<()> {
        let target = self.dir.join(path);
        let write = || -> io::Result<()> {
            match body {
                Body::Text(text) => std::fs::write(&target, text),
                Body::Bytes(bytes) => std::fs::write(&target, bytes),
                Body::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
            }
        };
        // Folders are made when a write first misses one, not checked before every file.
        let written = match write() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let folder = target.parent().unwrap_or(&self.dir);
                std::fs::create_dir_all(folder).map_err(|e| Error::io("create", folder, e))?;
                write()
            }
            other => other,
        };
        written.map_err(|e| match body {
            // Most often the source is gone or unreadable: name it, not the staging folder.
            Body::Copy(source) => Error::io("copy", source, e),
            _ => Error::io("write", &target, e),
        })?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }

    /// Writes the manifest and swaps the staging folder in for the output;
    /// returns how many files it holds.
    pub fn finish(mut self) -> Result<usize> {
        let mut paths = std::mem::take(self.written.get_mut().unwrap_or_else(|e| e.into_inner()));
        paths.sort_unstable();
        paths.dedup();
        let listing: String = paths.iter().map(|path| format!("{path}\n")).collect();
        let manifest = self.dir.join(MANIFEST);
        std::fs::write(&manifest, listing).map_err(|e| Error::io("write", &manifest, e))?;
        if self.out.exists() {
            std::fs::rename(&self.out, &self.previous).map_err(|e| Error::io("move aside", &self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            let _ = std::fs::rename(&self.previous, &self.out);
            return Err(Error::io("move into place", &self.out, e));
        }
        self.finished = true;
        if self.previous.exists() {
            remove_tree(&self.previous).map_err(|e| Error::io("remove", &self.previous, e))?;
        }
        Ok(paths.len())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_tree(&self.dir);
        }
    }
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
