//! Editor stage: the file name an upload is stored under — spelled in
//! pinyin, without folders or personal numbers, and free in its folder.

use std::path::Path;

use crate::personal::find_numbers_in_path;
use crate::slug::{slugify, slugify_name};

/// How an uploaded file's stem is spelled.
#[derive(Debug, Clone, Copy)]
pub(super) enum Spelling {
    /// A person's name: a leading Han character is read as a surname (曾 zeng).
    Name,
    /// Any other title.
    Title,
}

/// The name to store `original` under: its stem (without any folder the
/// browser sent) in lower-case pinyin and ASCII, then `.extension`;
/// `fallback` when nothing of the stem can be spelled so.
pub(super) fn sanitize(original: &str, extension: &str, fallback: &str, spelling: Spelling) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or(original);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let slug = without_numbers(&match spelling {
        Spelling::Name => slugify_name(stem),
        Spelling::Title => slugify(stem),
    });
    let stem = if slug.is_empty() { fallback } else { &slug };
    format!("{stem}.{extension}")
}

/// `slug` without the personal numbers in it (a photo saved as
/// `王五 13812345678.jpg`): the file's name is published with it.
fn without_numbers(slug: &str) -> String {
    let mut kept = String::with_capacity(slug.len());
    let mut at = 0;
    for number in find_numbers_in_path(slug) {
        kept.push_str(&slug[at..number.range.start]);
        at = number.range.end;
    }
    kept.push_str(&slug[at..]);
    kept.split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// `name` if nothing in `dir` has it, else the first free of `stem-2.ext`, `stem-3.ext`, ….
pub(super) fn unique(dir: &Path, name: &str) -> String {
    let taken = |candidate: &str| dir.join(candidate).symlink_metadata().is_ok();
    if !taken(name) {
        return name.to_string();
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| format!("{stem}-{n}.{extension}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_folders_and_become_pinyin() {
        assert_eq!(
            sanitize("曾小明.JPG", "jpg", "photo", Spelling::Name),
            "zeng-xiao-ming.jpg"
        );
        assert_eq!(
            sanitize("../../etc/passwd", "png", "photo", Spelling::Name),
            "passwd.png"
        );
        assert_eq!(
            sanitize("C:\\Users\\a\\2023 名单.xlsx", "xlsx", "list", Spelling::Title),
            "2023-ming-dan.xlsx"
        );
        assert_eq!(sanitize("★★★.webp", "webp", "photo", Spelling::Name), "photo.webp");
        assert_eq!(
            sanitize("王五 13812345678.jpg", "jpg", "photo", Spelling::Name),
            "wang-wu.jpg"
        );
        assert_eq!(
            sanitize("130102199003071233-李四.png", "png", "photo", Spelling::Name),
            "li-si.png"
        );
        assert_eq!(sanitize("", "jpg", "photo", Spelling::Name), "photo.jpg");
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(unique(dir.path(), "a.jpg"), "a.jpg");
        std::fs::write(dir.path().join("a.jpg"), b"x").expect("write");
        std::fs::write(dir.path().join("a-2.jpg"), b"x").expect("write");
        assert_eq!(unique(dir.path(), "a.jpg"), "a-3.jpg");
    }
}
