//! Editor stage: an award list imported from an uploaded spreadsheet. The
//! file is read as a build reads an award list's data file (same readers,
//! same bounds); the editor shows its sheets and first rows, the names that
//! are persons' pages and the cells holding personal numbers, and then
//! stores the file under `data/` with the sheet and columns the clerk chose.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::name::{Spelling, sanitize, unique};
use super::write_new;
use crate::award::{UploadedTable, read_uploaded_table};
use crate::error::Diagnostic;
use crate::i18n::{Lang, msg};
use crate::links::page_url;
use crate::personal::{NumberKind, find_numbers};
use crate::site::Site;

/// Rows of the list a preview shows.
pub const PREVIEW_ROWS: usize = 50;

/// Most names, and most personal numbers, a preview lists: a long list
/// stays a small answer.
pub const MAX_LISTED: usize = 1000;

/// Where imported lists are stored.
const DATA_DIR: &str = "data";

/// Person pages by title (and pages of a site's own kinds, as award lists
/// link them), with the URL of each relative to the site's root (the
/// preview's base path): `people/zhang-san/index.html`.
#[derive(Debug, Clone, Default)]
pub struct Persons(HashMap<String, Vec<String>>);

impl Persons {
    /// The persons of a loaded site.
    pub fn of(site: &Site) -> Persons {
        let pretty = site.config.pretty_links;
        let urls = site
            .persons_by_title
            .iter()
            .map(|(title, pages)| {
                let urls = pages.iter().map(|&i| page_url(&site.pages[i].path, pretty)).collect();
                (title.clone(), urls)
            })
            .collect();
        Persons(urls)
    }
}

/// Persons from (title, URL) pairs.
impl FromIterator<(String, String)> for Persons {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Persons {
        let mut urls: HashMap<String, Vec<String>> = HashMap::new();
        for (title, url) in pairs {
            urls.entry(title).or_default().push(url);
        }
        Persons(urls)
    }
}

/// What the editor shows of an uploaded list before it is saved.
#[derive(Debug, Clone, Serialize)]
pub struct SheetPreview {
    /// The workbook's sheets, in order; empty for CSV and TSV.
    pub sheets: Vec<String>,
    /// The sheet shown; none for CSV and TSV.
    pub sheet: Option<String>,
    /// The header row.
    pub columns: Vec<String>,
    /// The first [`PREVIEW_ROWS`] rows below the header.
    pub rows: Vec<Vec<String>>,
    /// How many rows the list has below its header.
    pub total_rows: usize,
    /// Cells (in any row) that name a person's page: the first [`MAX_LISTED`].
    pub names: Vec<NameLink>,
    /// Personal numbers in the cells (in any row): the first [`MAX_LISTED`].
    pub personal: Vec<PersonalCell>,
    /// How many personal numbers the cells hold in all.
    pub personal_total: usize,
    /// Warnings about the file (bad bytes in a UTF-8 file), as printed.
    pub warnings: Vec<String>,
}

/// A cell equal to the title of one or more persons' pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameLink {
    /// Row (0 is the first below the header) and column of the cell.
    pub row: usize,
    pub column: usize,
    pub name: String,
    /// The URL of each page with that title (two persons may share a name).
    pub urls: Vec<String>,
}

/// A personal number found in a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonalCell {
    /// Row (0 is the first below the header) and column of the cell.
    pub row: usize,
    pub column: usize,
    /// The column's name in the header.
    pub column_name: String,
    /// Where the cell is in the file, as a spreadsheet names it: `row 7, column B`.
    pub place: String,
    /// What the number is, for messages: `a resident ID number`, ….
    pub what: String,
    /// Its kind as a key, for the editor's own wording: `resident_id`, `mobile`, `bank_card`.
    pub kind: &'static str,
    /// The number as it would be published masked: `138****5678`.
    pub masked: String,
}

/// Reads an uploaded .xlsx, .csv or .tsv file named `original` for the
/// editor: the sheet `sheet` names (or the first), its first rows, the names
/// in it that are `persons`' pages and the personal numbers in its cells.
pub fn preview_sheet(
    bytes: Vec<u8>,
    original: &str,
    sheet: Option<&str>,
    persons: &Persons,
) -> Result<SheetPreview, Diagnostic> {
    let mut warnings = Vec::new();
    let uploaded = read_uploaded_table(bytes, original, sheet, &mut warnings)?;
    let table = &uploaded.table;
    let mut names = Vec::new();
    for (row, cells) in table.rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            if let Some(urls) = persons.0.get(cell) {
                names.push(NameLink {
                    row,
                    column,
                    name: cell.clone(),
                    urls: urls.clone(),
                });
            }
        }
    }
    names.truncate(MAX_LISTED);
    let mut personal = personal_cells(&uploaded);
    let personal_total = personal.len();
    personal.truncate(MAX_LISTED);
    Ok(SheetPreview {
        personal,
        personal_total,
        sheets: uploaded.sheets.clone(),
        sheet: uploaded.sheet.clone(),
        columns: table.columns.clone(),
        rows: table.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
        total_rows: table.rows.len(),
        names,
        warnings: warnings.iter().map(ToString::to_string).collect(),
    })
}

/// Every personal number in the cells below the header.
fn personal_cells(uploaded: &UploadedTable) -> Vec<PersonalCell> {
    let table = &uploaded.table;
    let mut found = Vec::new();
    for (row, cells) in table.rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            for number in find_numbers(cell) {
                found.push(PersonalCell {
                    row,
                    column,
                    column_name: table.columns.get(column).cloned().unwrap_or_default(),
                    // The editor speaks Chinese.
                    place: uploaded.place(row, column).in_lang(Lang::Zh).into_owned(),
                    what: number.kind.describe().to_string(),
                    kind: match number.kind {
                        NumberKind::ResidentId => "resident_id",
                        NumberKind::Mobile => "mobile",
                        NumberKind::BankCard => "bank_card",
                    },
                    masked: number.masked(cell),
                });
            }
        }
    }
    found
}

/// An imported list stored under `data/`, and what the award page's front
/// matter should say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwardImport {
    /// The value for `data`: the file's name under `data/`.
    pub data: String,
    /// The stored file, relative to the site root.
    pub file: String,
    /// The value for `sheet` (workbooks only).
    pub sheet: Option<String>,
    /// The value for `columns`.
    pub columns: Vec<String>,
    /// Columns holding personal numbers, in the header's order: the page
    /// builds only once they are masked (`mask = [...]`) or the numbers removed.
    pub personal_columns: Vec<String>,
}

/// Stores an uploaded list under `data/` (a new file, never replacing one)
/// once it reads as an award list: the sheet `sheet` names (or the first)
/// and `columns`, which must be columns of its header, in the order to show.
pub fn save_sheet(
    root: &Path,
    original: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    columns: &[String],
) -> Result<AwardImport, Diagnostic> {
    let uploaded = read_uploaded_table(bytes.clone(), original, sheet, &mut Vec::new())?;
    check_columns(original, &uploaded.table.columns, columns)?;
    let mut personal_columns: Vec<String> = Vec::new();
    for cell in personal_cells(&uploaded) {
        if !personal_columns.contains(&cell.column_name) {
            personal_columns.push(cell.column_name);
        }
    }
    let extension = original.rsplit_once('.').map_or("csv", |(_, e)| e).to_ascii_lowercase();
    let dir = root.join(DATA_DIR);
    std::fs::create_dir_all(&dir).map_err(|err| {
        Diagnostic::error(
            DATA_DIR,
            msg::upload_cannot_create_folder(crate::error::io_reason(&err)),
        )
    })?;
    let name = unique(&dir, &sanitize(original, &extension, "list", Spelling::Title));
    let file = format!("{DATA_DIR}/{name}");
    write_new(&root.join(&file), &file, &bytes)?;
    Ok(AwardImport {
        data: name,
        file,
        sheet: uploaded.sheet,
        columns: columns.to_vec(),
        personal_columns,
    })
}

/// Checks the chosen columns: at least one, each in the header, none twice.
fn check_columns(original: &str, header: &[String], chosen: &[String]) -> Result<(), Diagnostic> {
    let listed = || msg::upload_columns_are(crate::i18n::list(header));
    if chosen.is_empty() {
        return Err(Diagnostic::error(original, msg::upload_no_column()).hint(listed()));
    }
    for (i, name) in chosen.iter().enumerate() {
        if !header.contains(name) {
            return Err(Diagnostic::error(original, msg::upload_not_a_column(format!("{name:?}"))).hint(listed()));
        }
        if chosen[..i].contains(name) {
            return Err(
                Diagnostic::error(original, msg::upload_column_twice(format!("{name:?}")))
                    .hint(msg::upload_column_twice_hint()),
            );
        }
    }
    Ok(())
}
