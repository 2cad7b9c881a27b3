//! Commit: the output is swapped in whole — a failed build leaves the previous
//! output byte for byte, stale pages go, and a folder holding anything laurel
//! did not write (or the site itself) is refused, with nothing deleted.

use crate::support::{jpeg, md, only_error, small_site, zh};

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = small_site();
    site.build_ok();
    let before = site.output_bytes();
    assert!(before.len() > 10);
    site.write("content/people/zhang-san.md", b"---\ntitle: x\n---\n");
    site.build_err();
    assert_eq!(site.output_bytes(), before, "output changed by a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("laurel"))
        .collect();
    assert!(
        leftovers.iter().all(|n| n == "laurel.toml" || n == ".laurel-cache"),
        "left behind: {leftovers:?}"
    );
}

#[test]
fn a_render_error_leaves_the_previous_output_untouched() {
    let site = small_site();
    site.build_ok();
    let before = site.output_bytes();
    site.write(
        "templates/event.html",
        b"{% extends \"base.html\" %}\n{% block content %}{{ page.no_such_field.name }}{% endblock content %}\n",
    );
    let err = site.build_err();
    assert!(err.to_string().contains("templates/event.html"), "{err}");
    assert_eq!(site.output_bytes(), before);
}

#[test]
fn a_rebuild_drops_pages_that_are_gone() {
    let site = small_site();
    site.build_ok();
    assert!(site.exists("events/2024-03-05-xue-lei-feng/index.html"));
    std::fs::remove_file(site.root().join("content/events/2024-03-05-xue-lei-feng.md")).unwrap();
    site.build_ok();
    assert!(!site.exists("events/2024-03-05-xue-lei-feng/index.html"));
    assert!(site.exists("people/zhang-san/index.html"));
}

#[test]
fn building_into_the_site_root_is_refused() {
    let site = small_site();
    let err = laurel::command::build(&site.options(), site.root()).expect_err("refused");
    assert!(err.to_string().contains("refusing"), "{err}");
    assert!(site.root().join("content/_index.md").is_file());
    assert!(site.root().join("laurel.toml").is_file());
    insta::assert_snapshot!("commit_refuse_root", err.to_string());
    insta::assert_snapshot!("commit_refuse_root_zh", zh(&err));
}

#[test]
fn building_into_content_or_a_parent_is_refused() {
    let site = small_site();
    for out in [
        site.root().join("content"),
        site.root().join("static/out"),
        site.root().parent().unwrap().to_path_buf(),
    ] {
        let err = laurel::command::build(&site.options(), &out).expect_err("refused");
        assert!(err.to_string().contains("refusing"), "{}: {err}", out.display());
    }
    assert!(site.root().join("content/about.md").is_file());
    assert!(!site.root().join("content/index.html").exists());
}

#[test]
fn a_folder_with_foreign_files_is_refused_and_kept() {
    let site = small_site()
        .file("public/mine.txt", "我的文件")
        .file("public/sub/data.csv", "a,b\n");
    let err = site.build_err();
    assert!(
        err.to_string().contains("refusing") || err.to_string().contains("did not write"),
        "{err}"
    );
    assert_eq!(site.read("mine.txt"), "我的文件");
    assert_eq!(site.read("sub/data.csv"), "a,b\n");
    assert!(!site.exists("index.html"));
    insta::assert_snapshot!("commit_refuse_foreign", err.to_string());
    insta::assert_snapshot!("commit_refuse_foreign_zh", zh(&err));
}

#[test]
fn a_file_added_to_a_previous_output_is_not_deleted() {
    let site = small_site();
    site.build_ok();
    site.write("public/people/baidu_verify.html", b"verify");
    let err = site.build_err();
    let d = only_error(&err);
    assert!(d.file.contains("people/baidu_verify.html"), "{d}");
    assert_eq!(site.read("people/baidu_verify.html"), "verify");
}

#[test]
fn output_folder_outside_the_site_works() {
    let site = small_site();
    let other = tempfile::tempdir().unwrap();
    let out = other.path().join("www");
    laurel::command::build(&site.options(), &out).unwrap();
    assert!(out.join("people/zhang-san/index.html").is_file());
    assert!(!site.out().exists());
}

#[test]
fn a_build_writes_exactly_what_the_render_holds() {
    // A static file inside a page's folder is written beside the page, as it is in memory.
    let site = small_site()
        .file("static/about/extra.html", "<p>静态</p>")
        .bytes(
            "content/people/li-si/index.md",
            md("title = \"李四\"\naliases = [\"/old/li/\"]", "事迹。").as_bytes(),
        )
        .bytes("content/people/li-si/li.jpg", &jpeg(8, 6));
    let built = site.build_ok();
    let memory = laurel::command::render(&site.options()).expect("render");
    let mut written = site.output_bytes();
    let manifest = written.remove(laurel::output::MANIFEST).expect("a manifest");
    let expected: Vec<&String> = memory.output.files.keys().collect();
    assert_eq!(
        String::from_utf8(manifest).unwrap().lines().collect::<Vec<_>>(),
        expected
    );
    assert_eq!(written.len(), memory.output.files.len());
    assert_eq!(built.files, written.len(), "the count `build` reports");
    let checked = site.check().expect("check");
    assert_eq!(
        checked.files,
        written.len(),
        "the count `check` reports without writing"
    );
    for (path, bytes) in &written {
        assert_eq!(Some(bytes), memory.output.read(path).as_ref(), "{path}");
    }
    assert_eq!(site.read("about/extra.html"), "<p>静态</p>");
    assert!(written.contains_key("old/li/index.html"));
    assert!(written.contains_key("search/meta.js"));
}

#[test]
fn an_output_path_that_leads_into_a_source_folder_is_refused() {
    let site = small_site();
    site.build_ok();
    std::os::unix::fs::symlink(site.root().join("content"), site.root().join("link-to-content")).unwrap();
    for out in ["public/../content/x", "link-to-content/out", "nothere/../static/out"] {
        let err = laurel::command::build(&site.options(), &site.root().join(out)).expect_err(out);
        let d = only_error(&err);
        assert!(d.message.contains("refusing"), "{out}: {d}");
        assert!(
            d.file == "content/x" || d.file == "content/out" || d.file == "static/out",
            "{out}: {d}"
        );
    }
    assert!(!site.root().join("content/x").exists());
    assert!(!site.root().join("content/out").exists());
    assert!(!site.root().join("static/out").exists());
    assert!(!site.root().join("nothere").exists());
}

#[test]
fn a_symlinked_output_folder_keeps_its_link_and_target() {
    // `public -> /srv/www/site`: the link stays, the folder it names gets the new site.
    let site = small_site();
    let www = tempfile::tempdir().unwrap();
    let served = www.path().join("site");
    laurel::command::build(&site.options(), &served).unwrap();
    std::os::unix::fs::symlink(&served, site.out()).unwrap();
    site.write("content/about.md", md("title = \"关于\"", "新的介绍。").as_bytes());
    for _ in 0..2 {
        site.build_ok();
        assert!(site.out().symlink_metadata().unwrap().file_type().is_symlink());
        assert!(served.join("people/zhang-san/index.html").is_file());
        assert!(site.read("about/index.html").contains("新的介绍"));
    }
    let beside: Vec<_> = std::fs::read_dir(www.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["site"], "left beside the served folder");
}

#[test]
fn a_build_into_a_folder_another_build_is_writing_is_refused() {
    let site = small_site();
    site.build_ok();
    let before = site.output_bytes();
    let first = laurel::output::Staging::create(site.root(), &site.out()).expect("first build");
    let d = only_error(&site.build_err()).clone();
    assert!(d.message.contains("another laurel is building into"), "{d}");
    assert_eq!(d.file, "public");
    insta::assert_snapshot!("commit_refuse_busy", d.to_string());
    insta::assert_snapshot!("commit_refuse_busy_zh", d.render(laurel::i18n::Lang::Zh));
    drop(first);
    assert_eq!(site.output_bytes(), before);
    site.build_ok();
}

#[test]
fn parallel_builds_into_one_folder_never_leave_it_partial() {
    let site = small_site();
    site.build_ok();
    let expected = site.output_bytes();
    std::thread::scope(|scope| {
        let builds: Vec<_> = (0..4).map(|_| scope.spawn(|| site.build())).collect();
        for build in builds {
            if let Err(err) = build.join().unwrap() {
                assert!(err.to_string().contains("another laurel is building"), "{err}");
            }
        }
    });
    assert_eq!(site.output_bytes(), expected);
}

#[test]
fn an_output_moved_aside_by_a_crash_is_restored_even_by_a_failing_build() {
    // A crash between "move public aside" and "move the new one in".
    let site = small_site();
    site.build_ok();
    let before = site.output_bytes();
    let aside = site.root().join(".public.laurel-old");
    std::fs::rename(site.out(), &aside).unwrap();
    site.write("content/people/zhang-san.md", b"---\ntitle: x\n---\n");
    site.build_err();
    assert_eq!(site.output_bytes(), before, "the previous output is back");
    assert!(!aside.exists());
}

#[test]
fn a_leftover_that_blocked_cleanup_does_not_block_the_next_build() {
    let site = small_site();
    site.build_ok();
    // What a build that could not finish removing the old output leaves behind.
    let leftover = site.root().join(".public.laurel-old");
    std::fs::create_dir_all(leftover.join("people")).unwrap();
    std::fs::write(leftover.join("people/index.html"), "old").unwrap();
    std::fs::write(site.root().join(".public.laurel-new"), "not a folder").unwrap();
    site.build_ok();
    assert!(site.exists("people/zhang-san/index.html"));
    assert!(!leftover.exists());
    assert!(!site.root().join(".public.laurel-new").exists());
}

#[test]
fn a_one_shot_build_writes_the_same_output_as_any_build() {
    let site = small_site();
    site.build_ok();
    let before = site.output_bytes();
    assert!(before.len() > 10);
    let report = site.build_with(|o| o.one_shot = true).expect("one-shot build");
    assert_eq!(report.pages, site.build_ok().pages);
    site.build_with(|o| o.one_shot = true).expect("one-shot build");
    assert_eq!(site.output_bytes(), before, "a one-shot build wrote other output");
}
