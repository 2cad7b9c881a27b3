//! Deploy stage: the access key for a bucket, from the environment or the
//! standard AWS files — never from `laurel.toml`.

use std::path::PathBuf;

use crate::error::{Diagnostic, Result};
use crate::i18n::msg;

/// An access key.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub key_id: String,
    pub secret: String,
    /// A session token, for temporary keys.
    pub token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, secret hidden)", self.key_id)
    }
}

/// Finds the access key: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`
/// (with `AWS_SESSION_TOKEN`), else the profile `AWS_PROFILE` names
/// (`default` when unset) in `~/.aws/credentials`, then in `~/.aws/config`.
pub fn find(target: &str) -> Result<Credentials> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(key_id), Some(secret)) = (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
        return Ok(Credentials {
            key_id,
            secret,
            token: var("AWS_SESSION_TOKEN"),
        });
    }
    let profile = var("AWS_PROFILE").unwrap_or_else(|| "default".to_string());
    let home = || var("HOME").map(PathBuf::from).unwrap_or_default().join(".aws");
    let files = [
        (
            var("AWS_SHARED_CREDENTIALS_FILE").map_or_else(|| home().join("credentials"), PathBuf::from),
            profile.clone(),
        ),
        (
            var("AWS_CONFIG_FILE").map_or_else(|| home().join("config"), PathBuf::from),
            if profile == "default" {
                profile.clone()
            } else {
                format!("profile {profile}")
            },
        ),
    ];
    for (file, section) in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if let Some(found) = from_ini(&text, &section) {
            return Ok(found);
        }
    }
    Err(Diagnostic::error("", msg::deploy_no_access_key(target))
        .hint(msg::deploy_no_access_key_hint(profile))
        .into())
}

/// The key in `[section]` of an AWS credentials or config file.
fn from_ini(text: &str, section: &str) -> Option<Credentials> {
    let mut inside = false;
    let (mut key_id, mut secret, mut token) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = name.trim() == section;
            continue;
        }
        let Some((key, value)) = line.split_once('=').filter(|_| inside) else {
            continue;
        };
        let value = Some(value.trim().to_string());
        match key.trim() {
            "aws_access_key_id" => key_id = value,
            "aws_secret_access_key" => secret = value,
            "aws_session_token" => token = value,
            _ => {}
        }
    }
    Some(Credentials {
        key_id: key_id?,
        secret: secret?,
        token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_read_from_its_section() {
        let text = "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n# the office's\n[profile site]\naws_access_key_id=C\naws_secret_access_key=D\naws_session_token = T\n";
        let default = from_ini(text, "default").unwrap();
        assert_eq!(
            (default.key_id.as_str(), default.secret.as_str(), default.token),
            ("A", "B", None)
        );
        let site = from_ini(text, "profile site").unwrap();
        assert_eq!((site.key_id.as_str(), site.token.as_deref()), ("C", Some("T")));
        assert_eq!(from_ini(text, "other"), None);
        assert!(!format!("{site:?}").contains('D'));
    }
}
