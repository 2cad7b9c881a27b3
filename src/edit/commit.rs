//! Edit stage, writing: a file is replaced in one step (a temp file in the
//! same folder, then a rename), so the watcher, a build or a crash never
//! sees it half-written; and what a file holds is named by a version.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically: a hidden temp file beside it (which
/// the watcher ignores) is written, flushed to disk and renamed over it.
/// Creates the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path
        .parent()
        .ok_or_else(|| Error::io("write", path, std::io::ErrorKind::InvalidInput.into()))?;
    std::fs::create_dir_all(folder).map_err(|e| Error::io("create", folder, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let temp = folder.join(format!(".{name}.laurel-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temp, path));
    renamed.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io("write", path, e)
    })
}

/// The version of a file's bytes, as a form carries it: a save is refused
/// when the file no longer has the version the form was opened with.
pub fn version(bytes: &[u8]) -> String {
    format!("{:016x}-{}", xxhash_rust::xxh3::xxh3_64(bytes), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/a.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("content")).unwrap().collect();
        assert_eq!(names.len(), 1);
        assert_ne!(version(b"one"), version(b"two"));
    }
}
