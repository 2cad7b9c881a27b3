//! `[publisher]` in laurel.toml: the footer of every page, the GB/T 42147-2022
//! page metadata, and the 主办单位 line of the print boards.

use crate::support::*;

/// A `[publisher]` with every key filled in.
pub const PUBLISHER: &str = r#"
[publisher]
name = "清河市精神文明建设委员会办公室"
operator = "清河市文明办信息中心"
address = "清河市人民路1号"
phone = "0311-12345678"
email = "wmb@example.gov.cn"
icp = "冀ICP备12345678号-1"
police_record = "冀公网安备13010202000123号"
site_code = "1301000012"
conac_id = "ABC123"
"#;

/// One page of every type: home, a person section with a person, an award
/// list, an event, a plain page, taxonomy terms, search and print boards.
pub fn every_page_type() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/about.md", &md("title = \"关于本站\"\ndate = 2024-01-02", "本站介绍。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\ndate = 2024-03-01\ncategory = \"助人为乐\"\nregion = \"城关镇\"\nyear = 2024\nhonors = [\"清河好人\"]\ntags = [\"志愿服务\", \"社区\"]",
                "## 事迹\n\n张三八年如一日照顾社区孤寡老人。他说：“帮人就是帮自己。”",
            ),
        )
        .file("content/awards/_index.md", "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n")
        .file(
            "content/awards/2024-haoren.md",
            &md(
                "title = \"2024年度清河好人\"\ndate = 2024-06-01\nyear = 2024\nissuer = \"清河市文明办\"\ndata = \"list.csv\"",
                "",
            ),
        )
        .file("content/awards/list.csv", "姓名,单位\n张三,春晖社区\n赵六,第一中学\n")
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md(
                "title = \"学雷锋志愿服务\"\nkind = \"event\"\ndate = 2024-03-05T09:30:00\nlocation = \"人民广场\"\npeople = [\"张三\"]",
                "活动报道。",
            ),
        )
}

/// Every HTML page of the output except alias redirects.
fn html_pages(site: &Site) -> Vec<(String, String)> {
    site.outputs()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|p| {
            let text = site.read(&p);
            (p, text)
        })
        .filter(|(_, text)| !text.contains("http-equiv=\"refresh\""))
        .collect()
}

fn meta<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!("<meta name=\"{name}\" content=\"");
    let start = html.find(&needle)? + needle.len();
    Some(&html[start..start + html[start..].find('"')?])
}

#[test]
fn publisher_footer_on_every_page() {
    let site = every_page_type().config(PUBLISHER);
    site.build_ok();
    let pages = html_pages(&site);
    for must in [
        "search/index.html",
        "print/index.html",
        "print/2024-haoren/index.html",
        "category/zhu-ren-wei-le/index.html",
        "404.html",
    ] {
        assert!(
            pages.iter().any(|(p, _)| p == must),
            "{must} missing: {:?}",
            site.outputs()
        );
    }
    for (path, html) in &pages {
        let footer = &html[pos(html, "<footer class=\"site-footer\">")..];
        for text in [
            "主办单位：清河市精神文明建设委员会办公室",
            "承办单位：清河市文明办信息中心",
            "地址：清河市人民路1号",
            "<a href=\"tel:031112345678\">0311-12345678</a>",
            "<a href=\"mailto:wmb@example.gov.cn\">wmb@example.gov.cn</a>",
            "<a href=\"https://beian.miit.gov.cn/\">冀ICP备12345678号-1</a>",
            "<a href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=13010202000123\">冀公网安备13010202000123号</a>",
            "网站标识码：1301000012",
            "<a href=\"https://bszs.conac.cn/sitename?method=show&amp;id=ABC123\">党政机关网站标识</a>",
        ] {
            assert!(footer.contains(text), "{path}: footer lacks {text:?}:\n{footer}");
        }
        assert!(!html.contains("<script src=\"http"), "{path}: a third-party script");
    }
}

#[test]
fn publisher_meta_tags_on_every_page() {
    let site = every_page_type().config(PUBLISHER);
    site.build_ok();
    for (path, html) in html_pages(&site) {
        assert_eq!(meta(&html, "SiteName"), Some("测试好人榜"), "{path}");
        assert_eq!(meta(&html, "SiteDomain"), Some("example.org"), "{path}");
        assert_eq!(meta(&html, "SiteIDCode"), Some("1301000012"), "{path}");
        assert!(meta(&html, "ColumnName").is_some_and(|c| !c.is_empty()), "{path}");
        assert!(meta(&html, "Keywords").is_some_and(|c| !c.is_empty()), "{path}");
        let url = meta(&html, "Url").unwrap_or_else(|| panic!("{path}: no Url"));
        assert!(url.starts_with("https://example.org/haoren/"), "{path}: {url}");
        assert!(!html.contains("<meta name=\"description\""), "{path}: two descriptions");
        let article = [
            "people/zhang-san/index.html",
            "awards/2024-haoren/index.html",
            "events/2024-03-05-xue-lei-feng/index.html",
            "about/index.html",
        ]
        .contains(&path.as_str());
        assert_eq!(meta(&html, "ArticleTitle").is_some(), article, "{path}: ArticleTitle");
        assert_eq!(meta(&html, "ContentSource").is_some(), article, "{path}: ContentSource");
        assert_eq!(meta(&html, "PubDate").is_some(), article, "{path}: PubDate");
    }
    let person = site.read("people/zhang-san/index.html");
    assert_eq!(meta(&person, "ArticleTitle"), Some("张三"));
    assert_eq!(meta(&person, "PubDate"), Some("2024-03-01"));
    assert_eq!(meta(&person, "ColumnName"), Some("身边好人"));
    assert_eq!(meta(&person, "ContentSource"), Some("清河市精神文明建设委员会办公室"));
    assert_eq!(meta(&person, "Keywords"), Some("张三,志愿服务,社区"));
    assert_eq!(
        meta(&person, "Url"),
        Some("https://example.org/haoren/people/zhang-san/index.html")
    );
    let event = site.read("events/2024-03-05-xue-lei-feng/index.html");
    assert_eq!(meta(&event, "PubDate"), Some("2024-03-05"), "laurel dates have no time");
    assert_eq!(meta(&site.read("index.html"), "ColumnName"), Some("首页"));
    assert_eq!(meta(&site.read("search/index.html"), "ColumnName"), Some("搜索"));
    assert_eq!(meta(&site.read("people/index.html"), "ColumnName"), Some("身边好人"));
    assert_eq!(meta(&site.read("print/index.html"), "ColumnName"), Some("打印光荣榜"));
}

#[test]
fn publisher_line_on_print_boards() {
    let site = every_page_type().config(PUBLISHER);
    site.build_ok();
    for board in ["print/2024-haoren/index.html", "print/2024/index.html"] {
        let html = site.read(board);
        let start = pos(&html, "<header class=\"board-header\">");
        let header = &html[start..start + pos(&html[start..], "</header>")];
        assert!(
            header.contains("<p class=\"board-publisher\">主办单位：清河市精神文明建设委员会办公室</p>"),
            "{board}:\n{header}"
        );
    }
}

/// Drops what `[publisher]` adds, so the rest can be compared byte for byte.
fn without_publisher_parts(html: &str) -> String {
    let mut kept = Vec::new();
    let mut in_footer = false;
    for line in html.split_inclusive('\n') {
        let gov_meta = [
            "SiteName",
            "SiteDomain",
            "SiteIDCode",
            "ColumnName",
            "ArticleTitle",
            "PubDate",
            "ContentSource",
            "Keywords",
            "Description",
            "description",
            "Url",
        ]
        .iter()
        .any(|name| line.trim_start().starts_with(&format!("<meta name=\"{name}\"")));
        in_footer |= line.contains("<div class=\"site-publisher\">");
        if !(gov_meta || in_footer || line.contains("board-publisher")) {
            kept.push(line);
        }
        in_footer &= !line.trim_start().starts_with("</div>");
    }
    kept.concat()
}

#[test]
fn publisher_absent_adds_nothing() {
    let plain = every_page_type();
    plain.build_ok();
    let with = every_page_type().config(PUBLISHER);
    with.build_ok();
    let plain_files = plain.output_bytes();
    let with_files = with.output_bytes();
    assert_eq!(
        plain_files.keys().collect::<Vec<_>>(),
        with_files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &plain_files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".css") {
            assert_eq!(bytes, &with_files[path], "{path} differs");
            continue;
        }
        for mark in ["主办单位", "site-publisher", "SiteName", "beian"] {
            assert!(!text.contains(mark), "{path} without [publisher] has {mark:?}");
        }
        if path.ends_with(".html") {
            let other = String::from_utf8_lossy(&with_files[path]);
            assert_eq!(
                without_publisher_parts(&text),
                without_publisher_parts(&other),
                "{path} differs beyond the publisher's parts"
            );
        } else {
            assert_eq!(bytes, &with_files[path], "{path} differs");
        }
    }
}

#[test]
fn publisher_unknown_key_is_an_error() {
    let site = every_page_type().config("[publisher]\nname = \"文明办\"\nicp_number = \"1\"\n");
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    assert!(d.message.contains("icp_number"), "{}", d.message);
}

#[test]
fn publisher_without_name_is_an_error() {
    let site = every_page_type().config("[publisher]\nicp = \"冀ICP备1号\"\n");
    let err = site.build_err();
    let d = only_error(&err);
    assert!(d.message.contains("`name`"), "{}", d.message);
    assert!(d.line.is_some(), "names the line of [publisher]");
}
