//! The editor in headless Chromium, used as a publicity clerk uses it:
//! filter the list, open a person, fill in the form (a field the site
//! declared too), save and watch the preview change, meet a conflict, make
//! a new page, delete one; and axe-core on each of its pages.

use serde_json::json;

use super::{FILE, editor_site, english_site, has, start};
use crate::accessibility::{axe_source, axe_violations};
use crate::chromium::Browser;

impl Browser {
    /// Sets the value of the field at `selector` as typing would, with its `input` event.
    fn fill(&mut self, selector: &str, value: &str) {
        let script = format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.value = {};
               e.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()",
            json!(selector),
            json!(value)
        );
        assert_eq!(self.eval(&script), json!(true), "no field {selector}");
    }

    /// Presses Enter in the field at `selector`.
    fn enter(&mut self, selector: &str) {
        self.eval(&format!(
            "document.querySelector({}).dispatchEvent(new KeyboardEvent('keydown', {{ key: 'Enter', bubbles: true }}))",
            json!(selector)
        ));
    }

    fn press(&mut self, selector: &str) {
        let script = format!(
            "(() => {{ const b = document.querySelector({}); if (!b) return false; b.click(); return true; }})()",
            json!(selector)
        );
        assert_eq!(self.eval(&script), json!(true), "no button {selector}");
    }

    fn text_of(&mut self, selector: &str) -> String {
        let value = self.eval(&format!("document.querySelector({}).textContent", json!(selector)));
        value.as_str().unwrap_or_default().to_string()
    }
}

#[test]
fn editor_clerk_edits_a_person_and_sees_the_preview_change() {
    let site = editor_site().file(
        "content/people/li-si.md",
        &crate::support::md("title = \"李四\"", "李四。"),
    );
    let preview = start(&site, "127.0.0.1", false);
    let mut browser = Browser::start("about:blank");
    browser.navigate(preview.edit_url.as_deref().unwrap());
    assert_eq!(
        browser.eval("document.querySelectorAll('#shelves li').length"),
        json!(2)
    );
    browser.fill("#filter", "zhang");
    browser.wait_until(
        "document.getElementById('count').textContent === '共 1 篇'",
        "the filtered list",
    );
    assert_eq!(browser.eval("document.getElementById('shelves').hidden"), json!(true));
    assert_eq!(browser.text_of("#results a"), "张三");

    browser.press("#results a");
    browser.wait_until("!!document.getElementById('page-form')", "the person's form");
    browser.wait_until(
        "(() => { const d = document.getElementById('preview').contentDocument; \
           return !!d && !!d.body && d.body.textContent.includes('初稿'); })()",
        "the preview of the page as it is",
    );
    browser.fill("#f-region", "城西区");
    browser.fill("#f-hometown", "河北保定");
    browser.fill("#f-honors", "身边好人");
    browser.enter("#f-honors");
    browser.fill("#body", "\n改稿：张三送迷路的孩子回家。\n");
    browser.press("#page-form button[type=submit]");
    browser.wait_until(
        "document.getElementById('status').textContent.startsWith('已保存')",
        "the save",
    );
    browser.wait_until(
        "(() => { const d = document.getElementById('preview').contentDocument; \
           return !!d && !!d.body && d.body.textContent.includes('改稿') && d.body.textContent.includes('河北保定'); })()",
        "the preview of the saved page",
    );
    let saved = site.source(FILE);
    assert!(
        saved.starts_with("+++\n# 人物资料，由宣传科维护\ntitle = \"张三\"  # 姓名\n"),
        "{saved}"
    );
    assert!(
        saved.contains("region = \"城西区\"\nhonors = [\"身边好人\"]\nhometown = \"河北保定\"\n+++\n"),
        "{saved}"
    );
    site.check()
        .unwrap_or_else(|err| panic!("laurel check fails after the clerk's save:\n{err}"));

    // Someone changes the file meanwhile: the clerk sees both and keeps hers.
    let theirs = saved.replace("改稿", "别人的改稿");
    site.write(FILE, theirs.as_bytes());
    browser.fill("#body", "\n第三稿。\n");
    browser.press("#page-form button[type=submit]");
    browser.wait_until("!document.getElementById('conflict').hidden", "the conflict");
    assert!(browser.text_of("#theirs").contains("别人的改稿"));
    assert!(browser.text_of("#mine").contains("第三稿"));
    assert_eq!(site.source(FILE), theirs);
    browser.press("#keep-mine");
    browser.wait_until(
        "document.getElementById('status').textContent.startsWith('已保存')",
        "keeping mine",
    );
    assert!(site.source(FILE).ends_with("\n第三稿。\n"));
}

#[test]
fn editor_clerk_makes_a_new_page_and_deletes_another() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let mut browser = Browser::start("about:blank");
    browser.navigate(&format!("{}new", preview.edit_url.as_deref().unwrap()));
    browser.fill("#kind", "person");
    browser.fill("#title", "李小明");
    browser.wait_until(
        "document.getElementById('planned').textContent.includes('/people/li-xiao-ming/')",
        "the pinyin address",
    );
    assert!(!has(&site, "content/people/li-xiao-ming.md"));
    browser.press("#new-form button[type=submit]");
    browser.wait_until("location.search.includes('li-xiao-ming.md')", "the new page's form");
    assert!(has(&site, "content/people/li-xiao-ming.md"));

    browser.navigate(&format!("{}page?file={FILE}", preview.edit_url.as_deref().unwrap()));
    browser.eval("window.confirm = () => true");
    browser.press("#delete");
    browser.wait_until(
        "document.getElementById('page-form').textContent.includes('已删除')",
        "the deletion",
    );
    assert!(has(&site, ".laurel-trash/content/people/zhang-san.md"));
    assert!(!has(&site, FILE));
}

#[test]
fn editor_axe_finds_nothing_on_its_pages() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let edit = preview.edit_url.clone().unwrap();
    let axe = axe_source();
    let mut browser = Browser::start("about:blank");
    for url in [edit.clone(), format!("{edit}page?file={FILE}"), format!("{edit}new")] {
        browser.navigate(&url);
        let (violations, passes) = axe_violations(&mut browser, &axe);
        assert!(violations.is_empty(), "{url}: {violations:#?}");
        assert!(passes > 10, "{url}: axe ran only {passes} rules");
    }
    // The filter's matches, and a draft's errors beside its fields.
    browser.navigate(&edit);
    browser.fill("#filter", "zhang");
    browser.wait_until("document.getElementById('count').textContent !== ''", "the matches");
    let (violations, _) = axe_violations(&mut browser, &axe);
    assert!(violations.is_empty(), "the filtered list: {violations:#?}");
    browser.navigate(&format!("{edit}page?file={FILE}"));
    browser.fill("#f-title", "");
    browser.wait_until(
        "document.getElementById('e-title').textContent !== ''",
        "the draft's error",
    );
    let (violations, _) = axe_violations(&mut browser, &axe);
    assert!(violations.is_empty(), "a draft with an error: {violations:#?}");

    // Keyboard: the filter box is reached from the top, every field has a label.
    browser.navigate(&format!("{edit}page?file={FILE}"));
    let unlabelled = browser.eval(
        "Array.from(document.querySelectorAll('input, select, textarea')).filter(e => !e.labels || e.labels.length === 0).length",
    );
    assert_eq!(unlabelled, json!(0));
}

/// Whether the preview frame shows `text`.
fn preview_shows(text: &str) -> String {
    format!(
        "(() => {{ const d = document.getElementById('preview').contentDocument; \
           return !!d && !!d.body && d.body.textContent.includes({}); }})()",
        json!(text)
    )
}

#[test]
fn editor_clerk_sees_the_draft_in_the_preview_before_saving() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let mut browser = Browser::start("about:blank");
    browser.navigate(&format!("{}page?file={FILE}", preview.edit_url.as_deref().unwrap()));
    browser.wait_until(&preview_shows("初稿"), "the preview of the page as it is");

    browser.fill("#body", "\n草稿：张三送迷路的孩子回家。\n");
    browser.fill("#f-hometown", "河北保定");
    browser.wait_until(&preview_shows("草稿：张三送迷路的孩子回家"), "the draft in the preview");
    assert_eq!(browser.eval(&preview_shows("河北保定")), json!(true));
    assert_eq!(site.source(FILE), super::PERSON, "typing wrote the page");

    // A required field emptied: its error shows beside it, the preview keeps the last good page.
    browser.fill("#f-title", "");
    browser.eval("document.getElementById('body').focus()");
    browser.fill("#body", "\n第二稿。\n");
    browser.wait_until(
        "document.getElementById('e-title').textContent === '此项为必填。'",
        "the error beside the title",
    );
    assert_eq!(browser.eval("document.activeElement.id"), json!("body"));
    assert_eq!(browser.eval(&preview_shows("草稿：张三送迷路的孩子回家")), json!(true));
    assert_eq!(browser.eval(&preview_shows("第二稿")), json!(false));

    // Fixed, the preview follows again and the error goes.
    browser.fill("#f-title", "张三");
    browser.wait_until(&preview_shows("第二稿"), "the fixed draft in the preview");
    assert_eq!(browser.text_of("#e-title"), "");
    assert_eq!(site.source(FILE), super::PERSON, "typing wrote the page");
}

#[test]
fn editor_clerk_finds_a_page_beyond_the_first_fifty_of_its_section_through_the_filter() {
    let mut site = editor_site();
    for i in 0..60 {
        let front = format!("title = \"人{i:02}\"");
        site = site.file(&format!("content/people/p{i:02}.md"), &crate::support::md(&front, ""));
    }
    let preview = start(&site, "127.0.0.1", false);
    let mut browser = Browser::start("about:blank");
    browser.navigate(preview.edit_url.as_deref().unwrap());
    let hidden = browser.eval(
        "(() => { const shown = new Set(Array.from(document.querySelectorAll('#shelves a')).map(a => a.textContent)); \
           return Array.from({ length: 60 }, (_, i) => '人' + String(i).padStart(2, '0')).filter(t => !shown.has(t)); })()",
    );
    let hidden = hidden.as_array().expect("titles");
    assert_eq!(hidden.len(), 10, "the list shows 50 of 61: {hidden:?}");
    let title = hidden[0].as_str().unwrap();

    browser.eval("document.getElementById('filter').focus()");
    browser.fill("#filter", title);
    browser.wait_until(
        "document.getElementById('count').textContent === '共 1 篇'",
        "the filtered list",
    );
    assert_eq!(browser.text_of("#results a"), title);
    browser.press("#results a");
    browser.wait_until("!!document.getElementById('page-form')", "the page's form");
    let file = format!("content/people/p{}.md", &title[3..]);
    assert_eq!(
        browser.eval("document.getElementById('page-form').dataset.file"),
        json!(file)
    );
}

#[test]
fn editor_scripts_speak_english_on_an_english_site() {
    let site = english_site().file(
        "content/people/john.md",
        &crate::support::md("title = \"John Roe\"", "John helps."),
    );
    let preview = start(&site, "127.0.0.1", false);
    let edit = preview.edit_url.clone().unwrap();
    let mut browser = Browser::start("about:blank");
    browser.navigate(&edit);
    browser.fill("#filter", "jane");
    browser.wait_until(
        "document.getElementById('count').textContent === '1 page'",
        "the filter's count of one page in English",
    );
    browser.fill("#filter", "people/");
    browser.wait_until(
        "document.getElementById('count').textContent === '2 pages'",
        "the filter's count of two pages in English",
    );

    browser.navigate(&format!("{edit}page?file=content/people/jane.md"));
    browser.wait_until(&preview_shows("Jane helps"), "the preview of the page");
    assert_eq!(
        browser.text_of("label[for=photo-file]"),
        "Upload a photo (JPEG, PNG or WebP, at most 20 MB): drop it here, or click to choose one"
    );
    assert_eq!(
        browser.eval("document.querySelector('[aria-label^=\"Remove \"]').getAttribute('aria-label')"),
        json!("Remove Helper")
    );
    browser.fill("#f-title", "");
    browser.wait_until(
        "document.getElementById('e-title').textContent === 'This field is required.'",
        "the draft's error beside the title",
    );
    browser.press("button[type=submit]");
    browser.wait_until(
        "document.getElementById('status').textContent === 'Not saved: please correct what is marked.'",
        "the save's error in English",
    );
}
