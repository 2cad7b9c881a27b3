//! Errors and warnings: every one names the file (relative to the site root), the
//! line where there is one, and what to change.

use std::fmt;
use std::path::{Path, PathBuf};

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
    pub message: String,
    /// What to change, when the message alone does not say it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
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

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if !self.file.is_empty() {
            write!(f, "{}", self.file)?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the site's files; all of them, not just the first.
    #[error("{}", list(.0))]
    Invalid(Vec<Diagnostic>),
    /// The file system refused something laurel needed to do. The cause is
    /// part of the message, not a separate source, so it is printed once.
    #[error("cannot {action} {}: {cause}", .path.to_string_lossy().replace('\\', "/"))]
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

fn list(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    lines.join("\n")
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
    let message = err.message().trim_end().to_string();
    Diagnostic::error(file, message).at(line)
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
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 100), 3);
    }
}
