//! Helpers shared by the library's unit tests.

use std::path::Path;

/// Writes `text` to `path` under `root`, making its folders.
pub(crate) fn write_file(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().expect("a file has a folder")).expect("mkdir");
    std::fs::write(full, text).expect("write");
}

/// Writes under `root` the smallest site with persons: a `laurel.toml` and
/// a `people/` section whose pages are persons.
pub(crate) fn write_person_site(root: &Path) {
    write_file(
        root,
        "laurel.toml",
        "title = \"好人榜\"\nbase_url = \"https://example.org/\"\n",
    );
    write_file(
        root,
        "content/people/_index.md",
        "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\n+++\n",
    );
}
