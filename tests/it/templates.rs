//! Templates: the site's `templates/` overrides the theme; template errors
//! name the template file and line.

use crate::support::{md, only_error, small_site, zh};

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
    insta::assert_snapshot!("template_syntax_zh", zh(&err));
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

#[test]
fn a_missing_section_template_names_the_section() {
    let site = small_site().file(
        "content/people/_index.md",
        "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\ntemplate = \"special.html\"\n+++\n",
    );
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/_index.md", "{err}");
    assert!(d.message.contains("special.html"), "{d}");
}

#[test]
fn a_missing_home_template_names_the_home_page() {
    let site = small_site().file(
        "content/_index.md",
        &md("title = \"首页\"\ntemplate = \"special.html\"", ""),
    );
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/_index.md", "{err}");
    assert!(d.message.contains("special.html"), "{d}");
}

#[test]
fn unknown_variable_is_named_in_either_language() {
    let site = small_site().file(
        "templates/person.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ nope }}{% endblock content %}\n",
    );
    let err = site.build_err();
    assert_eq!(only_error(&err).line, Some(2), "{err}");
    insta::assert_snapshot!("template_unknown_variable", err.to_string());
    insta::assert_snapshot!("template_unknown_variable_zh", zh(&err));
}

#[test]
fn unknown_filter_is_named_in_either_language() {
    let site = small_site().file(
        "templates/person.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title | nosuchfilter }}{% endblock content %}\n",
    );
    let err = site.build_err();
    insta::assert_snapshot!("template_unknown_filter", err.to_string());
    insta::assert_snapshot!("template_unknown_filter_zh", zh(&err));
}

#[test]
fn unfinished_template_is_named_in_either_language() {
    let site = small_site().file("templates/person.html", "{{ page.title\n");
    let err = site.build_err();
    insta::assert_snapshot!("template_unfinished", err.to_string());
    insta::assert_snapshot!("template_unfinished_zh", zh(&err));
}
