//! `laurel.toml`: required keys, unknown keys, base_url, and the settings that
//! change the output.

use crate::support::{Site, md, only_error, zh};

fn site_with_config(config: &str) -> Site {
    Site::bare()
        .file("laurel.toml", config)
        .file("content/_index.md", &md("title = \"首页\"", ""))
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let site = site_with_config("title = \"好人榜\"\nbase_url = \"https://example.org/\"\npaginateby = 3\n");
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    assert_eq!(d.line, Some(3));
    assert!(d.message.contains("paginateby"), "{d}");
    insta::assert_snapshot!("config_unknown_key", err.to_string());
    insta::assert_snapshot!("config_unknown_key_zh", zh(&err));
}

#[test]
fn missing_title_is_an_error() {
    let err = site_with_config("base_url = \"https://example.org/\"\n").build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    assert!(d.message.contains("title"), "{d}");
    insta::assert_snapshot!("config_missing_title", err.to_string());
    insta::assert_snapshot!("config_missing_title_zh", zh(&err));
}

#[test]
fn missing_base_url_is_an_error() {
    let err = site_with_config("title = \"好人榜\"\n").build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    assert!(d.message.contains("base_url"), "{d}");
    insta::assert_snapshot!("config_missing_base_url", err.to_string());
    insta::assert_snapshot!("config_missing_base_url_zh", zh(&err));
}

#[test]
fn base_url_must_be_an_absolute_http_url() {
    let err = site_with_config("title = \"好人榜\"\nbase_url = \"example.org/haoren\"\n").build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    assert_eq!(d.line, Some(2));
    assert!(
        d.message.contains("base_url") && d.message.contains("example.org/haoren"),
        "{d}"
    );
    insta::assert_snapshot!("config_bad_base_url", err.to_string());
    insta::assert_snapshot!("config_bad_base_url_zh", zh(&err));
}

#[test]
fn base_url_must_name_a_host_and_hold_no_space_query_or_quote() {
    let cases = [
        ("https://example.org/haoren ", "holds ' '"),
        ("https://example.org/?q=1", "holds '?'"),
        ("https://example.org/a#top", "holds '#'"),
        ("https://e.org/\"><script>/", "holds '\"'"),
        ("https:///haoren/", "names no host"),
        ("ftp://example.org/", "must be an absolute http(s) URL"),
    ];
    for (url, why) in cases {
        let toml = format!("title = \"好人榜\"\nbase_url = {}\n", toml_string(url));
        let err = site_with_config(&toml).build_err();
        let d = only_error(&err);
        assert_eq!((d.file.as_str(), d.line), ("laurel.toml", Some(2)), "{url}");
        assert!(d.message.to_string().contains(why), "{url}: {d}");
        let site = Site::new().file("content/about.md", &md("title = \"关于\"", ""));
        let err = site.build_with(|o| o.base_url = Some(url.into())).unwrap_err();
        let d = only_error(&err);
        assert_eq!(d.file, "--base-url");
        assert!(d.message.to_string().contains(why), "--base-url {url}: {d}");
    }
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn toml_syntax_error_names_the_line() {
    let err = site_with_config("title = \"好人榜\"\n\nbase_url = \"https://example.org/\n").build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    assert_eq!(d.line, Some(3), "{d}");
}

#[test]
fn key_without_value_is_named_in_either_language() {
    let err = site_with_config("title = \"好人榜\"\nbase_url \"https://example.org/\"\n").build_err();
    assert_eq!(only_error(&err).line, Some(2), "{err}");
    insta::assert_snapshot!("config_key_without_value", err.to_string());
    insta::assert_snapshot!("config_key_without_value_zh", zh(&err));
}

#[test]
fn wrong_type_names_the_line() {
    let err =
        site_with_config("title = \"好人榜\"\nbase_url = \"https://example.org/\"\npaginate_by = \"十\"\n").build_err();
    let d = only_error(&err);
    assert_eq!(d.line, Some(3), "{d}");
    insta::assert_snapshot!("config_wrong_type", err.to_string());
    insta::assert_snapshot!("config_wrong_type_zh", zh(&err));
}

#[test]
fn missing_config_file_says_how_to_start_a_site() {
    let site = Site::bare().file("content/_index.md", &md("title = \"首页\"", ""));
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    let text = d.to_string();
    assert!(text.contains("laurel init"), "{text}");
    assert!(!site.out().exists(), "nothing should be written");
}

#[test]
fn missing_theme_folder_is_an_error() {
    let err = Site::new()
        .config("theme = \"hongse\"")
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "laurel.toml");
    assert!(d.message.contains("hongse"), "{d}");
}

#[test]
fn extra_table_is_allowed_and_reaches_templates() {
    let site = Site::new()
        .config("[extra]\nhotline = \"0311-12345678\"")
        .file("content/_index.md", &md("title = \"首页\"", ""))
        .file("templates/index.html", "热线：{{ site.extra.hotline }}");
    site.build_ok();
    assert_eq!(site.read("index.html"), "热线：0311-12345678");
}

#[test]
fn base_url_gets_a_trailing_slash() {
    let site = site_with_config("title = \"好人榜\"\nbase_url = \"https://example.org/haoren\"\n").file(
        "content/about.md",
        &md("title = \"关于\"\ndate = 2024-01-02", "关于本站。"),
    );
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/haoren/about/index.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("haorenabout"), "{sitemap}");
}

#[test]
fn base_url_option_replaces_the_configured_one() {
    let site = Site::new().file("content/about.md", &md("title = \"关于\"", "关于本站。"));
    site.build_with(|o| o.base_url = Some("https://staging.example.net/preview".into()))
        .unwrap();
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://staging.example.net/preview/about/index.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("example.org"), "{sitemap}");
}

#[test]
fn taxonomies_setting_decides_which_term_pages_exist() {
    let site = Site::new()
        .config("taxonomies = [\"region\"]")
        .file("content/people/_index.md", crate::support::PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nregion = \"河西区\"\ncategory = \"助人为乐\"\ntags = [\"志愿者\"]",
                "事迹。",
            ),
        );
    site.build_ok();
    assert!(site.exists("region/he-xi-qu/index.html"), "{:?}", site.outputs());
    assert!(!site.out().join("category").exists());
    assert!(!site.out().join("tags").exists());
}

#[test]
fn a_personal_number_in_the_settings_is_an_error() {
    let err = site_with_config(
        "title = \"好人榜\"\nbase_url = \"https://example.org/\"\ndescription = \"联系人：13812345678\"\n\n[extra]\nhotline = \"11010519491231002X\"\n",
    )
    .build_err();
    let places: Vec<(String, Option<usize>)> = crate::support::errors(&err)
        .iter()
        .map(|d| (d.file.clone(), d.line))
        .collect();
    assert_eq!(
        places,
        [
            ("laurel.toml".to_string(), Some(3)),
            ("laurel.toml".to_string(), Some(6))
        ],
        "{err}"
    );
}

#[test]
fn paginate_by_zero_is_an_error() {
    let err =
        site_with_config("title = \"好人榜\"\nbase_url = \"https://example.org/\"\npaginate_by = 0\n").build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("laurel.toml", Some(3)));
    assert!(d.message.contains("paginate_by"), "{d}");
}
