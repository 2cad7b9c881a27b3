//! Award data files that laurel must refuse or read with care: paths that
//! leave the site, text in a mixed encoding, workbooks that are too big.

use crate::awards::{award_site, table};
use crate::support::only_error;

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
fn assert_refused(site: &crate::support::Site) {
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/awards/2024.md", Some(4)), "{d}");
    assert!(d.message.contains("outside"), "{d}");
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
