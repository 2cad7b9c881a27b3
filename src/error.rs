//! Errors and warnings: every one names the file (relative to the site root), the
//! line where there is one, and what to change.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Message, msg};

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators; empty when no file is involved.
    pub file: String,
    pub line: Option<usize>,
    /// Column on the line, 1-based, in characters (not bytes).
    pub column: Option<usize>,
    pub message: Message,
    /// What to change, when the message alone does not say it.
    pub hint: Option<Message>,
}

impl Diagnostic {
    /// An error in `file`; `message` comes from the catalogue ([`msg`]).
    pub fn error(file: impl Into<String>, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`; `message` comes from the catalogue ([`msg`]).
    pub fn warning(file: impl Into<String>, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the line and the column (1-based, in characters).
    pub fn at_column(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// What to change; from the catalogue ([`msg`]).
    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Turns a warning into an error (`laurel check` is strict about links
    /// and empty sections; `--strict` about every warning).
    pub fn into_error(mut self) -> Self {
        self.severity = Severity::Error;
        self
    }
}

impl Diagnostic {
    /// The diagnostic as it is printed, in `lang`: severity, place, message
    /// and, on the next line, the hint.
    pub fn render(&self, lang: Lang) -> String {
        let place = match (self.file.as_str(), self.line, self.column) {
            ("", _, _) => String::new(),
            (file, Some(line), Some(column)) => msg::place_column(file, line, column).in_lang(lang).into_owned(),
            (file, Some(line), None) => msg::place_line(file, line).in_lang(lang).into_owned(),
            (file, None, _) => msg::place_file(file).in_lang(lang).into_owned(),
        };
        let text = format!("{place}{}", self.message.in_lang(lang));
        let mut out = match self.severity {
            Severity::Error => msg::line_error(text),
            Severity::Warning => msg::line_warning(text),
        }
        .in_lang(lang)
        .into_owned();
        if let Some(hint) = &self.hint {
            out.push_str(&msg::line_hint(hint.in_lang(lang)).in_lang(lang));
        }
        out
    }
}

/// English, as tests and logs read it; [`Diagnostic::render`] for the reader's language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the site's files; all of them, not just the first.
    #[error("{}", list(.0, Lang::En))]
    Invalid(Vec<Diagnostic>),
    /// The file system refused something laurel needed to do. The cause is
    /// part of the message, not a separate source, so it is printed once.
    #[error("{}", io_text(action, path, cause, Lang::En))]
    Io {
        action: &'static str,
        path: PathBuf,
        cause: std::io::Error,
    },
}

impl Error {
    pub fn io(action: &'static str, path: &Path, cause: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            cause,
        }
    }

    /// The same error with its path relative to the site `root`, where it
    /// lies inside it (a message never names an absolute path it can avoid).
    pub fn within(self, root: &Path) -> Self {
        match self {
            Error::Io { action, path, cause } => {
                let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
                let path = match path.strip_prefix(&root) {
                    Ok(inside) => inside.to_path_buf(),
                    Err(_) => path,
                };
                Error::Io { action, path, cause }
            }
            invalid => invalid,
        }
    }

    /// The error as it is printed, in `lang` (its `Display` is English).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(diagnostics) => list(diagnostics, lang),
            Error::Io { action, path, cause } => io_text(action, path, cause, lang),
        }
    }

    /// The diagnostics this error carries (empty for I/O errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(list) => list,
            Error::Io { .. } => &[],
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::Invalid(vec![diagnostic])
    }
}

fn list(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| d.render(lang)).collect();
    lines.join("\n")
}

/// "cannot read static/a.jpg: …", with the action and, where it is a common
/// one, the cause from the catalogue.
fn io_text(action: &str, path: &Path, cause: &std::io::Error, lang: Lang) -> String {
    let action = io_action(action).unwrap_or_else(|| Message::plain(action));
    let cause = match (lang, cause.kind()) {
        (Lang::En, _) => cause.to_string(),
        (_, std::io::ErrorKind::NotFound) => msg::io_not_found().in_lang(lang).into_owned(),
        (_, std::io::ErrorKind::PermissionDenied) => msg::io_permission_denied().in_lang(lang).into_owned(),
        (_, std::io::ErrorKind::AlreadyExists) => msg::io_already_exists().in_lang(lang).into_owned(),
        (_, std::io::ErrorKind::StorageFull) => msg::io_disk_full().in_lang(lang).into_owned(),
        (_, std::io::ErrorKind::ReadOnlyFilesystem) => msg::io_read_only().in_lang(lang).into_owned(),
        _ => cause.to_string(),
    };
    let path = path.to_string_lossy().replace('\\', "/");
    msg::io_error(action.in_lang(lang), path, cause)
        .in_lang(lang)
        .into_owned()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Line (1-based) of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Describes a TOML error from a block that starts at `first_line` of `file`:
/// the line is the file's, not the block's.
pub fn toml_diagnostic(file: &str, text: &str, first_line: usize, err: &toml::de::Error) -> Diagnostic {
    let line = err.span().map(|span| first_line + line_of(text, span.start) - 1);
    Diagnostic::error(file, toml_message(err.message().trim_end())).at(line)
}

/// The catalogue's word for an [`Error::io`] action; `None` for one it lacks.
pub(crate) fn io_action(action: &str) -> Option<Message> {
    Some(match action {
        "copy" => msg::io_copy(),
        "create" => msg::io_create(),
        "find" => msg::io_find(),
        "lock" => msg::io_lock(),
        "move into place" => msg::io_move(),
        "read" => msg::io_read(),
        "remove" => msg::io_remove(),
        "restore" => msg::io_restore(),
        "start a server thread for" => msg::io_server_thread(),
        "start a watcher for" => msg::io_watcher(),
        "write" => msg::io_write(),
        _ => return None,
    })
}

/// A message of the `toml` crate, from the catalogue where it is a common one.
fn toml_message(detail: &str) -> Message {
    if let Some((field, expected)) = detail
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once("`, expected one of "))
    {
        return msg::toml_unknown_field(field, expected);
    }
    if let Some(last) = detail.strip_prefix("invalid date, expected day between 01 and ") {
        return msg::toml_bad_day(last);
    }
    if let Some(rest) = detail.strip_prefix("invalid date, ") {
        return msg::toml_bad_date(rest);
    }
    if detail == "string values must be quoted, expected literal string" {
        return msg::toml_unquoted();
    }
    msg::toml_error(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_hint() {
        let d = Diagnostic::error("content/a.md", "missing `title`")
            .at_line(2)
            .hint("add `title = \"…\"`");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:2: missing `title`\n  hint: add `title = \"…\"`"
        );
    }

    #[test]
    fn display_names_the_column_after_the_line() {
        let d = Diagnostic::warning("content/a.md", "再接再励 should be 再接再厉").at_column(4, 7);
        assert_eq!(d.to_string(), "warning: content/a.md:4:7: 再接再励 should be 再接再厉");
    }

    #[test]
    fn io_errors_name_root_relative_paths_and_their_cause_once() {
        let cause = || std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let root = Path::new("/srv/site");
        let err = Error::io("copy", &root.join("static/a.jpg"), cause()).within(root);
        assert_eq!(err.to_string(), "cannot copy static/a.jpg: gone");
        assert!(
            std::error::Error::source(&err).is_none(),
            "the cause would be printed twice"
        );
        let outside = Error::io("write", Path::new("/var/www/a.html"), cause()).within(root);
        assert_eq!(outside.to_string(), "cannot write /var/www/a.html: gone");
    }

    #[test]
    fn in_chinese_the_place_is_named_in_words() {
        let d = Diagnostic::warning("content/a.md", msg::inspect_wording("再接再励", "再接再厉"))
            .at_column(4, 7)
            .hint(msg::inspect_insecure_hint());
        assert_eq!(
            d.render(Lang::Zh),
            "警告：content/a.md 第 4 行第 7 列：「再接再励」应为「再接再厉」\n  \
             提示：请改用它的 https:// 地址，或把文件复制到 static/ 下再链接"
        );
        let no_file = Diagnostic::error("", msg::serve_stopped_hint());
        assert_eq!(no_file.render(Lang::Zh), "错误：请重新运行 `laurel serve`");
    }

    #[test]
    fn io_errors_in_chinese_name_the_action_and_a_known_cause() {
        let gone = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let err = Error::io("read", Path::new("static/a.jpg"), gone);
        assert_eq!(err.render(Lang::Zh), "无法读取 static/a.jpg：找不到这个文件或文件夹");
        let odd = std::io::Error::other("odd");
        let err = Error::io("write", Path::new("public/a.html"), odd);
        assert_eq!(err.render(Lang::Zh), "无法写入 public/a.html：odd");
    }

    #[test]
    fn toml_messages_in_chinese() {
        let date = toml_message("invalid date, expected day between 01 and 29");
        assert_eq!(date, "invalid date, expected day between 01 and 29");
        assert_eq!(
            date.in_lang(Lang::Zh),
            "日期有误：这个月只有 29 天；日期格式应为 YYYY-MM-DD，例如 2026-03-05"
        );
        let other = toml_message("something new");
        assert_eq!(other.in_lang(Lang::Zh), "TOML 写法有误：something new");
    }

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 100), 3);
    }
}
