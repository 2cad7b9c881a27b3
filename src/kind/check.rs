//! Parse stage: a page's front matter checked against its kind — every key
//! declared, every value of its field's type and among its `choices`.

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Field, FieldType, Kind, Schema};
use crate::error::Diagnostic;
use crate::front_matter::{Split, line_of_span};

/// Checks every key of `table` (a page's front matter) against the common
/// fields and those of `kind`, and takes out of it the values of fields the
/// site declared (those without a typed page field), for display.
pub fn check_keys(
    file: &str,
    split: &Split<'_>,
    table: &mut DeTable<'_>,
    schema: &Schema,
    kind: Kind,
    problems: &mut Vec<Diagnostic>,
) -> toml::Table {
    let def = schema.def(kind);
    let mut fields = toml::Table::new();
    let mut untyped = Vec::new();
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let Some(field) = schema.common.iter().chain(&def.fields).find(|f| f.name == name) else {
            problems.push(unknown_key(file, split, key, schema, kind));
            continue;
        };
        if let Some(d) = check_value(file, split, field, value) {
            problems.push(d);
        } else if !field.typed {
            untyped.push(key.get_ref().clone());
        }
    }
    for name in untyped {
        if let Some(value) = table.remove(name.as_ref())
            && let Ok(value) = toml::Value::deserialize(toml::de::ValueDeserializer::from(value))
        {
            fields.insert(name.to_string(), value);
        }
    }
    for field in def.fields.iter().filter(|f| f.required) {
        if !table.contains_key(field.name.as_str()) && !fields.contains_key(&field.name) {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("the front matter has no `{}` ({})", field.name, field.label),
                )
                .at_line(split.front_line.saturating_sub(1).max(1))
                .hint(format!(
                    "{} needs it: add a line like `{} = …`",
                    a_page_of(&def.name),
                    field.name
                )),
            );
        }
    }
    fields
}

/// A key the page's kind does not declare: the error lists the kind's fields
/// and names the nearest one.
fn unknown_key<K>(file: &str, split: &Split<'_>, key: &Spanned<K>, schema: &Schema, kind: Kind) -> Diagnostic
where
    K: AsRef<str>,
{
    let def = schema.def(kind);
    let name = key.get_ref().as_ref();
    let own: Vec<&str> = def.fields.iter().map(|f| f.name.as_str()).collect();
    let all = schema.common.iter().map(|f| f.name.as_str()).chain(own.iter().copied());
    let nearest = all
        .map(|f| (distance(name, f), f))
        .filter(|&(d, f)| d <= 2.max(f.chars().count() / 3))
        .min();
    let common: Vec<&str> = schema.common.iter().map(|f| f.name.as_str()).collect();
    let listed = if own.is_empty() {
        format!(
            "{} take only the common fields {}",
            pages_of(&def.name),
            common.join(", ")
        )
    } else {
        format!(
            "{} take {} besides the common fields {}",
            pages_of(&def.name),
            own.join(", "),
            common.join(", ")
        )
    };
    let elsewhere: Vec<&str> = schema
        .kinds
        .iter()
        .filter(|k| k.field(name).is_some())
        .map(|k| k.name.as_str())
        .collect();
    let elsewhere_pages: Vec<String> = elsewhere.iter().map(|k| pages_of(k)).collect();
    let hint = match (nearest, elsewhere.first()) {
        (Some((_, f)), _) => format!("did you mean `{f}`? {listed}"),
        (None, Some(other)) => format!(
            "`{name}` is a field of {} (write kind = \"{other}\" if this is one); {listed}",
            elsewhere_pages.join(", ")
        ),
        (None, None) => format!(
            "{listed}; declare a new field under [kinds.{}.fields] in laurel.toml, or put it under `extra`",
            def.name
        ),
    };
    Diagnostic::error(file, format!("`{name}` is not a field of {}", a_page_of(&def.name)))
        .at_line(line_of_span(split, key))
        .hint(hint)
}

/// Pages of kind `name` in a message: "person pages", and "plain pages" for
/// kind `page` rather than "page pages".
fn pages_of(name: &str) -> String {
    if name == "page" {
        "plain pages".into()
    } else {
        format!("{name} pages")
    }
}

/// One page of kind `name` in a message: "a person page", "a plain page".
fn a_page_of(name: &str) -> String {
    if name == "page" {
        "a plain page".into()
    } else {
        format!("a {name} page")
    }
}

/// The problem with `value` for `field`, if any.
fn check_value(file: &str, split: &Split<'_>, field: &Field, value: &Spanned<DeValue<'_>>) -> Option<Diagnostic> {
    let v = value.get_ref();
    let fits = match field.kind {
        FieldType::Text | FieldType::Url | FieldType::Choice => v.is_str(),
        FieldType::Number | FieldType::Year => v.is_integer(),
        FieldType::Date => v.is_datetime() || v.is_str(),
        FieldType::Bool => v.is_bool(),
        FieldType::List => v.as_array().is_some_and(|a| a.iter().all(|x| x.get_ref().is_str())),
        FieldType::Records => v.as_array().is_some_and(|a| a.iter().all(|x| x.get_ref().is_table())),
        FieldType::BoolOrList => v.is_bool() || v.as_array().is_some_and(|a| a.iter().all(|x| x.get_ref().is_str())),
        FieldType::Table => v.is_table(),
    };
    let line = line_of_span(split, value);
    if !fits {
        return Some(
            Diagnostic::error(
                file,
                format!(
                    "`{}` ({}) must be {}, not {}",
                    field.name,
                    field.label,
                    field.kind.describe(),
                    v.type_str()
                ),
            )
            .at_line(line)
            .hint(format!("write it as {} = {}", field.name, example(field.kind))),
        );
    }
    let text = v.as_str()?;
    if field.kind == FieldType::Choice && !field.choices.is_empty() && !field.choices.iter().any(|c| c == text) {
        return Some(
            Diagnostic::error(
                file,
                format!(
                    "`{}` {text:?} is not one of the allowed values of {}",
                    field.name, field.label
                ),
            )
            .at_line(line)
            .hint(format!(
                "use one of {} (the choices of `{}` in laurel.toml)",
                field.choices.join(", "),
                field.name
            )),
        );
    }
    None
}

/// A value of `kind` as a user would write it.
fn example(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text | FieldType::Choice => "\"…\"",
        FieldType::Url => "\"https://…\"",
        FieldType::Number => "100",
        FieldType::Year => "2024",
        FieldType::Date => "2024-03-05",
        FieldType::Bool => "true",
        FieldType::List => "[\"…\", \"…\"]",
        FieldType::Records => "[{ 姓名 = \"…\" }]",
        FieldType::BoolOrList => "[\"身份证号\", \"联系电话\"]",
        FieldType::Table => "{ key = \"…\" }",
    }
}

/// Edit distance between two names, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("catgory", "category"), 1);
        assert_eq!(distance("region", "region"), 0);
        assert_eq!(distance("", "abc"), 3);
    }
}
