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

    /// Turns an error into a warning, for a problem that leaves the output right.
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
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

    /// The error as diagnostics, to show in either language: an I/O error is
    /// one without a file.
    pub fn to_diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Invalid(list) => list.clone(),
            Error::Io { action, path, cause } => vec![Diagnostic::error("", io_message(action, path, cause))],
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
    io_message(action, path, cause).in_lang(lang).into_owned()
}

fn io_message(action: &str, path: &Path, cause: &std::io::Error) -> Message {
    let action = io_action(action).unwrap_or_else(|| Message::plain(action));
    msg::io_error(path.to_string_lossy().replace('\\', "/"), action, io_reason(cause))
}

/// Why the system refused, from the catalogue by its kind: in English as the
/// system says it, in Chinese in words a clerk knows.
pub fn io_reason(cause: &std::io::Error) -> Message {
    use std::io::ErrorKind as Kind;
    let detail = cause.to_string();
    let known = match cause.kind() {
        Kind::NotFound => msg::io_not_found,
        Kind::PermissionDenied => msg::io_permission_denied,
        Kind::AlreadyExists => msg::io_already_exists,
        Kind::StorageFull | Kind::QuotaExceeded => msg::io_disk_full,
        Kind::ReadOnlyFilesystem => msg::io_read_only,
        Kind::IsADirectory => msg::io_is_a_folder,
        Kind::NotADirectory => msg::io_not_a_folder,
        Kind::DirectoryNotEmpty => msg::io_folder_not_empty,
        Kind::ResourceBusy | Kind::ExecutableFileBusy | Kind::WouldBlock => msg::io_busy,
        Kind::FileTooLarge => msg::io_too_big,
        Kind::InvalidFilename => msg::io_bad_name,
        Kind::UnexpectedEof => msg::io_cut_short,
        Kind::InvalidData => msg::io_bad_data,
        Kind::TimedOut => msg::io_timed_out,
        Kind::Interrupted => msg::io_interrupted,
        Kind::OutOfMemory => msg::io_out_of_memory,
        Kind::TooManyLinks => msg::io_too_many_links,
        Kind::CrossesDevices => msg::io_other_drive,
        Kind::AddrInUse => msg::io_address_in_use,
        Kind::AddrNotAvailable => msg::io_address_unavailable,
        Kind::ConnectionRefused => msg::io_connection_refused,
        Kind::ConnectionReset | Kind::ConnectionAborted | Kind::BrokenPipe | Kind::NotConnected => {
            msg::io_connection_lost
        }
        Kind::Unsupported => msg::io_unsupported,
        _ => msg::io_other,
    };
    known(detail)
}

/// [`io_reason`] for an error met walking a folder.
pub fn walk_reason(err: &walkdir::Error) -> Message {
    match err.io_error() {
        Some(cause) => io_reason(cause),
        None => msg::io_too_many_links(err),
    }
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

/// serde's `invalid type: integer `3`, expected a string`, with the two
/// kinds in words (not Rust's: `expected usize`); `None` for other messages
/// and for kinds it has no word for.
fn wrong_type(detail: &str) -> Option<Message> {
    let (found, expected) = detail.strip_prefix("invalid type: ")?.split_once(", expected ")?;
    if found.contains(" as i128") {
        return None;
    }
    let kind = |name: &str| {
        Some(match name.trim_start_matches("a ").trim_start_matches("an ") {
            "string" | "char" => msg::toml_type_text(),
            "integer" | "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
                msg::toml_type_integer()
            }
            "float" | "f32" | "f64" => msg::toml_type_number(),
            "boolean" => msg::toml_type_boolean(),
            "sequence" | "array" => msg::toml_type_list(),
            "map" | "table" => msg::toml_type_table(),
            "datetime" | "date" => msg::toml_type_date(),
            _ => return None,
        })
    };
    let found = kind(found.split(' ').next()?)?;
    let expected = kind(expected.strip_prefix("struct ").map_or(expected, |_| "table"))?;
    Some(msg::toml_wrong_type(found, expected))
}

/// Whether serde's message `detail` expects an unsigned integer (`expected usize`).
fn unsigned(detail: &str) -> bool {
    let expected = detail.rsplit(", expected ").next().unwrap_or_default();
    ["u8", "u16", "u32", "u64", "usize"].contains(&expected)
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
/// Its syntax errors read `WHAT, expected …`: the catalogue goes by `WHAT`.
pub fn toml_message(detail: &str) -> Message {
    if let Some((field, expected)) = detail
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once("`, expected one of "))
    {
        return msg::toml_unknown_field(field, expected);
    }
    if let Some(last) = detail.strip_prefix("invalid date, expected day between 01 and ") {
        return msg::toml_bad_day(last);
    }
    if detail == "string values must be quoted, expected literal string" {
        return msg::toml_unquoted();
    }
    if let Some(rest) = detail.strip_prefix("invalid date, ") {
        return match rest {
            "expected month between 01 and 12" => msg::toml_bad_month(detail),
            _ if rest.starts_with("expected a ") => msg::toml_bad_date_digits(detail),
            _ => msg::toml_bad_date(rest),
        };
    }
    if let Some(field) = detail.strip_prefix("missing field `").and_then(|f| f.strip_suffix('`')) {
        return msg::toml_missing_field(field);
    }
    if let Some(message) = wrong_type(detail) {
        return message;
    }
    let what = detail.split(", expected ").next().unwrap_or(detail);
    let known = match what {
        "key with no value" | "missing assignment between key-value pairs" => msg::toml_no_value,
        "missing value" | "missing value for key" => msg::toml_missing_value,
        "extra `=`" | "extra assignment between key-value pairs" => msg::toml_extra_equals,
        "unexpected key or value" | "unexpected content" => msg::toml_one_per_line,
        "unquoted keys cannot be empty" | "missing key for inline table element" => msg::toml_no_key,
        "invalid unquoted key" | "invalid key" => msg::toml_bad_key,
        "duplicate key" => msg::toml_duplicate_key,
        "invalid basic string" | "missing closing quote" => msg::toml_unclosed_string,
        "invalid literal string" => msg::toml_unclosed_literal,
        "invalid multi-line basic string" | "invalid multi-line literal string" => msg::toml_unclosed_multiline,
        "missing escaped value" | "too few unicode value digits" | "invalid unicode escape" => msg::toml_bad_escape,
        "missing comma between array elements" => msg::toml_list_comma,
        "extra comma in array" => msg::toml_list_extra_comma,
        "unclosed array" => msg::toml_unclosed_list,
        "unclosed table" => msg::toml_unclosed_table,
        "unclosed array table" => msg::toml_unclosed_table_list,
        "missing comma between key-value pairs" => msg::toml_inline_comma,
        "extra comma in inline table" => msg::toml_inline_extra_comma,
        "unclosed inline table" => msg::toml_unclosed_inline,
        "unexpected leading zero" => msg::toml_leading_zero,
        "`_` may only go between digits"
        | "redundant numeric sign"
        | "unexpected sign"
        | "radix must be lowercase"
        | "integers with a radix cannot be signed"
        | "redundant integer number prefix"
        | "invalid float" => msg::toml_bad_number,
        "invalid boolean" => msg::toml_bad_boolean,
        "invalid value" | "invalid string" | "invalid inline table element" | "invalid key-value pair" => {
            msg::toml_bad_value
        }
        "unexpected content between comment and newline"
        | "invalid comment character"
        | "carriage return must be followed by newline" => msg::toml_bad_line_end,
        "cannot recurse further; max recursion depth met" => msg::toml_too_deep,
        _ if what.contains("recursion limit") => msg::toml_too_deep,
        _ if what.starts_with("invalid value: integer `-") && unsigned(detail) => msg::toml_negative,
        _ if what.starts_with("invalid value: integer `") && unsigned(detail) => msg::toml_number_too_big,
        _ if what.starts_with("invalid type: integer") && what.ends_with("as i128") => msg::toml_number_too_big,
        _ if what.starts_with("invalid time") || what.starts_with("invalid datetime") => msg::toml_bad_time,
        _ => return msg::toml_error(detail),
    };
    known(detail)
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
        assert_eq!(err.render(Lang::Zh), "无法写入 public/a.html：系统报告：odd");
        let in_use = std::io::Error::new(std::io::ErrorKind::AddrInUse, "Address in use");
        assert_eq!(io_reason(&in_use), "Address in use");
        assert_eq!(io_reason(&in_use).in_lang(Lang::Zh), "这个端口已被别的程序占用");
    }

    #[test]
    fn io_errors_become_a_diagnostic_in_either_language() {
        let gone = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let [d] = Error::io("read", Path::new("static/a.jpg"), gone)
            .to_diagnostics()
            .try_into()
            .unwrap();
        assert_eq!(d.to_string(), "error: cannot read static/a.jpg: gone");
        assert_eq!(
            d.render(Lang::Zh),
            "错误：无法读取 static/a.jpg：找不到这个文件或文件夹"
        );
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
        let unclosed = toml_message("unclosed array, expected `]`");
        assert_eq!(unclosed, "unclosed array, expected `]`");
        assert_eq!(unclosed.in_lang(Lang::Zh), "列表缺少结尾的 `]`");
        let negative = toml_message("invalid value: integer `-1`, expected usize");
        assert_eq!(negative.in_lang(Lang::Zh), "这里要写不小于 0 的整数");
        let big = toml_message("invalid value: integer `300`, expected u8");
        assert!(big.in_lang(Lang::Zh).starts_with("数字太大"));
        let month = toml_message("invalid date, expected month between 01 and 12");
        assert!(month.in_lang(Lang::Zh).starts_with("日期有误：月份应在 01 到 12 之间"));
    }

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 100), 3);
    }
}
