//! Serve stage, who may use the editor: a token (when the preview listens
//! beyond this computer), a per-session CSRF token on every request that
//! changes a file, and a same-origin `Origin`. Pure checks, unit-tested.

use std::io::Read;

/// The cookie that carries the access token once the browser has shown it.
pub const COOKIE: &str = "laurel-edit";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "X-Laurel-Csrf";

/// The editor's secrets for one run of `laurel serve`.
#[derive(Debug, Clone)]
pub struct Access {
    /// Asked of every request when the preview listens beyond loopback.
    pub token: Option<String>,
    /// Sent with every request that changes a file.
    pub csrf: String,
}

impl Access {
    /// The editor's access for a preview bound to `bound`: none (the editor
    /// is off) beyond loopback unless `edit` was asked for, and then with a token.
    pub fn for_bind(bound: std::net::IpAddr, edit: bool) -> Option<Access> {
        let local = bound.is_loopback();
        (local || edit).then(|| Access {
            token: (!local).then(secret),
            csrf: secret(),
        })
    }

    /// Whether a request may see the editor: no token is needed, or it
    /// carries the token in `?token=` or in the cookie.
    pub fn admits(&self, query_token: Option<&str>, cookie: Option<&str>) -> bool {
        let Some(token) = &self.token else {
            return true;
        };
        let given = query_token.or_else(|| cookie.and_then(|c| cookie_value(c, COOKIE)));
        given.is_some_and(|g| same(g, token))
    }

    /// Whether a request that changes files is the editor's own: the CSRF
    /// token, JSON, and the same origin as the host it was sent to.
    pub fn allows_change(
        &self,
        csrf: Option<&str>,
        content_type: Option<&str>,
        origin: Option<&str>,
        host: Option<&str>,
    ) -> bool {
        self.allows(csrf, content_type, "application/json", origin, host)
    }

    /// Whether an upload is the editor's own: as [`Access::allows_change`],
    /// with the file as raw bytes (`application/octet-stream`) instead of JSON.
    pub fn allows_upload(
        &self,
        csrf: Option<&str>,
        content_type: Option<&str>,
        origin: Option<&str>,
        host: Option<&str>,
    ) -> bool {
        self.allows(csrf, content_type, "application/octet-stream", origin, host)
    }

    /// The CSRF token, the content type `wanted` (which no cross-site form
    /// can send), and the same origin as the host the request was sent to.
    fn allows(
        &self,
        csrf: Option<&str>,
        content_type: Option<&str>,
        wanted: &str,
        origin: Option<&str>,
        host: Option<&str>,
    ) -> bool {
        let typed = content_type.is_some_and(|t| t.trim().starts_with(wanted));
        let same_origin = match (origin, host) {
            (Some(origin), Some(host)) => origin == format!("http://{host}"),
            _ => false,
        };
        typed && same_origin && csrf.is_some_and(|c| same(c, &self.csrf))
    }
}

/// The value of cookie `name` in a `Cookie` header.
fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Compares secrets without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 128 random bits as hex, from the system's random source (or, lacking
/// one, from the standard library's randomly keyed hasher).
fn secret() -> String {
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for half in bytes.chunks_mut(8) {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_nanos(),
            );
            half.copy_from_slice(&hasher.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_is_on_at_loopback_and_asks_a_token_elsewhere() {
        let local = Access::for_bind("127.0.0.1".parse().unwrap(), false).unwrap();
        assert!(local.token.is_none());
        assert!(local.admits(None, None));
        assert!(Access::for_bind("0.0.0.0".parse().unwrap(), false).is_none());
        let open = Access::for_bind("0.0.0.0".parse().unwrap(), true).unwrap();
        let token = open.token.clone().unwrap();
        assert_eq!(token.len(), 32);
        assert!(!open.admits(None, None));
        assert!(!open.admits(Some("wrong"), None));
        assert!(open.admits(Some(&token), None));
        assert!(open.admits(None, Some(&format!("a=b; {COOKIE}={token}"))));
        assert_ne!(open.csrf, local.csrf);
    }

    #[test]
    fn changes_need_csrf_json_and_the_same_origin() {
        let access = Access::for_bind("127.0.0.1".parse().unwrap(), false).unwrap();
        let csrf = access.csrf.clone();
        let json = Some("application/json");
        let host = Some("127.0.0.1:1111");
        let origin = Some("http://127.0.0.1:1111");
        assert!(access.allows_change(Some(&csrf), json, origin, host));
        assert!(!access.allows_change(None, json, origin, host));
        assert!(!access.allows_change(Some("x"), json, origin, host));
        assert!(!access.allows_change(Some(&csrf), Some("text/plain"), origin, host));
        assert!(!access.allows_change(Some(&csrf), json, Some("http://evil.example"), host));
        assert!(!access.allows_change(Some(&csrf), json, None, host));
        let raw = Some("application/octet-stream");
        assert!(access.allows_upload(Some(&csrf), raw, origin, host));
        assert!(!access.allows_upload(Some(&csrf), json, origin, host));
        assert!(!access.allows_upload(Some(&csrf), Some("multipart/form-data"), origin, host));
        assert!(!access.allows_upload(None, raw, origin, host));
        assert!(!access.allows_upload(Some(&csrf), raw, Some("http://evil.example"), host));
    }
}
