//! Check stage: the personal-data guard. Resident ID numbers, mobile numbers
//! and bank card numbers in Markdown, front matter and award-list cells are
//! errors, unless an award list's `mask` publishes them masked
//! (`130102********1234`, `138****5678`). The scan runs over text already in
//! memory, as each file is read; the files published as they are, and the
//! pages' addresses, are checked as well.

use std::collections::HashMap;
use std::ops::Range;

use crate::award::AwardTable;
use crate::error::Diagnostic;
use crate::front_matter::{Split, line_of_span};
use crate::i18n::{Message, msg};

mod detect;
mod hidden;
mod published;

pub use detect::{Found, NumberKind, find_numbers, find_numbers_in_path, mask_numbers};
use hidden::hidden_numbers;
pub use published::check_published;

/// Which cells of an award list publish their numbers masked (`mask` in its front matter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Mask {
    /// Every number is an error.
    #[default]
    Off,
    /// `mask = true`: every number in every cell is masked.
    All,
    /// `mask = ["身份证号", …]`: numbers in these columns are masked, others are errors.
    Columns(Vec<String>),
}

/// Reads `mask` from front matter: true, false, or a list of column names;
/// only award lists have one.
pub fn resolve_mask(
    file: &str,
    split: &Split<'_>,
    raw: Option<&toml::Spanned<toml::Value>>,
    award: bool,
) -> Result<Mask, Diagnostic> {
    let Some(raw) = raw else { return Ok(Mask::Off) };
    let line = line_of_span(split, raw);
    let mask = match raw.get_ref() {
        toml::Value::Boolean(true) => Mask::All,
        toml::Value::Boolean(false) => Mask::Off,
        toml::Value::Array(names) => Mask::Columns(
            names
                .iter()
                .map(|name| name.as_str().map(str::to_string))
                .collect::<Option<_>>()
                .ok_or_else(|| not_a_mask(file, line))?,
        ),
        _ => return Err(not_a_mask(file, line)),
    };
    if !award && mask != Mask::Off {
        return Err(Diagnostic::error(file, msg::personal_mask_not_a_list())
            .at_line(line)
            .hint(msg::personal_mask_not_a_list_hint()));
    }
    Ok(mask)
}

fn not_a_mask(file: &str, line: usize) -> Diagnostic {
    Diagnostic::error(file, msg::personal_not_a_mask())
        .at_line(line)
        .hint(msg::personal_not_a_mask_hint())
}

/// Errors for every number in a Markdown file's `text` (front matter and
/// body), at its line. `entries` is the front matter of an award list whose
/// inline `[[entries]]` are its table: numbers in their cells are left to
/// [`guard_table`], which may mask them.
pub fn check_markdown(file: &str, text: &str, entries: Option<&str>) -> Vec<Diagnostic> {
    let mut found = find_numbers(text);
    let mut hidden = hidden_numbers(text);
    if found.is_empty() && hidden.is_empty() {
        return Vec::new();
    }
    if let Some(front) = entries {
        let cells = cell_spans(text, front);
        found.retain(|number| {
            !cells
                .iter()
                .any(|cell| cell.start <= number.range.start && number.range.end <= cell.end)
        });
        hidden.retain(|h| {
            !cells
                .iter()
                .any(|cell| cell.start < h.span.end && h.span.start < cell.end)
        });
    }
    let hidden = hidden.into_iter().map(|h| {
        let masked = h.found.masked(&h.read);
        Diagnostic::error(file, msg::personal_in_text_hidden(&masked, h.found.kind.describe()))
            .at_line(h.line)
            .hint(msg::personal_in_text_hint(&masked))
    });
    let (mut line, mut counted) = (1, 0);
    found
        .iter()
        .map(|number| {
            line += text.as_bytes()[counted..number.range.start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = number.range.start;
            let masked = number.masked(text);
            Diagnostic::error(file, msg::personal_in_text(&masked, number.kind.describe()))
                .at_line(line)
                .hint(msg::personal_in_text_hint(&masked))
        })
        .chain(hidden)
        .collect()
}

/// Errors for every number in the path of a Markdown file (`rel`, relative
/// to `content/`): its folders and name become the page's address.
pub fn check_file_name(file: &str, rel: &str) -> Vec<Diagnostic> {
    find_numbers_in_path(rel)
        .iter()
        .map(|number| {
            Diagnostic::error(
                file,
                msg::personal_in_file_name(number.masked(rel), number.kind.describe()),
            )
            .hint(msg::personal_in_file_name_hint())
        })
        .collect()
}

/// An error when the address of the page in `file` (`path`, from its
/// file name or its `slug`) holds a number.
pub fn check_address(file: &str, path: &str) -> Option<Diagnostic> {
    let found = find_numbers_in_path(path);
    let first = found.first()?;
    let address = mask_numbers(path, &found);
    Some(
        Diagnostic::error(
            file,
            msg::personal_in_address(format!("/{address}"), first.kind.describe()),
        )
        .hint(msg::personal_in_address_hint()),
    )
}

/// Byte ranges in `text` of the values of the `[[entries]]` cells in its front matter `front`.
fn cell_spans(text: &str, front: &str) -> Vec<Range<usize>> {
    #[derive(serde::Deserialize)]
    struct Entries {
        #[serde(default)]
        entries: Vec<HashMap<String, toml::Spanned<toml::Value>>>,
    }
    let offset = front.as_ptr() as usize - text.as_ptr() as usize;
    let Ok(parsed) = toml::from_str::<Entries>(front) else {
        return Vec::new();
    };
    parsed
        .entries
        .iter()
        .flat_map(|entry| entry.values())
        .map(|value| value.span().start + offset..value.span().end + offset)
        .collect()
}

/// Where an award table came from, for its messages.
pub struct TableSource<'a> {
    /// The data file, or the award page for inline entries.
    pub file: &'a str,
    pub line: Option<usize>,
    /// The award page, which holds `mask`.
    pub page_file: &'a str,
    pub mask: &'a Mask,
    pub mask_line: usize,
}

/// Checks every cell below the header of `table`: a number in a column
/// `mask` covers is masked in place, any other is an error. `place(row,
/// column)` names a cell (`row 7, column B`). True when something was masked.
pub fn guard_table(
    table: &mut AwardTable,
    source: &TableSource<'_>,
    place: impl Fn(usize, usize) -> Message,
) -> Result<bool, Vec<Diagnostic>> {
    let masked = masked_columns(&table.columns, source)?;
    let mut problems = Vec::new();
    let mut any = false;
    for (r, row) in table.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            let found = find_numbers(cell);
            if found.is_empty() {
                continue;
            }
            if masked.get(c).copied().unwrap_or(false) {
                *cell = mask_numbers(cell, &found);
                any = true;
                continue;
            }
            let column = table.columns.get(c).map_or("", String::as_str);
            for number in &found {
                problems.push(cell_error(source, place(r, c), column, number, cell));
            }
        }
    }
    if problems.is_empty() { Ok(any) } else { Err(problems) }
}

fn cell_error(source: &TableSource<'_>, place: Message, column: &str, number: &Found, cell: &str) -> Diagnostic {
    let masked = number.masked(cell);
    let hint = if column.is_empty() {
        msg::personal_mask_all_hint(source.page_file)
    } else {
        msg::personal_mask_column_hint(column, source.page_file, &masked)
    };
    Diagnostic::error(
        source.file,
        msg::personal_in_cell(column, &masked, place, number.kind.describe()),
    )
    .at(source.line)
    .hint(hint)
}

/// For each column, whether `mask` covers it; an error for a named column the table lacks.
fn masked_columns(columns: &[String], source: &TableSource<'_>) -> Result<Vec<bool>, Vec<Diagnostic>> {
    match source.mask {
        Mask::Off => Ok(vec![false; columns.len()]),
        Mask::All => Ok(vec![true; columns.len()]),
        Mask::Columns(names) => {
            let missing: Vec<Diagnostic> = names
                .iter()
                .filter(|name| !columns.contains(name))
                .map(|name| {
                    Diagnostic::error(source.page_file, msg::personal_unknown_column(format_args!("{name:?}")))
                        .at_line(source.mask_line)
                        .hint(msg::award_columns_hint(crate::i18n::list(columns)))
                })
                .collect();
            if missing.is_empty() {
                Ok(columns.iter().map(|c| names.contains(c)).collect())
            } else {
                Err(missing)
            }
        }
    }
}

#[cfg(test)]
mod tests;
