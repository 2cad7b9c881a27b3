//! Load stage: the `[deploy.NAME]` targets of `laurel.toml`, and the traps a
//! target can fall into (an OSS/COS default domain, a `base_url` elsewhere).

use std::path::PathBuf;

use serde::Deserialize;

use crate::config::CONFIG_FILE;
use crate::error::Diagnostic;
use crate::i18n::{Message, msg};

/// One place `laurel deploy` can publish the site to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The `NAME` of `[deploy.NAME]`.
    pub name: String,
    pub destination: Destination,
}

/// Where a target's files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A bucket of any S3-compatible service (Aliyun OSS, Tencent COS, MinIO…).
    Bucket(Bucket),
    /// A folder: absolute, or relative to the site root.
    Folder(PathBuf),
}

/// `url = "s3://bucket/prefix"` with its `endpoint` and `region`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub bucket: String,
    /// Empty, or the folder inside the bucket ending in `/`.
    pub prefix: String,
    /// `http(s)://host[:port]`, without a trailing `/`.
    pub endpoint: String,
    pub region: String,
    /// Address the bucket in the path (`endpoint/bucket/…`) instead of the
    /// host name (`bucket.endpoint/…`); the default for loopback addresses.
    pub path_style: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    url: Option<String>,
    endpoint: Option<String>,
    region: Option<String>,
    path_style: Option<bool>,
}

/// Resolves the `[deploy]` table of `laurel.toml` (whose `text` is given to
/// find lines). An access key written there is an error: the file travels
/// with the site's sources.
pub fn resolve_targets(table: &toml::Table, text: &str) -> Result<Vec<Target>, Diagnostic> {
    let mut targets = Vec::new();
    for (name, value) in table {
        let header = format!("[deploy.{name}]");
        let at = |d: Diagnostic| d.at(line_of(text, &header));
        let Some(keys) = value.as_table() else {
            return Err(at(Diagnostic::error(CONFIG_FILE, msg::deploy_not_a_table(name))
                .hint(msg::deploy_not_a_table_hint(&header))));
        };
        if let Some(key) = keys.keys().find(|k| is_credential(k)) {
            return Err(
                Diagnostic::error(CONFIG_FILE, msg::deploy_credential_in_config(&header, key))
                    .at(line_in_table(text, &header, key))
                    .hint(msg::deploy_credential_in_config_hint()),
            );
        }
        let raw: RawTarget = value.clone().try_into().map_err(|e: toml::de::Error| {
            at(Diagnostic::error(
                CONFIG_FILE,
                msg::deploy_target_invalid(&header, crate::error::toml_message(e.message().trim_end())),
            )
            .hint(msg::deploy_target_invalid_hint()))
        })?;
        let destination = resolve_destination(raw, &header).map_err(at)?;
        targets.push(Target {
            name: name.clone(),
            destination,
        });
    }
    Ok(targets)
}

fn resolve_destination(raw: RawTarget, header: &str) -> Result<Destination, Diagnostic> {
    let error = |message: Message, hint: Message| Diagnostic::error(CONFIG_FILE, message).hint(hint);
    let Some(url) = raw.url else {
        return Err(error(msg::deploy_needs_url(header), msg::deploy_needs_url_hint()));
    };
    if let Some(rest) = url.strip_prefix("s3://") {
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if !valid_bucket(bucket) {
            return Err(error(
                msg::deploy_bad_bucket(header, format!("{bucket:?}")),
                msg::deploy_bad_bucket_hint(),
            ));
        }
        let Some(endpoint) = raw.endpoint else {
            return Err(error(
                msg::deploy_needs_endpoint(header, &url),
                msg::deploy_needs_endpoint_hint(),
            ));
        };
        let endpoint = endpoint.trim_end_matches('/').to_string();
        let authority = endpoint
            .strip_prefix("https://")
            .or_else(|| endpoint.strip_prefix("http://"));
        if authority.is_none_or(|a| a.is_empty() || a.contains(['/', '?', '#'])) {
            return Err(error(
                msg::deploy_bad_endpoint(header, format!("{endpoint:?}")),
                msg::deploy_bad_endpoint_hint(),
            ));
        }
        let prefix = prefix.trim_matches('/');
        let host = host_of(&endpoint).unwrap_or_default();
        let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok();
        return Ok(Destination::Bucket(Bucket {
            bucket: bucket.to_string(),
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
            path_style: raw.path_style.unwrap_or(loopback),
            endpoint,
            region: raw.region.unwrap_or_else(|| "us-east-1".to_string()),
        }));
    }
    if raw.endpoint.is_some() || raw.region.is_some() || raw.path_style.is_some() {
        return Err(error(
            msg::deploy_bucket_keys_on_folder(header, &url),
            msg::deploy_bucket_keys_on_folder_hint(),
        ));
    }
    let path = url.strip_prefix("file://").unwrap_or(&url);
    if path.is_empty() || path.contains("://") {
        return Err(error(
            msg::deploy_bad_url(header, format!("{url:?}")),
            msg::deploy_bad_url_hint(),
        ));
    }
    Ok(Destination::Folder(PathBuf::from(path)))
}

/// Keys that name a secret, whatever their spelling.
fn is_credential(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["access_key", "accesskey", "secret", "token", "password", "credential"]
        .iter()
        .any(|word| key.contains(word))
}

fn valid_bucket(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

/// The host of an `http(s)://host[:port][/…]` address.
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    Some(authority.rsplit_once(':').map_or(authority, |(host, _)| host))
}

/// The line of `header`, if `text` has one.
fn line_of(text: &str, header: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(header))
        .map(|i| i + 1)
}

/// The line of `key` inside the table that `header` opens.
fn line_in_table(text: &str, header: &str, key: &str) -> Option<usize> {
    let start = line_of(text, header)?;
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| l.trim_start().starts_with(key))
        .map(|(i, _)| i + 1)
}

/// Warnings about where the site will be seen: an Aliyun OSS or Tencent COS
/// default bucket domain (which makes browsers download HTML pages instead
/// of showing them), and a `base_url` whose path does not end in the
/// target's folder inside its bucket.
pub fn traps(target: &Target, base_url: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let header = format!("[deploy.{}]", target.name);
    let default_domain = |host: &str| {
        let host = host.to_ascii_lowercase();
        (host.ends_with(".aliyuncs.com") && host.contains("oss-")) || host.ends_with(".myqcloud.com")
    };
    let base_host = host_of(base_url).unwrap_or_default();
    if ["example.org", "example.com", "localhost", "127.0.0.1"].contains(&base_host) {
        warnings.push(
            Diagnostic::warning(CONFIG_FILE, msg::deploy_base_url_example(base_url))
                .hint(msg::deploy_base_url_example_hint()),
        );
    }
    if default_domain(base_host) {
        warnings.push(default_domain_warning(msg::deploy_default_domain_base_url(base_url)));
    }
    let Destination::Bucket(bucket) = &target.destination else {
        return warnings;
    };
    let endpoint_host = host_of(&bucket.endpoint).unwrap_or_default();
    if default_domain(endpoint_host) && endpoint_host.starts_with(&format!("{}.", bucket.bucket)) {
        warnings.push(default_domain_warning(msg::deploy_default_domain_endpoint(
            &header,
            &bucket.endpoint,
        )));
    }
    let base_path = base_url.splitn(4, '/').nth(3).unwrap_or("").trim_end_matches('/');
    let prefix = bucket.prefix.trim_end_matches('/');
    if !base_path.ends_with(prefix) || (prefix.is_empty() && !base_path.is_empty() && !default_domain(base_host)) {
        warnings.push(
            Diagnostic::warning(
                CONFIG_FILE,
                msg::deploy_folder_elsewhere(base_url, &header, &bucket.prefix, &bucket.bucket),
            )
            .hint(msg::deploy_folder_elsewhere_hint()),
        );
    }
    warnings
}

fn default_domain_warning(what: Message) -> Diagnostic {
    Diagnostic::warning(CONFIG_FILE, msg::deploy_default_domain(what)).hint(msg::deploy_default_domain_hint())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str) -> Result<Vec<Target>, Diagnostic> {
        let table: toml::Table = toml::from_str(text).unwrap();
        resolve_targets(table["deploy"].as_table().unwrap(), text)
    }

    #[test]
    fn an_s3_url_names_bucket_and_folder() {
        let targets = resolve(
            "[deploy.oss]\nurl = \"s3://qinghe/haoren/\"\nendpoint = \"https://oss-cn-beijing.aliyuncs.com/\"\nregion = \"oss-cn-beijing\"\n",
        )
        .unwrap();
        let Destination::Bucket(bucket) = &targets[0].destination else {
            panic!()
        };
        assert_eq!(bucket.bucket, "qinghe");
        assert_eq!(bucket.prefix, "haoren/");
        assert_eq!(bucket.endpoint, "https://oss-cn-beijing.aliyuncs.com");
        assert!(!bucket.path_style);
        let local = resolve("[deploy.t]\nurl = \"s3://site\"\nendpoint = \"http://127.0.0.1:9000\"\n").unwrap();
        let Destination::Bucket(bucket) = &local[0].destination else {
            panic!()
        };
        assert_eq!((bucket.prefix.as_str(), bucket.path_style), ("", true));
    }

    #[test]
    fn a_file_url_or_a_path_is_a_folder() {
        let targets =
            resolve("[deploy.usb]\nurl = \"file:///mnt/usb/site\"\n[deploy.near]\nurl = \"../www\"\n").unwrap();
        assert_eq!(targets[0].destination, Destination::Folder("/mnt/usb/site".into()));
        assert_eq!(targets[1].destination, Destination::Folder("../www".into()));
    }

    #[test]
    fn a_credential_is_refused_with_its_line() {
        let text = "title = \"x\"\n[deploy.oss]\nurl = \"s3://abc/x\"\naccess_key_id = \"LTAI5t\"\n";
        let d = resolve(text).unwrap_err();
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("`access_key_id`"), "{d}");
        assert!(d.hint.unwrap().contains("AWS_ACCESS_KEY_ID"));
    }

    #[test]
    fn an_s3_url_needs_an_endpoint() {
        let d = resolve("[deploy.oss]\nurl = \"s3://abc/x\"\n").unwrap_err();
        assert!(d.message.contains("needs an `endpoint`"), "{d}");
        assert_eq!(d.line, Some(1));
    }

    #[test]
    fn default_domains_and_a_folder_elsewhere_are_warned_about() {
        let oss = |url: &str, endpoint: &str| Target {
            name: "oss".into(),
            destination: Destination::Bucket(Bucket {
                bucket: "qinghe".into(),
                prefix: url.into(),
                endpoint: endpoint.into(),
                region: "r".into(),
                path_style: false,
            }),
        };
        let endpoint = "https://oss-cn-beijing.aliyuncs.com";
        assert!(traps(&oss("haoren/", endpoint), "https://www.qinghe.gov.cn/haoren/").is_empty());
        let example = traps(&oss("haoren/", endpoint), "https://example.org/haoren/");
        assert!(
            example[0].message.contains("is still https://example.org/haoren/"),
            "{example:?}"
        );
        let on_default = traps(&oss("", endpoint), "https://qinghe.oss-cn-beijing.aliyuncs.com/");
        assert_eq!(on_default.len(), 1, "{on_default:?}");
        assert!(on_default[0].message.contains("download"));
        let cos = traps(&oss("", endpoint), "https://qinghe-125.cos.ap-beijing.myqcloud.com/");
        assert!(cos[0].message.contains("Tencent COS"));
        let elsewhere = traps(&oss("haoren/", endpoint), "https://www.qinghe.gov.cn/news/");
        assert!(
            elsewhere[0].message.contains("puts the site in /haoren/"),
            "{elsewhere:?}"
        );
    }
}
