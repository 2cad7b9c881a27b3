//! Deploy stage: AWS Signature Version 4, which Aliyun OSS, Tencent COS and
//! every S3-compatible service accept.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::credentials::Credentials;

/// One request to sign.
pub struct Request<'a> {
    pub method: &'a str,
    /// `host[:port]`, as the `Host` header sends it.
    pub host: &'a str,
    /// The path, already percent-encoded.
    pub path: &'a str,
    /// The query, already percent-encoded and sorted by name.
    pub query: &'a str,
    pub body: &'a [u8],
}

/// The headers that sign `request` at `time` (`YYYYMMDDTHHMMSSZ`, UTC):
/// `x-amz-date`, `x-amz-content-sha256`, `authorization` and, for a
/// temporary key, `x-amz-security-token`.
pub fn sign(request: &Request, key: &Credentials, region: &str, time: &str) -> Vec<(&'static str, String)> {
    let payload = hex(&Sha256::digest(request.body));
    let mut headers = vec![
        ("host", request.host.to_string()),
        ("x-amz-content-sha256", payload.clone()),
        ("x-amz-date", time.to_string()),
    ];
    if let Some(token) = &key.token {
        headers.push(("x-amz-security-token", token.clone()));
    }
    let names: Vec<&str> = headers.iter().map(|(name, _)| *name).collect();
    let signed = names.join(";");
    let canonical_headers: String = headers.iter().map(|(n, v)| format!("{n}:{}\n", v.trim())).collect();
    let canonical = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed}\n{payload}",
        request.method, request.path, request.query
    );
    let day = &time[..8];
    let scope = format!("{day}/{region}/s3/aws4_request");
    let to_sign = format!("AWS4-HMAC-SHA256\n{time}\n{scope}\n{}", hex(&Sha256::digest(canonical)));
    let mut signing_key = hmac(format!("AWS4{}", key.secret).as_bytes(), day.as_bytes());
    for part in [region, "s3", "aws4_request"] {
        signing_key = hmac(&signing_key, part.as_bytes());
    }
    let signature = hex(&hmac(&signing_key, to_sign.as_bytes()));
    headers.remove(0);
    headers.push((
        "authorization",
        format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed}, Signature={signature}",
            key.key_id
        ),
    ));
    headers
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Percent-encodes all but the unreserved characters, and `/` too unless
/// `keep_slash`.
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The "GET Bucket (List Objects)" example of the AWS documentation on
    /// signing S3 requests with Signature Version 4.
    #[test]
    fn signing_matches_the_documented_example() {
        let key = Credentials {
            key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            token: None,
        };
        let request = Request {
            method: "GET",
            host: "examplebucket.s3.amazonaws.com",
            path: "/",
            query: "max-keys=2&prefix=J",
            body: b"",
        };
        let headers = sign(&request, &key, "us-east-1", "20130524T000000Z");
        let authorization = &headers.iter().find(|(n, _)| *n == "authorization").unwrap().1;
        assert_eq!(
            authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
        );
    }

    #[test]
    fn encoding_keeps_unreserved_characters_only() {
        assert_eq!(encode("照片/a b.jpg", true), "%E7%85%A7%E7%89%87/a%20b.jpg");
        assert_eq!(encode("a/b", false), "a%2Fb");
    }
}
