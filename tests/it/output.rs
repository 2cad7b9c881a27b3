//! Output: relative links that name files, pretty links, absolute URLs where
//! they must be (sitemap, feed, canonical), 404 and robots.txt.

use crate::support::{PEOPLE_INDEX, Site, attr_values, jpeg, md, percent_decode};

const BASE: &str = "https://example.org/haoren/";

/// A small site that exercises every kind of output file.
fn rich_site() -> Site {
    Site::new()
        .config("paginate_by = 1")
        .file("content/_index.md", &md("title = \"首页\"", "见[关于](about.md)和[张苗苗](people/张苗苗.md)。\n"))
        .file(
            "content/about.md",
            &md("title = \"关于本站\"\ndate = 2024-01-01", "## 推荐方式\n\n来信[^1]。\n\n## 联系我们\n\n## 隐私\n\n[^1]: 邮寄。\n"),
        )
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/张苗苗.md",
            &md(
                "title = \"张苗苗\"\ndate = 2024-03-05\ncategory = \"助人为乐\"\nregion = \"河西区\"\nhonors = [\"清河好人\"]\ntags = [\"志愿者\"]\nphoto = \"/photos/zhang.jpg\"\naliases = [\"/old/zhang/\"]",
                "见[李慧明](li-hui-ming/index.md)、[关于](@/about.md#推荐方式)和[活动](../events/2024-03-05-xue-lei-feng.md)。\n\n## 主要事迹\n\n## 社会评价\n\n## 本人感言\n",
            ),
        )
        .file(
            "content/people/li-hui-ming/index.md",
            &md("title = \"李慧明\"\ndate = 2024-02-01\nphoto = \"photo.jpg\"\nlevel = \"市级\"", "事迹。\n"),
        )
        .bytes("content/people/li-hui-ming/photo.jpg", &jpeg(4, 4))
        .bytes("static/photos/zhang.jpg", &jpeg(4, 4))
        .file("content/events/_index.md", "+++\ntitle = \"活动报道\"\npage_kind = \"event\"\n+++\n")
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md("title = \"学雷锋\"\npeople = [\"张苗苗\"]", "活动。\n"),
        )
        .file("content/awards/_index.md", "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n")
        .file(
            "content/awards/2024.md",
            &md("title = \"2024年度好人榜\"\ndate = 2024-12-20\n\n[[entries]]\n\"姓名\" = \"张苗苗\"\n\n[[entries]]\n\"姓名\" = \"李慧明\"", ""),
        )
}

/// `url` joined to the folder of `from` (both relative to the output root), with `..` resolved.
fn join(from: &str, url: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in url.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    if url.ends_with('/') || url.is_empty() {
        joined.push_str(if joined.is_empty() { "" } else { "/" });
    }
    Some(joined)
}

/// Checks every `href` and `src` of every HTML file: internal ones are
/// relative, lead to an existing output file, and name a file (or, with
/// pretty links, a folder ending in `/`); fragments name an id of the target.
fn assert_links_resolve(site: &Site, pretty: bool) -> usize {
    let files = site.output_bytes();
    let mut checked = 0;
    let mut problems = Vec::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for tag in html.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            for value in attr_values(&format!(" {tag}"), "href")
                .into_iter()
                .chain(attr_values(&format!(" {tag}"), "src"))
            {
                let url = value.replace("&amp;", "&");
                if url.starts_with("mailto:") || url.starts_with("tel:") {
                    continue;
                }
                if url.starts_with("http://") || url.starts_with("https://") {
                    if url.starts_with("https://example.org") && !tag.contains("rel=\"canonical\"") {
                        problems.push(format!("{path}: absolute link to the site itself: {tag}"));
                    }
                    continue;
                }
                checked += 1;
                if url.starts_with('/') {
                    problems.push(format!("{path}: link not relative: {url}"));
                    continue;
                }
                let (target, fragment) = match url.split_once('#') {
                    Some((t, f)) => (t.to_string(), Some(percent_decode(f))),
                    None => (url.clone(), None),
                };
                let target = percent_decode(&target);
                let Some(mut resolved) = join(path, &target) else {
                    problems.push(format!("{path}: link leaves the site: {url}"));
                    continue;
                };
                if target.is_empty() {
                    resolved = path.clone();
                } else if resolved.ends_with('/') || resolved.is_empty() {
                    if !pretty {
                        problems.push(format!("{path}: link names a folder, not a file: {url}"));
                    }
                    resolved.push_str("index.html");
                }
                let Some(body) = files.get(&resolved) else {
                    problems.push(format!("{path}: broken link {url} (no {resolved})"));
                    continue;
                };
                if let Some(id) = fragment
                    && !String::from_utf8_lossy(body).contains(&format!(" id=\"{id}\""))
                {
                    problems.push(format!("{path}: link {url}: {resolved} has no id {id}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    checked
}

#[test]
fn every_internal_link_is_relative_and_names_an_existing_file() {
    let site = rich_site();
    site.build_ok();
    let checked = assert_links_resolve(&site, false);
    assert!(checked > 100, "only {checked} links checked");
    for path in site
        .outputs()
        .iter()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
    {
        let html = site.read(path);
        assert!(!html.contains("href=\"/") && !html.contains("src=\"/"), "{path}");
        assert!(!html.contains("href=\"\""), "empty href in {path}");
    }
}

#[test]
fn pretty_links_end_in_a_slash() {
    let site = rich_site().config("pretty_links = true");
    site.build_ok();
    assert_links_resolve(&site, true);
    for path in site
        .outputs()
        .iter()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
    {
        let html = site.read(path);
        for href in attr_values(&html, "href") {
            assert!(!href.ends_with("index.html"), "{path}: {href}");
        }
    }
    let person = site.read("people/zhang-miao-miao/index.html");
    assert!(person.contains("href=\"../li-hui-ming/\""), "{person}");
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(&format!("<loc>{BASE}people/zhang-miao-miao/</loc>")),
        "{sitemap}"
    );
}

#[test]
fn not_found_page_follows_pretty_links() {
    let site = rich_site().config("pretty_links = true");
    site.build_ok();
    let html = site.read("404.html");
    for href in attr_values(&html, "href") {
        assert!(!href.ends_with("index.html"), "{href}");
    }
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let site = rich_site();
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert!(locs.len() >= 10, "{sitemap}");
    for loc in &locs {
        let rel = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("not absolute from base_url: {loc}"));
        assert!(site.exists(rel), "sitemap names a missing file: {loc}");
    }
    for page in [
        "index.html",
        "people/zhang-miao-miao/index.html",
        "awards/2024/index.html",
        "about/index.html",
    ] {
        assert!(
            locs.contains(&format!("{BASE}{page}").as_str()),
            "{page} missing from {sitemap}"
        );
    }
    assert!(!sitemap.contains("old/zhang"), "redirects are not in the sitemap");
}

fn unescape(xml: &str) -> String {
    xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&amp;", "&")
}

#[test]
fn atom_feed_uses_absolute_urls() {
    let site = rich_site();
    site.build_ok();
    let feed = site.read("atom.xml");
    assert!(
        feed.contains(&format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}atom.xml\"/>"
        )),
        "{feed}"
    );
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert_eq!(entries.len(), 5, "every dated page: {feed}");
    assert!(
        entries[0].contains("<title>2024年度好人榜</title>"),
        "newest first: {feed}"
    );
    for entry in entries {
        for href in attr_values(entry, "href") {
            assert!(href.starts_with(BASE), "{href} in {entry}");
        }
    }
}

#[test]
fn feed_content_has_no_relative_links() {
    // A feed reader resolves relative links against the feed's URL (or an
    // xml:base), where `../li-hui-ming/index.html` leads nowhere.
    let site = rich_site();
    site.build_ok();
    let feed = site.read("atom.xml");
    for entry in feed.split("<entry>").skip(1) {
        let content = unescape(entry);
        if content.contains("xml:base=") {
            continue;
        }
        for href in attr_values(&content, "href") {
            assert!(
                href.starts_with("http") || href.starts_with('#') || href.starts_with("mailto:"),
                "relative link {href} in feed content: {entry}"
            );
        }
    }
}

#[test]
fn not_found_page_and_robots_exist() {
    let site = rich_site();
    site.build_ok();
    let not_found = site.read("404.html");
    assert!(not_found.contains("页面未找到"));
    // Served at any depth, so its links start at the site's path on the server.
    for url in attr_values(&not_found, "href")
        .into_iter()
        .chain(attr_values(&not_found, "src"))
    {
        if url.starts_with("https://") || url.starts_with('#') {
            continue;
        }
        let rel = url.strip_prefix("/haoren/").unwrap_or_else(|| panic!("404 link {url}"));
        let rel = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        assert!(site.exists(&rel), "404 links to missing {url}");
    }
    let robots = site.read("robots.txt");
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")), "{robots}");
}

#[test]
fn canonical_and_og_tags_are_absolute() {
    let site = rich_site();
    site.build_ok();
    let html = site.read("people/zhang-miao-miao/index.html");
    assert!(
        html.contains(&format!(
            "<link rel=\"canonical\" href=\"{BASE}people/zhang-miao-miao/index.html\">"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<meta property=\"og:url\" content=\"{BASE}people/zhang-miao-miao/index.html\">"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            // The page-sized thumbnail (the test photo is 4 px wide: one thumbnail).
            "<meta property=\"og:image\" content=\"{BASE}photos/zhang-320.jpg\">"
        )),
        "{html}"
    );
}

#[test]
fn special_characters_are_escaped_in_html_and_xml() {
    let site = Site::new().file(
        "content/a.md",
        &md(
            "title = \"王&李 <合作>\"\ndate = 2024-01-01\nsummary = \"\\\"好人\\\" & <事>\"",
            "正文。",
        ),
    );
    site.build_ok();
    let html = site.read("a/index.html");
    assert!(html.contains("<h1>王&amp;李 &lt;合作&gt;</h1>"), "{html}");
    assert!(!html.contains("<合作>"), "{html}");
    let feed = site.read("atom.xml");
    assert!(feed.contains("<title>王&amp;李 &lt;合作&gt;</title>"), "{feed}");
    assert!(!feed.contains("<合作>") && !feed.contains("& <"), "{feed}");
}
