//! Parse stage helpers for Chinese text: which characters are CJK, summaries
//! cut at a sentence end, and reading time.

/// Han characters, kana, CJK punctuation and full-width forms: text that is
/// written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'   // radicals
        | '\u{3000}'..='\u{303F}' // CJK punctuation
        | '\u{3040}'..='\u{30FF}' // kana
        | '\u{3100}'..='\u{312F}' // bopomofo
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}' // compatibility forms
        | '\u{FF00}'..='\u{FFEF}' // full-width forms
        | '\u{20000}'..='\u{3134F}')
}

/// Punctuation that Chinese text shares with Western text: curly quotes,
/// ellipsis, dashes, the middle dot.
fn is_shared_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2014}' | '\u{2026}' | '\u{00B7}'
    )
}

/// Whether a line break between `before` and `after` should vanish: both sides
/// are Chinese (or one is Chinese and the other punctuation both scripts use).
pub fn joins_without_space(before: char, after: char) -> bool {
    let wide = |c| is_cjk(c) || is_shared_punctuation(c);
    wide(before) && wide(after) && (is_cjk(before) || is_cjk(after))
}

/// Characters after which a Chinese (or Western) sentence ends.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// Closing marks that stay with the sentence they end: `。”`.
fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"')
}

/// Cuts plain text to a summary: whole when short, else at the last sentence end
/// within `limit` characters, else at `limit` characters with an ellipsis.
pub fn summarize(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut = None;
    let mut chars = text.char_indices().take(limit + 1).peekable();
    let mut count = 0;
    while let Some((i, c)) = chars.next() {
        count += 1;
        if count > limit {
            break;
        }
        if ends_sentence(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, next)) = chars.peek() {
                if is_closing(next) || ends_sentence(next) {
                    end = j + next.len_utf8();
                    chars.next();
                    count += 1;
                } else {
                    break;
                }
            }
            if count >= limit / 6 {
                cut = Some(end);
            }
        }
    }
    match cut {
        Some(end) => text[..end].to_string(),
        None => {
            let end = text.char_indices().nth(limit).map_or(text.len(), |(i, _)| i);
            format!("{}…", text[..end].trim_end())
        }
    }
}

/// CJK punctuation and full-width symbols: not read as characters.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

/// Counts what a reader reads: each CJK character, and each run of other
/// letters or digits as one word.
pub fn count_reading_units(text: &str) -> (usize, usize) {
    let mut cjk = 0;
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        // Most characters of a Chinese story are unified ideographs: test them first.
        let (is_cjk_char, letter) = if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            (true, false)
        } else if c.is_ascii() {
            (false, c.is_ascii_alphanumeric())
        } else if is_cjk(c) {
            (!is_cjk_punctuation(c), false)
        } else {
            (false, c.is_alphanumeric())
        };
        cjk += usize::from(is_cjk_char);
        words += usize::from(letter && !in_word);
        in_word = letter;
    }
    (cjk, words)
}

/// Minutes to read: about 400 Chinese characters or 200 words a minute, at least one.
pub fn reading_minutes(cjk: usize, words: usize) -> usize {
    let minutes = cjk as f64 / 400.0 + words as f64 / 200.0;
    (minutes.ceil() as usize).max(1)
}

/// `bytes` as text when they are UTF-8, checked with SIMD (the standard
/// library checks Chinese text a character at a time) and taken without a
/// copy; the bytes back when they are not.
pub fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: `bytes` was just checked to be UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// The character an HTML entity at the start of `text` stands for (`&amp;`,
/// `&nbsp;`, `&#49;`, `&#x4E2D;` …), and the bytes it takes; `None` when
/// `text` starts with no entity known here.
pub fn decode_entity(text: &str) -> Option<(char, usize)> {
    let end = text.get(1..)?.find(';').map(|i| i + 1).filter(|&i| i <= 10)?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let (digits, radix) = match name.strip_prefix('#')? {
                hex if hex.starts_with(['x', 'X']) => (&hex[1..], 16),
                decimal => (decimal, 10),
            };
            char::from_u32(u32::from_str_radix(digits, radix).ok()?)?
        }
    };
    Some((c, end + 1))
}

/// Escapes text for HTML content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_become_text_only_when_they_are_utf8() {
        assert_eq!(utf8_string("学雷锋".as_bytes().to_vec()), Ok("学雷锋".to_string()));
        let broken = vec![0xe5, 0xad];
        assert_eq!(utf8_string(broken.clone()), Err(broken));
    }

    #[test]
    fn soft_break_rule() {
        assert!(joins_without_space('好', '人'));
        assert!(joins_without_space('。', '他'));
        assert!(joins_without_space('”', '他'));
        assert!(!joins_without_space('a', '他'));
        assert!(!joins_without_space('a', 'b'));
        assert!(!joins_without_space('”', '“'));
    }

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(summarize("  他是好人。 ", 120), "他是好人。");
    }

    #[test]
    fn cuts_at_last_sentence_end_within_limit() {
        let text = format!("{}。{}！{}", "甲".repeat(30), "乙".repeat(40), "丙".repeat(100));
        assert_eq!(
            summarize(&text, 120),
            format!("{}。{}！", "甲".repeat(30), "乙".repeat(40))
        );
    }

    #[test]
    fn keeps_closing_quote_with_sentence() {
        let text = format!("他说：“{}。”{}", "好".repeat(40), "后".repeat(200));
        assert_eq!(summarize(&text, 120), format!("他说：“{}。”", "好".repeat(40)));
    }

    #[test]
    fn no_sentence_end_gets_ellipsis() {
        let text = "字".repeat(300);
        let summary = summarize(&text, 120);
        assert_eq!(summary.chars().count(), 121);
        assert!(summary.ends_with('…'));
    }

    #[test]
    fn reading_time_counts_characters() {
        let (cjk, words) = count_reading_units("学雷锋，做好事。Lei Feng 2024");
        assert_eq!((cjk, words), (6, 3));
        assert_eq!(reading_minutes(800, 0), 2);
        assert_eq!(reading_minutes(0, 0), 1);
        assert_eq!(reading_minutes(401, 0), 2);
    }
}
