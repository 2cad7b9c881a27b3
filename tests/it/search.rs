//! Search: the index laurel writes (`search/meta.js`, index shards, display
//! rows), the search page and the header's search box; [`browser`] drives the
//! page in headless Chromium, over HTTP and from disk.

pub(crate) mod browser;

use serde_json::Value;

use crate::support::{PEOPLE_INDEX, Site, md};

/// A small site to search: three persons, an event, a draft.
pub fn search_site() -> Site {
    Site::new()
        .config("taxonomies = [\"category\", \"region\", \"year\", \"level\"]")
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动报道\"\npage_kind = \"event\"\n+++\n",
        )
        .file(
            "content/people/zhang-miao-miao.md",
            &md(
                "title = \"张苗苗\"\ndate = 2024-03-01\ncategory = \"助人为乐\"\nregion = \"河西区\"\nyear = 2023\nlevel = \"市级\"\nunit = \"河西区社区卫生服务中心\"\nhonors = [\"清河好人\"]",
                "张苗苗是社区医生，常年上门为老人量**血压**，带头学雷锋。\n",
            ),
        )
        .file(
            "content/people/wang-da-shan.md",
            &md(
                "title = \"王大山\"\ndate = 2024-02-01\ncategory = \"敬业奉献\"\nregion = \"河西区\"\nyear = 2022\nlevel = \"省级\"\nsummary = \"退休工人。\"",
                "## 事迹\n\n他在路口义务修理自行车二十年，每到 Lei Feng Day 都免费服务。\n",
            ),
        )
        .file(
            "content/people/chen-xiao-hong.md",
            &md(
                "title = \"陈小红\"\ndate = 2024-01-01\ncategory = \"助人为乐\"\nregion = \"河东区\"\nyear = 2023\nlevel = \"市级\"",
                "陈小红照顾孤寡老人，也学雷锋。\n",
            ),
        )
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md(
                "title = \"学雷锋志愿服务活动\"\ndate = 2024-03-05\nlocation = \"河西区文化广场\"",
                "张苗苗和志愿者们为居民义诊。\n",
            ),
        )
        .file(
            "content/people/cao-gao.md",
            &md("title = \"李苗苗\"\ndraft = true\ncategory = \"助人为乐\"", "草稿里也学雷锋，修理自行车。\n"),
        )
}

/// The JSON a script of a built site assigns.
fn payload(site: &Site, path: &str) -> Value {
    let text = site.read(path);
    // `window.G=JSON;` or, for shards, `(window.G||(window.G={}))[N]=JSON;`.
    let header = if text.starts_with("(window.") { "]=" } else { "=" };
    let json = text
        .split_once(header)
        .and_then(|(_, t)| t.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("not an assignment: {text}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{path} holds no JSON: {e}"))
}

/// The `window.LAUREL_SEARCH` payload of a built site.
fn meta(site: &Site) -> Value {
    payload(site, "search/meta.js")
}

/// Every index shard of a built site, joined.
fn shards(site: &Site) -> String {
    let count = meta(site)["index_shards"].as_u64().expect("shard count");
    (0..count).map(|n| site.read(&format!("search/index-{n}.js"))).collect()
}

/// The titles of the display rows, in page order.
fn titles(site: &Site) -> Vec<String> {
    let meta = meta(site);
    let per_shard = meta["pages_per_shard"].as_u64().expect("pages per shard");
    let shards = meta["pages"].as_u64().expect("page count").div_ceil(per_shard);
    (0..shards)
        .flat_map(|n| {
            payload(site, &format!("search/pages-{n}.js"))
                .as_array()
                .expect("rows")
                .clone()
        })
        .map(|row| row[0].as_str().expect("title").to_string())
        .collect()
}

#[test]
fn build_writes_the_search_page_and_its_index() {
    let site = search_site();
    site.build_ok();
    let page = site.read("search/index.html");
    assert!(page.contains("<label for=\"search-q\">"), "{page}");
    assert!(page.contains("aria-live=\"polite\""));
    assert!(page.contains("<script src=\"../search/meta.js\"></script>"));
    assert!(page.contains("<script src=\"../search.js\"></script>"));
    assert!(site.exists("search.js"));
    assert_eq!(titles(&site), ["学雷锋志愿服务活动", "张苗苗", "王大山", "陈小红"]);
    let all = shards(&site);
    assert!(all.contains("\"修理\":"), "{all}");
    assert!(!all.contains("\"草稿\""), "a draft in the index: {all}");
    assert!(!all.contains("\"**\""), "markup in the index: {all}");
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("search/index.html</loc>"), "{sitemap}");
}

#[test]
fn drafts_are_indexed_only_when_built() {
    let site = search_site();
    site.build_with(|o| o.drafts = true).expect("build with drafts");
    assert!(titles(&site).contains(&"李苗苗".to_string()));
    assert!(shards(&site).contains("\"草稿\":"));
}

#[test]
fn filters_list_values_in_taxonomy_order_with_term_pages() {
    let site = search_site();
    site.build_ok();
    let meta = meta(&site);
    let filter = |name: &str| {
        meta["filters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no filter {name}"))
    };
    // The event's year comes from its date.
    assert_eq!(filter("year")["values"], serde_json::json!(["2024", "2023", "2022"]));
    assert_eq!(filter("level")["values"], serde_json::json!(["省级", "市级"]));
    let region = filter("region");
    let at = region["values"]
        .as_array()
        .unwrap()
        .iter()
        .position(|v| v == "河西区")
        .unwrap();
    assert_eq!(region["paths"][at], "region/he-xi-qu/index.html");
    assert!(site.exists("region/he-xi-qu/index.html"));
}

#[test]
fn header_search_box_goes_to_the_search_page() {
    let site = search_site();
    site.build_ok();
    let person = site.read("people/zhang-miao-miao/index.html");
    assert!(
        person
            .contains("<form class=\"site-search\" role=\"search\" method=\"get\" action=\"../../search/index.html\">"),
        "{person}"
    );
    assert!(person.contains("<label class=\"visually-hidden\" for=\"site-search-q\">"));

    let pretty = search_site().config("pretty_links = true");
    pretty.build_ok();
    let home = pretty.read("index.html");
    assert!(home.contains("action=\"./search/\""), "{home}");
    assert_eq!(meta(&pretty)["suffix"], "");
}

#[test]
fn a_content_page_at_search_is_kept() {
    let site = search_site().file(
        "content/search.md",
        &md("title = \"查询\"\nslug = \"search\"", "自己的查询页。"),
    );
    site.build_ok();
    assert!(site.read("search/index.html").contains("自己的查询页"));
    assert!(site.exists("search/meta.js"));
}

/// A story edited in `serve` rewrites only index shards, those its keys fall
/// in, and leaves the index byte for byte as a full build writes it.
#[test]
fn a_story_edit_in_serve_updates_index_shards_as_a_full_build_would() {
    let person = |i: usize, story: &str| {
        md(
            &format!("title = \"好人{i}\"\nslug = \"p{i}\"\nsummary = \"第{i}位好人。\""),
            story,
        )
    };
    let mut site = Site::new().file("content/people/_index.md", PEOPLE_INDEX);
    for i in 0..300 {
        site = site.file(&format!("content/people/p{i}.md"), &person(i, "常年帮助邻里。\n"));
    }
    let mut session = laurel::session::Session::start(site.options());
    assert!(
        session.error().is_none(),
        "{:?}",
        session.error().map(|e| e.to_string())
    );
    site.write(
        "content/people/p7.md",
        person(7, "常年帮助邻里，又为留守儿童办起了理发日。\n").as_bytes(),
    );
    let report = session
        .rebuild(vec![site.root().join("content/people/p7.md")])
        .expect("rebuild");
    let index: Vec<&String> = report.updated.iter().filter(|p| p.starts_with("search/")).collect();
    assert!(
        !index.is_empty() && index.iter().all(|p| p.starts_with("search/index-")),
        "{index:?}"
    );
    let full = laurel::command::render(&site.options()).expect("full build");
    let shard_count = full
        .output
        .files
        .keys()
        .filter(|p| p.starts_with("search/index-"))
        .count();
    assert!(shard_count > 1, "several shards: {shard_count}");
    for path in full.output.files.keys().filter(|p| p.starts_with("search/")) {
        assert!(
            session.output().read(path) == full.output.read(path),
            "{path} differs from a full build"
        );
    }
    let shards: String = index
        .iter()
        .filter_map(|p| session.output().read(p))
        .map(|b| String::from_utf8(b).expect("UTF-8"))
        .collect();
    assert!(shards.contains("\"留守\":"), "the new story's keys are in: {index:?}");
}
