//! Check stage: numbers a reader sees but the text hides, because marks
//! split them — emphasis (`138**1234**5678`), a tag or a comment
//! (`138<!-- -->12345678`), an entity (`&#49;3812345678`), a TOML escape
//! (`\u0031\u0033812345678`). Each line holding such marks is read again
//! with them taken out.

use super::detect::{Found, find_numbers};
use crate::text::decode_entity;

/// A number found in a line only once its marks are taken out.
pub struct Hidden {
    /// The line (1-based) of the text.
    pub line: usize,
    /// Where the line is in the text.
    pub span: std::ops::Range<usize>,
    pub found: Found,
    /// The line as read, marks taken out: what `found` points into.
    pub read: String,
}

/// Every number in `text` that only shows once its marks are taken out.
pub fn hidden_numbers(text: &str) -> Vec<Hidden> {
    let mut hidden = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        if !line.bytes().any(|b| b.is_ascii_digit()) || !line.contains(['*', '_', '~', '`', '<', '&', '\\']) {
            continue;
        }
        let read = unmarked(line);
        let seen: Vec<String> = find_numbers(line)
            .iter()
            .map(|f| digits(&line[f.range.clone()]))
            .collect();
        for found in find_numbers(&read) {
            if !seen.contains(&digits(&read[found.range.clone()])) {
                hidden.push(Hidden {
                    line: i + 1,
                    span: start..start + line.len(),
                    found,
                    read: read.clone(),
                });
            }
        }
    }
    hidden
}

fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// `line` as a reader sees it: emphasis marks, tags and comments taken
/// out, entities and `\u` escapes put in as the characters they stand for.
fn unmarked(line: &str) -> String {
    let mut read = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(['*', '_', '~', '`', '<', '&', '\\']) {
        read.push_str(&rest[..at]);
        rest = &rest[at..];
        let used = if let Some(after) = rest.strip_prefix("<!--") {
            after.find("-->").map_or(rest.len(), |end| end + 7)
        } else if rest.starts_with('<') {
            rest.find('>').map_or(1, |end| end + 1)
        } else if rest.starts_with(['&', '\\']) {
            let decoded = if rest.starts_with('&') {
                decode_entity(rest)
            } else {
                escape(rest)
            };
            // An `&` or `\` that starts nothing known stays as it is.
            let (c, used) = decoded.unwrap_or((rest.as_bytes()[0].into(), 1));
            read.push(c);
            used
        } else {
            1
        };
        rest = &rest[used..];
    }
    read.push_str(rest);
    read
}

/// The character a TOML escape `\uXXXX` or `\UXXXXXXXX` at the start of
/// `text` stands for, and its length.
fn escape(text: &str) -> Option<(char, usize)> {
    let len = match text.as_bytes().get(1)? {
        b'u' => 4,
        b'U' => 8,
        _ => return None,
    };
    let hex = text.get(2..2 + len)?;
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, 2 + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_numbers(text: &str) -> Vec<(usize, String)> {
        hidden_numbers(text)
            .iter()
            .map(|h| (h.line, h.read[h.found.range.clone()].to_string()))
            .collect()
    }

    #[test]
    fn numbers_split_by_marks_are_read_whole() {
        let text = "第一行\n电话 138**1234**5678。\n138<!-- -->12345678\n实体 &#49;3812345678\nsummary = \"\\u0031\\u0033812345678\"\n";
        assert_eq!(
            read_numbers(text),
            [
                (2, "13812345678".to_string()),
                (3, "13812345678".to_string()),
                (4, "13812345678".to_string()),
                (5, "13812345678".to_string()),
            ]
        );
    }

    #[test]
    fn numbers_seen_already_and_marks_without_numbers_are_no_news() {
        assert!(read_numbers("电话 13812345678 **加粗**\n**2024**年3月5日\n编号 `WM13812345678`\n").is_empty());
    }
}
