//! Helpers shared by the library's unit tests.

use std::path::Path;

/// Writes `text` to `path` under `root`, making its folders.
pub(crate) fn write_file(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().expect("a file has a folder")).expect("mkdir");
    std::fs::write(full, text).expect("write");
}
