//! Serve stage, one request: its head parsed from the bytes a connection
//! read (tiny_http parses the method and headers and encodes the answer),
//! and the connection to answer on.

use std::io::{BufWriter, Read, Write};
use std::net::TcpStream;
use std::str::FromStr;

use tiny_http::{HTTPVersion, Header, Method, Response};

use super::limits::{BODY_TIMEOUT, Pass};

/// A request's head: request line and headers.
#[derive(Debug)]
pub struct Head {
    pub method: Method,
    pub url: String,
    pub version: HTTPVersion,
    pub headers: Vec<Header>,
}

/// Why a head cannot be answered normally: the status to answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable(pub u16);

impl Head {
    /// Parses `bytes`, a request line and headers each ending in CRLF,
    /// without the empty line that ends the head.
    pub fn parse(bytes: &[u8]) -> Result<Head, Unreadable> {
        let text = std::str::from_utf8(bytes).map_err(|_| Unreadable(400))?;
        let mut lines = text.split("\r\n");
        let mut parts = lines.next().unwrap_or_default().split(' ');
        let (Some(method), Some(url), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Unreadable(400));
        };
        let version = match version {
            "HTTP/1.1" => HTTPVersion(1, 1),
            "HTTP/1.0" => HTTPVersion(1, 0),
            v if v.starts_with("HTTP/") => return Err(Unreadable(505)),
            _ => return Err(Unreadable(400)),
        };
        let headers = lines
            .filter(|line| !line.is_empty())
            .map(|line| Header::from_str(line.trim()).map_err(|()| Unreadable(400)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Head {
            method: Method::from_str(method).map_err(|()| Unreadable(400))?,
            url: url.to_string(),
            version,
            headers,
        })
    }

    /// The value of the first header called `name`.
    pub fn header(&self, name: &'static str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str())
    }

    /// Whether the client wants the connection kept for another request,
    /// and this one left nothing unread (no body).
    pub fn keeps_alive(&self) -> bool {
        let connection = self.header("Connection").unwrap_or_default().to_ascii_lowercase();
        let wanted = if self.version == (1, 0) {
            connection.contains("keep-alive")
        } else {
            !connection.contains("close")
        };
        let no_body = self.header("Transfer-Encoding").is_none()
            && self.header("Content-Length").is_none_or(|length| length.trim() == "0");
        wanted && no_body
    }
}

/// The connection a request came on, as far as answering needs it.
pub struct Link {
    /// Gone once the connection became an event stream.
    pub stream: Option<TcpStream>,
    pub pass: Pass,
    /// Set once no further request will be read.
    pub closing: bool,
    /// Bytes read past the last request's head: the start of its body, or
    /// of the next request.
    pub unread: Vec<u8>,
    /// Set when a body was left unread: the connection reads (and drops)
    /// what the client still sends before it closes, so the client reads
    /// the answer rather than a reset.
    pub linger: bool,
}

/// A request, answered once with [`Request::respond`] or turned into an
/// event stream.
pub struct Request<'a> {
    head: Head,
    link: &'a mut Link,
}

impl<'a> Request<'a> {
    pub fn new(head: Head, link: &'a mut Link) -> Request<'a> {
        Request { head, link }
    }

    pub fn method(&self) -> &Method {
        &self.head.method
    }

    /// The request target as sent: `/haoren/?x`.
    pub fn url(&self) -> &str {
        &self.head.url
    }

    pub fn headers(&self) -> &[Header] {
        &self.head.headers
    }

    /// The value of the first header called `name`.
    pub fn header(&self, name: &'static str) -> Option<&str> {
        self.head.header(name)
    }

    /// Reads the request's body, announced by `Content-Length`, within
    /// [`BODY_TIMEOUT`] and at most `most` bytes; on failure the status to
    /// answer with (`411` without a length, `413` when too large, `408`
    /// when too slow), and the connection closes after the answer.
    pub fn read_body(&mut self, most: usize) -> Result<Vec<u8>, u16> {
        let link = &mut *self.link;
        let length = match (
            self.head.header("Transfer-Encoding"),
            self.head.header("Content-Length"),
        ) {
            (None, None) => Ok(0),
            (None, Some(length)) => length.trim().parse::<usize>().map_err(|_| 400u16),
            (Some(_), _) => Err(411),
        }
        .inspect_err(|_| {
            link.closing = true;
            link.linger = true;
        })?;
        if length > most {
            link.closing = true;
            link.linger = true;
            return Err(413);
        }
        let mut body: Vec<u8> = link.unread.drain(..length.min(link.unread.len())).collect();
        let deadline = std::time::Instant::now() + BODY_TIMEOUT;
        let mut chunk = [0; 16 * 1024];
        while body.len() < length {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let read = match &link.stream {
                Some(stream) if !left.is_zero() => stream
                    .set_read_timeout(Some(left))
                    .and_then(|()| (&*stream).read(&mut chunk[..(length - body.len()).min(16 * 1024)])),
                _ => Ok(0),
            };
            match read {
                Ok(0) | Err(_) => {
                    link.closing = true;
                    return Err(408);
                }
                Ok(n) => body.extend_from_slice(&chunk[..n]),
            }
        }
        Ok(body)
    }

    /// Sends `response` (without a body for `HEAD`). The connection closes
    /// after it unless the client keeps it alive.
    pub fn respond<R: Read>(self, response: Response<R>) -> std::io::Result<()> {
        let link = self.link;
        link.closing |= !self.head.keeps_alive();
        let Some(stream) = &link.stream else {
            return Ok(());
        };
        let mut writer = BufWriter::new(stream);
        let head = self.head;
        let result = response
            .raw_print(
                &mut writer,
                head.version,
                &head.headers,
                head.method == Method::Head,
                None,
            )
            .and_then(|()| writer.flush());
        link.closing |= result.is_err();
        result
    }

    /// The connection, to be written to as an event stream; gives the
    /// request back when as many streams are open as allowed.
    pub fn into_stream(self) -> Result<EventStream, Request<'a>> {
        let Some(pass) = self.link.pass.stream() else {
            return Err(self);
        };
        match self.link.stream.take() {
            Some(stream) => Ok(EventStream { stream, _pass: pass }),
            None => Err(self),
        }
    }
}

/// A connection that carries server-sent events until the browser leaves.
pub struct EventStream {
    stream: TcpStream,
    _pass: Pass,
}

impl EventStream {
    /// Whether the browser still listens: it sends nothing on an event
    /// stream, so a readable end of file means it has gone.
    pub fn is_open(&self) -> bool {
        if self.stream.set_nonblocking(true).is_err() {
            return false;
        }
        let open = match self.stream.peek(&mut [0]) {
            Ok(n) => n > 0,
            Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
        };
        open && self.stream.set_nonblocking(false).is_ok()
    }
}

impl Write for EventStream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.stream.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_request_head() {
        let head = Head::parse(b"GET /haoren/?x HTTP/1.1\r\nHost: localhost:1111\r\nAccept: */*").unwrap();
        assert_eq!(head.method, Method::Get);
        assert_eq!(head.url, "/haoren/?x");
        assert_eq!(head.version, (1, 1));
        assert_eq!(head.header("host"), Some("localhost:1111"));
        assert!(head.keeps_alive());
    }

    #[test]
    fn refuses_bad_heads() {
        for (bytes, status) in [
            (&b"GET /"[..], 400),
            (b"GET / HTTP/1.1 x", 400),
            (b"GET / FTP/1.1", 400),
            (b"GET / HTTP/2.0", 505),
            (b"GET / HTTP/1.1\r\nno colon", 400),
            (b"GET / HTTP/1.1\r\nX: \xff", 400),
        ] {
            assert_eq!(
                Head::parse(bytes).unwrap_err(),
                Unreadable(status),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn keeps_alive_unless_asked_or_a_body_follows() {
        let keeps = |head: &str| Head::parse(head.as_bytes()).unwrap().keeps_alive();
        assert!(keeps("GET / HTTP/1.1"));
        assert!(!keeps("GET / HTTP/1.1\r\nConnection: close"));
        assert!(!keeps("GET / HTTP/1.0"));
        assert!(keeps("GET / HTTP/1.0\r\nConnection: Keep-Alive"));
        assert!(keeps("POST / HTTP/1.1\r\nContent-Length: 0"));
        assert!(!keeps("POST / HTTP/1.1\r\nContent-Length: 5"));
        assert!(!keeps("POST / HTTP/1.1\r\nTransfer-Encoding: chunked"));
    }
}
