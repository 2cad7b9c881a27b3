//! Test support: minimal .xlsx workbooks, written by hand (a stored zip of
//! SpreadsheetML parts), so award tests need no spreadsheet crate.

/// A minimal .xlsx workbook: a zip (stored, not compressed) of SpreadsheetML
/// parts, one worksheet of inline strings per sheet.
pub fn workbook(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let sheets: Vec<(&str, String)> = sheets
        .iter()
        .map(|(name, rows)| {
            let mut data = String::new();
            for (r, row) in rows.iter().enumerate() {
                data.push_str(&format!("<row r=\"{}\">", r + 1));
                for (c, cell) in row.iter().enumerate() {
                    let col = char::from(b'A' + c as u8);
                    data.push_str(&format!(
                        "<c r=\"{col}{}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>",
                        r + 1
                    ));
                }
                data.push_str("</row>");
            }
            (*name, worksheet("", &data))
        })
        .collect();
    let sheets: Vec<(&str, &str)> = sheets.iter().map(|(n, x)| (*n, x.as_str())).collect();
    package(&sheets, None)
}

/// A worksheet's XML: `before` (e.g. a `<dimension>`), then `data` inside `<sheetData>`.
pub fn worksheet(before: &str, data: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MAIN}\">{before}<sheetData>{data}</sheetData></worksheet>"
    )
}

pub const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A workbook of worksheets given as XML, with a shared-strings part if given.
pub fn package(sheets: &[(&str, &str)], shared_strings: Option<&str>) -> Vec<u8> {
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    let mut book =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets>");
    let mut book_rels = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{RELS}\">");
    let mut parts: Vec<(String, String)> = Vec::new();
    for (i, (name, sheet)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        book.push_str(&format!("<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"));
        book_rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), sheet.to_string()));
    }
    if let Some(strings) = shared_strings {
        types.push_str("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        book_rels.push_str(&format!(
            "<Relationship Id=\"rIdS\" Type=\"{DOC}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        ));
        parts.push(("xl/sharedStrings.xml".to_string(), strings.to_string()));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    book_rels.push_str("</Relationships>");
    let root_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    parts.splice(
        0..0,
        [
            ("[Content_Types].xml".to_string(), types),
            ("_rels/.rels".to_string(), root_rels),
            ("xl/workbook.xml".to_string(), book),
            ("xl/_rels/workbook.xml.rels".to_string(), book_rels),
        ],
    );
    stored_zip(&parts)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of `files`, stored without compression.
pub fn stored_zip(files: &[(String, String)]) -> Vec<u8> {
    let mut zip = Vec::new();
    let mut central = Vec::new();
    for (name, text) in files {
        let (name, data) = (name.as_bytes(), text.as_bytes());
        let (crc, size, offset) = (crc32(data), data.len() as u32, zip.len() as u32);
        // version 20, UTF-8 names, stored, time 0, date 1980-01-01
        let common = |out: &mut Vec<u8>| {
            for v in [20u16, 0x0800, 0, 0, 0x21] {
                out.extend(v.to_le_bytes());
            }
            for v in [crc, size, size] {
                out.extend(v.to_le_bytes());
            }
            out.extend((name.len() as u16).to_le_bytes());
        };
        zip.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut zip);
        zip.extend(0u16.to_le_bytes());
        zip.extend(name);
        zip.extend(data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        central.extend([0u8; 12]); // extra, comment, disk, internal and external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let (cd_offset, cd_size) = (zip.len() as u32, central.len() as u32);
    zip.extend(central);
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend([0u8; 4]);
    for _ in 0..2 {
        zip.extend((files.len() as u16).to_le_bytes());
    }
    zip.extend(cd_size.to_le_bytes());
    zip.extend(cd_offset.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    zip
}
