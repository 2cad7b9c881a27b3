//! `laurel deploy`: to an S3-protocol server on the loopback address (moto's
//! server mode, installed by tests/run.sh) and to folders.

use std::collections::BTreeSet;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::http::{Answer, request};
use crate::support::{Site, files_under, jpeg, laurel_in_english, md, small_site};

/// A moto server on a free port, stopped when dropped.
struct Moto {
    child: Child,
    addr: SocketAddr,
}

impl Moto {
    /// Starts the server and makes the bucket `site`.
    fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(moto_server())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server: run tests/run.sh, which installs it, or set LAUREL_MOTO");
        let moto = Moto {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let start = Instant::now();
        while TcpStream::connect(moto.addr).is_err() {
            assert!(start.elapsed() < Duration::from_secs(30), "moto_server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(moto.call("PUT", "/site").status, 200);
        moto
    }

    /// A request with an (unchecked) authorization, as moto wants one.
    fn call(&self, method: &str, path: &str) -> Answer {
        let auth =
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";
        request(
            self.addr,
            method,
            path,
            &[("Authorization", auth), ("Content-Length", "0")],
        )
    }

    /// The keys of the bucket under `prefix`.
    fn keys(&self, prefix: &str) -> BTreeSet<String> {
        let list = self.call("GET", &format!("/site?list-type=2&prefix={prefix}")).text();
        assert!(!list.contains("<IsTruncated>true"), "a test site fits one listing");
        list.split("<Key>")
            .skip(1)
            .map(|rest| rest.split("</Key>").next().unwrap().to_string())
            .collect()
    }

    /// `[deploy.test]` for a site deploying into `haoren/` of the bucket.
    fn target(&self) -> String {
        format!(
            "[deploy.test]\nurl = \"s3://site/haoren\"\nendpoint = \"http://{}\"\nregion = \"us-east-1\"\n",
            self.addr
        )
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `$LAUREL_MOTO`, else the copy tests/run.sh installs under target/, else
/// `moto_server` on the PATH.
fn moto_server() -> PathBuf {
    if let Some(path) = std::env::var_os("LAUREL_MOTO") {
        return path.into();
    }
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/moto/bin/moto_server");
    if installed.exists() {
        installed
    } else {
        "moto_server".into()
    }
}

/// Runs `laurel deploy` in the site with a test key in the environment.
fn deploy(site: &Site, args: &[&str]) -> Output {
    laurel_in_english()
        .arg("deploy")
        .arg("--root")
        .arg(site.root())
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("run laurel")
}

/// A deploy that succeeds: its standard output.
fn deploy_ok(site: &Site, args: &[&str]) -> String {
    let out = deploy(site, args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    text
}

/// The number before `what` in a summary line (`3 uploaded`).
fn count(summary: &str, what: &str) -> usize {
    let before = &summary[..summary.find(what).unwrap_or_else(|| panic!("{what} in {summary}"))];
    before.trim_end().rsplit([' ', ':']).next().unwrap().parse().unwrap()
}

/// The paths a dry run would upload.
fn would_upload(site: &Site) -> BTreeSet<String> {
    deploy_ok(site, &["--dry-run"])
        .lines()
        .filter_map(|l| l.strip_prefix("would upload "))
        .map(|l| l.split(" (").next().unwrap().to_string())
        .collect()
}

/// Paths of `public/` whose bytes differ between two snapshots.
fn changed(before: &std::collections::BTreeMap<String, Vec<u8>>, site: &Site) -> BTreeSet<String> {
    files_under(&site.out())
        .into_iter()
        .filter(|(path, bytes)| before.get(path) != Some(bytes) && path != ".laurel-output")
        .map(|(path, _)| path)
        .collect()
}

fn published(site: &Site) -> BTreeSet<String> {
    site.outputs().into_iter().filter(|p| p != ".laurel-output").collect()
}

fn with_second_person(site: Site) -> Site {
    site.file(
        "content/people/li-si.md",
        &md(
            "title = \"李四\"\nphoto = \"/photos/li.jpg\"\ncategory = \"助人为乐\"",
            "事迹。",
        ),
    )
    .bytes("static/photos/li.jpg", &jpeg(6, 6))
}

#[test]
fn deploy_uploads_everything_then_only_what_changed() {
    let moto = Moto::start();
    let site = with_second_person(small_site()).config(&moto.target());
    let dry = would_upload(&site);
    let files = published(&site);
    assert_eq!(dry, files, "a first deploy uploads every file");
    assert!(moto.keys("").is_empty(), "a dry run sends nothing");
    let first = deploy_ok(&site, &[]);
    assert_eq!(count(&first, "uploaded"), files.len(), "{first}");
    let keys: BTreeSet<String> = files.iter().map(|p| format!("haoren/{p}")).collect();
    let mut expected = keys.clone();
    expected.insert("haoren/.laurel-deploy.json".into());
    assert_eq!(moto.keys("haoren/"), expected);
    let page = moto.call("GET", "/site/haoren/people/zhang-san/index.html");
    assert_eq!(
        page.body,
        std::fs::read(site.out().join("people/zhang-san/index.html")).unwrap()
    );

    let again = deploy_ok(&site, &[]);
    assert_eq!(
        (count(&again, "uploaded"), count(&again, "unchanged")),
        (0, files.len()),
        "{again}"
    );

    let before = files_under(&site.out());
    site.write(
        "content/people/zhang-san.md",
        md(
            "title = \"张三\"\nphoto = \"/photos/zhang.jpg\"\ncategory = \"助人为乐\"",
            "新的事迹。",
        )
        .as_bytes(),
    );
    let planned = would_upload(&site);
    let differ = changed(&before, &site);
    assert_eq!(planned, differ, "a dry run lists exactly the files that changed");
    assert!(differ.contains("people/zhang-san/index.html"), "{differ:?}");
    assert!(differ.len() < files.len() / 2, "{differ:?}");
    let third = deploy_ok(&site, &[]);
    assert_eq!(count(&third, "uploaded"), differ.len(), "{third}");
    let page = moto.call("GET", "/site/haoren/people/zhang-san/index.html").text();
    assert!(page.contains("新的事迹"));
}

#[test]
fn deploy_sends_utf8_content_types_and_cache_headers() {
    let moto = Moto::start();
    let site = small_site().config(&moto.target());
    deploy_ok(&site, &[]);
    let head = |path: &str| {
        let answer = moto.call("GET", &format!("/site/haoren/{path}"));
        assert_eq!(answer.status, 200, "{path}");
        (
            answer.header("content-type").unwrap_or_default().to_string(),
            answer.header("cache-control").unwrap_or_default().to_string(),
        )
    };
    assert_eq!(
        head("index.html"),
        ("text/html; charset=utf-8".into(), "public, max-age=300".into())
    );
    assert_eq!(
        head("style.css"),
        ("text/css; charset=utf-8".into(), "public, max-age=300".into())
    );
    assert_eq!(head("sitemap.xml").0, "application/xml; charset=utf-8");
    assert_eq!(
        head("photos/zhang.jpg"),
        ("image/jpeg".into(), "public, max-age=86400".into())
    );
}

#[test]
fn deploy_delete_removes_only_the_files_the_build_dropped() {
    let moto = Moto::start();
    let site = with_second_person(small_site()).config(&moto.target());
    deploy_ok(&site, &[]);
    moto.call("PUT", "/site/haoren/kept-by-hand.txt");
    let before = published(&site);
    std::fs::remove_file(site.root().join("content/people/li-si.md")).unwrap();
    std::fs::remove_file(site.root().join("static/photos/li.jpg")).unwrap();
    let kept = deploy_ok(&site, &[]);
    assert_eq!(count(&kept, "deleted"), 0);
    assert!(
        moto.keys("haoren/people/li-si/")
            .contains("haoren/people/li-si/index.html")
    );
    let dropped: BTreeSet<String> = before.difference(&published(&site)).cloned().collect();
    assert!(
        dropped.contains("people/li-si/index.html") && dropped.contains("photos/li.jpg"),
        "{dropped:?}"
    );
    let deleted = deploy_ok(&site, &["--delete"]);
    assert_eq!(count(&deleted, "deleted"), dropped.len(), "{deleted}");
    let keys = moto.keys("haoren/");
    assert!(
        dropped.iter().all(|path| !keys.contains(&format!("haoren/{path}"))),
        "{keys:?}"
    );
    assert!(
        moto.keys("haoren/").contains("haoren/kept-by-hand.txt"),
        "laurel deletes only what it put there"
    );
    assert!(moto.keys("haoren/").contains("haoren/people/zhang-san/index.html"));
}

#[test]
fn deploy_without_a_manifest_trusts_the_files_already_there() {
    // A deploy cut short before it wrote its manifest: the listing's ETags
    // tell which files are there already.
    let moto = Moto::start();
    let site = small_site().config(&moto.target());
    deploy_ok(&site, &[]);
    assert_eq!(moto.call("DELETE", "/site/haoren/.laurel-deploy.json").status, 204);
    moto.call("DELETE", "/site/haoren/index.html");
    let resumed = deploy_ok(&site, &[]);
    assert_eq!(count(&resumed, "uploaded"), 1, "{resumed}");
    assert!(moto.keys("haoren/").contains("haoren/index.html"));
    assert!(moto.keys("haoren/").contains("haoren/.laurel-deploy.json"));
}

#[test]
fn deploy_refuses_an_access_key_in_laurel_toml() {
    let site = small_site().config("[deploy.oss]\nurl = \"s3://site/x\"\nendpoint = \"https://oss-cn-beijing.aliyuncs.com\"\nsecret_access_key = \"abc\"\n");
    let out = deploy(&site, &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("laurel.toml:6: [deploy.oss] holds `secret_access_key`: credentials never go in laurel.toml"),
        "{err}"
    );
    assert!(err.contains("~/.aws/credentials"), "{err}");
}

#[test]
fn deploy_reads_the_key_of_the_aws_profile() {
    let moto = Moto::start();
    let site = small_site().config(&moto.target());
    let home = tempfile::tempdir().unwrap();
    let run = |credentials: Option<&str>| {
        if let Some(text) = credentials {
            std::fs::create_dir_all(home.path().join(".aws")).unwrap();
            std::fs::write(home.path().join(".aws/credentials"), text).unwrap();
        }
        laurel_in_english()
            .args(["deploy", "--root"])
            .arg(site.root())
            .env("HOME", home.path())
            .env("AWS_PROFILE", "office")
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env_remove("AWS_SHARED_CREDENTIALS_FILE")
            .env_remove("AWS_CONFIG_FILE")
            .output()
            .unwrap()
    };
    let none = run(None);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no access key for [deploy.test]"));
    let found = run(Some("[office]\naws_access_key_id = K\naws_secret_access_key = S\n"));
    assert!(found.status.success(), "{}", String::from_utf8_lossy(&found.stderr));
}

#[test]
fn deploy_warns_about_an_oss_default_domain() {
    let target = tempfile::tempdir().unwrap();
    let site = Site::bare()
        .file(
            "laurel.toml",
            &format!(
                "title = \"t\"\nbase_url = \"https://qinghe.oss-cn-beijing.aliyuncs.com/\"\n[deploy.disk]\nurl = \"file://{}\"\n",
                target.path().display()
            ),
        )
        .file("content/about.md", &md("title = \"关于\"", "本站。"));
    let out = deploy(&site, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("a default domain of Aliyun OSS or Tencent COS: browsers download HTML pages"),
        "{err}"
    );
    assert!(err.contains("bind a custom domain (filed for ICP)"), "{err}");
}

fn folder_site(target: &Path) -> Site {
    with_second_person(small_site()).config(&format!("[deploy.disk]\nurl = \"file://{}\"", target.display()))
}

#[test]
fn a_folder_target_gets_changes_and_deletions_like_a_bucket() {
    let target = tempfile::tempdir().unwrap();
    std::fs::write(target.path().join("unrelated.txt"), "keep").unwrap();
    let site = folder_site(target.path());
    deploy_ok(&site, &[]);
    let held = |site: &Site| {
        let mut files = files_under(target.path());
        files.remove(".laurel-deploy.json");
        files.remove("unrelated.txt");
        let mut built = files_under(&site.out());
        built.remove(".laurel-output");
        assert_eq!(files, built);
    };
    held(&site);
    let before = files_under(&site.out());
    site.write("content/about.md", md("title = \"关于\"", "新的介绍。").as_bytes());
    let again = deploy_ok(&site, &[]);
    assert_eq!(count(&again, "uploaded"), changed(&before, &site).len(), "{again}");
    held(&site);
    std::fs::remove_file(site.root().join("content/people/li-si.md")).unwrap();
    deploy_ok(&site, &["--delete"]);
    held(&site);
    assert!(
        !target.path().join("people/li-si").exists(),
        "an emptied folder goes too"
    );
    assert_eq!(
        std::fs::read_to_string(target.path().join("unrelated.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn an_interrupted_folder_deploy_resumes_where_it_stopped() {
    let target = tempfile::tempdir().unwrap();
    let site = folder_site(target.path());
    // A folder where a page must go makes that one upload fail.
    std::fs::create_dir_all(target.path().join("people/li-si/index.html")).unwrap();
    let failed = deploy(&site, &[]);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(err.contains("people/li-si/index.html"), "{err}");
    let manifest = gunzip(&std::fs::read(target.path().join(".laurel-deploy.json")).expect("a checkpoint"));
    assert!(manifest.contains("photos/zhang.jpg"), "assets went first: {manifest}");
    std::fs::remove_dir(target.path().join("people/li-si/index.html")).unwrap();
    let resumed = deploy_ok(&site, &[]);
    let total = published(&site).len();
    let uploaded = count(&resumed, "uploaded");
    assert!(uploaded > 0 && uploaded < total, "{resumed}");
    assert_eq!(count(&resumed, "unchanged"), total - uploaded);
    assert!(target.path().join("people/li-si/index.html").is_file());
}

#[test]
fn a_folder_target_follows_no_link_out_of_itself() {
    let target = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), target.path().join("people")).unwrap();
    let site = folder_site(target.path());
    let out = deploy(&site, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a link or a file where laurel needs a folder"));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);

    // A manifest naming a file outside the target is not believed.
    std::fs::remove_file(target.path().join("people")).unwrap();
    std::fs::write(outside.path().join("victim.txt"), "x").unwrap();
    let escape = format!(
        r#"{{"laurel_deploy":1,"files":{{"../{}/victim.txt":["x",1]}}}}"#,
        outside.path().file_name().unwrap().to_string_lossy()
    );
    std::fs::write(target.path().join(".laurel-deploy.json"), escape).unwrap();
    deploy_ok(&site, &["--delete"]);
    assert!(outside.path().join("victim.txt").exists());
}

#[test]
fn a_folder_target_in_the_sites_own_folders_is_refused() {
    for dir in ["templates", "content/people", "static/files", "data"] {
        let site = small_site().file("templates/404.html", "<p>mine</p>").dir(dir);
        let target = site.root().join(dir);
        let site = site.config(&format!("[deploy.here]\nurl = \"file://{}\"", target.display()));
        let out = deploy(&site, &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{dir}: {err}");
        assert!(
            err.contains("holds the site, or lies in its output folder or in a folder the build reads"),
            "{dir}: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(site.root().join("templates/404.html")).unwrap(),
            "<p>mine</p>"
        );
    }
}

#[test]
fn a_chinese_site_deploys_and_refuses_in_chinese() {
    let target = tempfile::tempdir().unwrap();
    let folder = format!("[deploy.disk]\nurl = \"file://{}\"", target.path().display());
    let site = small_site().config(&format!("language = \"zh-CN\"\n{folder}"));
    let dry = deploy_ok(&site, &["--dry-run"]);
    assert!(dry.contains("将上传 index.html（新文件，"), "{dry}");
    let summary = dry.lines().last().unwrap();
    assert!(summary.starts_with("试运行（"), "{summary}");
    assert!(
        summary.contains("个没有变化，将删除 0 个；这次没有上传任何文件（生成用时 "),
        "{summary}"
    );
    let out = deploy(&site, &[]);
    let (said, warned) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{warned}");
    assert!(said.starts_with("已发布到 ") && said.contains("：上传 "), "{said}");
    assert!(
        said.contains(" 个没有变化，删除 0 个，用时 ") && said.contains("；发布清单 "),
        "{said}"
    );
    assert!(
        warned.contains("警告：laurel.toml：`base_url` 还是 https://example.org/haoren/，不是网站的真实地址"),
        "{warned}"
    );
    // Without `language`, the same deploy speaks English (the test runs with LANG=C).
    site.write(
        "laurel.toml",
        format!("{}{folder}\n", crate::support::CONFIG).as_bytes(),
    );
    let out = deploy(&site, &[]);
    let (said, warned) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        said.starts_with("deployed to ") && said.contains(" unchanged, 0 deleted in "),
        "{said}"
    );
    assert!(
        warned
            .contains("warning: laurel.toml: `base_url` is still https://example.org/haoren/, not the site's address"),
        "{warned}"
    );
    let keyed =
        small_site().config("language = \"zh-CN\"\n[deploy.oss]\nurl = \"s3://site/x\"\nsecret_access_key = \"abc\"");
    let out = deploy(&keyed, &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("laurel.toml 第 6 行：[deploy.oss] 里写了 `secret_access_key`：密钥不能写在 laurel.toml 里，因为这个文件会随网站一起被复制"),
        "{err}"
    );
    assert!(
        err.contains("提示：请删掉这一行；在环境变量里设置 AWS_ACCESS_KEY_ID"),
        "{err}"
    );
}

/// A manifest as laurel stores it (gzipped JSON), as text.
fn gunzip(bytes: &[u8]) -> String {
    let mut json = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut json).expect("a gzipped manifest");
    json
}
