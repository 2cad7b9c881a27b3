//! Write stage, last step: a finished staging folder replaces the output
//! folder — exchanged whole in one step where the system can — and what an
//! interrupted replacement left is recovered.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Where one output folder's scratch lives: the staging folder, the place the
/// previous output is moved aside to, and the lock file, all beside the
/// output folder (`.public.laurel-new` …).
#[derive(Debug)]
pub(super) struct Scratch {
    folder: PathBuf,
    prefix: String,
}

impl Scratch {
    pub(super) fn beside(out: &Path) -> Scratch {
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned());
        Scratch {
            folder: out.parent().unwrap_or(out).to_path_buf(),
            prefix: format!(".{}", name.as_deref().unwrap_or("public")),
        }
    }

    pub(super) fn folder(&self) -> &Path {
        &self.folder
    }

    fn named(&self, suffix: &str) -> PathBuf {
        self.folder.join(format!("{}{suffix}", self.prefix))
    }

    pub(super) fn aside(&self) -> PathBuf {
        self.named(".laurel-old")
    }

    pub(super) fn lock(&self) -> PathBuf {
        self.named(".laurel-lock")
    }

    /// Makes a new, empty staging folder, passing over leftovers that could not be removed.
    pub(super) fn create_staging(&self) -> io::Result<PathBuf> {
        let mut last = None;
        for n in 1..=9 {
            let dir = match n {
                1 => self.named(".laurel-new"),
                n => self.named(&format!(".laurel-new-{n}")),
            };
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(dir),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::ErrorKind::AlreadyExists.into()))
    }

    /// Staging folders and set-aside outputs left by earlier builds, to remove.
    pub(super) fn leftovers(&self) -> io::Result<Vec<PathBuf>> {
        let new = format!("{}.laurel-new", self.prefix);
        let old = format!("{}.laurel-old", self.prefix);
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&self.folder)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&new) || name == old {
                found.push(entry.path());
            }
        }
        Ok(found)
    }

    /// Puts back what a build interrupted between moving the previous output
    /// aside and moving the new one in left aside — the only copy of the site.
    pub(super) fn recover(&self, out: &Path) -> io::Result<()> {
        let aside = self.aside();
        if aside.is_dir() && !exists(out) {
            std::fs::rename(&aside, out)?;
        }
        Ok(())
    }
}

/// Swaps the folder `new` in for `out` (both in one parent folder) and
/// returns where the previous output now is, for the caller to remove.
pub(super) fn swap_folder(new: &Path, out: &Path, aside: &Path) -> io::Result<Option<PathBuf>> {
    if !exists(out) {
        std::fs::rename(new, out)?;
        return Ok(None);
    }
    match exchange(new, out) {
        Ok(()) => return Ok(Some(new.to_path_buf())),
        Err(e) if !is_unsupported(&e) => return Err(e),
        Err(_) => {}
    }
    // Without an atomic exchange a crash here leaves `out` missing; `recover` puts it back.
    std::fs::rename(out, aside)?;
    if let Err(e) = std::fs::rename(new, out) {
        let _ = std::fs::rename(aside, out);
        return Err(e);
    }
    Ok(Some(aside.to_path_buf()))
}

/// Exchanges two paths in one atomic step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether an exchange failed only because the system or file system has none.
fn is_unsupported(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput)
}

fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

fn is_dir(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_dir())
}

/// Removes a folder and everything in it, its top-level entries in parallel.
/// A symbolic link is removed itself, never what it leads to.
pub(super) fn remove_tree(path: &Path) -> io::Result<()> {
    if !is_dir(path) {
        return std::fs::remove_file(path);
    }
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(path)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(path)
}
