//! Render stage for person photos: reading one — its size from the header,
//! refused when it has too many pixels, and the memory decoding it may take —
//! and decoding it, with damaged and cut-short files told apart. A JPEG much
//! larger than its thumbnails is decoded at 1/2, 1/4 or 1/8 of its size in
//! the DCT domain (`jpeg-decoder`), which skips most of a full decode's work.

use std::io::{BufReader, Cursor};
use std::path::Path;

use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use jpeg_decoder::PixelFormat;

use crate::error::{Diagnostic, io_reason};
use crate::i18n::{Message, msg};
use crate::page::Page;

/// Largest photo side laurel decodes, and the memory one decode may take.
pub(crate) const MAX_SIDE: u32 = 20_000;
const MAX_ALLOC: u64 = 1 << 30;
/// Most pixels a photo may have: 100 megapixels, twice a good camera's.
pub(crate) const MAX_PIXELS: u64 = 100_000_000;

/// Why a photo has no thumbnails.
#[derive(Debug)]
pub(crate) enum Problem {
    /// The file cannot be read or decoded.
    Unreadable(Message),
    /// The photo has more pixels than laurel decodes, as its header says.
    TooLarge { width: u32, height: u32 },
}

impl From<Message> for Problem {
    fn from(why: Message) -> Problem {
        Problem::Unreadable(why)
    }
}

impl Problem {
    /// The error for `page`, which shows the photo whose source is `shown`.
    pub(super) fn diagnostic(&self, page: &Page, shown: &str) -> Diagnostic {
        let photo = page.photo.as_deref().unwrap_or_default();
        let (message, hint) = match self {
            Problem::Unreadable(why) => (
                msg::photo_unreadable(photo, shown, why.clone()),
                msg::photo_unreadable_hint(),
            ),
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
    let file = std::fs::File::open(source).map_err(|e| io_reason(&e))?;
    let file_size = file.metadata().map_err(|e| io_reason(&e))?.len();
    let mut reader = ImageReader::new(BufReader::new(file))
        .with_guessed_format()
        .map_err(|e| io_reason(&e))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(describe)?;
    within_limits(decoder.dimensions())?;
    Ok(file_size.saturating_add(decoder.total_bytes().saturating_mul(3)))
}

/// The format, width and height of the photo in `bytes`, from its header
/// alone: a photo of more pixels than laurel decodes is a problem here,
/// before any memory is taken for them.
pub(crate) fn read_header(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| io_reason(&e))?;
    let format = reader
        .format()
        .ok_or_else(|| Problem::Unreadable(msg::photo_unknown_format()))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let (width, height) = reader.into_decoder().map_err(describe)?.dimensions();
    within_limits((width, height))?;
    Ok((format, width, height))
}

/// Refuses a photo of more pixels than laurel decodes.
fn within_limits((width, height): (u32, u32)) -> Result<(), Problem> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    Ok(())
}

/// A decoded photo, not yet turned upright.
pub(super) struct Decoded {
    /// The pixels, perhaps at a reduced scale.
    pub(super) image: DynamicImage,
    /// How to turn it upright (EXIF).
    pub(super) orientation: Orientation,
    /// Width and height of the photo as stored, whatever the scale of `image`.
    pub(super) size: (u32, u32),
}

impl Decoded {
    /// A photo decoded at its full size.
    pub(super) fn full(image: DynamicImage, orientation: Orientation) -> Decoded {
        let size = (image.width(), image.height());
        Decoded {
            image,
            orientation,
            size,
        }
    }
}

/// Decodes a photo, upright (EXIF orientation applied later, on the
/// thumbnail). With `fit`, a JPEG may be decoded smaller, as long as its
/// upright width stays at least `fit` (or its own width, when narrower).
pub(super) fn decode(bytes: &[u8], fit: Option<u32>) -> Result<Decoded, Message> {
    // The JPEG decoder fills a cut-off image with grey rather than failing.
    if bytes.starts_with(&[0xFF, 0xD8]) && !jpeg_is_whole(bytes) {
        return Err(msg::photo_cut_short_jpeg());
    }
    let mut reader = ImageReader::new(BufReader::new(Cursor::new(bytes)))
        .with_guessed_format()
        .map_err(|e| io_reason(&e))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let size = decoder.dimensions();
    let swap = matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    if let Some(image) = fit.and_then(|fit| decode_reduced(bytes, fit, swap)) {
        return Ok(Decoded {
            image,
            orientation,
            size,
        });
    }
    let image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    Ok(Decoded::full(image, orientation))
}

/// Decodes a plain 8-bit grayscale or colour JPEG at the smallest DCT scale
/// that keeps its upright width (its height, with `swap`) at least `fit`.
/// `None` when there is no scale to gain or the file is anything else (CMYK,
/// 12-bit, lossless, damaged): the full decoder then reads it, or says what
/// is wrong with it.
fn decode_reduced(bytes: &[u8], fit: u32, swap: bool) -> Option<DynamicImage> {
    let (precision, components) = jpeg_frame(bytes)?;
    if precision != 8 || !matches!(components, 1 | 3) {
        return None;
    }
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size(usize::try_from(MAX_ALLOC).ok()?);
    decoder.read_info().ok()?;
    let info = decoder.info()?;
    let upright_width = if swap { info.height } else { info.width };
    let need = u16::try_from(fit).unwrap_or(u16::MAX).min(upright_width);
    // The decoder picks the smallest scale at which either side reaches its request.
    let (width, height) = if swap {
        decoder.scale(u16::MAX, need).ok()?
    } else {
        decoder.scale(need, u16::MAX).ok()?
    };
    if (width, height) == (info.width, info.height) {
        return None;
    }
    let pixels = decoder.decode().ok()?;
    let (width, height) = (u32::from(width), u32::from(height));
    match info.pixel_format {
        PixelFormat::L8 => GrayImage::from_raw(width, height, pixels).map(DynamicImage::ImageLuma8),
        PixelFormat::RGB24 => RgbImage::from_raw(width, height, pixels).map(DynamicImage::ImageRgb8),
        PixelFormat::L16 | PixelFormat::CMYK32 => None,
    }
}

/// Sample precision and number of components of a JPEG whose frame is
/// baseline, extended or progressive DCT (SOF0, SOF1, SOF2); `None` for any
/// other file.
fn jpeg_frame(bytes: &[u8]) -> Option<(u8, u8)> {
    let mut i = 2;
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    loop {
        let (&[0xFF, marker], rest) = bytes.get(i..)?.split_first_chunk::<2>()? else {
            return None;
        };
        match marker {
            0xFF => i += 1,
            0xC0..=0xC2 => return Some((*rest.get(2)?, *rest.get(7)?)),
            // Any other frame, or the scan before a frame: not for the reduced decoder.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF | 0xDA | 0xD9 => return None,
            _ => i += 2 + usize::from(u16::from_be_bytes(*rest.first_chunk::<2>()?)),
        }
    }
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

/// What the decoder found wrong, from the catalogue by its kind.
fn describe(err: image::ImageError) -> Message {
    let text = err.to_string().trim_end().to_string();
    let lower = text.to_ascii_lowercase();
    match err {
        image::ImageError::Unsupported(_) => msg::photo_not_an_image(text),
        image::ImageError::Limits(_) => msg::photo_decoder_limit(MAX_SIDE, text),
        _ if ["eof", "end of", "not enough bytes"]
            .iter()
            .any(|cut| lower.contains(cut)) =>
        {
            msg::photo_cut_short(text)
        }
        _ => msg::photo_damaged(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::photo::tests::jpeg;

    #[test]
    fn large_jpegs_are_decoded_at_the_smallest_scale_that_fits() {
        let photo = jpeg(4000, 3000);
        let decoded = decode(&photo, Some(640)).expect("decode");
        // 1/4 is 1000 wide, 1/8 only 500: a quarter of each side.
        assert_eq!((decoded.image.width(), decoded.image.height()), (1000, 750));
        assert_eq!(decoded.size, (4000, 3000));
        // Without `fit`, or when no scale fits, the whole photo.
        let full = decode(&photo, None).expect("decode");
        assert_eq!((full.image.width(), full.image.height()), (4000, 3000));
        let small = decode(&jpeg(800, 600), Some(640)).expect("decode");
        assert_eq!((small.image.width(), small.image.height()), (800, 600));
    }

    #[test]
    fn frames_are_read_from_the_header() {
        assert_eq!(jpeg_frame(&jpeg(64, 48)), Some((8, 3)));
        assert_eq!(jpeg_frame(b"not a jpeg"), None);
        assert_eq!(jpeg_frame(&[0xFF, 0xD8, 0xFF, 0xE0, 0xFF]), None);
    }

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
