//! Load stage for award lists: the table of an award page, from a CSV/TSV or
//! TOML data file or from inline `[[entries]]`.

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::i18n::{Message, msg};
use crate::page::Page;
use crate::personal::{TableSource, guard_table};

mod encoding;
mod xlsx;

/// An award list's rows, with the columns to show, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwardTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The data file (site-relative), when personal numbers in it were
    /// masked: the file itself must never be published as it is.
    pub withheld: Option<String>,
}

/// Where a table's rows stand in their source, for messages about a cell.
#[derive(Debug)]
enum RowPlaces {
    /// CSV and TSV: the file line of each row; columns are lettered as a spreadsheet shows them.
    Lines(Vec<usize>),
    /// A worksheet: the sheet row (1-based) of each row, and the sheet column of the first column.
    Sheet { rows: Vec<u32>, first_column: u32 },
    /// `[[entries]]`: counted from 1.
    Entries,
}

impl RowPlaces {
    /// Names the cell at `row` (0 is the first below the header) and `column` of the table.
    fn describe(&self, row: usize, column: usize) -> Message {
        match self {
            RowPlaces::Lines(lines) => {
                let line = lines.get(row).copied().unwrap_or(0);
                msg::award_row_column(line, xlsx::column_name(column as u32))
            }
            RowPlaces::Sheet { rows, first_column } => {
                let sheet_row = rows.get(row).copied().unwrap_or(0);
                msg::award_row_column(sheet_row, xlsx::column_name(first_column + column as u32))
            }
            RowPlaces::Entries => msg::award_entry(row + 1),
        }
    }
}

/// Column that says which person a row means when two share a name.
pub const PERSON_SLUG_COLUMN: &str = "person_slug";

/// Reads the table of an award page; none when it has neither `data` nor `[[entries]]`.
/// A UTF-8 file with a few bad bytes is read, and a warning in `warnings` says where.
/// Personal numbers in its cells are masked as `mask` says, or are errors.
pub fn load_award_table(
    root: &Path,
    page: &Page,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<AwardTable>, Vec<Diagnostic>> {
    let Some((mut table, places, file)) = read_award_table(root, page, warnings).map_err(|d| vec![d])? else {
        return Ok(None);
    };
    let inline = page.data.is_none();
    let source = TableSource {
        file: &file,
        line: inline.then_some(page.entries_line),
        page_file: &page.file,
        mask: &page.mask,
        mask_line: page.mask_line,
    };
    if guard_table(&mut table, &source, |row, column| places.describe(row, column))? && !inline {
        table.withheld = Some(file);
    }
    select_columns(table, page).map(Some).map_err(|d| vec![d])
}

/// The whole table of an award page, where its rows stand, and the file it was read from.
fn read_award_table(
    root: &Path,
    page: &Page,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<(AwardTable, RowPlaces, String)>, Diagnostic> {
    let table = match &page.data {
        Some((name, line)) => {
            let (path, shown) = find_data_file(root, page, name).map_err(|problem| {
                let (message, hint) = match problem {
                    Missing => (msg::award_data_missing(name), msg::award_data_missing_hint()),
                    Outside => (msg::award_data_outside(name), msg::award_data_outside_hint()),
                    Linked => (msg::award_data_linked(name), msg::award_data_linked_hint()),
                };
                Diagnostic::error(&page.file, message).at_line(*line).hint(hint)
            })?;
            let (table, places) = read_data_file(&path, &shown, page, *line, warnings)?;
            (table, places, shown)
        }
        None if !page.entries.is_empty() => (from_entries(&page.entries), RowPlaces::Entries, page.file.clone()),
        None => return Ok(None),
    };
    Ok(Some(table))
}

/// Why `data` names no file laurel may read.
enum NotFound {
    Missing,
    /// An absolute path, or a `..` that leaves `content/` or `data/`.
    Outside,
    /// A link to a file outside the site root.
    Linked,
}
use NotFound::{Linked, Missing, Outside};

/// Looks for `name` beside the page (under `content/`), then under the
/// site's `data/`; never outside those two folders.
fn find_data_file(root: &Path, page: &Page, name: &str) -> Result<(PathBuf, String), NotFound> {
    let dir = page.source.rfind('/').map_or("", |i| &page.source[..i]);
    let candidates: Vec<String> = [confine("content", dir, name)?, confine("data", "", name)?]
        .into_iter()
        .flatten()
        .collect();
    if candidates.is_empty() {
        return Err(Outside);
    }
    let (path, shown) = candidates
        .into_iter()
        .map(|rel| (root.join(&rel), rel))
        .find(|(path, _)| path.is_file())
        .ok_or(Missing)?;
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        _ => false,
    };
    if inside { Ok((path, shown)) } else { Err(Linked) }
}

/// The site-relative path of `name` read from `base/dir`, or none when it
/// climbs out of `base`; an error when it is absolute.
fn confine(base: &str, dir: &str, name: &str) -> Result<Option<String>, NotFound> {
    use std::path::Component;
    let mut parts: Vec<String> = vec![base.to_string()];
    parts.extend(dir.split('/').filter(|p| !p.is_empty()).map(String::from));
    for component in Path::new(name).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir if parts.len() > 1 => {
                parts.pop();
            }
            Component::ParentDir => return Ok(None),
            Component::RootDir | Component::Prefix(_) => return Err(Outside),
        }
    }
    Ok(Some(parts.join("/")))
}

fn read_data_file(
    path: &Path,
    shown: &str,
    page: &Page,
    line: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(AwardTable, RowPlaces), Diagnostic> {
    let bytes = read_bytes(path, shown)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "csv" => read_delimited(&encoding::decode_data_file(&bytes, shown, warnings), b',', shown),
        "tsv" => read_delimited(&encoding::decode_data_file(&bytes, shown, warnings), b'\t', shown),
        "toml" => read_toml(&encoding::decode_data_file(&bytes, shown, warnings), shown)
            .map(|table| (table, RowPlaces::Entries)),
        "xlsx" | "xlsm" => xlsx::read_xlsx(bytes, shown, page, line)
            .map(|(table, rows, first_column)| (table, RowPlaces::Sheet { rows, first_column })),
        _ => Err(Diagnostic::error(&page.file, msg::award_data_format(shown))
            .at_line(line)
            .hint(msg::award_data_format_hint())),
    }
}

/// Most bytes a data file may hold: far more than any award list needs.
const MAX_DATA_FILE: u64 = 64 << 20;

/// The bytes of a data file, refusing one larger than [`MAX_DATA_FILE`].
fn read_bytes(path: &Path, shown: &str) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let cannot =
        |err: std::io::Error| Diagnostic::error(shown, msg::award_data_unreadable(crate::error::io_reason(&err)));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(MAX_DATA_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_DATA_FILE {
        return Err(too_large(shown));
    }
    Ok(bytes)
}

/// The error for a data file larger than [`MAX_DATA_FILE`].
fn too_large(shown: &str) -> Diagnostic {
    Diagnostic::error(shown, msg::award_data_too_large(MAX_DATA_FILE >> 20)).hint(msg::award_data_too_large_hint())
}

/// A spreadsheet uploaded in the editor, read as an award list reads its data file.
#[derive(Debug)]
pub struct UploadedTable {
    /// The workbook's sheets, in order; empty for CSV and TSV.
    pub sheets: Vec<String>,
    /// The sheet read; none for CSV and TSV.
    pub sheet: Option<String>,
    /// Every column of the header, and every row below it.
    pub table: AwardTable,
    places: RowPlaces,
}

impl UploadedTable {
    /// Names the cell at `row` (0 is the first below the header) and `column`: `row 7, column B`.
    pub fn place(&self, row: usize, column: usize) -> Message {
        self.places.describe(row, column)
    }
}

/// Reads an uploaded .csv, .tsv or .xlsx file named `shown`, within the
/// bounds of an award list's data file: the sheet `sheet` names, or the first.
/// A UTF-8 file with a few bad bytes is read, and a warning in `warnings` says where.
pub fn read_uploaded_table(
    bytes: Vec<u8>,
    shown: &str,
    sheet: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<UploadedTable, Diagnostic> {
    if bytes.len() as u64 > MAX_DATA_FILE {
        return Err(too_large(shown));
    }
    let extension = Path::new(shown)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut delimited =
        |delimiter| read_delimited(&encoding::decode_data_file(&bytes, shown, warnings), delimiter, shown);
    let (sheets, sheet, (table, places)) = match extension.as_str() {
        "csv" => (Vec::new(), None, delimited(b',')?),
        "tsv" => (Vec::new(), None, delimited(b'\t')?),
        "xlsx" | "xlsm" => {
            let (sheets, name, table, rows, first_column) = xlsx::read_uploaded(bytes, shown, sheet)?;
            (sheets, Some(name), (table, RowPlaces::Sheet { rows, first_column }))
        }
        _ => {
            return Err(
                Diagnostic::error(shown, msg::award_upload_file_type()).hint(msg::award_upload_file_type_hint())
            );
        }
    };
    Ok(UploadedTable {
        sheets,
        sheet,
        table,
        places,
    })
}

fn read_delimited(text: &str, delimiter: u8, shown: &str) -> Result<(AwardTable, RowPlaces), Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|err| csv_diagnostic(shown, &err))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if columns.iter().all(String::is_empty) {
        return Err(Diagnostic::error(shown, msg::award_no_header())
            .at_line(1)
            .hint(msg::award_no_header_hint()));
    }
    let (mut rows, mut lines) = (Vec::new(), Vec::new());
    // The file line of each row, counted from its byte offset: the reader's own
    // line count, and its offset, leave out the blank lines before a row.
    let bytes = text.as_bytes();
    let (mut line, mut counted) = (1, 0);
    for record in reader.records() {
        let record = record.map_err(|err| csv_diagnostic(shown, &err))?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut start = record
            .position()
            .map_or(counted, |p| p.byte() as usize)
            .clamp(counted, text.len());
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        line += bytes[counted..start].iter().filter(|&&b| b == b'\n').count();
        counted = start;
        rows.push(record.iter().map(|cell| cell.trim().to_string()).collect());
        lines.push(line);
    }
    let table = AwardTable {
        columns,
        rows,
        withheld: None,
    };
    Ok((table, RowPlaces::Lines(lines)))
}

fn csv_diagnostic(shown: &str, err: &csv::Error) -> Diagnostic {
    match err.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => {
            let line = pos.as_ref().map(|p| p.line() as usize);
            Diagnostic::error(shown, msg::award_ragged_row(len, expected_len))
                .at(line)
                .hint(msg::award_ragged_row_hint())
        }
        _ => {
            let line = err.position().map(|p| p.line() as usize);
            Diagnostic::error(shown, msg::award_table_unreadable(err)).at(line)
        }
    }
}

/// A `.toml` data file holds `[[entries]]` tables, like inline entries.
fn read_toml(text: &str, shown: &str) -> Result<AwardTable, Diagnostic> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DataFile {
        entries: Vec<toml::Table>,
    }
    let data: DataFile = toml::from_str(text).map_err(|err| crate::error::toml_diagnostic(shown, text, 1, &err))?;
    Ok(from_entries(&data.entries))
}

/// Columns in the order they first appear; a missing cell is empty.
fn from_entries(entries: &[toml::Table]) -> AwardTable {
    let mut columns: Vec<String> = Vec::new();
    for entry in entries {
        for key in entry.keys() {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let cell = |v: Option<&toml::Value>| match v {
        Some(toml::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let rows = entries
        .iter()
        .map(|e| columns.iter().map(|c| cell(e.get(c))).collect())
        .collect();
    AwardTable {
        columns,
        rows,
        withheld: None,
    }
}

/// Keeps the columns `columns` names, in its order (and `person_slug`, which
/// is read but not shown).
fn select_columns(table: AwardTable, page: &Page) -> Result<AwardTable, Diagnostic> {
    let Some((wanted, line)) = &page.columns else {
        return Ok(table);
    };
    let mut picks = Vec::with_capacity(wanted.len());
    for name in wanted {
        let index = table.columns.iter().position(|c| c == name).ok_or_else(|| {
            Diagnostic::error(&page.file, msg::award_unknown_column(format_args!("{name:?}")))
                .at_line(*line)
                .hint(msg::award_columns_hint(crate::i18n::list(&table.columns)))
        })?;
        picks.push(index);
    }
    if let Some(slug) = table.columns.iter().position(|c| c == PERSON_SLUG_COLUMN)
        && !picks.contains(&slug)
    {
        picks.push(slug);
    }
    let columns = picks.iter().map(|&i| table.columns[i].clone()).collect();
    let rows = table
        .rows
        .into_iter()
        .map(|row| picks.iter().map(|&i| row.get(i).cloned().unwrap_or_default()).collect())
        .collect();
    Ok(AwardTable {
        columns,
        rows,
        withheld: table.withheld,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_table_is_said_in_chinese_without_the_readers_english() {
        let err = csv::Error::from(std::io::Error::other("stream did not contain valid UTF-8"));
        let shown = csv_diagnostic("data/awards.csv", &err).render(crate::i18n::Lang::Zh);
        assert_eq!(
            shown,
            "错误：data/awards.csv：无法读取这个表格，它不是 laurel 能读取的 CSV 格式"
        );
    }

    #[test]
    fn quoted_cells_survive() {
        let (t, _) = read_delimited("姓名,事迹\n张三,\"救人, 说\"\"好\"\"\n第二行\"\n", b',', "a.csv").unwrap();
        assert_eq!(t.rows[0][1], "救人, 说\"好\"\n第二行");
    }

    #[test]
    fn ragged_row_names_line() {
        let err = read_delimited("a,b\n1,2\n3\n", b',', "data/x.csv").unwrap_err();
        assert_eq!(
            err.to_string().lines().next().unwrap(),
            "error: data/x.csv:3: this row has 1 cells, but the header has 2"
        );
    }
}
