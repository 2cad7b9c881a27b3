//! Test support: a tiny HTTP/1.1 client over `TcpStream`, for the preview
//! server's tests — plain requests, raw request lines, and event streams.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// An answer: status, headers (names lower-cased), body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path`.
pub fn get(addr: SocketAddr, path: &str) -> Answer {
    request(addr, "GET", path, &[])
}

/// A request with extra headers.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    raw(addr, head.as_bytes())
}

/// Sends exactly these bytes and reads the answer until the server closes.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connect to the preview server");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    stream.write_all(bytes).expect("send request");
    let mut all = Vec::new();
    let mut chunk = [0; 8192];
    // Until the server closes, or the body has its Content-Length (some servers keep the connection).
    loop {
        let n = stream.read(&mut chunk).expect("read answer");
        all.extend_from_slice(&chunk[..n]);
        if n == 0 || complete(&all) {
            break;
        }
    }
    parse(&all)
}

fn complete(all: &[u8]) -> bool {
    let Some(end) = all.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let answer = parse(&all[..end + 4]);
    let length = answer.header("content-length").and_then(|l| l.parse::<usize>().ok());
    length.is_some_and(|length| all.len() >= end + 4 + length)
}

fn parse(all: &[u8]) -> Answer {
    let end = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(all)));
    let head = String::from_utf8_lossy(&all[..end]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        body: all[end + 4..].to_vec(),
    }
}

/// An open `text/event-stream`.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Opens the stream at `path` and checks its headers.
    pub fn open(addr: SocketAddr, path: &str) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect to the preview server");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader
                .get_ref()
                .set_read_timeout(Some(Duration::from_secs(10)))
                .expect("timeout");
            reader.read_line(&mut line).expect("read event stream headers");
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("Content-Type: text/event-stream"), "{head}");
        Events { reader }
    }

    /// The next event (name, data) within `timeout`; none if none came.
    pub fn next(&mut self, timeout: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + timeout;
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .ok()?;
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data = value.to_string();
            } else if line.is_empty() && !name.is_empty() {
                return Some((name, data));
            }
        }
    }

    /// Waits for an event called `name`, skipping others; panics after `timeout`.
    pub fn wait_for(&mut self, name: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some((n, data)) if n == name => return data,
                Some(_) => {}
                None => break,
            }
        }
        panic!("no `{name}` event within {timeout:?}");
    }
}
