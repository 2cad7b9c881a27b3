//! Render stage: template contexts that remember a fingerprint of what they
//! hold, so an incremental render can tell which outputs did not change.

use std::hash::{DefaultHasher, Hash, Hasher};

use tera::{Context, Value};

use super::to_value;

/// A template context that can keep a fingerprint of everything put into it,
/// so a later render can tell an unchanged context without keeping it.
#[derive(Default)]
pub(super) struct Scope {
    pub(super) context: Context,
    pub(super) fingerprint: u64,
    /// Whether to fingerprint at all (only a cached render compares them).
    pub(super) hashed: bool,
}

impl Scope {
    pub(super) fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, to_value(value));
    }

    pub(super) fn insert_value(&mut self, key: &'static str, value: Value) {
        if !self.hashed {
            self.context.insert_value(key, value);
            return;
        }
        let mut hasher = DefaultHasher::new();
        self.fingerprint.hash(&mut hasher);
        key.hash(&mut hasher);
        hash_value(&value, &mut hasher);
        self.fingerprint = hasher.finish();
        self.context.insert_value(key, value);
    }
}

/// Hashes a template value; a map's entries in any order hash alike.
fn hash_value(value: &Value, hasher: &mut DefaultHasher) {
    if let Some(text) = value.as_str() {
        (1u8, text, value.is_safe()).hash(hasher);
    } else if let Some(map) = value.as_map() {
        let entries = map.iter().fold(0u64, |sum, (key, value)| {
            let mut entry = DefaultHasher::new();
            key.hash(&mut entry);
            hash_value(value, &mut entry);
            sum.wrapping_add(entry.finish())
        });
        (2u8, map.len(), entries).hash(hasher);
    } else if let Some(items) = value.as_array() {
        (3u8, items.len()).hash(hasher);
        items.iter().for_each(|item| hash_value(item, hasher));
    } else if let Some(n) = value.as_i64() {
        (4u8, n).hash(hasher);
    } else if let Some(n) = value.as_u64() {
        (5u8, n).hash(hasher);
    } else if let Some(n) = value.as_f64() {
        (6u8, n.to_bits()).hash(hasher);
    } else if let Some(b) = value.as_bool() {
        (7u8, b).hash(hasher);
    } else if let Some(bytes) = value.as_bytes() {
        (8u8, bytes).hash(hasher);
    } else {
        (9u8, value.name()).hash(hasher);
    }
}
