//! Headless Chromium for the browser tests, driven over its DevTools protocol.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// How long a browser test waits for anything before it fails.
pub const WAIT: Duration = Duration::from_secs(20);

/// The usual install paths of Chromium, searched after `$LAUREL_CHROMIUM`
/// (tests/run.sh checks the same ones before it installs the chromium package).
const INSTALL_PATHS: [&str; 3] = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
];

/// Chromium: `$LAUREL_CHROMIUM`, else the usual install paths. Panics when
/// there is none: a browser test never passes by skipping.
fn chromium() -> PathBuf {
    let chosen = std::env::var_os("LAUREL_CHROMIUM").map(PathBuf::from);
    locate(chosen, &INSTALL_PATHS).unwrap_or_else(|missing| panic!("{missing}"))
}

/// The first of `chosen` and `paths` that is a file, or what to do when none is.
fn locate(chosen: Option<PathBuf>, paths: &[&str]) -> Result<PathBuf, String> {
    chosen
        .clone()
        .into_iter()
        .chain(paths.iter().map(PathBuf::from))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            let looked = match chosen {
                Some(path) => format!("LAUREL_CHROMIUM={}, {}", path.display(), paths.join(", ")),
                None => paths.join(", "),
            };
            format!(
                "the browser tests need headless Chromium, and none was found ({looked}): \
                 run the tests with `bash tests/run.sh`, which installs it, \
                 or set LAUREL_CHROMIUM to a Chromium or Chrome binary"
            )
        })
}

/// A headless Chromium with one tab, killed when dropped.
pub struct Browser {
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
    /// Starts Chromium showing `url`, with a fresh profile.
    pub fn start(url: &str) -> Browser {
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
        let host = browser_ws.trim_start_matches("ws://").split('/').next().expect("host");
        let addr: SocketAddr = host.parse().expect("DevTools address");
        let page_ws = page_socket(addr);
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

    /// Sends a DevTools command and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        match self.try_call(method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method} failed: {error}"),
        }
    }

    /// Sends a DevTools command and returns its result, or the error it answered with.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let call = json!({"id": id, "method": method, "params": params});
        self.socket
            .send(Message::text(call.to_string()))
            .expect("send to DevTools");
        loop {
            let Message::Text(text) = self.socket.read().expect("read from DevTools") else {
                continue;
            };
            let reply: Value = serde_json::from_str(text.as_str()).expect("DevTools JSON");
            if reply["id"] == id {
                return match reply.get("error") {
                    Some(error) if !error.is_null() => Err(error.clone()),
                    _ => Ok(reply["result"].clone()),
                };
            }
        }
    }

    /// Evaluates `expression` in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        match self.try_eval(expression) {
            Ok(value) => value,
            Err(error) => panic!("Runtime.evaluate of {expression} failed: {error}"),
        }
    }

    fn try_eval(&mut self, expression: &str) -> Result<Value, Value> {
        let params = json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
        let result = self.try_call("Runtime.evaluate", params)?;
        Ok(result["result"]["value"].clone())
    }

    /// Polls `expression` until it is `true`; panics with `what` after [`WAIT`].
    ///
    /// A poll that lands while the page is navigating away fails ("Inspected
    /// target navigated or closed"); that only means "not yet", so it is retried.
    pub fn wait_until(&mut self, expression: &str, what: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.try_eval(expression) == Ok(Value::Bool(true)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let html = self.eval("document.documentElement.outerHTML");
        panic!("{what}: not seen within {WAIT:?}; page:\n{html}");
    }

    /// Opens `url` and waits until it has loaded (a new document, not the last one).
    pub fn navigate(&mut self, url: &str) {
        self.eval("window.laurelOldPage = true");
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_until(
            "!window.laurelOldPage && document.readyState === 'complete'",
            &format!("the page at {url}"),
        );
    }

    /// The pixels the page shows in the box of the first element matching
    /// `selector`, at `scale` device pixels per CSS pixel.
    pub fn screenshot(&mut self, selector: &str, scale: f64) -> image::RgbaImage {
        let find = format!(
            "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }})()",
            json!(selector)
        );
        let [x, y, width, height]: [f64; 4] = serde_json::from_value(self.eval(&find)).expect("a box");
        let clip = json!({"x": x, "y": y, "width": width, "height": height, "scale": scale});
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "clip": clip, "captureBeyondViewport": true}),
        );
        let png = decode_base64(shot["data"].as_str().expect("a screenshot"));
        image::load_from_memory(&png).expect("a PNG").to_rgba8()
    }
}

/// Standard base64 (what DevTools sends images in) decoded.
fn decode_base64(text: &str) -> Vec<u8> {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0);
    for c in text.bytes().take_while(|&c| c != b'=') {
        let digit = DIGITS.iter().position(|&d| d == c).expect("a base64 digit");
        bits = bits << 6 | digit as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
        }
    }
    bytes
}

/// The DevTools websocket of the first page Chromium shows.
fn page_socket(addr: SocketAddr) -> String {
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

#[test]
fn a_missing_browser_fails_naming_the_test_command() {
    let missing = locate(Some(PathBuf::from("/nonexistent/chrome")), &["/nonexistent/chromium"]).unwrap_err();
    assert!(missing.contains("bash tests/run.sh"), "{missing}");
    assert!(missing.contains("LAUREL_CHROMIUM=/nonexistent/chrome"), "{missing}");
    assert!(missing.contains("/nonexistent/chromium"), "{missing}");
}

#[test]
fn the_chosen_browser_comes_first() {
    let this = std::env::current_exe().expect("test binary");
    let found = locate(Some(this.clone()), &INSTALL_PATHS).expect("found");
    assert_eq!(found, this);
}
