//! The browser editor of `laurel serve` over HTTP: the page list, saving in
//! place (comments kept, checked, conflicts refused), new pages, deleting
//! into `.laurel-trash/`, and its security rules — the token beyond
//! loopback, the CSRF token and origin of every change, paths confined to
//! `content/`, `static/` and `data/`, and the cap on a request's size.

mod browser;
mod draft;

use std::net::SocketAddr;
use std::time::Duration;

use laurel::serve::{Preview, ServeOptions, serve};
use serde_json::{Value, json};

use crate::http::{Answer, Events, get, raw};
use crate::support::{PEOPLE_INDEX, Site, md};

const WAIT: Duration = Duration::from_secs(15);
const EDIT: &str = "/haoren/__laurel/edit/";
const FILE: &str = "content/people/zhang-san.md";

/// A person with comments in her front matter, and a field the site declares.
const PERSON: &str = "+++\n# 人物资料，由宣传科维护\ntitle = \"张三\"  # 姓名\ncategory = \"助人为乐\"\nregion = '城东区'\n+++\n\n初稿：张三扶老人过马路。\n";

/// A Chinese site whose persons have a field of the site's own.
pub fn editor_site() -> Site {
    Site::new()
        .config(
            "language = \"zh-CN\"\ncategories = [\"助人为乐\", \"见义勇为\"]\n\
         [kinds.person.fields.hometown]\nlabel = \"籍贯\"\n",
        )
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(FILE, PERSON)
}

pub fn start(site: &Site, bind: &str, edit: bool) -> Preview {
    let options = ServeOptions {
        bind: bind.into(),
        edit,
        ..site.serve_options()
    };
    serve(options, |_| {}).unwrap_or_else(|err| panic!("serve failed: {err}"))
}

/// The CSRF token of the editor's pages.
pub fn csrf(addr: SocketAddr) -> String {
    let list = get(addr, EDIT).text();
    let at = list.find("name=\"laurel-csrf\" content=\"").expect("the CSRF token") + 28;
    list[at..at + 32].to_string()
}

/// The version of a page as its form was opened.
fn version(addr: SocketAddr, file: &str) -> String {
    let form = get(addr, &format!("{EDIT}page?file={file}")).text();
    let at = form.find("data-version=\"").expect("the form's version") + 14;
    form[at..].split('"').next().unwrap().to_string()
}

/// A POST to the editor's API with `headers` (the CSRF token, the origin …).
fn post_with(addr: SocketAddr, api: &str, body: &str, headers: &[(&str, &str)]) -> Answer {
    let mut head = format!(
        "POST {EDIT}api/{api} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    raw(addr, format!("{head}{body}").as_bytes())
}

/// A POST as the editor's own page sends it.
pub fn post(addr: SocketAddr, api: &str, body: &Value) -> (u16, Value) {
    let token = csrf(addr);
    let origin = format!("http://{addr}");
    let answer = post_with(
        addr,
        api,
        &body.to_string(),
        &[
            ("Content-Type", "application/json"),
            ("X-Laurel-Csrf", &token),
            ("Origin", &origin),
        ],
    );
    let value = serde_json::from_slice(&answer.body).unwrap_or_else(|_| json!({ "text": answer.text() }));
    (answer.status, value)
}

/// Whether the site's folder holds the file `path`.
fn has(site: &Site, path: &str) -> bool {
    site.root().join(path).is_file()
}

fn save_request(file: &str, version: &str, region: &str, body: &str) -> Value {
    json!({
        "file": file,
        "version": version,
        "fields": { "title": "张三", "region": region, "hometown": "河北保定", "honors": ["身边好人"] },
        "body": body,
    })
}

#[test]
fn editor_lists_pages_and_links_every_previewed_page_to_its_form() {
    let site = editor_site().file("content/people/li-si.md", &md("title = \"李四\"", "李四。"));
    let preview = start(&site, "127.0.0.1", false);
    let list = get(preview.addr, EDIT);
    assert_eq!(list.status, 200);
    assert_eq!(list.header("content-security-policy"), Some("frame-ancestors 'self'"));
    let html = list.text();
    assert!(html.contains("<h2>身边好人 <small>2 篇</small></h2>"), "{html}");
    assert!(
        html.contains("href=\"page?file=content/people/zhang-san.md\">张三</a>"),
        "{html}"
    );
    assert!(html.contains("<label for=\"filter\">筛选</label>"));
    assert!(
        preview
            .edit_url
            .as_deref()
            .is_some_and(|u| u.ends_with("/haoren/__laurel/edit/"))
    );
    let page = get(preview.addr, "/haoren/people/zhang-san/").text();
    assert!(
        page.contains("href=\"../../__laurel/edit/page?file=content/people/zhang-san.md\""),
        "{page}"
    );
    let form = get(preview.addr, &format!("{EDIT}page?file={FILE}")).text();
    assert!(form.contains("<label for=\"f-hometown\">籍贯</label>"), "{form}");
    assert!(form.contains("<label for=\"f-title\">标题 <span class=\"required\">（必填）</span></label>"));
    assert!(form.contains("src=\"/haoren/people/zhang-san/\""), "{form}");
    assert!(
        form.contains("<option selected>助人为乐</option><option>见义勇为</option>"),
        "{form}"
    );
    assert!(form.contains("<input type=\"date\" id=\"f-date\""), "{form}");
}

#[test]
fn editor_lists_a_large_section_a_part_at_a_time() {
    let mut site = editor_site();
    for i in 0..60 {
        site = site.file(
            &format!("content/people/p{i:02}.md"),
            &md(&format!("title = \"人{i:02}\""), ""),
        );
    }
    let preview = start(&site, "127.0.0.1", false);
    let list = get(preview.addr, EDIT).text();
    assert!(list.contains("<h2>身边好人 <small>61 篇</small></h2>"), "{list}");
    assert_eq!(list.matches("<li>").count(), 50, "{list}");
    assert!(
        list.contains("<a href=\"?section=people&amp;page=0\">显示这一栏目的全部 61 篇</a>"),
        "{list}"
    );
    let section = get(preview.addr, &format!("{EDIT}?section=people&page=0")).text();
    assert_eq!(section.matches("<li>").count(), 61, "{section}");
    let all: Value = serde_json::from_slice(&get(preview.addr, &format!("{EDIT}pages.json")).body).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 61);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|e| e["file"] == FILE && e["title"] == "张三")
    );
}

#[test]
fn editor_save_edits_the_front_matter_in_place_and_the_preview_follows() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let mut events = Events::open(preview.addr, "/haoren/__laurel/events");
    events.wait_for("hello", WAIT);
    let opened = version(preview.addr, FILE);
    let (status, answer) = post(
        preview.addr,
        "save",
        &save_request(FILE, &opened, "城西区", "\r\n改稿：张三送迷路的孩子回家。\r\n"),
    );
    assert_eq!((status, answer["status"].as_str()), (200, Some("done")), "{answer}");
    assert_eq!(
        site.source(FILE),
        "+++\n# 人物资料，由宣传科维护\ntitle = \"张三\"  # 姓名\ncategory = \"助人为乐\"\nregion = \"城西区\"\n\
         honors = [\"身边好人\"]\nhometown = \"河北保定\"\n+++\n\n改稿：张三送迷路的孩子回家。\n"
    );
    site.check()
        .unwrap_or_else(|err| panic!("laurel check fails after a save:\n{err}"));
    events.wait_for("reload", WAIT);
    let page = get(preview.addr, "/haoren/people/zhang-san/").text();
    assert!(page.contains("改稿") && page.contains("河北保定"), "{page}");
}

#[test]
fn editor_list_shows_a_title_saved_after_it_was_opened() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let mut events = Events::open(preview.addr, "/haoren/__laurel/events");
    events.wait_for("hello", WAIT);
    assert!(get(preview.addr, EDIT).text().contains(">张三</a>"));
    let opened = version(preview.addr, FILE);
    let mut request = save_request(FILE, &opened, "城东区", "初稿。");
    request["fields"]["title"] = json!("张三丰");
    let (status, answer) = post(preview.addr, "save", &request);
    assert_eq!((status, answer["status"].as_str()), (200, Some("done")), "{answer}");
    events.wait_for("reload", WAIT);
    let list = get(preview.addr, EDIT).text();
    assert!(list.contains(">张三丰</a>"), "{list}");
    let all: Value = serde_json::from_slice(&get(preview.addr, &format!("{EDIT}pages.json")).body).unwrap();
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|e| e["file"] == FILE && e["title"] == "张三丰"),
        "{all}"
    );
}

#[test]
fn editor_save_refuses_bad_values_beside_their_fields() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let opened = version(preview.addr, FILE);
    let mut request = save_request(FILE, &opened, "城西区", "\n正文\n");
    request["fields"]["title"] = json!("");
    request["fields"]["year"] = json!("24");
    let (status, answer) = post(preview.addr, "save", &request);
    assert_eq!((status, answer["status"].as_str()), (200, Some("invalid")), "{answer}");
    assert_eq!(answer["fields"]["title"], "此项为必填。");
    assert!(answer["fields"]["year"].as_str().unwrap().contains("四位年份"));
    assert_eq!(site.source(FILE), PERSON, "a refused save wrote the file");
}

#[test]
fn editor_save_over_a_changed_file_is_a_conflict_showing_both() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let opened = version(preview.addr, FILE);
    let theirs = PERSON.replace("初稿", "别人的改稿");
    site.write(FILE, theirs.as_bytes());
    let (_, answer) = post(
        preview.addr,
        "save",
        &save_request(FILE, &opened, "城西区", "\n我的改稿\n"),
    );
    assert_eq!(answer["status"], "conflict", "{answer}");
    assert_eq!(answer["theirs"], theirs.as_str());
    assert_eq!(site.source(FILE), theirs, "a conflict overwrote the file");
    // Keeping mine: saved again over the version now on disk.
    let now = answer["version"].as_str().unwrap();
    let (_, answer) = post(preview.addr, "save", &save_request(FILE, now, "城西区", "\n我的改稿\n"));
    assert_eq!(answer["status"], "done", "{answer}");
    assert!(site.source(FILE).ends_with("\n我的改稿\n"));
}

#[test]
fn editor_new_page_is_the_file_laurel_new_writes() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let request = json!({ "kind": "person", "section": "", "title": "李小明" });
    let (_, planned) = post(preview.addr, "plan", &request);
    assert_eq!(
        planned,
        json!({ "file": "content/people/li-xiao-ming.md", "path": "people/li-xiao-ming/" })
    );
    assert!(!has(&site, "content/people/li-xiao-ming.md"), "planning wrote the file");
    let (status, created) = post(preview.addr, "create", &request);
    assert_eq!((status, &created), (200, &planned));
    let twin = editor_site();
    let today = site.options().today();
    laurel::scaffold::new_content(twin.root(), "person", "李小明", None, today).unwrap();
    assert_eq!(
        site.source("content/people/li-xiao-ming.md"),
        twin.source("content/people/li-xiao-ming.md")
    );
    let (status, again) = post(preview.addr, "create", &request);
    assert_eq!(status, 422, "{again}");
    assert!(
        again["message"].as_str().unwrap().contains("这个文件已经存在"),
        "{again}"
    );
}

#[test]
fn editor_delete_moves_the_page_into_the_trash() {
    let site = editor_site()
        .file("content/people/wang-wu/index.md", &md("title = \"王五\"", "王五。"))
        .bytes("content/people/wang-wu/photo.jpg", b"not really a photo");
    let preview = start(&site, "127.0.0.1", false);
    let mut events = Events::open(preview.addr, "/haoren/__laurel/events");
    events.wait_for("hello", WAIT);
    let (_, answer) = post(
        preview.addr,
        "delete",
        &json!({ "file": "content/people/wang-wu/index.md" }),
    );
    assert_eq!(answer["trash"], ".laurel-trash/content/people/wang-wu", "{answer}");
    assert!(has(&site, ".laurel-trash/content/people/wang-wu/photo.jpg"));
    assert!(!site.root().join("content/people/wang-wu").exists());
    events.wait_for("reload", WAIT);
    assert_eq!(get(preview.addr, "/haoren/people/wang-wu/").status, 404);
    // The trash is not content: a build does not read it.
    site.build_ok();
    assert!(!site.exists("people/wang-wu/index.html"));
    assert!(site.outputs().iter().all(|f| !f.contains("laurel-trash")));
}

#[test]
fn editor_changes_need_the_csrf_token_json_and_the_same_origin() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let addr = preview.addr;
    let token = csrf(addr);
    let origin = format!("http://{addr}");
    let body = json!({ "file": FILE }).to_string();
    let refused: [&[(&str, &str)]; 4] = [
        &[("Content-Type", "application/json"), ("Origin", &origin)],
        &[
            ("Content-Type", "application/json"),
            ("X-Laurel-Csrf", "0123"),
            ("Origin", &origin),
        ],
        &[
            ("Content-Type", "text/plain"),
            ("X-Laurel-Csrf", &token),
            ("Origin", &origin),
        ],
        &[
            ("Content-Type", "application/json"),
            ("X-Laurel-Csrf", &token),
            ("Origin", "http://evil.example"),
        ],
    ];
    for headers in refused {
        let answer = post_with(addr, "delete", &body, headers);
        assert_eq!(answer.status, 403, "{headers:?}: {}", answer.text());
        assert!(has(&site, FILE), "{headers:?} deleted the page");
    }
    let no_origin = post_with(
        addr,
        "delete",
        &body,
        &[("Content-Type", "application/json"), ("X-Laurel-Csrf", &token)],
    );
    assert_eq!(no_origin.status, 403);
    assert!(has(&site, FILE));
}

#[test]
fn editor_writes_nothing_outside_content_static_and_data() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.md"), PERSON).unwrap();
    let site = editor_site();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/out")).unwrap();
    let preview = start(&site, "127.0.0.1", false);
    let config = site.source("laurel.toml");
    for file in [
        "laurel.toml",
        "../laurel.toml",
        "content/../laurel.toml",
        "/etc/passwd",
        "templates/page.html",
        "content/out/a.md",
        "content\\..\\laurel.toml",
    ] {
        for (api, body) in [
            ("save", save_request(file, "x", "城西区", "\n")),
            ("delete", json!({ "file": file })),
        ] {
            let (status, answer) = post(preview.addr, api, &body);
            assert_eq!(status, 422, "{api} {file}: {answer}");
            assert!(
                answer["message"].as_str().unwrap().contains("编辑器不会写入这里"),
                "{answer}"
            );
        }
        let form = get(preview.addr, &format!("{EDIT}page?file={}", file.replace('\\', "%5C")));
        assert_ne!(form.status, 200, "{file}");
    }
    let (status, _) = post(
        preview.addr,
        "create",
        &json!({ "kind": "person", "section": "../..", "title": "李四" }),
    );
    assert_eq!(status, 422);
    assert_eq!(site.source("laurel.toml"), config);
    assert_eq!(std::fs::read_to_string(outside.path().join("a.md")).unwrap(), PERSON);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
}

#[test]
fn editor_refuses_an_oversized_request() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let addr = preview.addr;
    let token = csrf(addr);
    let head = format!(
        "POST {EDIT}api/save HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nX-Laurel-Csrf: {token}\r\n\
         Origin: http://{addr}\r\nContent-Length: {}\r\n\r\n{{\"file\":",
        3 * 1024 * 1024
    );
    let answer = raw(addr, head.as_bytes());
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert_eq!(site.source(FILE), PERSON);
    assert_eq!(get(addr, EDIT).status, 200, "the server still answers");
}

#[test]
fn editor_beyond_loopback_is_off_unless_asked_and_then_needs_the_token() {
    let site = editor_site();
    let off = start(&site, "0.0.0.0", false);
    assert!(off.edit_url.is_none());
    let local = SocketAddr::from(([127, 0, 0, 1], off.addr.port()));
    assert_eq!(get(local, EDIT).status, 404);
    assert!(
        !get(local, "/haoren/people/zhang-san/")
            .text()
            .contains("laurel-edit-link")
    );

    let on = start(&site, "0.0.0.0", true);
    let local = SocketAddr::from(([127, 0, 0, 1], on.addr.port()));
    let url = on.edit_url.clone().expect("the editor's address");
    let token = url.split_once("?token=").expect("a token in the address").1.to_string();
    let asked = get(local, EDIT);
    assert_eq!(asked.status, 401);
    assert!(asked.text().contains("需要口令"));
    assert_eq!(get(local, &format!("{EDIT}?token=wrong")).status, 401);
    let admitted = get(local, &format!("{EDIT}?token={token}"));
    assert_eq!(admitted.status, 200);
    let cookie = admitted
        .header("set-cookie")
        .expect("a cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(cookie.contains(&token));
    let again = crate::http::request(local, "GET", EDIT, &[("Cookie", &cookie)]);
    assert_eq!(again.status, 200);
    let change = post_with(local, "delete", "{}", &[("Content-Type", "application/json")]);
    assert_eq!(change.status, 401, "a change without the token");
}

#[test]
fn editor_answers_in_the_sites_language() {
    let site = editor_site();
    let preview = start(&site, "127.0.0.1", false);
    let (status, answer) = post(
        preview.addr,
        "save",
        &save_request("../laurel.toml", "x", "城西区", "\n"),
    );
    assert_eq!(status, 422, "{answer}");
    let message = answer["message"].as_str().unwrap();
    assert!(
        message.starts_with("错误：../laurel.toml：编辑器不会写入这里：路径跳出了所在的文件夹"),
        "{message}"
    );
    assert!(
        message.contains("提示：请指定网站 content/、static/ 或 data/ 里的文件"),
        "{message}"
    );
    let body = json!({ "file": FILE }).to_string();
    let refused = post_with(preview.addr, "delete", &body, &[("Content-Type", "application/json")]);
    assert_eq!(refused.status, 403);
    assert!(
        refused.text().starts_with("这个修改文件的请求不是从编辑器页面发出的"),
        "{}",
        refused.text()
    );
}

/// An English site with an English person, for the editor in English.
pub fn english_site() -> Site {
    Site::new()
        .config("language = \"en\"")
        .file("content/_index.md", &md("title = \"Home\"", "Welcome."))
        .file(
            "content/people/_index.md",
            "+++\ntitle = \"Good neighbours\"\npage_kind = \"person\"\n+++\n",
        )
        .file(
            "content/people/jane.md",
            &md("title = \"Jane Doe\"\nhonors = [\"Helper\"]", "Jane helps."),
        )
}

/// The runs of Chinese characters in `html` that are not the site's own
/// words: its kinds' and fields' labels and choices, and its titles.
fn chinese_outside_site_words(site: &Site, html: &str) -> Vec<String> {
    let config = laurel::config::Config::load(site.root()).unwrap();
    let schema = &config.schema;
    let fields = schema.common.iter().chain(schema.kinds.iter().flat_map(|k| &k.fields));
    let mut words: Vec<&str> = schema.kinds.iter().map(|k| k.label.as_str()).collect();
    for field in fields {
        words.push(&field.label);
        words.extend(field.choices.iter().map(String::as_str));
    }
    words.push(&config.title);
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut rest = html.to_string();
    for word in words {
        rest = rest
            .replace(&format!(">{word}<"), "><")
            .replace(&format!(">{word} <"), "> <");
        rest = rest.replace(&format!("Edit {word}:"), "Edit :");
    }
    let is_chinese = |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    rest.split(|c: char| !is_chinese(c))
        .filter(|run| !run.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn editor_of_an_english_site_is_english() {
    let site = english_site();
    let preview = start(&site, "127.0.0.1", false);
    for path in ["", "page?file=content/people/jane.md", "new"] {
        let html = get(preview.addr, &format!("{EDIT}{path}")).text();
        assert!(html.contains("<html lang=\"en\">"), "{path}: {html}");
        let chinese = chinese_outside_site_words(&site, &html);
        assert!(chinese.is_empty(), "{path}: {chinese:?} in {html}");
    }
    let list = get(preview.addr, EDIT).text();
    assert!(list.contains("<label for=\"filter\">Filter</label>"), "{list}");
    assert!(
        list.contains("<h2>Good neighbours <small>1 page</small></h2>"),
        "{list}"
    );
    let form = get(preview.addr, &format!("{EDIT}page?file=content/people/jane.md")).text();
    assert!(form.contains("<button type=\"submit\">Save</button>"), "{form}");
    for label in ["Title", "Honors", "Region", "Year"] {
        assert!(form.contains(&format!(">{label}")), "{label} in {form}");
    }
    assert!(!form.contains("标题") && !form.contains("荣誉"), "{form}");
    let opened = version(preview.addr, "content/people/jane.md");
    let request = json!({
        "file": "content/people/jane.md",
        "version": opened,
        "fields": { "title": "", "year": "24" },
        "body": "\n",
    });
    let (_, answer) = post(preview.addr, "save", &request);
    assert_eq!(answer["fields"]["title"], "This field is required.", "{answer}");
    let zh = english_site();
    zh.write(
        "laurel.toml",
        b"title = \"x\"\nlanguage = \"zh-CN\"\nbase_url = \"https://example.org/haoren/\"\n",
    );
    let preview = start(&zh, "127.0.0.1", false);
    let form = get(preview.addr, &format!("{EDIT}page?file=content/people/jane.md")).text();
    assert!(form.contains(">标题") && form.contains(">荣誉"), "{form}");
    assert!(!form.contains(">Title") && !form.contains(">Honors"), "{form}");
    let new = get(preview.addr, &format!("{EDIT}new")).text();
    assert!(
        new.contains("<html lang=\"zh-CN\">") && new.contains("<h1>新建页面</h1>"),
        "{new}"
    );
}
