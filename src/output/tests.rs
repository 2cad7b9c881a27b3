//! Unit tests of the write stage: mount points, leftovers that will not go.

use super::*;

fn text(path: &str, text: &str) -> (String, Body) {
    (path.to_string(), Body::Text(text.to_string().into()))
}

/// Builds `files` into `out` as if it were a mount point.
fn commit_in_place(root: &Path, out: &Path, files: &[(String, Body)]) -> Result<Committed> {
    let staging = Staging::open(root, out, |_| true)?;
    for (path, body) in files {
        staging.write(path, body)?;
    }
    staging.finish()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_mount_point_gets_its_contents_replaced() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("usb");
    std::fs::create_dir(&out).unwrap();
    let first = [
        text("index.html", "一"),
        text("people/a.html", "甲"),
        text("old/x.html", "旧"),
    ];
    commit_in_place(root.path(), &out, &first).unwrap();
    let second = [
        text("index.html", "二"),
        text("people/b.html", "乙"),
        text("gone", "文件"),
    ];
    let committed = commit_in_place(root.path(), &out, &second).unwrap();
    assert_eq!((committed.files, committed.warnings.len()), (3, 0));
    assert_eq!(
        listing(&out),
        [".laurel-output", "gone", "index.html", "people", "people/b.html"]
    );
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "二");
    assert_eq!(
        std::fs::read_to_string(out.join(MANIFEST)).unwrap(),
        "gone\nindex.html\npeople/b.html\n"
    );
    let entries = std::fs::read_dir(root.path()).unwrap().count();
    assert_eq!(entries, 1, "nothing written beside the mount point");
}

#[test]
fn a_failed_build_into_a_mount_point_leaves_it_as_it_was() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("usb");
    std::fs::create_dir(&out).unwrap();
    commit_in_place(root.path(), &out, &[text("people/a.html", "甲")]).unwrap();
    let before = listing(&out);
    let staging = Staging::open(root.path(), &out, |_| true).unwrap();
    staging
        .write("people/b.html", &Body::Text(String::from("乙").into()))
        .unwrap();
    drop(staging);
    assert_eq!(listing(&out), before);
}

#[test]
fn a_mount_point_swap_interrupted_halfway_is_put_back() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("usb");
    std::fs::create_dir(&out).unwrap();
    commit_in_place(
        root.path(),
        &out,
        &[text("people/a.html", "甲"), text("index.html", "一")],
    )
    .unwrap();
    // A crash after `people/` was moved aside, before the new one came in.
    std::fs::create_dir_all(out.join(".laurel-old")).unwrap();
    std::fs::rename(out.join("people"), out.join(".laurel-old/people")).unwrap();
    std::fs::create_dir_all(out.join(".laurel-new/people")).unwrap();
    std::fs::write(out.join(".laurel-new/people/b.html"), "乙").unwrap();
    let staging = Staging::open(root.path(), &out, |_| true).unwrap();
    drop(staging);
    assert_eq!(
        listing(&out),
        [".laurel-output", "index.html", "people", "people/a.html"]
    );
}

#[test]
fn a_mount_point_not_told_is_explained_with_a_subfolder_to_use() {
    let root = tempfile::tempdir().unwrap();
    let staging = Staging::create(root.path(), &root.path().join("usb")).unwrap();
    let err = staging.swap_failed(io::Error::from(io::ErrorKind::ResourceBusy));
    let d = &err.diagnostics()[0];
    assert!(d.message.contains("mount point"), "{d}");
    assert_eq!(
        d.hint.as_deref(),
        Some("build into a folder inside it, e.g. -o usb/site")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_is_told_from_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert!(swap::is_mount_point(Path::new("/proc")));
    assert!(!swap::is_mount_point(dir.path()));
}

#[test]
fn an_older_copy_that_will_not_go_is_a_warning_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    let leftover = dir.path().join(".public.laurel-new");
    std::fs::create_dir(&leftover).unwrap();
    let place = Place {
        path: dir.path().join("public"),
        shown: "public".into(),
    };
    let refuse = |_: &Path| Err(io::Error::from(io::ErrorKind::PermissionDenied));
    let warning = retire(&place, &leftover, refuse).expect("a warning");
    assert!(!warning.is_error());
    assert!(warning.message.contains(".public.laurel-new"), "{warning}");
    assert!(leftover.is_dir());
    assert_eq!(retire(&place, &leftover, remove::remove_tree), None);
    assert!(!leftover.exists());
}

#[test]
fn each_folder_is_made_once_before_its_first_file() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("public");
    let staging = Staging::create(root.path(), &out).unwrap();
    staging.write("people/a/index.html", &text("", "甲").1).unwrap();
    let made = staging.folders.lock().unwrap().clone();
    assert_eq!(made, HashSet::from(["people/a".to_string(), "people".to_string()]));
    // Known made, a folder is not made again: one removed behind the
    // staging's back stays missing, and the write says so.
    std::fs::remove_dir_all(staging.dir.join("people")).unwrap();
    let err = staging.write("people/b.html", &text("", "乙").1).unwrap_err();
    assert!(err.to_string().contains("people/b.html"), "{err}");
    staging.write("index.html", &text("", "首页").1).unwrap();
    staging.write("year/2020/page/2/index.html", &text("", "二").1).unwrap();
    staging.write("year/2020/index.html", &text("", "一").1).unwrap();
    let committed = staging.finish().unwrap();
    assert_eq!(committed.files, 4);
    assert_eq!(std::fs::read_to_string(out.join("year/2020/index.html")).unwrap(), "一");
    assert_eq!(
        std::fs::read_to_string(out.join("year/2020/page/2/index.html")).unwrap(),
        "二"
    );
}
