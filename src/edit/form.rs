//! Edit stage, a page's form: the fields its kind declares (from the schema
//! in `laurel.toml` and the built-in kinds), their values as the front matter
//! holds them, and the values a browser sends written back into the front
//! matter in place — comments, key order and formatting kept, a key touched
//! only when its value changed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use toml_edit::{Array, DocumentMut, Item, Value};

use crate::i18n::{Message, msg};
use crate::kind::{Field, FieldType, KindDef, Schema};

/// Common fields the form leaves to the file: the URL (fixed once
/// published), the kind, the template, old URLs and free tables.
const KEPT: [&str; 5] = ["slug", "kind", "template", "aliases", "extra"];

/// What the browser sends for one field.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Input {
    Flag(bool),
    Text(String),
    List(Vec<String>),
}

/// The fields a form shows for a page of kind `def`, in order: the common
/// ones first, then the kind's own; records and tables stay in the file.
pub fn form_fields<'a>(schema: &'a Schema, def: &'a KindDef) -> Vec<&'a Field> {
    schema
        .common
        .iter()
        .filter(|f| !KEPT.contains(&f.name.as_str()))
        .chain(&def.fields)
        .filter(|f| !matches!(f.kind, FieldType::Records | FieldType::Table | FieldType::BoolOrList))
        .collect()
}

/// The value of `field` in `doc`, as the form shows it.
pub fn current(doc: &DocumentMut, field: &Field) -> Input {
    let value = doc.get(&field.name).and_then(Item::as_value);
    match (field.kind, value) {
        (FieldType::Bool, v) => Input::Flag(v.and_then(Value::as_bool).unwrap_or(false)),
        (FieldType::List, Some(Value::Array(items))) => Input::List(items.iter().map(plain).collect()),
        (FieldType::List, _) => Input::List(Vec::new()),
        // A date input shows the day of a date-time.
        (FieldType::Date, Some(v)) => Input::Text(plain(v).chars().take(10).collect()),
        (_, Some(v)) => Input::Text(plain(v)),
        (_, None) => Input::Text(String::new()),
    }
}

/// A value as plain text: a string without quotes, a date as `2024-03-05`.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.value().clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join("\u{1f}"),
        other => {
            let mut bare = other.clone();
            bare.decor_mut().clear();
            bare.to_string()
        }
    }
}

/// Turns what the browser sent for `field` into a TOML value (none for an
/// empty field), or says what is wrong with it.
pub fn convert(field: &Field, input: &Input) -> Result<Option<Value>, Message> {
    let text = match input {
        Input::Text(t) => t.trim().to_string(),
        Input::Flag(b) => return Ok(b.then(|| Value::from(true))),
        Input::List(items) => {
            let items: Array = items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()).collect();
            return match items.is_empty() {
                true if field.required => Err(msg::edit_form_required_list()),
                true => Ok(None),
                false => Ok(Some(Value::Array(items))),
            };
        }
    };
    if text.is_empty() {
        return match field.required {
            true => Err(msg::edit_form_required()),
            false => Ok(None),
        };
    }
    let value = match field.kind {
        FieldType::Number => Value::from(text.parse::<i64>().map_err(|_| msg::edit_form_integer())?),
        FieldType::Year => match text.parse::<i64>() {
            Ok(year) if (1000..=9999).contains(&year) => Value::from(year),
            _ => return Err(msg::edit_form_year()),
        },
        FieldType::Date => {
            let date: jiff::civil::Date = text.parse().map_err(|_| msg::edit_form_date())?;
            let datetime: toml_edit::Datetime = date.to_string().parse().map_err(|_| msg::edit_form_date())?;
            Value::from(datetime)
        }
        FieldType::Choice if !field.choices.is_empty() && !field.choices.contains(&text) => {
            return Err(msg::edit_form_choice(field.choices.join(" / ")));
        }
        FieldType::Bool => Value::from(text == "true"),
        _ => Value::from(text),
    };
    Ok(Some(value))
}

/// Writes the converted values into `doc`: a changed value replaces the old
/// one keeping the comments around it, an emptied optional field goes, a new
/// one is added after the others; unchanged keys are not touched. Returns
/// the message of each field whose value cannot be used.
pub fn apply(doc: &mut DocumentMut, fields: &[&Field], inputs: &HashMap<String, Input>) -> HashMap<String, Message> {
    let mut errors = HashMap::new();
    for field in fields {
        let Some(input) = inputs.get(&field.name) else {
            continue;
        };
        match convert(field, input) {
            Err(message) => {
                errors.insert(field.name.clone(), message);
            }
            Ok(None) => {
                doc.remove(&field.name);
            }
            Ok(Some(new)) => set(doc, &field.name, new),
        }
    }
    errors
}

/// Sets `name` to `new` unless it holds that value already.
fn set(doc: &mut DocumentMut, name: &str, mut new: Value) {
    match doc.get_mut(name).and_then(Item::as_value_mut) {
        Some(old) if same(old, &new) => {}
        Some(old) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        None => {
            doc.insert(name, Item::Value(new));
        }
    }
}

/// Whether `new` says what `old` says: the same text, or the same day as
/// a date-time, which a date input shows without its time.
fn same(old: &Value, new: &Value) -> bool {
    let (old, new_text) = (plain(old), plain(new));
    old == new_text || (new.is_datetime() && old.starts_with(&format!("{new_text}T")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        let table: toml::Table =
            toml::from_str("[person.fields.hometown]\nlabel = \"籍贯\"\nrequired = true\n").unwrap();
        Schema::load(&table, "laurel.toml", crate::i18n::Lang::Zh).unwrap()
    }

    fn edit(front: &str, inputs: &[(&str, Input)]) -> (String, HashMap<String, Message>) {
        let schema = schema();
        let def = &schema.kinds[0];
        let fields = form_fields(&schema, def);
        let mut doc: DocumentMut = front.parse().unwrap();
        let inputs = inputs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        let errors = apply(&mut doc, &fields, &inputs);
        (doc.to_string(), errors)
    }

    #[test]
    fn changed_values_keep_comments_and_order() {
        let front = "# 人物\ntitle = \"张三\"  # 姓名\nregion = '城东区' # 地区\nyear = 2023\n";
        let (text, errors) = edit(
            front,
            &[
                ("title", Input::Text("张三".into())),
                ("region", Input::Text("城西区".into())),
                ("year", Input::Text("2024".into())),
                ("hometown", Input::Text("河北".into())),
                ("honors", Input::List(vec!["身边好人".into(), " ".into()])),
            ],
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            text,
            "# 人物\ntitle = \"张三\"  # 姓名\nregion = \"城西区\" # 地区\nyear = 2024\nhonors = [\"身边好人\"]\nhometown = \"河北\"\n"
        );
    }

    #[test]
    fn unchanged_values_are_not_rewritten_and_empty_ones_go() {
        let front = "title = '张三'\ndate = \"2024-03-05\"\nupdated = 2024-03-06T08:00:00\nunit = \"x\"\n";
        let (text, _) = edit(
            front,
            &[
                ("title", Input::Text("张三".into())),
                ("date", Input::Text("2024-03-05".into())),
                ("updated", Input::Text("2024-03-06".into())),
                ("unit", Input::Text(" ".into())),
            ],
        );
        assert_eq!(
            text,
            "title = '张三'\ndate = \"2024-03-05\"\nupdated = 2024-03-06T08:00:00\n"
        );
    }

    #[test]
    fn bad_values_are_explained_in_either_language() {
        let (_, errors) = edit(
            "title = \"a\"\n",
            &[
                ("title", Input::Text("".into())),
                ("year", Input::Text("24".into())),
                ("date", Input::Text("2024/3/5".into())),
                ("weight", Input::Text("x".into())),
            ],
        );
        let zh = |name: &str| errors[name].in_lang(crate::i18n::Lang::Zh).into_owned();
        assert_eq!(zh("title"), "此项为必填。");
        assert!(zh("year").contains("四位年份"));
        assert!(zh("date").contains("2024-03-05"));
        assert!(zh("weight").contains("整数"));
        assert_eq!(errors["title"], "This field is required.");
        assert!(errors["year"].contains("four-digit year"));
    }
}
