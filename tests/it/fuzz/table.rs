//! Fuzz input for award lists: CSV bytes in the encodings Chinese spreadsheet
//! programs save (and broken ones), and .xlsx workbooks with random sheet XML.

use proptest::prelude::*;
use proptest::sample::select;

use super::toml::text;
use crate::xlsx::{MAIN, package};

/// Column names award lists use, and some that go wrong.
pub const COLUMNS: &[&str] = &[
    "name",
    "姓名",
    "单位",
    "unit",
    "person_slug",
    "奖项",
    "",
    " name ",
    "a,b",
    "\"q\"",
];

/// A CSV cell: quoted properly, or written as it is.
fn cell() -> BoxedStrategy<String> {
    prop_oneof![
        2 => select(COLUMNS).prop_map(String::from),
        3 => text(),
    ]
    .prop_flat_map(|t| prop_oneof![Just(t.clone()), Just(format!("\"{}\"", t.replace('"', "\"\""))),])
    .boxed()
}

/// A table as CSV text: a header and ragged rows, with LF or CRLF line ends.
fn csv_text() -> BoxedStrategy<String> {
    let row = prop::collection::vec(cell(), 0..5);
    (
        prop::collection::vec(row, 0..6),
        select(&["\n", "\r\n", "\r"][..]),
        select(&[",", "\t"][..]),
    )
        .prop_map(|(rows, end, delimiter)| {
            let lines: Vec<String> = rows.iter().map(|r| r.join(delimiter)).collect();
            lines.join(end)
        })
        .boxed()
}

/// Bytes that break an encoding: GBK lead bytes without a trail, a stray
/// UTF-8 lead, a NUL, a cut-off GB18030 four-byte sequence.
const BROKEN: &[&[u8]] = &[b"\x81\x20", b"\xFE", b"\xC3\x28", b"\x00", b"\x81\x30\x81"];

/// CSV bytes: UTF-8 (with or without a BOM), GBK, UTF-16, broken GBK, or noise.
pub fn csv_bytes() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        4 => csv_text().prop_map(String::into_bytes),
        1 => csv_text().prop_map(|t| [b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat()),
        2 => csv_text().prop_map(|t| encoding_rs::GBK.encode(&t).0.into_owned()),
        1 => csv_text().prop_map(|t| {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }),
        1 => (csv_text(), select(BROKEN))
            .prop_map(|(t, bad)| [t.as_bytes(), bad].concat()),
        1 => prop::collection::vec(any::<u8>(), 0..64),
    ]
    .boxed()
}

/// Cell references malformed, out of order, or far beyond what a list holds
/// (an allocation for every place up to there would abort).
const ODD_REFS: &[&str] = &[
    "",
    "A0",
    "1A",
    "ZZ1",
    "AA100",
    "a1",
    "A-1",
    "XFD1048576",
    "A99999999999",
    "ZZZZZZ1",
];

/// Sheet dimensions: matching the cells, reversed, or far larger than them.
const DIMENSIONS: &[&str] = &[
    "A1",
    "A1:D5",
    "A1:B2",
    "C3",
    "B2:A1",
    "A1:XFD1048576",
    "A1:ZZZZZ99999999",
    "A1048576:XFD1048576",
];

/// A shared-strings part: a few strings, sometimes with a `count` far too large.
fn shared_strings() -> BoxedStrategy<Option<String>> {
    let strings = prop::collection::vec(xml_text(), 0..4);
    let huge: &[Option<u64>] = &[None, Some(4_294_967_295), Some(1_000_000_000)];
    let count = select(huge);
    prop::option::of((strings, count))
        .prop_map(|part| {
            part.map(|(strings, count)| {
                let count = count.unwrap_or(strings.len() as u64);
                let items: String = strings.iter().map(|t| format!("<si><t>{t}</t></si>")).collect();
                format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{MAIN}\" count=\"{count}\" uniqueCount=\"{count}\">{items}</sst>")
            })
        })
        .boxed()
}

/// Text escaped for XML, or (rarely) left raw, which breaks the XML.
fn xml_text() -> BoxedStrategy<String> {
    (text(), 0..12u8)
        .prop_map(|(t, how)| {
            let t: String = t.chars().filter(|c| !c.is_control() || *c == '\n').collect();
            if how == 0 {
                t
            } else {
                t.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
            }
        })
        .boxed()
}

/// A cell reference: in range mostly, sometimes odd.
fn cell_ref(row: usize, column: usize) -> BoxedStrategy<String> {
    let plain = format!("{}{}", char::from(b'A' + (column % 26) as u8), row + 1);
    prop_oneof![
        8 => Just(plain),
        1 => select(ODD_REFS)
            .prop_map(String::from),
    ]
    .boxed()
}

/// A `<c>` cell of row `row`, column `column`: an inline string, a number, a
/// boolean, an error, a formula result.
fn sheet_cell(row: usize, column: usize) -> BoxedStrategy<String> {
    (cell_ref(row, column), xml_text(), 0..7u8, -5i64..1000)
        .prop_map(|(at, t, kind, n)| match kind {
            0 | 1 => format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"),
            2 => format!("<c r=\"{at}\"><v>{n}.5</v></c>"),
            3 => format!("<c r=\"{at}\" t=\"b\"><v>{}</v></c>", n & 1),
            4 => format!("<c r=\"{at}\" t=\"e\"><v>#DIV/0!</v></c>"),
            5 => format!("<c r=\"{at}\" t=\"str\"><f>A1</f><v>{t}</v></c>"),
            _ => format!("<c r=\"{at}\" t=\"s\"><v>{}</v></c>", n % 8),
        })
        .boxed()
}

/// Worksheet XML: an optional `<dimension>` and a few rows of cells.
fn sheet_xml() -> BoxedStrategy<String> {
    let rows = (0..5usize, 0..4usize).prop_flat_map(|(rows, columns)| {
        (0..rows)
            .map(|r| {
                let cells: Vec<BoxedStrategy<String>> = (0..columns).map(|c| sheet_cell(r, c)).collect();
                cells.prop_map(move |cells| format!("<row r=\"{}\">{}</row>", r + 1, cells.concat()))
            })
            .collect::<Vec<_>>()
    });
    let dimension = prop::option::of(select(DIMENSIONS));
    (rows, dimension, 0..20u8)
        .prop_map(|(rows, dimension, cut)| {
            let dimension = dimension.map(|d| format!("<dimension ref=\"{d}\"/>")).unwrap_or_default();
            let xml = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MAIN}\">{dimension}<sheetData>{}</sheetData></worksheet>",
                rows.concat()
            );
            // Now and then the XML breaks off.
            if cut == 0 { xml[..xml.floor_char_boundary(xml.len() / 2)].to_string() } else { xml }
        })
        .boxed()
}

/// An .xlsx workbook of one to three sheets with random XML, or bytes that are no zip.
pub fn xlsx_bytes() -> BoxedStrategy<Vec<u8>> {
    let sheet = (
        prop_oneof![
            select(&["Sheet1", "名单", "2024年"][..]).prop_map(String::from),
            xml_text()
        ],
        sheet_xml(),
    );
    prop_oneof![
        8 => (prop::collection::vec(sheet, 1..4), shared_strings())
            .prop_map(|(sheets, strings)| {
                let sheets: Vec<(&str, &str)> = sheets.iter().map(|(n, x)| (n.as_str(), x.as_str())).collect();
                package(&sheets, strings.as_deref())
            }),
        1 => prop::collection::vec(any::<u8>(), 0..64),
        1 => (prop::collection::vec(sheet_xml(), 1..2), 0..200usize).prop_map(|(xml, cut)| {
            let book = package(&[("Sheet1", xml[0].as_str())], None);
            book[..cut.min(book.len())].to_vec()
        }),
    ]
    .boxed()
}
