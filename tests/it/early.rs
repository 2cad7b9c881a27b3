//! Priority publishing (`serve`): a page-edit rebuild hands out the pages
//! the edit itself made before the rest, with every other output the rest
//! may still change; what it hands out early is what a full build makes.

use std::collections::HashSet;

use laurel::command::render;
use laurel::render::Early;
use laurel::report::Report;
use laurel::session::Session;

use crate::http::get;
use crate::incremental::{assert_fresh, person, site, started};
use crate::support::Site;

/// Rebuilds after `changed`; the report and what was handed out early.
fn rebuild(site: &Site, session: &mut Session, changed: &[&str]) -> (Report, Vec<Early>) {
    let paths = changed.iter().map(|p| site.root().join(p)).collect();
    let mut early = Vec::new();
    let report = session
        .rebuild_with(paths, &mut |e| early.push(e))
        .unwrap_or_else(|e| panic!("rebuild after {changed:?} failed: {e}"));
    (report, early)
}

/// Asserts that the edit `what` handed out its pages once, as a full build
/// makes them, and that the rest changed only what it held back.
fn assert_early(site: &Site, session: &Session, (report, early): (Report, Vec<Early>), what: &str, pages: &[&str]) {
    assert_fresh(site, session, what);
    let [early] = early.as_slice() else {
        panic!("{what}: handed out {} times", early.len());
    };
    let full = render(&site.options()).expect("full build");
    let published: HashSet<&String> = early.pages.iter().map(|p| &p.path).collect();
    let wanted: HashSet<String> = pages.iter().map(|p| p.to_string()).collect();
    assert_eq!(published, wanted.iter().collect(), "{what}: the pages handed out early");
    for page in &early.pages {
        assert_eq!(
            full.output.files.get(&page.path),
            page.body.as_ref(),
            "{what}: {} as a full build makes it",
            page.path
        );
        assert!(!early.held.contains(&page.path), "{what}: {} is held", page.path);
    }
    for path in report.updated.iter().chain(&report.removed) {
        assert!(
            early.held.contains(path) || published.contains(path),
            "{what}: {path} changed, but was neither held nor handed out early"
        );
    }
}

#[test]
fn each_page_edit_hands_out_its_pages_first_as_a_full_build_makes_them() {
    let site = site();
    let mut session = started(&site);
    let mut edit = |file: &str, text: Option<String>, what: &str, pages: &[&str]| {
        match &text {
            Some(text) => site.write(file, text.as_bytes()),
            None => std::fs::remove_file(site.root().join(file)).expect("delete"),
        }
        let done = rebuild(&site, &mut session, &[file]);
        assert_early(&site, &session, done, what, pages);
    };
    edit(
        "content/people/wang-wu.md",
        Some(person("王五", "2023-05-01", "助人为乐", "王五的新事迹。")),
        "story and summary",
        &["people/wang-wu/index.html"],
    );
    let summed_up = |story: &str| {
        person("王五", "2023-05-01", "助人为乐", story).replacen("+++\n\n", "summary = \"王五助人。\"\n+++\n\n", 1)
    };
    edit(
        "content/people/wang-wu.md",
        Some(summed_up("王五的事迹。")),
        "summary",
        &["people/wang-wu/index.html"],
    );
    edit(
        "content/people/wang-wu.md",
        Some(summed_up("王五的又一事迹。")),
        "story beyond its summary",
        &["people/wang-wu/index.html"],
    );
    edit(
        "content/people/li-si.md",
        Some(person("李四四", "2024-02-01", "见义勇为", "李四的事迹。")),
        "title",
        &["people/li-si/index.html"],
    );
    edit(
        "content/people/zhao-liu.md",
        Some(person("赵六", "2025-01-01", "孝老爱亲", "赵六的事迹。")),
        "date and category",
        &["people/zhao-liu/index.html"],
    );
    edit(
        "content/people/qian-qi.md",
        Some(person("钱七", "2024-06-01", "助人为乐", "新人。")),
        "new page",
        &["people/qian-qi/index.html"],
    );
    edit(
        "content/people/qian-qi.md",
        None,
        "deleted page",
        &["people/qian-qi/index.html"],
    );
}

#[test]
fn a_swapped_photo_hands_out_the_page_and_thumbnails_that_show_it_first() {
    let site = site()
        .file(
            "content/people/zhang-san.md",
            &person("张三", "2024-03-01", "助人为乐", "张三的事迹。").replacen(
                "+++\n\n",
                "photo = \"/photos/zhang.jpg\"\nphoto_alt = \"照片\"\n+++\n\n",
                1,
            ),
        )
        .bytes("static/photos/zhang.jpg", &crate::support::jpeg(800, 600));
    let mut session = started(&site);
    site.write("static/photos/zhang.jpg", &crate::support::jpeg(600, 800));
    let done = rebuild(&site, &mut session, &["static/photos/zhang.jpg"]);
    assert!(
        done.0.updated.contains(&"photos/zhang.jpg".to_string()),
        "{:?}",
        done.0.updated
    );
    let thumbnails = ["photos/zhang-320.jpg", "photos/zhang-640.jpg", "photos/zhang.jpg"];
    let mut pages = vec!["people/zhang-san/index.html"];
    pages.extend(thumbnails);
    assert_early(&site, &session, done, "a photo of other sizes", &pages);
    site.write(
        "static/photos/zhang.jpg",
        &crate::support::jpeg_of(&image::RgbImage::new(600, 800), None),
    );
    let done = rebuild(&site, &mut session, &["static/photos/zhang.jpg"]);
    assert_early(
        &site,
        &session,
        done,
        "a photo of the same size: the page is as it was",
        &thumbnails,
    );
}

#[test]
fn a_whole_site_rebuild_hands_out_nothing_early() {
    let site = site();
    let mut session = started(&site);
    site.write("static/site.css", b"body { color: red; }\n");
    let (_, early) = rebuild(&site, &mut session, &["static/site.css"]);
    assert!(early.is_empty(), "{} handed out", early.len());
}

/// A preview of `site` whose rebuilds stop once they have handed out their
/// pages, until the test says go, so that what is served meanwhile can be
/// looked at; it tells the test of each step.
struct Paused {
    preview: laurel::serve::Preview,
    steps: std::sync::mpsc::Receiver<Step>,
    go: std::sync::mpsc::Sender<()>,
}

/// What a paused preview tells the test.
#[derive(Debug, PartialEq)]
enum Step {
    /// The edit's pages are served; the rebuild waits for go.
    Published,
    /// The rebuild is done.
    Rebuilt,
    Failed,
}

impl Paused {
    fn start(site: &Site) -> Paused {
        use laurel::serve::{Event, serve};
        let (tell, steps) = std::sync::mpsc::channel();
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let preview = serve(site.serve_options(), move |event| {
            let step = match event {
                Event::Published { .. } => Step::Published,
                Event::Rebuilt { .. } => Step::Rebuilt,
                Event::Failed(_) => Step::Failed,
                Event::Started { .. } | Event::Stopped(_) => return,
            };
            let published = step == Step::Published;
            let _ = tell.send(step);
            if published {
                let _ = wait.recv_timeout(WAIT);
            }
        })
        .expect("serve");
        Paused { preview, steps, go }
    }

    fn next(&self) -> Step {
        self.steps.recv_timeout(WAIT).expect("a step of the rebuild")
    }

    /// Fetches `path` on another thread, and waits until the server holds it back.
    fn held(&self, path: &'static str) -> std::thread::JoinHandle<crate::http::Answer> {
        let addr = self.preview.addr;
        let waiting = self.preview.waiting();
        let answer = std::thread::spawn(move || get(addr, path));
        let start = std::time::Instant::now();
        while self.preview.waiting() == waiting {
            assert!(start.elapsed() < WAIT, "{path} is not held back");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        answer
    }
}

const WAIT: std::time::Duration = std::time::Duration::from_secs(15);
const PAGE: &str = "/haoren/people/zhang-san/";
const LIST: &str = "/haoren/people/";

fn zhang_san(title: &str) -> String {
    crate::support::md(
        &format!("title = \"{title}\"\ncategory = \"助人为乐\""),
        "张三扶老人过马路。",
    )
}

#[test]
fn serve_holds_what_the_rebuild_still_renders_until_it_is_done() {
    let site = crate::serve::small_site();
    let paused = Paused::start(&site);
    let addr = paused.preview.addr;
    let mut events = crate::http::Events::open(addr, "/haoren/__laurel/events");
    events.wait_for("hello", WAIT);
    assert!(get(addr, LIST).text().contains("张三"));

    site.write("content/people/zhang-san.md", zhang_san("张三丰").as_bytes());
    assert_eq!(paused.next(), Step::Published);
    let told = events.wait_for("reload", WAIT);
    assert!(
        get(addr, PAGE).text().contains("张三丰"),
        "the edited page is served at once"
    );
    assert_eq!(
        get(addr, "/haoren/style.css").status,
        200,
        "a file the edit does not reach is served at once"
    );
    let list = paused.held(LIST);
    paused.go.send(()).expect("go");
    let list = list.join().expect("the held request");
    assert_eq!(list.status, 200);
    assert!(
        list.text().contains("张三丰"),
        "the held list is served fresh: {}",
        list.text()
    );
    assert_eq!(paused.next(), Step::Rebuilt);
    assert_eq!(paused.preview.waiting(), 0);
    // Each reload tells of a new build: a browser that loaded what the
    // first one told of is not made to load again.
    let mut later = crate::http::Events::open(addr, "/haoren/__laurel/events");
    assert_eq!(later.wait_for("hello", WAIT), told, "no second reload");
    let page = get(addr, PAGE).text();
    assert!(page.contains(&format!("data-laurel-build=\"{told}\"")), "{page}");
}

#[test]
fn serve_puts_the_early_page_back_when_the_rest_fails() {
    let list = "{% extends \"base.html\" %}{% block content %}{% for p in pages %}\
                {% if p.title == \"坏人\" %}{{ p.no_such_field }}{% endif %}<p>{{ p.title }}</p>\
                {% endfor %}{% endblock content %}";
    let site = crate::serve::small_site().file("templates/section.html", list);
    let paused = Paused::start(&site);
    let addr = paused.preview.addr;
    assert!(get(addr, PAGE).text().contains("张三"));

    site.write("content/people/zhang-san.md", zhang_san("坏人").as_bytes());
    assert_eq!(paused.next(), Step::Published);
    assert!(
        get(addr, PAGE).text().contains("坏人"),
        "the edited page is served at once"
    );
    let held = paused.held(LIST);
    paused.go.send(()).expect("go");
    assert_eq!(paused.next(), Step::Failed);
    let held = held.join().expect("the held request").text();
    assert!(held.contains("<p>张三</p>"), "the last good list: {held}");
    assert!(held.contains("id=\"laurel-errors\""), "{held}");
    let page = get(addr, PAGE).text();
    assert!(!page.contains("坏人"), "the early page is put back: {page}");
    assert!(page.contains("id=\"laurel-errors\""), "{page}");
    assert_eq!(paused.preview.waiting(), 0);
}
