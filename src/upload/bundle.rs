//! Editor stage: a single-file page (`people/fan.md`) becomes a page bundle
//! (`people/fan/index.md`) so its photo can sit beside it. The page keeps
//! its address; its own relative links (and a `data` file beside it) gain a
//! `../` so they lead where they did, and links to `fan.md` from other pages
//! find the bundle.

use std::collections::HashSet;
use std::path::Path;

use comrak::nodes::NodeValue;
use comrak::{Arena, Options};
use toml_edit::{DocumentMut, Item};

use super::set_key;
use crate::content::CONTENT_DIR;
use crate::error::Diagnostic;
use crate::front_matter::split;
use crate::i18n::msg;

/// Moves `content/<source>` (`dir/stem.md`) to `content/dir/stem/index.md`,
/// whose folder must exist, and returns the new source. The file is renamed
/// first (nothing is lost if anything after fails), then its relative links
/// are rewritten in place, atomically.
pub(super) fn into_bundle(root: &Path, source: &str) -> Result<String, Diagnostic> {
    let shown = format!("{CONTENT_DIR}/{source}");
    let cannot = |err: std::io::Error| {
        Diagnostic::error(&shown, msg::upload_cannot_bundle(crate::error::io_reason(&err)))
            .hint(msg::upload_writable_hint())
    };
    let stem = source.strip_suffix(".md").unwrap_or(source);
    let target = format!("{stem}/index.md");
    let from = root.join(CONTENT_DIR).join(source);
    let to = root.join(CONTENT_DIR).join(&target);
    let text = std::fs::read_to_string(&from).map_err(cannot)?;
    if to.symlink_metadata().is_ok() {
        return Err(cannot(std::io::ErrorKind::AlreadyExists.into()));
    }
    std::fs::rename(&from, &to).map_err(cannot)?;
    let dir = root.join(CONTENT_DIR).join(source).with_file_name("");
    let moved = relocate_data(&relink(&text), &dir);
    if moved != text {
        let temp = to.with_file_name(format!(".index.md.upload-{}", std::process::id()));
        let written = std::fs::write(&temp, &moved).and_then(|()| std::fs::rename(&temp, &to));
        if let Err(err) = written {
            let _ = std::fs::remove_file(&temp);
            let _ = std::fs::rename(&to, &from);
            return Err(cannot(err));
        }
    }
    Ok(target)
}

/// The page's text with its `data` one folder up when it names a file
/// beside the page in `dir` (an award list's table), so the list is still found.
fn relocate_data(text: &str, dir: &Path) -> String {
    let Ok(parts) = split("", text) else {
        return text.to_string();
    };
    let Ok(mut front) = parts.front.parse::<DocumentMut>() else {
        return text.to_string();
    };
    let beside = match front.get("data").and_then(Item::as_str) {
        Some(name) if !name.starts_with('/') && dir.join(name).is_file() => format!("../{name}"),
        _ => return text.to_string(),
    };
    set_key(&mut front, "data", beside);
    let start = parts.front.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + parts.front.len();
    format!("{}{}{}", &text[..start], front, &text[end..])
}

/// The page's text with each relative link of its Markdown one folder deeper.
fn relink(text: &str) -> String {
    let urls = relative_links(text);
    if urls.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 3 * urls.len());
    let mut rest = text;
    while let Some(at) = rest.find(']') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let after = if let Some(r) = rest.strip_prefix("(<") {
            r
        } else if let Some(r) = rest.strip_prefix('(') {
            r
        } else if let Some(r) = rest.strip_prefix(':') {
            r.trim_start_matches([' ', '\t'])
        } else {
            continue;
        };
        out.push_str(&rest[..rest.len() - after.len()]);
        rest = after;
        let end = rest.find([')', '>', ' ', '\t', '\n', '\r']).unwrap_or(rest.len());
        if urls.contains(&rest[..end]) {
            out.push_str("../");
        }
    }
    out.push_str(rest);
    out
}

/// The URLs of the Markdown links and images in `text` that are relative to
/// its file: not external, not from the site root (`/`, `@/`), not in-page (`#`).
fn relative_links(text: &str) -> HashSet<String> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.front_matter_delimiter = Some("+++".to_string());
    options.extension.table = true;
    options.extension.footnotes = true;
    let root = comrak::parse_document(&arena, text, &options);
    let mut urls = HashSet::new();
    for node in root.descendants() {
        if let NodeValue::Link(link) | NodeValue::Image(link) = &node.data().value {
            let url = &link.url;
            let absolute = url.is_empty() || url.starts_with(['/', '#', '@']) || url.contains(':');
            if !absolute {
                urls.insert(url.clone());
            }
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_go_one_folder_up() {
        let text = "+++\ntitle = \"[a](b.md)\"\n+++\n[活动](../events/x.md) ![](zhang.jpg \"照片\") \
                    [首页](@/_index.md) [外](https://a.cn/x.md) [本](#top) [站](/a.html)\n\n[ref]: <shared.md#part>\n[r2]\n\n[r2]: a.md\n";
        assert_eq!(
            relink(text),
            "+++\ntitle = \"[a](b.md)\"\n+++\n[活动](../../events/x.md) ![](../zhang.jpg \"照片\") \
             [首页](@/_index.md) [外](https://a.cn/x.md) [本](#top) [站](/a.html)\n\n[ref]: <shared.md#part>\n[r2]\n\n[r2]: ../a.md\n"
        );
    }
}
