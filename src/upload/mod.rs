//! Editor stage: files a clerk uploads in the browser editor — a photo for a
//! page, a spreadsheet for an award list — checked, named and stored in the
//! site. Each step takes the upload's bytes and returns what the editor then
//! writes into the page's front matter (`photo`, `photo_alt`; `data`,
//! `sheet`, `columns`); requests, tokens and front-matter editing are the
//! editor's. Nothing here ever replaces a file that exists.

pub mod attach;
mod bundle;
mod name;
pub mod photo;
pub mod sheet;

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Diagnostic;
use crate::i18n::msg;

pub use attach::{Attached, attach_photo, attach_sheet};
pub use photo::{CheckedPhoto, MAX_PHOTO_BYTES, SavedPhoto, check_photo, save_photo};
pub use sheet::{AwardImport, NameLink, PersonalCell, Persons, SheetPreview, preview_sheet, save_sheet};

/// Sets `key` of a front matter to `new`, keeping the comment and spacing
/// around the value it had (`data = "a.csv"  # 宣传科提供`).
fn set_key(front: &mut toml_edit::DocumentMut, key: &str, new: impl Into<toml_edit::Value>) {
    let mut new = new.into();
    match front.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(old) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        None => front[key] = toml_edit::Item::Value(new),
    }
}

/// Writes `bytes` to a new file at `path` (`shown` names it in messages),
/// never replacing one: the bytes go to a hidden file beside it first, which
/// is then linked into place, so the file is whole or absent.
fn write_new(path: &Path, shown: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.upload-{}-{n}", std::process::id()));
    let written = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| link_new(&temp, path));
    let _ = std::fs::remove_file(&temp);
    written.map_err(|err| {
        Diagnostic::error(shown, msg::upload_cannot_save(crate::error::io_reason(&err)))
            .hint(msg::upload_cannot_save_hint())
    })
}

/// Puts `temp` at `path` unless something is there: a hard link where the
/// file system has them, else a rename after checking.
fn link_new(temp: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(temp, path) {
        Err(err) if err.kind() != std::io::ErrorKind::AlreadyExists && path.symlink_metadata().is_err() => {
            std::fs::rename(temp, path)
        }
        done => done,
    }
}
