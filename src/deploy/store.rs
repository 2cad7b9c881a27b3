//! Deploy stage: what a target can do — read, list, write and remove files —
//! whether it is a bucket or a folder.

use super::manifest::Manifest;
use crate::error::Result;

/// A target's files, by `/`-separated path inside it.
pub trait Store: Sync {
    /// How messages name the target: `s3://bucket/folder` or the folder.
    fn describe(&self) -> String;
    /// A file's contents; `None` when there is no such file.
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>>;
    /// Every file the target holds, with its MD5 where the target tells it
    /// (an empty `md5` never matches a build's).
    fn list(&self) -> Result<Manifest>;
    /// Writes a file whole, replacing any file at `path`.
    fn write(&self, path: &str, body: &[u8], content_type: &str, cache_control: &str) -> Result<()>;
    /// Removes a file; one already gone is fine.
    fn remove(&self, path: &str) -> Result<()>;
    /// How many files to send at once.
    fn parallelism(&self) -> usize;
}
