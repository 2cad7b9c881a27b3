//! Editor stage: a photo uploaded for a page. It must be a JPEG, PNG or WebP
//! that decodes whole within laurel's limits; it is stored beside the page
//! when the page is a bundle (a single-file page becomes one), else under
//! `static/photos/`.

use std::path::{Component, Path};

use image::ImageFormat;
use serde::Serialize;

use super::name::{Spelling, sanitize, unique};
use super::{bundle, write_new};
use crate::content::CONTENT_DIR;
use crate::error::Diagnostic;
use crate::i18n::msg;
use crate::render::photo::{MAX_PIXELS, MAX_SIDE, Problem, read_header, with_upright};
use crate::site::STATIC_DIR;

/// Most bytes an uploaded photo may have: more than any phone's photo.
pub const MAX_PHOTO_BYTES: usize = 20 << 20;

/// Where photos of pages that are not bundles go, under `static/`.
const PHOTOS_DIR: &str = "photos";

/// An uploaded photo that decoded whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPhoto {
    /// The extension its format is saved with: `jpg`, `png` or `webp`.
    pub extension: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Checks an uploaded photo named `shown`: at most [`MAX_PHOTO_BYTES`], a
/// JPEG, PNG or WebP by its contents (whatever its name says), of no more
/// pixels than laurel decodes (read from its header, before decoding), and
/// decoding whole.
pub fn check_photo(shown: &str, bytes: &[u8]) -> Result<CheckedPhoto, Diagnostic> {
    if bytes.len() > MAX_PHOTO_BYTES {
        let size = format!("{:.1}", bytes.len() as f64 / f64::from(1 << 20));
        return Err(
            Diagnostic::error(shown, msg::upload_photo_too_big(size, MAX_PHOTO_BYTES >> 20))
                .hint(msg::upload_photo_too_big_hint()),
        );
    }
    let (format, width, height) = read_header(bytes).map_err(|problem| refused(shown, &problem))?;
    let extension = match format {
        ImageFormat::Jpeg => "jpg",
        ImageFormat::Png => "png",
        ImageFormat::WebP => "webp",
        other => {
            let kind = other.extensions_str().first().copied().unwrap_or("other");
            return Err(Diagnostic::error(shown, msg::upload_photo_format(kind)).hint(msg::upload_photo_format_hint()));
        }
    };
    with_upright(bytes, |_| Ok(())).map_err(|why| refused(shown, &Problem::Unreadable(why)))?;
    Ok(CheckedPhoto {
        extension,
        width,
        height,
    })
}

/// The error for a photo that cannot be taken.
fn refused(shown: &str, problem: &Problem) -> Diagnostic {
    match problem {
        Problem::Unreadable(why) => Diagnostic::error(shown, msg::upload_photo_unreadable(why.clone()))
            .hint(msg::upload_photo_unreadable_hint()),
        Problem::TooLarge { width, height } => Diagnostic::error(
            shown,
            msg::upload_photo_too_many_pixels(width, height, MAX_PIXELS / 1_000_000, MAX_SIDE),
        )
        .hint(msg::upload_photo_too_many_pixels_hint()),
    }
}

/// A photo stored in the site, and what the page's front matter should say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedPhoto {
    /// The value for `photo`: the file name beside a bundle's page, or
    /// `/photos/NAME` under `static/`.
    pub photo: String,
    /// The value for `photo_alt`.
    pub photo_alt: String,
    /// The stored file, relative to the site root.
    pub file: String,
    /// The page's source relative to `content/` once the photo is stored:
    /// `people/fan/index.md` when `people/fan.md` became a bundle.
    pub page: Option<String>,
}

/// Checks an uploaded photo ([`check_photo`]) and stores it for the page
/// `page` (its source relative to `content/`; none for a page not saved
/// yet). `alt` says what the photo shows; left empty, the page's `title`.
pub fn save_photo(
    root: &Path,
    page: Option<&str>,
    original: &str,
    bytes: &[u8],
    alt: &str,
    title: &str,
) -> Result<SavedPhoto, Diagnostic> {
    let checked = check_photo(original, bytes)?;
    let name = sanitize(original, checked.extension, "photo", Spelling::Name);
    let alt = if alt.trim().is_empty() { title } else { alt.trim() };
    let saved = |photo: String, file: String, page: Option<String>| SavedPhoto {
        photo,
        photo_alt: alt.to_string(),
        file,
        page,
    };
    match place(root, page)? {
        Place::Bundle { dir, page } => {
            let name = unique(&root.join(CONTENT_DIR).join(&dir), &name);
            let file = format!("{CONTENT_DIR}/{dir}/{name}");
            write_new(&root.join(&file), &file, bytes)?;
            Ok(saved(name, file, Some(page)))
        }
        Place::Single { source, dir } => {
            let file = format!("{CONTENT_DIR}/{dir}/{name}");
            let folder = root.join(CONTENT_DIR).join(&dir);
            std::fs::create_dir(&folder).map_err(|err| cannot_bundle(&source, &err))?;
            let moved = write_new(&root.join(&file), &file, bytes).and_then(|()| bundle::into_bundle(root, &source));
            match moved {
                Ok(page) => Ok(saved(name, file, Some(page))),
                Err(problem) => {
                    let _ = std::fs::remove_file(root.join(&file));
                    let _ = std::fs::remove_dir(&folder);
                    Err(problem)
                }
            }
        }
        Place::Static { page } => {
            let dir = root.join(STATIC_DIR).join(PHOTOS_DIR);
            std::fs::create_dir_all(&dir).map_err(|err| {
                Diagnostic::error(
                    format!("{STATIC_DIR}/{PHOTOS_DIR}"),
                    msg::upload_cannot_create_folder(crate::error::io_reason(&err)),
                )
            })?;
            let name = unique(&dir, &name);
            let file = format!("{STATIC_DIR}/{PHOTOS_DIR}/{name}");
            write_new(&root.join(&file), &file, bytes)?;
            Ok(saved(format!("/{PHOTOS_DIR}/{name}"), file, page))
        }
    }
}

fn cannot_bundle(source: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        format!("{CONTENT_DIR}/{source}"),
        msg::upload_cannot_make_bundle(crate::error::io_reason(err)),
    )
    .hint(msg::upload_writable_hint())
}

/// Where a page's photo goes.
enum Place {
    /// Beside the page, in its bundle folder `dir` (relative to `content/`).
    Bundle { dir: String, page: String },
    /// The single-file page `source` becomes the bundle `dir`.
    Single { source: String, dir: String },
    /// Under `static/photos/`: a new page, a section's page, or a page whose
    /// bundle folder name is taken.
    Static { page: Option<String> },
}

/// Where the photo of the page `page` goes; an error for a page that does
/// not exist or a path that leaves `content/`.
fn place(root: &Path, page: Option<&str>) -> Result<Place, Diagnostic> {
    let Some(source) = page else {
        return Ok(Place::Static { page: None });
    };
    let shown = format!("{CONTENT_DIR}/{source}");
    let confined = Path::new(source)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let is_file = root
        .join(CONTENT_DIR)
        .join(source)
        .symlink_metadata()
        .is_ok_and(|m| m.is_file());
    if !confined || !source.ends_with(".md") || !is_file {
        return Err(Diagnostic::error(shown, msg::upload_no_page()).hint(msg::upload_no_page_hint()));
    }
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", source));
    let section = |dir: &str| root.join(CONTENT_DIR).join(dir).join("_index.md").is_file();
    let page = Some(source.to_string());
    Ok(match file {
        "_index.md" => Place::Static { page },
        "index.md" if !dir.is_empty() && !section(dir) => Place::Bundle {
            dir: dir.to_string(),
            page: source.to_string(),
        },
        "index.md" => Place::Static { page },
        _ => {
            let stem = file.trim_end_matches(".md");
            let folder = if dir.is_empty() {
                stem.to_string()
            } else {
                format!("{dir}/{stem}")
            };
            if root.join(CONTENT_DIR).join(&folder).symlink_metadata().is_ok() {
                Place::Static { page }
            } else {
                Place::Single {
                    source: source.to_string(),
                    dir: folder,
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use image::DynamicImage;

    use super::*;
    use crate::render::photo::{decodes, encode_jpeg};

    #[test]
    fn an_upload_decodes_only_when_the_memory_all_decodes_share_is_free() {
        let jpeg = encode_jpeg(&DynamicImage::new_rgb8(64, 48), 80).expect("encode");
        let (checked, told) = mpsc::channel();
        std::thread::scope(|scope| {
            let everything = decodes().reserve(u64::MAX);
            scope.spawn(|| {
                let photo = check_photo("a.jpg", &jpeg).expect("a good photo");
                checked.send(photo).expect("send");
            });
            assert!(
                told.recv_timeout(Duration::from_millis(300)).is_err(),
                "the upload decoded while other decodes held all the memory"
            );
            drop(everything);
            let photo = told
                .recv_timeout(Duration::from_secs(30))
                .expect("checked once the memory is free");
            assert_eq!((photo.extension, photo.width, photo.height), ("jpg", 64, 48));
        });
    }
}
