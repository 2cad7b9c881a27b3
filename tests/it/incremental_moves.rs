//! Incremental rebuilds after pages come, go or move to another file: what
//! the render skips (links that cannot lead to those pages, outputs planned
//! before) still leaves a full build's output, and a clash a full build
//! reports is reported.

use laurel::session::Session;

use crate::incremental::{Step, assert_fresh, graph_edit, person, site, started};

#[test]
fn links_of_every_form_follow_the_pages_that_come_and_go() {
    let links = "见[钱](钱七.md)、[钱](%E9%92%B1%E4%B8%83.md)、[钱](@/people/钱七.md#事迹)、\
                 [钱](/people/qian-qi/)、[钱](/people/qian-qi/index.html)和[首页](/index.html)。";
    let site = site().file(
        "content/people/zhang-san.md",
        &person("张三", "2024-03-01", "助人为乐", links),
    );
    let mut session = started(&site);
    let qian = "content/people/钱七.md";
    let text = person("钱七", "2024-06-01", "敬业奉献", "钱七的事迹。\n\n## 事迹\n\n好。");
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(qian, text.clone())],
        "a new page that links of every form were broken to",
    );
    let page = String::from_utf8(session.output().read("people/zhang-san/index.html").expect("page")).expect("UTF-8");
    assert_eq!(page.matches("\"../qian-qi/").count(), 5, "{page}");
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove(qian), Step::Write("content/people/qian-ba.md", text)],
        "that page renamed: every link to it broken again",
    );
    graph_edit(
        &site,
        &mut session,
        &[Step::Remove("content/people/qian-ba.md")],
        "a page no link leads to deleted",
    );
}

#[test]
fn a_page_moved_to_another_file_may_keep_its_address() {
    let site = site();
    let mut session = Session::start(site.options());
    let slugged = |title: &str| {
        person(title, "2021-01-01", "助人为乐", "有别名。").replacen("+++\n", "+++\nslug = \"hao-ren\"\n", 1)
    };
    graph_edit(
        &site,
        &mut session,
        &[Step::Write("content/people/a.md", slugged("甲"))],
        "a page with a slug added",
    );
    graph_edit(
        &site,
        &mut session,
        &[
            Step::Remove("content/people/a.md"),
            Step::Write("content/people/b.md", slugged("甲")),
        ],
        "renamed, at the address it had",
    );
    assert!(session.output().get("people/hao-ren/index.html").is_some());
}

#[test]
fn a_new_page_where_another_output_lies_fails_as_a_full_build_does() {
    let site = site().file("static/people/static-page/index.html", "<p>静态</p>\n");
    let mut session = Session::start(site.options());
    let before = session.output().read("people/li-si/index.html");
    let slugged = |slug: &str| {
        person("甲", "2021-01-01", "助人为乐", "甲。").replacen("+++\n", &format!("+++\nslug = \"{slug}\"\n"), 1)
    };
    for (slug, what) in [("li-si", "another page's address"), ("static-page", "a static file's")] {
        // Two edits, so that the second plans only what changed since the first.
        let filler = "content/people/filler.md";
        let text = person("乙", "2021-02-01", "助人为乐", "乙。");
        graph_edit(&site, &mut session, &[Step::Write(filler, text)], "a page added");
        graph_edit(&site, &mut session, &[Step::Remove(filler)], "and deleted");
        site.write("content/people/jia.md", slugged(slug).as_bytes());
        let full = laurel::command::render(&site.options())
            .map(|_| ())
            .unwrap_err()
            .to_string();
        let served = session
            .rebuild(vec![site.root().join("content/people/jia.md")])
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert_eq!(served, full, "a new page at {what}");
        assert_eq!(
            session.output().read("people/li-si/index.html"),
            before,
            "{what}: the last good output stays"
        );
        std::fs::remove_file(site.root().join("content/people/jia.md")).expect("remove");
        let paths = vec![site.root().join("content/people/jia.md")];
        session.rebuild(paths).expect("mended");
        assert_fresh(&site, &session, "the clash mended");
    }
}

#[test]
fn links_and_lists_follow_a_page_renamed_back_and_forth() {
    let links = "见[甲](qian-ba.md)、[乙](/people/qian-ba/)、[丙](%E9%92%B1%E4%B9%9D.md#事迹)、\
                 [丁](@/people/qian-qi.md#事迹)、[戊](/people/qian-qi/index.html)和[己](./qian-qi.md?from=zhou)。";
    let text = person("钱七", "2024-06-01", "敬业奉献", "钱七的事迹。");
    // Of the same title and date: the file names order the two in every list.
    let twin = person("钱七", "2024-06-01", "敬业奉献", "同名同日。");
    let site = site()
        .file(
            "content/people/zhou-jiu.md",
            &person("周九", "2021-01-01", "助人为乐", links),
        )
        .file("content/people/qian-m.md", &twin);
    let mut session = started(&site);
    let people = |name: &str| format!("content/people/{name}.md");
    let names = ["qian-qi", "qian-ba", "钱九", "qian-a", "qian-qi"];
    graph_edit(
        &site,
        &mut session,
        &[Step::Write(&people(names[0]), text.clone())],
        "a new page: the links to its name mended",
    );
    for pair in names.windows(2) {
        let (from, to) = (people(pair[0]), people(pair[1]));
        graph_edit(
            &site,
            &mut session,
            &[Step::Remove(&from), Step::Write(&to, text.clone())],
            &format!("{from} renamed to {to}: the links to either name, its place beside its twin"),
        );
    }
}
