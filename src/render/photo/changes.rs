//! Render stage, for `serve`: how the thumbnails of an edit's render differ
//! from the last render's — what to put in place, hold back or publish.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::Photos;
use crate::output::{Body, OutputFile};

/// How the thumbnails of a render differ from those of the render before.
#[derive(Debug, Default)]
pub struct ThumbnailChanges {
    /// The photos (output paths) whose thumbnails are not as they were.
    pub photos: HashSet<String>,
    /// The thumbnails made anew or moved, as output files, by path.
    pub made: Vec<OutputFile>,
    /// The paths of the thumbnails there were and are no more, in order.
    pub gone: Vec<String>,
}

impl Photos {
    /// How these thumbnails differ from those `before`. Only the photos
    /// whose thumbnails differ are looked into, as a thumbnail's path is
    /// one photo's at a time.
    pub fn changes_from(&self, before: &Photos) -> ThumbnailChanges {
        let differing = |a: &'_ Photos, b: &'_ Photos| {
            a.by_photo
                .iter()
                .filter(|(photo, thumbs)| b.by_photo.get(*photo) != Some(thumbs))
                .map(|(photo, _)| photo.clone())
                .collect::<Vec<String>>()
        };
        let mut photos: HashSet<String> = differing(self, before).into_iter().collect();
        photos.extend(differing(before, self));
        let of = |set: &'_ Photos| -> HashMap<String, PathBuf> {
            photos
                .iter()
                .filter_map(|photo| set.by_photo.get(photo))
                .flatten()
                .map(|t| (t.path.clone(), t.file.clone()))
                .collect()
        };
        let (was, is) = (of(before), of(self));
        let mut made: Vec<OutputFile> = is
            .iter()
            .filter(|(path, file)| was.get(*path) != Some(file))
            .map(|(path, file)| OutputFile {
                path: path.clone(),
                body: Body::Copy(file.clone()),
            })
            .collect();
        made.sort_by(|a, b| a.path.cmp(&b.path));
        let mut gone: Vec<String> = was.into_keys().filter(|path| !is.contains_key(path)).collect();
        gone.sort();
        ThumbnailChanges { photos, made, gone }
    }
}
