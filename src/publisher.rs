//! Load stage: `[publisher]` in `laurel.toml`, the public body that runs the
//! site, and the registration links a Chinese government site must show.

use serde::{Deserialize, Serialize};

use crate::config::CONFIG_FILE;
use crate::error::Diagnostic;
use crate::i18n::msg;

/// Where an ICP 备案 number links: the MIIT registration system.
const ICP_URL: &str = "https://beian.miit.gov.cn/";
/// The 公安备案 lookup; the record's digits follow.
const POLICE_URL: &str = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=";
/// The CONAC verification page of a 党政机关网站标识; the id follows.
const CONAC_URL: &str = "https://bszs.conac.cn/sitename?method=show&id=";

/// `[publisher]` as written; every key is checked, unknown ones are errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublisher {
    name: Option<String>,
    operator: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    icp: Option<String>,
    police_record: Option<String>,
    site_code: Option<String>,
    conac_id: Option<String>,
}

/// The publisher with its links worked out; empty strings are keys left out.
#[derive(Debug, Clone, Serialize)]
pub struct Publisher {
    /// 主办单位.
    pub name: String,
    /// 承办单位.
    pub operator: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// The ICP 备案 number as shown, and where it links.
    pub icp: String,
    pub icp_url: &'static str,
    /// The 公安备案 number as shown, and its lookup URL.
    pub police_record: String,
    pub police_record_url: String,
    /// 网站标识码.
    pub site_code: String,
    /// 党政机关网站标识, and its verification URL.
    pub conac_id: String,
    pub conac_url: String,
    /// The host of `base_url` (`SiteDomain` in the page metadata).
    pub domain: String,
}

impl RawPublisher {
    /// Checks the keys and works out the links; `base_url` gives the domain.
    pub fn resolve(self, base_url: &str) -> Result<Publisher, Diagnostic> {
        let name = self.name.filter(|n| !n.trim().is_empty()).ok_or_else(|| {
            Diagnostic::error(CONFIG_FILE, msg::publisher_no_name()).hint(msg::publisher_no_name_hint())
        })?;
        let police_record = self.police_record.unwrap_or_default();
        let digits: String = police_record.chars().filter(char::is_ascii_digit).collect();
        if !police_record.is_empty() && digits.is_empty() {
            return Err(Diagnostic::error(
                CONFIG_FILE,
                msg::publisher_bad_police_record(format_args!("{police_record:?}")),
            )
            .hint(msg::publisher_bad_police_record_hint()));
        }
        let conac_id = self.conac_id.unwrap_or_default();
        Ok(Publisher {
            name,
            operator: self.operator.unwrap_or_default(),
            address: self.address.unwrap_or_default(),
            phone: self.phone.unwrap_or_default(),
            email: self.email.unwrap_or_default(),
            icp: self.icp.unwrap_or_default(),
            icp_url: ICP_URL,
            police_record_url: if digits.is_empty() {
                String::new()
            } else {
                format!("{POLICE_URL}{digits}")
            },
            police_record,
            site_code: self.site_code.unwrap_or_default(),
            conac_url: if conac_id.is_empty() {
                String::new()
            } else {
                format!("{CONAC_URL}{conac_id}")
            },
            conac_id,
            domain: domain_of(base_url).to_string(),
        })
    }
}

/// The host (with port) of an absolute URL: `https://a.org:8080/x/` → `a.org:8080`.
fn domain_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(toml: &str) -> RawPublisher {
        toml::from_str(toml).unwrap()
    }

    #[test]
    fn links_carry_the_record_digits_and_the_conac_id() {
        let p = raw("name = \"文明办\"\npolice_record = \"冀公网安备13010202000123号\"\nconac_id = \"A1B2\"")
            .resolve("https://www.example.gov.cn/haoren/")
            .unwrap();
        assert_eq!(
            p.police_record_url,
            "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=13010202000123"
        );
        assert_eq!(p.conac_url, "https://bszs.conac.cn/sitename?method=show&id=A1B2");
        assert_eq!(p.domain, "www.example.gov.cn");
    }

    #[test]
    fn a_name_is_required() {
        let err = raw("icp = \"冀ICP备1号\"").resolve("https://e.org/").unwrap_err();
        assert!(err.message.contains("`name`"), "{}", err.message);
    }

    #[test]
    fn a_police_record_without_digits_is_an_error() {
        let err = raw("name = \"a\"\npolice_record = \"冀公网安备\"")
            .resolve("https://e.org/")
            .unwrap_err();
        assert!(err.message.contains("police_record"), "{}", err.message);
    }

    #[test]
    fn domain_keeps_the_port_and_drops_the_path() {
        assert_eq!(domain_of("http://127.0.0.1:8080/a/b"), "127.0.0.1:8080");
        assert_eq!(domain_of("https://example.org"), "example.org");
    }
}
