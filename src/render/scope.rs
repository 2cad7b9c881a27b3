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
        let hash = if self.hashed { fingerprint_of(&value) } else { 0 };
        self.insert_fingerprinted(key, value, hash);
    }

    /// Inserts `value` whose fingerprint is already known: `hash` must
    /// change whenever the value does (see [`fingerprint_of`] and
    /// [`fingerprint_of_list`]), or an output that changed would be kept.
    pub(super) fn insert_fingerprinted(&mut self, key: &'static str, value: Value, hash: u64) {
        if self.hashed {
            let mut hasher = DefaultHasher::new();
            (self.fingerprint, key, hash).hash(&mut hasher);
            self.fingerprint = hasher.finish();
        }
        self.context.insert_value(key, value);
    }
}

/// The fingerprint of a template value, walking all of it.
pub(super) fn fingerprint_of(value: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    hash_value(value, &mut hasher);
    hasher.finish()
}

/// The fingerprint of a list from the fingerprints of its items, in order:
/// what [`fingerprint_of`] walks once per item, not once per list.
pub(super) fn fingerprint_of_list(items: impl ExactSizeIterator<Item = u64>) -> u64 {
    let mut hasher = DefaultHasher::new();
    (10u8, items.len()).hash(&mut hasher);
    items.for_each(|item| item.hash(&mut hasher));
    hasher.finish()
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
