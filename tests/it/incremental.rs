//! Incremental rebuilds (`serve`, `build --watch`): after every kind of edit,
//! the session's output equals, byte for byte, a fresh full build.

use std::path::PathBuf;

use laurel::command::render;
use laurel::session::Session;

use crate::support::Site;

pub(crate) fn person(title: &str, date: &str, category: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\nregion = \"城东区\"\nhonors = [\"好人\"]\n+++\n\n{body}\n"
    )
}

pub(crate) fn site() -> Site {
    Site::new()
        .config("paginate_by = 2\ntaxonomies = [\"category\", \"region\", \"year\", \"honors\"]")
        .file("content/_index.md", "+++\ntitle = \"首页\"\n+++\n\n欢迎。\n")
        .file(
            "content/people/_index.md",
            "+++\ntitle = \"好人\"\npage_kind = \"person\"\n+++\n",
        )
        .file(
            "content/people/zhang-san.md",
            &person("张三", "2024-03-01", "助人为乐", "张三的事迹。见[李四](li-si.md)。"),
        )
        .file(
            "content/people/li-si.md",
            &person("李四", "2024-02-01", "见义勇为", "李四的事迹。"),
        )
        .file(
            "content/people/wang-wu.md",
            &person("王五", "2023-05-01", "助人为乐", "王五的事迹。"),
        )
        .file(
            "content/people/zhao-liu.md",
            &person("赵六", "2022-05-01", "诚实守信", "赵六的事迹。"),
        )
        .file(
            "content/events/2024-03-05-lei-feng.md",
            "+++\ntitle = \"学雷锋\"\nkind = \"event\"\npeople = [\"张三\", \"李四\"]\n+++\n\n活动。\n",
        )
        .file("static/site.css", "body { color: black; }\n")
}

/// A session on `site`, whose first build succeeded.
pub(crate) fn started(site: &Site) -> Session {
    let session = Session::start(site.options());
    assert!(
        session.error().is_none(),
        "{:?}",
        session.error().map(|e| e.to_string())
    );
    session
}

/// The test site with an award list for 2024 whose data file is `csv`.
fn site_with_award_list(csv: &str) -> Site {
    site()
        .file(
            "content/awards/_index.md",
            "+++\ntitle = \"榜单\"\npage_kind = \"award\"\n+++\n",
        )
        .file(
            "content/awards/2024.md",
            "+++\ntitle = \"2024年度好人榜\"\nkind = \"award\"\nyear = 2024\ndata = \"2024.csv\"\n+++\n",
        )
        .file("content/awards/2024.csv", csv)
}

/// Asserts that the session's output is exactly a fresh full build's.
pub(crate) fn assert_fresh(site: &Site, session: &Session, step: &str) {
    let full = render(&site.options()).unwrap_or_else(|e| panic!("{step}: full build failed: {e}"));
    let served = session.output();
    let full_paths: Vec<&String> = full.output.files.keys().collect();
    let served_paths: Vec<&String> = served.files.keys().collect();
    assert_eq!(served_paths, full_paths, "{step}: the same files");
    for path in full.output.files.keys() {
        assert!(
            served.read(path) == full.output.read(path),
            "{step}: {path} differs from a full build"
        );
    }
}

fn rebuild(site: &Site, session: &mut Session, changed: &[&str]) -> usize {
    let paths: Vec<PathBuf> = changed.iter().map(|p| site.root().join(p)).collect();
    match session.rebuild(paths) {
        Ok(report) => report.rendered,
        Err(err) => panic!("rebuild after {changed:?} failed: {err}"),
    }
}

#[test]
fn every_edit_gives_the_output_of_a_full_build() {
    let site = site();
    let mut session = started(&site);
    assert_fresh(&site, &session, "start");
    let total = session.output().files.len();

    site.write(
        "content/people/wang-wu.md",
        person("王五", "2023-05-01", "助人为乐", "王五的新事迹。").as_bytes(),
    );
    let rendered = rebuild(&site, &mut session, &["content/people/wang-wu.md"]);
    assert_fresh(&site, &session, "body edit");
    // The page, its neighbours, and the lists, home and feed that show its summary.
    assert!(
        rendered * 2 < total,
        "a body edit re-rendered {rendered} of {total} outputs"
    );

    site.write(
        "content/people/li-si.md",
        person("李四四", "2024-02-01", "见义勇为", "李四的事迹。").as_bytes(),
    );
    rebuild(&site, &mut session, &["content/people/li-si.md"]);
    assert_fresh(&site, &session, "title edit (the event and the linking page show it)");

    site.write(
        "content/people/zhao-liu.md",
        person("赵六", "2025-01-01", "孝老爱亲", "赵六的事迹。").as_bytes(),
    );
    rebuild(&site, &mut session, &["content/people/zhao-liu.md"]);
    assert_fresh(&site, &session, "date and category edit (order and terms change)");

    site.write(
        "content/people/qian-qi.md",
        person("钱七", "2024-06-01", "助人为乐", "新人。").as_bytes(),
    );
    rebuild(&site, &mut session, &["content/people/qian-qi.md"]);
    assert_fresh(&site, &session, "new page");

    let (from, to) = (
        site.root().join("content/people/qian-qi.md"),
        site.root().join("content/people/qian-ba.md"),
    );
    std::fs::rename(&from, &to).expect("rename");
    rebuild(
        &site,
        &mut session,
        &["content/people/qian-qi.md", "content/people/qian-ba.md"],
    );
    assert_fresh(&site, &session, "rename");
    assert!(
        session.output().get("people/qian-qi/index.html").is_none(),
        "the old URL is gone"
    );

    site.write(
        "content/heroes/_index.md",
        "+++\ntitle = \"英雄\"\npage_kind = \"person\"\n+++\n".as_bytes(),
    );
    rebuild(&site, &mut session, &["content/heroes/_index.md"]);
    std::fs::rename(
        site.root().join("content/people/qian-ba.md"),
        site.root().join("content/heroes/qian-ba.md"),
    )
    .expect("move");
    rebuild(
        &site,
        &mut session,
        &["content/people/qian-ba.md", "content/heroes/qian-ba.md"],
    );
    assert_fresh(&site, &session, "a page moved to another section");

    site.write(
        "content/awards/2024.md",
        "+++\ntitle = \"2024年度好人榜\"\nkind = \"award\"\nyear = 2024\ndata = \"2024.csv\"\n+++\n".as_bytes(),
    );
    site.write(
        "content/awards/_index.md",
        "+++\ntitle = \"榜单\"\npage_kind = \"award\"\n+++\n".as_bytes(),
    );
    site.write("content/awards/2024.csv", "姓名,事迹\n张三,助人为乐\n".as_bytes());
    rebuild(
        &site,
        &mut session,
        &[
            "content/awards/_index.md",
            "content/awards/2024.md",
            "content/awards/2024.csv",
        ],
    );
    assert_fresh(&site, &session, "an award list with its data file");
    site.write(
        "content/awards/2024.csv",
        "姓名,事迹\n张三,助人为乐\n王五,见义勇为\n".as_bytes(),
    );
    rebuild(&site, &mut session, &["content/awards/2024.csv"]);
    assert_fresh(
        &site,
        &session,
        "a row added to the data file (the person's page lists the award)",
    );
    site.write(
        "content/awards/2024.md",
        "+++\ntitle = \"2024年度身边好人榜\"\nkind = \"award\"\nyear = 2024\ndata = \"2024.csv\"\n+++\n".as_bytes(),
    );
    rebuild(&site, &mut session, &["content/awards/2024.md"]);
    assert_fresh(&site, &session, "an award list's title (shown on the persons it names)");

    std::fs::remove_file(site.root().join("content/people/li-si.md")).expect("delete");
    rebuild(&site, &mut session, &["content/people/li-si.md"]);
    assert_fresh(&site, &session, "delete (the link to it is now broken)");

    site.write("templates/person.html", b"{{ page.title }}|{{ page.summary }}\n");
    rebuild(&site, &mut session, &["templates/person.html"]);
    assert_fresh(&site, &session, "template");

    site.write("static/site.css", b"body { color: red; }\n");
    let report = session
        .rebuild(vec![site.root().join("static/site.css")])
        .expect("css rebuild");
    assert_eq!(report.updated, ["site.css"], "only the stylesheet changed");
    assert!(report.css_only());
    assert_fresh(&site, &session, "static file");

    site.write(
        "content/people/_index.md",
        "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\n+++\n".as_bytes(),
    );
    rebuild(&site, &mut session, &["content/people/_index.md"]);
    assert_fresh(&site, &session, "section front matter");

    site.write(
        "laurel.toml",
        format!("{}paginate_by = 3\n", crate::support::CONFIG).as_bytes(),
    );
    rebuild(&site, &mut session, &["laurel.toml"]);
    assert_fresh(&site, &session, "config");
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_output_until_fixed() {
    let site = site();
    let mut session = Session::start(site.options());
    let before = session.output().read("people/zhang-san/index.html");
    site.write("content/people/zhang-san.md", b"+++\ntitle = \n+++\n");
    let err = session
        .rebuild(vec![site.root().join("content/people/zhang-san.md")])
        .map(|_| ())
        .unwrap_err();
    assert!(err.to_string().contains("content/people/zhang-san.md:2"), "{err}");
    assert!(session.error().is_some());
    assert_eq!(
        session.output().read("people/zhang-san/index.html"),
        before,
        "the last good page is kept"
    );

    site.write(
        "content/people/zhang-san.md",
        person("张三", "2024-03-01", "助人为乐", "修好了。").as_bytes(),
    );
    rebuild(&site, &mut session, &["content/people/zhang-san.md"]);
    assert!(session.error().is_none());
    assert_fresh(&site, &session, "fixed");
}

/// A first paragraph longer than a summary, so text added after it leaves the summary as it was.
const LONG: &str = "张三在社区义务理发二十年，风雨无阻，先后为三千多位老人、残疾人和困难群众免费理发。\
他还自费购置工具，组织志愿者队伍，每月定期走进敬老院和偏远村庄，把温暖送到群众身边，被大家亲切地称为“板凳理发师”。\
二〇二三年，他带出的三十多名徒弟也加入了义务理发的行列，让这份善举在全市二十多个社区生根发芽。";

fn warnings(report: &laurel::Report) -> Vec<String> {
    let mut all: Vec<String> = report.diagnostics().map(|d| d.to_string()).collect();
    all.sort();
    all
}

#[test]
fn markdown_edits_render_only_what_they_reach() {
    let site = site()
        .file(
            "content/people/zhang-san.md",
            &person("张三", "2024-03-01", "助人为乐", LONG),
        )
        .file(
            "content/people/sun-ba/index.md",
            &person("孙八", "2021-01-01", "助人为乐", LONG),
        )
        .bytes("content/people/sun-ba/ming-pian.jpg", &crate::support::jpeg(4, 4));
    let mut session = started(&site);
    let edit = |session: &mut Session, changes: &[(&str, String)], step: &str| {
        for (path, text) in changes {
            site.write(path, text.as_bytes());
        }
        let paths: Vec<PathBuf> = changes.iter().map(|(p, _)| site.root().join(p)).collect();
        let report = session
            .rebuild(paths)
            .unwrap_or_else(|e| panic!("{step}: rebuild failed: {e}"));
        assert_fresh(&site, session, step);
        let full = render(&site.options()).expect("full build");
        assert_eq!(warnings(&report), warnings(&full.report), "{step}: the same warnings");
        report
    };

    let body = format!("{LONG}\n\n## 新的一节\n\n又为村里的留守儿童办起了免费理发日。\n");
    let report = edit(
        &mut session,
        &[(
            "content/people/zhang-san.md",
            person("张三", "2024-03-01", "助人为乐", &body),
        )],
        "a paragraph added after the summary",
    );
    assert_eq!(report.rendered, 2, "the page and the feed, nothing else");
    assert_eq!(
        report.updated.len(),
        3,
        "page, feed and the one search index shard: {:?}",
        report.updated
    );
    let shards: String = session
        .output()
        .files
        .keys()
        .filter(|p| p.starts_with("search/index-"))
        .filter_map(|p| session.output().read(p))
        .map(|b| String::from_utf8(b).expect("UTF-8"))
        .collect();
    assert!(shards.contains("\"留守\":"), "the search finds the new text");

    let body = format!("{LONG}\n\n见[李四](li-si.md#no-such-heading)和[无名](nobody.md)。\n");
    let report = edit(
        &mut session,
        &[(
            "content/people/zhang-san.md",
            person("张三", "2024-03-01", "助人为乐", &body),
        )],
        "broken links added",
    );
    assert_eq!(report.rendered, 2);
    assert_eq!(report.links.len(), 2, "{:?}", warnings(&report));

    let report = edit(
        &mut session,
        &[
            (
                "content/people/zhang-san.md",
                person("张三", "2024-03-01", "助人为乐", LONG),
            ),
            (
                "content/people/sun-ba/index.md",
                person(
                    "孙八",
                    "2021-01-01",
                    "助人为乐",
                    &format!("{LONG}\n\n![名片](ming-pian.jpg)\n"),
                ),
            ),
        ],
        "two pages at once, one a bundle",
    );
    assert_eq!(report.rendered, 3, "two pages and the feed");

    let report = edit(
        &mut session,
        &[(
            "content/people/zhang-san.md",
            person("张三", "2024-03-01", "助人为乐", "一句话的新事迹。"),
        )],
        "a new first paragraph (the summary changes)",
    );
    assert!(
        report.rendered > 3,
        "lists and boards show the summary: {}",
        report.rendered
    );

    let report = edit(
        &mut session,
        &[(
            "content/people/sun-ba/index.md",
            person("孙八", "2021-01-01", "诚实守信", LONG),
        )],
        "the same Markdown under new front matter",
    );
    assert!(report.rendered > 3, "terms and lists change: {}", report.rendered);
}

#[test]
fn a_markdown_edit_that_breaks_a_template_is_undone_until_fixed() {
    // A site template that fails on long stories (a typo behind a condition).
    let site = site()
        .file("content/people/zhang-san.md", &person("张三", "2024-03-01", "助人为乐", LONG))
        .file(
            "templates/person.html",
            "{{ page.title }}{% if page.char_count > 400 %}{{ page.no_such_field.x }}{% endif %}|{{ page.content | safe }}\n",
        );
    let mut session = started(&site);
    let page = "people/zhang-san/index.html";
    let before = session.output().read(page);

    let long = format!("{LONG}\n\n{}\n", "又一段很长的补充事迹。".repeat(30));
    site.write(
        "content/people/zhang-san.md",
        person("张三", "2024-03-01", "助人为乐", &long).as_bytes(),
    );
    let err = session
        .rebuild(vec![site.root().join("content/people/zhang-san.md")])
        .map(|_| ())
        .unwrap_err();
    assert!(err.to_string().contains("person.html"), "{err}");
    assert_eq!(session.output().read(page), before, "the last good page is kept");

    let fixed = format!("{LONG}\n\n改好了。\n");
    site.write(
        "content/people/zhang-san.md",
        person("张三", "2024-03-01", "助人为乐", &fixed).as_bytes(),
    );
    rebuild(&site, &mut session, &["content/people/zhang-san.md"]);
    assert!(session.error().is_none());
    assert_fresh(&site, &session, "fixed");
    let after = String::from_utf8(session.output().read(page).expect("page")).expect("UTF-8");
    assert!(after.contains("改好了"), "{after}");
}

#[test]
fn a_replaced_photo_gets_new_thumbnails() {
    let site = site()
        .file(
            "content/people/zhang-san.md",
            &format!(
                "+++\ntitle = \"张三\"\nphoto = \"/photos/zhang.jpg\"\nphoto_alt = \"张三在理发\"\n+++\n\n{LONG}\n"
            ),
        )
        .bytes("static/photos/zhang.jpg", &crate::support::jpeg(800, 600));
    let mut session = started(&site);
    let thumbnail = session.output().read("photos/zhang-320.jpg").expect("a card thumbnail");

    // A title edit renders the whole site and looks at every photo again.
    site.write("static/photos/zhang.jpg", &crate::support::jpeg(600, 800));
    site.write(
        "content/people/zhang-san.md",
        format!("+++\ntitle = \"张三丰\"\nphoto = \"/photos/zhang.jpg\"\nphoto_alt = \"张三在理发\"\n+++\n\n{LONG}\n")
            .as_bytes(),
    );
    rebuild(
        &site,
        &mut session,
        &["static/photos/zhang.jpg", "content/people/zhang-san.md"],
    );
    assert_fresh(&site, &session, "a new photo");
    assert_ne!(
        session.output().read("photos/zhang-320.jpg").expect("a card thumbnail"),
        thumbnail
    );
    let page = String::from_utf8(session.output().read("people/zhang-san/index.html").expect("page")).expect("UTF-8");
    assert!(
        page.contains("width=\"600\" height=\"800\""),
        "the portrait's thumbnail sizes: {page}"
    );
}

/// A person page with every field an edit below changes.
fn profile(title: &str, date: &str, category: &str, honors: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\nregion = \"城东区\"\nhonors = [{honors}]\n{extra}+++\n\n{title}的事迹。\n"
    )
}

/// Front matter for a page whose template shows the links to its terms.
const COUNTS: &str = "template = \"counts.html\"\n";

#[test]
fn front_matter_edits_render_only_what_they_reach() {
    let site = site()
        .file(
            "content/people/zhang-san.md",
            &profile("张三", "2024-03-01", "助人为乐", "\"好人\"", ""),
        )
        .file(
            "content/people/sun-ba.md",
            &profile("孙八", "2021-01-01", "助人为乐", "\"好人\"", COUNTS),
        )
        .file(
            "templates/counts.html",
            "{{ page.title }}{% for t in page.terms.category %}|{{ t.name }}({{ t.path }}){% endfor %}{% for t in page.terms.honors %}|{{ t.name }}({{ t.path }}){% endfor %}{% if page.photo %}|{{ page.photo.src }}|{{ page.photo.card }}{% endif %}\n",
        )
        .file(
            "content/people/zhou-jiu.md",
            &profile("周九", "2020-01-01", "助人为乐", "\"好人\"", ""),
        )
        .bytes("static/photos/a.jpg", &crate::support::jpeg(4, 4))
        .bytes("static/photos/b.jpg", &crate::support::jpeg(6, 4));
    let mut session = started(&site);
    let mut edit = |path: &str, text: String, step: &str| {
        site.write(path, text.as_bytes());
        let report = session
            .rebuild(vec![site.root().join(path)])
            .unwrap_or_else(|e| panic!("{step}: rebuild failed: {e}"));
        assert_fresh(&site, &session, step);
        let full = render(&site.options()).expect("full build");
        assert_eq!(warnings(&report), warnings(&full.report), "{step}: the same warnings");
        assert!(
            report.prepared < full.report.prepared,
            "{step}: {} of {} outputs were made again, as by a whole-site render",
            report.prepared,
            full.report.prepared
        );
        report
    };

    let people = "content/people/";
    edit(
        &format!("{people}li-si.md"),
        profile("李四四", "2024-02-01", "见义勇为", "\"好人\"", ""),
        "a title shown in lists, terms, boards, neighbours and the event naming him",
    );
    edit(
        &format!("{people}wang-wu.md"),
        profile("王五", "2023-05-01", "助人为乐", "\"好人\", \"道德模范\"", ""),
        "an honour added: a new term",
    );
    edit(
        &format!("{people}wang-wu.md"),
        profile("王五", "2023-05-01", "助人为乐", "\"好人\"", ""),
        "the honour removed: its term is gone",
    );
    edit(
        &format!("{people}zhao-liu.md"),
        profile("赵六", "2022-05-01", "孝老爱亲", "\"好人\"", ""),
        "a category changed: one term gone, one new",
    );
    edit(
        &format!("{people}zhou-jiu.md"),
        profile("周九", "2024-02-15", "助人为乐", "\"好人\"", ""),
        "a date changed: order, pagination, previous and next, year boards, feed",
    );
    edit(
        &format!("{people}zhao-liu.md"),
        profile(
            "赵六",
            "2022-05-01",
            "孝老爱亲",
            "\"好人\"",
            "summary = \"孝敬老人。\"\n",
        ),
        "a summary shown on cards",
    );
    let photo = |file: &str| format!("{COUNTS}photo = \"/photos/{file}\"\nphoto_alt = \"照片\"\n");
    edit(
        &format!("{people}sun-ba.md"),
        profile("孙八", "2021-01-01", "助人为乐", "\"好人\"", &photo("a.jpg")),
        "a photo added",
    );
    edit(
        &format!("{people}sun-ba.md"),
        profile("孙八", "2021-01-01", "助人为乐", "\"好人\"", &photo("b.jpg")),
        "the photo changed",
    );
    edit(
        "content/events/2024-03-05-lei-feng.md",
        "+++\ntitle = \"学雷锋\"\nkind = \"event\"\npeople = [\"张三\", \"李四四\", \"王五\"]\n+++\n\n活动。\n".into(),
        "an event names one more person",
    );
    edit(
        "content/events/2024-03-05-lei-feng.md",
        "+++\ntitle = \"学雷锋日\"\nkind = \"event\"\npeople = [\"张三\", \"李四四\", \"王五\"]\n+++\n\n活动。\n"
            .into(),
        "an event's title shown on the pages of the persons it names",
    );
    edit(
        &format!("{people}wang-wu.md"),
        profile("无名", "2023-05-01", "助人为乐", "\"好人\"", ""),
        "a title an event names is gone",
    );
    edit(
        &format!("{people}li-si.md"),
        profile("李四四", "2024-02-01", "助人为乐", "\"好人\"", ""),
        "a category changed: both terms' lists and counts change",
    );
}

/// One step of an edit to files: a file written, or removed.
pub(crate) enum Step<'a> {
    Write(&'a str, String),
    Remove(&'a str),
}

/// Makes the `steps`, rebuilds after them, and checks the output equals a
/// full build's with the same warnings, made by re-rendering fewer outputs
/// than a full build prepares (the graph's path, not the whole site's).
pub(crate) fn graph_edit(site: &Site, session: &mut Session, steps: &[Step], what: &str) -> laurel::Report {
    let mut paths = Vec::new();
    for step in steps {
        match step {
            Step::Write(path, text) => {
                site.write(path, text.as_bytes());
                paths.push(site.root().join(path));
            }
            Step::Remove(path) => {
                std::fs::remove_file(site.root().join(path)).expect("remove");
                paths.push(site.root().join(path));
            }
        }
    }
    let report = session
        .rebuild(paths)
        .unwrap_or_else(|e| panic!("{what}: rebuild failed: {e}"));
    assert_fresh(site, session, what);
    let full = render(&site.options()).expect("full build");
    assert_eq!(warnings(&report), warnings(&full.report), "{what}: the same warnings");
    assert!(
        report.prepared < full.report.prepared,
        "{what}: {} of {} outputs were made again, as by a whole-site render",
        report.prepared,
        full.report.prepared
    );
    report
}

#[test]
fn new_deleted_and_moved_pages_render_only_what_they_reach() {
    let site = site()
        .file(
            "content/people/zhang-san.md",
            &person(
                "张三",
                "2024-03-01",
                "助人为乐",
                "见[钱七](qian-qi.md)和[李四](li-si.md#事迹)。",
            ),
        )
        .file(
            "content/events/2024-03-05-lei-feng.md",
            "+++\ntitle = \"学雷锋\"\nkind = \"event\"\npeople = [\"张三\", \"李四\", \"钱七\"]\n+++\n\n活动。\n",
        )
        .file(
            "content/heroes/_index.md",
            "+++\ntitle = \"英雄\"\npage_kind = \"person\"\n+++\n",
        )
        .file(
            "content/heroes/zhou-jiu.md",
            &person("周九", "2020-01-01", "助人为乐", "周九的事迹。"),
        );
    let mut session = started(&site);
    let people = |name: &str| format!("content/people/{name}.md");
    let qian = people("qian-qi");
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(
            &qian,
            person("钱七", "2024-06-01", "敬业奉献", "钱七的事迹。"),
        )],
        "a new page: a new term, one more pagination page, a broken link and an unknown name mended",
    );
    let sun = people("sun-ba");
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(
            &sun,
            person("孙八", "2023-08-01", "助人为乐", "孙八的事迹。"),
        )],
        "a new page in the middle of its lists",
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(
            &people("zhao-qi"),
            person("张三", "2019-01-01", "诚实守信", "同名。"),
        )],
        "a new page with a name another page has (the event's name is now ambiguous)",
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove(&people("zhao-qi"))],
        "that page deleted",
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove(&people("li-si"))],
        "a deleted page a story links to and the event names",
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove(&people("zhao-liu"))],
        "a deleted page, the last of its term",
    );
    let text = std::fs::read_to_string(site.root().join(&qian)).expect("read");
    let ba = people("qian-ba");
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove(&qian), Step::Write(&ba, text.clone())],
        "a page renamed (its old address gone, the link to it broken)",
    );
    assert!(session.output().get("people/qian-qi/index.html").is_none());
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove(&ba), Step::Write("content/heroes/qian-ba.md", text)],
        "a page moved to another section",
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove(&sun), Step::Remove(&people("wang-wu"))],
        "two pages deleted: one pagination page fewer",
    );
}

/// Persons of one category, region and honour in [`a_page_added_to_or_removed_from_a_term_leaves_its_other_pages_alone`].
const MEMBERS: usize = 30;

#[test]
fn a_page_added_to_or_removed_from_a_term_leaves_its_other_pages_alone() {
    let mut site = Site::new()
        .config("paginate_by = 100\ntaxonomies = [\"category\", \"region\", \"honors\"]")
        .file(
            "content/people/_index.md",
            "+++\ntitle = \"好人\"\npage_kind = \"person\"\n+++\n",
        );
    for n in 0..MEMBERS {
        let date = format!("2020-01-{:02}", n % 28 + 1);
        site = site.file(
            &format!("content/people/ren-{n}.md"),
            &person(&format!("人{n}"), &date, "助人为乐", "事迹。"),
        );
    }
    let mut session = started(&site);
    let term = |session: &Session| {
        String::from_utf8(
            session
                .output()
                .read("category/zhu-ren-wei-le/index.html")
                .expect("term page"),
        )
        .expect("UTF-8")
    };
    let new = "content/people/xin-ren.md";
    let report = graph_edit(
        &site,
        &mut session,
        &[Step::Write(
            new,
            person("新人", "2010-01-01", "助人为乐", "新人的事迹。"),
        )],
        "a new page in a term every page has",
    );
    assert!(term(&session).contains(&format!("共 {} 项", MEMBERS + 1)));
    // The new page, its neighbour and the lists; not the term's other pages.
    assert!(
        report.prepared < MEMBERS,
        "{} outputs made again for a new page in a term of {MEMBERS}",
        report.prepared
    );
    let report = graph_edit(
        &site,
        &mut session,
        &[Step::Remove(new)],
        "that page deleted: the term's count and its other pages as a full build's",
    );
    assert!(term(&session).contains(&format!("共 {MEMBERS} 项")));
    assert!(
        report.prepared < MEMBERS,
        "{} outputs made again for a deleted page in a term of {MEMBERS}",
        report.prepared
    );
}

#[test]
fn cards_kept_between_edits_follow_their_pages() {
    let site = site();
    let mut session = started(&site);
    let (qian, zhang, li) = (
        "content/people/qian-qi.md",
        "content/people/zhang-san.md",
        "content/people/li-si.md",
    );
    let list = |session: &Session| {
        String::from_utf8(session.output().read("people/index.html").expect("list")).expect("UTF-8")
    };
    let steps: [(&str, Step, &str); 4] = [
        (
            "a new page first in the lists (every card shown is made)",
            Step::Write(qian, person("钱七", "2025-06-01", "助人为乐", "钱七的事迹。")),
            "钱七",
        ),
        (
            "a title and summary shown on its card",
            Step::Write(qian, person("钱七七", "2025-06-01", "见义勇为", "新的事迹。")),
            "钱七七",
        ),
        (
            "a page before it deleted: the cards move to new indices",
            Step::Remove(zhang),
            "钱七七",
        ),
        (
            "the card of a page after it changed",
            Step::Write(li, person("李四四", "2024-02-01", "孝老爱亲", "李四的新事迹。")),
            "李四四",
        ),
    ];
    for (what, step, shown) in steps {
        graph_edit(&site, &mut session, &[step], what);
        assert!(list(&session).contains(shown), "{what}: the list shows {shown}");
    }
}

#[test]
fn a_swapped_photo_renders_only_the_pages_that_show_it() {
    let photo = |file: &str| format!("photo = \"{file}\"\nphoto_alt = \"照片\"\n");
    let site = site()
        .file(
            "content/people/zhang-san.md",
            &profile(
                "张三",
                "2024-03-01",
                "助人为乐",
                "\"好人\"",
                &photo("/photos/zhang.jpg"),
            ),
        )
        .file(
            "content/people/sun-ba/index.md",
            &profile("孙八", "2021-01-01", "助人为乐", "\"好人\"", &photo("ming-pian.jpg")),
        )
        .bytes("static/photos/zhang.jpg", &crate::support::jpeg(800, 600))
        .bytes("content/people/sun-ba/ming-pian.jpg", &crate::support::jpeg(40, 30));
    let mut session = started(&site);
    let page =
        |session: &Session, path: &str| String::from_utf8(session.output().read(path).expect("page")).expect("UTF-8");
    let swap = |session: &mut Session, path: &str, jpeg: Vec<u8>, what: &str| {
        site.write(path, &jpeg);
        let report = session
            .rebuild(vec![site.root().join(path)])
            .unwrap_or_else(|e| panic!("{what}: rebuild failed: {e}"));
        assert_fresh(&site, session, what);
        let full = render(&site.options()).expect("full build");
        assert!(
            report.prepared < full.report.prepared,
            "{what}: {} of {} outputs were made again",
            report.prepared,
            full.report.prepared
        );
        report
    };
    let report = swap(
        &mut session,
        "static/photos/zhang.jpg",
        crate::support::jpeg(600, 800),
        "a photo in static/ swapped for a portrait",
    );
    assert!(
        report.updated.contains(&"photos/zhang.jpg".to_string()),
        "{:?}",
        report.updated
    );
    assert!(
        page(&session, "people/zhang-san/index.html").contains("width=\"600\" height=\"800\""),
        "the portrait's thumbnail sizes"
    );
    swap(
        &mut session,
        "content/people/sun-ba/ming-pian.jpg",
        crate::support::jpeg(30, 40),
        "a photo beside its page swapped",
    );
    let shown = page(&session, "people/zhang-san/index.html");
    site.write("static/photos/zhang.jpg", b"not a photo");
    assert!(
        session
            .rebuild(vec![site.root().join("static/photos/zhang.jpg")])
            .is_err(),
        "a photo that cannot be read fails the rebuild"
    );
    assert_eq!(
        page(&session, "people/zhang-san/index.html"),
        shown,
        "the last good output stays"
    );
    // After a failed build, the next one renders the whole site.
    site.write("static/photos/zhang.jpg", &crate::support::jpeg(700, 500));
    session
        .rebuild(vec![site.root().join("static/photos/zhang.jpg")])
        .unwrap_or_else(|e| panic!("the photo mended: rebuild failed: {e}"));
    assert_fresh(&site, &session, "the photo mended");
}

#[test]
fn a_photo_edit_reads_no_photo_but_those_it_changed() {
    let photo = |file: &str| format!("photo = \"{file}\"\nphoto_alt = \"照片\"\n");
    let with_photo = |title: &str, file: &str| profile(title, "2024-03-01", "助人为乐", "\"好人\"", &photo(file));
    let site = site()
        .file("content/people/zhang-san.md", &with_photo("张三", "/photos/zhang.jpg"))
        .file("content/people/li-si.md", &with_photo("李四", "/photos/li.jpg"))
        .bytes("static/photos/zhang.jpg", &crate::support::jpeg(800, 600))
        .bytes("static/photos/li.jpg", &crate::support::jpeg(500, 700));
    let mut session = started(&site);
    // Spoilt behind the session's back: read again, it would fail the rebuild.
    site.write("static/photos/li.jpg", b"not a photo");
    site.write("static/photos/zhang.jpg", &crate::support::jpeg(600, 800));
    session
        .rebuild(vec![site.root().join("static/photos/zhang.jpg")])
        .unwrap_or_else(|e| panic!("a photo swapped: rebuild failed: {e}"));
    let page = session.output().read("people/zhang-san/index.html").expect("page");
    let page = String::from_utf8(page).expect("UTF-8");
    assert!(
        page.contains("width=\"600\" height=\"800\""),
        "the new photo's thumbnail sizes"
    );
    let new = "content/people/qian-qi.md";
    site.write(new, with_photo("钱七", "/photos/zhang.jpg").as_bytes());
    session
        .rebuild(vec![site.root().join(new)])
        .unwrap_or_else(|e| panic!("a new page with a photo: rebuild failed: {e}"));
    assert!(session.output().get("people/qian-qi/index.html").is_some());
    site.write("static/photos/li.jpg", &crate::support::jpeg(500, 700));
    assert_fresh(&site, &session, "the spoilt photo put back as it was");
}

#[test]
fn pages_with_photos_that_come_go_and_change_give_the_output_of_a_full_build() {
    let photo = |file: &str| format!("photo = \"{file}\"\nphoto_alt = \"照片\"\n");
    let with_photo = |title: &str, file: &str| profile(title, "2024-03-01", "助人为乐", "\"好人\"", &photo(file));
    let site = site()
        .file("content/people/zhang-san.md", &with_photo("张三", "/photos/zhang.jpg"))
        .bytes("static/photos/zhang.jpg", &crate::support::jpeg(800, 600))
        .bytes("static/photos/li.jpg", &crate::support::jpeg(500, 700))
        .bytes("static/photos/zhang.jpeg", &crate::support::jpeg(300, 200))
        .file(
            "content/heroes/_index.md",
            "+++\ntitle = \"英雄\"\npage_kind = \"person\"\n+++\n",
        );
    let mut session = started(&site);
    let (qian, an) = ("content/people/qian-qi.md", "content/heroes/an-ming.md");
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(qian, with_photo("钱七", "/photos/zhang.jpg"))],
        "a new page showing the photo another page shows (a profile copied)",
    );
    site.write("static/photos/zhang.jpg", &crate::support::jpeg(600, 800));
    let report = session
        .rebuild(vec![site.root().join("static/photos/zhang.jpg")])
        .unwrap_or_else(|e| panic!("the photo two pages show replaced: rebuild failed: {e}"));
    assert_fresh(&site, &session, "the photo two pages show replaced");
    let full = render(&site.options()).expect("full build");
    assert!(
        report.prepared < full.report.prepared,
        "the photo two pages show replaced"
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(qian, with_photo("钱七", "/photos/li.jpg"))],
        "a page's photo changed to another file",
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(
            qian,
            with_photo("钱七", "/photos/li.jpg").replace("照片", "钱七的照片"),
        )],
        "the description of a page's photo changed",
    );
    // `photos/zhang.jpeg`, walked first, takes the thumbnails' names
    // `photos/zhang.jpg` had; they are its again once the page is gone. The
    // page is in no list or term with 张三, nor next to him.
    let hero = profile(
        "安明",
        "2010-01-01",
        "敬业奉献",
        "\"劳模\"",
        &photo("/photos/zhang.jpeg"),
    );
    for (step, what) in [
        (
            Step::Write(an, hero),
            "a new page whose photo's thumbnails take the names of another's",
        ),
        (Step::Remove(an), "that page deleted: the names go back"),
    ] {
        let path = match step {
            Step::Write(path, text) => {
                site.write(path, text.as_bytes());
                path
            }
            Step::Remove(path) => {
                std::fs::remove_file(site.root().join(path)).expect("remove");
                path
            }
        };
        session
            .rebuild(vec![site.root().join(path)])
            .unwrap_or_else(|e| panic!("{what}: rebuild failed: {e}"));
        assert_fresh(&site, &session, what);
    }
}

#[test]
fn wording_findings_follow_each_edit() {
    let site = site().file(
        "content/people/wang-wu.md",
        &person("王五", "2023-05-01", "助人为乐", "王五再接再励。"),
    );
    let mut session = started(&site);
    let mut edit = |path: &str, text: String, what: &str| {
        let step = if text.is_empty() {
            Step::Remove(path)
        } else {
            Step::Write(path, text)
        };
        let report = graph_edit(&site, &mut session, &[step], what);
        report
            .diagnostics()
            .filter(|d| d.to_string().contains("再接再厉"))
            .count()
    };
    let li = "content/people/li-si.md";
    let found = edit(
        li,
        person("李四", "2024-02-01", "见义勇为", "李四再接再励。"),
        "wrong wording added",
    );
    assert_eq!(found, 2);
    let found = edit(
        "content/people/zhao-liu.md",
        person("赵六", "2022-06-01", "诚实守信", "赵六的事迹。"),
        "another page's front matter: the findings in the others stand",
    );
    assert_eq!(found, 2);
    let found = edit(
        li,
        person("李四", "2024-02-01", "见义勇为", "李四再接再厉。"),
        "wording mended",
    );
    assert_eq!(found, 1);
    let found = edit(
        "content/people/wang-wu.md",
        String::new(),
        "the page with wrong wording deleted",
    );
    assert_eq!(found, 0);
}

#[test]
fn a_front_matter_edit_after_a_whole_site_render_follows_the_relations_it_made() {
    let site = site_with_award_list("姓名,事迹\n钱七,助人为乐\n");
    let mut session = started(&site);
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(
            "content/people/zhang-san.md",
            person("张三", "2024-03-02", "助人为乐", "张三的事迹。"),
        )],
        "a front-matter edit, whose graph the next edit starts from",
    );
    site.write("content/awards/2024.csv", "姓名,事迹\n李四,助人为乐\n".as_bytes());
    rebuild(&site, &mut session, &["content/awards/2024.csv"]);
    assert_fresh(&site, &session, "the list names 李四: a whole-site render");
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(
            "content/people/li-si.md",
            person("李四四", "2024-02-01", "见义勇为", "李四的事迹。"),
        )],
        "李四 renamed: the list and its board no longer show him",
    );
}

#[test]
fn term_lists_follow_front_matter_edits_in_order_and_name() {
    let site = site()
        .file(
            "content/people/zhou-jiu.md",
            &profile("周九", "2021-01-01", "助人为乐", "\"好人\", \"好人\"", ""),
        )
        .file(
            "content/people/wu-shi.md",
            &profile("吴十", "2020-01-01", "助人为乐", "\"郝仁\"", ""),
        );
    let mut session = started(&site);
    let people = |name: &str| format!("content/people/{name}.md");
    let steps: [(&str, String, &str); 5] = [
        (
            "zhou-jiu",
            profile("周九", "2024-04-01", "助人为乐", "\"好人\", \"好人\"", ""),
            "a date that moves a page (naming a term twice) to the front of its terms",
        ),
        (
            "wang-wu",
            profile("王五", "2023-05-01", "助人为乐", "\"好 人\"", ""),
            "a new term whose folder (hao-ren-2) is one an older term had",
        ),
        (
            "wu-shi",
            profile("吴十", "2020-01-01", "助人为乐", "\"好人\"", ""),
            "the only page of a term goes to another: the term is gone, others take its folder",
        ),
        (
            "zhao-liu",
            profile("赵六", "2022-05-01", "诚实守信", "", ""),
            "a page without honours",
        ),
        (
            "zhang-san",
            profile("阿张", "2024-03-01", "助人为乐", "\"好人\"", ""),
            "a title that moves a page among pages of the same date",
        ),
    ];
    for (name, text, what) in steps {
        site.write(&people(name), text.as_bytes());
        rebuild(&site, &mut session, &[&people(name)]);
        assert_fresh(&site, &session, what);
    }
}

#[test]
fn each_page_of_a_board_is_made_again_when_its_cards_change() {
    let categories = ["助人为乐", "见义勇为", "诚实守信"];
    let mut site = site_with_award_list("姓名,事迹\n王五,助人为乐\n李四,见义勇为\n");
    for n in 0..40 {
        site = site.file(
            &format!("content/people/p{n:02}.md"),
            &person(
                &format!("好人{n:02}"),
                &format!("2024-01-{:02}", n % 28 + 1),
                categories[n % 3],
                "事迹。",
            ),
        );
    }
    let mut session = started(&site);
    assert!(
        session.output().get("print/2024/page/3/index.html").is_some(),
        "the year's board has three pages or more"
    );
    let steps = [
        (
            "p38",
            person("好人三十八号", "2024-01-11", "见义勇为", "事迹。"),
            "a name on one page of the board",
        ),
        (
            "p00",
            person("好人00", "2024-01-01", "诚实守信", "事迹。"),
            "a card moved to the last group: the cards between move up a place",
        ),
        (
            "p03",
            person("好人03", "2023-01-04", "助人为乐", "事迹。"),
            "a card moved to another year's board",
        ),
        (
            "li-si",
            person("李四四", "2024-02-01", "见义勇为", "李四的事迹。"),
            "a name an award list's row gives is gone",
        ),
    ];
    for (name, text, what) in steps {
        graph_edit(
            &site,
            &mut session,
            &[Step::Write(&format!("content/people/{name}.md"), text)],
            what,
        );
    }
}

#[test]
fn an_event_follows_the_titles_persons_take_and_give_up() {
    let site = site();
    let mut session = started(&site);
    let steps = [
        (
            "wang-wu",
            "张三",
            "a second 张三: the event's name is ambiguous, both files named in order",
        ),
        (
            "zhang-san",
            "张三丰",
            "the first 张三 renamed: the event names the other one",
        ),
        ("wang-wu", "王五", "no 张三 left: the event's name is unknown"),
        ("zhao-liu", "张三", "a 张三 again, after the pages it comes before"),
    ];
    for (name, title, what) in steps {
        let date = if name == "zhao-liu" { "2022-05-01" } else { "2023-05-01" };
        graph_edit(
            &site,
            &mut session,
            &[Step::Write(
                &format!("content/people/{name}.md"),
                person(title, date, "助人为乐", "事迹。"),
            )],
            what,
        );
    }
}

#[test]
fn links_between_pages_follow_pages_that_come_and_go_named_or_not() {
    let site = site_with_award_list("姓名,事迹\n王五,助人为乐\n钱七,见义勇为\n");
    let mut session = started(&site);
    let page = |title: &str| person(title, "2023-06-01", "助人为乐", "事迹。");
    let steps = [
        (
            "a page named nowhere, before every other",
            Step::Write(
                "content/about.md",
                "+++\ntitle = \"关于\"\n+++\n\n关于本站。\n".to_string(),
            ),
        ),
        (
            "a page named nowhere, before the persons the event and the list name",
            Step::Write("content/people/a-sun-ba.md", page("孙八")),
        ),
        (
            "the person a row of the list names comes",
            Step::Write("content/people/qian-qi.md", page("钱七")),
        ),
        (
            "the page named nowhere goes",
            Step::Remove("content/people/a-sun-ba.md"),
        ),
        ("a person the event names goes", Step::Remove("content/people/li-si.md")),
        (
            "a page named nowhere comes between the named ones",
            Step::Write("content/people/s-sun-jiu.md", page("孙九")),
        ),
        (
            "a second 王五: the list's row is ambiguous",
            Step::Write("content/people/b-wang-wu.md", page("王五")),
        ),
    ];
    for (what, step) in steps {
        graph_edit(&site, &mut session, &[step], what);
    }
    // A page renamed: its title goes and comes back in one rebuild.
    let renamed = |from, to, title| [Step::Remove(from), Step::Write(to, page(title))];
    let renames = [
        (
            "a page named nowhere renamed to come first",
            renamed("content/people/s-sun-jiu.md", "content/people/a-sun-jiu.md", "孙九"),
        ),
        (
            "a page named nowhere renamed while another holds its title",
            [
                Step::Write("content/people/z-sun-jiu.md", page("孙九")),
                Step::Remove("content/people/a-sun-jiu.md"),
            ],
        ),
        (
            "the person a row of the list names renamed",
            renamed("content/people/qian-qi.md", "content/people/z-qian-qi.md", "钱七"),
        ),
        (
            "a person the event names renamed",
            renamed("content/people/zhang-san.md", "content/people/a-zhang-san.md", "张三"),
        ),
        (
            "one of the two 王五 renamed: the list's row stays ambiguous",
            renamed("content/people/b-wang-wu.md", "content/people/y-wang-wu.md", "王五"),
        ),
    ];
    for (what, steps) in renames {
        graph_edit(&site, &mut session, &steps, what);
    }
}

#[test]
fn links_between_pages_follow_every_edit_of_what_they_are_made_from() {
    let event = |date: &str| {
        format!("+++\ntitle = \"敬老日\"\nkind = \"event\"\ndate = {date}\npeople = [\"张三\"]\n+++\n\n活动。\n")
    };
    let site = site()
        .file("content/events/jing-lao.md", &event("2023-10-01"))
        .bytes("static/photos/a.jpg", &crate::support::jpeg(4, 4));
    let mut session = started(&site);
    let li_si = |extra: &str| format!("+++\ntitle = \"李四\"\ndate = 2024-02-01\n{extra}+++\n\n李四的事迹。\n");
    let steps = [
        (
            "content/events/jing-lao.md",
            event("2025-10-01"),
            "an event that names a person moves before another: the person's events change order",
        ),
        (
            "content/people/zhang-san.md",
            person("张三", "2021-03-01", "助人为乐", "张三的事迹。"),
            "a person named by events moves in the order",
        ),
        (
            "content/people/li-si.md",
            li_si("photo = \"/photos/a.jpg\"\n"),
            "a photo without a description: a warning",
        ),
        (
            "content/people/li-si.md",
            li_si("photo = \"/photos/a.jpg\"\nphoto_alt = \"李四的照片\"\n"),
            "the photo described: the warning is gone",
        ),
    ];
    for (path, text, what) in steps {
        graph_edit(&site, &mut session, &[Step::Write(path, text)], what);
    }
}

#[test]
fn a_list_page_is_made_again_when_only_a_card_on_it_changes() {
    let site = site();
    let mut session = started(&site);
    // 赵六 is last by date: alone with 王五 on the second page of the people.
    let zhao = "content/people/zhao-liu.md";
    let lists = ["people/page/2/index.html", "category/cheng-shi-shou-xin/index.html"];
    let steps: [(&str, String, &str); 3] = [
        (
            "a title: the same pages in the same order, one card changed",
            person("赵六六", "2022-05-01", "诚实守信", "赵六的事迹。"),
            "赵六六",
        ),
        (
            "a summary alone",
            person("赵六六", "2022-05-01", "诚实守信", "赵六的新事迹。"),
            "赵六的新事迹",
        ),
        (
            "the title back, after a whole-site render",
            person("赵六", "2022-05-01", "诚实守信", "赵六的新事迹。"),
            "赵六<",
        ),
    ];
    for (n, (what, text, shown)) in steps.into_iter().enumerate() {
        if n == 2 {
            site.write("static/site.css", b"body { color: navy; }\n");
            rebuild(&site, &mut session, &["static/site.css"]);
        }
        graph_edit(&site, &mut session, &[Step::Write(zhao, text)], what);
        for list in lists {
            let page = String::from_utf8(session.output().read(list).expect("list")).expect("UTF-8");
            assert!(page.contains(shown), "{what}: {list} shows {shown}");
        }
    }
}

/// The outputs of other jobs than pages' that an edit planned are kept for
/// the next edit: an alias that comes or goes, by an edit of pages or a
/// whole-site render, leaves the output of a full build each time.
#[test]
fn aliases_added_and_removed_between_edits_leave_a_full_builds_output() {
    let site = site();
    let li_si = |title: &str, aliases: &str| {
        format!(
            "+++\ntitle = \"{title}\"\ndate = 2024-02-01\ncategory = \"见义勇为\"\nregion = \"城东区\"\nhonors = [\"好人\"]\naliases = [{aliases}]\n+++\n\n李四的事迹。\n"
        )
    };
    let alias = "\"/old/li-si/\"";
    let page = "content/people/li-si.md";
    let mut session = Session::start(site.options());
    let mut edit = |text: String, what: &str| {
        graph_edit(&site, &mut session, &[Step::Write(page, text)], what);
    };
    edit(li_si("李四", ""), "a title edit plans every job");
    edit(li_si("李四", alias), "an alias added");
    edit(li_si("李四四", alias), "a title edit plans the jobs but the pages'");
    edit(li_si("李四四", ""), "the alias removed");

    site.write(page, li_si("李四", alias).as_bytes());
    site.write("static/site.css", b"body { color: navy; }\n");
    rebuild(&site, &mut session, &[page, "static/site.css"]);
    assert_fresh(&site, &session, "an alias added with a whole-site render");
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(page, li_si("李四", ""))],
        "the alias removed after a whole-site render",
    );
}
