//! The real `laurel` binary: build, check, new, init, --help, exit codes.

use std::process::Output;

use crate::support::{PEOPLE_INDEX, Site, files_under, jpeg, laurel_in_english, md};

/// Runs laurel with these arguments, in an English environment.
fn laurel(args: &[&str]) -> Output {
    laurel_in_english().args(args).output().expect("run laurel")
}

fn laurel_in(site: &Site, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    let root = site.root().to_str().expect("utf-8 temp path");
    all.extend(["--root", root]);
    laurel(&all)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn good_site() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"", "见[李四](li-si.md)。"),
        )
        .file(
            "content/people/li-si.md",
            &md("title = \"李四\"\ndraft = true", "草稿。"),
        )
}

#[test]
fn build_exits_0_and_prints_a_summary() {
    let site = good_site();
    let out = laurel_in(&site, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("built 1 page (") && !text.contains("1 pages"), "{text}");
    assert!(site.exists("people/zhang-san/index.html"));
}

#[test]
fn build_with_drafts_includes_them() {
    let site = good_site();
    let out = laurel_in(&site, &["build", "--drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(site.exists("people/li-si/index.html"));
}

#[test]
fn build_writes_to_the_output_option_relative_to_the_root() {
    let site = good_site();
    let out = laurel_in(
        &site,
        &["build", "-o", "dist", "--base-url", "https://haoren.example.net/"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(site.root().join("dist/people/zhang-san/index.html").is_file());
    let sitemap = std::fs::read_to_string(site.root().join("dist/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("https://haoren.example.net/people/zhang-san/index.html"),
        "{sitemap}"
    );
}

#[test]
fn build_error_exits_1_with_messages_on_stderr() {
    let site = good_site().file(
        "content/people/wang-wu.md",
        &md("title = \"王五\"\nregoin = \"河西区\"", ""),
    );
    let out = laurel_in(&site, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: content/people/wang-wu.md:3:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(!err.contains(site.root().to_str().unwrap()), "absolute path in {err}");
    assert!(!stdout(&out).contains("built"), "{}", stdout(&out));
    assert!(!site.out().exists());
}

#[test]
fn build_warns_about_a_broken_link_but_succeeds() {
    let site = good_site();
    let out = laurel_in(&site, &["build"]);
    assert_eq!(out.status.code(), Some(0));
    // li-si is a draft, so the link to it is broken.
    let err = stderr(&out);
    assert!(err.contains("warning: content/people/zhang-san.md:4:"), "{err}");
}

#[test]
fn check_fails_on_a_broken_link() {
    let site = good_site();
    let out = laurel_in(&site, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("error: content/people/zhang-san.md:4:"), "{err}");
    assert!(err.contains("li-si.md"), "{err}");
    assert!(!site.out().exists(), "check writes nothing");
}

#[test]
fn check_reports_every_problem_in_one_run() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/bad.md",
            &md("title = \"坏\"\nno_such_field = 1", "事迹。"),
        )
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\nphoto = \"/photos/zhang.jpg\"", "事迹。"),
        )
        .bytes("static/photos/zhang.jpg", b"this is not a picture")
        .file(
            "content/people/li-si.md",
            &md("title = \"李四\"", "见[王五](wang-wu.md)和[坏](bad.md)。"),
        );
    let out = laurel_in(&site, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: content/people/bad.md:3:"),
        "the front matter: {err}"
    );
    assert!(
        err.contains("error: content/people/zhang-san.md:3:"),
        "the photo: {err}"
    );
    assert!(err.contains("static/photos/zhang.jpg"), "{err}");
    assert!(err.contains("error: content/people/li-si.md:4:"), "the link: {err}");
    assert!(err.contains("wang-wu.md"), "{err}");
    assert!(
        !err.contains("there is no content/people/bad.md"),
        "bad.md exists: {err}"
    );
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn check_writes_nothing_into_the_site() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nphoto = \"/photos/zhang.jpg\"\nphoto_alt = \"张三\"",
                "事迹。",
            ),
        )
        .bytes("static/photos/zhang.jpg", &jpeg(400, 300));
    let before = files_under(site.root());
    let out = laurel_in(&site, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = files_under(site.root());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "check adds no file"
    );
    assert!(before == after, "check changes no file");
    assert!(!site.root().join(".laurel-cache").exists());
}

#[test]
fn check_passes_with_drafts_and_says_so() {
    let site = good_site();
    let out = laurel_in(&site, &["check", "--drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("checked 2 pages"), "{}", stdout(&out));
}

#[test]
fn outside_a_site_the_error_says_how_to_start_one() {
    let site = Site::bare();
    let out = laurel_in(&site, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("laurel.toml") && err.contains("laurel init"), "{err}");
}

#[test]
fn new_person_writes_a_file_with_its_pinyin_slug() {
    let site = good_site().config("categories = [\"助人为乐\", \"见义勇为\"]");
    let out = laurel_in(&site, &["new", "person", "张三丰"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("content/people/zhang-san-feng.md"),
        "{}",
        stdout(&out)
    );
    let text = site.source("content/people/zhang-san-feng.md");
    assert!(text.starts_with("+++\n"), "{text}");
    assert!(text.contains("title = \"张三丰\""), "{text}");
    assert!(text.contains("slug = \"zhang-san-feng\""), "{text}");
    assert!(
        text.contains("类别，可选：助人为乐、见义勇为"),
        "notes in the site's language: {text}"
    );
    site.build_ok();
    assert!(site.exists("people/zhang-san-feng/index.html"));
}

#[test]
fn new_person_reads_the_first_character_as_a_surname() {
    let site = good_site();
    let out = laurel_in(&site, &["new", "person", "曾秀兰"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        site.source("content/people/zeng-xiu-lan.md")
            .contains("slug = \"zeng-xiu-lan\"")
    );
}

#[test]
fn new_of_each_kind_builds() {
    let site = good_site();
    for (kind, title) in [
        ("award", "2024年度好人榜"),
        ("event", "学雷锋志愿服务"),
        ("page", "关于本站"),
    ] {
        let out = laurel_in(&site, &["new", kind, title]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
    }
    let out = laurel_in(&site, &["new", "person", "王五", "--section", "people/2024"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(site.root().join("content/people/2024/wang-wu.md").is_file());
    assert!(site.root().join("content/guan-yu-ben-zhan.md").is_file());
    let events: Vec<_> = std::fs::read_dir(site.root().join("content/events")).unwrap().collect();
    assert_eq!(events.len(), 1);
    let report = site.build_ok();
    assert_eq!(report.pages, 5, "{report:?}");
}

#[test]
fn new_writes_only_inside_content() {
    let site = good_site().dir("content/people");
    // Beside the site, under a name of its own: no other run writes there.
    let name = site.root().file_name().unwrap().to_string_lossy().into_owned();
    let outside = site.root().parent().unwrap().join(format!("{name}-outside"));
    let escape = format!("../../{name}-outside");
    for section in [escape.as_str(), "people/../../x", "./people", ".hidden"] {
        let out = laurel_in(&site, &["new", "person", "王五", "--section", section]);
        assert!(!out.status.success(), "{section}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is not a folder inside content/"),
            "{section}: {}",
            stderr(&out)
        );
    }
    assert!(!outside.exists());
    assert!(!site.root().join("x").exists());
    // A dangling link where the file would go is not followed.
    let target = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        target.path().join("planted.md"),
        site.root().join("content/people/wang-wu.md"),
    )
    .unwrap();
    let out = laurel_in(&site, &["new", "person", "王五"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("the file already exists"), "{}", stderr(&out));
    assert!(!target.path().join("planted.md").exists());
}

#[test]
fn new_writes_every_field_of_a_declared_kind() {
    let site = good_site()
        .config("[kinds.unit]\n[kinds.unit.fields.address]\nlabel = \"地址\"\nrequired = true\n[kinds.unit.fields.since]\nlabel = \"命名年份\"\ntype = \"year\"")
        .file("content/danwei/_index.md", "+++\ntitle = \"文明单位\"\npage_kind = \"unit\"\n+++\n");
    let out = laurel_in(&site, &["new", "unit", "清河中学"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = site.source("content/danwei/qing-he-zhong-xue.md");
    assert!(text.contains("kind = \"unit\"\n"), "{text}");
    assert!(text.contains("\naddress = \"\"  # 地址\n"), "{text}");
    assert!(text.contains("\n# since = "), "{text}");

    let out = laurel_in(&site, &["new", "hero", "张三"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("person, award, event, page, unit"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_refuses_to_overwrite() {
    let site = good_site();
    let out = laurel_in(&site, &["new", "person", "张三"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("content/people/zhang-san.md"), "{}", stderr(&out));
    assert!(
        site.source("content/people/zhang-san.md")
            .contains("见[李四](li-si.md)。")
    );
}

#[test]
fn init_writes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("haoren");
    let root_str = root.to_str().unwrap();
    let out = laurel(&["init", root_str]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(root.join("laurel.toml").is_file());
    let out = laurel(&["build", "--root", root_str]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "a new site builds without warnings: {}",
        stderr(&out)
    );
    assert!(root.join("public/index.html").is_file());
    let out = laurel(&["check", "--root", root_str]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The commented [publisher] block works once its `# ` marks are taken out.
    let config = std::fs::read_to_string(root.join("laurel.toml")).unwrap();
    let (head, block) = config
        .split_once("# [publisher]")
        .expect("a commented [publisher] block");
    let uncommented = format!("{head}[publisher]{}", block.replace("\n# ", "\n"));
    std::fs::write(root.join("laurel.toml"), uncommented).unwrap();
    let out = laurel(&["build", "--root", root_str]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(
        home.contains("冀ICP备12345678号-1") && home.contains("主办单位"),
        "{home}"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = good_site();
    let out = laurel(&["init", site.root().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(site.source("content/people/zhang-san.md").contains("张三"));
}

#[test]
fn every_command_has_help() {
    for (args, expect) in [
        (&["--help"][..], &["build", "check", "new", "init"][..]),
        (
            &["build", "--help"],
            &["--root", "--output", "--base-url", "--drafts", "--date"],
        ),
        (&["check", "--help"], &["--root", "--drafts"]),
        (
            &["new", "--help"],
            &["person", "award", "event", "page", "--section", "--root"],
        ),
        (&["init", "--help"], &["DIR"]),
        (&["help", "build"], &["--root"]),
    ] {
        let out = laurel(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        for word in expect {
            assert!(text.contains(word), "{args:?} help lacks {word}:\n{text}");
        }
    }
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(laurel(&["publish"]).status.code(), Some(2));
    assert_eq!(laurel(&["build", "--date", "2024-13-01"]).status.code(), Some(2));
}

#[test]
fn build_date_option_sets_the_notice_window() {
    let site = Site::new().file(
        "content/awards/2024.md",
        &md(
            "title = \"拟表彰名单\"\nkind = \"award\"\nnotice_start = 2024-12-01\nnotice_end = 2024-12-07\nnotice_contact = \"0311-12345678\"\n\n[[entries]]\n\"姓名\" = \"张三\"",
            "",
        ),
    );
    let out = laurel_in(&site, &["build", "--date", "2024-12-03"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(site.read("awards/2024/index.html").contains("0311-12345678"));
    let out = laurel_in(&site, &["build", "--date", "2025-01-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!site.read("awards/2024/index.html").contains("0311-12345678"));
}

#[test]
fn build_that_panics_exits_1_with_one_message_and_keeps_the_output() {
    use crate::watch::{panicking_workbook, workbook_of, xlsx_award_site};
    let site = xlsx_award_site(&workbook_of("张三"));
    assert!(laurel_in(&site, &["build"]).status.success());
    site.write("content/awards/2024.xlsx", &panicking_workbook());
    let out = laurel_in_english()
        .args(["build", "--root"])
        .arg(site.root())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run laurel");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    // One message in laurel's words, not Rust's report of a panic.
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(site.read("awards/2024/index.html").contains("张三"));
}

#[test]
fn a_full_terminal_fails_no_build() {
    let site = good_site();
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("laurel"))
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(full())
        .stderr(full())
        .status()
        .unwrap();
    assert!(out.success(), "{out:?}");
    assert!(site.exists("index.html"));
}
