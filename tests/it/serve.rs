//! `laurel serve`: the site from memory, live reload after edits, errors in
//! the browser, and requests that try to leave the site.

use std::net::SocketAddr;
use std::time::Duration;

use laurel::serve::{Preview, serve};

use crate::http::{Events, get, raw, request};
use crate::support::{PEOPLE_INDEX, Site, md};

/// How long a rebuild may take to reach the browser before a test fails.
const WAIT: Duration = Duration::from_secs(15);

const PAGE: &str = "/haoren/people/zhang-san/index.html";

fn person(text: &str) -> String {
    md("title = \"张三\"\ncategory = \"助人为乐\"", text)
}

/// A home page, one person, and a stylesheet of the site's own.
pub fn small_site() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &person("初稿：张三扶老人过马路。"))
        .file("static/style.css", "body { color: rgb(1, 2, 3); }\n")
        .file("Cargo.toml", "[package]\nname = \"SECRET-CARGO\"\n")
}

pub fn start(site: &Site) -> Preview {
    serve(site.serve_options(), |_| {}).unwrap_or_else(|err| panic!("serve failed: {err}"))
}

/// Opens the event stream and waits for its greeting, so no later event is missed.
fn listen(addr: SocketAddr) -> Events {
    let mut events = Events::open(addr, "/haoren/__laurel/events");
    events.wait_for("hello", WAIT);
    events
}

#[test]
fn serve_edit_reloads_with_new_content() {
    let site = small_site();
    let preview = start(&site);
    assert!(preview.url.ends_with("/haoren/"), "{}", preview.url);
    let page = get(preview.addr, PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("初稿"), "{}", page.text());
    let mut events = listen(preview.addr);

    site.write(
        "content/people/zhang-san.md",
        person("改稿：张三送迷路的孩子回家。").as_bytes(),
    );
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, PAGE).text();
    assert!(page.contains("改稿"), "{page}");
    assert!(!page.contains("初稿"), "{page}");
}

#[test]
fn serve_burst_of_saves_is_one_reload() {
    let site = small_site();
    let preview = start(&site);
    let mut events = listen(preview.addr);
    let drafts: Vec<String> = (0..5).map(|i| person(&format!("第{i}稿。"))).collect();
    let start = std::time::Instant::now();
    for draft in &drafts {
        site.write("content/people/zhang-san.md", draft.as_bytes());
    }
    let burst = start.elapsed();
    // A burst is one reload when it fits the watcher's window; a test thread
    // stalled longer than that by a busy machine has made two bursts, and the
    // last save is then served after the second.
    let allowed = if burst < laurel::watch::DEBOUNCE / 2 { 1 } else { 2 };
    let mut reloads = 0;
    while !get(preview.addr, PAGE).text().contains("第4稿") {
        assert!(
            reloads < allowed,
            "the last save is not served after {reloads} reload(s)"
        );
        events.wait_for("reload", WAIT);
        reloads += 1;
    }
    while events.next(Duration::from_millis(800)).is_some() {
        reloads += 1;
    }
    assert!(reloads <= allowed, "{reloads} reloads for one burst of {burst:?}");
    assert!(reloads >= 1, "no reload for a burst of saves");
}

#[test]
fn serve_new_and_deleted_pages() {
    let site = small_site();
    let preview = start(&site);
    let mut events = listen(preview.addr);
    site.write(
        "content/people/li-si.md",
        md("title = \"李四\"", "新来的李四。").as_bytes(),
    );
    events.wait_for("reload", WAIT);
    assert!(get(preview.addr, "/haoren/people/li-si/").text().contains("新来的李四"));

    std::fs::remove_file(site.root().join("content/people/li-si.md")).expect("delete");
    events.wait_for("reload", WAIT);
    assert_eq!(get(preview.addr, "/haoren/people/li-si/").status, 404);
}

/// The pages that get the copy button are kept between edits that add,
/// remove or move no page.
#[test]
fn serve_new_pages_get_the_copy_button() {
    const BUTTON: &str = "laurel-wechat";
    let site = small_site();
    let preview = start(&site);
    let mut events = listen(preview.addr);
    assert!(get(preview.addr, PAGE).text().contains(BUTTON));
    site.write(
        "content/people/li-si.md",
        md("title = \"李四\"", "新来的李四。").as_bytes(),
    );
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, "/haoren/people/li-si/").text();
    assert!(page.contains("新来的李四") && page.contains(BUTTON), "{page}");
    site.write(
        "content/people/li-si.md",
        md("title = \"李四同志\"", "新来的李四。").as_bytes(),
    );
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, "/haoren/people/li-si/").text();
    assert!(page.contains("李四同志") && page.contains(BUTTON), "{page}");
}

/// A page moved to another file that keeps its address links the editor
/// to its new file: what serve keeps of the pages follows the move.
#[test]
fn serve_moved_page_links_the_editor_to_its_new_file() {
    let site = small_site();
    let preview = crate::editor::start(&site, "127.0.0.1", true);
    let page = "/haoren/people/hao-ren/";
    let text = md("title = \"李四\"\nslug = \"hao-ren\"", "新来的李四。");
    site.write("content/people/a.md", text.as_bytes());
    served_eventually(preview.addr, page, "page?file=content/people/a.md", WAIT).unwrap_or_else(|p| panic!("{p}"));
    std::fs::rename(
        site.root().join("content/people/a.md"),
        site.root().join("content/people/b.md"),
    )
    .expect("move");
    served_eventually(preview.addr, page, "page?file=content/people/b.md", WAIT).unwrap_or_else(|p| panic!("{p}"));
    site.write("content/people/wang-wu.md", md("title = \"王五\"", "王五。").as_bytes());
    served_eventually(
        preview.addr,
        "/haoren/people/wang-wu/",
        "page?file=content/people/wang-wu.md",
        WAIT,
    )
    .unwrap_or_else(|p| panic!("{p}"));
    let page = get(preview.addr, page).text();
    assert!(page.contains("page?file=content/people/b.md"), "{page}");
}

#[test]
fn serve_css_change_swaps_stylesheets() {
    let site = small_site();
    let preview = start(&site);
    let mut events = listen(preview.addr);
    site.write("static/style.css", b"body { color: rgb(4, 5, 6); }\n");
    events.wait_for("css", WAIT);
    let css = get(preview.addr, "/haoren/style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.text().contains("rgb(4, 5, 6)"));
}

#[test]
fn serve_injects_a_relative_reload_script() {
    let site = small_site();
    let preview = start(&site);
    let page = get(preview.addr, PAGE);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    let html = page.text();
    let tag = html
        .find("<script src=\"../../__laurel/reload.js\"")
        .expect("the reload script");
    assert!(tag < html.rfind("</body>").expect("</body>"));
    assert_eq!(html.matches("__laurel/reload.js").count(), 1);
    let home = get(preview.addr, "/haoren/").text();
    assert!(home.contains("<script src=\"__laurel/reload.js\""), "{home}");
    let script = get(preview.addr, "/haoren/__laurel/reload.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert!(script.text().contains("EventSource"));
    // Not HTML: served as it is.
    let css = get(preview.addr, "/haoren/style.css").text();
    assert!(!css.contains("__laurel"));
}

#[test]
fn serve_base_path_and_folders() {
    let site = small_site();
    let preview = start(&site);
    let root = get(preview.addr, "/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/haoren/"));
    let folder = get(preview.addr, "/haoren/people/zhang-san");
    assert_eq!(folder.status, 302);
    assert_eq!(folder.header("location"), Some("/haoren/people/zhang-san/"));
    let index = get(preview.addr, "/haoren/people/zhang-san/");
    assert_eq!(index.status, 200);
    assert!(index.text().contains("初稿"));
    // Paths without the base path work too.
    assert_eq!(get(preview.addr, "/people/zhang-san/").status, 200);
    // Percent-encoded names and query strings.
    assert_eq!(
        get(preview.addr, "/haoren/people/zhang-san/index.html?from=qr").status,
        200
    );
    assert_eq!(get(preview.addr, "/haoren/%70eople/zhang-san/").status, 200);
}

#[test]
fn serve_at_the_root_when_base_url_has_no_path() {
    let site = Site::bare()
        .file(
            "laurel.toml",
            "title = \"好人榜\"\nbase_url = \"https://example.org\"\n",
        )
        .file("content/_index.md", &md("title = \"首页\"", "根目录首页。"));
    let preview = start(&site);
    assert!(
        preview.url.ends_with('/') && !preview.url.ends_with("//"),
        "{}",
        preview.url
    );
    let home = get(preview.addr, "/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("根目录首页"));
    assert!(home.text().contains("<script src=\"__laurel/reload.js\""));
}

#[test]
fn serve_not_found_is_the_sites_404_page() {
    let site = small_site();
    let preview = start(&site);
    let built = laurel::session::Session::start(site.options());
    let not_found = String::from_utf8(built.output().read("404.html").expect("a 404 page")).expect("utf-8");
    for path in ["/haoren/nope/", "/haoren/people/nobody.html", "/nope/deeper/still/"] {
        let answer = get(preview.addr, path);
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(answer.header("content-type"), Some("text/html; charset=utf-8"));
        let html = answer.text();
        let end = not_found.rfind("</body>").expect("</body>");
        assert!(html.starts_with(&not_found[..end]), "{path}: {html}");
        assert!(html.contains("<script src=\"/haoren/__laurel/reload.js\""), "{html}");
    }
}

#[test]
fn serve_etag_head_and_methods() {
    let site = small_site();
    let preview = start(&site);
    for path in [PAGE, "/haoren/style.css"] {
        let first = get(preview.addr, path);
        let etag = first.header("etag").expect("an ETag").to_string();
        let again = request(preview.addr, "GET", path, &[("If-None-Match", &etag)]);
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        let other = request(preview.addr, "GET", path, &[("If-None-Match", "\"stale\"")]);
        assert_eq!(other.status, 200);
        assert_eq!(other.body, first.body);

        let head = request(preview.addr, "HEAD", path, &[]);
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty(), "HEAD sent a body");
        assert_eq!(
            head.header("content-length"),
            Some(first.body.len().to_string().as_str())
        );
        assert_eq!(head.header("content-type"), first.header("content-type"));
    }
    assert_eq!(
        request(preview.addr, "POST", PAGE, &[("Content-Length", "0")]).status,
        405
    );
}

#[test]
fn serve_refuses_paths_that_leave_the_site() {
    let site = small_site();
    let preview = start(&site);
    let secrets = ["SECRET-CARGO", "base_url", "root:x:0:0", "初稿"];
    let attempts = [
        "/../Cargo.toml",
        "/haoren/../Cargo.toml",
        "/haoren/../../Cargo.toml",
        "/%2e%2e/laurel.toml",
        "/haoren/%2e%2e/%2e%2e/laurel.toml",
        "/..%2flaurel.toml",
        "/haoren/..%2F..%2Fcontent/people/zhang-san.md",
        "//etc/passwd",
        "/haoren//etc/passwd",
        "/%2fetc/passwd",
        "/a%00b",
        "/haoren/people/zhang-san/index.html%00.css",
        "/..\\laurel.toml",
        "/haoren/%5c..%5claurel.toml",
        "/content/people/zhang-san.md",
        "/laurel.toml",
        "/Cargo.toml",
        "/%ff%fe",
    ];
    for path in attempts {
        let answer = raw(
            preview.addr,
            format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                preview.addr
            )
            .as_bytes(),
        );
        assert!(matches!(answer.status, 400 | 404), "{path}: {}", answer.status);
        let text = answer.text();
        for secret in secrets {
            assert!(!text.contains(secret), "{path} leaked {secret}");
        }
    }
    let absolute = raw(
        preview.addr,
        format!(
            "GET http://x/../../etc/passwd HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            preview.addr
        )
        .as_bytes(),
    );
    assert!(matches!(absolute.status, 400 | 404));
    assert!(!absolute.text().contains("root:x:0:0"));
    // The server still answers.
    assert_eq!(get(preview.addr, PAGE).status, 200);
}

#[test]
fn serve_broken_edit_shows_overlay_over_last_good_site() {
    let site = small_site();
    let preview = start(&site);
    let mut events = listen(preview.addr);
    let broken = "+++\ntitle = \"张三\"\nnickname = \"<b>三哥</b>\"\n+++\n坏稿。\n";
    site.write("content/people/zhang-san.md", broken.as_bytes());
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, PAGE).text();
    assert!(page.contains("id=\"laurel-errors\""), "{page}");
    assert!(page.contains("content/people/zhang-san.md:3"), "{page}");
    assert!(page.contains("初稿"), "the last good page stays under the overlay");
    assert!(!page.contains("<b>三哥</b>"), "not escaped: {page}");
    let home = get(preview.addr, "/haoren/").text();
    assert!(home.contains("id=\"laurel-errors\""));

    site.write("content/people/zhang-san.md", person("修好了。").as_bytes());
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, PAGE).text();
    assert!(!page.contains("laurel-errors"), "{page}");
    assert!(page.contains("修好了"));
}

#[test]
fn serve_first_build_failure_explains_and_recovers() {
    let site = small_site().file(
        "content/people/zhang-san.md",
        "+++\ntitle = \"张三\"\nbad key = 1\n+++\n",
    );
    let preview = start(&site);
    for path in ["/haoren/", PAGE, "/haoren/people/"] {
        let answer = get(preview.addr, path);
        assert_eq!(answer.status, 500, "{path}");
        let html = answer.text();
        assert!(html.contains("content/people/zhang-san.md"), "{html}");
        assert!(html.contains("/haoren/__laurel/reload.js"), "{html}");
    }
    let mut events = listen(preview.addr);
    site.write("content/people/zhang-san.md", person("终于好了。").as_bytes());
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("终于好了"));
    assert!(!page.text().contains("laurel-errors"));
}

#[test]
fn serve_reports_events_to_its_caller() {
    use std::sync::mpsc;
    let site = small_site();
    let (sender, receiver) = mpsc::channel();
    let _preview = serve(site.serve_options(), move |event| {
        let line = match event {
            laurel::serve::Event::Published { .. } => return,
            laurel::serve::Event::Started { pages, .. } => format!("started {}", pages > 0),
            laurel::serve::Event::Rebuilt { rebuild, touched, .. } => {
                format!("rebuilt {:?} {}", rebuild.changed, touched > 0)
            }
            laurel::serve::Event::Failed(err) => format!("failed {err}"),
            laurel::serve::Event::Stopped(err) => format!("stopped {err}"),
        };
        let _ = sender.send(line);
    })
    .expect("serve");
    assert_eq!(receiver.recv_timeout(WAIT).expect("start"), "started true");
    site.write("content/people/zhang-san.md", person("又一稿。").as_bytes());
    assert_eq!(
        receiver.recv_timeout(WAIT).expect("rebuild"),
        "rebuilt [\"content/people/zhang-san.md\"] true"
    );
}

#[test]
fn serve_reports_a_rebuild_that_panics_and_keeps_watching() {
    use crate::watch::{panicking_workbook, workbook_of, xlsx_award_site};
    let award = "/haoren/awards/2024/";
    let site = xlsx_award_site(&workbook_of("张三"));
    let preview = start(&site);
    let mut events = listen(preview.addr);

    site.write("content/awards/2024.xlsx", &panicking_workbook());
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, award).text();
    assert!(page.contains("id=\"laurel-errors\""), "{page}");
    assert!(page.contains("content/awards/2024.xlsx"), "{page}");
    assert!(page.contains("张三"), "the last good page stays under the overlay");

    site.write("content/awards/2024.xlsx", &workbook_of("李四"));
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, award).text();
    assert!(!page.contains("laurel-errors"), "{page}");
    assert!(page.contains("李四"), "{page}");
}

/// Polls `path` until its text contains `text`, for at most `timeout`.
fn served_eventually(addr: SocketAddr, path: &str, text: &str, timeout: Duration) -> Result<(), String> {
    let start = std::time::Instant::now();
    loop {
        let page = get(addr, path).text();
        if page.contains(text) {
            return Ok(());
        }
        if start.elapsed() > timeout {
            return Err(page);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_save_made_while_starting_is_rebuilt() {
    // The first build fails; the writer fixes the story the moment serve
    // says so, while serve is still starting.
    let site = small_site().file(
        "content/people/zhang-san.md",
        "+++\ntitle = \"张三\"\nbad key = 1\n+++\n",
    );
    let story = site.root().join("content/people/zhang-san.md");
    let fixed = person("启动时修好了。");
    let preview = serve(site.serve_options(), move |event| {
        if let laurel::serve::Event::Failed(_) = event {
            std::fs::write(&story, &fixed).expect("write the fix");
        }
    })
    .expect("serve");
    served_eventually(preview.addr, PAGE, "启动时修好了", WAIT)
        .unwrap_or_else(|page| panic!("the fix saved during start-up was not served: {page}"));
}

#[test]
fn serve_save_made_during_a_long_first_build_is_rebuilt() {
    let site = crate::watch::with_people(small_site(), 300);
    let first = std::time::Instant::now();
    drop(laurel::session::Session::start(site.options()));
    let build = first.elapsed();

    let options = site.serve_options();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(serve(options, |_| {}));
    });
    // Saved while the first build renders, after it has read the story.
    std::thread::sleep(build / 2);
    site.write("content/people/zhang-san.md", person("启动中的改稿。").as_bytes());
    let preview = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("serve started")
        .expect("serve");
    served_eventually(preview.addr, PAGE, "启动中的改稿", WAIT)
        .unwrap_or_else(|page| panic!("the save made during the first build was not served: {page}"));
}

#[test]
fn serve_plain_replies_speak_the_sites_language() {
    let (chinese_site, english_site) = (
        small_site().config("language = \"zh-CN\""),
        small_site().config("language = \"en\""),
    );
    let (chinese, english) = (start(&chinese_site), start(&english_site));
    let post = |addr| request(addr, "POST", PAGE, &[("Content-Length", "0")]);
    assert_eq!(post(chinese.addr).status, 405);
    assert_eq!(post(chinese.addr).text(), "这里只接受 GET 和 HEAD 请求\n");
    assert_eq!(post(english.addr).text(), "only GET and HEAD\n");
    let bad_path = |addr| get(addr, "/a%00b");
    assert_eq!(bad_path(chinese.addr).status, 400);
    assert_eq!(bad_path(chinese.addr).text(), "这个地址无效\n");
    assert_eq!(bad_path(english.addr).text(), "bad request path\n");
    let foreign = |addr| raw(addr, b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert_eq!(foreign(chinese.addr).status, 421);
    assert!(
        foreign(chinese.addr).text().starts_with("这个预览只在 localhost"),
        "{}",
        foreign(chinese.addr).text()
    );
    assert!(foreign(english.addr).text().starts_with("This preview answers only"));
    let unknown_article = |addr| get(addr, "/haoren/__laurel/wechat/nobody/");
    assert_eq!(unknown_article(chinese.addr).status, 404);
    assert_eq!(unknown_article(chinese.addr).text(), "这个地址没有发布页面\n");
}
