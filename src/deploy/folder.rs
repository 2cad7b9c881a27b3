//! Deploy stage: a folder target (a mounted server folder, a USB stick).
//! Every file is written beside its place and renamed into it; nothing
//! outside the folder is touched, and no symbolic link is followed.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::manifest::{Manifest, is_safe_path};
use super::store::Store;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;

/// A folder that exists.
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// Opens the folder; it must exist already (a missing one is often an
    /// unmounted disk), and it may not hold the site, nor lie in its output
    /// or one of the folders a build reads (`content/`, `templates/` …).
    pub fn open(root: &Path, site: &Path, output: &Path) -> Result<Folder> {
        let canonical = |p: &Path| std::fs::canonicalize(p);
        let folder = canonical(root).map_err(|e| {
            Diagnostic::error(
                "",
                msg::deploy_folder_unopenable(root.display(), crate::error::io_reason(&e)),
            )
            .hint(msg::deploy_folder_unopenable_hint())
        })?;
        let site = canonical(site).map_err(|e| Error::io("read", site, e))?;
        let output = site.join(output.file_name().unwrap_or_default());
        let in_sources = crate::output::SOURCES
            .iter()
            .any(|dir| canonical(&site.join(dir)).is_ok_and(|source| folder.starts_with(source)));
        if site.starts_with(&folder) || folder.starts_with(&output) || in_sources {
            return Err(
                Diagnostic::error(crate::config::CONFIG_FILE, msg::deploy_folder_in_site(root.display()))
                    .hint(msg::deploy_folder_in_site_hint())
                    .into(),
            );
        }
        Ok(Folder { root: folder })
    }

    /// The place of `path`, after making sure its folders are real folders
    /// inside the root (created when missing), not links leading out.
    fn place(&self, path: &str, create: bool) -> Result<PathBuf> {
        if !is_safe_path(path) {
            return Err(Diagnostic::error("", msg::deploy_path_leaves_folder(format!("{path:?}"))).into());
        }
        let mut at = self.root.clone();
        let mut segments = path.split('/').peekable();
        while let Some(segment) = segments.next() {
            at.push(segment);
            if segments.peek().is_none() {
                break;
            }
            match std::fs::symlink_metadata(&at) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => {
                    return Err(Diagnostic::error("", msg::deploy_not_a_folder(at.display()))
                        .hint(msg::deploy_not_a_folder_hint())
                        .into());
                }
                Err(e) if e.kind() == ErrorKind::NotFound && create => {
                    std::fs::create_dir(&at).or_else(|e| match e.kind() {
                        ErrorKind::AlreadyExists => Ok(()),
                        _ => Err(Error::io("create", &at, e)),
                    })?;
                }
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io("read", &at, e)),
            }
        }
        Ok(at)
    }
}

impl Store for Folder {
    fn describe(&self) -> String {
        self.root.display().to_string()
    }

    fn read(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let at = self.root.join(path);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_file() => std::fs::read(&at).map(Some).map_err(|e| Error::io("read", &at, e)),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io("read", &at, e)),
        }
    }

    fn list(&self) -> Result<Manifest> {
        Manifest::scan(&self.root)
    }

    fn write(&self, path: &str, body: &[u8], _content_type: &str, _cache_control: &str) -> Result<()> {
        let at = self.place(path, true)?;
        let name = at.file_name().expect("a safe path names a file").to_string_lossy();
        let temporary = at.with_file_name(format!(".{name}.laurel-part"));
        std::fs::write(&temporary, body).map_err(|e| Error::io("write", &at, e))?;
        std::fs::rename(&temporary, &at).map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            Error::io("write", &at, e)
        })
    }

    fn remove(&self, path: &str) -> Result<()> {
        let at = self.place(path, false)?;
        match std::fs::remove_file(&at) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Error::io("remove", &at, e)),
        }
        // Folders left empty go too; remove_dir leaves any that are not.
        let mut folder = at.parent();
        while let Some(dir) = folder.filter(|d| *d != self.root) {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(())
    }

    fn parallelism(&self) -> usize {
        4
    }
}
