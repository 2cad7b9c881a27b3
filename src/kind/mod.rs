//! Load stage: the kinds of page and the fields each declares — the built-in
//! kinds of `builtin.toml`, extended and overridden by `[kinds]` in
//! `laurel.toml`. One [`Schema`] drives front-matter checks, facts, cards,
//! taxonomies and search filters.

mod check;

use serde::Deserialize;

use crate::error::Diagnostic;
use crate::i18n::{Lang, Message, msg};

pub use check::check_keys;

/// The built-in kinds, as a site would declare them.
const BUILTIN: &str = include_str!("builtin.toml");

/// The built-in kinds, in the order of [`Kind`]'s variants.
const BUILTIN_KINDS: [&str; 4] = ["person", "award", "event", "page"];

/// What a page is about; picks its template and the fields it may carry.
/// A site's own kinds are [`Kind::Custom`], numbered in its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    Award,
    Event,
    Page,
    /// A kind declared in `laurel.toml`: its position in [`Schema::kinds`].
    Custom(u16),
}

impl Kind {
    /// Position of the kind in [`Schema::kinds`].
    pub fn index(self) -> usize {
        match self {
            Kind::Person => 0,
            Kind::Award => 1,
            Kind::Event => 2,
            Kind::Page => 3,
            Kind::Custom(n) => usize::from(n),
        }
    }

    fn from_index(i: usize) -> Kind {
        match i {
            0 => Kind::Person,
            1 => Kind::Award,
            2 => Kind::Event,
            3 => Kind::Page,
            n => Kind::Custom(u16::try_from(n).unwrap_or(u16::MAX)),
        }
    }
}

/// The type of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    Number,
    Year,
    Date,
    Bool,
    Url,
    List,
    Choice,
    /// A list of tables (an award's `entries`).
    Records,
    /// `true`, `false` or a list of names (an award's `mask`).
    #[serde(rename = "bool_or_list")]
    BoolOrList,
    /// Any table (`extra`).
    Table,
}

impl FieldType {
    /// How the type reads in a message.
    pub fn describe(self) -> Message {
        match self {
            FieldType::Text | FieldType::Choice => msg::kind_type_text(),
            FieldType::Number => msg::kind_type_number(),
            FieldType::Year => msg::kind_type_year(),
            FieldType::Date => msg::kind_type_date(),
            FieldType::Bool => msg::kind_type_bool(),
            FieldType::Url => msg::kind_type_url(),
            FieldType::List => msg::kind_type_list(),
            FieldType::Records => msg::kind_type_records(),
            FieldType::BoolOrList => msg::kind_type_bool_or_list(),
            FieldType::Table => msg::kind_type_table(),
        }
    }
}

/// Where a field's value appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    /// The facts table of the page itself.
    Page,
    /// The line under the title on a card.
    Card,
    /// A printed board.
    Board,
}

/// One field a kind declares.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub kind: FieldType,
    pub required: bool,
    /// Allowed values of a `choice` field; empty allows any.
    pub choices: Vec<String>,
    pub show: Vec<Show>,
    pub filter: bool,
    pub taxonomy: bool,
    pub order: i64,
    /// Whether laurel keeps the value in a typed page field (the built-in
    /// fields); the values of a site's own fields are kept by name.
    pub typed: bool,
}

/// A kind and its fields, in `order`.
#[derive(Debug, Clone, PartialEq)]
pub struct KindDef {
    pub name: String,
    pub label: String,
    pub fields: Vec<Field>,
}

impl KindDef {
    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Every kind of the site and the fields common to all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub common: Vec<Field>,
    /// The built-in kinds first, in [`Kind`] order, then the site's own.
    pub kinds: Vec<KindDef>,
    /// Fields the site itself made taxonomies, in declaration order.
    pub site_taxonomies: Vec<String>,
}

/// `[kinds.NAME]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKind {
    label: Option<String>,
    #[serde(default)]
    fields: toml::map::Map<String, toml::Value>,
}

/// `[kinds.NAME.fields.FIELD]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    label: Option<String>,
    #[serde(rename = "type")]
    kind: Option<FieldType>,
    required: Option<bool>,
    choices: Option<Vec<String>>,
    show: Option<Vec<Show>>,
    filter: Option<bool>,
    taxonomy: Option<bool>,
    order: Option<i64>,
}

/// `builtin.toml` as written.
#[derive(Deserialize)]
struct RawBuiltin {
    common: RawKind,
    kinds: toml::map::Map<String, toml::Value>,
}

impl Schema {
    /// The built-in kinds, labelled in `lang`, merged with a site's `[kinds]`
    /// (a table of [`RawKind`]s); `file` names `laurel.toml` in messages.
    pub fn load(site: &toml::map::Map<String, toml::Value>, file: &str, lang: Lang) -> Result<Schema, Diagnostic> {
        let mut builtin: toml::Value = toml::from_str(BUILTIN).expect("builtin.toml is valid");
        pick_labels(&mut builtin, lang);
        let builtin = RawBuiltin::deserialize(builtin).expect("builtin.toml is valid");
        let mut common = Vec::new();
        merge_fields(
            &mut common,
            builtin.common.fields,
            "common",
            file,
            &mut Vec::new(),
            true,
        )?;
        let mut schema = Schema {
            common,
            kinds: Vec::new(),
            site_taxonomies: Vec::new(),
        };
        for name in BUILTIN_KINDS {
            let raw = builtin
                .kinds
                .get(name)
                .cloned()
                .expect("builtin.toml declares every built-in kind");
            schema.merge_kind(name, raw, file, &mut Vec::new(), true)?;
        }
        let mut taxonomies = Vec::new();
        for (name, raw) in site {
            if crate::slug::slugify(name) != *name || name == "common" {
                return Err(Diagnostic::error(file, msg::kind_bad_name(name)).hint(msg::kind_bad_name_hint()));
            }
            schema.merge_kind(name, raw.clone(), file, &mut taxonomies, false)?;
        }
        schema.site_taxonomies = taxonomies;
        Ok(schema)
    }

    fn merge_kind(
        &mut self,
        name: &str,
        raw: toml::Value,
        file: &str,
        taxonomies: &mut Vec<String>,
        typed: bool,
    ) -> Result<(), Diagnostic> {
        let raw = RawKind::deserialize(raw).map_err(|err| {
            Diagnostic::error(
                file,
                msg::kind_bad_table(name, crate::error::toml_message(err.message().trim_end())),
            )
            .hint(msg::kind_bad_table_hint())
        })?;
        let at = match self.kinds.iter().position(|k| k.name == name) {
            Some(at) => at,
            None => {
                self.kinds.push(KindDef {
                    name: name.to_string(),
                    label: name.to_string(),
                    fields: Vec::new(),
                });
                self.kinds.len() - 1
            }
        };
        let kind = &mut self.kinds[at];
        if let Some(label) = raw.label {
            kind.label = label;
        }
        merge_fields(&mut kind.fields, raw.fields, name, file, taxonomies, typed)?;
        kind.fields.sort_by_key(|f| f.order);
        Ok(())
    }

    /// The kind called `name`.
    pub fn kind_named(&self, name: &str) -> Option<Kind> {
        self.kinds.iter().position(|k| k.name == name).map(Kind::from_index)
    }

    /// The declaration of `kind`.
    pub fn def(&self, kind: Kind) -> &KindDef {
        &self.kinds[kind.index()]
    }

    /// The name of `kind` (`person`, `unit` …).
    pub fn name(&self, kind: Kind) -> &str {
        &self.def(kind).name
    }

    /// The names of every kind, for a message.
    pub fn kind_names(&self) -> Message {
        crate::i18n::list(self.kinds.iter().map(|k| k.name.as_str()))
    }

    /// The search filters: every field some kind makes a filter, once, in
    /// kind order and then field order, with its label.
    pub fn filters(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for field in self.kinds.iter().flat_map(|k| &k.fields).filter(|f| f.filter) {
            if !out.iter().any(|(name, _)| *name == field.name) {
                out.push((&field.name, &field.label));
            }
        }
        out
    }
}

/// Replaces every `label = { zh = "…", en = "…" }` of builtin.toml's `value`
/// by the label in `lang`.
fn pick_labels(value: &mut toml::Value, lang: Lang) {
    let code = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    let Some(table) = value.as_table_mut() else { return };
    for (key, value) in table.iter_mut() {
        match value.get(code) {
            Some(label) if key == "label" => *value = label.clone(),
            _ => pick_labels(value, lang),
        }
    }
}

/// Adds or updates `fields` of a kind (`owner`) from their raw declarations.
fn merge_fields(
    fields: &mut Vec<Field>,
    raw: toml::map::Map<String, toml::Value>,
    owner: &str,
    file: &str,
    taxonomies: &mut Vec<String>,
    typed: bool,
) -> Result<(), Diagnostic> {
    for (name, value) in raw {
        let r = RawField::deserialize(value).map_err(|err| {
            Diagnostic::error(
                file,
                msg::kind_bad_field(owner, &name, crate::error::toml_message(err.message().trim_end())),
            )
            .hint(msg::kind_bad_field_hint())
        })?;
        let at = match fields.iter().position(|f| f.name == name) {
            Some(at) => at,
            None => {
                let order = fields.iter().map(|f| f.order).max().unwrap_or(0) + 10;
                fields.push(Field {
                    label: name.clone(),
                    name: name.clone(),
                    kind: FieldType::Text,
                    required: false,
                    choices: Vec::new(),
                    // A site's own field shows on its page unless it says otherwise.
                    show: if typed { Vec::new() } else { vec![Show::Page] },
                    filter: false,
                    taxonomy: false,
                    order,
                    typed,
                });
                fields.len() - 1
            }
        };
        let field = &mut fields[at];
        if r.taxonomy == Some(true) && !taxonomies.contains(&name) {
            taxonomies.push(name.clone());
        }
        field.label = r.label.unwrap_or_else(|| field.label.clone());
        field.kind = r.kind.unwrap_or(field.kind);
        field.required = r.required.unwrap_or(field.required);
        field.choices = r.choices.unwrap_or_else(|| field.choices.clone());
        field.show = r.show.unwrap_or_else(|| field.show.clone());
        field.filter = r.filter.unwrap_or(field.filter);
        field.taxonomy = r.taxonomy.unwrap_or(field.taxonomy);
        field.order = r.order.unwrap_or(field.order);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Schema, Diagnostic> {
        load_in(text, Lang::Zh)
    }

    fn load_in(text: &str, lang: Lang) -> Result<Schema, Diagnostic> {
        let table: toml::Table = toml::from_str(text).unwrap();
        Schema::load(&table, "laurel.toml", lang)
    }

    #[test]
    fn builtin_labels_are_in_the_sites_language() {
        for (lang, person, title, region) in [
            (Lang::Zh, "人物", "标题", "地区"),
            (Lang::En, "Person", "Title", "Region"),
        ] {
            let schema = load_in("", lang).unwrap();
            let def = schema.def(Kind::Person);
            assert_eq!((def.label.as_str(), schema.common[0].label.as_str()), (person, title));
            assert_eq!(def.field("region").unwrap().label, region);
            assert!(schema.filters().contains(&("region", region)));
        }
    }

    #[test]
    fn a_sites_label_wins_in_either_language() {
        for lang in [Lang::Zh, Lang::En] {
            let schema = load_in(
                "[person]\nlabel = \"先进个人\"\n[person.fields.region]\nlabel = \"Area\"\n",
                lang,
            )
            .unwrap();
            let def = schema.def(Kind::Person);
            assert_eq!(
                (def.label.as_str(), def.field("region").unwrap().label.as_str()),
                ("先进个人", "Area")
            );
        }
    }

    #[test]
    fn builtin_kinds_come_first_in_order() {
        let schema = load("").unwrap();
        let names: Vec<&str> = schema.kinds.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, BUILTIN_KINDS);
        let person = schema.def(Kind::Person);
        let shown: Vec<&str> = person
            .fields
            .iter()
            .filter(|f| f.show.contains(&Show::Page))
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(shown, ["category", "region", "unit", "year", "level"]);
        assert_eq!(
            schema.filters().iter().map(|f| f.0).collect::<Vec<_>>(),
            ["category", "region", "year", "level"]
        );
    }

    #[test]
    fn a_site_adds_fields_and_kinds() {
        let schema = load(
            "[person.fields.hometown]\nlabel = \"籍贯\"\nfilter = true\ntaxonomy = true\norder = 35\n\
             [unit]\nlabel = \"文明单位\"\n[unit.fields.address]\nlabel = \"地址\"\n",
        )
        .unwrap();
        let person = schema.def(Kind::Person);
        let at = person.fields.iter().position(|f| f.name == "hometown").unwrap();
        assert_eq!(person.fields[at + 1].name, "year");
        assert_eq!(schema.site_taxonomies, ["hometown"]);
        let unit = schema.kind_named("unit").unwrap();
        assert_eq!(unit, Kind::Custom(4));
        assert_eq!(schema.def(unit).field("address").unwrap().label, "地址");
    }

    #[test]
    fn an_unknown_field_key_is_an_error() {
        let err = load("[person.fields.hometown]\nlable = \"籍贯\"\n").unwrap_err();
        assert!(err.message.contains("lable"), "{}", err.message);
    }
}
