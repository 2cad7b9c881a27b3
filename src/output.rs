//! Write stage: the rendered site in memory, committed to the output folder
//! atomically — written beside it, then swapped in — so a failed build leaves
//! the previous output as it was, and nothing laurel did not write is deleted.

mod guard;
mod lock;
mod remove;
mod swap;

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;
use guard::Place;
pub(crate) use guard::SOURCES;
use lock::OutputLock;
use swap::Scratch;

/// Name of the file that marks a folder as laurel's output and lists what is in it.
pub const MANIFEST: &str = ".laurel-output";

/// Names laurel's scratch takes inside an output folder that is a mount point.
const SCRATCH: [&str; 3] = [".laurel-new", ".laurel-old", ".laurel-lock"];

/// What an output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Text, shared rather than copied between the output and what
    /// `serve` shows of it.
    Text(std::sync::Arc<String>),
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
            Body::Text(text) => Some(text.as_bytes().to_vec()),
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
/// swaps it in. On any error the previous `out` is left untouched. Returns
/// the warnings of a commit that succeeded (a previous output not removed).
pub fn commit(output: &Output, root: &Path, out: &Path) -> Result<Vec<Diagnostic>> {
    let staging = Staging::create(root, out)?;
    let files: Vec<(&String, &Body)> = output.files.iter().collect();
    files
        .par_iter()
        .try_for_each(|(path, body)| staging.write(path, body))?;
    staging.finish().map(|committed| committed.warnings)
}

/// What [`Staging::finish`] did.
#[derive(Debug)]
pub struct Committed {
    /// How many files the new output holds.
    pub files: usize,
    /// Leftovers of earlier or this build that could not be removed.
    pub warnings: Vec<Diagnostic>,
}

/// A new output being written beside the output folder (inside it, for a
/// mount point), file by file, so a build never has to hold the whole site in
/// memory. [`Staging::finish`] swaps it in; dropped unfinished (a failed
/// build), it is removed and the previous output stays as it was. While it
/// lives, the output folder is locked: a second build into it is refused.
pub struct Staging {
    /// The real output folder (symbolic links resolved: a link to it stays a link).
    place: Place,
    scratch: Scratch,
    dir: PathBuf,
    /// Paths written so far, for the manifest.
    written: Mutex<Vec<String>>,
    /// The folders made so far (relative, `/`-separated), each with every
    /// folder above it: a folder is made once, before its first file.
    folders: Mutex<HashSet<String>>,
    warnings: Vec<Diagnostic>,
    finished: bool,
    _lock: OutputLock,
}

impl Staging {
    /// Checks that `out` may be built into (see [`check_output_dir`]), locks
    /// it, puts back a previous output an interrupted build left aside, and
    /// makes an empty staging folder.
    pub fn create(root: &Path, out: &Path) -> Result<Staging> {
        Staging::open(root, out, swap::is_mount_point)
    }

    /// [`Staging::create`], asking `is_mount_point` whether to stage inside the
    /// output folder (tests pretend a plain folder is one).
    fn open(root: &Path, out: &Path, is_mount_point: impl Fn(&Path) -> bool) -> Result<Staging> {
        let place = guard::place(root, out)?;
        let scratch = match place.path.is_dir() && is_mount_point(&place.path) {
            true => Scratch::inside(&place.path),
            false => Scratch::beside(&place.path),
        };
        let folder = scratch.folder();
        std::fs::create_dir_all(folder).map_err(|e| Error::io("create", folder, e))?;
        let lock = OutputLock::acquire(&scratch.lock(), &place.shown)?;
        scratch
            .recover(&place.path)
            .map_err(|e| Error::io("restore", &scratch.aside(), e))?;
        guard::check_contents(&place)?;
        let warnings = remove_leftovers(&place, &scratch)?;
        let dir = scratch.create_staging().map_err(|e| Error::io("create", folder, e))?;
        Ok(Staging {
            place,
            scratch,
            dir,
            written: Mutex::new(Vec::new()),
            folders: Mutex::new(HashSet::new()),
            warnings,
            finished: false,
            _lock: lock,
        })
    }

    /// Writes one file (`path` relative, `/`-separated). Safe to call from
    /// many threads, each path once.
    pub fn write(&self, path: &str, body: &Body) -> Result<()> {
        match body {
            Body::Text(text) => self.write_bytes(path, text.as_bytes()),
            Body::Bytes(bytes) => self.write_bytes(path, bytes),
            Body::Copy(source) => {
                let target = self.dir.join(path);
                let copy = || std::fs::copy(source, &target).map(|_| ());
                // Most often the source is gone or unreadable: name it, not the staging folder.
                self.make(path, copy, |e| Error::io("copy", source, e))
            }
        }
    }

    /// Writes one file of `bytes`, like [`Staging::write`].
    pub fn write_bytes(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.dir.join(path);
        let write = || std::fs::write(&target, bytes);
        self.make(path, write, |e| Error::io("write", &target, e))
    }

    /// Makes file `path` with `write`, and records it; a failed write is
    /// reported as `failed` says.
    fn make(
        &self,
        path: &str,
        write: impl Fn() -> io::Result<()>,
        failed: impl FnOnce(io::Error) -> Error,
    ) -> Result<()> {
        self.make_folder(path)?;
        write().map_err(failed)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }

    /// Makes the folder of file `path`, and those above it, unless already
    /// made: almost every page has a folder of its own, so a write that
    /// tried first would nearly always fail, and pay a lookup for nothing.
    fn make_folder(&self, path: &str) -> Result<()> {
        let Some((folder, _)) = path.rsplit_once('/') else {
            return Ok(());
        };
        let folders = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if folders().contains(folder) {
            return Ok(());
        }
        let full = self.dir.join(folder);
        std::fs::create_dir_all(&full).map_err(|e| Error::io("create", &full, e))?;
        let mut folders = folders();
        let mut made = Some(folder);
        // The folders above one already listed are listed too.
        while let Some(folder) = made.filter(|f| folders.insert(f.to_string())) {
            made = folder.rsplit_once('/').map(|(above, _)| above);
        }
        Ok(())
    }

    /// Writes the manifest and swaps the staging folder in for the output;
    /// the previous output is removed after, and failing that, only warned about.
    pub fn finish(mut self) -> Result<Committed> {
        let mut paths = std::mem::take(self.written.get_mut().unwrap_or_else(|e| e.into_inner()));
        paths.par_sort_unstable();
        paths.dedup();
        let listing: String = paths.iter().map(|path| format!("{path}\n")).collect();
        let manifest = self.dir.join(MANIFEST);
        std::fs::write(&manifest, listing).map_err(|e| Error::io("write", &manifest, e))?;
        let out = &self.place.path;
        let previous = match self.scratch.inside {
            false => swap::swap_folder(&self.dir, out, &self.scratch.aside()),
            true => swap::swap_contents(&self.dir, out, &self.scratch.aside()).map(|()| Some(self.scratch.aside())),
        };
        let previous = previous.map_err(|e| self.swap_failed(e))?;
        self.finished = true;
        let mut warnings = std::mem::take(&mut self.warnings);
        let emptied = self.scratch.inside.then_some(&self.dir);
        for leftover in previous.iter().chain(emptied) {
            warnings.extend(retire(&self.place, leftover, remove::remove_tree));
        }
        Ok(Committed {
            files: paths.len(),
            warnings,
        })
    }

    /// The error for a swap that failed, after putting back what it moved.
    fn swap_failed(&self, err: io::Error) -> Error {
        if self.scratch.inside {
            let _ = self.scratch.recover(&self.place.path);
        }
        if matches!(err.kind(), io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices) {
            return Diagnostic::error(
                self.place.shown.clone(),
                msg::output_mount_point(crate::error::io_reason(&err)),
            )
            .hint(msg::output_mount_point_hint(&self.place.shown))
            .into();
        }
        Error::io("move into place", &self.place.path, err)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove::remove_tree(&self.dir);
        }
    }
}

/// Removes what earlier builds left: staging folders, and previous outputs
/// they could not remove. A leftover that will not go is a warning, not an error.
fn remove_leftovers(place: &Place, scratch: &Scratch) -> Result<Vec<Diagnostic>> {
    let leftovers = scratch
        .leftovers()
        .map_err(|e| Error::io("read", scratch.folder(), e))?;
    Ok(leftovers
        .iter()
        .filter_map(|leftover| retire(place, leftover, remove::remove_tree))
        .collect())
}

/// Removes `leftover` with `remove`, or says why it stays.
fn retire(place: &Place, leftover: &Path, remove: impl Fn(&Path) -> io::Result<()>) -> Option<Diagnostic> {
    let err = remove(leftover).err()?;
    let name = leftover.file_name().unwrap_or_default().to_string_lossy();
    Some(
        Diagnostic::warning(
            place.shown.clone(),
            msg::output_old_copy_left(&name, crate::error::io_reason(&err)),
        )
        .hint(msg::output_old_copy_left_hint(&name)),
    )
}

#[cfg(test)]
mod tests;
