//! Render stage, for `serve`: what a page-edit render hands out before it is
//! done — the outputs of the pages the edit itself made, with the photos
//! and thumbnails they show that it replaced or made, and the paths of
//! every other output the rest of the render may still change or remove,
//! which `serve` holds back until the render ends.

use std::collections::HashSet;

use crate::output::Body;

/// The pages an edit made, rendered first, and what is still to come.
#[derive(Debug)]
pub struct Early {
    pub pages: Vec<EarlyPage>,
    /// Every other output path the rest of the render may change or remove.
    pub held: HashSet<String>,
}

/// The output of a page an edit read again or added, or removed; or a
/// photo or thumbnail it replaced or made.
#[derive(Debug)]
pub struct EarlyPage {
    /// Its output path: `people/zhang-san/index.html`.
    pub path: String,
    /// Its new body; none for a page removed.
    pub body: Option<Body>,
    /// The page's source file (root-relative); none for a page removed,
    /// a photo or a thumbnail.
    pub file: Option<String>,
}

/// Hears of what a render hands out early (see [`Early`]); called at most once.
pub type Publish<'a> = &'a mut (dyn FnMut(Early) + Send);
