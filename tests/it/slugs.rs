//! Slugs: pinyin URLs from Chinese file names, surnames read as surnames,
//! `slug` wins, and colliding URLs are an error naming both files.

use crate::support::{PEOPLE_INDEX, Site, md, only_error, zh};

fn people(files: &[(&str, &str)]) -> Site {
    let mut site = Site::new().file("content/people/_index.md", PEOPLE_INDEX);
    for (name, front) in files {
        site = site.file(&format!("content/people/{name}"), &md(front, "事迹。"));
    }
    site
}

#[test]
fn chinese_file_name_becomes_pinyin() {
    let site = people(&[("张苗苗.md", "title = \"张苗苗\"")]);
    site.build_ok();
    assert!(site.exists("people/zhang-miao-miao/index.html"), "{:?}", site.outputs());
    let list = site.read("people/index.html");
    assert!(list.contains("href=\"../people/zhang-miao-miao/index.html\""), "{list}");
}

#[test]
fn surnames_are_read_as_surnames_in_a_person_section() {
    let site = people(&[
        ("曾秀兰.md", "title = \"曾秀兰\""),
        ("单雪梅.md", "title = \"单雪梅\""),
        ("解红.md", "title = \"解红\""),
    ]);
    site.build_ok();
    for path in ["zeng-xiu-lan", "shan-xue-mei", "xie-hong"] {
        assert!(
            site.exists(&format!("people/{path}/index.html")),
            "{path}: {:?}",
            site.outputs()
        );
    }
}

#[test]
fn ascii_file_name_is_kept() {
    let site = people(&[("fan-zhen-xi.md", "title = \"范振喜\"")]);
    site.build_ok();
    assert!(site.exists("people/fan-zhen-xi/index.html"));
}

#[test]
fn chinese_page_and_section_names_become_pinyin() {
    let site = Site::new()
        .file("content/关于本站.md", &md("title = \"关于本站\"", "本站。"))
        .file("content/好人故事/_index.md", &md("title = \"好人故事\"", ""))
        .file("content/好人故事/雪中送炭.md", &md("title = \"雪中送炭\"", "故事。"));
    site.build_ok();
    for path in [
        "guan-yu-ben-zhan/index.html",
        "hao-ren-gu-shi/index.html",
        "hao-ren-gu-shi/xue-zhong-song-tan/index.html",
    ] {
        assert!(site.exists(path), "{path}: {:?}", site.outputs());
    }
}

#[test]
fn slug_in_front_matter_wins() {
    let site = people(&[("张苗苗.md", "title = \"张苗苗\"\nslug = \"miaomiao\"")]);
    site.build_ok();
    assert!(site.exists("people/miaomiao/index.html"), "{:?}", site.outputs());
    assert!(!site.exists("people/zhang-miao-miao/index.html"));
}

#[test]
fn invalid_slug_is_an_error_with_a_suggestion() {
    let err = people(&[("a.md", "title = \"张苗苗\"\nslug = \"Miao Miao\"")]).build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/people/a.md", Some(3)));
    assert!(d.to_string().contains("miao-miao"), "{d}");
}

#[test]
fn two_pages_at_one_url_is_an_error_naming_both_files() {
    let err = people(&[("zhang-san.md", "title = \"张三\""), ("张三.md", "title = \"张三\"")]).build_err();
    let d = only_error(&err);
    let text = d.to_string();
    assert!(text.contains("content/people/zhang-san.md"), "{text}");
    assert!(text.contains("content/people/张三.md"), "{text}");
    assert!(text.contains("people/zhang-san/"), "{text}");
    insta::assert_snapshot!("slugs_collision", err.to_string());
    insta::assert_snapshot!("slugs_collision_zh", zh(&err));
}

#[test]
fn a_slug_colliding_with_a_section_is_an_error() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people.md", &md("title = \"好人\"", ""));
    let err = site.build_err();
    let text = only_error(&err).to_string();
    assert!(
        text.contains("content/people.md") && text.contains("content/people/_index.md"),
        "{text}"
    );
}

#[test]
fn taxonomy_terms_are_in_pinyin() {
    let site = people(&[(
        "zhang-san.md",
        "title = \"张三\"\ncategory = \"敬业奉献\"\nregion = \"河西区\"\nhonors = [\"清河好人\"]\ntags = [\"乡村教师\"]\nlevel = \"市级\"\ndate = 2024-05-01",
    )]);
    site.build_ok();
    for path in [
        "category/index.html",
        "category/jing-ye-feng-xian/index.html",
        "region/he-xi-qu/index.html",
        "honors/qing-he-hao-ren/index.html",
        "tags/xiang-cun-jiao-shi/index.html",
        "level/shi-ji/index.html",
        "year/2024/index.html",
    ] {
        assert!(site.exists(path), "{path}: {:?}", site.outputs());
    }
}

#[test]
fn pinned_words_read_right_in_terms() {
    let site = people(&[(
        "zhang-san.md",
        "title = \"张三\"\ncategory = \"助人为乐\"\nregion = \"重庆市\"",
    )]);
    site.build_ok();
    assert!(
        site.exists("category/zhu-ren-wei-le/index.html"),
        "{:?}",
        site.outputs()
    );
    assert!(site.exists("region/chong-qing-shi/index.html"), "{:?}", site.outputs());
}

#[test]
fn a_page_at_a_taxonomy_url_is_an_error() {
    let site = people(&[("zhang-san.md", "title = \"张三\"\ncategory = \"助人为乐\"")])
        .file("content/category.md", &md("title = \"分类说明\"", "说明。"));
    let err = site.build_err();
    let text = err.to_string();
    assert!(
        text.contains("content/category.md") && text.contains("category/"),
        "{text}"
    );
}

/// Every folder and file name under the output, longest first.
fn longest_name(site: &Site) -> usize {
    let outputs = site.outputs();
    outputs
        .iter()
        .flat_map(|path| path.split('/'))
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn long_names_and_terms_make_short_urls_that_build_and_check() {
    let stem = "在平凡的岗位上默默奉献三十年如一日坚守乡村小学讲台的优秀人民教师与全心全意为人民服务的共产党员张苗苗同志的先进事迹材料汇编第一辑上册";
    let honour = "全国道德模范暨全国优秀共产党员全国三八红旗手全国五一劳动奖章获得者全国优秀教师全国最美乡村教师全国先进工作者光荣称号集体";
    assert_eq!((stem.chars().count(), honour.chars().count()), (66, 60));
    let front = format!("title = \"张苗苗\"\nhonors = [\"{honour}\"]\nregion = \"{honour}\"\ntags = [\"{honour}\"]");
    let site = people(&[(&format!("{stem}.md"), &front)]);
    site.check().unwrap_or_else(|err| panic!("check failed:\n{err}"));
    site.build_ok();
    assert!(longest_name(&site) <= 80, "{:?}", site.outputs());
    let page = site
        .outputs()
        .into_iter()
        .find(|p| p.starts_with("people/zai-ping-fan-de-gang-wei") && p.ends_with("/index.html"))
        .unwrap_or_else(|| panic!("no page for the long name: {:?}", site.outputs()));
    assert!(site.read(&page).contains("张苗苗"));
    assert!(
        site.exists("honors/quan-guo-dao-de-mo-fan-ji-quan-guo-you-xiu-gong-chan-dang-yuan-quan-guo-san-ba/index.html"),
        "{:?}",
        site.outputs()
    );
}
