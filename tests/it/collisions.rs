//! Outputs: every output path has one source. A static file, a bundle file,
//! an alias or a section on a page laurel makes is an error naming both, found
//! before anything is written; no message names the temporary output folder.

use crate::support::{PEOPLE_INDEX, Site, errors, md, only_error, zh};

/// The one error of a failed build, which must not name the staging folder.
fn clash(site: &Site) -> String {
    let err = site.build_err();
    let text = only_error(&err).to_string();
    assert!(!text.contains("laurel-new") && !text.contains("/tmp"), "{text}");
    assert!(!site.out().exists(), "nothing is written");
    let checked = site.check().expect_err("check finds it too");
    assert_eq!(checked.to_string(), err.to_string());
    text
}

#[test]
fn a_static_file_on_a_page_is_an_error_naming_both() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", ""))
        .file("static/people/zhang-san/index.html", "<p>old</p>");
    let text = clash(&site);
    assert!(
        text.contains("static/people/zhang-san/index.html") && text.contains("content/people/zhang-san.md"),
        "{text}"
    );
    insta::assert_snapshot!("collisions_static_on_page", text);
    insta::assert_snapshot!("collisions_static_on_page_zh", zh(&site.build_err()));
}

#[test]
fn a_static_index_on_the_home_page_is_an_error() {
    let site = Site::new()
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .file("static/index.html", "<p>old home</p>");
    let text = clash(&site);
    assert!(
        text.contains("static/index.html") && text.contains("content/_index.md"),
        "{text}"
    );
}

#[test]
fn a_bundle_file_on_its_page_is_an_error() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/li-si/index.md", &md("title = \"李四\"", ""))
        .file("content/people/li-si/index.html", "<p>old</p>");
    let text = clash(&site);
    assert!(
        text.contains("content/people/li-si/index.html") && text.contains("content/people/li-si/index.md"),
        "{text}"
    );
}

#[test]
fn a_static_file_and_a_content_file_at_one_path_are_an_error() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", ""))
        .file("content/people/a.txt", "one")
        .file("static/people/a.txt", "two");
    let text = clash(&site);
    assert!(
        text.contains("static/people/a.txt") && text.contains("content/people/a.txt"),
        "{text}"
    );
}

#[test]
fn a_static_file_on_the_search_index_is_an_error() {
    let site = Site::new().file("static/search/meta.js", "window.x = 1;");
    let text = clash(&site);
    assert!(
        text.contains("static/search/meta.js") && text.contains("search index"),
        "{text}"
    );
}

#[test]
fn a_static_file_where_pages_need_a_folder_is_an_error() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/a.md", &md("title = \"甲\"", ""))
        .file("static/people", "not a folder");
    let text = clash(&site);
    assert!(
        text.contains("static/people") && text.contains("content/people/"),
        "{text}"
    );
    insta::assert_snapshot!("collisions_file_for_folder", text);
    insta::assert_snapshot!("collisions_file_for_folder_zh", zh(&site.build_err()));
}

#[test]
fn aliases_on_laurels_own_outputs_are_errors() {
    for (alias, what) in [
        ("/404.html", "404 page"),
        ("/search/", "search page"),
        ("/print/", "page of printable boards"),
        ("/atom.xml/", "Atom feed"),
        ("/sitemap.xml", "sitemap"),
    ] {
        let site = Site::new().file(
            "content/a.md",
            &md(&format!("title = \"甲\"\naliases = [\"{alias}\"]"), ""),
        );
        let text = clash(&site);
        assert!(text.contains("content/a.md") && text.contains(what), "{alias}: {text}");
    }
}

#[test]
fn an_alias_on_a_second_list_page_is_an_error() {
    let mut site = Site::new().file(
        "content/people/_index.md",
        "+++\ntitle = \"好人\"\npage_kind = \"person\"\npaginate_by = 1\n+++\n",
    );
    for name in ["a", "b"] {
        site = site.file(&format!("content/people/{name}.md"), &md("title = \"甲\"", ""));
    }
    let site = site.file(
        "content/c.md",
        &md("title = \"丙\"\naliases = [\"/people/page/2/\"]", ""),
    );
    let text = clash(&site);
    assert!(
        text.contains("content/c.md") && text.contains("content/people/_index.md"),
        "{text}"
    );
}

#[test]
fn a_section_at_print_is_an_error_naming_the_boards() {
    let site = Site::new()
        .file("content/print/_index.md", &md("title = \"打印\"", ""))
        .file("content/print/a.md", &md("title = \"说明\"", ""));
    let text = clash(&site);
    assert!(
        text.contains("content/print/_index.md") && text.contains("laurel's page of printable boards"),
        "{text}"
    );
}

#[test]
fn a_page_at_search_still_replaces_the_built_in_page() {
    let site = Site::new().file("content/search.md", &md("title = \"查找\"", "我们的搜索页。"));
    site.build_ok();
    assert!(site.read("search/index.html").contains("我们的搜索页"));
    assert!(site.exists("search/meta.js"), "the index is still written");
}

#[test]
fn every_clash_is_reported_at_once() {
    let site = Site::new()
        .file("content/a.md", &md("title = \"甲\"\naliases = [\"/404.html\"]", ""))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/b.md", &md("title = \"乙\"", ""))
        .file("static/people/b/index.html", "old")
        .file("static/robots.txt", "User-agent: *");
    let err = site.build_err();
    let mut files: Vec<&str> = errors(&err).iter().map(|d| d.file.as_str()).collect();
    files.sort();
    assert_eq!(
        files,
        ["content/a.md", "static/people/b/index.html", "static/robots.txt"],
        "{err}"
    );
}

#[test]
fn laurels_own_outputs_are_named_in_either_language() {
    let err = Site::new()
        .file("static/sitemap.xml", "<urlset/>")
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .build_err();
    insta::assert_snapshot!("collisions_builtin_sitemap", err.to_string());
    insta::assert_snapshot!("collisions_builtin_sitemap_zh", zh(&err));
    let err = Site::new()
        .file("content/print/_index.md", &md("title = \"打印\"", ""))
        .file("content/print/a.md", &md("title = \"说明\"", ""))
        .build_err();
    insta::assert_snapshot!("collisions_builtin_print_zh", zh(&err));
}
