//! Templates: the site's `templates/` overrides the theme; template errors
//! name the template file and line.

use crate::support::{PEOPLE_INDEX, Site, jpeg, md, only_error};

/// A small site: a person with a static photo, an event naming them, a page.
fn small_site() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/about.md", &md("title = \"关于\"", "本站。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nphoto = \"/photos/zhang.jpg\"\ncategory = \"助人为乐\"",
                "事迹。",
            ),
        )
        .bytes("static/photos/zhang.jpg", &jpeg(4, 4))
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md("title = \"学雷锋\"\nkind = \"event\"\npeople = [\"张三\"]", "活动。"),
        )
}

#[test]
fn unknown_filter_names_the_template_file_and_line() {
    let site = small_site().file(
        "templates/event.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title | nosuchfilter }}{% endblock content %}\n",
    );
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("templates/event.html", Some(2)), "{err}");
    assert!(d.message.contains("nosuchfilter"), "{d}");
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let site = small_site().file(
        "templates/person.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }</h1>\n{% endblock content %}\n",
    );
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "templates/person.html");
    assert_eq!(d.line, Some(3), "{d}");
    assert!(!site.out().exists());
    insta::assert_snapshot!("template_syntax", err.to_string());
}

#[test]
fn site_templates_override_the_theme() {
    let site = small_site().file(
        "templates/person.html",
        "{% extends \"base.html\" %}\n{% block content %}<p class=\"custom\">{{ page.title }}，{{ page.category }}</p>{% endblock content %}\n",
    );
    site.build_ok();
    let html = site.read("people/zhang-san/index.html");
    assert!(html.contains("<p class=\"custom\">张三，助人为乐</p>"), "{html}");
    assert!(html.contains("<title>"), "base.html of the theme still applies");
}

#[test]
fn a_missing_page_template_names_the_page() {
    let site = small_site().file(
        "content/about.md",
        &md("title = \"关于\"\ntemplate = \"special.html\"", ""),
    );
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/about.md");
    assert!(d.message.contains("special.html"), "{d}");
}
