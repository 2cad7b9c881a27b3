//! `laurel export wechat`: a folder per page whose `article.html` pastes
//! cleanly into the 公众号 editor, pictures within its limits, a cover,
//! `plain.txt`, and the output folder's safety rules.

use std::path::{Path, PathBuf};

use laurel::export::{WECHAT_DIR, export_wechat};

use crate::support::{PEOPLE_INDEX, Site, jpeg, jpeg_of, laurel_in_english, md, only_error};

/// Tags the 公众号 editor keeps, and the attributes each may carry besides `style`.
const TAGS: [(&str, &[&str]); 17] = [
    ("section", &[]),
    ("p", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("em", &[]),
    ("br", &[]),
    ("img", &["src", "alt"]),
    ("a", &["href"]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("blockquote", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("tr", &[]),
    ("th", &[]),
    ("td", &[]),
];

/// CSS properties the 公众号 editor keeps in inline styles.
const PROPERTIES: [&str; 22] = [
    "font-size",
    "font-weight",
    "font-family",
    "line-height",
    "letter-spacing",
    "color",
    "background-color",
    "text-align",
    "text-decoration",
    "word-break",
    "margin",
    "margin-top",
    "padding",
    "padding-left",
    "border",
    "border-left",
    "border-radius",
    "border-collapse",
    "display",
    "width",
    "max-width",
    "vertical-align",
];

/// Checks `html` (an article fragment) against what the 公众号 editor keeps;
/// `has_file` says whether an `<img src>` names a file of the article.
/// Returns every problem found.
pub fn whitelist_problems(html: &str, has_file: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mut lists = 0usize;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("tag ends");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if name == "ul" || name == "ol" {
                lists -= 1;
            }
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let Some((_, allowed)) = TAGS.iter().find(|(t, _)| *t == name) else {
            problems.push(format!("tag <{name}> is not kept"));
            continue;
        };
        if name == "ul" || name == "ol" {
            lists += 1;
            if lists > 2 {
                problems.push("a list nested deeper than two".into());
            }
        }
        for (attribute, value) in attributes(&tag[name.len()..]) {
            match attribute.as_str() {
                "style" => {
                    for declaration in value.split(';').filter(|d| !d.trim().is_empty()) {
                        let property = declaration.split(':').next().unwrap_or_default().trim();
                        if !PROPERTIES.contains(&property) {
                            problems.push(format!("CSS property {property} in <{name}>"));
                        }
                    }
                }
                "href" if value.starts_with('#') => problems.push(format!("in-page link {value}")),
                "href" if !value.starts_with("https://mp.weixin.qq.com/") => {
                    problems.push(format!("link outside the 公众号: {value}"))
                }
                "src" if !(value.starts_with("images/") && has_file(&value)) => {
                    problems.push(format!("<img> not in images/: {value}"))
                }
                other if !allowed.contains(&other) => problems.push(format!("attribute {other} on <{name}>")),
                _ => {}
            }
        }
    }
    problems
}

/// `name="value"` pairs of a tag (laurel always quotes with `"`).
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text.trim();
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_string();
        let after = &rest[eq + 2..];
        let close = after.find('"').expect("quoted value");
        found.push((name, after[..close].to_string()));
        rest = after[close + 1..].trim();
    }
    assert!(
        rest.trim_end_matches('/').trim().is_empty(),
        "unquoted attribute: {rest}"
    );
    found
}

/// The article fragment of an `article.html`: what is inside `<body>`.
pub fn body(document: &str) -> &str {
    let start = document.find("<body>").expect("<body>") + "<body>".len();
    let end = document.find("</body>").expect("</body>");
    &document[start..end]
}

/// A noisy photo: JPEG compresses it badly, as it does a real photo's detail.
fn noisy_photo(width: u32, height: u32) -> Vec<u8> {
    let mut state = 7u32;
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let grain = (state >> 24) as u8 / 2;
        image::Rgb([(x / 9) as u8 ^ grain, (y / 13) as u8 ^ grain, grain])
    });
    jpeg_of(&image, None)
}

const STORY: &str = "## 主要事迹

他是一名普通的**乡村教师**，坚持[义务家访](https://example.com/visit)三十年。
详见[另一位好人](../li-si.md)与[本页下文](#后来)。

> 只要孩子们愿意学，我就一直教下去。

- 第一层
  - 第二层
    - 第三层
      - 第四层
- 另一项

| 年份 | 荣誉 |
|:---|---:|
| 2021 | 清河好人 |

![他在课堂上](class.jpg)

### 后来

见公众号文章[往期回顾](https://mp.weixin.qq.com/s/abc)，代码`x = 1`。

![远方的学校](https://example.com/far.jpg)
";

/// A person in a bundle (a photo and a picture in the story),
/// another person, an award list and an event.
fn wechat_site() -> Site {
    Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san/index.md",
            &md(
                "title = \"张三\"\nphoto = \"photo.jpg\"\nphoto_alt = \"张三在村口\"\nhonors = [\"清河好人\", \"道德模范\"]\ncategory = \"敬业奉献\"\nregion = \"清河县\"\nsummary = \"乡村教师张三坚持家访三十年。\"",
                STORY,
            ),
        )
        .bytes("content/people/zhang-san/photo.jpg", &jpeg(1200, 1500))
        .bytes("content/people/zhang-san/class.jpg", &jpeg(1600, 900))
        .file("content/people/li-si.md", &md("title = \"李四\"", "助人为乐。"))
        .file(
            "content/awards/2024.md",
            &md(
                "title = \"2024年度清河好人\"\nkind = \"award\"\nissuer = \"清河市文明办\"\n[[entries]]\n\"姓名\" = \"张三\"\n\"类别\" = \"敬业奉献\"\n[[entries]]\n\"姓名\" = \"王五\"\n\"类别\" = \"见义勇为\"",
                "名单如下。",
            ),
        )
        .file(
            "content/events/lei-feng.md",
            &md(
                "title = \"学雷锋活动\"\nkind = \"event\"\ndate = 2024-03-05\nlocation = \"人民广场\"\npeople = [\"张三\"]",
                "志愿服务。",
            ),
        )
}

fn export(site: &Site, pages: &[&str]) -> Result<laurel::export::ExportReport, laurel::Error> {
    let pages: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    export_wechat(&site.options(), &pages, &site.root().join(WECHAT_DIR))
}

fn folder(site: &Site, page: &str) -> PathBuf {
    site.root().join(WECHAT_DIR).join(page)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn wechat_article_keeps_only_what_the_editor_keeps() {
    let site = wechat_site();
    export(&site, &["content/people/zhang-san"]).expect("export");
    let dir = folder(&site, "people/zhang-san");
    let document = read(&dir, "article.html");
    for forbidden in [
        "<style", "<script", "class=", " id=", "href=\"#", "<div", "<h2", "<pre", "<figure",
    ] {
        assert!(!document.contains(forbidden), "{forbidden} in {document}");
    }
    let html = body(&document);
    let problems = whitelist_problems(html, &|src| dir.join(src).is_file());
    assert!(problems.is_empty(), "{problems:#?}\n{html}");

    // The person card comes first: photo, name, honours, category, region.
    let card = &html[..html.find("主要事迹").expect("story")];
    for part in [
        "src=\"images/1.jpg\"",
        "张三",
        "清河好人",
        "道德模范",
        "敬业奉献",
        "清河县",
    ] {
        assert!(card.contains(part), "{part} not in the card: {card}");
    }
    // Links outside the 公众号 become numbered 参考资料; its own stay links.
    assert!(!html.contains("义务家访</a>") && html.contains("义务家访<span"));
    assert!(html.contains("参考资料"));
    assert!(html.contains("[1] 义务家访：https://example.com/visit"));
    assert!(html.contains("[2] 另一位好人：https://example.org/haoren/people/li-si/index.html"));
    assert!(html.contains("<a href=\"https://mp.weixin.qq.com/s/abc\""));
    assert!(html.contains("本页下文"));
    // Lists: the third and fourth levels are lines of the second.
    assert!(html.contains("第三层") && html.contains("第四层"));
    assert!(html.contains("<table") && html.contains("清河好人</td>"));
    assert!(html.contains("src=\"images/2.jpg\"") && html.contains("他在课堂上"));
    assert!(html.contains("src=\"images/qr.png\""));
    // A picture from elsewhere, which the 公众号 would refuse, is a reference.
    assert!(html.contains("[图：远方的学校] [3]") && html.contains("[3] 远方的学校：https://example.com/far.jpg"));
}

#[test]
fn wechat_raw_html_keeps_its_text_and_lines() {
    let site = wechat_site().config("allow_html = true").file(
        "content/notice.md",
        &md(
            "title = \"通知\"",
            "正文。\n\n<p style=\"text-align:right\">城东区文明办<br>2024年3月5日</p>\n\n<center>居中文字</center>\n",
        ),
    );
    export(&site, &["content/notice.md"]).expect("export");
    let dir = folder(&site, "notice");
    let document = read(&dir, "article.html");
    let html = body(&document);
    assert!(html.contains(">城东区文明办<br>2024年3月5日</p>"), "{html}");
    assert!(html.contains(">居中文字</p>"), "{html}");
    assert!(
        !html.contains("<center") && !html.contains("text-align:right"),
        "{html}"
    );
    let problems = whitelist_problems(html, &|src| dir.join(src).is_file());
    assert!(problems.is_empty(), "{problems:#?}\n{html}");
    let plain = read(&dir, "plain.txt");
    assert!(plain.contains("城东区文明办\n2024年3月5日\n\n居中文字"), "{plain}");
}

#[test]
fn wechat_pictures_fit_the_editor_limits() {
    let site = wechat_site().bytes("content/people/zhang-san/photo.jpg", &noisy_photo(2000, 2500));
    let source = std::fs::metadata(site.root().join("content/people/zhang-san/photo.jpg")).expect("photo");
    assert!(
        source.len() > 1 << 20,
        "the test photo should be over 1 MB: {}",
        source.len()
    );
    export(&site, &["content/people/zhang-san/index.md"]).expect("export");
    let dir = folder(&site, "people/zhang-san");
    for name in ["images/1.jpg", "images/2.jpg"] {
        let bytes = std::fs::read(dir.join(name)).expect("picture");
        assert!(bytes.len() <= 1 << 20, "{name}: {} bytes", bytes.len());
        assert_eq!(image::guess_format(&bytes).expect("format"), image::ImageFormat::Jpeg);
        let picture = image::load_from_memory(&bytes).expect("decode");
        assert_eq!(picture.width(), 1080, "{name}");
    }
    let photo = image::load_from_memory(&std::fs::read(dir.join("images/1.jpg")).expect("photo")).expect("jpeg");
    assert_eq!(photo.height(), 1350);

    let cover = std::fs::read(dir.join("cover.jpg")).expect("cover");
    assert!(cover.len() <= 64 << 10, "cover: {} bytes", cover.len());
    let cover = image::load_from_memory(&cover).expect("cover jpeg");
    let ratio = f64::from(cover.width()) / f64::from(cover.height());
    assert!((ratio - 2.35).abs() < 0.01, "{}x{}", cover.width(), cover.height());

    let qr = image::load_from_memory(&std::fs::read(dir.join("images/qr.png")).expect("qr")).expect("png");
    assert_eq!(qr.width(), qr.height());
}

#[test]
fn wechat_plain_text_holds_title_summary_text_and_captions() {
    let site = wechat_site();
    export(&site, &["people/zhang-san"]).expect("export");
    let plain = read(&folder(&site, "people/zhang-san"), "plain.txt");
    assert!(plain.starts_with("张三\n\n乡村教师张三坚持家访三十年。\n\n"), "{plain}");
    for part in [
        "荣誉：清河好人、道德模范",
        "主要事迹\n\n他是一名普通的乡村教师，坚持义务家访[1]三十年。",
        "只要孩子们愿意学，我就一直教下去。",
        "· 第一层\n  · 第二层\n    · 第三层",
        "2021 | 清河好人",
        "图片说明：\n1. 张三在村口\n2. 他在课堂上\n",
        "[1] 义务家访 https://example.com/visit",
        "原文链接：https://example.org/haoren/people/zhang-san/index.html",
    ] {
        assert!(plain.contains(part), "{part:?} not in:\n{plain}");
    }
    assert!(!plain.contains('<') && !plain.contains("**"), "{plain}");
}

#[test]
fn wechat_award_lists_and_events_export_with_simple_tables() {
    let site = wechat_site();
    let report = export(&site, &["content/awards", "content/events/lei-feng.md"]).expect("export");
    assert_eq!(report.folders, ["awards/2024", "events/lei-feng"]);
    let award = folder(&site, "awards/2024");
    let html = read(&award, "article.html");
    let problems = whitelist_problems(body(&html), &|src| award.join(src).is_file());
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(html.contains("<th style=") && html.contains(">王五</td>") && html.contains("清河市文明办"));
    assert!(read(&award, "plain.txt").contains("张三 | 敬业奉献"));
    // No photo: a plain cover of the right shape.
    let cover = image::load_from_memory(&std::fs::read(award.join("cover.jpg")).expect("cover")).expect("jpeg");
    assert_eq!((cover.width(), cover.height()), (900, 383));
    let event = read(&folder(&site, "events/lei-feng"), "article.html");
    assert!(event.contains("地点：人民广场") && event.contains("参与好人：张三") && event.contains("志愿服务。"));
}

#[test]
fn wechat_export_keeps_earlier_articles_and_refuses_foreign_files() {
    let site = wechat_site();
    export(&site, &["content/people/li-si.md"]).expect("first export");
    export(&site, &["content/events/lei-feng.md"]).expect("second export");
    assert!(folder(&site, "people/li-si").join("article.html").is_file());
    assert!(folder(&site, "events/lei-feng").join("article.html").is_file());

    site.write(&format!("{WECHAT_DIR}/people/li-si/notes.docx"), b"mine");
    let err = export(&site, &["content/people/li-si.md"]).expect_err("foreign file");
    let d = only_error(&err);
    assert!(d.file.ends_with("people/li-si/notes.docx"), "{d}");
    assert!(d.message.contains("laurel did not write"), "{d}");
    assert_eq!(site.source(&format!("{WECHAT_DIR}/people/li-si/notes.docx")), "mine");

    let other = site.root().join("mine");
    std::fs::create_dir_all(&other).expect("dir");
    std::fs::write(other.join("a.txt"), "x").expect("write");
    let pages = vec!["content/people/li-si.md".to_string()];
    let err = export_wechat(&site.options(), &pages, &other).expect_err("not laurel's folder");
    assert!(
        only_error(&err)
            .message
            .contains("not empty and was not written by laurel"),
        "{err}"
    );
}

#[test]
fn wechat_missing_pages_and_broken_photos_are_errors() {
    let site = wechat_site();
    let err = export(&site, &["content/people/nobody.md", "content/people/li-si.md"]).expect_err("missing page");
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/nobody.md");
    assert_eq!(d.message, "there is no page content/people/nobody.md");
    assert!(d.hint.as_deref().unwrap_or_default().contains("section folder"), "{d}");

    site.write(
        "content/people/li-si.md",
        md("title = \"李四\"", "![合影](group.jpg)").as_bytes(),
    );
    let err = export(&site, &["content/people/li-si.md"]).expect_err("missing picture");
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/li-si.md");
    assert_eq!(
        d.message,
        "the picture people/li-si/group.jpg is not a file of the site"
    );

    site.write("content/people/zhang-san/class.jpg", b"not a picture");
    let err = export(&site, &["content/people/zhang-san"]).expect_err("broken picture");
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san/index.md");
    assert!(
        d.message.contains("content/people/zhang-san/class.jpg cannot be read"),
        "{d}"
    );
    assert_eq!(
        d.message.in_lang(laurel::i18n::Lang::Zh),
        "无法读取图片 content/people/zhang-san/class.jpg：这不是 laurel 能读取的照片格式（能读取 JPEG、PNG 和 WebP）"
    );
    assert!(!site.root().join(WECHAT_DIR).exists(), "nothing is written on failure");
}

#[test]
fn wechat_cli_writes_into_export_wechat() {
    let site = wechat_site();
    let run = |extra: &[&str]| {
        laurel_in_english()
            .args(["export", "wechat", "content/people/li-si.md", "--root"])
            .arg(site.root())
            .args(extra)
            .current_dir(std::env::temp_dir())
            .output()
            .expect("run")
    };
    let out = run(&[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote 1 article(s) into"));
    assert!(folder(&site, "people/li-si").join("plain.txt").is_file());
    // -o is relative to the site folder, as build's is.
    assert!(run(&["-o", "for-wechat"]).status.success());
    assert!(site.root().join("for-wechat/people/li-si/article.html").is_file());
}

#[test]
fn wechat_button_is_served_on_pages_only_and_never_built() {
    let site = wechat_site();
    let preview = crate::serve::start(&site);
    let page = crate::http::get(preview.addr, "/haoren/people/zhang-san/index.html").text();
    assert!(page.contains("复制到公众号"), "{page}");
    assert!(
        page.contains("data-src=\"../../__laurel/wechat/people/zhang-san/\""),
        "{page}"
    );
    let home = crate::http::get(preview.addr, "/haoren/people/index.html").text();
    assert!(!home.contains("复制到公众号"), "a section list has no article to copy");

    let answer = crate::http::get(preview.addr, "/haoren/__laurel/wechat/people/zhang-san/");
    assert_eq!(answer.status, 200);
    let body = match answer.header("transfer-encoding") {
        Some("chunked") => dechunk(&answer.body),
        _ => answer.body.clone(),
    };
    let copy: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    let html = copy["html"].as_str().expect("html");
    assert!(html.starts_with("<section style=") && html.contains("src=\"data:image/jpeg;base64,/9j/"));
    assert!(
        html.contains("src=\"data:image/png;base64,iVBOR"),
        "the QR code is inlined too"
    );
    let problems = whitelist_problems(&html.replace("src=\"data:", "src=\"images/data:"), &|_| true);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(copy["text"].as_str().expect("text").starts_with("张三\n\n"));
    assert_eq!(
        crate::http::get(preview.addr, "/haoren/__laurel/wechat/nowhere/").status,
        404
    );

    site.build_ok();
    assert!(!site.read("people/zhang-san/index.html").contains("复制到公众号"));
}

/// The body of a `Transfer-Encoding: chunked` answer (tiny_http chunks large ones).
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").expect("chunk size line");
        let size = std::str::from_utf8(&raw[..line_end]).expect("ASCII size");
        let size = usize::from_str_radix(size.split(';').next().unwrap_or_default().trim(), 16).expect("hex size");
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[line_end + 2..line_end + 2 + size]);
        raw = &raw[line_end + 2 + size + 2..];
    }
}

#[test]
fn wechat_pictures_are_made_once_and_kept_in_the_cache() {
    let site = wechat_site();
    export(&site, &["content/people/zhang-san"]).expect("first export");
    let cache = site.root().join(laurel::export::images::CACHE_DIR);
    let exported = std::fs::read(folder(&site, "people/zhang-san").join("images/1.jpg")).expect("photo");
    let cached: Vec<PathBuf> = std::fs::read_dir(&cache)
        .expect("cache")
        .map(|e| e.expect("entry").path())
        .filter(|p| std::fs::read(p).is_ok_and(|bytes| bytes == exported))
        .collect();
    assert_eq!(cached.len(), 1, "the exported photo is a copy of one cached file");
    // A second export takes the cached file instead of decoding the photo again.
    std::fs::write(&cached[0], b"from the cache").expect("mark");
    export(&site, &["content/people/zhang-san"]).expect("second export");
    assert_eq!(
        read(&folder(&site, "people/zhang-san"), "images/1.jpg"),
        "from the cache"
    );
    // A changed photo is made anew.
    site.write("content/people/zhang-san/photo.jpg", &jpeg(900, 1200));
    export(&site, &["content/people/zhang-san"]).expect("third export");
    let photo =
        image::load_from_memory(&std::fs::read(folder(&site, "people/zhang-san").join("images/1.jpg")).expect("photo"));
    assert_eq!(photo.expect("a JPEG again").width(), 900);
}
