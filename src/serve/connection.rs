//! Serve stage, one connection: reads each request's head within a time and
//! a size limit, refuses foreign `Host` names, and hands each request on to
//! be answered for as long as the browser keeps the connection.

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Shutdown, TcpStream};
use std::time::{Duration, Instant};

use tiny_http::{HTTPVersion, Header, Response};

use super::http;
use super::limits::{HEAD_BYTES, HEAD_TIMEOUT, Pass, WRITE_TIMEOUT};
use super::request::{Head, Link, Request, Unreadable};
use super::respond::{self, Shared};
use crate::i18n::{Message, msg};

/// How long a refused client may go on sending before the connection closes
/// (so that it reads the refusal rather than a reset connection).
const LINGER: Duration = Duration::from_secs(1);

/// Why no head was read.
#[derive(Debug, PartialEq, Eq)]
enum Cut {
    /// The client closed the connection, or left it idle.
    Closed,
    /// The client started a head but did not finish it in time.
    Slow,
    /// The head grew past [`HEAD_BYTES`].
    TooLarge,
}

/// Answers the requests of one connection, counted by `pass`, for a server
/// bound to `bound`.
pub fn serve(stream: TcpStream, pass: Pass, bound: IpAddr, shared: &Shared) {
    if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() {
        return;
    }
    let mut link = Link {
        stream: Some(stream),
        pass,
        closing: false,
        unread: Vec::new(),
        linger: false,
    };
    while !link.closing
        && let Some(stream) = &link.stream
    {
        let head = match read_head(stream, &mut link.unread) {
            Ok(bytes) => Head::parse(&bytes),
            Err(Cut::Closed) => return,
            Err(Cut::Slow) => Err(Unreadable(408)),
            Err(Cut::TooLarge) => Err(Unreadable(431)),
        };
        match head {
            Ok(head) if !http::host_allowed(head.header("Host").unwrap_or_default(), bound) => {
                return refuse(stream, 421, &said(msg::serve_reply_foreign_host(), shared));
            }
            Ok(head) => respond::respond(Request::new(head, &mut link), shared),
            Err(Unreadable(status)) => return refuse(stream, status, &said(reason(status), shared)),
        }
    }
    if link.linger
        && let Some(stream) = &link.stream
    {
        linger(stream);
    }
}

/// `message` in the site's language, on a line of its own.
fn said(message: Message, shared: &Shared) -> String {
    format!("{}\n", message.in_lang(shared.lang()))
}

fn reason(status: u16) -> Message {
    match status {
        408 => msg::serve_reply_slow(),
        431 => msg::serve_reply_headers_too_large(),
        505 => msg::serve_reply_http_version(),
        _ => msg::serve_reply_bad_request(),
    }
}

/// Reads the next request head from `stream` into `unread`, within
/// [`HEAD_TIMEOUT`] and [`HEAD_BYTES`], and returns it without its ending
/// empty line; bytes after it stay in `unread` for the next request.
fn read_head(mut stream: &TcpStream, unread: &mut Vec<u8>) -> Result<Vec<u8>, Cut> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut searched = 0;
    let mut chunk = [0; 4096];
    loop {
        if let Some(end) = unread[searched..].windows(4).position(|w| w == b"\r\n\r\n") {
            let end = searched + end;
            if end > HEAD_BYTES {
                return Err(Cut::TooLarge);
            }
            let head = unread[..end].to_vec();
            unread.drain(..end + 4);
            return Ok(head);
        }
        if unread.len() > HEAD_BYTES {
            return Err(Cut::TooLarge);
        }
        searched = unread.len().saturating_sub(3);
        let started = if unread.is_empty() { Cut::Closed } else { Cut::Slow };
        let Some(left) = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) else {
            return Err(started);
        };
        stream.set_read_timeout(Some(left)).map_err(|_| Cut::Closed)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(Cut::Closed),
            Ok(n) => unread.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return Err(started),
            Err(_) => return Err(Cut::Closed),
        }
    }
}

/// Answers `status` with `text` and closes the connection, after reading
/// (and dropping) what the client still sends for at most [`LINGER`].
fn refuse(mut stream: &TcpStream, status: u16, text: &str) {
    let mut response = Response::from_string(text).with_status_code(status);
    if let Ok(header) = Header::from_bytes("Content-Type", "text/plain; charset=utf-8") {
        response.add_header(header);
    }
    let sent = response
        .raw_print(&mut stream, HTTPVersion(1, 1), &[], false, None)
        .and_then(|()| stream.flush());
    if sent.is_ok() {
        linger(stream);
    }
}

/// Closes the writing half of `stream` and reads (and drops) what the client
/// still sends for at most [`LINGER`].
fn linger(mut stream: &TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut chunk = [0; 4096];
    while let Some(left) = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) {
        if stream.set_read_timeout(Some(left)).is_err() || !matches!(stream.read(&mut chunk), Ok(1..)) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A connected pair: what the client sends, the server reads.
    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (client, listener.accept().unwrap().0)
    }

    #[test]
    fn reads_heads_one_after_another() {
        let (mut client, server) = pair();
        client
            .write_all(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n")
            .unwrap();
        let mut unread = Vec::new();
        assert_eq!(read_head(&server, &mut unread).unwrap(), b"GET /a HTTP/1.1\r\nHost: x");
        assert_eq!(read_head(&server, &mut unread).unwrap(), b"GET /b HTTP/1.1");
        drop(client);
        assert_eq!(read_head(&server, &mut unread), Err(Cut::Closed));
    }

    #[test]
    fn stops_reading_a_head_past_the_limit() {
        let (mut client, server) = pair();
        let mut line = b"GET / HTTP/1.1\r\nX: ".to_vec();
        line.resize(HEAD_BYTES + 10_000, b'a');
        client.write_all(&line).unwrap();
        let mut unread = Vec::new();
        assert_eq!(read_head(&server, &mut unread), Err(Cut::TooLarge));
        assert!(unread.len() <= HEAD_BYTES + 4096, "read {} bytes", unread.len());
    }
}
