//! Uploads in headless Chromium, as a clerk makes them: a new person gets a
//! photo through the file picker; an award page gets its list from an .xlsx
//! file — sheet chosen, rows seen with the names linked and the phone
//! numbers flagged, columns picked and ordered — and then shows it.

use serde_json::{Value, json};

use crate::accessibility::{axe_source, axe_violations};
use crate::chromium::Browser;
use crate::editor::{editor_site, start};
use crate::support::{jpeg, md};
use crate::xlsx::workbook;

/// Runs `script` (an expression) and asserts it returned true: `what` failed otherwise.
fn run(browser: &mut Browser, script: &str, what: &str) {
    assert_eq!(browser.eval(script), json!(true), "{what}");
}

/// Sets a field's value as typing would, with its `input` and `change` events.
fn fill(browser: &mut Browser, selector: &str, value: &str) {
    let script = format!(
        "(() => {{ const e = document.querySelector({}); if (!e) return false; e.value = {};
           e.dispatchEvent(new Event('input', {{ bubbles: true }}));
           e.dispatchEvent(new Event('change', {{ bubbles: true }})); return true; }})()",
        json!(selector),
        json!(value)
    );
    run(browser, &script, &format!("no field {selector}"));
}

fn click(browser: &mut Browser, selector: &str) {
    let script = format!(
        "(() => {{ const b = document.querySelector({}); if (!b) return false; b.click(); return true; }})()",
        json!(selector)
    );
    run(browser, &script, &format!("nothing to click at {selector}"));
}

/// Picks `path` in the file input at `selector`, as the file picker does.
fn pick_file(browser: &mut Browser, selector: &str, path: &std::path::Path) {
    let found = browser.call(
        "Runtime.evaluate",
        json!({ "expression": format!("document.querySelector({})", json!(selector)) }),
    );
    let object = found["result"]["objectId"]
        .as_str()
        .expect("the file input")
        .to_string();
    browser.call("DOM.enable", json!({}));
    browser.call(
        "DOM.setFileInputFiles",
        json!({ "files": [path.display().to_string()], "objectId": object }),
    );
}

fn value_of(browser: &mut Browser, selector: &str) -> Value {
    browser.eval(&format!("document.querySelector({}).value", json!(selector)))
}

#[test]
fn upload_clerk_adds_a_photo_to_a_new_person() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let edit = preview.edit_url.clone().expect("the editor is on");
    let photos = tempfile::tempdir().expect("temp dir");
    let photo = photos.path().join("王小红.jpg");
    std::fs::write(&photo, jpeg(120, 90)).expect("write the photo");

    let mut browser = Browser::start("about:blank");
    browser.navigate(&format!("{edit}new"));
    fill(&mut browser, "#kind", "person");
    fill(&mut browser, "#title", "王小红");
    click(&mut browser, "#new-form button[type=submit]");
    browser.wait_until(
        "!!document.getElementById('photo-file')",
        "the new person's form, with a photo upload",
    );
    assert_eq!(
        value_of(&mut browser, "#photo-alt-text"),
        json!("王小红"),
        "the alt text defaults to the name"
    );
    pick_file(&mut browser, "#photo-file", &photo);
    browser.wait_until(
        "decodeURIComponent(location.search).includes('wang-xiao-hong/index.md') \
         && document.readyState === 'complete' \
         && !!document.getElementById('f-photo')",
        "the form of the page, now a bundle",
    );
    assert_eq!(value_of(&mut browser, "#f-photo"), json!("wang-xiao-hong.jpg"));
    assert_eq!(value_of(&mut browser, "#f-photo_alt"), json!("王小红"));
    browser.wait_until(
        "(() => { const d = document.getElementById('preview').contentDocument; \
           return !!d && !!d.querySelector('img[src*=\"wang-xiao-hong\"]'); })()",
        "the photo in the preview",
    );
    assert!(
        site.root()
            .join("content/people/wang-xiao-hong/wang-xiao-hong.jpg")
            .is_file()
    );
    assert!(!site.root().join("content/people/wang-xiao-hong.md").exists());
    site.check()
        .unwrap_or_else(|err| panic!("laurel check fails after the upload:\n{err}"));
}

#[test]
fn upload_clerk_imports_an_award_list_from_a_workbook() {
    let site = editor_site().file(
        "content/awards/2023.md",
        &md("title = \"2023 年好人榜\"\nkind = \"award\"", "经评选，名单如下。"),
    );
    let preview = start(&site, "127.0.0.1", false);
    let edit = preview.edit_url.clone().expect("the editor is on");
    let files = tempfile::tempdir().expect("temp dir");
    let book = files.path().join("2023年名单.xlsx");
    let rows: &[&[&str]] = &[
        &["姓名", "单位", "联系电话"],
        &["张三", "城东社区", "13812345678"],
        &["李四", "北山小学", ""],
    ];
    std::fs::write(&book, workbook(&[("说明", &[&["本表由宣传科整理"]]), ("名单", rows)])).expect("write the workbook");

    let mut browser = Browser::start("about:blank");
    browser.navigate(&format!("{edit}page?file=content/awards/2023.md"));
    browser.wait_until("!!document.getElementById('sheet-file')", "the award page's import");
    pick_file(&mut browser, "#sheet-file", &book);
    browser.wait_until("!!document.getElementById('sheet-name')", "the sheet picker");
    fill(&mut browser, "#sheet-name", "名单");
    browser.wait_until(
        "!!document.querySelector('#sheet-rows a[href$=\"people/zhang-san/index.html\"]')",
        "the rows of the chosen sheet, 张三 linked to his page",
    );
    run(
        &mut browser,
        "document.getElementById('sheet-personal').textContent.includes('手机号 138****5678')",
        "the phone number is flagged",
    );
    let (violations, _) = axe_violations(&mut browser, &axe_source());
    assert!(violations.is_empty(), "the import with its preview: {violations:#?}");
    // The list shows 单位 then 姓名, without the phone numbers.
    click(&mut browser, "#sheet-columns li:nth-child(3) input");
    click(&mut browser, "#sheet-columns li:nth-child(2) button");
    run(
        &mut browser,
        "Array.from(document.querySelectorAll('#sheet-columns input:checked')).map(i => i.value).join() === '单位,姓名'",
        "the columns chosen and ordered",
    );
    click(&mut browser, "#sheet-save");
    browser.wait_until(
        "document.readyState === 'complete' && !!document.getElementById('f-data') \
         && document.getElementById('f-data').value === '2023-nian-ming-dan.xlsx'",
        "the form with the list's file",
    );
    let text = site.source("content/awards/2023.md");
    assert!(
        text.contains("columns = [\"单位\", \"姓名\"]\nmask = [\"联系电话\"]\n"),
        "{text}"
    );
    browser.navigate(&format!("{}awards/2023/", preview.url));
    browser.wait_until(
        "document.body.textContent.includes('北山小学') && !!document.querySelector('a[href$=\"people/zhang-san/index.html\"]')",
        "the award page with its list",
    );
    site.check()
        .unwrap_or_else(|err| panic!("laurel check fails after the import:\n{err}"));
}
