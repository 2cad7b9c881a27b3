//! Site structure: sections and pagination, taxonomies, display order,
//! events ↔ persons, aliases, page bundles and static files.

use crate::support::{PEOPLE_INDEX, Site, article, attr_values, jpeg, md, percent_decode, pos};

const EVENTS_INDEX: &str = "+++\ntitle = \"活动报道\"\npage_kind = \"event\"\n+++\n";

fn person(site: Site, stem: &str, front: &str) -> Site {
    site.file(&format!("content/people/{stem}.md"), &md(front, "事迹。"))
}

/// Names of the cards on a list page, in order.
fn card_names(html: &str) -> Vec<String> {
    html.split("class=\"card-name\"><a href=\"")
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find("\">").unwrap() + 2..];
            text[..text.find("</a>").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn section_is_paginated() {
    let mut site = Site::new()
        .config("paginate_by = 2")
        .file("content/people/_index.md", PEOPLE_INDEX);
    for (i, name) in ["甲", "乙", "丙", "丁", "戊"].iter().enumerate() {
        site = person(
            site,
            &format!("p{i}"),
            &format!("title = \"{name}\"\ndate = 2024-01-0{}", i + 1),
        );
    }
    site.build_ok();
    assert_eq!(card_names(&site.read("people/index.html")), ["戊", "丁"]);
    assert_eq!(card_names(&site.read("people/page/2/index.html")), ["丙", "乙"]);
    assert_eq!(card_names(&site.read("people/page/3/index.html")), ["甲"]);
    assert!(!site.exists("people/page/4/index.html"));
    assert!(!site.exists("people/page/1/index.html"));
    let page2 = site.read("people/page/2/index.html");
    assert!(
        page2.contains("href=\"../../../people/index.html\""),
        "link back to page 1: {page2}"
    );
    assert!(
        page2.contains("href=\"../../../people/page/3/index.html\""),
        "link to page 3: {page2}"
    );
    let cards = attr_values(&page2, "href");
    assert!(cards.contains(&"../../../people/p2/index.html"), "{cards:?}");
}

#[test]
fn section_paginate_by_overrides_the_site_setting() {
    let mut site = Site::new().file(
        "content/people/_index.md",
        "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\npaginate_by = 3\n+++\n",
    );
    for i in 0..4 {
        site = person(site, &format!("p{i}"), &format!("title = \"人{i}\""));
    }
    site.build_ok();
    assert_eq!(card_names(&site.read("people/index.html")).len(), 3);
    assert_eq!(card_names(&site.read("people/page/2/index.html")).len(), 1);
}

#[test]
fn pages_are_ordered_by_date_then_weight_then_title() {
    let mut site = Site::new().file("content/people/_index.md", PEOPLE_INDEX);
    for (stem, front) in [
        ("a", "title = \"老\"\ndate = 2023-01-01"),
        ("b", "title = \"新\"\ndate = 2024-06-01"),
        ("c", "title = \"乙\"\nweight = 2"),
        ("d", "title = \"丙\"\nweight = 1"),
        ("e", "title = \"B\"\nweight = 5"),
        ("f", "title = \"A\"\nweight = 5"),
        ("g", "title = \"同日重\"\ndate = 2024-06-01\nweight = 9"),
    ] {
        site = person(site, stem, front);
    }
    site.build_ok();
    assert_eq!(
        card_names(&site.read("people/index.html")),
        ["新", "同日重", "老", "丙", "乙", "A", "B"]
    );
}

#[test]
fn taxonomy_list_and_term_pages() {
    let mut site = Site::new().file("content/people/_index.md", PEOPLE_INDEX);
    site = person(
        site,
        "zhang-san",
        "title = \"张三\"\ncategory = \"助人为乐\"\nregion = \"河西区\"",
    );
    site = person(
        site,
        "li-si",
        "title = \"李四\"\ncategory = \"助人为乐\"\nregion = \"北山区\"",
    );
    site = person(site, "wang-wu", "title = \"王五\"\ncategory = \"见义勇为\"");
    site.build_ok();
    let list = site.read("category/index.html");
    assert!(
        list.contains("href=\"../category/zhu-ren-wei-le/index.html\""),
        "{list}"
    );
    assert!(list.contains("助人为乐 <span class=\"count\">(2)</span>"), "{list}");
    assert!(list.contains("见义勇为 <span class=\"count\">(1)</span>"), "{list}");
    let term = site.read("category/zhu-ren-wei-le/index.html");
    let mut names = card_names(&term);
    names.sort();
    assert_eq!(names, ["张三", "李四"]);
    assert!(term.contains("href=\"../../people/zhang-san/index.html\""), "{term}");
    assert_eq!(card_names(&site.read("region/bei-shan-qu/index.html")), ["李四"]);
    let person_page = site.read("people/zhang-san/index.html");
    assert!(
        person_page.contains("href=\"../../category/zhu-ren-wei-le/index.html\""),
        "{person_page}"
    );
}

#[test]
fn categories_follow_the_configured_order() {
    let mut site = Site::new()
        .config("categories = [\"孝老爱亲\", \"助人为乐\", \"诚实守信\"]")
        .file("content/people/_index.md", PEOPLE_INDEX);
    site = person(site, "a", "title = \"甲\"\ncategory = \"诚实守信\"");
    site = person(site, "b", "title = \"乙\"\ncategory = \"助人为乐\"");
    site = person(site, "c", "title = \"丙\"\ncategory = \"孝老爱亲\"");
    site.build_ok();
    let list = site.read("category/index.html");
    let (x, z, c) = (
        pos(&list, ">孝老爱亲 <"),
        pos(&list, ">助人为乐 <"),
        pos(&list, ">诚实守信 <"),
    );
    assert!(x < z && z < c, "categories out of order: {list}");
}

#[test]
fn years_are_listed_newest_first_and_default_to_the_date() {
    let mut site = Site::new().file("content/people/_index.md", PEOPLE_INDEX);
    site = person(site, "a", "title = \"甲\"\ndate = 2022-03-01");
    site = person(site, "b", "title = \"乙\"\ndate = 2024-03-01");
    site = person(site, "c", "title = \"丙\"\ndate = 2024-03-01\nyear = 2023");
    site.build_ok();
    let list = site.read("year/index.html");
    let (a, b, c) = (pos(&list, ">2024 <"), pos(&list, ">2023 <"), pos(&list, ">2022 <"));
    assert!(a < b && b < c, "{list}");
    assert_eq!(card_names(&site.read("year/2023/index.html")), ["丙"]);
}

#[test]
fn events_and_persons_link_both_ways() {
    let mut site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/events/_index.md", EVENTS_INDEX)
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md(
                "title = \"学雷锋志愿服务\"\nlocation = \"人民广场\"\npeople = [\"张三\", \"李四\"]",
                "活动。",
            ),
        );
    site = person(site, "zhang-san", "title = \"张三\"");
    site = person(site, "li-si", "title = \"李四\"");
    let report = site.build_on("2024-03-10");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let event = site.read("events/2024-03-05-xue-lei-feng/index.html");
    assert!(
        event.contains("<a href=\"../../people/zhang-san/index.html\">张三</a>"),
        "{event}"
    );
    assert!(
        event.contains("<a href=\"../../people/li-si/index.html\">李四</a>"),
        "{event}"
    );
    for p in ["zhang-san", "li-si"] {
        let page = site.read(&format!("people/{p}/index.html"));
        assert!(
            page.contains("<a href=\"../../events/2024-03-05-xue-lei-feng/index.html\">学雷锋志愿服务</a>"),
            "{page}"
        );
    }
}

#[test]
fn an_event_naming_an_unknown_person_warns() {
    let site = Site::new().file("content/events/_index.md", EVENTS_INDEX).file(
        "content/events/2024-03-05-a.md",
        &md("title = \"活动\"\n\npeople = [\"赵六\"]", "活动。"),
    );
    let report = site.build_on("2024-03-10");
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let w = &report.warnings[0];
    assert_eq!((w.file.as_str(), w.line), ("content/events/2024-03-05-a.md", Some(4)));
    assert!(w.message.contains("赵六"), "{w}");
    assert!(site.read("events/2024-03-05-a/index.html").contains("<li>赵六</li>"));
}

/// Checks that the redirect page `alias` leads to `target`, and that `target` exists.
fn assert_redirect(site: &Site, alias: &str, target: &str) {
    let html = site.read(alias);
    assert!(html.contains(&format!("url={target}\"")), "{alias}: {html}");
    assert!(html.contains(&format!("href=\"{target}\"")), "{alias}: {html}");
    let resolved = site.out().join(alias).parent().unwrap().join(target);
    assert!(resolved.is_file(), "{alias} leads to {}", resolved.display());
}

#[test]
fn aliases_write_redirect_pages() {
    let site = person(
        Site::new().file("content/people/_index.md", PEOPLE_INDEX),
        "zhang-san",
        "title = \"张三\"\naliases = [\"/haoren/2019/zhang/\", \"old-zhang\"]",
    );
    site.build_ok();
    assert_redirect(
        &site,
        "haoren/2019/zhang/index.html",
        "../../../people/zhang-san/index.html",
    );
    assert_redirect(&site, "old-zhang/index.html", "../people/zhang-san/index.html");
    assert!(
        !site.read("sitemap.xml").contains("old-zhang"),
        "redirects are not in the sitemap"
    );
}

#[test]
fn an_alias_naming_an_html_file_writes_that_file() {
    // Old CMS addresses are files (`/show/123.html`); Zola and Hugo write the alias as that file.
    let site = person(
        Site::new().file("content/people/_index.md", PEOPLE_INDEX),
        "zhang-san",
        "title = \"张三\"\naliases = [\"/old/zhang.html\"]",
    );
    site.build_ok();
    assert_redirect(&site, "old/zhang.html", "../people/zhang-san/index.html");
}

#[test]
fn an_alias_hiding_a_page_is_an_error() {
    let mut site = Site::new().file("content/people/_index.md", PEOPLE_INDEX);
    site = person(site, "zhang-san", "title = \"张三\"\naliases = [\"/people/li-si/\"]");
    site = person(site, "li-si", "title = \"李四\"");
    let err = site.build_err();
    let text = err.to_string();
    assert!(
        text.contains("content/people/zhang-san.md") && text.contains("content/people/li-si.md"),
        "{text}"
    );
}

#[test]
fn page_bundle_files_are_copied_beside_the_page() {
    let photo = jpeg(4, 4);
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/li-hui-ming/index.md",
            &md(
                "title = \"李慧明\"\nphoto = \"photo.jpg\"\nphoto_alt = \"李慧明在病房\"",
                "见[证书](docs/证书.pdf)。",
            ),
        )
        .bytes("content/people/li-hui-ming/photo.jpg", &photo)
        .file("content/people/li-hui-ming/docs/证书.pdf", "%PDF");
    site.build_ok();
    assert_eq!(
        std::fs::read(site.out().join("people/li-hui-ming/photo.jpg")).unwrap(),
        photo
    );
    assert!(site.exists("people/li-hui-ming/docs/证书.pdf"), "{:?}", site.outputs());
    let html = percent_decode(&site.read("people/li-hui-ming/index.html"));
    assert!(html.contains("alt=\"李慧明在病房\""), "{html}");
    assert!(
        html.contains("src=\"../../people/li-hui-ming/photo-320.jpg\""),
        "{html}"
    );
    assert!(html.contains("href=\"docs/证书.pdf\""), "{html}");
    assert!(
        !site.exists("people/li-hui-ming/index.md"),
        "the source is not published"
    );
}

#[test]
fn static_folder_is_copied_as_it_is() {
    let site = Site::new()
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .bytes("static/photos/zhang-san.jpg", &[1, 2, 3, 255])
        .file("static/CNAME", "haoren.example.org\n")
        .bytes(
            "static/files/申报表.docx",
            &crate::xlsx::stored_zip(&[("word/document.xml".to_string(), "<w:document/>".to_string())]),
        );
    site.build_ok();
    assert_eq!(
        std::fs::read(site.out().join("photos/zhang-san.jpg")).unwrap(),
        [1, 2, 3, 255]
    );
    assert_eq!(site.read("CNAME"), "haoren.example.org\n");
    assert!(site.exists("files/申报表.docx"));
    assert!(site.exists("style.css"), "the theme's static files are copied too");
}

#[test]
fn static_file_overrides_the_theme_file() {
    let site = Site::new().file("static/style.css", "body { color: red }");
    site.build_ok();
    assert_eq!(site.read("style.css"), "body { color: red }");
}

#[test]
fn photo_from_static_is_linked_relatively() {
    let mut site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .bytes("static/photos/zhang.jpg", &jpeg(800, 1000));
    site = person(site, "zhang-san", "title = \"张三\"\nphoto = \"/photos/zhang.jpg\"");
    site.build_ok();
    assert!(
        site.read("people/zhang-san/index.html")
            .contains("src=\"../../photos/zhang-640.jpg\"")
    );
    assert!(
        site.read("people/index.html")
            .contains("src=\"../photos/zhang-320.jpg\"")
    );
}

#[test]
fn home_lists_sections_and_their_newest_pages() {
    let mut site = Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/events/_index.md", EVENTS_INDEX)
        .file("content/events/2024-03-05-a.md", &md("title = \"学雷锋\"", "活动。"));
    site = person(site, "zhang-san", "title = \"张三\"");
    site.build_ok();
    let home = site.read("index.html");
    let hrefs: Vec<&str> = attr_values(&home, "href")
        .into_iter()
        .map(|h| h.trim_start_matches("./"))
        .collect();
    for href in [
        "people/index.html",
        "events/index.html",
        "people/zhang-san/index.html",
        "events/2024-03-05-a/index.html",
    ] {
        assert!(hrefs.contains(&href), "{href} missing from {hrefs:?}");
    }
    assert!(home.contains("欢迎。"));
}

#[test]
fn folder_without_index_is_still_a_section() {
    let site = Site::new().file("content/news/a.md", &md("title = \"新闻\"", "内容。"));
    site.build_ok();
    assert!(site.exists("news/index.html"));
    assert!(site.exists("news/a/index.html"));
}

#[test]
fn nested_sections_inherit_the_page_kind() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/2024/_index.md", &md("title = \"2024年度\"", ""))
        .file("content/people/2024/zhang-san.md", &md("title = \"张三\"", "事迹。"));
    site.build_ok();
    assert!(
        site.read("people/2024/zhang-san/index.html")
            .contains("<article class=\"person\">")
    );
}

#[test]
fn person_page_article() {
    let site = Site::new()
        .config("categories = [\"助人为乐\", \"见义勇为\"]")
        .file("content/people/_index.md", PEOPLE_INDEX)
        .bytes("static/photos/zhang.jpg", &jpeg(4, 4))
        .file(
            "content/people/张苗苗.md",
            &md(
                "title = \"张苗苗\"\ndate = 2024-03-05\ncategory = \"助人为乐\"\nregion = \"河西区\"\nunit = \"河西区社区卫生服务中心\"\nlevel = \"市级\"\nhonors = [\"清河好人\"]\ntags = [\"志愿者\"]\nphoto = \"/photos/zhang.jpg\"\nphoto_alt = \"张苗苗在社区为老人量血压\"",
                "张苗苗是一名社区医生。\n她十年如一日，\n照顾社区里的孤寡老人。\n\n## 主要事迹\n\n**风雨无阻。**她说：“能帮就帮。”\n\n## 社会评价\n\n群众称她为“贴心人”。\n\n## 获得荣誉\n\n- 2023年 清河好人\n",
            ),
        )
        .file("content/events/_index.md", EVENTS_INDEX)
        .file("content/events/2024-03-05-xue-lei-feng.md", &md("title = \"学雷锋志愿服务\"\npeople = [\"张苗苗\"]", ""))
        .file("content/awards/_index.md", "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n")
        .file(
            "content/awards/2024.md",
            &md("title = \"2024年度清河好人\"\nyear = 2024\ntier = \"清河好人\"\n\n[[entries]]\n\"姓名\" = \"张苗苗\"", ""),
        );
    site.build_ok();
    let html = site.read("people/zhang-miao-miao/index.html");
    insta::assert_snapshot!("person_page_article", percent_decode(article(&html)));
}

#[test]
fn pipes_in_content_and_static_are_passed_over_and_links_to_them_are_errors() {
    let site = Site::new()
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .dir("static/files");
    for fifo in [
        "content/people/fifo.md",
        "content/people/photo.jpg",
        "static/files/fifo.txt",
    ] {
        let made = std::process::Command::new("mkfifo")
            .arg(site.root().join(fifo))
            .status()
            .unwrap();
        assert!(made.success());
    }
    std::os::unix::fs::symlink(
        site.root().join("static/files/fifo.txt"),
        site.root().join("static/link.txt"),
    )
    .unwrap();
    // A build that waited on a pipe would never end: it runs aside, and
    // the test fails after a minute instead of hanging.
    let (done, result) = std::sync::mpsc::channel();
    let root = site.root().to_path_buf();
    let out = site.out();
    std::thread::spawn(move || {
        let options = laurel::BuildOptions::new(&root);
        let _ = done.send(
            laurel::command::build(&options, &out)
                .map(|_| ())
                .map_err(|e| e.to_string()),
        );
    });
    let result = result
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the build ends");
    let err = result.expect_err("the link to a pipe is an error");
    assert!(
        err.contains("static/link.txt: this is a link to something that is neither a file nor a folder"),
        "{err}"
    );
    assert!(!err.contains("fifo"), "the pipes themselves are passed over: {err}");
}
