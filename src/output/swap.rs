//! Write stage, last step: a finished staging folder replaces the output
//! folder — exchanged whole where the system can, entry by entry inside a
//! mount point — and what an interrupted replacement left is recovered.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use super::MANIFEST;

/// Where one output folder's scratch lives: the staging folder, the place the
/// previous output is moved aside to, and the lock file. Beside the output
/// folder (`.public.laurel-new` …), or inside it when it is a mount point.
#[derive(Debug)]
pub(super) struct Scratch {
    folder: PathBuf,
    prefix: String,
    pub(super) inside: bool,
}

impl Scratch {
    pub(super) fn beside(out: &Path) -> Scratch {
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned());
        Scratch {
            folder: out.parent().unwrap_or(out).to_path_buf(),
            prefix: format!(".{}", name.as_deref().unwrap_or("public")),
            inside: false,
        }
    }

    pub(super) fn inside(out: &Path) -> Scratch {
        Scratch {
            folder: out.to_path_buf(),
            prefix: String::new(),
            inside: true,
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
        if !aside.is_dir() {
            return Ok(());
        }
        if !self.inside {
            if !exists(out) {
                std::fs::rename(&aside, out)?;
            }
            return Ok(());
        }
        for entry in std::fs::read_dir(&aside)? {
            let entry = entry?;
            let back = out.join(entry.file_name());
            if !exists(&back) {
                std::fs::rename(entry.path(), back)?;
            }
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

/// Replaces the entries of `out` by those of `new` (a folder inside it),
/// moving each replaced one into `aside` (inside it too): for a mount point,
/// which cannot itself be renamed. Until the new manifest goes in last, the
/// manifest lists old and new files, so a crash halfway leaves nothing a
/// build would take for the user's.
pub(super) fn swap_contents(new: &Path, out: &Path, aside: &Path) -> io::Result<()> {
    std::fs::create_dir_all(aside)?;
    let listing = |dir: &Path| std::fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    let (old, incoming) = (listing(out), listing(new));
    let both: BTreeSet<&str> = old.lines().chain(incoming.lines()).collect();
    let union = aside.join(MANIFEST);
    std::fs::write(&union, both.iter().map(|path| format!("{path}\n")).collect::<String>())?;
    std::fs::rename(&union, out.join(MANIFEST))?;
    let entries = |dir: &Path| -> io::Result<BTreeSet<std::ffi::OsString>> {
        let mut names = BTreeSet::new();
        for entry in std::fs::read_dir(dir)? {
            let name = entry?.file_name();
            if name != MANIFEST && !super::guard::is_scratch(&name.to_string_lossy()) {
                names.insert(name);
            }
        }
        Ok(names)
    };
    let incoming = entries(new)?;
    for name in &incoming {
        let (from, to) = (new.join(name), out.join(name));
        // A file replaces a file in one rename; a folder moves the old entry aside first.
        if exists(&to) && (is_dir(&to) || is_dir(&from)) {
            std::fs::rename(&to, aside.join(name))?;
        }
        std::fs::rename(&from, &to)?;
    }
    for name in entries(out)?.difference(&incoming) {
        std::fs::rename(out.join(name), aside.join(name))?;
    }
    std::fs::rename(new.join(MANIFEST), out.join(MANIFEST))
}

/// Whether `path` is a mount point, which cannot be renamed or swapped.
/// Linux says so directly (bind mounts too); elsewhere, or on an older
/// kernel, a mount point is a folder on another device than its parent.
pub(super) fn is_mount_point(path: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, CWD, StatxAttributes, StatxFlags, statx};
        if let Ok(stat) = statx(CWD, path, AtFlags::SYMLINK_NOFOLLOW, StatxFlags::empty())
            && stat.stx_attributes_mask.contains(StatxAttributes::MOUNT_ROOT)
        {
            return stat.stx_attributes.contains(StatxAttributes::MOUNT_ROOT);
        }
    }
    on_another_device(path)
}

#[cfg(unix)]
fn on_another_device(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = path.parent().unwrap_or(path);
    match (path.metadata(), parent.metadata()) {
        (Ok(a), Ok(b)) => a.dev() != b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn on_another_device(_path: &Path) -> bool {
    false
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
