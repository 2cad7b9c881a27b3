//! Serve stage, HTTP details: which output file a request names, content
//! types, entity tags. Pure functions, so every rule is unit-tested.

use std::hash::{Hash, Hasher};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A request path that tries to leave the site or cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadPath;

/// The decoded path of a request URL, without its leading `/`, query or
/// fragment: `/haoren/people/%E5%BC%A0/?x` → `haoren/people/张/`. Refuses
/// anything that could name a file outside the site: `.` and `..` segments
/// (also percent-encoded, also across an encoded `/`), empty segments (`//etc`),
/// backslashes, NUL and other control characters, bad escapes, invalid UTF-8,
/// and URLs that do not start with `/`.
pub fn normalize(url: &str) -> Result<String, BadPath> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix('/').ok_or(BadPath)?;
    let text = String::from_utf8(percent_decode(rest)?).map_err(|_| BadPath)?;
    if text.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(BadPath);
    }
    let segments: Vec<&str> = text.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if (segment.is_empty() && i != last) || *segment == "." || *segment == ".." {
            return Err(BadPath);
        }
    }
    Ok(text)
}

/// A percent-encoded text decoded, if it is valid UTF-8 after decoding.
pub fn decode(text: &str) -> Option<String> {
    String::from_utf8(percent_decode(text).ok()?).ok()
}

fn percent_decode(text: &str) -> Result<Vec<u8>, BadPath> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3).ok_or(BadPath)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| BadPath)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Percent-encodes a decoded path for a `Location` header or a script URL.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a request whose `Host` header is `host` may reach a server bound
/// to `bound`: `localhost` always; an IP address if it is the bound one, any
/// loopback one when bound to loopback, any at all when bound to every
/// interface (phones on the network use the machine's address). Never
/// another name: a web page whose name was pointed at this machine (DNS
/// rebinding) must not read the drafts.
pub fn host_allowed(host: &str, bound: IpAddr) -> bool {
    let name = without_port(host);
    if name.eq_ignore_ascii_case("localhost") || name.eq_ignore_ascii_case("localhost.") {
        return true;
    }
    let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().map(IpAddr::V6).ok(),
        None => name.parse::<Ipv4Addr>().map(IpAddr::V4).ok(),
    };
    ip.is_some_and(|ip| bound.is_unspecified() || ip == bound || (bound.is_loopback() && ip.is_loopback()))
}

/// `host` without a `:port` after it: `[::1]:80` → `[::1]`.
fn without_port(host: &str) -> &str {
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => name,
        _ => host,
    }
}

/// The path part of a base URL, decoded, without its leading `/` and ending
/// in `/` unless empty: `https://x.org/haoren/` → `haoren/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    match normalize(path) {
        Ok(p) if p.is_empty() || p.ends_with('/') => p,
        Ok(p) => p + "/",
        Err(BadPath) => String::new(),
    }
}

/// Where a path inside the site leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// An output file, by its key in the output.
    File(String),
    /// A folder named without its trailing `/`: redirect, so relative links work.
    Folder,
    Missing,
}

/// Finds the output file for `rel` (a normalized path relative to the site):
/// folders serve their `index.html`.
pub fn lookup(rel: &str, exists: impl Fn(&str) -> bool) -> Lookup {
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if exists(&key) {
        Lookup::File(key)
    } else if !rel.is_empty() && !rel.ends_with('/') && exists(&format!("{rel}/index.html")) {
        Lookup::Folder
    } else {
        Lookup::Missing
    }
}

/// The `../` that lead from the folder of `rel` back to the site root.
pub fn up_to_root(rel: &str) -> String {
    "../".repeat(rel.matches('/').count())
}

/// The content type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Whether a file is HTML (gets the reload script and the error overlay).
pub fn is_html(path: &str) -> bool {
    content_type(path).starts_with("text/html")
}

/// A strong entity tag of exactly these bytes.
pub fn etag(bytes: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("\"{:016x}-{:x}\"", hasher.finish(), bytes.len())
}

/// Whether an `If-None-Match` header value matches `etag` (so: 304).
pub fn matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match
        .split(',')
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_decodes_and_strips_query() {
        assert_eq!(normalize("/").unwrap(), "");
        assert_eq!(normalize("/people/a/?x=1#top").unwrap(), "people/a/");
        assert_eq!(normalize("/haoren/%E5%BC%A0.html").unwrap(), "haoren/张.html");
        assert_eq!(normalize("/a%20b/").unwrap(), "a b/");
        assert_eq!(normalize("/style.css?laurel=123").unwrap(), "style.css");
    }

    #[test]
    fn normalize_rejects_leaving_the_site() {
        let bad = [
            "/../Cargo.toml",
            "/a/../../laurel.toml",
            "/%2e%2e/laurel.toml",
            "/%2E%2E/laurel.toml",
            "/..%2flaurel.toml",
            "/..%2Flaurel.toml",
            "/a/%2e%2e%2f%2e%2e%2flaurel.toml",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "/%2fetc/passwd",
            "/a%00b",
            "/a%5c..%5claurel.toml",
            "/a\\b",
            "/%zz",
            "/%e4",
            "/%ff",
            "http://evil/x",
            "etc/passwd",
            "",
            "*",
        ];
        for url in bad {
            assert_eq!(normalize(url), Err(BadPath), "{url}");
        }
    }

    #[test]
    fn lookup_serves_index_of_folders() {
        let files = ["index.html", "people/a/index.html", "style.css"];
        let exists = |p: &str| files.contains(&p);
        assert_eq!(lookup("", exists), Lookup::File("index.html".into()));
        assert_eq!(lookup("people/a/", exists), Lookup::File("people/a/index.html".into()));
        assert_eq!(lookup("people/a", exists), Lookup::Folder);
        assert_eq!(lookup("style.css", exists), Lookup::File("style.css".into()));
        assert_eq!(lookup("people/", exists), Lookup::Missing);
        assert_eq!(lookup("nope.html", exists), Lookup::Missing);
    }

    #[test]
    fn base_path_of_base_urls() {
        assert_eq!(base_path("https://example.org/"), "");
        assert_eq!(base_path("https://example.org"), "");
        assert_eq!(base_path("https://example.org/haoren/"), "haoren/");
        assert_eq!(base_path("https://example.org/a/haoren"), "a/haoren/");
        assert_eq!(base_path("https://example.org/%E5%A5%BD/"), "好/");
        assert_eq!(base_path("https://example.org/../x/"), "");
    }

    #[test]
    fn hosts_allowed_by_bound_address() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "localhost:1111",
            "LOCALHOST",
            "127.0.0.1:1111",
            "127.0.0.1",
            "[::1]:1111",
            "localhost.",
        ] {
            assert!(host_allowed(host, loopback), "{host}");
        }
        let everywhere: IpAddr = "0.0.0.0".parse().unwrap();
        for host in ["192.168.1.5:1111", "localhost:1111", "[fe80::1]:1111", "10.0.0.2"] {
            assert!(host_allowed(host, everywhere), "{host}");
        }
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        assert!(host_allowed("192.168.1.5:1111", lan));
        assert!(!host_allowed("192.168.1.6:1111", lan));
        for host in [
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io:1111",
            "",
            "[::1",
            "::1",
            "127.1",
        ] {
            assert!(!host_allowed(host, loopback), "{host}");
            assert!(!host_allowed(host, everywhere), "{host}");
        }
        assert!(!host_allowed("192.168.1.5:1111", loopback));
    }

    #[test]
    fn up_to_root_counts_folders() {
        assert_eq!(up_to_root(""), "");
        assert_eq!(up_to_root("index.html"), "");
        assert_eq!(up_to_root("people/"), "../");
        assert_eq!(up_to_root("a/b/index.html"), "../../");
        assert_eq!(up_to_root("a/b/"), "../../");
    }

    #[test]
    fn content_types() {
        let table = [
            ("index.html", "text/html; charset=utf-8"),
            ("a/B.HTM", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("search.js", "text/javascript; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("p/photo.JPG", "image/jpeg"),
            ("p/photo.jpeg", "image/jpeg"),
            ("a.png", "image/png"),
            ("a.webp", "image/webp"),
            ("a.gif", "image/gif"),
            ("atom.xml", "application/xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("index.json", "application/json"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("f.woff2", "font/woff2"),
            ("f.ttf", "font/ttf"),
            ("a.pdf", "application/pdf"),
            ("favicon.ico", "image/x-icon"),
            ("no-extension", "application/octet-stream"),
            (".hidden", "application/octet-stream"),
        ];
        for (path, want) in table {
            assert_eq!(content_type(path), want, "{path}");
        }
        assert!(is_html("a/index.html"));
        assert!(!is_html("a.css"));
    }

    #[test]
    fn etags_match() {
        let tag = etag(b"hello");
        assert_eq!(tag, etag(b"hello"));
        assert_ne!(tag, etag(b"hello!"));
        assert!(matches(&tag, &tag));
        assert!(matches(&format!("\"x\", {tag}"), &tag));
        assert!(matches(&format!("W/{tag}"), &tag));
        assert!(matches("*", &tag));
        assert!(!matches("\"other\"", &tag));
    }

    #[test]
    fn encode_path_escapes_non_ascii() {
        assert_eq!(encode_path("haoren/张/"), "haoren/%E5%BC%A0/");
        assert_eq!(encode_path("a b\"<"), "a%20b%22%3C");
    }
}
