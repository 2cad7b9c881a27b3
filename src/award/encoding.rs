//! Load stage for award data text: the encoding of a CSV/TSV/TOML file, told
//! from its bytes as Chinese spreadsheet programs save them.

use crate::error::Diagnostic;
use crate::i18n::msg;

/// Text decoded from a data file, with where it was not what it claimed.
#[derive(Debug, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// Line and column (1-based, in characters) of each byte sequence that
    /// is not UTF-8 in a file read as UTF-8; each shows as U+FFFD.
    pub bad_bytes: Vec<(usize, usize)>,
}

/// A file is read as UTF-8 despite stray bad bytes when it has at least this
/// many valid non-ASCII characters per bad sequence (GBK text read as UTF-8
/// has far fewer valid than bad ones).
const UTF8_EVIDENCE: usize = 4;

/// Decodes text as Chinese spreadsheet programs save it: a BOM, else UTF-8
/// (with a few stray bad bytes replaced and reported), else GB18030 (which
/// covers GBK and GB2312).
pub fn decode_text(bytes: &[u8]) -> DecodedText {
    let clean = |text: String| DecodedText {
        text,
        bad_bytes: Vec::new(),
    };
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) if encoding == encoding_rs::UTF_8 => decode_utf8(&bytes[bom_len..]),
        Some((encoding, bom_len)) => clean(encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned()),
        None if looks_like_utf8(bytes) => decode_utf8(bytes),
        None => clean(encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned()),
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
    DecodedText { text, bad_bytes }
}

/// A warning listing where a UTF-8 data file has bytes that are not UTF-8.
fn bad_bytes_warning(shown: &str, bad_bytes: &[(usize, usize)]) -> Option<Diagnostic> {
    const LISTED: usize = 5;
    let &(first_line, _) = bad_bytes.first()?;
    let mut places: Vec<String> = bad_bytes
        .iter()
        .take(LISTED)
        .map(|(line, column)| format!("line {line} column {column}"))
        .collect();
    if bad_bytes.len() > LISTED {
        places.push(format!("and {} more", bad_bytes.len() - LISTED));
    }
    Some(
        Diagnostic::warning(shown, msg::award_bad_utf8(crate::i18n::list(places)))
            .at_line(first_line)
            .hint(msg::award_bad_utf8_hint()),
    )
}

/// Decodes a data file's text, warning where a UTF-8 file has bad bytes.
pub(super) fn decode_data_file(bytes: &[u8], shown: &str, warnings: &mut Vec<Diagnostic>) -> String {
    let decoded = decode_text(bytes);
    warnings.extend(bad_bytes_warning(shown, &decoded.bad_bytes));
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
    fn mostly_invalid_utf8_is_gb18030() {
        let (gbk, _, _) = encoding_rs::GBK.encode("河西区卫生院扶危济困北山区第二小学");
        let decoded = decode_text(&gbk);
        assert_eq!(decoded.text, "河西区卫生院扶危济困北山区第二小学");
        assert!(decoded.bad_bytes.is_empty());
    }
}
