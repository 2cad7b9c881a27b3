//! Resolve stage: links between source files become relative URLs between
//! output files, so one build works at any path, from any server and from disk.

use std::collections::{HashMap, HashSet};

use crate::i18n::msg;
use crate::markdown::{LinkOutcome, LinkTarget};

mod name;

pub use name::PageName;

/// The URL of an output folder: `people/a/index.html`, or `people/a/` with pretty links.
pub fn page_url(path: &str, pretty: bool) -> String {
    if pretty {
        path.to_string()
    } else {
        format!("{path}index.html")
    }
}

/// The relative URL from a page in folder `from_dir` (root-relative, ending in
/// `/` or empty) to the root-relative `to`.
pub fn relative_url(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_dirs: Vec<&str> = to.split('/').collect();
    let (to_dir, to_file) = to_dirs.split_at(to_dirs.len() - 1);
    let common = from.iter().zip(to_dir).take_while(|(a, b)| a == b).count();
    let mut url = "../".repeat(from.len() - common);
    for part in &to_dir[common..] {
        url.push_str(part);
        url.push('/');
    }
    url.push_str(to_file[0]);
    if url.is_empty() { "./".to_string() } else { url }
}

/// The prefix that leads from a page in `from_dir` to the site root.
pub fn root_prefix(from_dir: &str) -> String {
    relative_url(from_dir, "")
}

/// Where a source file of `content/` is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A page or section: its output folder.
    Page(String),
    /// Any other file: its output path.
    File(String),
    /// A page that did not load (for `check`, which goes on without it):
    /// a link to it is no broken link, but it leads nowhere yet.
    Unloaded,
}

/// Everything a link can point to, by source path relative to `content/`.
#[derive(PartialEq)]
pub struct LinkIndex {
    targets: HashMap<String, Destination>,
    /// Every published file a `/`-rooted link may name but the pages':
    /// static files and content files.
    published: HashSet<String>,
    /// The folder of each page and section, with how many of them it is
    /// the folder of: a `/`-rooted link may name it or its `index.html`.
    folders: HashMap<String, usize>,
    pretty: bool,
}

impl LinkIndex {
    /// `statics` holds the output paths of files from `static/` and the theme.
    pub fn new(targets: HashMap<String, Destination>, mut statics: HashSet<String>, pretty: bool) -> Self {
        let mut folders: HashMap<String, usize> = HashMap::new();
        for destination in targets.values() {
            match destination {
                Destination::Page(dir) => *folders.entry(dir.clone()).or_default() += 1,
                Destination::File(output) => {
                    statics.insert(output.clone());
                }
                Destination::Unloaded => {}
            }
        }
        LinkIndex {
            targets,
            published: statics,
            folders,
            pretty,
        }
    }

    /// Adds the page `source` published in the folder `dir`, as
    /// [`LinkIndex::new`] would have it; false, and nothing added, when
    /// the index holds `source` already.
    pub fn add_page(&mut self, source: String, dir: String) -> bool {
        if self.targets.contains_key(&source) {
            return false;
        }
        *self.folders.entry(dir.clone()).or_default() += 1;
        self.targets.insert(source, Destination::Page(dir));
        true
    }

    /// Takes out the page `source`, as [`LinkIndex::new`] would not have
    /// it; false, and nothing taken, when `source` is no page of the index.
    pub fn remove_page(&mut self, source: &str) -> bool {
        let Some(Destination::Page(dir)) = self.targets.get(source) else {
            return false;
        };
        match self.folders.get_mut(dir) {
            Some(count) if *count > 1 => *count -= 1,
            _ => {
                self.folders.remove(dir);
            }
        }
        self.targets.remove(source);
        true
    }

    /// Where each source is published.
    pub fn targets(&self) -> &HashMap<String, Destination> {
        &self.targets
    }

    /// [`LinkIndex::resolve`] for the links written in `page`'s story.
    pub fn resolver<'a>(&'a self, page: &'a crate::page::Page) -> impl Fn(&str) -> LinkOutcome + 'a {
        move |url| self.resolve(&page.source, &page.path, url)
    }

    /// Resolves `url`, written in the source file `from_source` (relative to
    /// `content/`), for the page published in the folder `from_dir`.
    pub fn resolve(&self, from_source: &str, from_dir: &str, url: &str) -> LinkOutcome {
        if url.is_empty() || is_external(url) {
            return LinkOutcome::Keep;
        }
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (url, None),
        };
        let fragment = fragment.map(percent_decode);
        if path.is_empty() {
            let target = LinkTarget {
                source: from_source.to_string(),
                fragment,
            };
            return LinkOutcome::Rewrite {
                url: url.to_string(),
                target: Some(target),
            };
        }
        let path = percent_decode(path.split('?').next().unwrap_or(path));
        if let Some(site_path) = path.strip_prefix('/') {
            return self.resolve_site_path(from_dir, site_path, fragment);
        }
        let source = match path.strip_prefix("@/") {
            Some(rest) => normalize(rest),
            None => normalize(&format!("{}/{path}", parent_dir(from_source))),
        };
        let Some(source) = source else {
            return LinkOutcome::Broken {
                reason: msg::link_outside(path),
            };
        };
        let found = self
            .targets
            .get_key_value(source.as_str())
            .or_else(|| {
                self.targets
                    .get_key_value(format!("{}/_index.md", source.trim_end_matches('/')).trim_start_matches('/'))
            })
            .or_else(|| {
                self.targets
                    .get_key_value(format!("{}/index.md", source.trim_end_matches('/')).trim_start_matches('/'))
            })
            .or_else(|| {
                // A page that became a bundle (`fan.md` → `fan/index.md`), as the editor does to add a photo.
                let stem = source.strip_suffix(".md")?;
                self.targets.get_key_value(format!("{stem}/index.md").as_str())
            });
        match found {
            Some((key, Destination::Page(dir))) => {
                let mut url = relative_url(from_dir, &page_url(dir, self.pretty));
                if let Some(f) = &fragment {
                    url.push('#');
                    url.push_str(f);
                }
                LinkOutcome::Rewrite {
                    url,
                    target: Some(LinkTarget {
                        source: key.clone(),
                        fragment,
                    }),
                }
            }
            Some((_, Destination::File(output))) => LinkOutcome::Rewrite {
                url: with_fragment(relative_url(from_dir, output), fragment),
                target: None,
            },
            Some((_, Destination::Unloaded)) => LinkOutcome::Rewrite {
                url: url.to_string(),
                target: None,
            },
            None => LinkOutcome::Broken {
                reason: msg::link_no_source(source),
            },
        }
    }

    fn resolve_site_path(&self, from_dir: &str, site_path: &str, fragment: Option<String>) -> LinkOutcome {
        let folder = |path: &str| self.folders.contains_key(path);
        if self.published.contains(site_path)
            || folder(site_path)
            || site_path.strip_suffix("index.html").is_some_and(folder)
        {
            LinkOutcome::Rewrite {
                url: with_fragment(relative_url(from_dir, site_path), fragment),
                target: None,
            }
        } else {
            LinkOutcome::Broken {
                reason: msg::link_not_published(site_path),
            }
        }
    }
}

/// Makes the relative `href` and `src` URLs in `html` absolute, for HTML read
/// away from the site (feeds): `base_url` is the site's, `page_dir` the
/// root-relative folder the HTML was rendered for.
pub fn absolutize_html(html: &str, base_url: &str, page_dir: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(value_start) = next_url_value(rest) {
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let url = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        out.push_str(&absolute_url(url, base_url, page_dir, page_url));
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// One URL of a page made absolute, as [`absolutize_html`] does for each;
/// external, empty and `/`-rooted URLs are kept as they are.
pub fn absolute_url(url: &str, base_url: &str, page_dir: &str, page_url: &str) -> String {
    if url.starts_with('#') {
        format!("{base_url}{page_url}{url}")
    } else if url.is_empty() || is_external(url) || url.starts_with('/') {
        url.to_string()
    } else {
        let mut out = format!(
            "{base_url}{}",
            normalize(&format!("{page_dir}{url}")).unwrap_or_default()
        );
        if url.ends_with('/') {
            out.push('/');
        }
        out
    }
}

/// Where the value of the next ` href="` or ` src="` in `html` starts. Looks
/// at each `="` once, so a whole page is one pass however many links it has.
fn next_url_value(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = html[from..].find("=\"") {
        let equals = from + at;
        let name = &html[..equals];
        if name.ends_with(" href") || name.ends_with(" src") {
            return Some(equals + 2);
        }
        from = equals + 2;
    }
    None
}

fn with_fragment(mut url: String, fragment: Option<String>) -> String {
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(&f);
    }
    url
}

fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '#', '?']).unwrap_or(url.len());
    matches!(scheme_end, Some(i) if i < path_start && i > 0)
}

fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// Joins `.` and `..` away; none when the path climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%E5%A5%BD`-style escapes, as some editors write links to Chinese file names.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("people/a/", "people/b/index.html"), "../b/index.html");
        assert_eq!(relative_url("people/a/", "index.html"), "../../index.html");
        assert_eq!(relative_url("", "people/a/index.html"), "people/a/index.html");
        assert_eq!(relative_url("people/a/", "people/a/photo.jpg"), "photo.jpg");
        assert_eq!(relative_url("people/a/", ""), "../../");
        assert_eq!(relative_url("", ""), "./");
        assert_eq!(relative_url("people/page/2/", "people/"), "../../");
        assert_eq!(root_prefix("category/zhu-ren/"), "../../");
    }

    fn index() -> LinkIndex {
        let mut targets = HashMap::new();
        targets.insert(
            "people/fan.md".to_string(),
            Destination::Page("people/fan-zhen-xi/".into()),
        );
        targets.insert(
            "people/张苗苗.md".to_string(),
            Destination::Page("people/zhang-miao-miao/".into()),
        );
        targets.insert("people/_index.md".to_string(), Destination::Page("people/".into()));
        targets.insert(
            "people/li/photo.jpg".to_string(),
            Destination::File("people/li/photo.jpg".into()),
        );
        let statics = HashSet::from(["photos/a.jpg".to_string()]);
        LinkIndex::new(targets, statics, false)
    }

    fn url(outcome: LinkOutcome) -> String {
        match outcome {
            LinkOutcome::Rewrite { url, .. } => url,
            other => panic!("not rewritten: {other:?}"),
        }
    }

    #[test]
    fn resolves_relative_root_and_encoded_links() {
        let idx = index();
        let from = ("events/e.md", "events/e/");
        assert_eq!(
            url(idx.resolve(from.0, from.1, "../people/fan.md")),
            "../../people/fan-zhen-xi/index.html"
        );
        assert_eq!(
            url(idx.resolve(from.0, from.1, "@/people/fan.md#事迹")),
            "../../people/fan-zhen-xi/index.html#事迹"
        );
        assert_eq!(
            url(idx.resolve(from.0, from.1, "../people/%E5%BC%A0%E8%8B%97%E8%8B%97.md")),
            "../../people/zhang-miao-miao/index.html"
        );
        assert_eq!(
            url(idx.resolve(from.0, from.1, "../people/")),
            "../../people/index.html"
        );
        assert_eq!(url(idx.resolve(from.0, from.1, "/photos/a.jpg")), "../../photos/a.jpg");
        assert_eq!(
            url(idx.resolve("people/li/index.md", "people/li/", "photo.jpg")),
            "photo.jpg"
        );
    }

    #[test]
    fn a_page_added_or_removed_leaves_the_index_a_new_one_would_be() {
        let mut targets = index().targets().clone();
        targets.insert("people/new.md".into(), Destination::Page("people/fan-zhen-xi/".into()));
        let both = LinkIndex::new(targets, HashSet::from(["photos/a.jpg".to_string()]), false);
        let mut edited = index();
        assert!(edited.add_page("people/new.md".into(), "people/fan-zhen-xi/".into()));
        assert!(edited == both, "a folder two pages share");
        assert!(
            !edited.add_page("people/new.md".into(), "people/x/".into()),
            "held already"
        );
        assert!(edited.remove_page("people/new.md"));
        assert!(edited == index());
        assert!(edited.remove_page("people/fan.md"));
        assert!(matches!(
            edited.resolve("a.md", "a/", "/people/fan-zhen-xi/index.html"),
            LinkOutcome::Broken { .. }
        ));
        assert!(!edited.remove_page("people/li/photo.jpg"), "no page");
        assert!(!edited.remove_page("people/fan.md"), "gone already");
    }

    #[test]
    fn a_link_that_names_no_page_that_came_or_went_resolves_as_it_did() {
        let urls = [
            "../people/fan.md",
            "@/people/fan.md#x",
            "fan.md",
            "./fan.md?a#b",
            "../../people/fan.md",
            "x/../fan.md",
            "fan.md/x/..",
            "fan.md/..",
            "@/../people/fan.md",
            "/people/fan-zhen-xi/",
            "/people/fan-zhen-xi/index.html?a",
            "/people/fan-zhen-xi",
            "../people/%E5%BC%A0%E8%8B%97%E8%8B%97.md",
            "%66an.md",
            "../people/",
            "/people/index.html",
            "/photos/a.jpg",
            "nope.md",
            "#top",
            "https://e.org/fan.md",
        ];
        let (source, dir) = ("people/fan.md", "people/fan-zhen-xi/");
        let names = PageName::of_page(source, dir);
        let mut without = index();
        assert!(without.remove_page(source));
        for from in [
            ("events/e.md", "events/e/"),
            ("people/li.md", "people/li/"),
            ("a.md", "a/"),
        ] {
            for url in urls {
                let changed = index().resolve(from.0, from.1, url) != without.resolve(from.0, from.1, url);
                assert!(!changed || PageName::of_url(url).meets(&names), "{url} from {}", from.0);
            }
        }
        assert!(PageName::of_url("%66an.md").meets(&names), "an escape spells the name");
        assert!(PageName::of_url("x/../fan.md").meets(&names));
        assert!(PageName::of_url("fan.md/x/..").meets(&names));
        assert!(
            PageName::of_url("fan.md/..").meets(&names),
            "the folder it is written in"
        );
        for url in [
            "../people/",
            "/people/index.html",
            "/photos/a.jpg",
            "nope.md",
            "#top",
            "@/../fan.md",
        ] {
            assert!(!PageName::of_url(url).meets(&names), "{url}");
        }
        let root = PageName::of_page("about.md", "");
        assert!(PageName::of_url("/").meets(&root), "a page at the root is any folder's");
    }

    #[test]
    fn keeps_external_and_reports_missing() {
        let idx = index();
        assert_eq!(idx.resolve("a.md", "a/", "https://e.org/x.md"), LinkOutcome::Keep);
        assert_eq!(idx.resolve("a.md", "a/", "mailto:a@b.c"), LinkOutcome::Keep);
        assert!(matches!(
            idx.resolve("a.md", "a/", "nope.md"),
            LinkOutcome::Broken { .. }
        ));
        assert!(matches!(
            idx.resolve("a.md", "a/", "../../x.md"),
            LinkOutcome::Broken { .. }
        ));
        assert!(matches!(
            idx.resolve("a.md", "a/", "/missing.png"),
            LinkOutcome::Broken { .. }
        ));
    }

    #[test]
    fn absolutize_rewrites_relative_urls_only() {
        let html = r##"<a href="../b/index.html#x">b</a><img src="photo.jpg" alt=""><a href="https://e.org/">e</a><a href="#top">t</a>"##;
        let out = absolutize_html(html, "https://s.org/h/", "people/a/", "people/a/index.html");
        assert_eq!(
            out,
            r##"<a href="https://s.org/h/people/b/index.html#x">b</a><img src="https://s.org/h/people/a/photo.jpg" alt=""><a href="https://e.org/">e</a><a href="https://s.org/h/people/a/index.html#top">t</a>"##
        );
    }

    /// The least CPU time of five runs of `absolutize_html` over `html`. This
    /// thread's CPU time, not the clock: a loaded machine that keeps the test
    /// waiting does not count.
    fn absolutize_time(html: &str) -> std::time::Duration {
        (0..5)
            .map(|_| {
                let start = thread_cpu_time();
                let out = absolutize_html(html, "https://s.org/h/", "people/a/", "people/a/index.html");
                assert!(out.len() >= html.len());
                thread_cpu_time() - start
            })
            .min()
            .expect("five runs")
    }

    fn thread_cpu_time() -> std::time::Duration {
        let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `now` is a valid timespec for the call to fill in.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
        assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
    }

    /// Rendered Markdown with `n` of what `unit(i)` writes.
    fn rendered(n: usize, unit: impl Fn(usize) -> String) -> String {
        let body: String = (0..n).map(unit).collect();
        crate::markdown::Markdown::new(false)
            .render(&body, 1, &|_| LinkOutcome::Keep)
            .html
    }

    #[test]
    fn absolutize_takes_time_in_proportion_to_the_page() {
        // 100,000 autolinks and 20,000 footnotes, against a quarter of each:
        // four times the page must take about four times as long, not sixteen.
        let autolinks = |i| format!("见 https://e.org/{i} 。\n\n");
        let footnotes = |i| format!("注[^{i}]\n\n[^{i}]: 脚注{i}\n\n");
        for (name, small, large) in [
            ("autolinks", rendered(25_000, autolinks), rendered(100_000, autolinks)),
            ("footnotes", rendered(5_000, footnotes), rendered(20_000, footnotes)),
        ] {
            let (small, large) = (absolutize_time(&small), absolutize_time(&large));
            assert!(
                large < small * 8,
                "{name}: four times the page took {:.1} times as long ({small:?}, {large:?})",
                large.as_secs_f64() / small.as_secs_f64()
            );
        }
    }

    #[test]
    fn fragment_only_link_targets_own_page() {
        let outcome = index().resolve("people/fan.md", "people/fan-zhen-xi/", "#事迹");
        let LinkOutcome::Rewrite { url, target } = outcome else {
            panic!()
        };
        assert_eq!(url, "#事迹");
        assert_eq!(target.unwrap().fragment.as_deref(), Some("事迹"));
    }
}
