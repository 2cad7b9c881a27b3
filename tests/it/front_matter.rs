//! Front matter: TOML between `+++` lines, its errors at the file's lines,
//! encodings and line endings, drafts.

use crate::support::{PEOPLE_INDEX, Site, errors, jpeg, md, only_error, zh};

fn people_site() -> Site {
    Site::new()
        .config("categories = [\"助人为乐\", \"见义勇为\", \"孝老爱亲\"]")
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .file("content/people/_index.md", PEOPLE_INDEX)
}

#[test]
fn malformed_toml_is_reported_at_the_file_line() {
    // Line 3 of the file is line 2 of the front-matter block.
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            "+++\ntitle = \"张三\"\nweight = 三\nregion = \"河西区\"\n+++\n事迹。\n",
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert_eq!(d.line, Some(3), "{d}");
    insta::assert_snapshot!("front_matter_malformed_toml", err.to_string());
    insta::assert_snapshot!("front_matter_malformed_toml_zh", zh(&err));
}

#[test]
fn wrong_type_deep_in_the_block_is_reported_at_the_file_line() {
    let front = "title = \"张三\"\nregion = \"河西区\"\nunit = \"卫生院\"\n\nhonors = \"清河好人\"";
    let err = people_site()
        .file("content/people/zhang-san.md", &md(front, "事迹。"))
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.line, Some(6), "{d}");
}

#[test]
fn missing_title_is_an_error() {
    let err = people_site()
        .file("content/people/zhang-san.md", &md("region = \"河西区\"", "事迹。"))
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert!(d.message.contains("title"), "{d}");
    insta::assert_snapshot!("front_matter_missing_title", err.to_string());
    insta::assert_snapshot!("front_matter_missing_title_zh", zh(&err));
}

#[test]
fn yaml_front_matter_is_refused_with_a_hint_to_use_plus_lines() {
    let err = people_site()
        .file("content/people/zhang-san.md", "---\ntitle: 张三\n---\n事迹。\n")
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert_eq!(d.line, Some(1));
    assert!(d.to_string().contains("+++"), "{d}");
    insta::assert_snapshot!("front_matter_yaml", err.to_string());
    insta::assert_snapshot!("front_matter_yaml_zh", zh(&err));
}

#[test]
fn unknown_key_is_named() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\nregoin = \"河西区\"", "事迹。"),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert_eq!(d.line, Some(3), "{d}");
    assert!(d.message.contains("regoin"), "{d}");
    insta::assert_snapshot!("front_matter_unknown_key", err.to_string());
    insta::assert_snapshot!("front_matter_unknown_key_zh", zh(&err));
}

#[test]
fn unknown_key_in_a_section_index_is_named() {
    let err = people_site()
        .file(
            "content/people/_index.md",
            "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\nsort_by = \"date\"\n+++\n",
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/_index.md");
    assert_eq!(d.line, Some(4), "{d}");
    assert!(d.message.contains("sort_by"), "{d}");
}

#[test]
fn category_outside_the_list_names_file_line_and_allowed_values() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\ncategory = \"乐于助人\"", "事迹。"),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert_eq!(d.line, Some(3));
    let text = d.to_string();
    assert!(text.contains("乐于助人"), "{text}");
    for allowed in ["助人为乐", "见义勇为", "孝老爱亲"] {
        assert!(text.contains(allowed), "{text}");
    }
    insta::assert_snapshot!("front_matter_category", err.to_string());
    insta::assert_snapshot!("front_matter_category_zh", zh(&err));
}

#[test]
fn any_category_is_allowed_when_the_list_is_empty() {
    let site = Site::new().file("content/people/_index.md", PEOPLE_INDEX).file(
        "content/people/zhang-san.md",
        &md("title = \"张三\"\ncategory = \"乐于助人\"", "事迹。"),
    );
    site.build_ok();
    assert!(site.read("people/zhang-san/index.html").contains("乐于助人"));
}

#[test]
fn invalid_utf8_names_the_file() {
    let mut bytes = b"+++\ntitle = \"".to_vec();
    bytes.extend_from_slice(&[0xD5, 0xC5, 0xC8, 0xFD]); // 张三 in GBK
    bytes.extend_from_slice(b"\"\n+++\n");
    let err = people_site().bytes("content/people/zhang-san.md", &bytes).build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert_eq!(d.line, Some(2), "{d}");
    assert!(d.to_string().contains("UTF-8"), "{d}");
    insta::assert_snapshot!("front_matter_invalid_utf8", err.to_string());
    insta::assert_snapshot!("front_matter_invalid_utf8_zh", zh(&err));
}

#[test]
fn bom_and_crlf_line_endings_build_normally() {
    let text = "\u{feff}+++\r\ntitle = \"张三\"\r\nregion = \"河西区\"\r\n+++\r\n\r\n他是一名\r\n普通的教师。\r\n\r\n## 主要事迹\r\n\r\n他说：\r\n“能帮就帮。”\r\n";
    let site = people_site().file("content/people/zhang-san.md", text);
    site.build_ok();
    let html = site.read("people/zhang-san/index.html");
    assert!(html.contains("<h1>张三</h1>"), "{html}");
    assert!(html.contains("<title>张三 · 测试好人榜</title>"), "{html}");
    assert!(html.contains("<p>他是一名普通的教师。</p>"), "{html}");
    assert!(html.contains("<h2 id=\"主要事迹\">主要事迹</h2>"), "{html}");
    assert!(html.contains("他说：“能帮就帮。”"), "{html}");
    assert!(!html.contains('\r'), "no carriage returns in the output");
    assert!(!html.contains('\u{feff}'), "no byte-order mark in the output");
}

#[test]
fn empty_file_is_an_error() {
    let err = people_site().file("content/people/zhang-san.md", "").build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    insta::assert_snapshot!("front_matter_empty_file", err.to_string());
    insta::assert_snapshot!("front_matter_empty_file_zh", zh(&err));
}

#[test]
fn file_without_front_matter_is_an_error() {
    let err = people_site()
        .file("content/people/zhang-san.md", "# 张三\n\n事迹。\n")
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert_eq!(d.line, Some(1));
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let err = people_site()
        .file("content/people/zhang-san.md", "+++\ntitle = \"张三\"\n\n事迹。\n")
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert!(d.message.contains("never closed") || d.message.contains("+++"), "{d}");
}

#[test]
fn a_two_megabyte_paragraph_builds() {
    let sentence = "他十年如一日照顾孤寡老人，风雨无阻。";
    let body = sentence.repeat(2 * 1024 * 1024 / sentence.len() + 1);
    let site = people_site().file("content/people/zhang-san.md", &md("title = \"张三\"", &body));
    let started = std::time::Instant::now();
    site.build_ok();
    let html = site.read("people/zhang-san/index.html");
    assert!(html.len() > 2 * 1024 * 1024);
    assert!(html.contains(&format!("<p>{sentence}{sentence}")));
    // The summary is cut, not the whole text.
    let list = site.read("people/index.html");
    assert!(list.len() < 100 * 1024, "section list holds {} bytes", list.len());
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    let err = people_site()
        .file("content/people/a.md", "---\ntitle: 甲\n---\n")
        .file("content/people/b.md", &md("region = \"河西区\"", ""))
        .file("content/people/c.md", &md("title = \"丙\"\ncategory = \"无\"", ""))
        .file("content/people/d.md", &md("title = \"丁\"", "正常。"))
        .build_err();
    let mut files: Vec<&str> = errors(&err).iter().map(|d| d.file.as_str()).collect();
    files.sort();
    assert_eq!(
        files,
        ["content/people/a.md", "content/people/b.md", "content/people/c.md"],
        "{err}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = people_site()
        .file("content/people/zhang-san.md", &md("title = \"张三\"", "事迹。"))
        .file(
            "content/people/li-si.md",
            &md("title = \"李四\"\ndraft = true", "草稿。"),
        );
    site.build_ok();
    assert!(site.exists("people/zhang-san/index.html"));
    assert!(!site.exists("people/li-si/index.html"));
    assert!(!site.read("people/index.html").contains("李四"));
    assert!(!site.read("sitemap.xml").contains("li-si"));

    site.build_with(|o| o.drafts = true).unwrap();
    assert!(site.exists("people/li-si/index.html"));
    assert!(site.read("people/index.html").contains("李四"));
}

#[test]
fn a_draft_bundle_publishes_none_of_its_files() {
    let site = people_site()
        .file(
            "content/people/li-si/index.md",
            &md("title = \"李四\"\ndraft = true\nphoto = \"photo.jpg\"", ""),
        )
        .bytes("content/people/li-si/photo.jpg", &jpeg(4, 4));
    site.build_ok();
    assert!(!site.out().join("people/li-si").exists(), "{:?}", site.outputs());
    site.build_with(|o| o.drafts = true).unwrap();
    assert!(site.exists("people/li-si/photo.jpg"));
}

#[test]
fn a_draft_with_errors_still_fails_the_build() {
    // A draft is still read: an error in it must not pass silently.
    let err = people_site()
        .file(
            "content/people/li-si.md",
            &md("title = \"李四\"\ndraft = true\nregoin = \"x\"", ""),
        )
        .build_err();
    assert_eq!(only_error(&err).file, "content/people/li-si.md");
}

#[test]
fn kind_comes_from_the_section_unless_set() {
    let site = people_site()
        .file("content/people/zhang-san.md", &md("title = \"张三\"", "事迹。"))
        .file(
            "content/people/notice.md",
            &md("title = \"说明\"\nkind = \"page\"", "说明。"),
        );
    site.build_ok();
    assert!(
        site.read("people/zhang-san/index.html")
            .contains("<article class=\"person\">")
    );
    assert!(
        site.read("people/notice/index.html")
            .contains("<article class=\"page\">")
    );
}

#[test]
fn unknown_kind_is_an_error() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\nkind = \"hero\"", ""),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.line, Some(3));
    assert!(d.message.contains("hero"), "{d}");
}

#[test]
fn bad_date_names_the_line() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\n\ndate = \"2024年3月\"", ""),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.line, Some(4), "{d}");
    assert!(d.message.contains("date"), "{d}");
}

#[test]
fn dates_and_fields_show_on_the_page() {
    let site = people_site().file(
        "content/people/zhang-san.md",
        &md(
            "title = \"张三\"\ndate = 2024-03-05\ncategory = \"助人为乐\"\nregion = \"河西区\"\nunit = \"河西区卫生院\"\nlevel = \"市级\"\nhonors = [\"清河好人\"]",
            "事迹。",
        ),
    );
    site.build_ok();
    let html = site.read("people/zhang-san/index.html");
    for text in ["助人为乐", "河西区", "河西区卫生院", "市级", "清河好人", "2024"] {
        assert!(html.contains(text), "{text} missing from {html}");
    }
}

#[test]
fn event_date_comes_from_the_file_name() {
    let site = Site::new()
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动\"\npage_kind = \"event\"\n+++\n",
        )
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md("title = \"学雷锋\"", "活动。"),
        );
    site.build_ok();
    let html = site.read("events/2024-03-05-xue-lei-feng/index.html");
    assert!(html.contains("datetime=\"2024-03-05\""), "{html}");
}

#[test]
fn duplicate_key_is_named_in_either_language() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            "+++\ntitle = \"张三\"\nregion = \"河西区\"\nregion = \"河东区\"\n+++\n事迹。\n",
        )
        .build_err();
    assert_eq!(only_error(&err).line, Some(4), "{err}");
    insta::assert_snapshot!("front_matter_duplicate_key", err.to_string());
    insta::assert_snapshot!("front_matter_duplicate_key_zh", zh(&err));
}

#[test]
fn unclosed_quote_is_named_in_either_language() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            "+++\ntitle = \"张三\nregion = \"河西区\"\n+++\n事迹。\n",
        )
        .build_err();
    assert_eq!(only_error(&err).line, Some(2), "{err}");
    insta::assert_snapshot!("front_matter_unclosed_quote", err.to_string());
    insta::assert_snapshot!("front_matter_unclosed_quote_zh", zh(&err));
}

#[test]
fn list_without_commas_is_named_in_either_language() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            "+++\ntitle = \"张三\"\ntags = [\"志愿者\" \"社区\"]\n+++\n事迹。\n",
        )
        .build_err();
    assert_eq!(only_error(&err).line, Some(3), "{err}");
    insta::assert_snapshot!("front_matter_list_without_commas", err.to_string());
    insta::assert_snapshot!("front_matter_list_without_commas_zh", zh(&err));
}
