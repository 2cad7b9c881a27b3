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
