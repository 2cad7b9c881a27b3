//! Write stage, clean-up: a previous output or an abandoned staging folder
//! removed, the entries of every folder in parallel — a big site keeps most
//! of its pages in one folder, so removing only the top-level entries side
//! by side would leave one core to do nearly all of it.

use std::io;
use std::path::Path;

/// Removes a folder and everything in it. A symbolic link is removed
/// itself, never what it leads to.
pub(super) fn remove_tree(path: &Path) -> io::Result<()> {
    if !path.symlink_metadata()?.is_dir() {
        return std::fs::remove_file(path);
    }
    empty(path)?;
    std::fs::remove_dir(path)
}

/// Removes what the folder `path` holds, each entry by its name in a
/// handle on its folder: a folder swapped for a link meanwhile is not
/// followed, and no path is looked up from the top again.
#[cfg(target_os = "linux")]
fn empty(path: &Path) -> io::Result<()> {
    by_handle::empty(by_handle::open(rustix::fs::CWD, path)?)
}

#[cfg(target_os = "linux")]
mod by_handle {
    use std::ffi::{CStr, CString};
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

    use rayon::prelude::*;
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, openat, unlinkat};
    use rustix::io::Errno;

    /// Opens the folder `name` in `at`, refusing a symbolic link.
    pub(super) fn open(at: impl AsFd, name: impl rustix::path::Arg) -> io::Result<OwnedFd> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        Ok(openat(at, name, flags, Mode::empty())?)
    }

    /// Removes everything in the folder open as `folder`.
    pub(super) fn empty(folder: OwnedFd) -> io::Result<()> {
        let mut dir = Dir::new(folder)?;
        let mut entries: Vec<(CString, FileType)> = Vec::new();
        while let Some(entry) = dir.read() {
            let entry = entry?;
            let name = entry.file_name();
            if name != c"." && name != c".." {
                entries.push((name.to_owned(), entry.file_type()));
            }
        }
        let folder = dir.fd()?;
        entries
            .par_iter()
            .try_for_each(|(name, kind)| remove(folder, name, *kind))
    }

    /// Removes the entry `name` of `folder`, emptying it first if it is a
    /// folder (a file system that does not say is asked by the unlink).
    fn remove(folder: BorrowedFd<'_>, name: &CStr, kind: FileType) -> io::Result<()> {
        if kind != FileType::Directory {
            match unlinkat(folder, name, AtFlags::empty()) {
                Err(Errno::ISDIR) if kind == FileType::Unknown => {}
                done => return Ok(done?),
            }
        }
        empty(open(folder, name)?)?;
        Ok(unlinkat(folder, name, AtFlags::REMOVEDIR)?)
    }
}

/// Removes what the folder `path` holds, its entries in parallel.
#[cfg(not(target_os = "linux"))]
fn empty(path: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(path)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_goes_whole_and_a_link_in_it_goes_alone() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept");
        std::fs::create_dir_all(kept.join("inner")).unwrap();
        std::fs::write(kept.join("inner/page.html"), "留着").unwrap();
        let tree = dir.path().join("old");
        for i in 0..50 {
            let folder = tree.join(format!("people/p{i}/photos"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("a.jpg"), [i as u8]).unwrap();
            std::fs::write(tree.join(format!("people/p{i}/index.html")), "页").unwrap();
        }
        std::fs::create_dir(tree.join("empty")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&kept, tree.join("people/link")).unwrap();
            std::os::unix::fs::symlink(kept.join("inner/page.html"), tree.join("file-link")).unwrap();
        }
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(std::fs::read_to_string(kept.join("inner/page.html")).unwrap(), "留着");
    }

    #[test]
    fn a_file_is_removed_and_a_missing_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("old.html");
        std::fs::write(&file, "旧").unwrap();
        remove_tree(&file).unwrap();
        assert!(!file.exists());
        assert!(remove_tree(&file).is_err());
    }
}
