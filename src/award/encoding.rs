//! Load stage for award data text: the encoding of a CSV/TSV/TOML file, told
//! from its bytes as Chinese spreadsheet programs save them.

use crate::error::Diagnostic;
use crate::i18n::{Message, msg};

/// Text decoded from a data file, with where it was not what it claimed.
#[derive(Debug, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// Line and column (1-based, in characters) of each byte sequence that
    /// is not UTF-8 in a file read as UTF-8; each shows as U+FFFD.
    pub bad_bytes: Vec<(usize, usize)>,
    /// Lines (1-based) of a UTF-8 file that were saved as GB18030 instead,
    /// and read so: a row pasted in from another file.
    pub gbk_lines: Vec<usize>,
}

/// A file is read as UTF-8 despite stray bad bytes when it has at least this
/// many valid non-ASCII characters per bad sequence (GBK text read as UTF-8
/// has far fewer valid than bad ones).
const UTF8_EVIDENCE: usize = 4;

/// Decodes text as Chinese spreadsheet programs save it: a BOM, else UTF-8
/// (with a few stray bad bytes replaced and reported), else GB18030 (which
/// covers GBK and GB2312). A UTF-8 file with whole lines of GB18030 (rows
/// pasted in from another file) is read line by line, each in its own.
pub fn decode_text(bytes: &[u8]) -> DecodedText {
    let clean = |text: String| DecodedText {
        text,
        bad_bytes: Vec::new(),
        gbk_lines: Vec::new(),
    };
    let gb18030 = |bytes: &[u8]| encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned();
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) if encoding == encoding_rs::UTF_8 => decode_utf8(&bytes[bom_len..]),
        Some((encoding, bom_len)) => clean(encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned()),
        None if std::str::from_utf8(bytes).is_ok() => clean(String::from_utf8_lossy(bytes).into_owned()),
        None => match mixed_lines(bytes) {
            Some(gbk_lines) => decode_mixed(bytes, gbk_lines),
            None if looks_like_utf8(bytes) => decode_utf8(bytes),
            None => clean(gb18030(bytes)),
        },
    }
}

/// The lines (1-based) of `bytes` that read as GB18030 and not as UTF-8,
/// when others hold UTF-8 Chinese: a UTF-8 file with rows of GBK in it.
/// `None` when the file is one or the other (stray bad bytes in a UTF-8
/// line leave it UTF-8).
fn mixed_lines(bytes: &[u8]) -> Option<Vec<usize>> {
    let mut utf8 = false;
    let mut gbk = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(text) => utf8 |= !text.is_ascii(),
            Err(_) if looks_like_utf8(line) => utf8 = true,
            Err(_) => gbk.push(i + 1),
        }
    }
    (utf8 && !gbk.is_empty()).then_some(gbk)
}

/// Decodes a UTF-8 file whose `gbk_lines` are GB18030, line by line.
fn decode_mixed(bytes: &[u8], gbk_lines: Vec<usize>) -> DecodedText {
    let mut text = String::with_capacity(bytes.len());
    let mut bad_bytes = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if gbk_lines.binary_search(&(i + 1)).is_ok() {
            text.push_str(&encoding_rs::GB18030.decode_without_bom_handling(line).0);
        } else {
            let decoded = decode_utf8(line);
            bad_bytes.extend(decoded.bad_bytes.iter().map(|&(_, column)| (i + 1, column)));
            text.push_str(&decoded.text);
        }
    }
    DecodedText {
        text,
        bad_bytes,
        gbk_lines,
    }
}

/// Whether the valid UTF-8 in `bytes` outweighs the invalid bytes.
fn looks_like_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid == 0 || valid >= UTF8_EVIDENCE * invalid
}

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD and noting where.
fn decode_utf8(bytes: &[u8]) -> DecodedText {
    let mut text = String::with_capacity(bytes.len());
    let mut bad_bytes = Vec::new();
    let (mut line, mut column) = (1, 1);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad_bytes.push((line, column));
            text.push(char::REPLACEMENT_CHARACTER);
            column += 1;
        }
    }
    DecodedText {
        text,
        bad_bytes,
        gbk_lines: Vec::new(),
    }
}

/// A warning listing where a UTF-8 data file has bytes that are not UTF-8.
fn bad_bytes_warning(shown: &str, bad_bytes: &[(usize, usize)]) -> Option<Diagnostic> {
    let &(first_line, _) = bad_bytes.first()?;
    let places = bad_bytes
        .iter()
        .map(|(line, column)| msg::award_place_line_column(line, column));
    Some(
        Diagnostic::warning(shown, msg::award_bad_utf8(listed(places)?))
            .at_line(first_line)
            .hint(msg::award_bad_utf8_hint()),
    )
}

/// A warning naming the lines of a UTF-8 data file that were GBK.
fn mixed_warning(shown: &str, gbk_lines: &[usize]) -> Option<Diagnostic> {
    let &first = gbk_lines.first()?;
    let lines = gbk_lines.iter().map(|line| Message::plain(line.to_string()));
    Some(
        Diagnostic::warning(shown, msg::award_mixed_encoding(listed(lines)?))
            .at_line(first)
            .hint(msg::award_mixed_encoding_hint()),
    )
}

/// The first few of `places` as one list, and how many more there are.
fn listed(places: impl ExactSizeIterator<Item = Message>) -> Option<Message> {
    const LISTED: usize = 5;
    let more = places.len().saturating_sub(LISTED);
    let mut shown: Vec<Message> = places.take(LISTED).collect();
    if more > 0 {
        shown.push(msg::award_places_more(more));
    }
    shown.into_iter().reduce(msg::list_and)
}

/// Decodes a data file's text, warning where a UTF-8 file has bad bytes
/// or lines saved as GBK.
pub(super) fn decode_data_file(bytes: &[u8], shown: &str, warnings: &mut Vec<Diagnostic>) -> String {
    let decoded = decode_text(bytes);
    warnings.extend(bad_bytes_warning(shown, &decoded.bad_bytes));
    warnings.extend(mixed_warning(shown, &decoded.gbk_lines));
    decoded.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_utf8_and_gbk() {
        assert_eq!(decode_text("\u{feff}姓名".as_bytes()).text, "姓名");
        assert_eq!(decode_text("姓名".as_bytes()).text, "姓名");
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,单位\n张三,清河");
        assert_eq!(decode_text(&gbk).text, "姓名,单位\n张三,清河");
    }

    #[test]
    fn stray_bytes_in_utf8_are_marked_where_they_are() {
        let decoded = decode_text(b"\xef\xbb\xbfa\xff\n\xe5\xa7\x93\xe5\x90\x8d\xe5\xa7\x93\xe5\x90\x8d\x80");
        assert_eq!(decoded.text, "a\u{FFFD}\n姓名姓名\u{FFFD}");
        assert_eq!(decoded.bad_bytes, [(1, 2), (2, 5)]);
    }

    #[test]
    fn rows_of_gbk_in_a_utf8_file_are_read_as_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("张三,城西");
        let mut bytes = "姓名,单位\n王五,城东区\n".as_bytes().to_vec();
        bytes.extend_from_slice(&gbk);
        bytes.extend_from_slice("\n赵六,城北".as_bytes());
        bytes.extend_from_slice(b"\xff\n");
        let decoded = decode_text(&bytes);
        assert_eq!(decoded.text, "姓名,单位\n王五,城东区\n张三,城西\n赵六,城北\u{FFFD}\n");
        assert_eq!(decoded.gbk_lines, [3]);
        assert_eq!(decoded.bad_bytes, [(4, 6)]);
    }

    #[test]
    fn mostly_invalid_utf8_is_gb18030() {
        let (gbk, _, _) = encoding_rs::GBK.encode("河西区卫生院扶危济困北山区第二小学");
        let decoded = decode_text(&gbk);
        assert_eq!(decoded.text, "河西区卫生院扶危济困北山区第二小学");
        assert!(decoded.bad_bytes.is_empty());
    }
}
