//! `laurel serve` in a real browser: headless Chromium, driven over its
//! DevTools protocol, sees edits without anyone reloading the page.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

use crate::serve::{small_site, start};

const WAIT: Duration = Duration::from_secs(20);

/// Chromium: `$LAUREL_CHROMIUM`, else the usual install paths.
fn chromium() -> PathBuf {
    let candidates = std::env::var_os("LAUREL_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        );
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .expect("headless Chromium is needed: apt-get install -y chromium (or set LAUREL_CHROMIUM)")
}

/// A headless Chromium showing one page, killed when dropped.
struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, receiver) = mpsc::channel();
        // Reads the DevTools address, then keeps draining so Chromium never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(ws) = line.strip_prefix("DevTools listening on ") {
                    let _ = sender.send(ws.to_string());
                }
            }
        });
        let browser_ws = receiver
            .recv_timeout(WAIT)
            .expect("chromium prints its DevTools address");
        let host = browser_ws
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .expect("host")
            .to_string();
        let addr = host.parse().expect("DevTools address");
        let page_ws = page_socket_url(addr);
        let stream = TcpStream::connect(addr).expect("connect to DevTools");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        let (socket, _) = tungstenite::client(page_ws.as_str(), stream).expect("DevTools websocket");
        Browser {
            child,
            socket,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Evaluates `expression` in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let call = json!({"id": id, "method": "Runtime.evaluate",
            "params": {"expression": expression, "returnByValue": true}});
        self.socket
            .send(Message::text(call.to_string()))
            .expect("send to DevTools");
        loop {
            let message = self.socket.read().expect("read from DevTools");
            let Message::Text(text) = message else { continue };
            let reply: Value = serde_json::from_str(text.as_str()).expect("DevTools JSON");
            if reply["id"] == id {
                return reply["result"]["result"]["value"].clone();
            }
        }
    }

    /// Polls `expression` until it is `true`; panics with `what` after [`WAIT`].
    fn wait_until(&mut self, expression: &str, what: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.eval(expression) == Value::Bool(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let text = self.eval("document.documentElement.outerHTML");
        panic!("{what}: not seen within {WAIT:?}; page:\n{text}");
    }
}

/// The DevTools websocket of the first page Chromium shows.
fn page_socket_url(addr: std::net::SocketAddr) -> String {
    let start = Instant::now();
    loop {
        let answer = crate::http::get(addr, "/json/list");
        let targets: Value = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
        let page = targets
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == "page" && t["webSocketDebuggerUrl"].is_string());
        if let Some(page) = page {
            return page["webSocketDebuggerUrl"].as_str().unwrap_or_default().to_string();
        }
        assert!(start.elapsed() < WAIT, "no page target in {}", answer.text());
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn has_text(text: &str) -> String {
    format!("!!document.body && document.body.innerText.includes({})", json!(text))
}

#[test]
fn browser_sees_edits_without_a_manual_reload() {
    let site = small_site();
    let preview = start(&site);
    let url = format!("{}people/zhang-san/index.html", preview.url);
    let mut browser = Browser::open(&url);
    browser.wait_until(&has_text("初稿"), "the first draft");
    let start = Instant::now();
    while preview.browsers() == 0 {
        assert!(start.elapsed() < WAIT, "the page never listened for reloads");
        std::thread::sleep(Duration::from_millis(20));
    }
    // A mark that a reload would wipe out.
    browser.eval("window.laurelMark = 42");

    site.write("static/style.css", b"body { color: rgb(4, 5, 6); }\n");
    browser.wait_until(
        "getComputedStyle(document.body).color === 'rgb(4, 5, 6)'",
        "the new stylesheet",
    );
    assert_eq!(
        browser.eval("window.laurelMark"),
        json!(42),
        "a CSS change reloaded the page"
    );

    site.write(
        "content/people/zhang-san.md",
        crate::support::md("title = \"张三\"", "改稿：浏览器自己刷新了。").as_bytes(),
    );
    browser.wait_until(&has_text("改稿：浏览器自己刷新了"), "the edited text");
    assert_eq!(browser.eval("window.laurelMark === undefined"), json!(true));

    site.write(
        "content/people/zhang-san.md",
        b"+++\ntitle = \"\xe5\xbc\xa0\xe4\xb8\x89\"\nnickname = 1\n+++\n",
    );
    browser.wait_until("!!document.getElementById('laurel-errors')", "the error overlay");
    browser.wait_until(&has_text("content/people/zhang-san.md"), "the file in the overlay");
    assert!(browser.eval("document.body.innerText").to_string().contains("改稿"));

    site.write(
        "content/people/zhang-san.md",
        crate::support::md("title = \"张三\"", "修好了。").as_bytes(),
    );
    browser.wait_until(
        &format!("!document.getElementById('laurel-errors') && {}", has_text("修好了")),
        "the fixed page without the overlay",
    );
}
