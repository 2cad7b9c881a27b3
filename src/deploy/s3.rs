//! Deploy stage: a bucket of an S3-compatible service, over HTTP(S) with
//! requests signed by [`sigv4`](super::sigv4).

use std::time::Duration;

use super::credentials::Credentials;
use super::manifest::{Entry, MANIFEST_FILE, Manifest};
use super::sigv4::{self, Request};
use super::store::Store;
use super::target::Bucket;
use crate::error::{Diagnostic, Result};
use crate::i18n::{Message, msg};

/// Tries of one request before it fails: network errors, `429` and `5xx`
/// answers are tried again after a pause that doubles each time.
const TRIES: u32 = 4;

/// A bucket, reached with one pooled HTTP agent.
pub struct S3 {
    bucket: Bucket,
    key: Credentials,
    agent: ureq::Agent,
    /// `http(s)://host[:port]` the requests go to.
    base: String,
    /// The `Host` header (signed).
    host: String,
    /// The path before an object's key: `/bucket/` (path style) or `/`.
    root: String,
}

/// An answer: its status and body.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

impl S3 {
    pub fn new(bucket: Bucket, key: Credentials) -> S3 {
        let (scheme, authority) = bucket
            .endpoint
            .split_once("://")
            .expect("a resolved endpoint has a scheme");
        let (host, root) = if bucket.path_style {
            (authority.to_string(), format!("/{}/", bucket.bucket))
        } else {
            (format!("{}.{authority}", bucket.bucket), "/".to_string())
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .max_idle_connections_per_host(32)
            .build()
            .into();
        S3 {
            base: format!("{scheme}://{host}"),
            host,
            root,
            bucket,
            key,
            agent,
        }
    }

    /// Sends one signed request, trying again on failures that may pass.
    fn send(&self, method: &str, key: &str, query: &str, body: &[u8], headers: &[(&str, &str)]) -> Result<Answer> {
        let path = format!("{}{}", self.root, sigv4::encode(key, true));
        let mut pause = Duration::from_millis(250);
        for attempt in 1..=TRIES {
            let outcome = self.send_once(method, &path, query, body, headers);
            let retry = match &outcome {
                Ok(answer) => answer.status == 429 || answer.status >= 500,
                Err(_) => true,
            };
            if !retry || attempt == TRIES {
                return outcome.map_err(|cause| {
                    Diagnostic::error(
                        "",
                        msg::deploy_unreachable(&self.bucket.endpoint, key, network_reason(&cause)),
                    )
                    .hint(msg::deploy_unreachable_hint())
                    .into()
                });
            }
            std::thread::sleep(pause);
            pause *= 2;
        }
        unreachable!("the last try returns")
    }

    fn send_once(
        &self,
        method: &str,
        path: &str,
        query: &str,
        body: &[u8],
        headers: &[(&str, &str)],
    ) -> std::result::Result<Answer, ureq::Error> {
        let time = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
        let request = Request {
            method,
            host: &self.host,
            path,
            query,
            body,
        };
        let signed = sigv4::sign(&request, &self.key, &self.bucket.region, &time);
        let url = match query {
            "" => format!("{}{path}", self.base),
            q => format!("{}{path}?{q}", self.base),
        };
        let builder = ureq::http::Request::builder().method(method).uri(url);
        let builder = signed.iter().fold(builder, |b, (n, v)| b.header(*n, v));
        let builder = headers.iter().fold(builder, |b, (n, v)| b.header(*n, *v));
        let request = builder.body(body).map_err(ureq::Error::from)?;
        let mut response = self.agent.run(request)?;
        let status = response.status().as_u16();
        let body = response.body_mut().with_config().limit(64 << 20).read_to_vec()?;
        Ok(Answer { status, body })
    }

    /// The error for an answer the service refused.
    fn refused(&self, what: Message, answer: &Answer) -> crate::Error {
        let text = String::from_utf8_lossy(&answer.body);
        let code = xml_text(&text, "Code").unwrap_or_default();
        let message = xml_text(&text, "Message").unwrap_or_default();
        let hint = match (answer.status, code.as_str()) {
            (404, "NoSuchBucket") => msg::deploy_no_such_bucket_hint(),
            (403, _) | (401, _) => msg::deploy_access_denied_hint(),
            (301 | 307 | 400, _) => msg::deploy_wrong_region_hint(),
            _ => msg::deploy_try_later_hint(),
        };
        let refused = msg::deploy_refused(self.describe(), answer.status, code, message, what);
        Diagnostic::error("", refused).hint(hint).into()
    }

    fn key(&self, path: &str) -> String {
        format!("{}{path}", self.bucket.prefix)
    }
}

impl Store for S3 {
    fn describe(&self) -> String {
        format!("s3://{}/{}", self.bucket.bucket, self.bucket.prefix)
    }

    fn read(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let answer = self.send("GET", &self.key(path), "", b"", &[])?;
        match answer.status {
            200 => Ok(Some(answer.body)),
            404 => Ok(None),
            _ => Err(self.refused(msg::deploy_refused_read(path), &answer)),
        }
    }

    fn list(&self) -> Result<Manifest> {
        let mut manifest = Manifest::default();
        let mut token: Option<String> = None;
        loop {
            let mut query = String::new();
            if let Some(token) = &token {
                query.push_str(&format!("continuation-token={}&", sigv4::encode(token, false)));
            }
            query.push_str(&format!(
                "list-type=2&prefix={}",
                sigv4::encode(&self.bucket.prefix, false)
            ));
            let answer = self.send("GET", "", &query, b"", &[])?;
            if answer.status != 200 {
                return Err(self.refused(msg::deploy_refused_list(), &answer));
            }
            let text = String::from_utf8_lossy(&answer.body);
            for object in text.split("<Contents>").skip(1) {
                let (Some(key), Some(size)) = (xml_text(object, "Key"), xml_text(object, "Size")) else {
                    continue;
                };
                let Some(path) = key.strip_prefix(&self.bucket.prefix).filter(|p| *p != MANIFEST_FILE) else {
                    continue;
                };
                let etag = xml_text(object, "ETag").unwrap_or_default();
                let md5 = etag.trim_matches('"').to_ascii_lowercase();
                let md5 = if md5.len() == 32 && md5.bytes().all(|b| b.is_ascii_hexdigit()) {
                    md5
                } else {
                    String::new()
                };
                let size = size.parse().unwrap_or(u64::MAX);
                manifest.files.insert(path.to_string(), Entry { md5, size });
            }
            token = xml_text(&text, "NextContinuationToken").filter(|_| text.contains("<IsTruncated>true"));
            if token.is_none() {
                return Ok(manifest);
            }
        }
    }

    fn write(&self, path: &str, body: &[u8], content_type: &str, cache_control: &str) -> Result<()> {
        let headers = [("content-type", content_type), ("cache-control", cache_control)];
        let answer = self.send("PUT", &self.key(path), "", body, &headers)?;
        match answer.status {
            200 | 201 | 204 => Ok(()),
            _ => Err(self.refused(msg::deploy_refused_store(path), &answer)),
        }
    }

    fn remove(&self, path: &str) -> Result<()> {
        let answer = self.send("DELETE", &self.key(path), "", b"", &[])?;
        match answer.status {
            200 | 202 | 204 | 404 => Ok(()),
            _ => Err(self.refused(msg::deploy_refused_delete(path), &answer)),
        }
    }

    fn parallelism(&self) -> usize {
        16
    }
}

/// The text of the first `<tag>` element in `xml`, unescaped.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    let raw = &xml[start..end];
    quick_xml::escape::unescape(raw).ok().map(|text| text.into_owned())
}

/// Why a request did not reach the storage, from the catalogue by its kind.
fn network_reason(cause: &ureq::Error) -> Message {
    let detail = cause.to_string();
    match cause {
        ureq::Error::Io(io) => crate::error::io_reason(io),
        ureq::Error::HostNotFound => msg::deploy_no_such_host(detail),
        ureq::Error::Timeout(_) => msg::deploy_timed_out(detail),
        ureq::Error::ConnectionFailed => msg::deploy_connection_failed(detail),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => msg::deploy_secure_connection(detail),
        _ => Message::plain(detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_reads_escaped_keys() {
        let xml = "<Contents><Key>a&amp;b.html</Key><ETag>&quot;abc&quot;</ETag></Contents>";
        assert_eq!(xml_text(xml, "Key").as_deref(), Some("a&b.html"));
        assert_eq!(xml_text(xml, "ETag").as_deref(), Some("\"abc\""));
        assert_eq!(xml_text(xml, "Size"), None);
    }
}
