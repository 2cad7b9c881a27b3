//! Write stage: the rendered site in memory, committed to the output folder
//! atomically — written beside it, then swapped in — so a failed build leaves
//! the previous output as it was, and nothing laurel did not write is deleted.

mod guard;
mod lock;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, Result};
use lock::OutputLock;

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
/// root itself, anything inside `content/`, `static/` or `templates/` (however
/// the path is spelled: links and `..` are resolved first), or a non-empty
/// folder laurel did not write.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    guard::check_contents(&guard::place(root, out)?)
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
/// previous output stays as it was. While it lives, the output folder is
/// locked: a second build into it is refused.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    /// Paths written so far, for the manifest.
    written: Mutex<Vec<String>>,
    finished: bool,
    _lock: OutputLock,
}

impl Staging {
    /// Checks that `out` may be built into (see [`check_output_dir`]) and
    /// makes an empty staging folder beside it.
    pub fn create(root: &Path, out: &Path) -> Result<Staging> {
        let place = guard::place(root, out)?;
        // The real folder: a link to it stays a link, and the folder it names is replaced.
        let out = place.path.clone();
        let parent = out.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let lock = OutputLock::acquire(&parent.join(format!(".{name}.laurel-lock")), &place.shown)?;
        guard::check_contents(&place)?;
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
            _lock: lock,
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
        written.map_err(|e| Error::io("write", &target, e))?;
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
/// A symbolic link is removed itself, never what it leads to.
fn remove_tree(dir: &Path) -> io::Result<()> {
    if !dir.symlink_metadata()?.is_dir() {
        return std::fs::remove_file(dir);
    }
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
