//! What a government-website inspection checks, in `laurel check` (errors
//! for empty sections, warnings otherwise, all errors with `--strict`) and
//! as warnings in `laurel build`; all relative to `--date`.

use laurel::{Diagnostic, Severity};

use crate::support::{PEOPLE_INDEX, Site, errors, laurel_in_english, md};

const EVENTS_INDEX: &str = "+++\ntitle = \"活动报道\"\npage_kind = \"event\"\n+++\n";

/// A site that passes every rule on 2024-03-10: every section has a page,
/// every event a date, the newest from 2024-03-05.
fn fresh_site() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/about.md", &md("title = \"关于\"", "本站。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", "事迹。"))
        .file("content/events/_index.md", EVENTS_INDEX)
        .file("content/events/2024-03-01-a.md", &md("title = \"活动甲\"", "活动。"))
        .file("content/events/2024-03-05-b.md", &md("title = \"活动乙\"", "活动。"))
}

const DAY: &str = "2024-03-10";

/// The diagnostics of a check that failed, or the warnings of one that passed.
fn findings(site: &Site, date: &str) -> Vec<Diagnostic> {
    match site.check_on(date, false) {
        Ok(report) => report.warnings,
        Err(err) => err.diagnostics().to_vec(),
    }
}

fn about<'a>(list: &'a [Diagnostic], file: &str, words: &str) -> Vec<&'a Diagnostic> {
    list.iter()
        .filter(|d| d.file == file && d.message.contains(words))
        .collect()
}

#[test]
fn a_fresh_site_passes_every_rule() {
    let site = fresh_site();
    let report = site.check_on(DAY, true).unwrap_or_else(|err| panic!("{err}"));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(site.build_on(DAY).warnings.is_empty());
}

#[test]
fn an_empty_section_fails_check_and_warns_in_build() {
    let site = fresh_site()
        .file("content/notices/_index.md", "+++\ntitle = \"通知公告\"\n+++\n")
        .file("content/awards/_index.md", "+++\ntitle = \"光荣榜\"\n+++\n")
        .file(
            "content/awards/draft.md",
            &md("title = \"草稿\"\ndraft = true", "草稿。"),
        );
    let err = site.check_on(DAY, false).expect_err("empty sections fail check");
    let files: Vec<&str> = errors(&err).iter().map(|d| d.file.as_str()).collect();
    assert_eq!(
        files,
        ["content/awards/_index.md", "content/notices/_index.md"],
        "{err}"
    );
    assert!(err.to_string().contains("通知公告 has no published page"), "{err}");

    let report = site.build_on(DAY);
    assert_eq!(report.empty_sections.len(), 2, "{:?}", report.empty_sections);
    assert!(report.empty_sections.iter().all(|w| w.severity == Severity::Warning));
    assert!(site.exists("notices/index.html"), "the build still writes the site");
}

#[test]
fn a_section_with_pages_only_in_subsections_is_not_empty() {
    let site = fresh_site()
        .file("content/awards/_index.md", "+++\ntitle = \"光荣榜\"\n+++\n")
        .file("content/awards/2024/_index.md", "+++\ntitle = \"2024年\"\n+++\n")
        .file("content/awards/2024/a.md", &md("title = \"名单\"", "名单。"));
    site.check_on(DAY, false).unwrap_or_else(|err| panic!("{err}"));
}

#[test]
fn update_every_warns_once_it_has_passed_since_the_newest_page() {
    let site = fresh_site().file(
        "content/events/_index.md",
        "+++\ntitle = \"活动报道\"\npage_kind = \"event\"\nupdate_every = \"14d\"\n+++\n",
    );
    let on = |date| about(&findings(&site, date), "content/events/_index.md", "every 14d").len();
    assert_eq!(on("2024-03-19"), 0, "14 days after the newest page is still in time");
    let list = findings(&site, "2024-03-20");
    let [stale] = about(&list, "content/events/_index.md", "every 14d")[..] else {
        panic!("expected one stale-section warning: {list:?}")
    };
    assert_eq!(stale.severity, Severity::Warning);
    assert_eq!(stale.line, Some(4), "{stale}");
    assert!(stale.message.contains("2024-03-05"), "{stale}");
}

#[test]
fn update_every_counts_updated_and_pages_of_subsections() {
    let site = fresh_site()
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动报道\"\npage_kind = \"event\"\nupdate_every = \"1m\"\n+++\n",
        )
        .file(
            "content/events/2023-01-01-c.md",
            &md("title = \"活动丙\"\nupdated = 2024-06-01", "活动。"),
        )
        .file(
            "content/events/2025/2025-01-01-d.md",
            &md("title = \"活动丁\"", "活动。"),
        );
    assert!(about(&findings(&site, "2025-01-31"), "content/events/_index.md", "every").is_empty());
    assert_eq!(
        about(&findings(&site, "2025-02-02"), "content/events/_index.md", "every").len(),
        1
    );
}

#[test]
fn a_bad_update_every_is_an_error_at_its_line() {
    let site = fresh_site().file(
        "content/events/_index.md",
        "+++\ntitle = \"活动报道\"\nupdate_every = \"两周\"\n+++\n",
    );
    let err = site.check_on(DAY, false).expect_err("bad period");
    let d = crate::support::only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/events/_index.md", Some(3)), "{d}");
    assert!(d.message.contains("两周"), "{d}");
}

#[test]
fn a_home_page_whose_newest_item_is_older_than_14_days_warns() {
    let site = fresh_site();
    assert!(findings(&site, "2024-03-19").is_empty());
    let list = findings(&site, "2024-03-20");
    let [stale] = &list[..] else {
        panic!("expected one warning: {list:?}")
    };
    assert_eq!(stale.file, "content/_index.md");
    assert!(
        stale.message.contains("2024-03-05, 15 days before 2024-03-20"),
        "{stale}"
    );
    // `updated` on any page makes it fresh again.
    let site = site.file(
        "content/about.md",
        &md("title = \"关于\"\nupdated = 2024-03-18", "本站。"),
    );
    assert!(findings(&site, "2024-03-20").is_empty());
}

#[test]
fn an_undated_page_in_a_dated_section_warns() {
    let site = fresh_site().file("content/events/c.md", &md("title = \"活动丙\"", "活动。"));
    let list = findings(&site, DAY);
    let [undated] = &list[..] else {
        panic!("expected one warning: {list:?}")
    };
    assert_eq!(undated.file, "content/events/c.md");
    assert!(undated.message.contains("no date"), "{undated}");
    // People are not dated: most have no date.
    let site = fresh_site().file("content/people/li-si.md", &md("title = \"李四\"", "事迹。"));
    assert!(findings(&site, DAY).is_empty());
    // A section with `update_every` is dated, however few of its pages have a date.
    let site = site.file(
        "content/people/_index.md",
        "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\nupdate_every = \"1y\"\n+++\n",
    );
    let list = findings(&site, DAY);
    assert_eq!(about(&list, "content/people/li-si.md", "no date").len(), 1, "{list:?}");
    assert_eq!(
        about(&list, "content/people/zhang-san.md", "no date").len(),
        1,
        "{list:?}"
    );
}

#[test]
fn http_images_scripts_and_stylesheets_warn() {
    let site = fresh_site()
        .config("allow_html = true")
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nphoto = \"http://img.example.org/a.jpg\"\nphoto_alt = \"张三在社区\"",
                "事迹。\n\n![合影](http://img.example.org/b.jpg)\n\n<script src=\"http://cdn.example.org/a.js\"></script>\n\n[来源](http://news.example.org/) ![安全](https://img.example.org/c.jpg)\n",
            ),
        );
    let list = findings(&site, DAY);
    let found: Vec<(Option<usize>, bool)> = list
        .iter()
        .map(|d| {
            (
                d.line,
                d.message.contains("http://") && d.file == "content/people/zhang-san.md",
            )
        })
        .collect();
    assert_eq!(found, [(Some(8), true), (Some(10), true), (Some(3), true)], "{list:?}");
    assert!(list[0].message.contains("http://img.example.org/b.jpg"), "{}", list[0]);
}

#[test]
fn strict_turns_every_warning_into_an_error() {
    let site = fresh_site().file("content/events/c.md", &md("title = \"活动丙\"", "再接再励。"));
    let report = site.check_on(DAY, false).expect("warnings alone pass");
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    let err = site.check_on(DAY, true).expect_err("strict fails on warnings");
    assert_eq!(errors(&err).len(), 2, "{err}");
}

#[test]
fn one_run_reports_every_finding() {
    let site = fresh_site()
        .file("content/notices/_index.md", "+++\ntitle = \"通知公告\"\n+++\n")
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动报道\"\nupdate_every = \"14d\"\n+++\n",
        )
        .file(
            "content/events/c.md",
            &md("title = \"活动丙\"", "![图](http://a.cn/1.jpg)\n\n警钟常鸣。"),
        )
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"", "见[李四](li-si.md)。"),
        );
    let err = site.check_on("2025-01-01", false).expect_err("fails");
    let text = err.to_string();
    for expected in [
        "error: content/notices/_index.md: the section 通知公告 has no published page",
        "error: content/people/zhang-san.md:4: broken link li-si.md",
        "warning: content/events/_index.md:3: the section 活动报道 is to be updated every 14d",
        "warning: content/_index.md: the home page's newest item is from 2024-03-05",
        "warning: content/events/c.md: the page has no date",
        "warning: content/events/c.md:4: http://a.cn/1.jpg loads over plain http://",
        "warning: content/events/c.md:6:1: 警钟常鸣 should be 警钟长鸣",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(err.diagnostics().len(), 7, "{text}");
}

#[test]
fn the_command_line_takes_date_and_strict() {
    let site = fresh_site();
    let root = site.root().to_str().expect("utf-8 temp path");
    let check = |args: &[&str]| {
        laurel_in_english()
            .args(["check", "--root", root])
            .args(args)
            .output()
            .expect("run laurel")
    };
    let out = check(&["--date", DAY, "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = check(&["--date", "2025-01-01"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: content/_index.md"));
    let out = check(&["--date", "2025-01-01", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: content/_index.md"));
    let out = check(&["--date", "2025-13-01"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses a bad date");
}
