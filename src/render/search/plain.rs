//! Render stage: a document's text as the search index reads it, blocks
//! joined by one space and no space left by a line break inside Chinese.

use crate::text::joins_without_space;

/// A document's text for search: blocks joined by one space, runs of
/// whitespace collapsed, and no space left by a line break inside Chinese.
pub fn plain_text(text: &str) -> String {
    plain_chars(text).collect()
}

/// The characters of [`plain_text`], one at a time.
pub(super) fn plain_chars(text: &str) -> PlainChars<'_> {
    PlainChars {
        chars: text.chars(),
        last: None,
        after_space: None,
    }
}

/// The characters of [`plain_text`].
pub(super) struct PlainChars<'a> {
    chars: std::str::Chars<'a>,
    /// The last character given but for spaces, none before the first.
    last: Option<char>,
    /// The character to give after the space just given.
    after_space: Option<char>,
}

impl Iterator for PlainChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.after_space.take() {
            self.last = Some(c);
            return Some(c);
        }
        let mut pending: Option<bool> = None; // a run of whitespace; true when it held a newline
        for c in self.chars.by_ref() {
            if c.is_whitespace() {
                pending = Some(pending.unwrap_or(false) || c == '\n');
                continue;
            }
            if let (Some(newline), Some(before)) = (pending, self.last)
                && (newline || !joins_without_space(before, c))
            {
                self.after_space = Some(c);
                return Some(' ');
            }
            self.last = Some(c);
            return Some(c);
        }
        None
    }
}
