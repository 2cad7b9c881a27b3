//! Errors across the site: every one names a root-relative file and its
//! line, says what to change, and all of them come in one run.

use laurel::{Diagnostic, Severity};

use crate::support::{PEOPLE_INDEX, Site, errors, md, only_error, zh};

/// A site with several independent mistakes, one per file.
fn broken_site() -> Site {
    Site::new()
        .config("categories = [\"助人为乐\", \"见义勇为\"]")
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/a.md",
            &md("title = \"甲\"\ncategory = \"乐于助人\"", ""),
        )
        .file("content/people/b.md", "---\ntitle: 乙\n---\n")
        .file(
            "content/people/c.md",
            &md("title = \"丙\"\nphoto = \"/photos/c.jpg\"", ""),
        )
        .file("content/events/d.md", &md("title = \"丁\"\ndate = 2024-02-30", ""))
        .file(
            "content/awards/e.md",
            &md("title = \"戊\"\nkind = \"award\"\ndata = \"e.xlsx\"", ""),
        )
        .file("content/f.md", &md("titel = \"己\"", ""))
}

#[test]
fn every_bad_file_is_reported_at_once_with_file_and_line() {
    let site = broken_site();
    let err = site.build_err();
    let list = errors(&err);
    let mut found: Vec<(&str, Option<usize>)> = list.iter().map(|d| (d.file.as_str(), d.line)).collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("content/awards/e.md", Some(4)),
            ("content/events/d.md", Some(3)),
            ("content/f.md", Some(2)),
            ("content/people/a.md", Some(3)),
            ("content/people/b.md", Some(1)),
            ("content/people/c.md", Some(3)),
        ],
        "{err}"
    );
    assert!(!site.out().exists(), "nothing is written");
}

#[test]
fn no_message_holds_an_absolute_path_or_a_rust_type() {
    let site = broken_site();
    let err = site.build_err();
    let root = site.root().to_string_lossy().into_owned();
    for d in errors(&err) {
        let text = d.to_string();
        assert!(!text.contains(&root), "absolute path in: {text}");
        assert!(!text.contains("/tmp"), "absolute path in: {text}");
        assert!(
            !text.contains("laurel::") && !text.contains("Spanned"),
            "Rust type in: {text}"
        );
    }
}

#[test]
fn display_format_names_file_line_and_hint() {
    let d = Diagnostic::error("content/a.md", "missing `title`")
        .at_line(2)
        .hint("add it");
    assert_eq!(d.to_string(), "error: content/a.md:2: missing `title`\n  hint: add it");
    let w = Diagnostic::warning("content/a.md", "broken link");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.to_string(), "warning: content/a.md: broken link");
}

#[test]
fn missing_photo_is_an_error_at_the_photo_line() {
    let err = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/a.md",
            &md("title = \"甲\"\nregion = \"河西区\"\nphoto = \"/photos/a.jpg\"", ""),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/people/a.md", Some(4)));
    assert!(d.message.contains("/photos/a.jpg"), "{d}");
    insta::assert_snapshot!("errors_missing_photo", err.to_string());
    insta::assert_snapshot!("errors_missing_photo_zh", zh(&err));
}

#[test]
fn impossible_date_is_an_error() {
    let err = Site::new()
        .file("content/a.md", &md("title = \"甲\"\ndate = 2024-02-30", ""))
        .build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/a.md", Some(3)));
    insta::assert_snapshot!("errors_bad_date", err.to_string());
    insta::assert_snapshot!("errors_bad_date_zh", zh(&err));
}

#[test]
fn missing_content_folder_is_an_error() {
    let site = Site::bare().file("laurel.toml", crate::support::CONFIG);
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content");
    assert!(d.hint.is_some(), "{d}");
}

#[test]
fn errors_in_section_indexes_are_reported() {
    let err = Site::new()
        .file(
            "content/people/_index.md",
            "+++\ntitle = \"好人\"\npage_kind = \"hero\"\n+++\n",
        )
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动\"\npaginate_by = 0\n+++\n",
        )
        .build_err();
    let mut places: Vec<(&str, Option<usize>)> = errors(&err).iter().map(|d| (d.file.as_str(), d.line)).collect();
    places.sort();
    assert_eq!(
        places,
        [
            ("content/events/_index.md", Some(3)),
            ("content/people/_index.md", Some(3))
        ],
        "{err}"
    );
}

#[test]
fn editor_backup_and_hidden_files_are_not_pages() {
    let site = Site::new()
        .file("content/a.md", &md("title = \"甲\"", ""))
        .file("content/.a.md.swp", "garbage")
        .file("content/a.md~", "garbage")
        .file("content/.hidden.md", "garbage");
    site.build_ok();
    assert!(site.exists("a/index.html"));
}

#[test]
fn check_reports_what_build_reports() {
    let site = broken_site();
    // The same errors; check adds the warnings of what did load.
    let shown = |err: &laurel::Error| {
        let mut all: Vec<String> = errors(err).iter().map(|d| d.to_string()).collect();
        all.sort();
        all
    };
    let built = site.build_err();
    let checked = site.check().expect_err("check fails");
    assert_eq!(shown(&built), shown(&checked));
}

#[test]
fn check_passes_a_good_site_and_writes_nothing() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/a.md", &md("title = \"甲\"", "见[乙](b.md)。"))
        .file("content/people/b.md", &md("title = \"乙\"", ""));
    let report = site.check().expect("check passes");
    assert_eq!(report.pages, 2);
    assert!(report.warnings.is_empty());
    assert!(!site.out().exists());
}

#[test]
fn an_alias_cannot_write_outside_the_output_folder() {
    // One level up from the output's staging folder is still inside the
    // temporary site, so a failing test leaves nothing behind.
    let site = Site::new().file(
        "content/a.md",
        &md("title = \"甲\"\naliases = [\"/../escape/\", \"../elsewhere.html\"]", ""),
    );
    let result = site.build();
    let root = site.root();
    assert!(
        !root.join("escape").exists(),
        "an alias wrote {}",
        root.join("escape").display()
    );
    assert!(
        !root.join("elsewhere.html").exists(),
        "an alias wrote outside the output"
    );
    let err = result.expect_err("an alias leaving the site is an error");
    assert_eq!(errors(&err)[0].file, "content/a.md", "{err}");
}

#[cfg(unix)]
#[test]
fn a_linked_folder_in_content_or_static_is_an_error_naming_it() {
    let site = Site::new()
        .file("content/a.md", &md("title = \"甲\"", ""))
        .file("elsewhere/b.md", &md("title = \"乙\"", ""))
        .file("elsewhere/c.txt", "c");
    std::os::unix::fs::symlink(site.root().join("elsewhere"), site.root().join("content/linked")).unwrap();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(site.root().join("elsewhere"), site.root().join("static/files")).unwrap();
    let err = site.build_err();
    let mut files: Vec<&str> = errors(&err).iter().map(|d| d.file.as_str()).collect();
    files.sort();
    assert_eq!(files, ["content/linked", "static/files"], "{err}");
    assert!(!err.to_string().contains("laurel-new"), "{err}");
    insta::assert_snapshot!("errors_linked_folder", err.to_string());
    insta::assert_snapshot!("errors_linked_folder_zh", zh(&err));
}

#[test]
fn a_static_file_gone_before_it_is_copied_is_named_by_its_source() {
    let site = Site::new()
        .file("content/a.md", &md("title = \"甲\"", ""))
        .file("static/files/a.txt", "a");
    let options = site.options();
    let loaded = laurel::site::Site::load(&options).expect("load");
    let theme = laurel::theme::Theme::load(site.root(), "default").expect("theme");
    std::fs::remove_file(site.root().join("static/files/a.txt")).unwrap();
    let staging = laurel::output::Staging::create(site.root(), &site.out()).expect("staging");
    let err = match laurel::render::render_site_to(&loaded, &theme, laurel::render::Sink::Folder(&staging)) {
        Ok(_) => panic!("the copy of a missing file succeeded"),
        Err(err) => err.to_string(),
    };
    assert!(err.starts_with("cannot copy static/files/a.txt: "), "{err}");
    assert!(!err.contains("laurel-new") && !err.contains("/tmp"), "{err}");
}

#[test]
fn a_missing_section_template_names_the_section() {
    let err = Site::new()
        .file(
            "content/people/_index.md",
            "+++\ntitle = \"好人\"\ntemplate = \"nope.html\"\n+++\n",
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/_index.md", "{err}");
    assert!(d.message.contains("nope.html"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_linked_file_in_content_or_static_is_copied_as_that_file() {
    let site = Site::new()
        .file("content/a.md", &md("title = \"甲\"", ""))
        .file("elsewhere/c.txt", "c");
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(site.root().join("elsewhere/c.txt"), site.root().join("static/c.txt")).unwrap();
    std::os::unix::fs::symlink(site.root().join("elsewhere/c.txt"), site.root().join("content/d.txt")).unwrap();
    site.build_ok();
    assert_eq!(site.read("c.txt"), "c");
    assert_eq!(site.read("d.txt"), "c");
}

#[test]
fn an_io_error_names_its_path_from_the_site_root() {
    let site = Site::new()
        .file("content/a.md", &md("title = \"甲\"", ""))
        .file("blocker", "a file where the output's parent folder should be");
    let err = laurel::command::build(&site.options(), &site.root().join("blocker/public"))
        .expect_err("no folder can be made under a file");
    let text = err.to_string();
    assert!(text.starts_with("cannot create blocker: "), "{text}");
    assert!(!text.contains(&*site.root().to_string_lossy()), "{text}");
}

#[test]
fn month_out_of_range_is_an_error_in_either_language() {
    let err = Site::new()
        .file("content/a.md", &md("title = \"甲\"\ndate = 2024-13-05", ""))
        .build_err();
    assert_eq!(only_error(&err).line, Some(3), "{err}");
    insta::assert_snapshot!("errors_bad_month", err.to_string());
    insta::assert_snapshot!("errors_bad_month_zh", zh(&err));
}

#[test]
fn photo_that_is_not_an_image_is_named_in_either_language() {
    let err = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("static/photos/a.jpg", "这不是照片")
        .file(
            "content/people/a.md",
            &md(
                "title = \"甲\"\nphoto = \"/photos/a.jpg\"\nphoto_alt = \"甲的照片\"",
                "",
            ),
        )
        .build_err();
    assert_eq!(only_error(&err).line, Some(3), "{err}");
    insta::assert_snapshot!("errors_photo_not_an_image", err.to_string());
    insta::assert_snapshot!("errors_photo_not_an_image_zh", zh(&err));
}

#[test]
fn cut_off_photo_is_named_in_either_language() {
    let photo = crate::support::jpeg(64, 48);
    let err = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .bytes("static/photos/a.jpg", &photo[..photo.len() / 2])
        .file(
            "content/people/a.md",
            &md(
                "title = \"甲\"\nphoto = \"/photos/a.jpg\"\nphoto_alt = \"甲的照片\"",
                "",
            ),
        )
        .build_err();
    insta::assert_snapshot!("errors_photo_cut_off", err.to_string());
    insta::assert_snapshot!("errors_photo_cut_off_zh", zh(&err));
}
