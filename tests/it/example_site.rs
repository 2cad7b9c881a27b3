//! The repository's own example site (its root: `laurel.toml`, `content/`,
//! `data/`, `static/`) builds cleanly: what a newcomer sees first must work.

use std::path::Path;

use crate::support::Site;

/// What of the repository root belongs to the example site.
const SITE_PARTS: [&str; 5] = ["laurel.toml", "content", "data", "static", "themes"];

/// A copy of the example site in a temporary folder, so building it writes
/// nothing (output, thumbnail cache) into the repository.
fn example_site() -> Site {
    let site = Site::bare();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in SITE_PARTS {
        copy(&repo.join(part), &site.root().join(part));
    }
    site
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("create dir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("dir entry");
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else if from.is_file() {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
}

#[test]
fn example_site_builds_without_errors_or_warnings() {
    let site = example_site();
    let date = jiff::civil::date(2026, 11, 25);
    let report = site
        .build_with(|options| options.date = Some(date))
        .unwrap_or_else(|err| panic!("the example site fails to build:\n{err}"));
    assert!(report.links.is_empty(), "{:?}", report.links);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.pages > 20, "{} pages", report.pages);

    let home = site.read("index.html");
    assert!(home.contains("清河市好人榜"), "{home}");
    let person = site.read("people/sun-xiao-mei/index.html");
    assert!(person.contains("孙晓梅") && person.contains("马路天使"), "{person}");
    assert!(site.exists("photos/sun-xiao-mei-320.jpg"), "{:?}", site.outputs());
    let list = site.read("awards/2024-qinghe-haoren/index.html");
    assert!(list.contains("周建国"), "{list}");
    let notice = site.read("awards/2026-haoren-gongshi/index.html");
    assert!(notice.contains("公示"), "{notice}");
    assert!(site.read("search/pages-0.js").contains("孙晓梅"));
}
