//! Write stage: one build at a time per output folder, held by an advisory
//! lock on a small file beside it (or inside it, for a mount point).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;

/// An output folder locked for one build; unlocked (and its file removed) when dropped.
#[derive(Debug)]
pub(super) struct OutputLock {
    path: PathBuf,
    _file: File,
}

impl OutputLock {
    /// Locks `path`, or says that another laurel holds it (`shown` names the output folder).
    pub(super) fn acquire(path: &Path, shown: &str) -> Result<OutputLock> {
        // Each retry means another build just finished; a few in a row means builds keep coming.
        for _ in 0..8 {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .map_err(|e| Error::io("create", path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(busy(shown)),
                Err(TryLockError::Error(e)) => return Err(Error::io("lock", path, e)),
            }
            // The build before us may have removed the file between our open and our lock.
            if is_still_at(&file, path) {
                return Ok(OutputLock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
        Err(busy(shown))
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked: a build waiting on this file sees it gone and retries.
        let _ = std::fs::remove_file(&self.path);
    }
}

fn busy(shown: &str) -> Error {
    Diagnostic::error(shown, msg::output_busy())
        .hint(msg::output_busy_hint())
        .into()
}

#[cfg(unix)]
fn is_still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), path.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_still_at(_file: &File, path: &Path) -> bool {
    path.exists()
}
