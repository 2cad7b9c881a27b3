//! Parse stage: a page's front matter checked against its kind — every key
//! declared, every value of its field's type and among its `choices`.

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Field, FieldType, Kind, Schema};
use crate::error::Diagnostic;
use crate::front_matter::{Split, line_of_span};
use crate::i18n::{Message, msg};

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
                Diagnostic::error(file, msg::kind_missing_field(&field.name, &field.label))
                    .at_line(split.front_line.saturating_sub(1).max(1))
                    .hint(msg::kind_missing_field_hint(&field.name, a_page_of(&def.name))),
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
        msg::kind_take_only_common(crate::i18n::list(common), pages_of(&def.name))
    } else {
        msg::kind_take_own(crate::i18n::list(own), crate::i18n::list(common), pages_of(&def.name))
    };
    let elsewhere: Vec<&str> = schema
        .kinds
        .iter()
        .filter(|k| k.field(name).is_some())
        .map(|k| k.name.as_str())
        .collect();
    let elsewhere_pages = match elsewhere.as_slice() {
        [one] => pages_of(one),
        many => many
            .iter()
            .map(|k| pages_of(k))
            .reduce(msg::kind_pages_and)
            .unwrap_or_else(msg::kind_plain_pages),
    };
    let hint = match (nearest, elsewhere.first()) {
        (Some((_, f)), _) => msg::kind_did_you_mean(f, listed),
        (None, Some(other)) => msg::kind_field_elsewhere(name, other, elsewhere_pages, listed),
        (None, None) => msg::kind_field_declare(&def.name, listed),
    };
    Diagnostic::error(file, msg::kind_not_a_field(name, a_page_of(&def.name)))
        .at_line(line_of_span(split, key))
        .hint(hint)
}

/// Pages of kind `name` in a message: "person pages", and "plain pages" for
/// kind `page` rather than "page pages".
fn pages_of(name: &str) -> Message {
    if name == "page" {
        msg::kind_plain_pages()
    } else {
        msg::kind_pages(name)
    }
}

/// One page of kind `name` in a message: "a person page", "a plain page".
fn a_page_of(name: &str) -> Message {
    if name == "page" {
        msg::kind_a_plain_page()
    } else {
        msg::kind_a_page(name)
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
                msg::kind_wrong_type(&field.name, &field.label, field.kind.describe(), found_type(v)),
            )
            .at_line(line)
            .hint(msg::kind_write_it_as(&field.name, example(field.kind))),
        );
    }
    let text = v.as_str()?;
    if field.kind == FieldType::Choice && !field.choices.is_empty() && !field.choices.iter().any(|c| c == text) {
        return Some(
            Diagnostic::error(
                file,
                msg::kind_not_a_choice(&field.name, format_args!("{text:?}"), &field.label),
            )
            .at_line(line)
            .hint(msg::kind_choices_hint(&field.name, crate::i18n::list(&field.choices))),
        );
    }
    None
}

/// What a value is, as a message names it.
fn found_type(value: &DeValue<'_>) -> Message {
    match value {
        DeValue::String(_) => msg::kind_found_text(),
        DeValue::Integer(_) => msg::kind_found_integer(),
        DeValue::Float(_) => msg::kind_found_float(),
        DeValue::Boolean(_) => msg::kind_found_boolean(),
        DeValue::Datetime(_) => msg::kind_found_datetime(),
        DeValue::Array(_) => msg::kind_found_array(),
        DeValue::Table(_) => msg::kind_found_table(),
    }
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
