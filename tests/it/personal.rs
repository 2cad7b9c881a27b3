//! The personal-data guard: resident ID numbers, mobile numbers and bank
//! card numbers are errors wherever a page publishes them, unless an award
//! list masks them; no unmasked number ever reaches an output file.

use std::collections::BTreeMap;

use laurel::export::{WECHAT_DIR, export_wechat};

use crate::support::*;
use crate::xlsx::workbook;

const AWARDS_INDEX: &str = "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n";

/// Numbers planted in the sites below (all valid: check digit, Luhn).
const ID: &str = "130102199003071233";
const ID_X: &str = "11010519491231002X";
const ID_INLINE: &str = "440304200002294568";
const MOBILE: &str = "13812345678";
const MOBILE_GROUPED: &str = "139 1234 5678";
const MOBILE_FULL_WIDTH: &str = "１３７１２３４５６７８";
const MOBILE_TOML: &str = "13612345678";
const MOBILE_INLINE: &str = "13512345678";
const CARD: &str = "6222021234567894";
const CARD_19: &str = "6217000012345678907";

/// Every planted number, as written and with its separators removed.
fn planted() -> Vec<String> {
    let all = [
        ID,
        ID_X,
        ID_INLINE,
        MOBILE,
        MOBILE_GROUPED,
        MOBILE_FULL_WIDTH,
        MOBILE_TOML,
        MOBILE_INLINE,
        CARD,
        CARD_19,
    ];
    all.iter()
        .flat_map(|n| [n.to_string(), n.replace(' ', "")])
        .chain(["13712345678".to_string()])
        .collect()
}

/// An award list page in `content/awards/`.
fn award(front: &str) -> String {
    md(
        &format!("title = \"名单\"\nyear = 2024\nissuer = \"清河市文明办\"\n{front}"),
        "名单如下。",
    )
}

/// Fails with every output file that holds a planted number, or any number
/// the guard detects in a text file.
fn assert_no_numbers_in_output(site: &Site) {
    let outputs = site.output_bytes();
    assert!(outputs.len() > 10, "{:?}", outputs.keys());
    assert_no_numbers_in(&outputs);
}

/// Fails with every file of `outputs` that holds a planted number, or any
/// number the guard detects in a text file.
fn assert_no_numbers_in(outputs: &BTreeMap<String, Vec<u8>>) {
    let mut leaks = Vec::new();
    for (path, bytes) in outputs {
        let text = String::from_utf8_lossy(bytes);
        for number in planted() {
            if text.contains(&number) {
                leaks.push(format!("{path}: {number}"));
            }
        }
        let is_text = [".html", ".xml", ".js", ".json", ".txt", ".css", ".md"]
            .iter()
            .any(|e| path.ends_with(e));
        for found in laurel::personal::find_numbers(&text).iter().filter(|_| is_text) {
            leaks.push(format!("{path}: {}", &text[found.range.clone()]));
        }
    }
    assert!(
        leaks.is_empty(),
        "unmasked numbers in the output:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn numbers_in_markdown_are_errors_at_their_lines() {
    let site = Site::new().file(
        "content/about.md",
        &md(
            &format!("title = \"关于\"\nsummary = \"联系{MOBILE}\""),
            &format!("第一段。\n\n身份证号：{ID_X}，卡号 6222 0212 3456 7894。\n"),
        ),
    );
    let err = site.build_err();
    let lines: Vec<String> = errors(&err).iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        [
            "error: content/about.md:3: this line holds a mobile phone number (138****5678), which must not be published\n  hint: remove the number, or write it masked by hand: 138****5678",
            "error: content/about.md:7: this line holds a resident ID number (110105********002X), which must not be published\n  hint: remove the number, or write it masked by hand: 110105********002X",
            "error: content/about.md:7: this line holds a bank card number (6222 **** **** 7894), which must not be published\n  hint: remove the number, or write it masked by hand: 6222 **** **** 7894",
        ]
    );
}

#[test]
fn numbers_in_file_names_are_errors() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(&format!("content/people/张三{MOBILE}.md"), &md("title = \"张三\"", ""));
    let err = site.build_err();
    assert_eq!(
        only_error(&err).to_string(),
        "error: content/people/张三13812345678.md: the file name holds a mobile phone number (138****5678), which would be published in the page's address\n  hint: rename the file (or its folder) without the number"
    );
}

#[test]
fn masked_forms_dates_codes_and_landlines_pass() {
    let body = "电话 138****5678，身份证号 130102********1233，卡号 6222 **** **** 7894。\n\n\
        2024年3月5日（20240305，2024-03-05）表彰，证书编号 WM13812345678、JX-2024-13912345678，\n\
        咨询电话 0311-8765 4321、87654321、(0311) 87654321，编号 12812345678、23812345678，\n\
        流水号 20240305130102199003071233，校验位错误的 130102199003071230。\n";
    let site = Site::new().file(
        "content/about.md",
        &md("title = \"关于\"\nsummary = \"0311-87654321\"", body),
    );
    site.build_ok();
    assert!(site.read("about/index.html").contains("138****5678"));
}

#[test]
fn numbers_in_data_cells_are_errors_at_row_and_column() {
    let site = Site::new()
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file("content/awards/a.md", &award("data = \"a.csv\""))
        .file(
            "content/awards/a.csv",
            &format!("姓名,单位\n张三,春晖社区\n\n李四,{MOBILE}\n"),
        )
        .file("content/awards/b.md", &award("data = \"b.xlsx\""))
        .bytes(
            "content/awards/b.xlsx",
            &workbook(&[("名单", &[&[], &["姓名", "卡号"], &["王五", CARD]])]),
        )
        .file(
            "content/awards/c.md",
            &award(&format!(
                "[[entries]]\n\"姓名\" = \"赵六\"\n\n[[entries]]\n\"姓名\" = \"钱七\"\n\"身份证号\" = \"{ID}\""
            )),
        );
    let err = site.build_err();
    let mut lines: Vec<String> = errors(&err).iter().map(|d| d.to_string()).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "error: content/awards/a.csv: row 4, column B (单位) holds a mobile phone number (138****5678), which must not be published unmasked\n  hint: add mask = [\"单位\"] (or mask = true) to the front matter of content/awards/a.md to publish it masked as 138****5678, or remove the number",
            "error: content/awards/b.xlsx: row 3, column B (卡号) holds a bank card number (6222********7894), which must not be published unmasked\n  hint: add mask = [\"卡号\"] (or mask = true) to the front matter of content/awards/b.md to publish it masked as 6222********7894, or remove the number",
            "error: content/awards/c.md:5: entry 2 (身份证号) holds a resident ID number (130102********1233), which must not be published unmasked\n  hint: add mask = [\"身份证号\"] (or mask = true) to the front matter of content/awards/c.md to publish it masked as 130102********1233, or remove the number",
        ]
    );
}

#[test]
fn mask_true_masks_every_column_and_named_columns_only_those() {
    let csv = format!("姓名,身份证号,电话\n张三,{ID_X},{MOBILE}\n");
    let site = Site::new()
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file("content/awards/all.md", &award("data = \"list.csv\"\nmask = true"))
        .file(
            "content/awards/some.md",
            &award("data = \"list.csv\"\nmask = [\"身份证号\"]"),
        )
        .file("content/awards/list.csv", &csv);
    let err = site.build_err();
    let only = only_error(&err);
    assert_eq!(only.file, "content/awards/list.csv");
    assert!(
        only.message
            .starts_with("row 2, column C (电话) holds a mobile phone number"),
        "{only}"
    );
    let chinese = only.message.in_lang(laurel::i18n::Lang::Zh);
    assert!(
        chinese.starts_with("第 2 行第 C 列（电话）有手机号（138****5678），"),
        "{chinese}"
    );

    site.write(
        "content/awards/some.md",
        award("data = \"list.csv\"\nmask = [\"身份证号\", \"电话\"]").as_bytes(),
    );
    site.build_ok();
    for page in ["awards/all/index.html", "awards/some/index.html"] {
        let html = site.read(page);
        assert!(html.contains("<td>110105********002X</td>"), "{html}");
        assert!(html.contains("<td>138****5678</td>"), "{html}");
    }
    assert!(
        !site.exists("awards/list.csv"),
        "the unmasked file itself must not be published"
    );
}

#[test]
fn mask_must_name_columns_of_an_award_list() {
    let site = Site::new()
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file("content/awards/a.md", &award("data = \"a.csv\"\nmask = [\"身份证\"]"))
        .file("content/awards/a.csv", "姓名,身份证号\n张三,\n")
        .file("content/about.md", &md("title = \"关于\"\nmask = true", ""))
        .file("content/b.md", &md("title = \"乙\"\nkind = \"award\"\nmask = 1", ""));
    let err = site.build_err();
    let mut lines: Vec<String> = errors(&err).iter().map(|d| d.to_string()).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "error: content/about.md:3: `mask` is not a field of a plain page\n  hint: `mask` is a field of award pages (write kind = \"award\" if this is one); plain pages take year besides the common fields title, kind, date, updated, summary, slug, draft, weight, tags, template, aliases, extra",
            "error: content/awards/a.md:6: `mask` names \"身份证\", which is not a column of the list\n  hint: the columns are: 姓名, 身份证号",
            "error: content/b.md:4: `mask` (遮盖个人信息) must be true, false or a list of column names, not integer\n  hint: write it as mask = [\"身份证号\", \"联系电话\"]",
        ]
    );
}

/// A site with the planted numbers everywhere a mask may cover them, and
/// their masked forms in Markdown; every output file is searched.
#[test]
fn no_planted_number_reaches_any_output_file() {
    let site = Site::new()
        .config("taxonomies = [\"category\", \"year\", \"honors\"]")
        .file("content/_index.md", &md("title = \"首页\"", "热线 138****5678。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"\nyear = 2024\nhonors = [\"清河好人\"]\nsummary = \"电话 138****5678\"", "事迹。"))
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file("content/awards/csv.md", &award("data = \"list.csv\"\nmask = true"))
        .file(
            "content/awards/list.csv",
            &format!("姓名,身份证号,电话,银行卡\n张三,{ID},{MOBILE},{CARD}\n"),
        )
        .file("content/awards/tsv.md", &award("data = \"list.tsv\"\nmask = [\"身份证号\", \"电话\"]"))
        .file("data/list.tsv", &format!("姓名\t身份证号\t电话\n李四\t{ID_X}\t{MOBILE_GROUPED}\n"))
        .file("content/awards/xlsx.md", &award("data = \"list.xlsx\"\nmask = true"))
        .bytes(
            "content/awards/list.xlsx",
            &workbook(&[("名单", &[&["姓名", "卡号", "电话"], &["王五", CARD_19, MOBILE_FULL_WIDTH]])]),
        )
        .file("content/awards/toml.md", &award("data = \"list.toml\"\nmask = true"))
        .file("data/list.toml", &format!("[[entries]]\n\"姓名\" = \"赵六\"\n\"电话\" = \"{MOBILE_TOML}\"\n"))
        .file(
            "content/awards/inline.md",
            &award(&format!(
                "mask = true\n\n[[entries]]\n\"姓名\" = \"钱七\"\n\"电话\" = {MOBILE_INLINE}\n\"身份证号\" = \"{ID_INLINE}\""
            )),
        );
    site.build_ok();
    let outputs = site.outputs();
    for expected in [
        "atom.xml",
        "sitemap.xml",
        "search/meta.js",
        "print/csv/index.html",
        "awards/inline/index.html",
    ] {
        assert!(outputs.iter().any(|o| o == expected), "no {expected} in {outputs:?}");
    }
    assert!(
        site.read("awards/xlsx/index.html")
            .contains("<td>１３７****５６７８</td>")
    );
    assert!(site.read("awards/inline/index.html").contains("<td>135****5678</td>"));
    assert_no_numbers_in_output(&site);

    let pages: Vec<String> = ["csv", "tsv", "xlsx", "toml", "inline"]
        .iter()
        .map(|name| format!("content/awards/{name}.md"))
        .collect();
    export_wechat(&site.options(), &pages, &site.root().join(WECHAT_DIR)).expect("export");
    let exported = files_under(&site.root().join(WECHAT_DIR));
    assert!(
        exported.keys().any(|path| path.ends_with("article.html")),
        "{:?}",
        exported.keys()
    );
    let inline = exported.iter().find(|(path, _)| path.ends_with("inline/article.html"));
    assert!(
        inline.is_some_and(|(_, html)| String::from_utf8_lossy(html).contains("135****5678")),
        "{:?}",
        exported.keys()
    );
    assert_no_numbers_in(&exported);
}

/// Unmasked numbers in Markdown and front matter stop the build, and the
/// previous output stays as it was.
#[test]
fn unmasked_numbers_anywhere_leave_the_output_untouched() {
    let site = small_site();
    site.build_ok();
    let before = site.output_bytes();
    let person = md(
        &format!(
            "title = \"张三{MOBILE}\"\nsummary = \"{ID}\"\nunit = \"{MOBILE_GROUPED}\"\nhonors = [\"{CARD}\"]\ncategory = \"助人为乐\"\n\n[extra]\n\"卡号\" = \"{CARD_19}\""
        ),
        &format!("事迹，电话{MOBILE_FULL_WIDTH}。"),
    );
    site.write("content/people/zhang-san.md", person.as_bytes());
    site.write(
        "content/_index.md",
        md("title = \"首页\"", &format!("热线 {ID_X}")).as_bytes(),
    );
    let err = site.build_err();
    let mut places: Vec<String> = errors(&err)
        .iter()
        .map(|d| format!("{}:{}", d.file, d.line.unwrap_or(0)))
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            "content/_index.md:4",
            "content/people/zhang-san.md:11",
            "content/people/zhang-san.md:2",
            "content/people/zhang-san.md:3",
            "content/people/zhang-san.md:4",
            "content/people/zhang-san.md:5",
            "content/people/zhang-san.md:9",
        ]
    );
    assert_eq!(site.output_bytes(), before);
    assert_no_numbers_in_output(&site);
}

#[test]
fn files_published_as_they_are_hold_no_numbers_in_their_names_or_text() {
    let hidden = crate::xlsx::package(
        &[
            (
                "名单",
                &crate::xlsx::worksheet(
                    "",
                    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c></row>\
                     <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c></row>",
                ),
            ),
            (
                "原始",
                &crate::xlsx::worksheet(
                    "",
                    &format!("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{ID}</t></is></c></row>"),
                ),
            ),
        ],
        None,
    );
    let site = Site::new()
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file("content/awards/l.md", &award("data = \"l.xlsx\"\nsheet = \"名单\""))
        .bytes("content/awards/l.xlsx", &hidden)
        .file(
            "content/awards/raw.csv",
            &format!("姓名,电话\n李四,{MOBILE}\n王五,{MOBILE_INLINE}\n"),
        )
        .file("content/about.MD", &format!("# 关于\n\n电话 {MOBILE_GROUPED}\n"))
        .file("static/contacts.txt", &format!("联系人\n\n王五 {CARD}\n"))
        .bytes(&format!("static/photos/李四{MOBILE}.jpg"), b"not read")
        .file("static/style.css", "a { width: 13812345678px }")
        .file("static/申报表.docx", "an old .doc under a new name");
    let err = site.build_err();
    let laurel::Error::Invalid(all) = &err else {
        panic!("{err}")
    };
    let unread: Vec<String> = all.iter().filter(|d| !d.is_error()).map(|d| d.to_string()).collect();
    assert_eq!(
        unread,
        [
            "warning: static/申报表.docx: laurel cannot look inside this file for personal numbers (not a readable Office file: invalid Zip archive: Could not find EOCD); it is published as it is\n  hint: check the file yourself before publishing; an Office file saved with a password cannot be read"
        ]
    );
    let mut lines: Vec<String> = errors(&err).iter().map(|d| d.to_string()).collect();
    lines.sort();
    let hint = |count: usize| {
        format!(
            "  hint: remove the numbers from the file ({count} in all), or move it out of content/ and static/, whose files are all published as they are; an award list can read its data file from data/, which is never published"
        )
    };
    assert_eq!(
        lines,
        [
            format!("error: content/about.MD:3: this file is published as it is, and this line holds a mobile phone number (139 **** 5678)\n{}", hint(1)),
            format!("error: content/awards/l.xlsx: this file is published as it is, and its part xl/worksheets/sheet2.xml holds a resident ID number (130102********1233)\n{}", hint(1)),
            format!("error: content/awards/raw.csv:2: this file is published as it is, and this line holds a mobile phone number (138****5678)\n{}", hint(2)),
            format!("error: static/contacts.txt:3: this file is published as it is, and this line holds a bank card number (6222********7894)\n{}", hint(1)),
            "error: static/photos/李四13812345678.jpg: the file name holds a mobile phone number (138****5678), and the file is published under it\n  hint: rename the file (or its folder) without the number".to_string(),
        ]
    );
    assert!(site.output_bytes().is_empty(), "nothing is written");
}

#[test]
fn numbers_joined_to_words_in_addresses_are_errors() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            &format!("content/people/zhao-liu-{MOBILE}.md"),
            &md("title = \"赵六\"", ""),
        )
        .file(
            "content/people/wang-wu.md",
            &md(&format!("title = \"王五\"\nslug = \"wang-wu-{ID}\""), ""),
        );
    let err = site.build_err();
    let mut lines: Vec<String> = errors(&err).iter().map(|d| d.to_string()).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "error: content/people/wang-wu.md: the page's address /people/wang-wu-130102********1233/ holds a resident ID number, which must not be published\n  hint: write a slug without the number in the front matter (slug = \"…\"), or rename the file",
            "error: content/people/zhao-liu-13812345678.md: the file name holds a mobile phone number (138****5678), which would be published in the page's address\n  hint: rename the file (or its folder) without the number",
        ]
    );
}

#[test]
fn a_long_number_stored_as_a_number_in_a_workbook_is_an_error() {
    // 18 digits stored as a number, as exports from other systems write an
    // ID: a spreadsheet keeps 15 of them, so the check digit is lost.
    let sheet = crate::xlsx::worksheet(
        "",
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>证件</t></is></c></row>\
         <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c><c r=\"B2\"><v>110101199003077774</v></c></row>",
    );
    let site = Site::new()
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file("content/awards/l.md", &award("data = \"l.xlsx\"\nmask = true"))
        .bytes("data/l.xlsx", &crate::xlsx::package(&[("名单", &sheet)], None));
    let err = site.build_err();
    assert_eq!(
        only_error(&err).to_string(),
        "error: data/l.xlsx: the sheet \"名单\" holds at B2 a 18-digit number stored as a number: spreadsheets keep only its first 15 digits, so it cannot be published as written\n  hint: an ID or bank card number must not be published: delete the column; for a code, format the column as text (or type ' before the number) and enter it again"
    );
}

#[test]
fn numbers_split_by_marks_or_escapes_are_errors() {
    let site = Site::new().file(
        "content/about.md",
        &md(
            "title = \"关于\"\nsummary = \"电话 \\u0031\\u0033812345678\"",
            "热线 138**1234**5678。\n\n来电 138<!-- -->12345678\n\n实体 &#49;3812345678\n",
        ),
    );
    let err = site.build_err();
    let lines: Vec<String> = errors(&err)
        .iter()
        .map(|d| format!("{}:{}", d.line.unwrap_or(0), d.message))
        .collect();
    let hidden = "holds a mobile phone number (138****5678) as readers see it, split by marks or written as escapes";
    assert_eq!(
        lines,
        [3, 5, 7, 9].map(|line| format!("{line}:this line {hidden}")),
        "{err}"
    );
    assert!(site.output_bytes().is_empty(), "nothing is written");
}
