//! Tests of the search index: keys, shards, drafts and the script payload.

use std::collections::BTreeMap;

use super::*;
use crate::text::joins_without_space;

#[test]
fn plain_text_collapses_whitespace_and_joins_chinese_lines() {
    assert_eq!(plain_text("标题\n\n学雷 锋 活动\n"), "标题 学雷锋活动");
    assert_eq!(plain_text("  Lei  Feng\tday \n好人"), "Lei Feng day 好人");
    assert_eq!(plain_text("学雷 锋"), "学雷锋");
}

/// [`plain_text`] as it was first written, whole-string at a time: a model
/// for the one that gives a character at a time.
fn plain_text_model(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<bool> = None;
    for c in text.chars() {
        if c.is_whitespace() {
            pending = Some(pending.unwrap_or(false) || c == '\n');
            continue;
        }
        if let Some(newline) = pending.take() {
            let joined = !newline && out.chars().next_back().is_some_and(|b| joins_without_space(b, c));
            if !out.is_empty() && !joined {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

proptest::proptest! {
    #[test]
    fn plain_text_a_character_at_a_time_is_the_whole_string_s(text in "[ \n\t\u{3000}一-丐，。a-cΣ0-2]{0,60}") {
        proptest::prop_assert_eq!(plain_text(&text), plain_text_model(&text));
    }

    #[test]
    fn a_story_streamed_has_the_keys_of_its_plain_text(text in "[ \n\t\u{3000}一-丐，。a-cAΣσ0-2]{0,60}") {
        let mut streamed = postings::KeySet::new();
        add_story(&mut streamed, &text);
        let mut whole = postings::KeySet::new();
        whole.add(&plain_text_model(&text), postings::IN_TEXT);
        proptest::prop_assert_eq!(streamed.hits(7), whole.hits(7));
    }
}

#[test]
fn js_payload_escapes_line_separators() {
    assert_eq!(to_js(&vec!["a\u{2028}b"]), "[\"a\\u2028b\"]");
}

/// A site in a temporary folder: two persons (one a draft) and an event.
fn site(drafts: bool) -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |path: &str, text: &str| crate::testing::write_file(dir.path(), path, text);
    write(
        "laurel.toml",
        "title = \"好人榜\"\nbase_url = \"https://example.org/\"\ntaxonomies = [\"category\", \"year\"]\n",
    );
    write(
        "content/people/_index.md",
        "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\n+++\n",
    );
    write(
        "content/people/zhang-miao-miao.md",
        "+++\ntitle = \"张苗苗\"\ncategory = \"助人为乐\"\nregion = \"河西区\"\nyear = 2023\nlevel = \"市级\"\n\
         unit = \"社区卫生服务中心\"\nhonors = [\"清河好人\"]\n+++\n## 事迹\n\n她**坚持**学雷\n锋，见[王五](https://example.org/)。<b>粗</b>\n",
    );
    write(
        "content/people/draft.md",
        "+++\ntitle = \"草稿人\"\ndraft = true\n+++\n秘密事迹。\n",
    );
    let mut options = crate::BuildOptions::new(dir.path());
    options.drafts = drafts;
    let site = Site::load(&options).expect("site loads");
    (dir, site)
}

/// A global assignment's JSON payload.
fn payload(text: &str) -> serde_json::Value {
    let header = if text.starts_with("(window.") { "]=" } else { "=" };
    let json = text.split_once(header).expect("an assignment").1;
    serde_json::from_str(json.strip_suffix(";\n").expect("one statement")).expect("the payload is JSON")
}

/// `search/meta.js`, the display rows, and every index shard, joined.
fn meta_rows_and_shards(site: &Site) -> (serde_json::Value, Vec<serde_json::Value>, String) {
    let theme = crate::theme::Theme::load(&site.root, "default").expect("theme");
    let output = crate::render::render_site(site, &theme).expect("render");
    let text = |path: &str| String::from_utf8(output.read(path).expect(path)).expect("utf-8");
    let meta = payload(&text(META_FILE));
    let pages = meta["pages"].as_u64().expect("page count") as usize;
    let rows = (0..pages.div_ceil(PAGES_PER_ROW_SHARD))
        .flat_map(|n| payload(&text(&rows_path(n))).as_array().expect("rows").clone())
        .collect();
    let shards = meta["index_shards"].as_u64().expect("shard count") as usize;
    (meta, rows, (0..shards).map(|n| text(&index_path(n))).collect())
}

#[test]
fn index_holds_fields_and_keys_but_no_drafts() {
    let (_dir, site) = site(false);
    let (meta, rows, shards) = meta_rows_and_shards(&site);
    let titles: Vec<&str> = rows.iter().map(|r| r[0].as_str().unwrap()).collect();
    assert_eq!(titles, ["张苗苗"]);
    assert!(!shards.contains("\"秘密\""), "a draft's key in the index: {shards}");
    let row = &rows[0];
    assert_eq!(row[1], 0, "kind person");
    assert_eq!(row[2], "people/zhang-miao-miao/");
    assert_eq!(meta["suffix"], "index.html");
    let value = |f: usize| meta["filters"][f]["values"][row[4][f].as_u64().unwrap() as usize].clone();
    assert_eq!(
        [value(0), value(1), value(2), value(3)],
        ["助人为乐", "河西区", "2023", "市级"]
    );
    assert_eq!(meta["filters"][0]["paths"][0], "category/zhu-ren-wei-le/index.html");
    assert_eq!(meta["filters"][1]["paths"][0], "", "no region taxonomy, no term page");
    assert!(shards.starts_with("(window.LAUREL_SEARCH_INDEX||(window.LAUREL_SEARCH_INDEX={}))[0]={"));
    // Keys from the title (at its start: rank 4), honours, unit, summary and story.
    for key in [
        "\"张苗\":\"4\"",
        "\"清河\":\"2\"",
        "\"卫生\":\"2\"",
        "\"雷锋\":\"1\"",
        "\"事迹\":\"0\"",
    ] {
        assert!(shards.contains(key), "no {key} in {shards}");
    }
    // The story's line break inside Chinese leaves no gap; markup is gone.
    assert!(shards.contains("\"学雷\""));
    for markup in ["\"**\"", "\"<b\"", "\"](\"", "\"##\""] {
        assert!(!shards.contains(markup), "{markup} in {shards}");
    }
}

#[test]
fn index_holds_drafts_when_the_build_publishes_them() {
    let (_dir, site) = site(true);
    let (meta, _, shards) = meta_rows_and_shards(&site);
    assert_eq!(meta["pages"], 2);
    assert!(shards.contains("\"秘密\""));
}

/// A site in a temporary folder of `count` persons, with their summaries
/// and stories, enough pages for several index shards.
fn many(count: usize) -> (tempfile::TempDir, Site, Vec<String>, Vec<Document>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |path: &str, text: &str| crate::testing::write_file(dir.path(), path, text);
    crate::testing::write_person_site(dir.path());
    for i in 0..count {
        write(
            &format!("content/people/p{i}.md"),
            &format!("+++\ntitle = \"好人{i}\"\ndate = 2024-01-01\n+++\n"),
        );
    }
    let site = Site::load(&crate::BuildOptions::new(dir.path())).expect("site loads");
    let summaries = site.pages.iter().map(|p| format!("{}的事迹", p.title)).collect();
    let docs = site
        .pages
        .iter()
        .map(|p| story(&format!("{}学雷锋做好事", p.title)))
        .collect();
    (dir, site, summaries, docs)
}

/// A document whose plain text is `text`.
fn story(text: &str) -> Document {
    Document {
        html: String::new(),
        headings: Vec::new(),
        lead: String::new(),
        text: text.to_string(),
        links: Vec::new(),
        units: (0, 0),
    }
}

/// Each file's path and text.
fn texts(files: Vec<OutputFile>) -> BTreeMap<String, String> {
    let text = |body: Body| match body {
        Body::Text(text) => text.to_string(),
        _ => panic!("the index is text"),
    };
    files.into_iter().map(|f| (f.path, text(f.body))).collect()
}

#[test]
fn story_edits_rewrite_only_the_shards_they_change_as_a_full_build_writes_them() {
    let (_dir, site, summaries, mut docs) = many(3 * PAGES_PER_INDEX_SHARD + 1);
    let mut index = build_index(&site, &docs, &summaries);
    assert_eq!(index.shards.len(), 4);
    let i = site.order[5];
    let edits = [
        "好人学雷锋做好事又", // one character and one pair more
        "好人学雷锋做好事又救人 Lei Feng",
        "好人学雷锋做好事", // back again, dropping 救 from the index
        "",
        "好人又",
    ];
    for text in edits {
        let before = texts(index.files());
        let old = std::mem::replace(&mut docs[i], story(text));
        let changed = texts(index.replace_text(&site, &summaries, i, &old, &docs[i]));
        let full = texts(build_index(&site, &docs, &summaries).files());
        assert_eq!(texts(index.files()), full, "after {text:?}: as a full build");
        let differ: Vec<&String> = full.keys().filter(|p| before[*p] != full[*p]).collect();
        assert_eq!(
            changed.keys().collect::<Vec<_>>(),
            differ,
            "after {text:?}: the changed shards"
        );
        for (path, text) in &changed {
            assert_eq!(&full[path], text);
        }
    }
    assert!(!texts(index.files()).values().any(|t| t.contains("\"救\"")));
}

/// Makes `changes` to `site`, with the documents and summaries of its pages
/// (`story` and `summary` make those of a page added or read again), and
/// brings `index` up to date; checks it against a full build of the index.
fn change(
    index: &mut Index,
    site: &mut Site,
    docs: &mut Vec<Document>,
    summaries: &mut Vec<String>,
    changes: Vec<crate::site::PageChange>,
    what: &str,
) {
    use crate::site::PageChange;
    let before = texts(index.files());
    let old: Vec<(usize, PageKeys)> = changes
        .iter()
        .filter_map(|c| match c {
            PageChange::Replaced(i, _) | PageChange::Removed(i) => Some(*i),
            PageChange::Added(_) => None,
        })
        .map(|i| (i, PageKeys::of(site, summaries, i, &docs[i])))
        .collect();
    let sources: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            PageChange::Replaced(_, page) | PageChange::Added(page) => Some(page.source.clone()),
            PageChange::Removed(_) => None,
        })
        .collect();
    let map = site.change_pages(changes);
    let mut new_docs = vec![Document::default(); site.pages.len()];
    let mut new_summaries = vec![String::new(); site.pages.len()];
    for (i, to) in map.iter().enumerate() {
        if let Some(j) = *to {
            new_docs[j] = std::mem::take(&mut docs[i]);
            new_summaries[j] = std::mem::take(&mut summaries[i]);
        }
    }
    let edited: Vec<usize> = sources
        .iter()
        .map(|s| {
            site.pages
                .iter()
                .position(|p| &p.source == s)
                .expect("the page is there")
        })
        .collect();
    for &j in &edited {
        new_docs[j] = story(&format!("{}见义勇为", site.pages[j].title));
        new_summaries[j] = format!("{}的新事迹", site.pages[j].title);
    }
    (*docs, *summaries) = (new_docs, new_summaries);
    let edit = IndexEdit { map, old, edited };
    let (changed, gone) = index.update(site, docs, summaries, &edit);
    let changed = texts(changed);
    let full = texts(build_index(site, docs, summaries).files());
    assert_eq!(texts(index.files()), full, "{what}: as a full build");
    for (path, text) in &full {
        if before.get(path) != Some(text) {
            assert_eq!(changed.get(path), Some(text), "{what}: {path} written");
        }
    }
    let left: Vec<&String> = before.keys().filter(|p| !full.contains_key(*p)).collect();
    assert_eq!(gone.iter().collect::<Vec<_>>(), left, "{what}: the files gone");
}

#[test]
fn pages_added_removed_and_moved_renumber_the_index_as_a_full_build_writes_it() {
    use crate::site::PageChange;
    let (_dir, mut site, mut summaries, mut docs) = many(3 * PAGES_PER_INDEX_SHARD + 5);
    let mut index = build_index(&site, &docs, &summaries);
    assert_eq!(index.shards.len(), 4);
    let page = |site: &Site, name: &str, date: jiff::civil::Date| {
        let mut page = site.pages[0].clone();
        page.source = format!("people/{name}.md");
        page.path = format!("people/{name}/");
        page.title = format!("好人{name}");
        page.date = Some(date);
        page
    };
    let day = jiff::civil::date(2024, 1, 1);
    let mut edit = |site: &mut Site, changes: Vec<PageChange>, what: &str| {
        change(&mut index, site, &mut docs, &mut summaries, changes, what);
    };
    let middle = page(&site, "1a", day);
    edit(&mut site, vec![PageChange::Added(middle)], "a page added in the middle");
    let first = page(&site, "q", jiff::civil::date(2025, 1, 1));
    edit(&mut site, vec![PageChange::Added(first)], "a page added first");
    let last = page(&site, "z", jiff::civil::date(2020, 1, 1));
    edit(&mut site, vec![PageChange::Added(last)], "a page added last");
    let i = site.pages.iter().position(|p| p.title == "好人1a").expect("added");
    edit(
        &mut site,
        vec![PageChange::Removed(i)],
        "a page removed from the middle",
    );
    let i = site.order[3];
    let moved = page(&site, "p3x", jiff::civil::date(2021, 1, 1));
    let same = site.pages[i].clone();
    edit(
        &mut site,
        vec![PageChange::Replaced(i, same)],
        "a page read again, its story changed",
    );
    edit(
        &mut site,
        vec![PageChange::Removed(i), PageChange::Added(moved)],
        "a page renamed and dated back: it moves down the order",
    );
    let j = site.order[200];
    let mut dated = site.pages[j].clone();
    dated.date = Some(jiff::civil::date(2026, 1, 1));
    edit(
        &mut site,
        vec![PageChange::Replaced(j, dated)],
        "a page dated forward: it moves to the top",
    );
    let removed: Vec<PageChange> = [10, 11, 300]
        .iter()
        .map(|&k| PageChange::Removed(site.order[k]))
        .collect();
    edit(&mut site, removed, "three pages removed");
    let last = *site.order.last().expect("pages");
    edit(&mut site, vec![PageChange::Removed(last)], "the last page removed");
}

#[test]
fn filter_values_that_come_and_go_renumber_the_rows_as_a_full_build_writes_them() {
    use crate::site::PageChange;
    let (_dir, mut site, mut summaries, mut docs) = many(30);
    let mut index = build_index(&site, &docs, &summaries);
    let mut edit = |site: &mut Site, at: usize, region: Option<&str>, year: Option<i64>, what: &str| {
        let i = site.order[at];
        let mut page = site.pages[i].clone();
        page.region = region.map(String::from);
        page.year = year;
        change(
            &mut index,
            site,
            &mut docs,
            &mut summaries,
            vec![PageChange::Replaced(i, page)],
            what,
        );
    };
    edit(&mut site, 3, Some("西区"), Some(2023), "a first value of two filters");
    edit(
        &mut site,
        10,
        Some("东区"),
        Some(2024),
        "values sorted before the others",
    );
    edit(&mut site, 20, Some("东区"), Some(2023), "values another page has");
    edit(
        &mut site,
        10,
        Some("北区"),
        None,
        "a value left to another page, a year taken away",
    );
    edit(
        &mut site,
        20,
        None,
        Some(2022),
        "the last page with a value gives it up",
    );
    edit(
        &mut site,
        3,
        Some("北区"),
        Some(2022),
        "every page with a value has one of two",
    );
}
