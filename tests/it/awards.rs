//! Award lists: inline entries and CSV/TSV/TOML data (UTF-8, BOM, GBK),
//! column selection, links to persons both ways, and the 公示 notice.

use jiff::civil::date;

use crate::support::{PEOPLE_INDEX, Site, md, only_error, pos, zh};

const AWARDS_INDEX: &str = "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n";

/// A site with one award page, `content/awards/2024.md`, whose 4th line is `front`.
pub fn award_site(front: &str) -> Site {
    Site::new()
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", "事迹。"))
        .file(
            "content/awards/2024.md",
            &md(&format!("title = \"2024年度好人榜\"\nyear = 2024\n{front}"), ""),
        )
}

/// Header and body cells of the first table, as text.
pub fn table(html: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let cells = |row: &str, tag: &str| -> Vec<String> {
        row.split(&format!("</{tag}>"))
            .filter_map(|c| {
                let open = c.rfind(&format!("<{tag}>")).or_else(|| c.rfind(&format!("<{tag} ")))?;
                let c = &c[open..];
                let c = &c[c.find('>').unwrap() + 1..];
                Some(match c.find("\">") {
                    Some(i) if c.starts_with("<a ") => c[i + 2..c.len() - 4].to_string(),
                    _ => c.to_string(),
                })
            })
            .collect()
    };
    let start = pos(html, "<table");
    let end = pos(html, "</table>");
    let t = &html[start..end];
    let head = t
        .find("<thead>")
        .map(|i| cells(&t[i..t.find("</thead>").unwrap()], "th"))
        .unwrap_or_default();
    let body = &t[t.find("<tbody>").unwrap()..];
    let rows = body.split("<tr>").skip(1).map(|r| cells(r, "td")).collect();
    (head, rows)
}

#[test]
fn inline_entries_make_the_table_in_columns_order() {
    let site = award_site(
        "columns = [\"姓名\", \"单位\"]\n\n[[entries]]\n\"单位\" = \"河西区卫生院\"\n\"姓名\" = \"张三\"\n\"备注\" = \"不显示\"\n\n[[entries]]\n\"姓名\" = \"李四\"\n\"单位\" = \"北山区第二小学\"",
    );
    site.build_ok();
    let html = site.read("awards/2024/index.html");
    let (head, rows) = table(&html);
    assert_eq!(head, ["姓名", "单位"]);
    assert_eq!(rows, [["张三", "河西区卫生院"], ["李四", "北山区第二小学"]]);
    assert!(!html.contains("不显示"));
    assert!(html.contains("共 2 项"), "{html}");
}

#[test]
fn csv_beside_the_page_is_read() {
    let site = award_site("data = \"2024.csv\"").file(
        "content/awards/2024.csv",
        "姓名,单位,类别\n张三,河西区卫生院,助人为乐\n李四,北山区第二小学,敬业奉献\n",
    );
    site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "单位", "类别"]);
    assert_eq!(rows[1], ["李四", "北山区第二小学", "敬业奉献"]);
}

#[test]
fn csv_with_bom_crlf_and_blank_lines_is_read() {
    let site = award_site("data = \"2024.csv\"").file(
        "content/awards/2024.csv",
        "\u{feff}姓名,单位\r\n张三,河西区卫生院\r\n\r\n李四,北山区\r\n,\r\n",
    );
    site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "单位"]);
    assert_eq!(rows, [["张三", "河西区卫生院"], ["李四", "北山区"]]);
}

#[test]
fn gbk_encoded_csv_is_read() {
    let text = "姓名,单位,事迹\n张三,河西区卫生院,扶危济困\n李四,北山区第二小学,“燃灯”教师\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the fixture must not be valid UTF-8"
    );
    let site = award_site("data = \"2024.csv\"").bytes("content/awards/2024.csv", &gbk);
    site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "单位", "事迹"]);
    assert_eq!(rows[1], ["李四", "北山区第二小学", "“燃灯”教师"]);
}

#[test]
fn tsv_and_data_folder_are_read() {
    let site = award_site("data = \"2024.tsv\"").file("data/2024.tsv", "姓名\t单位\n张三\t河西区卫生院, 内科\n");
    site.build_ok();
    let (_, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(rows, [["张三", "河西区卫生院, 内科"]]);
}

#[test]
fn toml_data_file_is_read() {
    let site = award_site("data = \"2024.toml\"").file(
        "content/awards/2024.toml",
        "[[entries]]\n\"姓名\" = \"张三\"\n\"单位\" = \"河西区卫生院\"\n",
    );
    site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "单位"]);
    assert_eq!(rows, [["张三", "河西区卫生院"]]);
}

#[test]
fn quoted_cells_keep_commas_quotes_and_line_breaks() {
    let site = award_site("data = \"2024.csv\"").file(
        "content/awards/2024.csv",
        "姓名,事迹\n张三,\"救起落水儿童, 不留姓名\"\n李四,\"他说：\"\"应该的\"\"\"\n王五,\"第一行\n第二行\"\n",
    );
    site.build_ok();
    let (_, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(rows[0][1], "救起落水儿童, 不留姓名");
    assert!(
        rows[1][1] == "他说：&quot;应该的&quot;"
            || rows[1][1] == "他说：&#34;应该的&#34;"
            || rows[1][1] == "他说：\"应该的\"",
        "{:?}",
        rows[1]
    );
    assert!(
        rows[2][1].starts_with("第一行") && rows[2][1].ends_with("第二行"),
        "{:?}",
        rows[2]
    );
}

#[test]
fn ragged_row_is_an_error_naming_the_csv_line() {
    let err = award_site("data = \"2024.csv\"")
        .file(
            "content/awards/2024.csv",
            "姓名,单位\n张三,河西区卫生院\n李四\n王五,北山区\n",
        )
        .build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/awards/2024.csv", Some(3)), "{d}");
    insta::assert_snapshot!("awards_ragged_row", err.to_string());
    insta::assert_snapshot!("awards_ragged_row_zh", zh(&err));
}

#[test]
fn columns_not_in_the_header_are_an_error() {
    let err = award_site("data = \"2024.csv\"\ncolumns = [\"姓名\", \"工作单位\"]")
        .file("content/awards/2024.csv", "姓名,单位\n张三,河西区卫生院\n")
        .build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/awards/2024.md", Some(5)), "{d}");
    let text = d.to_string();
    assert!(text.contains("工作单位") && text.contains("单位"), "{text}");
    insta::assert_snapshot!("awards_unknown_column", err.to_string());
    insta::assert_snapshot!("awards_unknown_column_zh", zh(&err));
}

#[test]
fn missing_data_file_is_an_error_at_the_data_line() {
    let err = award_site("data = \"2024.csv\"").build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/awards/2024.md", Some(4)), "{d}");
    assert!(d.message.contains("2024.csv"), "{d}");
}

#[test]
fn persons_are_linked_both_ways() {
    let site = award_site("tier = \"清河好人\"\ndata = \"2024.csv\"")
        .file("content/awards/2024.csv", "姓名,单位\n张三,河西区卫生院\n李四,北山区\n");
    site.build_ok();
    let award = site.read("awards/2024/index.html");
    assert!(
        award.contains("<td><a href=\"../../people/zhang-san/index.html\">张三</a></td>"),
        "{award}"
    );
    assert!(award.contains("<td>李四</td>"), "{award}");
    let person = site.read("people/zhang-san/index.html");
    assert!(
        person.contains("<a href=\"../../awards/2024/index.html\">2024年度好人榜</a>"),
        "{person}"
    );
    assert!(person.contains("清河好人"), "{person}");
}

#[test]
fn person_slug_column_picks_one_of_two_namesakes() {
    let site = award_site("data = \"2024.csv\"\ncolumns = [\"姓名\", \"单位\"]")
        .file("content/people/zhang-san-2.md", &md("title = \"张三\"", "另一位。"))
        .file(
            "content/awards/2024.csv",
            "姓名,单位,person_slug\n张三,北山区,zhang-san-2\n",
        );
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let award = site.read("awards/2024/index.html");
    assert!(
        award.contains("href=\"../../people/zhang-san-2/index.html\">张三</a>"),
        "{award}"
    );
    assert!(
        !award.contains("person_slug") && !award.contains(">zhang-san-2<"),
        "{award}"
    );
    assert!(site.read("people/zhang-san-2/index.html").contains("2024年度好人榜"));
    assert!(!site.read("people/zhang-san/index.html").contains("2024年度好人榜"));
}

#[test]
fn namesakes_without_person_slug_warn_and_are_not_linked() {
    let site = award_site("data = \"2024.csv\"")
        .file("content/people/zhang-san-2.md", &md("title = \"张三\"", "另一位。"))
        .file("content/awards/2024.csv", "姓名\n张三\n");
    let report = site.build_ok();
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.warnings[0].to_string().contains("person_slug"));
    assert!(site.read("awards/2024/index.html").contains("<td>张三</td>"));
}

#[test]
fn a_person_slug_that_names_no_page_warns() {
    let site =
        award_site("data = \"2024.csv\"").file("content/awards/2024.csv", "姓名,person_slug\n张三,zhang-sna\n李四,\n");
    let report = site.build_ok();
    let lines: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        lines,
        [
            "warning: content/awards/2024.md: the person_slug zhang-sna in this list names no person's page\n  hint: write the slug of the person's page, the last part of its address (zhang-san in /people/zhang-san/), or leave the cell empty"
        ]
    );
}

const NOTICE: &str = "notice_start = 2024-12-01\nnotice_end = 2024-12-07\nnotice_contact = \"0311-12345678\"\n\n[[entries]]\n\"姓名\" = \"张三\"";

#[test]
fn notice_banner_shows_inside_the_window() {
    let site = award_site(NOTICE);
    site.build_with(|o| o.date = Some(date(2024, 12, 7))).unwrap();
    let html = site.read("awards/2024/index.html");
    assert!(html.contains("class=\"notice\""), "{html}");
    assert!(html.contains("2024-12-01") && html.contains("2024-12-07"), "{html}");
    assert!(html.contains("0311-12345678"), "{html}");
    assert!(!html.contains("公示期已结束"), "{html}");
}

#[test]
fn list_reads_as_final_after_the_window() {
    let site = award_site(NOTICE);
    site.build_with(|o| o.date = Some(date(2024, 12, 8))).unwrap();
    let html = site.read("awards/2024/index.html");
    assert!(!html.contains("class=\"notice\""), "{html}");
    assert!(!html.contains("0311-12345678"), "{html}");
    assert!(html.contains("公示期已结束"), "{html}");
}

#[test]
fn list_does_not_read_as_final_before_the_window() {
    let site = award_site(NOTICE);
    site.build_with(|o| o.date = Some(date(2024, 11, 30))).unwrap();
    let html = site.read("awards/2024/index.html");
    assert!(
        !html.contains("公示期已结束"),
        "a notice that has not begun has not ended: {html}"
    );
    assert!(!html.contains("最终结果"), "{html}");
}

#[test]
fn notice_end_before_start_is_an_error() {
    let err = award_site("notice_start = 2024-12-07\nnotice_end = 2024-12-01").build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/awards/2024.md", Some(5)), "{d}");
}

#[test]
fn a_notice_needs_both_dates() {
    let err = award_site("notice_start = 2024-12-07").build_err();
    assert!(only_error(&err).message.contains("notice_end"), "{err}");
}

#[test]
fn xlsx_sheet_is_read() {
    let book = crate::xlsx::workbook(&[
        ("说明", &[&["本表由文明办提供"]]),
        (
            "名单",
            &[
                &["姓名", "单位"],
                &["张三", "河西区卫生院"],
                &["李四", "北山区第二小学"],
            ],
        ),
    ]);
    let site = award_site("data = \"2024.xlsx\"\nsheet = \"名单\"").bytes("content/awards/2024.xlsx", &book);
    site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "单位"]);
    assert_eq!(rows, [["张三", "河西区卫生院"], ["李四", "北山区第二小学"]]);
}
