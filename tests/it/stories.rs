//! Stories left in their files: a build reads each page's story again where
//! it needs it, and a story that changed since the site was loaded is never
//! mixed with what was made from the text as loaded.

use laurel::command::{load, render_loaded};
use laurel::output::Staging;
use laurel::render::Sink;

use crate::support::{PEOPLE_INDEX, Site, errors, md};

const STORY: &str = "他坚持学雷锋。\n";

/// A site of one person, loaded with the stories left in their files, then
/// the person's story saved again with other words.
fn site_changed_after_loading() -> (Site, laurel::command::Loaded) {
    let site = Site::new()
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", STORY));
    let mut options = site.options();
    options.stories_in_files = true;
    let loaded = load(&options).unwrap_or_else(|err| panic!("load failed:\n{err}"));
    site.write(
        "content/people/zhang-san.md",
        md("title = \"张三\"", "他坚持学雷锋，再接再励。\n").as_bytes(),
    );
    (site, loaded)
}

#[test]
fn a_build_reads_each_story_from_its_file() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", STORY));
    site.build_ok();
    let page = std::fs::read_to_string(site.out().join("people/zhang-san/index.html")).expect("page");
    assert!(page.contains("他坚持学雷锋。"), "{page}");
}

#[test]
fn a_story_changed_after_loading_fails_the_build() {
    let (site, loaded) = site_changed_after_loading();
    let staging = Staging::create(site.root(), &site.out()).expect("staging");
    let Err(err) = render_loaded(loaded, Sink::Folder(&staging)) else {
        panic!("the build made the page from the new story, the rest from the old");
    };
    let found: Vec<String> = errors(&err)
        .iter()
        .map(|d| format!("{}: {}", d.file, d.message))
        .collect();
    assert!(
        found.contains(&"content/people/zhang-san.md: the file changed while the site was being built".to_string()),
        "{found:?}"
    );
}

#[test]
fn a_story_changed_before_the_inspection_is_a_warning() {
    let (_site, loaded) = site_changed_after_loading();
    let findings = laurel::inspect::inspect(&loaded.site);
    let changed = findings
        .warnings
        .iter()
        .find(|d| d.file == "content/people/zhang-san.md")
        .expect("a warning names the changed file");
    assert_eq!(
        changed.message.to_string(),
        "the file changed while the site was being built"
    );
    assert!(!changed.is_error(), "the output was made from the text as loaded");
}
