//! Deploy stage: manifests, the MD5 and size of every published file — of a
//! fresh build, and of what a target holds (written there as
//! [`MANIFEST_FILE`] after every deploy, and at checkpoints during one).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use md5::{Digest, Md5};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The manifest's name at the top of a target.
pub const MANIFEST_FILE: &str = ".laurel-deploy.json";

/// Files of the output folder that are laurel's own and never published.
const UNPUBLISHED: &[&str] = &[".laurel-output", MANIFEST_FILE];

/// One file: its MD5 (lowercase hex; what S3 reports as the ETag of an
/// object uploaded whole) and its size in bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub md5: String,
    pub size: u64,
}

/// Files by their `/`-separated path inside the site or the target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    laurel_deploy: u32,
    files: BTreeMap<String, (String, u64)>,
}

impl Manifest {
    /// Hashes every file of a built output folder, on all cores.
    pub fn scan(folder: &Path) -> Result<Manifest> {
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(folder).to_path_buf();
                Error::io("read", &path, e.into())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(folder)
                .expect("walkdir stays inside its root");
            let relative = relative.to_string_lossy().replace('\\', "/");
            if !UNPUBLISHED.contains(&relative.as_str()) {
                paths.push(relative);
            }
        }
        let files = paths
            .into_par_iter()
            .map(|relative| {
                let path = folder.join(&relative);
                let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
                Ok((relative, Entry::of(&bytes)))
            })
            .collect::<Result<_>>()?;
        Ok(Manifest { files })
    }

    /// Reads a manifest a target holds; `None` when it is not one laurel
    /// wrote or names a path that could leave the target.
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        let json = if bytes.starts_with(&GZIP_MAGIC) {
            gunzip(bytes)?
        } else {
            bytes.to_vec()
        };
        let stored: Stored = serde_json::from_slice(&json).ok()?;
        if stored.laurel_deploy != 1 {
            return None;
        }
        let mut files = BTreeMap::new();
        for (path, (md5, size)) in stored.files {
            if !is_safe_path(&path) {
                return None;
            }
            files.insert(path, Entry { md5, size });
        }
        Some(Manifest { files })
    }

    /// The manifest as stored on a target: compact JSON, gzipped (a tenth of
    /// its size: it is read and written on every deploy).
    pub fn to_bytes(&self) -> Vec<u8> {
        let stored = Stored {
            laurel_deploy: 1,
            files: self
                .files
                .iter()
                .map(|(path, e)| (path.clone(), (e.md5.clone(), e.size)))
                .collect(),
        };
        let json = serde_json::to_vec(&stored).expect("a manifest always serializes");
        let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
        gzip.write_all(&json).expect("writing into memory cannot fail");
        gzip.finish().expect("writing into memory cannot fail")
    }
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Largest manifest laurel unpacks: a million files' worth.
const MAX_MANIFEST: u64 = 256 << 20;

/// The gzipped `bytes` unpacked; `None` when damaged or larger than [`MAX_MANIFEST`].
fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut json = Vec::new();
    GzDecoder::new(bytes)
        .take(MAX_MANIFEST + 1)
        .read_to_end(&mut json)
        .ok()?;
    (json.len() as u64 <= MAX_MANIFEST).then_some(json)
}

impl Entry {
    /// The entry of a file with these contents.
    pub fn of(bytes: &[u8]) -> Entry {
        let digest = Md5::digest(bytes);
        Entry {
            md5: digest.iter().map(|b| format!("{b:02x}")).collect(),
            size: bytes.len() as u64,
        }
    }
}

/// A relative path that stays inside the folder it is joined to: no empty,
/// `.` or `..` segment, no leading `/`, no backslash.
pub fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\0'])
        && path
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_it_wrote() {
        let mut manifest = Manifest::default();
        manifest.files.insert("index.html".into(), Entry::of(b"<p>hi</p>"));
        assert!(manifest.to_bytes().starts_with(&GZIP_MAGIC));
        assert_eq!(Manifest::parse(&manifest.to_bytes()), Some(manifest));
        assert_eq!(Entry::of(b"").md5, "d41d8cd98f00b204e9800998ecf8427e");
    }

    #[test]
    fn a_manifest_naming_a_path_outside_the_target_is_ignored() {
        for path in ["../etc/passwd", "/etc/passwd", "a//b", "a/./b", "a\\b"] {
            let json = format!(
                r#"{{"laurel_deploy":1,"files":{{"{}":["x",1]}}}}"#,
                path.replace('\\', "\\\\")
            );
            assert_eq!(Manifest::parse(json.as_bytes()), None, "{path}");
        }
        assert_eq!(Manifest::parse(b"<html>"), None);
    }
}
