//! Edit stage, saving a page: the form's values written into the front
//! matter in place, the Markdown after it, checked as `laurel check` checks
//! a page, refused when the file changed on disk since the form was opened,
//! and written atomically.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml_edit::DocumentMut;

use super::commit::{version, write_atomic};
use super::form::{Input, apply, form_fields};
use super::place::confine;
use crate::error::{Diagnostic, Error, Result};
use crate::front_matter::{normalize, parse_page, split};
use crate::i18n::{Lang, msg};
use crate::kind::{Kind, Schema};

/// A save as the browser asks for it.
#[derive(Debug, Deserialize)]
pub struct SaveRequest {
    /// Root-relative source file: `content/people/zhang-san.md`.
    pub file: String,
    /// The version of the file the form was opened with (see [`version`]).
    pub version: String,
    pub fields: HashMap<String, Input>,
    /// The Markdown after the front matter.
    pub body: String,
}

/// What became of a save.
#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Saved {
    /// Written; the file now has `version`.
    Done { version: String },
    /// Not written: messages by field, and the checks' findings, in the
    /// site's language.
    Invalid {
        fields: HashMap<String, String>,
        problems: Vec<String>,
    },
    /// Not written: the file changed on disk. `theirs` is the file as it is
    /// now; saving again with `version` keeps the form's text instead.
    Conflict { theirs: String, version: String },
}

/// A page's file as the editor opens it.
#[derive(Debug)]
pub struct Opened {
    pub text: String,
    pub version: String,
    pub front: DocumentMut,
    pub body: String,
}

/// Reads the page file `rel` (root-relative) for its form.
pub fn open(root: &Path, rel: &str) -> Result<Opened> {
    let path = confine(root, rel)?;
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    let version = version(&bytes);
    let text = normalize(String::from_utf8_lossy(&bytes).into_owned());
    let parts = split(rel, &text)?;
    let front = parts.front.parse::<DocumentMut>().map_err(|e| {
        Diagnostic::error(
            rel,
            msg::edit_bad_toml(crate::error::toml_message(e.message().trim_end())),
        )
        .hint(msg::edit_bad_toml_hint())
    })?;
    let body = parts.body.to_string();
    Ok(Opened {
        text,
        version,
        front,
        body,
    })
}

/// Saves `request` for a page of the kinds `(kind, section_kind)`: its
/// own and the one its section's pages have by default; says why not in `lang`.
pub fn save(root: &Path, schema: &Schema, kinds: (Kind, Kind), request: &SaveRequest, lang: Lang) -> Result<Saved> {
    let path = confine(root, &request.file)?;
    let opened = open(root, &request.file)?;
    if opened.version != request.version {
        return Ok(Saved::Conflict {
            theirs: opened.text,
            version: opened.version,
        });
    }
    let (file, inputs, body) = (&request.file, &request.fields, &request.body);
    let text = match compose_draft(schema, kinds, opened.front, file, inputs, body, lang) {
        Ok(text) => text,
        Err(invalid) => return Ok(invalid),
    };
    write_atomic(&path, text.as_bytes())?;
    Ok(Saved::Done {
        version: version(text.as_bytes()),
    })
}

/// A page as the form holds it, not saved: for the live preview.
#[derive(Debug, Deserialize)]
pub struct Draft {
    /// Root-relative source file: `content/people/zhang-san.md`.
    pub file: String,
    pub fields: HashMap<String, Input>,
    /// The Markdown after the front matter.
    pub body: String,
}

/// The text a save of `draft` would write into its file, checked as a save
/// checks it (`Err` holds [`Saved::Invalid`], in `lang`); nothing is written.
pub fn draft_text(
    root: &Path,
    schema: &Schema,
    kinds: (Kind, Kind),
    draft: &Draft,
    lang: Lang,
) -> Result<Result<String, Saved>> {
    let opened = open(root, &draft.file)?;
    Ok(compose_draft(
        schema,
        kinds,
        opened.front,
        &draft.file,
        &draft.fields,
        &draft.body,
        lang,
    ))
}

/// The form's `inputs` written into `front` (of the page `file`, of the
/// page kind and section kind `kinds`), and `body` after it; or why that
/// is no page a save may write, in `lang`.
fn compose_draft(
    schema: &Schema,
    (kind, section_kind): (Kind, Kind),
    mut front: DocumentMut,
    file: &str,
    inputs: &HashMap<String, Input>,
    body: &str,
    lang: Lang,
) -> std::result::Result<String, Saved> {
    let fields = form_fields(schema, schema.def(kind));
    let errors = apply(&mut front, &fields, inputs);
    if !errors.is_empty() {
        return Err(Saved::Invalid {
            fields: errors
                .into_iter()
                .map(|(f, m)| (f, m.in_lang(lang).into_owned()))
                .collect(),
            problems: Vec::new(),
        });
    }
    let text = compose(&front.to_string(), body);
    match check(file, &text, schema, section_kind, &fields, lang) {
        Some(invalid) => Err(invalid),
        None => Ok(text),
    }
}

/// A page file: front matter between `+++` lines, then the Markdown with
/// line ends as a text editor writes them. Uploads (src/upload/attach.rs)
/// write the front-matter keys they set with it too.
pub fn compose(front: &str, body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    let mut text = format!("+++\n{front}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("+++\n");
    text.push_str(&body);
    text
}

/// The checks `laurel check` makes of a page's front matter; their findings
/// go beside the field they name, or else above the form, in `lang`.
fn check(
    file: &str,
    text: &str,
    schema: &Schema,
    section_kind: Kind,
    fields: &[&crate::kind::Field],
    lang: Lang,
) -> Option<Saved> {
    let problems = match split(file, text) {
        Ok(parts) => parse_page(file, &parts, schema, section_kind).err()?,
        Err(d) => vec![d],
    };
    let mut by_field = HashMap::new();
    let mut general = Vec::new();
    for d in problems {
        match fields.iter().find(|f| d.message.contains(&format!("`{}`", f.name))) {
            Some(f) => {
                let said = msg::edit_form_unchecked(d.message).in_lang(lang).into_owned();
                by_field.insert(f.name.clone(), said);
            }
            None => general.push(d.render(lang)),
        }
    }
    Some(Saved::Invalid {
        fields: by_field,
        problems: general,
    })
}
