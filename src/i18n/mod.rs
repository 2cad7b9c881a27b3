//! Messages in Chinese or English, from one catalogue ([`msg`]).
//!
//! Every message laurel shows a person — errors, warnings, hints, the
//! terminal lines of `build`, `check`, `serve`, `new` and `init`, and the
//! preview's error panel — is a [`Message`]: an entry of the catalogue and its
//! arguments. It is English when displayed with `{}` (tests and logs read it
//! that way) and is put into the reader's language with
//! [`Message::in_lang`] at the edge, where it is printed or served.
//!
//! The language is the site's: `language` in `laurel.toml` when it is
//! written there (Chinese for any `zh…` tag); without one, or without a
//! readable `laurel.toml`, the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
//! that is set (Chinese for `zh_…`). English otherwise. See [`Lang::for_site`].
//!
//! # Adding a message, or moving one into the catalogue
//!
//! 1. In `src/i18n/msg.rs`, add an entry in the part for its module (keys
//!    are snake_case and start with the module's name):
//!    ```text
//!    photo_too_big(file, size) {
//!        en: "{file} is {size} MiB; photos may be at most 20 MiB",
//!        zh: "{file} 有 {size} MiB，照片最大 20 MiB",
//!    }
//!    ```
//!    The names in parentheses are the arguments, anything that implements
//!    `Display`; names after a `;` take a [`Message`] of their own, for a
//!    part that is itself translated (`kind_not_a_field(name; page)`).
//!    Each must appear as
//!    `{name}` in both texts, and no other `{name}` may (a test checks);
//!    the one exception is a library's own English words, named `…_en`
//!    (`toml_duplicate_key(detail_en)`), which the Chinese text may leave out
//!    when it says better what is wrong.
//!    Chinese uses Chinese punctuation (，：；。「」（）) and is written for a
//!    clerk: plain, polite, concrete.
//! 2. At the message's site, replace the English literal (or `format!`) by
//!    the entry's function, which takes the arguments in that order, each
//!    anything that implements `Display`:
//!    `Diagnostic::error(rel, format!("{rel} is {mib} MiB; …"))` becomes
//!    `Diagnostic::error(rel, msg::photo_too_big(rel, mib))`, and
//!    `.hint("…")` becomes `.hint(msg::photo_too_big_hint())`.
//!    Keys are functions, so a wrong key or a missing argument fails to compile.
//! 3. Run `cargo test --lib i18n`: it checks the catalogue (both languages,
//!    the same arguments, Chinese punctuation) and fails naming every
//!    `Diagnostic::error`/`warning` or `.hint` in `src/` still given a string
//!    literal or a `format!`, and every `Error::io` action the catalogue lacks
//!    (add those to `io_action` in src/error.rs).
//! 4. Where the message is a Chinese snapshot case, add
//!    `insta::assert_snapshot!("<name>_zh", zh(&err))` beside the English one
//!    (`zh` is in tests/it/support.rs).
//!
//! A plain `String` or `&str` still converts into a [`Message`] (shown as it
//! is in both languages) so that code written before its message is moved
//! keeps compiling. While a merge brings in many, their file may be listed
//! in `NOT_YET` in src/i18n/tests.rs; the test then passes over it, and
//! fails once the file is clean, to be taken off the list.

mod message;
pub mod msg;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use message::{Arg, Entry, Message};

/// `items` as a list in a message: `a, b, c` in English, `a、b、c` in Chinese.
pub fn list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> Message {
    items
        .into_iter()
        .map(|item| Message::plain(item.to_string()))
        .reduce(msg::list_and)
        .unwrap_or_else(|| Message::plain(""))
}

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language for the site in `root`: the `language` its `laurel.toml`
    /// names, or, when it names none or cannot be read, the environment's
    /// ([`Lang::from_env`]).
    pub fn for_site(root: &Path) -> Lang {
        let written = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE))
            .ok()
            .and_then(|text| Lang::written_in(&text));
        written.unwrap_or_else(Lang::from_env)
    }

    /// The language a `laurel.toml` names; when it is not valid TOML (the
    /// very error to be shown), its `language = "…"` line at the top level.
    fn written_in(text: &str) -> Option<Lang> {
        if let Ok(table) = text.parse::<toml::Table>() {
            return table.get("language")?.as_str().map(Lang::from_tag);
        }
        let top = text.lines().take_while(|line| !line.trim_start().starts_with('['));
        top.filter_map(|line| line.trim().strip_prefix("language")?.trim_start().strip_prefix('='))
            .find_map(|value| Some(Lang::from_tag(value.trim().strip_prefix(['"', '\''])?)))
    }

    /// The language of the environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty, as POSIX orders
    /// them; Chinese for `zh…`, English for anything else or none.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |value| Lang::from_tag(&value))
    }

    /// Chinese for a language tag or locale that starts with `zh`
    /// (`zh-CN`, `zh_TW.UTF-8`, `zh-Hans`), English for any other.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh")) {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Declares the catalogue: for each entry, a function that takes its
/// arguments and returns its [`Message`], and [`msg::ALL`] listing them.
/// Arguments after a `;` are messages themselves (shown in the same language).
macro_rules! catalogue {
    ($( $key:ident ( $($arg:ident),* $(; $($sub:ident),*)? ) { en: $en:literal, zh: $zh:literal $(,)? } )*) => {
        /// The catalogue's entries, one `static` each.
        #[allow(non_upper_case_globals)]
        mod entry {
            use $crate::i18n::Entry;
            $(
                pub static $key: Entry = Entry {
                    key: stringify!($key),
                    params: &[$(stringify!($arg),)* $($(stringify!($sub)),*)?],
                    en: $en,
                    zh: $zh,
                };
            )*
        }
        $(
            #[doc = $en]
            // One argument per `{name}` of the texts, however many they hold.
            #[allow(clippy::too_many_arguments)]
            pub fn $key($($arg: impl std::fmt::Display,)* $($($sub: $crate::i18n::Message),*)?) -> $crate::i18n::Message {
                $crate::i18n::Message::new(
                    &entry::$key,
                    vec![
                        $($crate::i18n::Arg::Text($arg.to_string()),)*
                        $($($crate::i18n::Arg::Message($sub)),*)?
                    ],
                )
            }
        )*
        /// Every entry of the catalogue, in the order written.
        pub static ALL: &[&$crate::i18n::Entry] = &[$(&entry::$key),*];
    };
}
pub(crate) use catalogue;
