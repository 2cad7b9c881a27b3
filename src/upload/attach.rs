//! Editor stage: an upload attached to the page open in the editor — the
//! photo or list stored ([`save_photo`], [`save_sheet`]) and the keys that
//! name it written into the page's front matter in place (`toml_edit`: the
//! clerk's comments and key order stay). The page must still be as the
//! editor opened it, so nothing typed elsewhere is overwritten.

use std::path::Path;

use serde::Serialize;
use toml_edit::{Array, DocumentMut, Item, value};

use super::{save_photo, save_sheet, set_key};
use crate::content::CONTENT_DIR;
use crate::edit::commit::{version, write_atomic};
use crate::edit::place::confine;
use crate::edit::save::{compose, open};
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;

/// What the editor reloads after an upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attached {
    /// The page's file (site-root-relative): a new one when it became a bundle.
    pub file: String,
    /// The page file's version now.
    pub version: String,
    /// The uploaded file as stored (site-root-relative).
    pub stored: String,
}

/// Stores an uploaded photo for the page `file` (site-root-relative, as the
/// editor names it, opened at `opened_version`) and sets its `photo` and
/// `photo_alt`; `alt` left empty means the page's title.
pub fn attach_photo(
    root: &Path,
    file: &str,
    opened_version: &str,
    original: &str,
    bytes: &[u8],
    alt: &str,
) -> Result<Attached> {
    let source = unchanged_page(root, file, opened_version)?;
    let title = open(root, file)?
        .front
        .get("title")
        .and_then(Item::as_str)
        .unwrap_or_default()
        .to_string();
    let saved = save_photo(root, Some(&source), original, bytes, alt, &title)?;
    let file = format!("{CONTENT_DIR}/{}", saved.page.as_deref().unwrap_or(&source));
    let version = set_keys(root, &file, |front| {
        set_key(front, "photo", saved.photo.as_str());
        set_key(front, "photo_alt", saved.photo_alt.as_str());
    })?;
    Ok(Attached {
        file,
        version,
        stored: saved.file,
    })
}

/// Stores an uploaded list under `data/` for the award page `file` (opened
/// at `opened_version`) and sets its `data`, `sheet` and `columns`; columns
/// with personal numbers that the list does not show are added to `mask`.
pub fn attach_sheet(
    root: &Path,
    file: &str,
    opened_version: &str,
    original: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    columns: &[String],
) -> Result<Attached> {
    unchanged_page(root, file, opened_version)?;
    let import = save_sheet(root, original, bytes, sheet, columns)?;
    let version = set_keys(root, file, |front| {
        set_key(front, "data", import.data.as_str());
        match &import.sheet {
            Some(sheet) => set_key(front, "sheet", sheet.as_str()),
            None => {
                front.remove("sheet");
            }
        }
        set_key(front, "columns", import.columns.iter().collect::<Array>());
        let hidden = import.personal_columns.iter().filter(|c| !import.columns.contains(c));
        mask_columns(front, hidden);
    })?;
    Ok(Attached {
        file: file.to_string(),
        version,
        stored: import.file,
    })
}

/// Adds `columns` to the page's `mask` list (made when there is none; left
/// alone when it is `mask = true`). Used for columns holding personal
/// numbers that the list does not show: masked, they never stop the build,
/// and they are never published either way.
fn mask_columns<'a>(front: &mut DocumentMut, columns: impl Iterator<Item = &'a String>) {
    let mut columns = columns.peekable();
    if columns.peek().is_none() || front.get("mask").and_then(Item::as_bool) == Some(true) {
        return;
    }
    if front.get("mask").and_then(Item::as_array).is_none() {
        front["mask"] = value(Array::new());
    }
    if let Some(mask) = front["mask"].as_array_mut() {
        for column in columns {
            if !mask.iter().any(|v| v.as_str() == Some(column)) {
                mask.push(column.as_str());
            }
        }
    }
}

/// The page's source relative to `content/`, once it is known to be a page
/// file under `content/` still at `opened_version`.
fn unchanged_page(root: &Path, file: &str, opened_version: &str) -> Result<String> {
    confine(root, file)?;
    let Some(source) = file.strip_prefix("content/").filter(|s| s.ends_with(".md")) else {
        return Err(Diagnostic::error(file, msg::upload_not_a_page()).into());
    };
    if open(root, file)?.version != opened_version {
        return Err(Diagnostic::error(file, msg::upload_page_changed())
            .hint(msg::upload_page_changed_hint())
            .into());
    }
    Ok(source.to_string())
}

/// Sets front-matter keys of the page `file` in place and writes it
/// atomically; returns its new version.
fn set_keys(root: &Path, file: &str, change: impl FnOnce(&mut DocumentMut)) -> Result<String> {
    let mut opened = open(root, file)?;
    change(&mut opened.front);
    let text = compose(&opened.front.to_string(), &opened.body);
    let path = confine(root, file).map_err(Error::from)?;
    write_atomic(&path, text.as_bytes())?;
    Ok(version(text.as_bytes()))
}
