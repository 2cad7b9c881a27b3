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

#[test]
fn browser_copy_button_puts_the_wechat_article_on_the_clipboard() {
    let site = small_site()
        .bytes("static/photos/zhang.jpg", &crate::support::jpeg(600, 800))
        .file(
            "content/people/zhang-san.md",
            &crate::support::md(
                "title = \"张三\"\nphoto = \"/photos/zhang.jpg\"\nhonors = [\"清河好人\"]",
                "## 事迹\n\n张三扶老人过马路，见[报道](https://example.com/news)。\n",
            ),
        );
    let preview = start(&site);
    let url = format!("{}people/zhang-san/index.html", preview.url);
    let mut browser = Browser::start(&url);
    browser.wait_until("!!document.querySelector('#laurel-wechat button')", "the copy button");
    let origin = preview
        .url
        .trim_end_matches("haoren/")
        .trim_end_matches('/')
        .to_string();
    browser.call(
        "Browser.grantPermissions",
        json!({"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
    );
    browser.call("Emulation.setFocusEmulationEnabled", json!({"enabled": true}));
    // A real click on the button, as a person would make it.
    let at = browser.eval(
        "(() => { const r = document.querySelector('#laurel-wechat button').getBoundingClientRect(); \
         return [r.x + r.width / 2, r.y + r.height / 2]; })()",
    );
    for kind in ["mousePressed", "mouseReleased"] {
        browser.call(
            "Input.dispatchMouseEvent",
            json!({"type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1}),
        );
    }
    browser.wait_until(
        "document.querySelector('#laurel-wechat span').textContent.startsWith('已复制')",
        "the copied note",
    );
    let copied = browser.eval(
        "navigator.clipboard.read().then(async items => { const item = items[0]; \
         return { html: await (await item.getType('text/html')).text(), \
                  text: await (await item.getType('text/plain')).text() }; })",
    );
    let html = copied["html"].as_str().expect("text/html on the clipboard");
    assert!(html.contains("<section style="), "{html}");
    assert!(html.contains("张三扶老人过马路"), "{html}");
    assert!(html.contains("清河好人"), "{html}");
    assert!(
        html.contains("src=\"data:image/jpeg;base64,"),
        "the photo travels with the copy"
    );
    assert!(html.contains("[1] 报道：https://example.com/news"), "{html}");
    assert!(!html.contains("class=") && !html.contains("<script"), "{html}");
    let text = copied["text"].as_str().expect("text/plain on the clipboard");
    assert!(text.starts_with("张三\n"), "{text}");
    assert!(text.contains("原文链接："), "{text}");
}
