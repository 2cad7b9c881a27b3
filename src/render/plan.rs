//! Render stage: every output path with what it is made from, known before
//! anything is written. Two sources at one path, a file where another output
//! needs a folder, or a name too long for a file system are errors naming
//! both sources — a write never is the first to notice.

use std::collections::BTreeMap;
use std::ops::Bound;

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::i18n::{Message, msg};

/// Longest file or folder name most file systems take, in bytes.
const NAME_LIMIT: usize = 255;

/// What an output is made from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Origin {
    /// A page or file laurel makes by itself, described (`laurel's search page`).
    BuiltIn(Message),
    /// A taxonomy's list or one of its terms, by taxonomy name.
    Taxonomy(String),
    /// A section: its `_index.md`, or its folder when it has none (root-relative).
    Section(String),
    /// A page's Markdown file (root-relative).
    Page(String),
    /// A redirect asked for by the `aliases` of this Markdown file.
    Alias(String),
    /// A file copied as it is from `static/`, `content/` or a theme (root-relative).
    Copy(String),
}

impl Origin {
    /// The file a message about this output names.
    fn file(&self) -> &str {
        match self {
            Origin::BuiltIn(_) => "",
            Origin::Taxonomy(_) => crate::config::CONFIG_FILE,
            Origin::Section(file) | Origin::Page(file) | Origin::Alias(file) | Origin::Copy(file) => file,
        }
    }

    /// What this output is, said from the other output's message.
    fn describe(&self) -> Message {
        match self {
            Origin::BuiltIn(what) => what.clone(),
            Origin::Taxonomy(name) => msg::plan_taxonomy_of(name, crate::config::CONFIG_FILE),
            Origin::Section(file) | Origin::Page(file) | Origin::Copy(file) => Message::plain(file.as_str()),
            Origin::Alias(file) => msg::plan_alias_of(file),
        }
    }

    /// The start of a message about this output at `path`.
    fn subject(&self, path: &str) -> Message {
        let url = url_of(path);
        match self {
            Origin::BuiltIn(what) => msg::plan_builtin_at(url, what.clone()),
            Origin::Taxonomy(name) => msg::plan_taxonomy_at(name, url),
            Origin::Section(_) | Origin::Page(_) => msg::plan_page_at(url),
            Origin::Alias(_) => msg::plan_alias_at(url),
            Origin::Copy(_) => msg::plan_copy_at(url),
        }
    }

    /// What to change when this output clashes with `first`.
    fn hint(&self, first: &Origin) -> Message {
        match self {
            Origin::BuiltIn(_) => msg::plan_builtin_hint(),
            Origin::Taxonomy(_) => msg::plan_taxonomy_hint(),
            Origin::Section(_) if matches!(first, Origin::BuiltIn(_)) => msg::plan_section_builtin_hint(),
            Origin::Section(_) => msg::plan_section_hint(),
            Origin::Page(_) if matches!(first, Origin::BuiltIn(_)) => msg::plan_page_builtin_hint(),
            Origin::Page(_) => msg::plan_page_hint(),
            Origin::Alias(_) => msg::plan_alias_hint(),
            Origin::Copy(_) => msg::plan_copy_hint(),
        }
    }
}

/// `people/index.html` → `/people/`, `atom.xml` → `/atom.xml`.
fn url_of(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Checks that every output has a path of its own. `outputs` may come in any
/// order; they are claimed in the order of their [`Origin`], then as given.
pub(super) fn check_plan(mut outputs: Vec<(String, Origin)>) -> Result<(), Vec<Diagnostic>> {
    outputs.par_sort_by_key(|(_, origin)| rank(origin));
    let mut owner: BTreeMap<&str, &Origin> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, origin) in &outputs {
        let error = |problem: Message| Diagnostic::error(origin.file(), msg::plan_clash(origin.subject(path), problem));
        if let Some(long) = path.split('/').find(|name| name.len() > NAME_LIMIT) {
            let start: String = long.chars().take(24).collect();
            let message = msg::plan_name_too_long(start, long.len(), NAME_LIMIT);
            problems.push(error(message).hint(msg::plan_shorter_name_hint()));
        } else if let Some(first) = owner.get(path.as_str()) {
            let message = msg::plan_already_published(first.describe());
            problems.push(error(message).hint(origin.hint(first)));
        } else if let Some((folder, first)) = folders(path).find_map(|f| Some((f, *owner.get(f)?))) {
            let message = msg::plan_already_file(folder, first.describe());
            problems.push(error(message).hint(origin.hint(first)));
        } else if let Some(first) = first_inside(&owner, path) {
            let message = msg::plan_already_folder(path, first.describe());
            problems.push(error(message).hint(origin.hint(first)));
        } else {
            owner.insert(path, origin);
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// The first output claimed inside folder `path`, if any.
fn first_inside<'a>(owner: &BTreeMap<&str, &'a Origin>, path: &str) -> Option<&'a Origin> {
    let folder = format!("{path}/");
    let (inside, origin) = owner
        .range::<str, _>((Bound::Included(folder.as_str()), Bound::Unbounded))
        .next()?;
    inside.starts_with(&folder).then_some(*origin)
}

/// Claim order: on a clash the later output is named as the file to change,
/// so laurel's own outputs come first and copied files last. laurel's own outputs first, copied files last.
fn rank(origin: &Origin) -> u8 {
    match origin {
        Origin::BuiltIn(_) => 0,
        Origin::Taxonomy(_) => 1,
        Origin::Section(_) => 2,
        Origin::Page(_) => 3,
        Origin::Alias(_) => 4,
        Origin::Copy(_) => 5,
    }
}

/// The folders `path` lies in, outermost first: `a/b/c` → `a`, `a/b`.
fn folders(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(|(i, _)| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(file: &str) -> Origin {
        Origin::Page(file.to_string())
    }

    #[test]
    fn distinct_paths_pass() {
        let outputs = vec![
            ("index.html".to_string(), Origin::Section("content/_index.md".into())),
            ("people/index.html".to_string(), page("content/people.md")),
            ("people-2/index.html".to_string(), page("content/b.md")),
            ("people.txt".to_string(), Origin::Copy("static/people.txt".into())),
        ];
        assert_eq!(check_plan(outputs), Ok(()));
    }

    #[test]
    fn a_copied_file_on_a_page_names_both() {
        let outputs = vec![
            ("a/index.html".to_string(), Origin::Copy("static/a/index.html".into())),
            ("a/index.html".to_string(), page("content/a.md")),
        ];
        let problems = check_plan(outputs).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "error: static/a/index.html: this file would be copied to /a/, where content/a.md is already published\n  \
             hint: rename or move the file: a copied file may not replace another output"
        );
    }

    #[test]
    fn a_file_where_a_folder_is_needed_is_found_either_way() {
        let file_first = vec![
            ("atom.xml".to_string(), Origin::BuiltIn("the Atom feed".into())),
            ("atom.xml/index.html".to_string(), Origin::Alias("content/a.md".into())),
        ];
        let problems = check_plan(file_first).unwrap_err();
        assert_eq!(problems[0].file, "content/a.md");
        assert!(
            problems[0]
                .message
                .contains("/atom.xml is already a file, from the Atom feed")
        );
        let folder_first = vec![
            ("people".to_string(), Origin::Copy("static/people".into())),
            ("people/a/index.html".to_string(), page("content/people/a.md")),
        ];
        let problems = check_plan(folder_first).unwrap_err();
        assert_eq!(problems[0].file, "static/people");
        assert!(
            problems[0]
                .message
                .contains("/people/ is already a folder, holding content/people/a.md"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_name_too_long_is_an_error() {
        let outputs = vec![(
            format!("{}/index.html", "a".repeat(300)),
            Origin::Alias("content/a.md".into()),
        )];
        let problems = check_plan(outputs).unwrap_err();
        assert!(problems[0].message.contains("300 bytes"), "{}", problems[0]);
    }
}
