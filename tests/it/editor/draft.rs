//! The editor's live preview over HTTP: a draft — the form's fields and
//! Markdown, not saved — rendered as the page a build makes of it, with
//! nothing written; a draft that cannot be saved says why beside its fields.

use serde_json::json;

use super::{FILE, PERSON, editor_site, post, post_with, start};
use crate::support::md;

/// What a save of [`draft`] writes into [`FILE`].
const SAVED: &str = "+++\n# 人物资料，由宣传科维护\ntitle = \"张三\"  # 姓名\ncategory = \"助人为乐\"\nregion = \"城西区\"\n\
                     honors = [\"身边好人\"]\nhometown = \"河北保定\"\n+++\n\n草稿：张三送迷路的孩子回家。\n";

fn draft() -> serde_json::Value {
    json!({
        "file": FILE,
        "fields": { "title": "张三", "region": "城西区", "hometown": "河北保定", "honors": ["身边好人"] },
        "body": "\n草稿：张三送迷路的孩子回家。\n",
    })
}

#[test]
fn editor_preview_is_the_page_a_build_makes_of_the_draft_and_writes_nothing() {
    let li_si = md("title = \"李四\"", "李四。");
    let site = editor_site().file("content/people/li-si.md", &li_si);
    let preview = start(&site, "127.0.0.1", false);
    let (status, answer) = post(preview.addr, "preview", &draft());
    assert_eq!((status, answer["status"].as_str()), (200, Some("preview")), "{answer}");
    let html = answer["html"].as_str().unwrap();
    let base = "<base href=\"/haoren/people/zhang-san/\">";
    assert!(html.contains(&format!("<head>{base}")), "{html}");

    assert_eq!(site.source(FILE), PERSON, "a preview wrote the page");
    let names = std::fs::read_dir(site.root().join("content/people")).unwrap().count();
    assert_eq!(names, 3, "a preview left a file beside the page");

    // The page a build makes once the draft is saved.
    let saved = editor_site().file("content/people/li-si.md", &li_si).file(FILE, SAVED);
    saved.build_ok();
    assert_eq!(html.replacen(base, "", 1), saved.read("people/zhang-san/index.html"));

    // The served page is still the saved one.
    let page = crate::http::get(preview.addr, "/haoren/people/zhang-san/").text();
    assert!(page.contains("初稿") && !page.contains("草稿"), "{page}");
}

#[test]
fn editor_preview_of_new_text_alone_is_the_page_a_build_makes_and_leaves_the_site_as_it_was() {
    let li_si = md("title = \"李四\"", "李四。");
    let site = editor_site().file("content/people/li-si.md", &li_si);
    let preview = start(&site, "127.0.0.1", false);
    let before = crate::http::get(preview.addr, "/haoren/people/li-si/").text();
    // A draft with other front matter first: the site must be as it was after it.
    let (_, answer) = post(preview.addr, "preview", &draft());
    assert_eq!(answer["status"], "preview", "{answer}");
    let text = json!({ "file": FILE, "fields": {}, "body": "\n只改正文。\n" });
    let (_, answer) = post(preview.addr, "preview", &text);
    assert_eq!(answer["status"], "preview", "{answer}");
    let html = answer["html"].as_str().unwrap();
    let saved = editor_site()
        .file("content/people/li-si.md", &li_si)
        .file(FILE, &PERSON.replace("\n初稿：张三扶老人过马路。\n", "\n只改正文。\n"));
    saved.build_ok();
    let base = "<base href=\"/haoren/people/zhang-san/\">";
    assert_eq!(html.replacen(base, "", 1), saved.read("people/zhang-san/index.html"));
    assert_eq!(crate::http::get(preview.addr, "/haoren/people/li-si/").text(), before);
    assert_eq!(site.source(FILE), PERSON);
}

#[test]
fn editor_preview_of_a_draft_that_cannot_be_saved_says_why_beside_its_fields() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let mut request = draft();
    request["fields"]["title"] = json!("");
    request["fields"]["date"] = json!("2024-02-30");
    let (status, answer) = post(preview.addr, "preview", &request);
    assert_eq!((status, answer["status"].as_str()), (200, Some("invalid")), "{answer}");
    assert_eq!(answer["fields"]["title"], "此项为必填。");
    assert!(
        answer["fields"]["date"].as_str().unwrap().contains("2024-03-05"),
        "{answer}"
    );
    assert_eq!(site.source(FILE), PERSON);

    // Like every change, a preview needs the CSRF token and the same origin.
    let refused = post_with(
        preview.addr,
        "preview",
        &draft().to_string(),
        &[("Content-Type", "application/json")],
    );
    assert_eq!(refused.status, 403);
}
