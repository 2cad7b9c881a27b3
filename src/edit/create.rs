//! Edit stage, new pages: the file `laurel new` would write for a kind, a
//! section and a title, shown first (its pinyin URL) and then written.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::commit::write_atomic;
use super::place::confine;
use crate::config::Config;
use crate::error::{Diagnostic, Result};
use crate::i18n::msg;
use crate::scaffold::plan_content;

/// A new page as the browser asks for it.
#[derive(Debug, Deserialize)]
pub struct NewRequest {
    pub kind: String,
    /// Folder under `content/`; empty for the kind's usual one.
    #[serde(default)]
    pub section: String,
    pub title: String,
}

/// Where a new page goes.
#[derive(Debug, Serialize)]
pub struct Planned {
    /// Root-relative source file: `content/people/zhang-san.md`.
    pub file: String,
    /// Output folder relative to the site root: `people/zhang-san/`.
    pub path: String,
}

/// Where the page of `request` would go, without writing it.
pub fn plan(root: &Path, config: &Config, request: &NewRequest, today: jiff::civil::Date) -> Result<(Planned, String)> {
    let section = request.section.trim_matches('/');
    if section.split('/').any(|s| s == ".." || s == ".") {
        return Err(Diagnostic::error(section, msg::edit_section_outside())
            .hint(msg::edit_section_outside_hint())
            .into());
    }
    let section = (!section.is_empty()).then_some(section);
    let (rel, text) = plan_content(root, config, &request.kind, &request.title, section, today)?;
    let file = rel.to_string_lossy().replace('\\', "/");
    confine(root, &file)?;
    let path = output_path(&file, &text);
    Ok((Planned { file, path }, text))
}

/// Writes the page `request` asks for and says where it went.
pub fn create(root: &Path, config: &Config, request: &NewRequest, today: jiff::civil::Date) -> Result<Planned> {
    let (planned, text) = plan(root, config, request, today)?;
    write_atomic(&confine(root, &planned.file)?, text.as_bytes())?;
    Ok(planned)
}

/// The output folder of a new page file: its folder under `content/` and
/// the `slug` written into it.
fn output_path(file: &str, text: &str) -> String {
    let folder = file.strip_prefix("content/").unwrap_or(file);
    let folder = folder.rsplit_once('/').map_or("", |(folder, _)| folder);
    let slug = text
        .lines()
        .find_map(|line| line.strip_prefix("slug = "))
        .map(|quoted| quoted.trim_matches('"'))
        .unwrap_or_default();
    match folder {
        "" => format!("{slug}/"),
        folder => format!("{folder}/{slug}/"),
    }
}
