//! `laurel build --watch`: the real binary rebuilds the output folder after an
//! edit, and keeps watching after a rebuild that failed inside laurel.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{PEOPLE_INDEX, Site, md};

/// The watching process, killed when the test ends however it ends, and the
/// lines it prints.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    errors: mpsc::Receiver<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `laurel build --watch` and waits for it to say it is watching.
fn watch(site: &Site) -> Running {
    let running = spawn(site);
    let line = running
        .lines
        .recv_timeout(Duration::from_secs(30))
        .expect("laurel build --watch says what it built");
    assert!(line.contains("watching for changes"), "{line}");
    running
}

/// Starts `laurel build --watch`.
fn spawn(site: &Site) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_laurel"))
        .args(["build", "--watch", "--root"])
        .arg(site.root())
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run laurel build --watch");
    let lines = read_lines(child.stdout.take().expect("stdout"));
    let errors = read_lines(child.stderr.take().expect("stderr"));
    Running { child, lines, errors }
}

/// The lines of `stream`, as they come.
fn read_lines(stream: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    lines
}

/// Polls until `check` holds, for at most `timeout`.
fn eventually(timeout: Duration, check: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    check()
}

#[test]
fn build_watch_rewrites_the_output_after_an_edit() {
    let site = Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/zhang-san.md", &md("title = \"张三\"", "初稿。"));
    let running = watch(&site);
    let page = "people/zhang-san/index.html";
    assert!(site.read(page).contains("初稿"));
    assert!(!site.read(page).contains("__laurel"), "no reload script in built files");

    site.write(
        "content/people/zhang-san.md",
        md("title = \"张三\"", "改稿。").as_bytes(),
    );
    let read = || std::fs::read_to_string(site.out().join(page)).unwrap_or_default();
    assert!(
        eventually(Duration::from_secs(15), || read().contains("改稿")),
        "{}",
        read()
    );
    let line = running
        .lines
        .recv_timeout(Duration::from_secs(15))
        .expect("a line for the rebuild");
    // What changed, how many outputs went through a template, how many changed, how long.
    let (changed, rest) = line.split_once(": ").expect("changed …: …");
    assert_eq!(changed, "changed content/people/zhang-san.md");
    assert!(
        rest.contains(" re-rendered, ") && rest.contains(" updated in ") && rest.contains(" ms"),
        "{line}"
    );

    // A broken edit leaves the output as it was; a new page appears once fixed.
    site.write("content/people/zhang-san.md", b"+++\ntitle = \n+++\n");
    site.write("content/people/li-si.md", md("title = \"李四\"", "新人。").as_bytes());
    std::thread::sleep(Duration::from_millis(600));
    assert!(read().contains("改稿"));
    site.write(
        "content/people/zhang-san.md",
        md("title = \"张三\"", "三稿。").as_bytes(),
    );
    assert!(
        eventually(Duration::from_secs(15), || read().contains("三稿")),
        "{}",
        read()
    );
    assert!(site.read("people/li-si/index.html").contains("新人"));
    assert!(!read().contains("__laurel"));
}

/// A site with one award list read from `content/awards/2024.xlsx`.
pub fn xlsx_award_site(book: &[u8]) -> Site {
    Site::new()
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file(
            "content/awards/2024.md",
            &md("title = \"2024年度好人榜\"\nyear = 2024\ndata = \"2024.xlsx\"", ""),
        )
        .bytes("content/awards/2024.xlsx", book)
}

/// A workbook listing one name.
pub fn workbook_of(name: &str) -> Vec<u8> {
    crate::xlsx::workbook(&[("名单", &[&["姓名"], &[name]])])
}

/// A workbook with a cell reference past any column or row, which calamine
/// 0.38 reads by overflowing (a panic in a debug build). The cell's text
/// closes the cell the helper opens, since it writes text unescaped. Should
/// reading it be fixed, it is a plain bad file, and the tests using it still
/// check what they are for: the error names the file and watching goes on.
pub fn panicking_workbook() -> Vec<u8> {
    workbook_of("张三</t></is></c><c r=\"ZZZZZZZ99999999999\" t=\"inlineStr\"><is><t>x")
}

const AWARDS_INDEX: &str = "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n";

#[test]
fn build_watch_reports_a_rebuild_that_panics_and_keeps_watching() {
    let site = xlsx_award_site(&workbook_of("张三"));
    let running = watch(&site);
    let page = "awards/2024/index.html";
    assert!(site.read(page).contains("张三"));

    site.write("content/awards/2024.xlsx", &panicking_workbook());
    let mut said = Vec::new();
    while !said.iter().any(|l: &String| l.contains("content/awards/2024.xlsx")) {
        match running.errors.recv_timeout(Duration::from_secs(15)) {
            Ok(line) => said.push(line),
            Err(_) => panic!(
                "no error naming the workbook; stderr said {said:#?}, stdout {:?}",
                running.lines.try_iter().collect::<Vec<_>>()
            ),
        }
    }
    // One clear message: no panic report from Rust's default hook.
    std::thread::sleep(Duration::from_millis(200));
    said.extend(running.errors.try_iter());
    assert!(!said.iter().any(|l| l.contains("panicked")), "{said:#?}");
    assert!(site.read(page).contains("张三"), "the last good output stays");

    site.write("content/awards/2024.xlsx", &workbook_of("李四"));
    let read = || std::fs::read_to_string(site.out().join(page)).unwrap_or_default();
    assert!(
        eventually(Duration::from_secs(15), || read().contains("李四")),
        "the fixed workbook was not rebuilt: {}",
        read()
    );
}

/// `site` with `count` more people, so its first build takes a while.
pub fn with_people(mut site: Site, count: usize) -> Site {
    for i in 0..count {
        site = site.file(
            &format!("content/people/p{i:03}.md"),
            &md(&format!("title = \"好人{i}\""), &"事迹。".repeat(50)),
        );
    }
    site
}

#[test]
fn build_watch_rebuilds_a_save_made_during_the_first_build() {
    let site = with_people(
        Site::new()
            .file("content/people/_index.md", PEOPLE_INDEX)
            .file("content/people/zhang-san.md", &md("title = \"张三\"", "初稿。")),
        300,
    );
    let first = Instant::now();
    site.build_ok();
    let build = first.elapsed();

    let running = spawn(&site);
    // Saved while the first build renders, after it has read the story.
    std::thread::sleep(build / 2);
    site.write(
        "content/people/zhang-san.md",
        md("title = \"张三\"", "启动中的改稿。").as_bytes(),
    );
    let page = "people/zhang-san/index.html";
    let read = || std::fs::read_to_string(site.out().join(page)).unwrap_or_default();
    assert!(
        eventually(Duration::from_secs(15), || read().contains("启动中的改稿")),
        "the save made during the first build was not written: {}; laurel said {:?}",
        read(),
        running.lines.try_iter().collect::<Vec<_>>()
    );
}
