//! 适老化 and accessibility of the default theme in headless Chromium: the
//! text-size and high-contrast switches (kept across reloads, from disk and
//! over HTTP), the skip link, keyboard use, read-aloud, reflow at 200% zoom,
//! and axe-core on every page type in every mode.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::chromium::Browser;
use crate::publisher::{PUBLISHER, every_page_type};
use crate::search::browser::{file_url, serve};
use crate::support::Site;

/// The pinned axe-core release the tests run.
const AXE_VERSION: &str = "4.10.3";
/// The pinned Nu HTML Checker (npm package `vnu-jar`).
const VNU_VERSION: &str = "24.10.17";

/// One page of each type, by output path.
const PAGES: [(&str, &str); 9] = [
    ("home", "index.html"),
    ("section", "people/index.html"),
    ("person", "people/zhang-san/index.html"),
    ("award", "awards/2024-haoren/index.html"),
    ("event", "events/2024-03-05-xue-lei-feng/index.html"),
    ("term", "category/zhu-ren-wei-le/index.html"),
    ("search", "search/index.html?q=张三"),
    ("print index", "print/index.html"),
    ("print board", "print/2024-haoren/index.html"),
];

/// The modes of the switches: text size and contrast, as a11y.js stores them.
const MODES: [(&str, &str, &str); 4] = [
    ("standard", "standard", "standard"),
    ("large", "large", "standard"),
    ("extra-large", "xlarge", "standard"),
    ("high contrast", "standard", "high"),
];

fn built_site() -> Site {
    let site = every_page_type().config(PUBLISHER);
    site.build_ok();
    site
}

/// A test tool installed from npm: `$var`, else its place under `target/`.
fn tool(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(default))
}

/// `axe.min.js`: `$LAUREL_AXE`, else the folder `tests/run.sh` installs it in.
pub(crate) fn axe_source() -> String {
    let install = format!("npm install --prefix target/axe axe-core@{AXE_VERSION}");
    let path = tool("LAUREL_AXE", "target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "axe-core is needed at {}: {err}\ninstall it with `{install}` (bash tests/run.sh does), or set LAUREL_AXE to an axe.min.js",
            path.display()
        )
    })
}

/// A browser showing `url`, fully loaded.
fn open(url: &str) -> Browser {
    let mut browser = Browser::start("about:blank");
    browser.navigate(url);
    browser
}

impl Browser {
    fn attr(&mut self, name: &str) -> Value {
        self.eval(&format!("document.documentElement.getAttribute({})", json!(name)))
    }

    fn root_font_px(&mut self) -> f64 {
        self.eval("parseFloat(getComputedStyle(document.documentElement).fontSize)")
            .as_f64()
            .expect("a font size")
    }

    fn click(&mut self, selector: &str) {
        let script = format!(
            "(() => {{ const b = document.querySelector({}); if (!b || b.offsetParent === null) return false; b.click(); return true; }})()",
            json!(selector)
        );
        assert_eq!(self.eval(&script), json!(true), "{selector} is not shown");
    }

    fn pressed(&mut self, selector: &str) -> Value {
        self.eval(&format!(
            "document.querySelector({}).getAttribute('aria-pressed')",
            json!(selector)
        ))
    }

    fn focused(&mut self) -> Value {
        self.eval("(() => { const e = document.activeElement; return e.id || e.className || e.textContent.trim(); })()")
    }
}

/// Switches size and contrast on the person page at `base`, reloads it and
/// opens another page: the choices stay.
fn switches_persist(base: &str) {
    let person = format!("{base}people/zhang-san/index.html");
    let mut browser = open(&person);
    assert_eq!(browser.eval("document.getElementById('a11y-bar').hidden"), json!(false));
    let standard = browser.root_font_px();
    assert_eq!(browser.pressed("button[data-text-size=standard]"), json!("true"));

    browser.click("button[data-text-size=large]");
    assert_eq!(browser.attr("data-text-size"), json!("large"));
    assert_eq!(browser.root_font_px(), standard * 1.25);
    browser.click("button[data-text-size=xlarge]");
    assert_eq!(browser.root_font_px(), standard * 1.5);
    assert_eq!(browser.pressed("button[data-text-size=xlarge]"), json!("true"));
    assert_eq!(browser.pressed("button[data-text-size=large]"), json!("false"));

    let paper = "getComputedStyle(document.body).backgroundColor";
    assert_eq!(browser.eval(paper), json!("rgb(251, 248, 242)"));
    browser.click("button[data-contrast]");
    assert_eq!(browser.attr("data-contrast"), json!("high"));
    assert_eq!(browser.eval(paper), json!("rgb(255, 255, 255)"));
    assert_eq!(
        browser.eval("getComputedStyle(document.body).color"),
        json!("rgb(0, 0, 0)")
    );

    browser.navigate(&person);
    assert_eq!(browser.attr("data-text-size"), json!("xlarge"), "size after a reload");
    assert_eq!(browser.attr("data-contrast"), json!("high"), "contrast after a reload");
    assert_eq!(browser.pressed("button[data-text-size=xlarge]"), json!("true"));
    assert_eq!(browser.pressed("button[data-contrast]"), json!("true"));
    assert_eq!(browser.root_font_px(), standard * 1.5);

    browser.navigate(&format!("{base}index.html"));
    assert_eq!(browser.attr("data-text-size"), json!("xlarge"), "size on another page");
    assert_eq!(browser.eval(paper), json!("rgb(255, 255, 255)"));
    browser.click("button[data-text-size=standard]");
    browser.click("button[data-contrast]");
    browser.navigate(&person);
    assert_eq!(browser.attr("data-text-size"), Value::Null);
    assert_eq!(browser.attr("data-contrast"), Value::Null);
    assert_eq!(browser.root_font_px(), standard);
}

#[test]
fn accessibility_switches_persist_from_disk() {
    let site = built_site();
    switches_persist(&format!("{}/", file_url(&site.out())));
}

#[test]
fn accessibility_switches_persist_over_http() {
    let site = built_site();
    switches_persist(&serve(&site.out()));
}

#[test]
fn accessibility_keyboard_reaches_skip_link_and_switches() {
    let site = built_site();
    let mut browser = open(&format!("{}/people/zhang-san/index.html", file_url(&site.out())));
    browser.key("Tab", 9);
    assert_eq!(browser.focused(), json!("skip-link"), "the skip link comes first");
    let outline = browser.eval("getComputedStyle(document.activeElement).outlineStyle");
    assert_eq!(outline, json!("solid"), "focus is visible");
    browser.key("Enter", 13);
    browser.wait_until("document.activeElement.id === 'main'", "focus on the main content");

    browser.navigate(&format!("{}/people/zhang-san/index.html", file_url(&site.out())));
    let mut order = Vec::new();
    for _ in 0..7 {
        browser.key("Tab", 9);
        order.push(browser.focused());
    }
    let expected = ["skip-link", "标准字号", "大字号", "特大字号", "高对比度", "朗读全文"];
    assert_eq!(order[..6], expected.map(|e| json!(e)), "tab order: {order:?}");
    // 大字号 pressed with the keyboard.
    browser.navigate(&format!("{}/people/zhang-san/index.html", file_url(&site.out())));
    for _ in 0..3 {
        browser.key("Tab", 9);
    }
    assert_eq!(browser.focused(), json!("大字号"));
    browser.key("Enter", 13);
    assert_eq!(browser.attr("data-text-size"), json!("large"));
}

#[test]
fn accessibility_read_aloud_speaks_the_article() {
    let site = built_site();
    let mut browser = open(&format!("{}/people/zhang-san/index.html", file_url(&site.out())));
    browser.eval(
        "window.spoken = []; speechSynthesis.speak = u => window.spoken.push([u.text, u.lang]); speechSynthesis.cancel = () => {}; true",
    );
    browser.click("button[data-read-aloud]");
    let spoken: Vec<(String, String)> = serde_json::from_value(browser.eval("window.spoken")).expect("utterances");
    let texts: Vec<&str> = spoken.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts.first(), Some(&"张三。"), "{texts:?}");
    assert!(texts.contains(&"张三八年如一日照顾社区孤寡老人。"), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("帮人就是帮自己")), "{texts:?}");
    assert!(spoken.iter().all(|(_, lang)| lang == "zh-CN"), "{spoken:?}");
    let label = browser.eval("document.querySelector('[data-read-aloud]').textContent");
    assert_eq!(label, json!("停止朗读"));
    browser.click("button[data-read-aloud]");
    let label = browser.eval("document.querySelector('[data-read-aloud]').textContent");
    assert_eq!(label, json!("朗读全文"));

    browser.navigate(&format!("{}/people/index.html", file_url(&site.out())));
    assert_eq!(
        browser.eval("document.querySelector('[data-read-aloud]')"),
        Value::Null,
        "only on articles"
    );
}

/// Sets the mode as the switches would store it, then opens `url`.
fn open_in_mode(browser: &mut Browser, url: &str, size: &str, contrast: &str) {
    browser.eval(&format!(
        "localStorage.setItem('laurel-text-size', {}); localStorage.setItem('laurel-contrast', {}); true",
        json!(size),
        json!(contrast)
    ));
    browser.navigate(url);
    browser.wait_until(
        "document.getElementById('a11y-bar') && !document.getElementById('a11y-bar').hidden",
        url,
    );
}

/// axe-core's WCAG 2.1 A/AA violations on the open page, as `rule: targets`,
/// and how many rules passed.
pub(crate) fn axe_violations(browser: &mut Browser, axe: &str) -> (Vec<String>, u64) {
    browser.eval(axe);
    let result = browser.eval(
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
           .then(r => [r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')),
                       r.passes.length])",
    );
    serde_json::from_value(result).expect("violations and a count of passes")
}

#[test]
fn accessibility_axe_finds_nothing_on_any_page_in_any_mode() {
    let axe = axe_source();
    let site = built_site();
    let base = format!("{}/", file_url(&site.out()));
    let mut browser = open(&format!("{base}index.html"));
    // 1280 CSS pixels at 200% zoom.
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 640, "height": 800, "deviceScaleFactor": 2, "mobile": false}),
    );
    let mut report = Vec::new();
    let mut bad = Vec::new();
    for (kind, path) in PAGES {
        let mut row = format!("{kind:<12}");
        for (mode, size, contrast) in MODES {
            open_in_mode(&mut browser, &format!("{base}{path}"), size, contrast);
            let (violations, passes) = axe_violations(&mut browser, &axe);
            assert!(
                passes > 10,
                "axe checked little on {kind} ({mode}): {passes} rules passed"
            );
            let overflow = browser.eval("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if overflow.as_i64() != Some(0) {
                bad.push(format!(
                    "{kind} ({mode}) at 200% zoom: {overflow}px wider than the window"
                ));
            }
            row.push_str(&format!("  {mode}: {}", violations.len()));
            bad.extend(violations.iter().map(|v| format!("{kind} ({mode}): {v}")));
        }
        report.push(row);
    }
    // axe sees a violation when there is one.
    browser.eval(
        "document.querySelector('main').insertAdjacentHTML('afterbegin', '<p style=\"color:#bbb\">浅字</p>'); true",
    );
    let (planted, _) = axe_violations(&mut browser, &axe);
    assert!(planted.iter().any(|v| v.starts_with("color-contrast")), "{planted:?}");
    eprintln!(
        "axe-core {AXE_VERSION}, WCAG 2.1 A/AA violations per page and mode:\n{}",
        report.join("\n")
    );
    assert!(bad.is_empty(), "accessibility failures:\n{}", bad.join("\n"));
}

#[test]
fn accessibility_nu_html_checker_finds_no_errors() {
    let jar = tool("LAUREL_VNU", "target/vnu/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "the Nu HTML Checker is needed at {}: install it with `apt-get install -y default-jre-headless && npm install --prefix target/vnu vnu-jar@{VNU_VERSION}` (bash tests/run.sh does), or set LAUREL_VNU to a vnu.jar",
        jar.display()
    );
    let site = built_site();
    let pages: Vec<PathBuf> = site
        .outputs()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|p| site.out().join(p))
        .collect();
    assert!(pages.len() > 10, "{pages:?}");
    let run = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&pages)
        .output()
        .expect("java runs (apt-get install -y default-jre-headless)");
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success() && report.trim().is_empty(),
        "Nu HTML Checker errors:\n{report}"
    );
}

#[test]
fn accessibility_without_javascript_the_page_reads_and_the_switches_hide() {
    let site = built_site();
    let mut browser = open("about:blank");
    browser.call("Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    browser.navigate(&format!("{}/people/zhang-san/index.html", file_url(&site.out())));
    let bar = browser.eval("getComputedStyle(document.getElementById('a11y-bar')).display");
    assert_eq!(bar, json!("none"), "switches that cannot work are not shown");
    let text = browser.eval("document.querySelector('main').innerText");
    assert!(text.as_str().is_some_and(|t| t.contains("张三八年如一日")), "{text}");
    assert_eq!(browser.attr("data-text-size"), Value::Null);
}

#[test]
fn accessibility_printed_pages_name_the_publisher_once() {
    let site = built_site();
    let mut browser = open("about:blank");
    browser.call("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    let shown =
        "(() => { const e = document.querySelector(SELECTOR); return !!e && e.getClientRects().length > 0; })()";
    let base = file_url(&site.out());
    browser.navigate(&format!("{base}/people/zhang-san/index.html"));
    let first = shown.replace("SELECTOR", "'.site-publisher p'");
    assert_eq!(
        browser.eval(&first),
        json!(true),
        "a printed person page names the publisher"
    );
    let lines = "[...document.querySelectorAll('.site-publisher p')].filter(p => p.getClientRects().length).length";
    assert_eq!(browser.eval(lines), json!(1), "only the 主办单位 line");
    assert_eq!(browser.eval(&shown.replace("SELECTOR", "'.a11y-bar'")), json!(false));
    browser.navigate(&format!("{base}/print/2024-haoren/index.html"));
    assert_eq!(
        browser.eval(&shown.replace("SELECTOR", "'.board-publisher'")),
        json!(true)
    );
    assert_eq!(
        browser.eval(&shown.replace("SELECTOR", "'.site-footer'")),
        json!(false),
        "a board names the publisher in its own header only"
    );
}
