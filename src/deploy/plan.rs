//! Deploy stage: what to upload and delete, in which order, with which
//! headers.

use super::manifest::Manifest;

/// One file to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub size: u64,
    /// Whether the target has no file at this path yet (else it changed).
    pub new: bool,
}

/// A deploy worked out from the build's manifest and the target's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Uploads in the order they run, so visitors never meet a page whose
    /// assets are missing: assets first, then HTML pages, then the files
    /// that point at pages (feeds, the sitemap, the search index).
    pub phases: [Vec<Upload>; 3],
    /// Files the target already holds as built.
    pub unchanged: usize,
    /// Files the target holds that the build no longer has (only with `--delete`).
    pub deletes: Vec<String>,
}

impl Plan {
    /// Compares the build with what the target holds.
    pub fn new(build: &Manifest, held: &Manifest, delete: bool) -> Plan {
        let mut plan = Plan::default();
        for (path, entry) in &build.files {
            match held.files.get(path) {
                Some(old) if old == entry => plan.unchanged += 1,
                old => plan.phases[phase(path)].push(Upload {
                    path: path.clone(),
                    size: entry.size,
                    new: old.is_none(),
                }),
            }
        }
        if delete {
            plan.deletes = held
                .files
                .keys()
                .filter(|path| !build.files.contains_key(*path))
                .cloned()
                .collect();
        }
        plan
    }

    /// Every upload, in order.
    pub fn uploads(&self) -> impl Iterator<Item = &Upload> {
        self.phases.iter().flatten()
    }
}

/// 0 for assets, 1 for HTML pages, 2 for files that list pages.
fn phase(path: &str) -> usize {
    match extension(path) {
        "html" | "htm" => 1,
        "xml" | "json" | "txt" => 2,
        "js" if path.starts_with("search/") => 2,
        _ => 0,
    }
}

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// The `Content-Type` of a published file; text is always UTF-8.
pub fn content_type(path: &str) -> &'static str {
    match extension(path).to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The `Cache-Control` of a published file: a year for a fingerprinted
/// asset (its name changes with its contents), five minutes for pages and
/// the files that list them, a day for other assets (photos, stylesheets).
pub fn cache_control(path: &str) -> &'static str {
    if is_fingerprinted(path) {
        "public, max-age=31536000, immutable"
    } else if phase(path) > 0 || matches!(extension(path), "js" | "css") {
        "public, max-age=300"
    } else {
        "public, max-age=86400"
    }
}

/// A name with a hash in it: `style.3f2a9c1d.css`, `app-3f2a9c1d0b.js`.
fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    stem.rsplit(['.', '-'])
        .next()
        .is_some_and(|tail| tail.len() >= 8 && tail != stem && tail.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::super::manifest::Entry;
    use super::*;

    fn manifest(files: &[(&str, &str)]) -> Manifest {
        Manifest {
            files: files
                .iter()
                .map(|(path, text)| (path.to_string(), Entry::of(text.as_bytes())))
                .collect(),
        }
    }

    #[test]
    fn assets_go_first_pages_next_and_lists_of_pages_last() {
        let build = manifest(&[
            ("a/index.html", "new"),
            ("sitemap.xml", "s"),
            ("photos/a.jpg", "j"),
            ("search/text-0.js", "t"),
            ("search.js", "code"),
            ("same.html", "same"),
            ("gone-too.css", "x"),
        ]);
        let held = manifest(&[("same.html", "same"), ("gone.html", "old"), ("sitemap.xml", "old")]);
        let plan = Plan::new(&build, &held, true);
        let paths = |i: usize| plan.phases[i].iter().map(|u| u.path.as_str()).collect::<Vec<_>>();
        assert_eq!(paths(0), ["gone-too.css", "photos/a.jpg", "search.js"]);
        assert_eq!(paths(1), ["a/index.html"]);
        assert_eq!(paths(2), ["search/text-0.js", "sitemap.xml"]);
        assert!(!plan.phases[2][1].new);
        assert_eq!(
            (plan.unchanged, plan.deletes.as_slice()),
            (1, ["gone.html".to_string()].as_slice())
        );
        assert!(Plan::new(&build, &held, false).deletes.is_empty());
    }

    #[test]
    fn text_is_utf8_and_only_fingerprinted_names_are_cached_for_long() {
        assert_eq!(content_type("people/a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("photos/A.JPG"), "image/jpeg");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
        assert_eq!(cache_control("index.html"), "public, max-age=300");
        assert_eq!(
            cache_control("style.3f2a9c1d.css"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("style.css"), "public, max-age=300");
        assert_eq!(cache_control("photos/wang-shi-fu-640.jpg"), "public, max-age=86400");
    }
}
