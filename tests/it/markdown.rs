//! Markdown: GFM, Chinese text, raw HTML, heading ids, and links between
//! source files rewritten to relative URLs.

use laurel::Severity;

use crate::support::{PEOPLE_INDEX, Site, article, laurel_in_english, md, only_error, percent_decode, zh};

/// A site with one page whose body is `body`; returns the site and the page's output path.
fn page_with(body: &str) -> (Site, &'static str) {
    let site = Site::new().file("content/story.md", &md("title = \"故事\"", body));
    (site, "story/index.html")
}

fn rendered(body: &str) -> String {
    let (site, path) = page_with(body);
    site.build_ok();
    article(&site.read(path)).to_string()
}

#[test]
fn gfm_table_footnote_strikethrough_autolink_tasklist() {
    let html = rendered(
        "| 姓名 | 单位 |\n|---|---|\n| 张三 | 卫生院 |\n\n~~旧称~~ 见 https://www.wenming.cn 。\n\n- [x] 已评选\n- [ ] 待公示\n\n事迹感人[^1]。\n\n[^1]: 据本人口述。\n",
    );
    assert!(
        html.contains("<table>") && html.contains("<th>姓名</th>") && html.contains("<td>张三</td>"),
        "{html}"
    );
    assert!(html.contains("<del>旧称</del>"), "{html}");
    assert!(
        html.contains("<a href=\"https://www.wenming.cn\">https://www.wenming.cn</a>"),
        "{html}"
    );
    assert!(html.contains("type=\"checkbox\"") && html.contains("checked"), "{html}");
    assert!(html.contains("footnote") && html.contains("据本人口述。"), "{html}");
}

#[test]
fn headings_get_chinese_ids() {
    let html = rendered("## 主要事迹\n\n正文。\n\n## 主要事迹\n\n### 社会评价 2024\n");
    assert!(html.contains("<h2 id=\"主要事迹\">主要事迹</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"主要事迹-1\">主要事迹</h2>"), "{html}");
    assert!(html.contains("<h3 id=\"社会评价-2024\">"), "{html}");
}

#[test]
fn soft_line_break_between_chinese_adds_no_space() {
    let html = rendered("他是一名\n普通的乡村教师，\n三十年来\n扎根山区。\n\nLei\nFeng\n");
    assert!(
        html.contains("<p>他是一名普通的乡村教师，三十年来扎根山区。</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p>Lei\nFeng</p>") || html.contains("<p>Lei Feng</p>"),
        "{html}"
    );
}

#[test]
fn emphasis_next_to_full_width_punctuation() {
    let html = rendered("**事迹。**他说：“*能帮就帮*。”\n");
    assert!(html.contains("<strong>事迹。</strong>他说"), "{html}");
    assert!(html.contains("<em>能帮就帮</em>"), "{html}");
}

#[test]
fn raw_html_is_dropped_by_default() {
    let html = rendered("<video src=\"a.mp4\"></video>\n\n正文<script>alert(1)</script>。\n");
    assert!(!html.contains("<video"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("正文"), "{html}");
}

#[test]
fn raw_html_is_kept_with_allow_html() {
    let (site, path) = page_with("<video src=\"a.mp4\" controls></video>\n\n正文<span class=\"hl\">重点</span>。\n");
    let site = site.config("allow_html = true");
    site.build_ok();
    let html = site.read(path);
    assert!(html.contains("<video src=\"a.mp4\" controls></video>"), "{html}");
    assert!(html.contains("<span class=\"hl\">重点</span>"), "{html}");
}

/// A site whose person page links to other pages by their source files.
/// A day soon after the newest page of [`linked_site`], so its home page is fresh.
const FIXTURE_DAY: &str = "2024-03-10";

fn linked_site(body: &str) -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "见[关于](about.md)。\n"))
        .file("content/about.md", &md("title = \"关于\"", "## 推荐方式\n\n来信。\n"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/li-si.md", &md("title = \"李四\"", "事迹。"))
        .file("content/people/张苗苗.md", &md("title = \"张苗苗\"", "事迹。"))
        .file("content/people/zhang-san.md", &md("title = \"张三\"", body))
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动\"\npage_kind = \"event\"\n+++\n",
        )
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md("title = \"学雷锋\"", "## 活动现场\n\n热闹。\n"),
        )
        .file("static/files/guide.pdf", "%PDF")
}

#[test]
fn links_by_source_file_become_relative_urls() {
    let site = linked_site(
        "见[李四](li-si.md)、[张苗苗](张苗苗.md)、[张苗苗](%E5%BC%A0%E8%8B%97%E8%8B%97.md)。\n\n\
         参加[学雷锋](../events/2024-03-05-xue-lei-feng.md#活动现场)。\n\n\
         [关于](@/about.md)和[推荐方式](@/about.md#推荐方式)，[活动](../events/_index.md)，[活动列表](@/events/)。\n\n\
         [指南](/files/guide.pdf)，[本页](#主要事迹)。\n\n## 主要事迹\n\n[外站](https://www.wenming.cn/a.md)，[邮件](mailto:a@example.org)。\n",
    );
    let report = site.build_on(FIXTURE_DAY);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // Non-ASCII in URLs may be percent-encoded; browsers match ids either way.
    let body = percent_decode(article(&site.read("people/zhang-san/index.html")));
    for href in [
        "href=\"../li-si/index.html\"",
        "href=\"../zhang-miao-miao/index.html\"",
        "href=\"../../events/2024-03-05-xue-lei-feng/index.html#活动现场\"",
        "href=\"../../about/index.html\"",
        "href=\"../../about/index.html#推荐方式\"",
        "href=\"../../events/index.html\"",
        "href=\"../../files/guide.pdf\"",
        "href=\"#主要事迹\"",
        "href=\"https://www.wenming.cn/a.md\"",
        "href=\"mailto:a@example.org\"",
    ] {
        assert!(body.contains(href), "{href} missing from {body}");
    }
    assert_eq!(
        body.matches(".md\"").count(),
        1,
        "only the external link keeps .md: {body}"
    );
    assert!(site.read("index.html").contains("href=\"about/index.html\""));
    site.check().expect("check passes");
}

#[test]
fn links_follow_pretty_links() {
    let site = linked_site("见[李四](li-si.md)和[关于](@/about.md#推荐方式)。\n").config("pretty_links = true");
    site.build_ok();
    let body = percent_decode(&site.read("people/zhang-san/index.html"));
    assert!(body.contains("href=\"../li-si/\""), "{body}");
    assert!(body.contains("href=\"../../about/#推荐方式\""), "{body}");
}

#[test]
fn link_to_a_missing_page_warns_in_build_and_fails_check() {
    let site = linked_site("事迹。\n\n见[王五](wang-wu.md)。\n");
    let report = site.build_on(FIXTURE_DAY);
    assert_eq!(report.links.len(), 1, "{:?}", report.links);
    let w = &report.links[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.file, "content/people/zhang-san.md");
    assert_eq!(w.line, Some(6), "{w}");
    assert!(w.message.contains("wang-wu.md"), "{w}");
    assert!(site.exists("people/zhang-san/index.html"));

    let err = site
        .check_on(FIXTURE_DAY, false)
        .expect_err("check fails on a broken link");
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/people/zhang-san.md", Some(6)));
    insta::assert_snapshot!("markdown_broken_link", err.to_string());
    insta::assert_snapshot!("markdown_broken_link_zh", zh(&err));
}

#[test]
fn link_to_a_missing_heading_warns_in_build_and_fails_check() {
    let site = linked_site("见[推荐](@/about.md#报名方式)。\n");
    let report = site.build_on(FIXTURE_DAY);
    assert_eq!(report.links.len(), 1, "{:?}", report.links);
    assert_eq!(report.links[0].line, Some(4));
    assert!(report.links[0].message.contains("报名方式"), "{}", report.links[0]);

    let err = site
        .check_on(FIXTURE_DAY, false)
        .expect_err("check fails on a missing heading");
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/people/zhang-san.md", Some(4)));
    insta::assert_snapshot!("markdown_missing_heading", err.to_string());
    insta::assert_snapshot!("markdown_missing_heading_zh", zh(&err));
}

#[test]
fn broken_link_message_quotes_the_link_as_written() {
    // So the user can search the file for it; the rewritten URL is not in the file.
    let site = linked_site("见[推荐](@/about.md#报名方式)。\n");
    let report = site.build_ok();
    let w = &report.links[0];
    assert!(w.message.contains("@/about.md#报名方式"), "{w}");
    assert!(!w.message.contains("index.html"), "{w}");
}

#[test]
fn link_to_a_missing_heading_on_the_same_page_fails_check() {
    let site = linked_site("## 主要事迹\n\n见[上文](#事迹简介)。\n");
    let err = site.check().expect_err("check fails");
    assert_eq!(only_error(&err).line, Some(6), "{err}");
}

#[test]
fn link_to_a_missing_static_file_fails_check() {
    let site = linked_site("见[表格](/files/missing.xlsx)。\n");
    let err = site.check().expect_err("check fails");
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/people/zhang-san.md", Some(4)));
}

#[test]
fn link_in_a_section_index_is_checked_too() {
    let site = linked_site("事迹。").file(
        "content/events/_index.md",
        &md("title = \"活动\"", "见[旧活动](old.md)。"),
    );
    let err = site.check().expect_err("check fails");
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/events/_index.md", Some(4)));
}

#[test]
fn images_by_source_path_are_rewritten() {
    let site = linked_site("![张三](/files/guide.pdf)\n").file("static/photos/zhang.jpg", "jpg");
    let site = site.file(
        "content/people/li-si.md",
        &md("title = \"李四\"", "![李四在社区](/photos/zhang.jpg)\n"),
    );
    site.build_ok();
    let html = site.read("people/li-si/index.html");
    assert!(html.contains("src=\"../../photos/zhang.jpg\""), "{html}");
}

#[test]
fn summary_is_cut_at_a_sentence_end() {
    let first = "张三是河西区的一名社区医生。";
    let long = "他".repeat(60) + "。" + &"她".repeat(80) + "。";
    let site = Site::new().file("content/people/_index.md", PEOPLE_INDEX).file(
        "content/people/zhang-san.md",
        &md("title = \"张三\"", &format!("{first}{long}")),
    );
    site.build_ok();
    let list = site.read("people/index.html");
    let start = list.find("<p class=\"card-summary\">").expect("summary") + "<p class=\"card-summary\">".len();
    let summary = &list[start..start + list[start..].find("</p>").unwrap()];
    assert!(summary.ends_with('。'), "{summary}");
    assert!(summary.starts_with(first), "{summary}");
    assert!(summary.chars().count() <= 121, "{summary}");
}

#[test]
fn reading_time_counts_chinese_characters() {
    // 2,000 characters at about 400 a minute; punctuation is not read.
    let body = format!("{}\n\n{}", "好".repeat(1000), "人。".repeat(1000));
    let site = Site::new().file("content/story.md", &md("title = \"故事\"\ndate = 2024-03-05", &body));
    site.build_ok();
    let html = site.read("story/index.html");
    assert!(
        html.contains("约 5 分钟读完"),
        "{}",
        &html[..html.find("<div class=\"prose\"").unwrap_or(html.len())]
    );
}

#[test]
fn summary_in_front_matter_wins() {
    let site = Site::new().file("content/people/_index.md", PEOPLE_INDEX).file(
        "content/people/zhang-san.md",
        &md(
            "title = \"张三\"\nsummary = \"社区医生，十年照顾孤寡老人。\"",
            "正文第一句。正文第二句。",
        ),
    );
    site.build_ok();
    let list = site.read("people/index.html");
    assert!(
        list.contains("<p class=\"card-summary\">社区医生，十年照顾孤寡老人。</p>"),
        "{list}"
    );
    assert!(!list.contains("正文第一句"), "{list}");
}

#[test]
fn deep_nesting_builds_without_overflowing_the_stack() {
    // 40,000 nested quotes, 100,000 nested emphasis markers, 40,000 nested
    // images: each page is a deep tree. Run as the real binary, so a stack
    // overflow shows as an abort (exit 134) instead of killing the tests.
    let deep = [
        ("quotes", format!("{}深处\n", ">".repeat(40_000))),
        ("stars", format!("{}深处{}\n", "*".repeat(100_000), "*".repeat(100_000))),
        (
            "images",
            format!("{}深处{}\n", "![".repeat(40_000), "](a.jpg)".repeat(40_000)),
        ),
    ];
    let mut site = Site::new();
    for (name, body) in &deep {
        site = site.file(&format!("content/{name}.md"), &md("title = \"深\"", body));
    }
    let out = laurel_in_english()
        .args(["build", "--root", site.root().to_str().expect("utf-8 temp path")])
        .output()
        .expect("run laurel");
    assert!(
        out.status.success(),
        "{:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, _) in &deep {
        assert!(site.read(&format!("{name}/index.html")).contains("深处"), "{name}");
    }
}
