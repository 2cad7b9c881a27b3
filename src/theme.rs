//! Render stage setup: the templates, layered built-in theme < `themes/NAME/`
//! < the site's `templates/`, and the theme's static files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::{Kwargs, State, Tera};

use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::{Message, msg};

/// The default theme, compiled into the binary.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum ThemeFile {
    BuiltIn(&'static [u8]),
    /// A file relative to the site root.
    Disk(PathBuf),
}

/// The loaded templates and the theme's static files.
pub struct Theme {
    pub tera: Tera,
    /// Template name → file it came from, for messages.
    sources: HashMap<String, String>,
    /// Output path → file, built-in files overridden by the theme folder's.
    pub static_files: Vec<(String, ThemeFile)>,
    /// Hash of every template's name and text: equal fingerprints, equal templates.
    fingerprint: u64,
}

impl Theme {
    /// Loads the templates for `theme` from the site at `root`.
    pub fn load(root: &Path, theme: &str) -> Result<Theme> {
        let theme_dir = Path::new("themes").join(theme);
        if theme != "default" && !root.join(&theme_dir).is_dir() {
            return Err(Diagnostic::error(CONFIG_FILE, msg::theme_missing(theme))
                .hint(msg::theme_missing_hint())
                .into());
        }
        let mut templates: HashMap<String, (String, String)> = HashMap::new();
        let mut statics: HashMap<String, ThemeFile> = HashMap::new();
        for file in built_in_files(&BUILT_IN) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                templates.insert(name.to_string(), (format!("(built-in theme) templates/{name}"), text));
            } else if let Some(out) = path.strip_prefix("static/") {
                statics.insert(out.to_string(), ThemeFile::BuiltIn(file.contents()));
            }
        }
        let mut problems = Vec::new();
        read_templates(root, &theme_dir.join("templates"), &mut templates, &mut problems);
        read_templates(root, Path::new("templates"), &mut templates, &mut problems);
        for (out, file) in walk_files(root, &theme_dir.join("static")) {
            statics.insert(out, ThemeFile::Disk(file));
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }

        let mut tera = Tera::new();
        register_filters(&mut tera);
        let sources: HashMap<String, String> = templates
            .iter()
            .map(|(name, (file, _))| (name.clone(), file.clone()))
            .collect();
        let mut list: Vec<(&String, &String)> = templates.iter().map(|(name, (_, text))| (name, text)).collect();
        list.sort();
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            list.hash(&mut hasher);
            hasher.finish()
        };
        tera.add_raw_templates(list)
            .map_err(|err| template_diagnostic(&err, &sources))?;
        let mut static_files: Vec<(String, ThemeFile)> = statics.into_iter().collect();
        static_files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Theme {
            tera,
            sources,
            static_files,
            fingerprint,
        })
    }

    /// Changes whenever any template does.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Renders `template` (or reports it, naming the template file and line).
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|err| template_diagnostic(&err, &self.sources))
    }

    /// [`Theme::render`] into a buffer of `size` bytes to start with — the
    /// length of the output it renders again — so that a long output is not
    /// copied again and again as it grows.
    pub fn render_sized(&self, template: &str, context: &tera::Context, size: usize) -> Result<String, Diagnostic> {
        let mut out = Vec::with_capacity(size);
        self.render_to(template, context, &mut out)?;
        // Tera writes only text.
        Ok(crate::text::utf8_string(out).unwrap_or_else(|out| String::from_utf8_lossy(&out).into_owned()))
    }

    /// [`Theme::render`] into `out`, for output written as it is made: the
    /// bytes are not copied into a `String` or checked again to be UTF-8.
    pub fn render_to(&self, template: &str, context: &tera::Context, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        self.tera
            .render_to(template, context, out)
            .map_err(|err| template_diagnostic(&err, &self.sources))
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }
}

fn built_in_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(built_in_files(sub));
    }
    files
}

/// Files under `root/dir`, as (path inside `dir`, path relative to `root`).
fn walk_files(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(&full)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && !crate::content::is_ignored(&e.file_name().to_string_lossy()))
        .map(|e| {
            let inner = e.path().strip_prefix(&full).unwrap_or(e.path());
            let name = inner
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (name, dir.join(inner))
        })
        .collect()
}

fn read_templates(
    root: &Path,
    dir: &Path,
    templates: &mut HashMap<String, (String, String)>,
    problems: &mut Vec<Diagnostic>,
) {
    for (name, file) in walk_files(root, dir) {
        let shown = file.to_string_lossy().replace('\\', "/");
        match std::fs::read(root.join(&file)).map(String::from_utf8) {
            Ok(Ok(text)) => {
                templates.insert(name, (shown, text.trim_start_matches('\u{feff}').to_string()));
            }
            Ok(Err(_)) => {
                problems.push(Diagnostic::error(shown, msg::theme_not_utf8()).hint(msg::config_not_utf8_hint()))
            }
            Err(err) => problems.push(Diagnostic::error(
                shown,
                msg::theme_unreadable(crate::error::io_reason(&err)),
            )),
        }
    }
}

/// Turns a Tera error into a message naming the template file and line.
fn template_diagnostic(err: &tera::Error, sources: &HashMap<String, String>) -> Diagnostic {
    let file_of = |name: &str| sources.get(name).cloned().unwrap_or_else(|| name.to_string());
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut messages = Vec::new();
    while let Some(e) = current {
        if let Some(tera_err) = e.downcast_ref::<tera::Error>() {
            match tera_err.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    let mut message = tera_reason(report.message());
                    if !messages.is_empty() {
                        message = msg::theme_within(messages.join(": "), message);
                    }
                    return Diagnostic::error(file_of(report.filename()), msg::theme_error(message))
                        .at_line(report.span().start_line)
                        .hint(msg::theme_fix_hint());
                }
                tera::ErrorKind::Msg(m) => match parse_report(m) {
                    Some((name, line, message)) => {
                        return Diagnostic::error(file_of(name), msg::theme_error(tera_reason(&message)))
                            .at_line(line)
                            .hint(msg::theme_fix_hint());
                    }
                    None => messages.push(m.clone()),
                },
                other => messages.push(other.to_string()),
            }
        } else {
            messages.push(e.to_string());
        }
        current = e.source();
    }
    Diagnostic::error("templates", msg::theme_error(tera_reason(&messages.join(": ")))).hint(msg::theme_check_hint())
}

/// A Tera error that names something: its text before and after the name,
/// and the catalogue's message for the name.
type Named = (&'static str, &'static str, fn(&str) -> Message);

/// What Tera says is wrong, from the catalogue where it is a common error.
fn tera_reason(text: &str) -> Message {
    let text = text.trim();
    let between = |prefix: &str, suffix: &str| text.strip_prefix(prefix)?.strip_suffix(suffix);
    if let Some((found, expected)) = between("Found ", ".").and_then(|t| t.split_once(" but expected ")) {
        return msg::theme_found_expected(found, expected);
    }
    if let Some((name, available)) = text
        .strip_prefix("Variable `")
        .and_then(|t| t.split_once("` is not defined."))
    {
        return match available.trim().strip_prefix("Available variables: ") {
            Some(list) => msg::theme_unknown_variable(name, list),
            None => msg::theme_unknown_variable_alone(name),
        };
    }
    if let Some((name, available)) = text
        .strip_prefix("Field `")
        .and_then(|t| t.split_once("` is not defined."))
    {
        return match available.trim().strip_prefix("Available fields: ") {
            Some(list) => msg::theme_unknown_field(name, list),
            None => msg::theme_unknown_field_alone(name),
        };
    }
    if let Some(name) = between("Variable `", "` exists but its value is undefined") {
        return msg::theme_undefined_value(name);
    }
    if let Some((closing, opening)) =
        between("Closing tag '", "'").and_then(|t| t.split_once("' doesn't match opening tag '"))
    {
        return msg::theme_tag_mismatch(closing, opening);
    }
    let named: [Named; 6] = [
        ("Unknown filter `", "`", |n| msg::theme_unknown_filter(n)),
        ("Unknown function `", "`", |n| msg::theme_unknown_function(n)),
        ("Unknown test `", "`", |n| msg::theme_unknown_test(n)),
        ("Unknown template `", "`", |n| msg::theme_unknown_template(n)),
        ("Block `", "` is not defined in any parent template", |n| {
            msg::theme_unknown_block(n)
        }),
        ("Iteration not possible on type `", "`", |n| msg::theme_not_iterable(n)),
    ];
    if let Some(message) = named
        .iter()
        .find_map(|(prefix, suffix, make)| between(prefix, suffix).map(make))
    {
        return message;
    }
    match text {
        "Unexpected end of input" => msg::theme_end_of_input(text),
        "Cannot divide by 0" => msg::theme_divide_by_zero(text),
        _ => Message::plain(text),
    }
}

/// Reads Tera's rendered report (`error: MESSAGE\n --> NAME:LINE:COL …`),
/// which some errors carry only as text.
fn parse_report(text: &str) -> Option<(&str, usize, String)> {
    let first = text.lines().next()?;
    let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    let location = text.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = location.rsplitn(3, ':');
    let _column = parts.next()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?, line, message))
}

fn register_filters(tera: &mut Tera) {
    // `date`: formats a YYYY-MM-DD string; `format` is strftime, default 2024年3月5日.
    tera.register_filter(
        "date",
        |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format: Option<&str> = kwargs.get("format")?;
            let Ok(date) = value.get(..10).unwrap_or(value).parse::<jiff::civil::Date>() else {
                return Ok(value.to_string());
            };
            let format = format.unwrap_or("%Y年%-m月%-d日");
            jiff::fmt::strtime::format(format, date)
                .map_err(|err| tera::Error::message(format!("date format {format:?}: {err}")))
        },
    );
    tera.register_filter("slugify", |value: &str, _: Kwargs, _: &State| {
        crate::slug::slugify(value)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_rendered_into_a_buffer_of_any_size_is_rendered_alike() {
        let dir = tempfile::tempdir().expect("temp dir");
        let theme = Theme::load(dir.path(), "default").expect("the built-in theme");
        let entry = |url: &'static str, date: &'static str| {
            std::collections::BTreeMap::from([("permalink", url), ("lastmod", date)])
        };
        let mut context = tera::Context::new();
        context.insert(
            "entries",
            &[
                entry("https://example.org/a/", "2024-01-02"),
                entry("https://example.org/b/", ""),
            ],
        );
        let whole = theme.render("sitemap.xml", &context).expect("the template renders");
        assert!(whole.contains("<loc>https://example.org/b/</loc>"), "{whole}");
        for size in [0, 1, whole.len() - 1, whole.len(), whole.len() * 2] {
            let sized = theme.render_sized("sitemap.xml", &context, size);
            assert_eq!(sized.as_deref().ok(), Some(whole.as_str()), "a buffer of {size} bytes");
        }
    }
}
