//! Load stage: `laurel.toml`, the site settings.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Diagnostic, Result, toml_diagnostic};
use crate::i18n::{Message, msg};
use crate::kind::{Kind, Schema};
use crate::publisher::{Publisher, RawPublisher};

/// File name of the site settings, at the site root.
pub const CONFIG_FILE: &str = "laurel.toml";

/// `laurel.toml` as written; every key is checked, unknown ones are errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    paginate_by: Option<usize>,
    taxonomies: Option<Vec<String>>,
    categories: Option<Vec<String>>,
    pretty_links: Option<bool>,
    allow_html: Option<bool>,
    publisher: Option<RawPublisher>,
    kinds: Option<toml::Table>,
    deploy: Option<toml::Table>,
    extra: Option<toml::Table>,
}

/// The site settings, with defaults applied.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Always ends in `/`.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub paginate_by: usize,
    pub taxonomies: Vec<String>,
    /// Allowed values of `category` (its `choices`, or the older
    /// `categories` list); empty allows any.
    pub categories: Vec<String>,
    /// The kinds of page and their fields.
    pub schema: Schema,
    pub pretty_links: bool,
    pub allow_html: bool,
    /// `[publisher]`: the public body running the site, if it says.
    pub publisher: Option<Publisher>,
    /// `[deploy.NAME]`: where `laurel deploy` publishes the site.
    pub deploy: Vec<crate::deploy::Target>,
    pub extra: toml::Table,
}

impl Config {
    /// Reads `laurel.toml` from the site root.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read(&path).map_err(|err| {
            let hint = match err.kind() {
                std::io::ErrorKind::NotFound => msg::config_unreadable_missing_hint(),
                _ => msg::config_unreadable_hint(),
            };
            Diagnostic::error(CONFIG_FILE, msg::config_unreadable(crate::error::io_reason(&err))).hint(hint)
        })?;
        let text = String::from_utf8(text).map_err(|err| {
            let line = crate::error::line_of(&String::from_utf8_lossy(err.as_bytes()), err.utf8_error().valid_up_to());
            Diagnostic::error(CONFIG_FILE, msg::config_not_utf8())
                .at_line(line)
                .hint(msg::config_not_utf8_hint())
        })?;
        Config::parse(text.trim_start_matches('\u{feff}'))
    }

    /// Parses the text of `laurel.toml`; a personal number in it (a
    /// contact in `description` or `[extra]`, which pages show) is an error,
    /// as in any page.
    pub fn parse(text: &str) -> Result<Config> {
        let leaks = crate::personal::check_markdown(CONFIG_FILE, text, None);
        if !leaks.is_empty() {
            return Err(crate::error::Error::Invalid(leaks));
        }
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            let mut d = toml_diagnostic(CONFIG_FILE, text, 1, &err);
            if d.message.contains("unknown field") {
                d = d.hint(msg::config_unknown_key_hint());
            }
            d
        })?;
        let missing =
            |key: &str| Diagnostic::error(CONFIG_FILE, msg::config_required(key)).hint(msg::config_required_hint(key));
        let title = raw.title.ok_or_else(|| missing("title"))?;
        let base_url = raw.base_url.ok_or_else(|| missing("base_url"))?;
        if let Some(problem) = base_url_problem(&base_url) {
            let line = line_of_key(text, "base_url");
            return Err(Diagnostic::error(CONFIG_FILE, problem)
                .at(line)
                .hint(msg::config_base_url_hint())
                .into());
        }
        let paginate_by = raw.paginate_by.unwrap_or(24);
        if paginate_by == 0 {
            let line = line_of_key(text, "paginate_by");
            return Err(Diagnostic::error(CONFIG_FILE, msg::config_paginate_zero())
                .at(line)
                .into());
        }
        // The built-in kinds' labels are in the language of the site's pages.
        let language = raw.language.unwrap_or_else(|| "zh-CN".to_string());
        let lang = crate::i18n::Lang::from_tag(&language);
        let mut schema =
            Schema::load(&raw.kinds.unwrap_or_default(), CONFIG_FILE, lang).map_err(|d| {
                match table_line(text, &d.message) {
                    Some(line) => d.at_line(line),
                    None => d,
                }
            })?;
        let categories = category_choices(&mut schema, raw.categories.unwrap_or_default());
        let mut taxonomies = raw.taxonomies.unwrap_or_else(default_taxonomies);
        check_taxonomies(&taxonomies).map_err(|d| d.at(line_of_key(text, "taxonomies")))?;
        for name in &schema.site_taxonomies {
            if !taxonomies.contains(name) {
                taxonomies.push(name.clone());
            }
        }
        let publisher = raw
            .publisher
            .map(|p| p.resolve(&base_url).map_err(|d| d.at(line_of_key(text, "[publisher]"))))
            .transpose()?;
        let deploy = crate::deploy::resolve_targets(&raw.deploy.unwrap_or_default(), text)?;
        Ok(Config {
            title,
            description: raw.description.unwrap_or_default(),
            base_url: with_trailing_slash(base_url),
            language,
            theme: raw.theme.unwrap_or_else(|| "default".to_string()),
            paginate_by,
            taxonomies,
            categories,
            schema,
            pretty_links: raw.pretty_links.unwrap_or(false),
            allow_html: raw.allow_html.unwrap_or(false),
            publisher,
            deploy,
            extra: raw.extra.unwrap_or_default(),
        })
    }

    /// The absolute URL of a root-relative output path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// The allowed categories: the `choices` of the person kind's `category`,
/// which the older top-level `categories` list fills when they are not set.
fn category_choices(schema: &mut Schema, categories: Vec<String>) -> Vec<String> {
    let kind = &mut schema.kinds[Kind::Person.index()];
    let Some(field) = kind.fields.iter_mut().find(|f| f.name == "category") else {
        return categories;
    };
    if field.choices.is_empty() {
        field.choices = categories;
    }
    field.choices.clone()
}

/// The line of the `[kinds.…]` table a message names (`in [kinds.unit]: …`).
fn table_line(text: &str, message: &str) -> Option<usize> {
    let header = message.strip_prefix("in ")?.split(']').next()?;
    line_of_key(text, &format!("{header}]"))
}

fn default_taxonomies() -> Vec<String> {
    ["category", "region", "year", "level", "honors", "tags"]
        .map(String::from)
        .to_vec()
}

/// Each taxonomy is published in a folder named by its slug: two may not
/// share one, and each needs one.
fn check_taxonomies(names: &[String]) -> Result<(), Diagnostic> {
    let mut folders: HashMap<String, &str> = HashMap::new();
    for name in names {
        let folder = crate::slug::slugify(name);
        if folder.is_empty() {
            return Err(
                Diagnostic::error(CONFIG_FILE, msg::config_taxonomy_no_folder(format_args!("{name:?}")))
                    .hint(msg::config_taxonomy_no_folder_hint()),
            );
        }
        if let Some(first) = folders.insert(folder.clone(), name) {
            let message = if first == name {
                msg::config_taxonomy_twice(format_args!("{name:?}"))
            } else {
                msg::config_taxonomy_same_folder(format_args!("{first:?}"), format_args!("{name:?}"), folder)
            };
            return Err(Diagnostic::error(CONFIG_FILE, message).hint(msg::config_taxonomy_once_hint()));
        }
    }
    Ok(())
}

/// Line of the first line of `text` that starts with `key`.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map(|i| i + 1)
}

/// Why `url` cannot be where a site lives (`base_url`, `--base-url`), if
/// it cannot: every address the site publishes — links, the sitemap, the
/// feed, the QR codes on boards — starts with it.
pub fn base_url_problem(url: &str) -> Option<Message> {
    let quoted = || format!("{url:?}");
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return Some(msg::config_base_url_relative(quoted()));
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Some(msg::config_base_url_no_host(quoted()));
    }
    let bad = |c: char| c.is_whitespace() || c.is_control() || "?#\"'<>\\`".contains(c);
    let character = url.chars().find(|&c| bad(c))?;
    Some(msg::config_base_url_character(quoted(), format!("{character:?}")))
}

fn with_trailing_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_trailing_slash() {
        let c = Config::parse("title = \"好人榜\"\nbase_url = \"https://example.org/haoren\"").unwrap();
        assert_eq!(c.base_url, "https://example.org/haoren/");
        assert_eq!(c.paginate_by, 24);
        assert_eq!(c.language, "zh-CN");
        assert!(c.taxonomies.contains(&"category".to_string()));
        assert_eq!(c.permalink("people/a/"), "https://example.org/haoren/people/a/");
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = Config::parse("title = \"t\"\nbase_url = \"https://e.org/\"\npaginateby = 3\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("paginateby"), "{}", d.message);
    }

    #[test]
    fn a_taxonomy_listed_twice_is_an_error_at_its_line() {
        let err = Config::parse(
            "title = \"t\"\nbase_url = \"https://e.org/\"\ntaxonomies = [\"year\", \"region\", \"year\"]\n",
        )
        .unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!((d.file.as_str(), d.line), (CONFIG_FILE, Some(3)), "{d}");
        assert!(d.message.contains("\"year\" twice"), "{d}");
    }

    #[test]
    fn taxonomies_sharing_a_folder_or_without_one_are_errors() {
        let parse = |list: &str| {
            Config::parse(&format!(
                "title = \"t\"\nbase_url = \"https://e.org/\"\ntaxonomies = {list}\n"
            ))
            .unwrap_err()
        };
        let err = parse("[\"城市\", \"cheng-shi\"]");
        assert!(err.diagnostics()[0].message.contains("/cheng-shi/"), "{err}");
        let err = parse("[\"category\", \"\"]");
        assert!(err.diagnostics()[0].message.contains("no folder name"), "{err}");
    }

    #[test]
    fn missing_title() {
        let err = Config::parse("base_url = \"https://e.org/\"").unwrap_err();
        assert_eq!(err.diagnostics()[0].message, "`title` is required");
    }
}
