//! Load stage for .xlsx award data. calamine allocates from what a workbook
//! declares (its sheets' cell references, its shared-strings count), so the
//! package is checked first and a sheet is read cell by cell within bounds:
//! a damaged or oversized workbook is an error naming it, never an abort.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use quick_xml::events::{BytesStart, Event};

use super::AwardTable;
use crate::error::{Diagnostic, io_reason};
use crate::i18n::{Message, msg};
use crate::page::Page;

/// Most bytes one part of a workbook may unpack to.
const PART_LIMIT: u64 = 64 << 20;
/// Most bytes all parts of a workbook together may unpack to.
const TOTAL_LIMIT: u64 = 256 << 20;
/// Rows and columns a sheet's list may reach (row 100000, column IV).
const MAX_ROWS: u32 = 100_000;
const MAX_COLUMNS: u32 = 256;
/// Most cells the list may span, rows × columns.
const MAX_CELLS: usize = 2_000_000;
/// Excel's last row and column (cell XFD1048576); a reference beyond them is damage.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;
/// Fewest bytes one shared string takes in its part (`<si/>`).
const SHARED_STRING_BYTES: u64 = 5;

/// Reads the sheet `sheet` names (or the first) of an Excel workbook; the
/// first non-empty row is the header. With the table come the sheet row
/// (1-based) of each of its rows and the sheet column (0-based) of its first column.
pub(super) fn read_xlsx(
    bytes: Vec<u8>,
    shown: &str,
    page: &Page,
    line: usize,
) -> Result<(AwardTable, Vec<u32>, u32), Diagnostic> {
    let (mut book, names) = open(bytes, shown)?;
    let name = match &page.sheet {
        Some(wanted) => names.iter().find(|n| *n == wanted).cloned().ok_or_else(|| {
            Diagnostic::error(&page.file, msg::xlsx_no_sheet(shown, format_args!("{wanted:?}")))
                .at_line(line)
                .hint(msg::xlsx_sheets_hint(crate::i18n::list(&names)))
        })?,
        None => first_sheet(&names, shown)?,
    };
    let cells = read_cells(&mut book, &name, shown)?;
    into_table(cells, &name, shown)
}

/// A sheet of a workbook read for the editor's import: the workbook's sheet
/// names, the sheet read, its table, and where its rows and first column stand.
pub(super) type UploadedSheet = (Vec<String>, String, AwardTable, Vec<u32>, u32);

/// Reads the sheet `sheet` names (or the first) of an uploaded workbook, with
/// the names of all its sheets, within the same bounds as [`read_xlsx`].
pub(super) fn read_uploaded(bytes: Vec<u8>, shown: &str, sheet: Option<&str>) -> Result<UploadedSheet, Diagnostic> {
    let (mut book, names) = open(bytes, shown)?;
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| *n == wanted).cloned().ok_or_else(|| {
            Diagnostic::error(shown, msg::xlsx_no_sheet(shown, format_args!("{wanted:?}")))
                .hint(msg::xlsx_sheets_hint(crate::i18n::list(&names)))
        })?,
        None => first_sheet(&names, shown)?,
    };
    let cells = read_cells(&mut book, &name, shown)?;
    let (table, rows, first) = into_table(cells, &name, shown)?;
    Ok((names, name, table, rows, first))
}

/// A workbook read from memory.
type Book = Xlsx<Cursor<Vec<u8>>>;

/// Checks a workbook's package and opens it, with its sheet names in order.
fn open(bytes: Vec<u8>, shown: &str) -> Result<(Book, Vec<String>), Diagnostic> {
    check_package(&bytes, shown)?;
    let book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|err| {
        Diagnostic::error(shown, msg::xlsx_unreadable(xlsx_reason(&err))).hint(msg::xlsx_resave_hint())
    })?;
    let names = book.sheet_names();
    Ok((book, names))
}

/// The first sheet's name; an error when the workbook has none.
fn first_sheet(names: &[String], shown: &str) -> Result<String, Diagnostic> {
    names
        .first()
        .cloned()
        .ok_or_else(|| Diagnostic::error(shown, msg::xlsx_no_sheets()))
}

/// Unpacks every part within [`PART_LIMIT`] and [`TOTAL_LIMIT`], checking the
/// cell references of worksheets and the count of shared strings on the way.
fn check_package(bytes: &[u8], shown: &str) -> Result<(), Diagnostic> {
    let damaged = |why: Message| Diagnostic::error(shown, msg::xlsx_unreadable(why)).hint(msg::xlsx_resave_hint());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|err| damaged(zip_reason(&err)))?;
    let sheets = sheet_names(&mut zip);
    let mut total = 0;
    for index in 0..zip.len() {
        let entry = zip.by_index(index).map_err(|err| damaged(zip_reason(&err)))?;
        let part = entry.name().map_err(|err| damaged(zip_reason(&err)))?.into_owned();
        let place = place_of(&part, sheets.get(&part));
        let mut limited = entry.take(PART_LIMIT + 1);
        if part.to_ascii_lowercase().ends_with(".xml") {
            check_part(BufReader::new(&mut limited), &place, shown)?;
        }
        std::io::copy(&mut limited, &mut std::io::sink()).map_err(|err| damaged(io_reason(&err)))?;
        let size = PART_LIMIT + 1 - limited.limit();
        total += size;
        let too_big = match (size > PART_LIMIT, total > TOTAL_LIMIT) {
            (true, _) => msg::xlsx_part_too_big(PART_LIMIT >> 20, place),
            (false, true) => msg::xlsx_too_big(TOTAL_LIMIT >> 20),
            (false, false) => continue,
        };
        return Err(Diagnostic::error(shown, too_big).hint(msg::xlsx_too_big_hint()));
    }
    Ok(())
}

/// The part of a workbook as a message names it: its sheet's name, or what
/// the part holds.
fn place_of(part: &str, sheet: Option<&String>) -> Message {
    match (sheet, part) {
        (Some(name), _) => msg::xlsx_place_sheet(format_args!("{name:?}")),
        (None, "xl/sharedStrings.xml") => msg::xlsx_place_strings(part),
        (None, "xl/styles.xml") => msg::xlsx_place_styles(part),
        (None, "xl/workbook.xml") => msg::xlsx_place_workbook(part),
        (None, _) => msg::xlsx_place_part(part),
    }
}

/// Why the zip a workbook is cannot be read, from the catalogue.
fn zip_reason(err: &zip::result::ZipError) -> Message {
    match err {
        zip::result::ZipError::Io(cause) => io_reason(cause),
        _ => msg::xlsx_not_a_workbook(err),
    }
}

/// Why calamine cannot read a workbook, from the catalogue.
fn xlsx_reason(err: &calamine::XlsxError) -> Message {
    match err {
        calamine::XlsxError::Io(cause) => io_reason(cause),
        calamine::XlsxError::Zip(zip) => zip_reason(zip),
        calamine::XlsxError::FileNotFound(part) => msg::xlsx_missing_part(part),
        _ => msg::xlsx_bad_xml(err),
    }
}

/// Sheet names by the part that holds each sheet, as the workbook and its
/// relationships say (at calamine's default place, `xl/`); a sheet missing
/// here is named by its part.
fn sheet_names(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> HashMap<String, String> {
    let targets: HashMap<String, String> = elements(zip, "xl/_rels/workbook.xml.rels", "Relationship")
        .into_iter()
        .filter_map(|mut rel| {
            let target = rel.remove("Target")?;
            let part = target
                .strip_prefix('/')
                .map_or_else(|| format!("xl/{target}"), String::from);
            Some((rel.remove("Id")?, part))
        })
        .collect();
    elements(zip, "xl/workbook.xml", "sheet")
        .into_iter()
        .filter_map(|mut sheet| Some((targets.get(&sheet.remove("id")?)?.clone(), sheet.remove("name")?)))
        .collect()
}

/// The attributes (by local name) of each `element` in the XML part `part`;
/// none when the part is missing or unreadable.
fn elements(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, part: &str, element: &str) -> Vec<HashMap<String, String>> {
    let Ok(entry) = zip.by_name(part) else {
        return Vec::new();
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(entry.take(PART_LIMIT)));
    let (mut buf, mut found) = (Vec::new(), Vec::new());
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == element => found.push(
                e.attributes()
                    .flatten()
                    .map(|a| (a.key.local_name().as_ref().to_string(), a.value.into_owned()))
                    .collect(),
            ),
            Ok(Event::Eof) | Err(_) => return found,
            Ok(_) => {}
        }
    }
}

/// Checks one XML part (`place` names it): a worksheet's cell references,
/// or the shared strings' declared count. Other parts pass.
fn check_part(reader: impl BufRead, place: &Message, shown: &str) -> Result<(), Diagnostic> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut root: Option<String> = None;
    loop {
        buf.clear();
        let element = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            Ok(Event::Eof) => return Ok(()),
            Err(err) if root.is_some() => {
                return Err(
                    Diagnostic::error(shown, msg::xlsx_part_unreadable(place.clone(), msg::xlsx_bad_xml(err)))
                        .hint(msg::xlsx_resave_hint()),
                );
            }
            Err(_) => return Ok(()),
            Ok(_) => continue,
        };
        let name = element.local_name().as_ref().to_string();
        let root = root.get_or_insert_with(|| name.clone());
        match (root.as_str(), name.as_str()) {
            ("worksheet", "dimension") => check_range(attribute(&element, "ref"), place, shown)?,
            ("worksheet", "c") => check_range(attribute(&element, "r"), place, shown)?,
            ("worksheet", "row") => check_range(attribute(&element, "r").map(|r| format!("A{r}")), place, shown)?,
            ("sst", "sst") => {
                check_string_count(attribute(&element, "count"), place, shown)?;
                check_string_count(attribute(&element, "uniqueCount"), place, shown)?;
            }
            ("worksheet" | "sst", _) => {}
            _ => return Ok(()),
        }
    }
}

/// The value of an attribute, if the element has it.
fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    match element.try_get_attribute(name) {
        Ok(Some(value)) => Some(value.value.into_owned()),
        _ => None,
    }
}

/// A cell reference (`B7`) or range (`A1:C9`) within Excel's sheet, else an
/// error calling the workbook damaged. An absent reference passes (calamine
/// then counts cells and rows itself, and [`read_cells`] checks the result).
fn check_range(range: Option<String>, place: &Message, shown: &str) -> Result<(), Diagnostic> {
    let Some(range) = range else { return Ok(()) };
    let damaged = || {
        Diagnostic::error(
            shown,
            msg::xlsx_bad_range(format_args!("{range:?}"), EXCEL_ROWS, place.clone()),
        )
        .hint(msg::xlsx_resave_hint())
    };
    let corners: Vec<Option<(u32, u32)>> = range.split(':').map(parse_cell).collect();
    match corners.as_slice() {
        [Some(_)] => Ok(()),
        [Some(start), Some(end)] if start.0 <= end.0 && start.1 <= end.1 => Ok(()),
        _ => Err(damaged()),
    }
}

/// Row and column (1-based) of a cell reference like `B7` within Excel's
/// limits; none for anything else.
fn parse_cell(cell: &str) -> Option<(u32, u32)> {
    let letters = cell.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (column, row) = cell.split_at(letters);
    if !(1..=3).contains(&letters) || !(1..=7).contains(&row.len()) || !row.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let column = column
        .bytes()
        .fold(0, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    let row: u32 = row.parse().ok()?;
    ((1..=EXCEL_ROWS).contains(&row) && column <= EXCEL_COLUMNS).then_some((row, column))
}

/// The shared strings' `count` or `uniqueCount` must fit the part (calamine
/// reserves room for that many strings up front).
fn check_string_count(count: Option<String>, place: &Message, shown: &str) -> Result<(), Diagnostic> {
    let Some(count) = count else { return Ok(()) };
    if count
        .parse::<u64>()
        .is_ok_and(|n| n <= PART_LIMIT / SHARED_STRING_BYTES)
    {
        return Ok(());
    }
    Err(Diagnostic::error(shown, msg::xlsx_bad_strings(count, place.clone())).hint(msg::xlsx_resave_hint()))
}

/// A cell of the sheet: 0-based row and column, and its text.
type Cell = (u32, u32, String);

/// The non-empty cells of the sheet `name`, refusing any beyond
/// [`MAX_ROWS`] and [`MAX_COLUMNS`] and more than [`MAX_CELLS`] of them.
fn read_cells(book: &mut Book, name: &str, shown: &str) -> Result<Vec<Cell>, Diagnostic> {
    let unreadable = |err: calamine::XlsxError| {
        Diagnostic::error(
            shown,
            msg::xlsx_sheet_unreadable(format_args!("{name:?}"), xlsx_reason(&err)),
        )
        .hint(msg::xlsx_resave_hint())
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let value = Data::from(cell.get_value().clone());
        let (row, column) = cell.get_position();
        if let Some(digits) = long_number(&value) {
            return Err(long_number_error(shown, name, row, column, digits));
        }
        let text = cell_text(&value);
        if text.is_empty() {
            continue;
        }
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(too_far(shown, name, row, column));
        }
        if cells.len() >= MAX_CELLS {
            return Err(too_many(shown, name));
        }
        cells.push((row, column, text));
    }
    drop(reader);
    let merged = book.merge_cells_by_sheet_name(name).map_err(unreadable)?;
    fill_merged_down(&mut cells, &merged);
    if cells.len() > MAX_CELLS {
        return Err(too_many(shown, name));
    }
    Ok(cells)
}

/// Puts the text of each cell merged down a column (a category written
/// once beside the rows it spans) into every row it spans, as readers of
/// the sheet see it. Merges across columns (a title over the list) are
/// left as they are; so is what lies beyond the rows and columns read.
fn fill_merged_down(cells: &mut Vec<Cell>, merged: &[calamine::Dimensions]) {
    let down = merged
        .iter()
        .filter(|m| m.start.1 == m.end.1 && m.start.0 < m.end.0 && m.start.1 < MAX_COLUMNS);
    let position = |cell: &Cell| (cell.0, cell.1);
    if !cells.is_sorted_by_key(position) {
        cells.sort_unstable_by_key(position);
    }
    let mut filled = Vec::new();
    for merge in down {
        let Ok(at) = cells.binary_search_by_key(&merge.start, position) else {
            continue;
        };
        let ((top, column), text) = (merge.start, &cells[at].2);
        let last = merge.end.0.min(MAX_ROWS - 1);
        filled.extend((top + 1..=last).map(|row| (row, column, text.clone())));
        if cells.len() + filled.len() > MAX_CELLS {
            break;
        }
    }
    if filled.is_empty() {
        return;
    }
    // A merged cell's other cells are empty: none of them is in `cells` yet.
    cells.extend(filled);
    cells.sort_unstable_by_key(position);
}

/// Text of a cell as the list shows it: whole numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_string(),
    }
}

/// The digits of a whole number of 16 or more digits stored as a number:
/// only its first 15 are kept, so what it shows is not what was typed (an
/// ID or card number, most likely, which a check could then not recognise).
fn long_number(cell: &Data) -> Option<usize> {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() >= 1e15 => Some(format!("{:.0}", f.abs()).len()),
        Data::Int(n) if n.unsigned_abs() >= 1_000_000_000_000_000 => Some(n.unsigned_abs().to_string().len()),
        _ => None,
    }
}

/// The error for a cell that holds a [`long_number`].
fn long_number_error(shown: &str, sheet: &str, row: u32, column: u32, digits: usize) -> Diagnostic {
    let cell = format!("{}{}", column_name(column), u64::from(row) + 1);
    Diagnostic::error(shown, msg::xlsx_long_number(format_args!("{sheet:?}"), cell, digits))
        .hint(msg::xlsx_long_number_hint())
}

/// The error for a cell beyond the rows and columns laurel reads.
fn too_far(shown: &str, sheet: &str, row: u32, column: u32) -> Diagnostic {
    let cell = format!("{}{}", column_name(column), u64::from(row) + 1);
    let area = format!("A1:{}{MAX_ROWS}", column_name(MAX_COLUMNS - 1));
    Diagnostic::error(shown, msg::xlsx_cell_too_far(format_args!("{sheet:?}"), cell, area))
        .hint(msg::xlsx_cell_too_far_hint())
}

/// The error for a sheet whose list spans more than [`MAX_CELLS`].
fn too_many(shown: &str, sheet: &str) -> Diagnostic {
    Diagnostic::error(shown, msg::xlsx_too_many_cells(format_args!("{sheet:?}"), MAX_CELLS))
        .hint(msg::xlsx_too_many_cells_hint())
}

/// Excel's name of a 0-based column: A, …, Z, AA, ….
pub(super) fn column_name(column: u32) -> String {
    let mut n = column + 1;
    let mut name = Vec::new();
    while n > 0 {
        name.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The table the cells span: the first non-empty row is the header, empty
/// rows are dropped, columns run from the leftmost cell to the rightmost.
/// With it come the sheet row (1-based) of each row below the header, and
/// the first column.
fn into_table(cells: Vec<Cell>, name: &str, shown: &str) -> Result<(AwardTable, Vec<u32>, u32), Diagnostic> {
    let (Some(first), Some(last)) = (cells.iter().map(|c| c.1).min(), cells.iter().map(|c| c.1).max()) else {
        return Err(
            Diagnostic::error(shown, msg::xlsx_empty_sheet(format_args!("{name:?}")))
                .hint(msg::xlsx_empty_sheet_hint()),
        );
    };
    let width = (last - first + 1) as usize;
    let rows: BTreeSet<u32> = cells.iter().map(|c| c.0).collect();
    if rows.len() * width > MAX_CELLS {
        return Err(too_many(shown, name));
    }
    let index: Vec<u32> = rows.into_iter().collect();
    let mut table = vec![vec![String::new(); width]; index.len()];
    for (row, column, text) in cells {
        if let Ok(at) = index.binary_search(&row) {
            table[at][(column - first) as usize] = text;
        }
    }
    let mut rows = table.into_iter();
    let columns = rows.next().unwrap_or_default();
    let table = AwardTable {
        columns,
        rows: rows.collect(),
        withheld: None,
    };
    let sheet_rows = index.iter().skip(1).map(|row| row + 1).collect();
    Ok((table, sheet_rows, first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_parse_within_excel() {
        assert_eq!(parse_cell("A1"), Some((1, 1)));
        assert_eq!(parse_cell("xfd1048576"), Some((1_048_576, 16_384)));
        assert_eq!(parse_cell("XFE1"), None);
        assert_eq!(parse_cell("A1048577"), None);
        assert_eq!(parse_cell("ZZZZZZZ99999999999"), None);
        assert_eq!(parse_cell("A0"), None);
        assert_eq!(parse_cell("$A$1"), None);
        assert_eq!(parse_cell("11"), None);
    }

    #[test]
    fn column_names_are_excel_letters() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(16_383), "XFD");
    }

    #[test]
    fn the_list_starts_at_its_first_cells() {
        let cells = vec![
            (4, 2, "姓名".to_string()),
            (4, 3, "单位".to_string()),
            (6, 3, "清河".to_string()),
        ];
        let (table, rows, first) = into_table(cells, "名单", "data/a.xlsx").unwrap();
        assert_eq!((rows, first), (vec![7], 2));
        assert_eq!(table.columns, ["姓名", "单位"]);
        assert_eq!(table.rows, [["", "清河"]]);
    }
}
