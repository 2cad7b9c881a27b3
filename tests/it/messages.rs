//! Messages in Chinese or English: the site's `language` decides; without
//! one (or without a readable `laurel.toml`), `LC_ALL`, `LC_MESSAGES` or `LANG`.

use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

use crate::support::{PEOPLE_INDEX, Site, md};

/// Runs laurel in `site` with `LANG` set to `lang` (and no other locale variable).
fn laurel_with_lang(site: &Site, lang: &str, args: &[&str]) -> Output {
    let root = site.root().to_str().expect("utf-8 temp path");
    cargo_bin_cmd!("laurel")
        .args(args)
        .args(["--root", root])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("run laurel")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A site whose laurel.toml says `language` (or nothing, for `None`), with a
/// page that has an empty file.
fn broken_site(language: Option<&str>) -> Site {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/a.md", "");
    match language {
        Some(tag) => site.config(&format!("language = \"{tag}\"")),
        None => site,
    }
}

#[test]
fn a_chinese_site_speaks_chinese_whatever_lang_says() {
    let out = laurel_with_lang(&broken_site(Some("zh-CN")), "en_US.UTF-8", &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "错误：content/people/a.md 第 1 行：这个文件是空的\n  \
         提示：请在开头写上文件头：一行 `+++`、一行 `title = \"…\"`，再一行 `+++`\n\
         共 1 个错误；没有写入任何文件\n"
    );
}

#[test]
fn an_english_site_speaks_english_whatever_lang_says() {
    let out = laurel_with_lang(&broken_site(Some("en")), "zh_CN.UTF-8", &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: content/people/a.md:1: the file is empty\n  hint: "),
        "{err}"
    );
    assert!(err.ends_with("1 error(s); nothing was written\n"), "{err}");
}

#[test]
fn a_site_that_names_no_language_follows_lang() {
    let zh = stderr(&laurel_with_lang(&broken_site(None), "zh_CN.UTF-8", &["build"]));
    assert!(
        zh.starts_with("错误：content/people/a.md 第 1 行：这个文件是空的"),
        "{zh}"
    );
    let en = stderr(&laurel_with_lang(&broken_site(None), "C", &["build"]));
    assert!(
        en.starts_with("error: content/people/a.md:1: the file is empty"),
        "{en}"
    );
}

#[test]
fn without_a_site_lang_decides() {
    let zh = stderr(&laurel_with_lang(&Site::bare(), "zh_CN.UTF-8", &["build"]));
    assert!(zh.starts_with("错误：laurel.toml：无法读取网站设置："), "{zh}");
    assert!(zh.contains("提示：请在网站文件夹里运行 laurel"), "{zh}");
    let en = stderr(&laurel_with_lang(&Site::bare(), "en_GB.UTF-8", &["build"]));
    assert!(
        en.starts_with("error: laurel.toml: cannot read the site settings: "),
        "{en}"
    );
}

#[test]
fn lc_all_comes_before_lang() {
    let root = Site::bare();
    let out = cargo_bin_cmd!("laurel")
        .args(["build", "--root", root.root().to_str().unwrap()])
        .env("LC_ALL", "zh_CN.UTF-8")
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(stderr(&out).starts_with("错误："), "{}", stderr(&out));
}

#[test]
fn the_summary_of_a_chinese_check_is_chinese() {
    let site = Site::new()
        .config("language = \"zh-CN\"")
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"));
    let out = laurel_with_lang(&site, "C", &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.starts_with("已检查 0 个页面，没有错误，用时 ") && summary.ends_with(" 毫秒\n"),
        "{summary}"
    );
}

#[test]
fn init_follows_lang_as_there_is_no_site_yet() {
    let parent = Site::bare();
    let dir = parent.root().join("haoren");
    let out = cargo_bin_cmd!("laurel")
        .args(["init", dir.to_str().unwrap()])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.starts_with("新网站已写入 ") && said.contains("；用 `laurel build --root "),
        "{said}"
    );
    // The new site names its language, so what follows speaks it whatever LANG says.
    let new = cargo_bin_cmd!("laurel")
        .args(["new", "person", "王小明", "--root", dir.to_str().unwrap()])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    assert!(stdout(&new).starts_with("已写入 "), "{}", stdout(&new));
}

/// Runs laurel with `args` outside any site, `LANG` set to `lang`.
fn laurel_outside_a_site(lang: &str, args: &[&str]) -> Output {
    cargo_bin_cmd!("laurel")
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("run laurel")
}

/// Every command's `--help`, as `laurel help` and clap word it in English.
const EVERY_HELP: &[&[&str]] = &[
    &["--help"],
    &["build", "--help"],
    &["serve", "--help"],
    &["check", "--help"],
    &["deploy", "--help"],
    &["new", "--help"],
    &["init", "--help"],
    &["export", "--help"],
    &["export", "wechat", "--help"],
    &["help", "build"],
];

#[test]
fn help_is_chinese_when_lang_is_chinese() {
    for args in EVERY_HELP {
        let out = laurel_outside_a_site("zh_CN.UTF-8", args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let help = stdout(&out);
        assert!(help.contains("用法：laurel"), "{args:?}:\n{help}");
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print",
            "default:",
            "Build",
            "Site folder",
        ] {
            assert!(!help.contains(english), "{args:?} says {english:?}:\n{help}");
        }
    }
    insta::assert_snapshot!("help_zh", stdout(&laurel_outside_a_site("zh_CN.UTF-8", &["--help"])));
    insta::assert_snapshot!(
        "help_build_zh",
        stdout(&laurel_outside_a_site("zh_CN.UTF-8", &["build", "--help"]))
    );
}

#[test]
fn help_is_english_otherwise() {
    for args in EVERY_HELP {
        let out = laurel_outside_a_site("en_US.UTF-8", args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let help = stdout(&out);
        assert!(help.contains("Usage: laurel"), "{args:?}:\n{help}");
        assert!(!help.contains("用法"), "{args:?}:\n{help}");
    }
    insta::assert_snapshot!("help_en", stdout(&laurel_outside_a_site("C", &["--help"])));
    insta::assert_snapshot!(
        "help_build_en",
        stdout(&laurel_outside_a_site("C", &["build", "--help"]))
    );
}

#[test]
fn bad_arguments_are_named_in_the_language_of_lang() {
    let zh = laurel_outside_a_site("zh_CN.UTF-8", &["biuld"]);
    assert_eq!(zh.status.code(), Some(2));
    assert_eq!(
        stderr(&zh),
        "错误：没有 biuld 这个命令\n  提示：是不是想写 build？\n\n用法：laurel <命令>\n\n想了解更多，请运行 laurel --help\n"
    );
    let zh = laurel_outside_a_site("zh_CN.UTF-8", &["build", "--dat", "2026-03-05"]);
    assert_eq!(zh.status.code(), Some(2));
    assert!(
        stderr(&zh).starts_with("错误：不认识的参数 --dat\n  提示：是不是想写 --date？"),
        "{}",
        stderr(&zh)
    );
    let zh = laurel_outside_a_site("zh_CN.UTF-8", &["build", "--date", "2026-13-05"]);
    assert!(
        stderr(&zh).contains("\"2026-13-05\" 无效\n  提示：日期请写成 YYYY-MM-DD"),
        "{}",
        stderr(&zh)
    );
    assert!(stderr(&zh).ends_with("请运行 laurel build --help\n"), "{}", stderr(&zh));
    let zh = laurel_outside_a_site("zh_CN.UTF-8", &["build", "--date"]);
    assert!(
        stderr(&zh).starts_with("错误：--date <日期> 后面要写一个值\n"),
        "{}",
        stderr(&zh)
    );
    let zh = laurel_outside_a_site("zh_CN.UTF-8", &["init"]);
    assert!(
        stderr(&zh).starts_with("错误：缺少必填的参数：<文件夹>"),
        "{}",
        stderr(&zh)
    );
    let en = laurel_outside_a_site("en_US.UTF-8", &["biuld"]);
    assert_eq!(en.status.code(), Some(2));
    assert!(
        stderr(&en).starts_with("error: unrecognized subcommand 'biuld'"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn a_port_in_use_and_an_unknown_address_are_named_in_either_language() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("its address").port().to_string();
    let site = Site::new().file("content/_index.md", &md("title = \"首页\"", ""));
    let zh_site = Site::new()
        .config("language = \"zh-CN\"")
        .file("content/_index.md", &md("title = \"首页\"", ""));
    let in_use = laurel_with_lang(&zh_site, "C", &["serve", "--port", &port]);
    assert_eq!(in_use.status.code(), Some(1));
    assert_eq!(
        stderr(&in_use),
        format!(
            "错误：无法在 127.0.0.1:{port} 上开启预览：这个端口已被别的程序占用\n  \
             提示：这个端口可能被别的程序占用了：请用 --port 换一个，或用 --port 0 让 laurel 自己挑一个空闲的\n\
             共 1 个错误；没有写入任何文件\n"
        )
    );
    let english = stderr(&laurel_with_lang(&site, "C", &["serve", "--port", &port]));
    assert!(
        english.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{english}"
    );
    assert!(english.contains("hint: another server may use this port"), "{english}");
    let nowhere = laurel_with_lang(&zh_site, "C", &["serve", "--bind", "999.1.1.1", "--port", "0"]);
    assert!(
        stderr(&nowhere)
            .starts_with("错误：无法在 999.1.1.1:0 上开启预览：这台电脑没有这个地址\n  提示：请检查 --bind 后面的地址"),
        "{}",
        stderr(&nowhere)
    );
}

#[test]
fn a_deploy_folder_that_is_not_there_is_named_in_either_language() {
    let site = Site::new()
        .config("language = \"zh-CN\"\n[deploy.disk]\nurl = \"file:///nonexistent-laurel-test/www\"")
        .file("content/_index.md", &md("title = \"首页\"", ""));
    let out = laurel_with_lang(&site, "C", &["deploy"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("错误：无法打开发布文件夹 /nonexistent-laurel-test/www：找不到这个文件或文件夹\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_broken_laurel_toml_is_reported_in_the_language_it_names() {
    let site = Site::bare()
        .file(
            "laurel.toml",
            "title = \"好人榜\"\nlanguage = \"zh-CN\"\nbase_url = \"https://example.org/\"\ntitle = \"又一个\"\n",
        )
        .file("content/_index.md", &md("title = \"首页\"", ""));
    let out = laurel_with_lang(&site, "C", &["build"]);
    assert_eq!(
        stderr(&out),
        "错误：laurel.toml 第 4 行：同一个键写了两次；请删掉其中一个\n共 1 个错误；没有写入任何文件\n"
    );
}
