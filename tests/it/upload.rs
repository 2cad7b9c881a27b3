//! Uploads in the editor: photos checked by decoding and stored beside
//! their page (a single-file page becoming a bundle) or under
//! `static/photos/`; spreadsheets previewed and stored as award lists;
//! both over HTTP as the editor sends them, and in headless Chromium.

mod browser;

use laurel::upload::{MAX_PHOTO_BYTES, Persons, preview_sheet, save_photo, save_sheet};

use crate::photos::png_declaring;
use crate::support::{PEOPLE_INDEX, Site, jpeg, md};
use crate::xlsx::workbook;

/// A real PNG of a few pixels.
fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(6, 4, image::Rgb([10, 200, 30]))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .expect("png");
    bytes
}

fn people_site() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", "事迹。"))
}

fn persons(site: &Site) -> Persons {
    Persons::of(&laurel::site::Site::load(&site.options()).expect("site loads"))
}

#[test]
fn a_fake_photo_named_jpg_is_refused_and_nothing_is_stored() {
    let site = people_site();
    let err = save_photo(site.root(), None, "张三.jpg", b"<html>not a photo</html>", "", "张三").unwrap_err();
    assert!(err.message.contains("not a photo laurel can read"), "{err}");
    assert_eq!(err.file, "张三.jpg");
    assert!(
        !site.root().join("static/photos").exists(),
        "nothing is written for a refused photo"
    );
}

#[test]
fn a_refused_photo_is_explained_in_chinese_too() {
    let site = people_site();
    let err = save_photo(site.root(), None, "张三.jpg", b"<html>not a photo</html>", "", "张三").unwrap_err();
    let zh = err.render(laurel::i18n::Lang::Zh);
    assert!(
        zh.starts_with("错误：") && zh.contains("这个文件不是 laurel 能读取的照片："),
        "{zh}"
    );
    assert!(zh.contains("提示：请上传 JPEG、PNG 或 WebP 格式的照片"), "{zh}");
}

#[test]
fn an_oversized_photo_is_refused_naming_the_limit() {
    let site = people_site();
    let mut bytes = jpeg(8, 8);
    bytes.resize(MAX_PHOTO_BYTES + 1, 0);
    let err = save_photo(site.root(), None, "big.jpg", &bytes, "", "张三").unwrap_err();
    assert!(err.message.contains("more than the 20 MB laurel accepts"), "{err}");
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let site = people_site();
    let err = save_photo(
        site.root(),
        None,
        "bomb.png",
        &png_declaring(15_000, 15_000),
        "",
        "张三",
    )
    .unwrap_err();
    assert!(err.message.contains("15000×15000 pixels"), "{err}");
    let whole = jpeg(64, 64);
    let cut = &whole[..whole.len() - 2];
    let err = save_photo(site.root(), None, "cut.jpg", cut, "", "张三").unwrap_err();
    assert!(err.message.contains("cut short"), "{err}");
}

#[test]
fn a_photo_of_a_new_page_goes_to_static_photos_named_in_pinyin() {
    let site = people_site();
    let saved = save_photo(site.root(), None, "C:\\相册\\曾小明.jpg", &png(), " ", "曾小明").unwrap();
    // A PNG named .jpg is stored as what it is.
    assert_eq!(saved.photo, "/photos/zeng-xiao-ming.png");
    assert_eq!(saved.file, "static/photos/zeng-xiao-ming.png");
    assert_eq!(saved.photo_alt, "曾小明", "the alt text defaults to the title");
    assert_eq!(saved.page, None);
    let again = save_photo(site.root(), None, "曾小明.png", &png(), "曾小明在社区", "曾小明").unwrap();
    assert_eq!(
        again.photo, "/photos/zeng-xiao-ming-2.png",
        "an existing photo is never replaced"
    );
    assert_eq!(again.photo_alt, "曾小明在社区");
    assert_eq!(std::fs::read(site.root().join(&saved.file)).unwrap(), png());
}

#[test]
fn a_page_outside_content_is_refused() {
    let site = people_site();
    for page in [
        "../laurel.toml",
        "/etc/passwd.md",
        "people/../../x.md",
        "people/nobody.md",
    ] {
        let err = save_photo(site.root(), Some(page), "a.jpg", &jpeg(4, 4), "", "张三").unwrap_err();
        assert!(err.message.contains("no such page"), "{page}: {err}");
    }
}

#[test]
fn a_photo_for_a_single_file_page_makes_it_a_bundle_that_keeps_its_links() {
    let site = people_site()
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\n# 事迹核实：2024 年\ncategory = \"助人为乐\"",
                "参加了[学雷锋](../events/2024-03-05-xue-lei-feng.md)。\n\n![合影](group.jpg)\n\n[名单][l]\n\n[l]: ../about.md#名单\n",
            ),
        )
        .bytes("content/people/group.jpg", &jpeg(4, 4))
        .file("content/about.md", &md("title = \"关于\"", "## 名单\n\n见[张三](people/zhang-san.md)。"))
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md("title = \"学雷锋\"\nkind = \"event\"\ndate = 2024-03-05", "活动。"),
        );
    let before = site.build_ok();
    assert!(before.links.is_empty(), "{:?}", before.links);
    let page_before = site.read("people/zhang-san/index.html");

    let saved = save_photo(
        site.root(),
        Some("people/zhang-san.md"),
        "IMG_0001.JPG",
        &jpeg(40, 30),
        "",
        "张三",
    )
    .unwrap();
    assert_eq!(saved.page.as_deref(), Some("people/zhang-san/index.md"));
    assert_eq!(saved.photo, "img-0001.jpg");
    assert_eq!(saved.file, "content/people/zhang-san/img-0001.jpg");
    assert!(!site.root().join("content/people/zhang-san.md").exists());
    let moved = site.source("content/people/zhang-san/index.md");
    assert!(
        moved.contains("# 事迹核实：2024 年"),
        "the front matter is kept as written: {moved}"
    );
    assert!(moved.contains("(../../events/2024-03-05-xue-lei-feng.md)"), "{moved}");
    assert!(moved.contains("![合影](../group.jpg)"), "{moved}");
    assert!(moved.contains("[l]: ../../about.md#名单"), "{moved}");

    // The editor then sets `photo` and `photo_alt`.
    let with_photo = moved.replacen(
        "category",
        &format!(
            "photo = \"{}\"\nphoto_alt = \"{}\"\ncategory",
            saved.photo, saved.photo_alt
        ),
        1,
    );
    site.write("content/people/zhang-san/index.md", with_photo.as_bytes());
    let after = site.build_ok();
    assert!(
        after.links.is_empty(),
        "links still lead where they did: {:?}",
        after.links
    );
    assert!(
        site.exists("people/zhang-san/img-0001.jpg"),
        "the photo is published beside the page"
    );
    let page = site.read("people/zhang-san/index.html");
    for link in [
        "../../events/2024-03-05-xue-lei-feng/index.html",
        "../group.jpg",
        "../../about/index.html#",
    ] {
        assert!(page_before.contains(link) && page.contains(link), "{link}");
    }
    assert!(page.contains("img-0001"), "the page shows its photo");
    assert!(site.read("about/index.html").contains("../people/zhang-san/index.html"));
}

#[test]
fn a_page_that_becomes_a_bundle_still_finds_its_data_file() {
    let site = people_site()
        .file(
            "content/awards/2023.md",
            &md(
                "title = \"2023 年名单\"\nkind = \"award\"\ndata = \"2023.csv\"  # 宣传科提供",
                "",
            ),
        )
        .file("content/awards/2023.csv", "姓名,单位\n张三,清河社区\n");
    site.build_ok();
    let saved = save_photo(
        site.root(),
        Some("awards/2023.md"),
        "合影.jpg",
        &jpeg(8, 8),
        "",
        "2023 年名单",
    )
    .unwrap();
    assert_eq!(saved.page.as_deref(), Some("awards/2023/index.md"));
    let moved = site.source("content/awards/2023/index.md");
    assert!(moved.contains("data = \"../2023.csv\"  # 宣传科提供\n"), "{moved}");
    site.build_ok();
    assert!(site.read("awards/2023/index.html").contains("清河社区"));
}

#[test]
fn a_bundle_keeps_its_photos_and_a_second_one_gets_a_new_name() {
    let site = people_site()
        .file("content/people/li-si/index.md", &md("title = \"李四\"", "事迹。"))
        .bytes("content/people/li-si/li-si.jpg", &jpeg(4, 4));
    let saved = save_photo(
        site.root(),
        Some("people/li-si/index.md"),
        "李四.jpg",
        &jpeg(8, 8),
        "李四",
        "李四",
    )
    .unwrap();
    assert_eq!(saved.photo, "li-si-2.jpg");
    assert_eq!(saved.page.as_deref(), Some("people/li-si/index.md"));
    assert_eq!(
        std::fs::read(site.root().join("content/people/li-si/li-si.jpg")).unwrap(),
        jpeg(4, 4)
    );
    let home = save_photo(site.root(), Some("_index.md"), "首页.webp", &png(), "首页图", "首页").unwrap();
    assert_eq!(
        home.photo, "/photos/shou-ye.png",
        "a section's page has its photo under static/"
    );
}

/// A resident ID number whose check digit is right.
const ID: &str = "130102199003071233";

#[test]
fn a_gbk_csv_previews_with_its_names_linked_and_personal_numbers_flagged() {
    let site = people_site();
    let text = format!("姓名,单位,身份证号\n张三,清河社区,{ID}\n李四,北山小学,\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let preview = preview_sheet(gbk.into_owned(), "名单.csv", None, &persons(&site)).unwrap();
    assert_eq!(preview.columns, ["姓名", "单位", "身份证号"]);
    assert_eq!(preview.rows[1], ["李四", "北山小学", ""]);
    assert_eq!((preview.total_rows, preview.sheet.clone()), (2, None));
    assert_eq!(preview.names.len(), 1);
    assert_eq!((preview.names[0].row, preview.names[0].column), (0, 0));
    assert_eq!(preview.names[0].urls, ["people/zhang-san/index.html"]);
    assert_eq!((preview.personal.len(), preview.personal_total), (1, 1));
    let flagged = &preview.personal[0];
    assert_eq!(
        (flagged.row, flagged.column, flagged.column_name.as_str()),
        (0, 2, "身份证号")
    );
    assert_eq!(flagged.place, "第 2 行第 C 列");
    assert_eq!(flagged.masked, "130102********1233");
    assert_eq!(flagged.what, "a resident ID number");
}

#[test]
fn a_long_list_previews_its_first_rows_and_counts_every_number() {
    let site = people_site();
    let mut csv = String::from("姓名,电话\n");
    for n in 0..1200 {
        csv.push_str(&format!("张三,138{n:08}\n"));
    }
    let preview = preview_sheet(csv.into_bytes(), "长名单.csv", None, &persons(&site)).unwrap();
    assert_eq!((preview.rows.len(), preview.total_rows), (50, 1200));
    assert_eq!((preview.personal.len(), preview.personal_total), (1000, 1200));
    assert_eq!(preview.names.len(), 1000);
}

#[test]
fn a_workbook_lists_its_sheets_and_previews_the_chosen_one() {
    let site = people_site();
    let book = workbook(&[
        ("第一批", &[&["姓名", "单位"], &["王五", "河西区"]]),
        (
            "第二批",
            &[&["单位", "姓名", "电话"], &["清河社区", "张三", "13812345678"]],
        ),
    ]);
    let first = preview_sheet(book.clone(), "名单.xlsx", None, &persons(&site)).unwrap();
    assert_eq!(first.sheets, ["第一批", "第二批"]);
    assert_eq!(first.sheet.as_deref(), Some("第一批"));
    assert_eq!(first.rows, [["王五", "河西区"]]);
    assert!(first.names.is_empty() && first.personal.is_empty());
    let second = preview_sheet(book.clone(), "名单.xlsx", Some("第二批"), &persons(&site)).unwrap();
    assert_eq!(second.columns, ["单位", "姓名", "电话"]);
    assert_eq!(second.names[0].column, 1);
    assert_eq!(second.personal[0].masked, "138****5678");
    let err = preview_sheet(book, "名单.xlsx", Some("第三批"), &persons(&site)).unwrap_err();
    assert_eq!(err.hint.as_deref(), Some("its sheets are: 第一批, 第二批"));
    let err = preview_sheet(b"PK".to_vec(), "名单.pdf", None, &persons(&site)).unwrap_err();
    assert!(err.message.contains(".xlsx, .csv and .tsv"), "{err}");
}

#[test]
fn an_imported_workbook_builds_as_its_award_page() {
    let site = people_site();
    let book = workbook(&[
        ("第一批", &[&["姓名"], &["王五"]]),
        ("第二批", &[&["单位", "姓名", "事迹"], &["清河社区", "张三", "救人"]]),
    ]);
    let columns = ["姓名".to_string(), "单位".to_string()];
    let import = save_sheet(site.root(), "2023 名单.xlsx", book.clone(), Some("第二批"), &columns).unwrap();
    assert_eq!(import.data, "2023-ming-dan.xlsx");
    assert_eq!(import.file, "data/2023-ming-dan.xlsx");
    assert_eq!(import.sheet.as_deref(), Some("第二批"));
    assert!(import.personal_columns.is_empty());
    let again = save_sheet(site.root(), "2023 名单.xlsx", book.clone(), None, &columns[..1]).unwrap();
    assert_eq!(again.data, "2023-ming-dan-2.xlsx", "an existing list is never replaced");
    assert_eq!(std::fs::read(site.root().join(&import.file)).unwrap(), book);

    let front = format!(
        "title = \"2023 年名单\"\nkind = \"award\"\ndata = \"{}\"\nsheet = \"{}\"\ncolumns = [\"姓名\", \"单位\"]",
        import.data,
        import.sheet.as_deref().unwrap_or_default()
    );
    site.write("content/awards/2023.md", md(&front, "").as_bytes());
    site.build_ok();
    let page = site.read("awards/2023/index.html");
    assert!(
        page.contains("清河社区") && !page.contains("救人"),
        "the chosen columns only"
    );
    assert!(
        page.find("张三").unwrap() < page.find("清河社区").unwrap(),
        "in the chosen order"
    );
    assert!(
        page.contains("../../people/zhang-san/index.html"),
        "the name links to the person"
    );
}

#[test]
fn an_import_with_a_bad_column_or_personal_numbers_says_so() {
    let site = people_site();
    let csv = format!("姓名,电话\n张三,{ID}\n").into_bytes();
    let err = save_sheet(site.root(), "a.csv", csv.clone(), None, &["单位".to_string()]).unwrap_err();
    assert_eq!(err.message, "\"单位\" is not a column of the list");
    let err = save_sheet(site.root(), "a.csv", csv.clone(), None, &[]).unwrap_err();
    assert!(err.message.contains("no column"), "{err}");
    assert!(
        !site.root().join("data").exists(),
        "nothing is stored for a refused import"
    );
    let import = save_sheet(site.root(), "a.csv", csv, None, &["姓名".to_string()]).unwrap();
    assert_eq!(import.personal_columns, ["电话"]);
    assert_eq!(import.sheet, None);
}

// Over HTTP, as the editor's page sends uploads: raw bytes, the CSRF token, the same origin.

const EDIT: &str = "/haoren/__laurel/edit/";

/// A POST of raw bytes to `api/upload/<api>?<query>`; with the editor's token
/// and origin when `own`.
fn post_upload(addr: std::net::SocketAddr, api: &str, query: &str, body: &[u8], own: bool) -> crate::http::Answer {
    let mut head = format!(
        "POST {EDIT}api/upload/{api}?{query} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/octet-stream\r\nContent-Length: {}\r\n",
        body.len()
    );
    if own {
        head.push_str(&format!(
            "X-Laurel-Csrf: {}\r\nOrigin: http://{addr}\r\n",
            crate::editor::csrf(addr)
        ));
    }
    head.push_str("\r\n");
    crate::http::raw(addr, &[head.as_bytes(), body].concat())
}

/// The version of the page file `file` as the editor's form opens it.
fn opened(addr: std::net::SocketAddr, file: &str) -> String {
    let form = crate::http::get(addr, &format!("{EDIT}page?file={file}")).text();
    let at = form.find("data-version=\"").expect("the form's version") + 14;
    form[at..].split('"').next().unwrap_or_default().to_string()
}

/// `text` as a query value: every byte but letters, digits and `-._~` as `%XX`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn query(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn a_photo_uploaded_over_http_needs_the_editor_and_fills_in_the_photo() {
    let site = crate::editor::editor_site();
    let preview = crate::editor::start(&site, "127.0.0.1", false);
    let file = "content/people/zhang-san.md";
    let version = opened(preview.addr, file);
    let q = query(&[("file", file), ("version", &version), ("name", "张三.jpg"), ("alt", "")]);

    let refused = post_upload(preview.addr, "photo", &q, &jpeg(16, 16), false);
    assert_eq!(refused.status, 403, "no CSRF token, no origin");
    for outside in [
        "content/../laurel.toml",
        "/etc/passwd",
        "static/../../x.md",
        "laurel.toml",
    ] {
        let q = query(&[("file", outside), ("version", &version), ("name", "a.jpg")]);
        let answer = post_upload(preview.addr, "photo", &q, &jpeg(16, 16), true);
        assert_eq!(answer.status, 422, "{outside}: {}", answer.text());
    }
    let fake = post_upload(preview.addr, "photo", &q, b"GIF89a not really", true);
    assert_eq!(fake.status, 422);
    // The editor's site is Chinese, so the decoder's reason is Chinese too.
    assert!(
        fake.text().contains("这不是 laurel 能读取的照片格式"),
        "{}",
        fake.text()
    );
    let big = format!(
        "POST {EDIT}api/upload/photo?{q} HTTP/1.1\r\nHost: {0}\r\nConnection: close\r\nContent-Type: application/octet-stream\r\n\
         Content-Length: {1}\r\nX-Laurel-Csrf: {2}\r\nOrigin: http://{0}\r\n\r\n",
        preview.addr,
        MAX_PHOTO_BYTES + 1,
        crate::editor::csrf(preview.addr)
    );
    let big = crate::http::raw(preview.addr, big.as_bytes());
    assert_eq!(big.status, 413);
    assert!(big.text().contains("照片超过了 20 MB"), "{}", big.text());
    assert!(
        !site.root().join("content/people/zhang-san").exists(),
        "nothing stored so far"
    );

    let done = post_upload(preview.addr, "photo", &q, &jpeg(16, 16), true);
    assert_eq!(done.status, 200, "{}", done.text());
    let answer: serde_json::Value = serde_json::from_slice(&done.body).expect("JSON");
    assert_eq!(answer["file"], "content/people/zhang-san/index.md");
    assert_eq!(answer["stored"], "content/people/zhang-san/zhang-san.jpg");
    let text = site.source("content/people/zhang-san/index.md");
    assert!(text.contains("# 人物资料，由宣传科维护"), "comments stay: {text}");
    assert!(
        text.contains("photo = \"zhang-san.jpg\"\nphoto_alt = \"张三\""),
        "{text}"
    );

    let stale = post_upload(
        preview.addr,
        "photo",
        &q.replace("zhang-san.md", "zhang-san/index.md"),
        &jpeg(8, 8),
        true,
    );
    assert_eq!(stale.status, 422, "the form's version is stale");
    assert!(stale.text().contains("页面文件又被改动过"), "{}", stale.text());
}

#[test]
fn a_spreadsheet_is_previewed_and_imported_over_http() {
    let site = crate::editor::editor_site().file(
        "content/awards/2023.md",
        &md(
            "title = \"2023 年好人榜\"\nkind = \"award\"  # 名单\ncolumns = [\"姓名\"]  # 显示的列",
            "",
        ),
    );
    let preview = crate::editor::start(&site, "127.0.0.1", false);
    let book = workbook(&[
        ("说明", &[&["本表由宣传科整理"]]),
        (
            "名单",
            &[&["姓名", "单位", "电话"], &["张三", "城东社区", "13812345678"]],
        ),
    ]);
    let shown = post_upload(
        preview.addr,
        "sheet",
        &query(&[("name", "名单.xlsx"), ("sheet", "名单")]),
        &book,
        true,
    );
    assert_eq!(shown.status, 200, "{}", shown.text());
    let answer: serde_json::Value = serde_json::from_slice(&shown.body).expect("JSON");
    assert_eq!(answer["sheets"], serde_json::json!(["说明", "名单"]));
    assert_eq!(answer["names"][0]["urls"][0], "people/zhang-san/index.html");
    assert_eq!(answer["personal"][0]["kind"], "mobile");

    let file = "content/awards/2023.md";
    let version = opened(preview.addr, file);
    let q = format!(
        "{}&column={}&column={}",
        query(&[
            ("file", file),
            ("version", &version),
            ("name", "名单.xlsx"),
            ("sheet", "名单")
        ]),
        percent_encode("单位"),
        percent_encode("姓名")
    );
    let saved = post_upload(preview.addr, "sheet-save", &q, &book, true);
    assert_eq!(saved.status, 200, "{}", saved.text());
    let text = site.source(file);
    assert!(
        text.contains(
            "kind = \"award\"  # 名单\ncolumns = [\"单位\", \"姓名\"]  # 显示的列\ndata = \"ming-dan.xlsx\"\n\
             sheet = \"名单\"\nmask = [\"电话\"]\n"
        ),
        "the phone numbers, not shown, are masked so the list builds: {text}"
    );
    assert_eq!(std::fs::read(site.root().join("data/ming-dan.xlsx")).unwrap(), book);
    site.build_ok();
    let page = site.read("awards/2023/index.html");
    assert!(page.contains("城东社区") && !page.contains("13812345678") && !page.contains("138****5678"));
    assert!(
        page.contains("../../people/zhang-san/index.html"),
        "the name links to the person"
    );
}
