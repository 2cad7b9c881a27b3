//! `laurel serve` in a real browser: headless Chromium, driven over its
//! DevTools protocol, sees edits without anyone reloading the page.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::chromium::{Browser, WAIT};
use crate::serve::{small_site, start};

fn has_text(text: &str) -> String {
    format!("!!document.body && document.body.innerText.includes({})", json!(text))
}

#[test]
fn browser_sees_edits_without_a_manual_reload() {
    let site = small_site();
    let preview = start(&site);
    let url = format!("{}people/zhang-san/index.html", preview.url);
    let mut browser = Browser::start(&url);
    browser.wait_until(&has_text("初稿"), "the first draft");
    let start = Instant::now();
    while preview.browsers() == 0 {
        assert!(start.elapsed() < WAIT, "the page never listened for reloads");
        std::thread::sleep(Duration::from_millis(20));
    }
    // A mark that a reload would wipe out.
    browser.eval("window.laurelMark = 42");

    site.write("static/style.css", b"body { color: rgb(4, 5, 6); }\n");
    browser.wait_until(
        "getComputedStyle(document.body).color === 'rgb(4, 5, 6)'",
        "the new stylesheet",
    );
    assert_eq!(
        browser.eval("window.laurelMark"),
        json!(42),
        "a CSS change reloaded the page"
    );

    site.write(
        "content/people/zhang-san.md",
        crate::support::md("title = \"张三\"", "改稿：浏览器自己刷新了。").as_bytes(),
    );
    browser.wait_until(&has_text("改稿：浏览器自己刷新了"), "the edited text");
    assert_eq!(browser.eval("window.laurelMark === undefined"), json!(true));

    site.write(
        "content/people/zhang-san.md",
        b"+++\ntitle = \"\xe5\xbc\xa0\xe4\xb8\x89\"\nnickname = 1\n+++\n",
    );
    browser.wait_until("!!document.getElementById('laurel-errors')", "the error overlay");
    browser.wait_until(&has_text("content/people/zhang-san.md"), "the file in the overlay");
    assert!(browser.eval("document.body.innerText").to_string().contains("改稿"));

    site.write(
        "content/people/zhang-san.md",
        crate::support::md("title = \"张三\"", "修好了。").as_bytes(),
    );
    browser.wait_until(
        &format!("!document.getElementById('laurel-errors') && {}", has_text("修好了")),
        "the fixed page without the overlay",
    );
}
