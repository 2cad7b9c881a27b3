//! A message: an entry of the catalogue and its arguments, shown in either language.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use super::Lang;

/// One entry of the catalogue: its key, the names of its arguments and its
/// two texts, where `{name}` stands for an argument.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: &'static str,
    pub params: &'static [&'static str],
    pub en: &'static str,
    pub zh: &'static str,
}

impl Entry {
    /// The entry's text in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// A message for a person. It reads as its English text (`Deref<Target =
/// str>`, `Display`), so code and tests that look into a message keep
/// working; [`Message::in_lang`] gives it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message(Box<Parts>);

/// What a [`Message`] holds, boxed so that a `Result<_, Diagnostic>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    /// `None` for a plain text not yet in the catalogue.
    entry: Option<&'static Entry>,
    args: Vec<Arg>,
    english: String,
}

/// An argument of a [`Message`]: a text shown as it is, or a message of its
/// own, shown in the same language as the one it is part of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Message(Message),
}

impl Message {
    /// The message of `entry` with these arguments, in the order of its `params`.
    pub fn new(entry: &'static Entry, args: Vec<Arg>) -> Message {
        let english = fill(entry, Lang::En, &args);
        Message(Box::new(Parts {
            entry: Some(entry),
            args,
            english,
        }))
    }

    /// A text not (yet) in the catalogue, shown as it is in every language.
    /// For code written before its message was moved into the catalogue.
    pub fn plain(text: impl Into<String>) -> Message {
        Message(Box::new(Parts {
            entry: None,
            args: Vec::new(),
            english: text.into(),
        }))
    }

    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        match (self.0.entry, lang) {
            (Some(entry), Lang::Zh) => Cow::Owned(fill(entry, Lang::Zh, &self.0.args)),
            _ => Cow::Borrowed(&self.0.english),
        }
    }

    /// The catalogue's key for this message; `None` for a plain text.
    pub fn key(&self) -> Option<&'static str> {
        self.0.entry.map(|e| e.key)
    }
}

/// The text of `entry` in `lang` with each `{param}` replaced by its argument.
fn fill(entry: &Entry, lang: Lang, args: &[Arg]) -> String {
    let template = entry.text(lang);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let name = &after[..close];
            let index = entry.params.iter().position(|p| *p == name)?;
            Some((close, args.get(index)?))
        });
        match arg {
            Some((close, value)) => {
                match value {
                    Arg::Text(text) => out.push_str(text),
                    Arg::Message(message) => out.push_str(&message.in_lang(lang)),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s in a template that look like arguments (a letter, then
/// letters, digits or `_`).
#[cfg(test)]
pub(super) fn placeholders(template: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            let mut chars = name.chars();
            if chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                found.push(name);
            }
        }
    }
    found
}

impl Deref for Message {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.english
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.english)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message::plain(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::plain(text)
    }
}

impl PartialEq<str> for Message {
    fn eq(&self, other: &str) -> bool {
        self.0.english == other
    }
}

impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.0.english == *other
    }
}
