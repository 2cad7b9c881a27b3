//! The wording check: wrong forms from `data/wording.toml` and the built-in
//! list, each a warning with file, line, column and the right form; never
//! in code or URLs.

use laurel::Diagnostic;

use crate::support::{Site, md, only_error};

/// A day the pages below are fresh on, so only wording is found.
const DAY: &str = "2024-03-10";

fn site_with(body: &str) -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/a.md", &md("title = \"甲\"\ndate = 2024-03-05", body))
}

fn warnings(site: &Site) -> Vec<Diagnostic> {
    site.check_on(DAY, false)
        .unwrap_or_else(|err| panic!("check failed:\n{err}"))
        .warnings
}

#[test]
fn a_built_in_wrong_form_warns_with_line_column_and_the_right_form() {
    let site = site_with("第一段。\n\n大家ab再接再励，迫不急待。\n");
    let list = warnings(&site);
    let shown: Vec<String> = list.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        shown,
        [
            "warning: content/a.md:7:5: 再接再励 should be 再接再厉\n  hint: write 再接再厉; if 再接再励 is right here, add \"再接再励\" = \"\" to data/wording.toml",
            "warning: content/a.md:7:10: 迫不急待 should be 迫不及待\n  hint: write 迫不及待; if 迫不急待 is right here, add \"迫不急待\" = \"\" to data/wording.toml",
        ]
    );
    assert_eq!(list[0].column, Some(5));
}

#[test]
fn the_sites_own_list_adds_pairs_and_turns_built_in_ones_off() {
    let site = site_with("本市文明办联合开展活动，再接再励。\n").file(
        "data/wording.toml",
        "\"文明办\" = \"文明委办公室\"\n\"再接再励\" = \"\"\n",
    );
    let list = warnings(&site);
    let [hit] = &list[..] else {
        panic!("expected one warning: {list:?}")
    };
    assert_eq!(
        (hit.file.as_str(), hit.line, hit.column),
        ("content/a.md", Some(5), Some(3))
    );
    assert!(hit.message.contains("文明办 should be 文明委办公室"), "{hit}");
}

#[test]
fn code_and_urls_are_not_checked() {
    let body = "`再接再励`\n\n```\n再接再励\n```\n\n    再接再励\n\n[链接](https://example.org/再接再励) <https://example.org/走头无路>\n\n<!-- 再接再励 -->\n";
    assert!(warnings(&site_with(body)).is_empty());
    // Link text and headings and tables are prose.
    let body = "## 再接再励\n\n[再接再励](https://example.org/)\n\n| 列 |\n|---|\n| 走头无路 |\n";
    assert_eq!(warnings(&site_with(body)).len(), 3);
}

#[test]
fn section_text_is_checked_too_and_strict_makes_hits_errors() {
    let site = site_with("正文。").file("content/_index.md", &md("title = \"首页\"", "欢迎，\n警钟常鸣。"));
    let list = warnings(&site);
    let [hit] = &list[..] else {
        panic!("expected one warning: {list:?}")
    };
    assert_eq!(
        (hit.file.as_str(), hit.line, hit.column),
        ("content/_index.md", Some(5), Some(1))
    );
    let err = site.check_on(DAY, true).expect_err("strict");
    assert!(only_error(&err).message.contains("警钟长鸣"));
}

#[test]
fn a_bad_wording_file_is_an_error_at_its_line() {
    let site = site_with("正文。").file("data/wording.toml", "\"甲\" = \"乙\"\n\"丙\" = 1\n");
    let err = site.check_on(DAY, false).expect_err("bad wording file");
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("data/wording.toml", Some(2)), "{d}");
    let err = site.build().expect_err("build fails too");
    assert_eq!(only_error(&err).file, "data/wording.toml");
}
