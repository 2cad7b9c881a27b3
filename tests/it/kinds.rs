//! Kinds as data: the fields of each kind, declared in `laurel.toml`, check
//! front matter and appear on pages, cards, term pages and search filters.

use crate::support::{PEOPLE_INDEX, Site, article, md, only_error, zh};

/// `hometown` declared in `laurel.toml` alone.
const HOMETOWN: &str = "[kinds.person.fields.hometown]\nlabel = \"籍贯\"\ntype = \"text\"\n\
show = [\"page\", \"card\", \"board\"]\nfilter = true\ntaxonomy = true\norder = 35\n";

fn people_site() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .file("content/people/_index.md", PEOPLE_INDEX)
}

#[test]
fn a_field_declared_in_laurel_toml_reaches_page_card_terms_and_search() {
    let site = people_site()
        .config(HOMETOWN)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nregion = \"河西区\"\nhometown = \"河北保定\"\nyear = 2024",
                "事迹。",
            ),
        )
        .file(
            "content/people/li-si.md",
            &md("title = \"李四\"\nhometown = \"山东临沂\"", "事迹。"),
        );
    site.build_ok();

    let page = site.read("people/zhang-san/index.html");
    let facts = article(&page);
    assert!(
        facts.contains("<dt>籍贯</dt><dd><a href=\"../../hometown/he-bei-bao-ding/index.html\">河北保定</a></dd>"),
        "{facts}"
    );
    // Between 地区 (order 20) and 年度 (order 40).
    let at = |s: &str| facts.find(s).unwrap_or_else(|| panic!("{s} in {facts}"));
    assert!(at("<dt>地区</dt>") < at("<dt>籍贯</dt>") && at("<dt>籍贯</dt>") < at("<dt>年度</dt>"));

    let list = site.read("people/index.html");
    assert!(
        list.contains("<span>河西区</span><span>河北保定</span><span>2024</span>"),
        "{list}"
    );

    let term = site.read("hometown/he-bei-bao-ding/index.html");
    assert!(term.contains("张三") && !term.contains("李四"), "{term}");
    assert!(site.read("hometown/index.html").contains("<h1>籍贯</h1>"));
    assert!(site.exists("hometown/shan-dong-lin-yi/index.html"));

    let board = site.read("print/2024/index.html");
    assert!(
        board.contains("<p class=\"board-facts\"><span>籍贯：河北保定</span></p>"),
        "{board}"
    );

    let meta = site.read("search/meta.js");
    assert!(meta.contains("\"name\":\"hometown\",\"title\":\"籍贯\""), "{meta}");
    let search = site.read("search/index.html");
    assert!(
        search.contains("<label for=\"search-hometown\">籍贯</label>"),
        "{search}"
    );
}

#[test]
fn a_person_page_with_an_award_field_lists_the_person_fields() {
    let err = people_site()
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\nissuer = \"市文明办\"", "事迹。"),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.line, Some(3), "{d}");
    insta::assert_snapshot!("kinds_award_field_on_person", err.to_string());
    insta::assert_snapshot!("kinds_award_field_on_person_zh", zh(&err));
}

#[test]
fn a_choice_outside_its_choices_names_the_allowed_values() {
    let err = people_site()
        .config("[kinds.person.fields.category]\nchoices = [\"助人为乐\", \"见义勇为\"]")
        .file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\ncategory = \"乐于助人\"", "事迹。"),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.line, Some(3), "{d}");
    assert!(d.hint.as_deref().unwrap_or("").contains("助人为乐, 见义勇为"), "{d}");
}

#[test]
fn a_value_of_the_wrong_type_names_file_line_and_type() {
    let err = people_site()
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动\"\npage_kind = \"event\"\n+++\n",
        )
        .file(
            "content/events/a.md",
            &md("title = \"学雷锋\"\n\nparticipants = \"很多\"", "活动。"),
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/events/a.md", Some(4)), "{d}");
    insta::assert_snapshot!("kinds_wrong_type", err.to_string());
    insta::assert_snapshot!("kinds_wrong_type_zh", zh(&err));
}

#[test]
fn a_new_kind_has_its_section_template_and_facts() {
    let site = Site::new()
        .config("[kinds.unit]\nlabel = \"文明单位\"\n[kinds.unit.fields.address]\nlabel = \"地址\"\n[kinds.unit.fields.since]\nlabel = \"命名年份\"\ntype = \"year\"")
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .file("content/units/_index.md", "+++\ntitle = \"文明单位\"\npage_kind = \"unit\"\n+++\n")
        .file("content/units/a.md", &md("title = \"清河市第一医院\"\naddress = \"清河市人民路1号\"\nsince = 2021", "简介。"))
        .file("content/units/b.md", &md("title = \"清河中学\"\nlocation = \"人民路\"", "简介。"));
    let err = site.build_err();
    let d = only_error(&err);
    assert!(d.message.contains("`location` is not a field of a unit page"), "{d}");

    site.write("content/units/b.md", md("title = \"清河中学\"", "简介。").as_bytes());
    site.build_ok();
    // Without unit.html the theme's page.html shows the facts.
    let page = site.read("units/a/index.html");
    assert!(page.contains("<dt>地址</dt><dd>清河市人民路1号</dd>"), "{page}");
    assert!(page.contains("<dt>命名年份</dt><dd>2021</dd>"), "{page}");

    site.write(
        "templates/unit.html",
        b"UNIT {{ page.title }}{% for f in page.facts %} {{ f.label }}={{ f.value }}{% endfor %}",
    );
    site.build_ok();
    assert_eq!(
        site.read("units/a/index.html"),
        "UNIT 清河市第一医院 地址=清河市人民路1号 命名年份=2021"
    );
}

#[test]
fn a_required_field_left_out_is_an_error_naming_it() {
    let err = people_site()
        .config("[kinds.person.fields.hometown]\nlabel = \"籍贯\"\nrequired = true")
        .file("content/people/zhang-san.md", &md("title = \"张三\"", "事迹。"))
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert!(d.message.contains("`hometown` (籍贯)"), "{d}");
}

#[test]
fn a_bad_kind_declaration_is_an_error_in_laurel_toml() {
    let err = people_site()
        .config("[kinds.person.fields.hometown]\nlabel = \"籍贯\"\ntype = \"place\"")
        .build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("laurel.toml", Some(3)), "{d}");
    assert!(d.message.contains("hometown") && d.message.contains("place"), "{d}");
}

#[test]
fn a_field_setting_of_the_wrong_type_is_named_in_either_language() {
    let err = Site::new()
        .config("[kinds.person.fields.hometown]\nlabel = \"籍贯\"\nrequired = \"是\"")
        .build_err();
    insta::assert_snapshot!("kinds_field_wrong_type", err.to_string());
    insta::assert_snapshot!("kinds_field_wrong_type_zh", zh(&err));
}

#[test]
fn built_in_labels_follow_the_sites_language_and_a_sites_label_wins() {
    let page = |config: &str| {
        let site = people_site().config(config).file(
            "content/people/zhang-san.md",
            &md("title = \"张三\"\nregion = \"河西区\"\nunit = \"街道\"", "事迹。"),
        );
        site.build_ok();
        article(&site.read("people/zhang-san/index.html")).to_string()
    };
    let chinese = page("language = \"zh-CN\"");
    assert!(
        chinese.contains("<dt>地区</dt>") && chinese.contains("<dt>工作单位</dt>"),
        "{chinese}"
    );
    let english = page("language = \"en\"");
    assert!(
        english.contains("<dt>Region</dt>") && english.contains("<dt>Workplace</dt>"),
        "{english}"
    );
    assert!(!english.contains("地区") && !english.contains("工作单位"), "{english}");
    let own = page("language = \"en\"\n[kinds.person.fields.region]\nlabel = \"所在区\"");
    assert!(
        own.contains("<dt>所在区</dt>") && own.contains("<dt>Workplace</dt>"),
        "{own}"
    );
}
