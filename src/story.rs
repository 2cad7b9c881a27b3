//! Resolve stage: a page's story — the Markdown after its front matter —
//! held in memory, or left in its file and read again each time it is needed.

use std::borrow::Cow;
use std::path::Path;

use crate::content::{CONTENT_DIR, read_markdown};
use crate::error::Diagnostic;
use crate::front_matter;
use crate::i18n::msg;

/// A page's Markdown after its front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Story {
    /// Held in memory: what `serve` and the editor keep, to compare and
    /// render again after each edit, with the text's hash ([`story_hash`]),
    /// worked out once: `serve` compares every story's after each edit.
    /// Made by [`Story::held`].
    Held { text: String, hash: u64 },
    /// Left in the page's file, to be read again for each use: a build
    /// never holds a big site's stories all at once. `hash` is the text's
    /// as loaded ([`story_hash`]), which tells a file that changed since.
    InFile { hash: u64 },
}

impl Default for Story {
    fn default() -> Self {
        Story::held(String::new())
    }
}

impl Story {
    /// The story `text`, held in memory.
    pub fn held(text: String) -> Story {
        let hash = story_hash(&text);
        Story::Held { text, hash }
    }

    /// The story as loaded, `file` being its page's site-root-relative
    /// source under `root`. A story left in its file is read again; a file
    /// that changed since it was loaded is an error rather than a page made
    /// half from the old text and half from the new.
    pub fn read(&self, root: &Path, file: &str) -> Result<Cow<'_, str>, Diagnostic> {
        let hash = match self {
            Story::Held { text, .. } => return Ok(Cow::Borrowed(text)),
            Story::InFile { hash } => *hash,
        };
        let rel = file
            .strip_prefix(CONTENT_DIR)
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or(file);
        let mut text = read_markdown(&root.join(CONTENT_DIR), rel)?;
        let start = match front_matter::split(file, &text) {
            Ok(split) if story_hash(split.body) == hash => text.len() - split.body.len(),
            _ => return Err(Diagnostic::error(file, msg::story_changed()).hint(msg::story_changed_hint())),
        };
        text.drain(..start);
        Ok(Cow::Owned(text))
    }

    /// The hash of the story's text ([`story_hash`]), without reading a
    /// story left in its file.
    pub fn hash(&self) -> u64 {
        match self {
            Story::Held { hash, .. } | Story::InFile { hash } => *hash,
        }
    }
}

/// The hash that tells one story's text from another.
pub fn story_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_left_in_its_file_reads_as_loaded_until_the_file_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |text: &str| crate::testing::write_file(dir.path(), "content/people/a.md", text);
        write("\u{feff}+++\r\ntitle = \"张三\"\r\n+++\r\n他坚持学雷锋。\r\n");
        let story = Story::InFile {
            hash: story_hash("他坚持学雷锋。\n"),
        };
        let read = story.read(dir.path(), "content/people/a.md");
        assert_eq!(read.as_deref(), Ok("他坚持学雷锋。\n"));
        write("+++\ntitle = \"张三\"\n+++\n他坚持学雷锋，二十年如一日。\n");
        let changed = story
            .read(dir.path(), "content/people/a.md")
            .expect_err("the file changed");
        assert_eq!(changed.file, "content/people/a.md");
        assert_eq!(changed.message, msg::story_changed());
    }
}
