//! Award data files that laurel must refuse or read with care: paths that
//! leave the site, text in a mixed encoding, workbooks that are too big.

use crate::awards::{award_site, table};
use crate::support::{Site, only_error, zh};

/// A CSV in the temporary folder that holds every test site, outside any of
/// them; removed when dropped.
fn outside_csv() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .prefix("laurel-secret-")
        .suffix(".csv")
        .tempfile()
        .expect("temp file");
    std::io::Write::write_all(&mut file, "姓名,密码\n张三,hunter2\n".as_bytes()).expect("write");
    file
}

/// Asserts that the build fails at the `data` line of the award page,
/// saying the file is outside the site, and publishes nothing.
fn assert_refused(site: &Site) {
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/awards/2024.md", Some(4)), "{d}");
    assert!(d.message.contains("outside the site"), "{d}");
    assert!(d.hint.as_deref().unwrap_or("").contains("data/"), "{d}");
    assert!(!site.exists("awards/2024/index.html"));
}

#[test]
fn data_path_climbing_out_of_the_site_is_an_error() {
    let secret = outside_csv();
    let name = secret.path().file_name().unwrap().to_str().unwrap();
    let site = award_site(&format!("data = \"../../../{name}\""));
    assert_eq!(
        site.root().parent(),
        secret.path().parent(),
        "the secret must be beside the site"
    );
    assert_refused(&site);
}

#[test]
fn absolute_data_path_is_an_error() {
    let secret = outside_csv();
    let site = award_site(&format!("data = \"{}\"", secret.path().display()));
    assert_refused(&site);
}

#[cfg(unix)]
#[test]
fn data_file_linking_outside_the_site_is_an_error() {
    let secret = outside_csv();
    let site = award_site("data = \"2024.csv\"");
    std::os::unix::fs::symlink(secret.path(), site.root().join("content/awards/2024.csv")).unwrap();
    assert_refused(&site);
    insta::assert_snapshot!("award_data_outside_the_site", site.build_err().to_string());
    insta::assert_snapshot!("award_data_outside_the_site_zh", zh(&site.build_err()));
}

#[test]
fn data_path_to_another_content_folder_is_read() {
    let site = award_site("data = \"../lists/2024.csv\"").file("content/lists/2024.csv", "姓名\n张三\n");
    site.build_ok();
    let (_, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(rows, [["张三"]]);
}

#[test]
fn stray_byte_in_utf8_csv_is_a_warning_not_mojibake() {
    let mut bytes = "姓名,单位\n张三,河西区卫生院\n李四,北山区".as_bytes().to_vec();
    bytes.push(0xFF);
    bytes.extend("第二小学\n王五,东城区\n".as_bytes());
    let site = award_site("data = \"2024.csv\"").bytes("content/awards/2024.csv", &bytes);
    let report = site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "单位"]);
    assert_eq!(rows[0], ["张三", "河西区卫生院"]);
    assert_eq!(rows[1], ["李四", "北山区\u{FFFD}第二小学"]);
    assert_eq!(rows[2], ["王五", "东城区"]);
    let [warning] = report.warnings.as_slice() else {
        panic!("expected one warning, got {:?}", report.warnings)
    };
    assert_eq!(
        (warning.file.as_str(), warning.line),
        ("content/awards/2024.csv", Some(3)),
        "{warning}"
    );
    assert!(warning.message.contains("line 3 column 7"), "{warning}");
}

#[test]
fn a_gbk_row_pasted_into_a_utf8_csv_is_read_as_gbk_with_a_warning() {
    let (gbk, _, _) = encoding_rs::GBK.encode("张三,城西");
    let mut bytes = "姓名,单位\n王五,城东区\n".as_bytes().to_vec();
    bytes.extend_from_slice(&gbk);
    bytes.extend_from_slice("\n赵六,城北\n".as_bytes());
    let site = award_site("data = \"2024.csv\"").bytes("content/awards/2024.csv", &bytes);
    let report = site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "单位"]);
    assert_eq!(rows, [["王五", "城东区"], ["张三", "城西"], ["赵六", "城北"]]);
    let [warning] = report.warnings.as_slice() else {
        panic!("expected one warning, got {:?}", report.warnings)
    };
    assert_eq!(
        warning.to_string(),
        "warning: content/awards/2024.csv:3: the file is UTF-8, but these lines were saved as GBK: 3; laurel read each line in its own encoding\n  hint: check those lines on the page, then save the whole file again as UTF-8 (in Excel: CSV UTF-8)"
    );
}

#[test]
fn many_stray_bytes_are_listed_up_to_a_few() {
    let mut bytes = "姓名,单位\n".as_bytes().to_vec();
    for i in 0..8 {
        bytes.extend(format!("张三{i},河西区卫生院").as_bytes());
        bytes.push(0xC0);
        bytes.push(b'\n');
    }
    let site = award_site("data = \"2024.csv\"").bytes("content/awards/2024.csv", &bytes);
    let report = site.build_ok();
    let (_, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(rows[7], ["张三7", "河西区卫生院\u{FFFD}"]);
    let warning = &report.warnings[0];
    assert!(warning.message.contains("line 2 column 11"), "{warning}");
    assert!(warning.message.contains("and 3 more"), "{warning}");
    assert!(!warning.message.contains("line 9"), "{warning}");
}

#[test]
fn gbk_csv_with_a_few_accidental_utf8_sequences_is_still_gbk() {
    // GBK bytes of these characters include pairs that are valid UTF-8 on their own.
    let text =
        "姓名,单位,事迹\n张三,河西区卫生院,扶危济困\n李四,北山区第二小学,“燃灯”教师\n赵六,西岭镇中心校,拾金不昧\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let site = award_site("data = \"2024.csv\"").bytes("content/awards/2024.csv", &gbk);
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let (_, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(rows[2], ["赵六", "西岭镇中心校", "拾金不昧"]);
}

#[test]
fn a_cell_merged_down_a_column_stands_in_every_row_it_spans() {
    let cell = |r: usize, c: char, text: &str| format!("<c r=\"{c}{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c>");
    let rows = [
        ("姓名", "类别"),
        ("张三", "助人为乐"),
        ("李四", ""),
        ("王五", "见义勇为"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, kind))| {
        let kind = if kind.is_empty() {
            String::new()
        } else {
            cell(i + 1, 'B', kind)
        };
        format!("<row r=\"{}\">{}{kind}</row>", i + 1, cell(i + 1, 'A', name))
    })
    .collect::<String>();
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{}\"><sheetData>{rows}</sheetData><mergeCells count=\"2\"><mergeCell ref=\"B2:B3\"/><mergeCell ref=\"A5:B5\"/></mergeCells></worksheet>",
        crate::xlsx::MAIN
    );
    let site = award_site("data = \"2024.xlsx\"").bytes(
        "content/awards/2024.xlsx",
        &crate::xlsx::package(&[("名单", &sheet)], None),
    );
    site.build_ok();
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!(head, ["姓名", "类别"]);
    assert_eq!(rows, [["张三", "助人为乐"], ["李四", "助人为乐"], ["王五", "见义勇为"]]);
}

/// Runs `laurel build` on `site` with at most 2 GiB of address space, so an
/// over-allocation fails the test instead of eating the machine.
#[cfg(unix)]
fn build_in_2_gib(site: &Site) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    const LIMIT: libc::rlim_t = 2 << 30;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_laurel"));
    command.arg("build").arg("--root").arg(site.root());
    // SAFETY: the closure runs in the child between fork and exec; it only
    // calls setrlimit, which is async-signal-safe, and allocates nothing.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: LIMIT,
                rlim_max: LIMIT,
            };
            match libc::setrlimit(libc::RLIMIT_AS, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    command.output().expect("run laurel")
}

/// A one-sheet workbook: a header, a row, then `extra` inside `<sheetData>`.
fn book_with(before: &str, extra: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let data = format!(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c></row>{extra}"
    );
    crate::xlsx::package(&[("名单", &crate::xlsx::worksheet(before, &data))], shared_strings)
}

/// Builds a site whose award list reads `book` (within 2 GiB) and asserts
/// one clean error naming the workbook and saying each of `says`.
#[cfg(unix)]
fn assert_workbook_refused(book: &[u8], says: &[&str]) -> String {
    let site = award_site("data = \"2024.xlsx\"").bytes("content/awards/2024.xlsx", book);
    let out = build_in_2_gib(&site);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: content/awards/2024.xlsx: "), "{stderr}");
    for text in says {
        assert!(stderr.contains(text), "{text:?} not in:\n{stderr}");
    }
    assert!(!site.exists("awards/2024/index.html"));
    stderr.into_owned()
}

#[cfg(unix)]
#[test]
fn workbook_within_bounds_builds_in_2_gib() {
    let book = book_with(
        "<dimension ref=\"A1:XFD1048576\"/>",
        "<row r=\"1048576\"><c r=\"XFD1048576\"/></row>",
        None,
    );
    let site = award_site("data = \"2024.xlsx\"").bytes("content/awards/2024.xlsx", &book);
    let out = build_in_2_gib(&site);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (head, rows) = table(&site.read("awards/2024/index.html"));
    assert_eq!((head, rows), (vec!["姓名".to_string()], vec![vec!["张三".to_string()]]));
}

#[cfg(unix)]
#[test]
fn cell_in_the_last_excel_cell_is_an_error() {
    let far = "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    let book = book_with("<dimension ref=\"A1:XFD1048576\"/>", far, None);
    let stderr = assert_workbook_refused(&book, &["名单", "XFD1048576", "delete"]);
    insta::assert_snapshot!("award_data_cell_too_far", stderr);
}

#[cfg(unix)]
#[test]
fn cell_far_below_the_table_is_an_error() {
    let far = "<row r=\"100000\"><c r=\"ZZ100000\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    assert_workbook_refused(&book_with("", far, None), &["名单", "ZZ100000", "delete"]);
}

#[cfg(unix)]
#[test]
fn cell_reference_beyond_excel_is_an_error() {
    let bad = "<row r=\"3\"><c r=\"ZZZZZZZ99999999999\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    assert_workbook_refused(&book_with("", bad, None), &["名单", "ZZZZZZZ99999999999", "damaged"]);
}

#[cfg(unix)]
#[test]
fn shared_string_count_beyond_the_part_is_an_error() {
    let strings = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4294967295\" uniqueCount=\"4294967295\"><si><t>李四</t></si></sst>";
    let cell = "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c></row>";
    assert_workbook_refused(&book_with("", cell, Some(strings)), &["4294967295", "damaged"]);
}

/// `book` with every part deflated, and `padding` spaces added to the end of
/// the part `padded` (a few hundred KiB packed, however big unpacked).
fn deflated_with_padding(book: &[u8], padded: &str, padding: usize) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..source.len() {
        let mut entry = source.by_index(i).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        out.start_file(name.as_str(), options).expect("start");
        out.write_all(&bytes).expect("write");
        if name == padded {
            let spaces = vec![b' '; 1 << 20];
            for _ in 0..padding >> 20 {
                out.write_all(&spaces).expect("write");
            }
        }
    }
    out.finish().expect("finish").into_inner()
}

#[cfg(unix)]
#[test]
fn workbook_unpacking_to_too_much_is_an_error() {
    let book = deflated_with_padding(&book_with("", "", None), "[Content_Types].xml", 65 << 20);
    assert!(book.len() < 2 << 20, "{} bytes", book.len());
    assert_workbook_refused(&book, &["too big", "MiB"]);
}

#[cfg(unix)]
#[test]
fn data_file_of_gigabytes_is_an_error_read_in_2_gib() {
    for name in ["2024.csv", "2024.xlsx"] {
        let site = award_site(&format!("data = \"{name}\""));
        let file = std::fs::File::create(site.root().join("content/awards").join(name)).expect("create");
        file.set_len(3 << 30).expect("a sparse 3 GiB file");
        let out = build_in_2_gib(&site);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.starts_with(&format!("error: content/awards/{name}: ")),
            "{stderr}"
        );
        assert!(stderr.contains("MiB"), "{stderr}");
    }
}

#[test]
fn file_that_is_not_a_workbook_is_named_in_either_language() {
    let site = award_site("data = \"2024.xlsx\"").file("content/awards/2024.xlsx", "姓名,单位\n张三,城东区\n");
    let err = site.build_err();
    insta::assert_snapshot!("award_data_not_a_workbook", err.to_string());
    insta::assert_snapshot!("award_data_not_a_workbook_zh", zh(&err));
}

#[test]
fn zip_that_is_not_a_workbook_is_named_in_either_language() {
    let zip = crate::xlsx::stored_zip(&[("readme.txt".into(), "hello".into())]);
    let site = award_site("data = \"2024.xlsx\"").bytes("content/awards/2024.xlsx", &zip);
    let err = site.build_err();
    insta::assert_snapshot!("award_data_zip_not_a_workbook", err.to_string());
    insta::assert_snapshot!("award_data_zip_not_a_workbook_zh", zh(&err));
}

#[test]
fn damaged_sheet_is_named_in_either_language() {
    let book = book_with("<dimension ref=\"A1:XFE3\"/>", "", None);
    let err = award_site("data = \"2024.xlsx\"")
        .bytes("content/awards/2024.xlsx", &book)
        .build_err();
    insta::assert_snapshot!("award_data_damaged_sheet", err.to_string());
    insta::assert_snapshot!("award_data_damaged_sheet_zh", zh(&err));
}
