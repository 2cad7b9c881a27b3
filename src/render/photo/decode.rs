//! Render stage for person photos: reading one — its size from the header,
//! refused when it has too many pixels, and the memory decoding it may take —
//! and decoding it, with damaged and cut-short files told apart.

use std::io::{BufReader, Cursor};
use std::path::Path;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use crate::error::Diagnostic;
use crate::i18n::msg;
use crate::page::Page;

/// Largest photo side laurel decodes, and the memory one decode may take.
const MAX_SIDE: u32 = 20_000;
const MAX_ALLOC: u64 = 1 << 30;
/// Most pixels a photo may have: 100 megapixels, twice a good camera's.
const MAX_PIXELS: u64 = 100_000_000;

/// Why a photo has no thumbnails.
#[derive(Debug)]
pub(super) enum Problem {
    /// The file cannot be read or decoded.
    Unreadable(String),
    /// The photo has more pixels than laurel decodes, as its header says.
    TooLarge { width: u32, height: u32 },
}

impl From<String> for Problem {
    fn from(why: String) -> Problem {
        Problem::Unreadable(why)
    }
}

impl Problem {
    /// The error for `page`, which shows the photo whose source is `shown`.
    pub(super) fn diagnostic(&self, page: &Page, shown: &str) -> Diagnostic {
        let photo = page.photo.as_deref().unwrap_or_default();
        let (message, hint) = match self {
            Problem::Unreadable(why) => (msg::photo_unreadable(photo, shown, why), msg::photo_unreadable_hint()),
            Problem::TooLarge { width, height } => (
                msg::photo_too_large(photo, shown, width, height, MAX_PIXELS / 1_000_000, MAX_SIDE),
                msg::photo_too_large_hint(),
            ),
        };
        Diagnostic::error(&page.file, message)
            .at_line(page.photo_line)
            .hint(hint)
    }
}

/// The memory reading and decoding the photo at `source` may take — the file,
/// the pixels and the decoder's working space (a progressive JPEG keeps twice
/// the pixels' size in coefficients) — from its header alone. A photo of more
/// pixels than laurel decodes is a problem here, before any memory is taken.
pub(super) fn memory_needed(source: &Path) -> Result<u64, Problem> {
    let file = std::fs::File::open(source).map_err(|e| e.to_string())?;
    let file_size = file.metadata().map_err(|e| e.to_string())?.len();
    let mut reader = ImageReader::new(BufReader::new(file))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(describe)?;
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    Ok(file_size.saturating_add(decoder.total_bytes().saturating_mul(3)))
}

/// Decodes a photo, upright (EXIF orientation applied later, on the thumbnail).
pub(super) fn decode(bytes: &[u8]) -> Result<(DynamicImage, Orientation), String> {
    // The JPEG decoder fills a cut-off image with grey rather than failing.
    if bytes.starts_with(&[0xFF, 0xD8]) && !jpeg_is_whole(bytes) {
        return Err("the file is cut short: the JPEG has no end".into());
    }
    let mut reader = ImageReader::new(BufReader::new(Cursor::new(bytes)))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    Ok((image, orientation))
}

/// Whether a JPEG's segments run to its end-of-image marker. Walks the
/// marker segments (skipping embedded thumbnails with their lengths) and the
/// entropy-coded data after each start-of-scan.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 1 < bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        match marker {
            0xD9 => return true,
            // Fill bytes, and markers without a length.
            0xFF => i += 1,
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let Some(len) = bytes
                    .get(i + 2..i + 4)
                    .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
                else {
                    return false;
                };
                i += 2 + len;
                if marker == 0xDA {
                    // Entropy-coded data: runs to the next marker that is not a
                    // stuffed zero or a restart marker.
                    loop {
                        match bytes.get(i..i + 2) {
                            None => return false,
                            Some([0xFF, next]) if *next != 0 && !(0xD0..=0xD7).contains(next) => break,
                            _ => i += 1,
                        }
                    }
                }
            }
        }
    }
    false
}

fn describe(err: image::ImageError) -> String {
    match err {
        image::ImageError::Unsupported(_) => format!("not a photo laurel can read ({err})"),
        image::ImageError::Limits(_) => format!("the photo is too large ({err}); at most {MAX_SIDE} pixels a side"),
        _ => {
            let text = err.to_string();
            if text.to_ascii_lowercase().contains("eof") || text.contains("end of") {
                format!("the file is cut short ({text})")
            } else {
                format!("the file is damaged ({text})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::photo::tests::jpeg;

    #[test]
    fn whole_and_cut_jpegs_are_told_apart() {
        let whole = jpeg(64, 48);
        assert!(jpeg_is_whole(&whole));
        for cut in [2, 20, whole.len() / 2, whole.len() - 2] {
            assert!(!jpeg_is_whole(&whole[..cut]), "cut at {cut}");
        }
        // Bytes after the end (some cameras add them) are fine.
        let mut trailing = whole.clone();
        trailing.extend_from_slice(b"trailer");
        assert!(jpeg_is_whole(&trailing));
    }
}
