//! `laurel build --watch`: the real binary rebuilds the output folder after an edit.

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
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `laurel build --watch` and waits for it to say it is watching.
fn watch(site: &Site) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_laurel"))
        .args(["build", "--watch", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run laurel build --watch");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let running = Running { child, lines };
    let line = running
        .lines
        .recv_timeout(Duration::from_secs(30))
        .expect("laurel build --watch says what it built");
    assert!(line.contains("watching for changes"), "{line}");
    running
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
