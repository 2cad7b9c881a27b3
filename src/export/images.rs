//! Export stage: the pictures of a 公众号 article — photos as JPEGs within
//! the editor's limits, the 2.35:1 cover, the QR code as PNG — decoded with
//! [`crate::render::photo`] and cached by content hash beside the thumbnails.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, GrayImage, ImageFormat, Luma, Rgb, RgbImage};

use crate::i18n::{Message, msg};
use crate::render::photo::{encode_jpeg, with_upright, write_atomically};

/// Where exported pictures are cached, relative to the site root.
pub const CACHE_DIR: &str = ".laurel-cache/wechat";
/// The 公众号 editor's limit on an article image, and the width it shows.
pub const MAX_IMAGE_BYTES: usize = 1 << 20;
pub const MAX_WIDTH: u32 = 1080;
/// The limit on a cover image, and the cover's size (2.35:1).
pub const MAX_COVER_BYTES: usize = 64 << 10;
pub const COVER_SIZE: (u32, u32) = (900, 383);
/// Part of every cache key: change it when exported pictures should be made anew.
const RECIPE: &[u8] = b"laurel-wechat-2;1080;1MiB;900x383;64KiB;";
/// JPEG qualities tried, best first; the first that fits is kept.
const QUALITIES: [u8; 8] = [88, 82, 76, 70, 62, 54, 45, 35];
/// Pixels per QR module, and the light margin in modules.
const QR_SCALE: u32 = 8;
const QR_QUIET: u32 = 4;

/// An article photo and, made from the same decode, the cover: files in the cache.
pub struct Pictures {
    pub image: PathBuf,
    pub cover: Option<PathBuf>,
}

/// The article version of the photo at `source` (and the cover cut from it
/// when `cover` is set), from the cache under `root` or made and cached.
/// The error says what is wrong with the photo.
pub fn article_picture(root: &Path, source: &Path, cover: bool) -> Result<Pictures, Message> {
    let bytes = std::fs::read(source).map_err(|e| crate::error::io_reason(&e))?;
    let cache = cache_dir(root)?;
    let key = key(&bytes);
    let image = cache.join(format!("{key}.jpg"));
    let cover_file = cache.join(format!("{key}-cover.jpg"));
    if image.is_file() && (!cover || cover_file.is_file()) {
        return Ok(Pictures {
            image,
            cover: cover.then_some(cover_file),
        });
    }
    with_upright(&bytes, |decoded| {
        write_atomically(&image, &fit_jpeg(&scale_to_width(decoded, MAX_WIDTH), MAX_IMAGE_BYTES)?)?;
        if cover {
            write_atomically(&cover_file, &cover_jpeg(decoded)?)?;
        }
        Ok(())
    })?;
    Ok(Pictures {
        image,
        cover: cover.then_some(cover_file),
    })
}

/// A cover for a page without a photo: the theme's red, fading to gold.
pub fn plain_cover(root: &Path) -> Result<PathBuf, Message> {
    let file = cache_dir(root)?.join(format!("{}-plain-cover.jpg", key(b"")));
    if !file.is_file() {
        let (w, h) = COVER_SIZE;
        let (from, to) = ([166.0, 27.0, 27.0], [200.0, 162.0, 74.0]);
        let image = RgbImage::from_fn(w, h, |x, _| {
            let t = f64::from(x) / f64::from(w - 1);
            Rgb(std::array::from_fn(|c| (from[c] + (to[c] - from[c]) * t).round() as u8))
        });
        write_atomically(&file, &fit_jpeg(&DynamicImage::ImageRgb8(image), MAX_COVER_BYTES)?)?;
    }
    Ok(file)
}

/// The QR code of `url` as a PNG in the cache; none when the address is too
/// long for a code.
pub fn qr_file(root: &Path, url: &str) -> Result<Option<PathBuf>, Message> {
    let file = cache_dir(root)?.join(format!("{}-qr.png", key(url.as_bytes())));
    if !file.is_file() {
        let Some(png) = qr_png(url) else { return Ok(None) };
        write_atomically(&file, &png)?;
    }
    Ok(Some(file))
}

/// The cache folder, made when missing.
fn cache_dir(root: &Path) -> Result<PathBuf, Message> {
    let cache = root.join(CACHE_DIR);
    std::fs::create_dir_all(&cache)
        .map_err(|e| msg::export_cache_unwritable(CACHE_DIR, crate::error::io_reason(&e)))?;
    Ok(cache)
}

/// The cache key of what is made from `bytes`.
fn key(bytes: &[u8]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(RECIPE);
    hasher.update(bytes);
    format!("{:032x}", hasher.digest128())
}

/// The photo scaled down to `width` (never up).
fn scale_to_width(image: &DynamicImage, width: u32) -> DynamicImage {
    if image.width() <= width {
        return image.clone();
    }
    let height = ((u64::from(image.height()) * u64::from(width)) / u64::from(image.width())).max(1) as u32;
    image.thumbnail_exact(width, height)
}

/// The cover: the photo cut to 2.35:1 around its upper third (where faces
/// are in a portrait), scaled to [`COVER_SIZE`].
fn cover_jpeg(image: &DynamicImage) -> Result<Vec<u8>, Message> {
    let (cw, ch) = COVER_SIZE;
    let (w, h) = (image.width(), image.height());
    let (crop_w, crop_h) = if u64::from(w) * u64::from(ch) > u64::from(h) * u64::from(cw) {
        ((u64::from(h) * u64::from(cw) / u64::from(ch)).max(1) as u32, h)
    } else {
        (w, (u64::from(w) * u64::from(ch) / u64::from(cw)).max(1) as u32)
    };
    let x = (w - crop_w) / 2;
    let y = (h / 3).saturating_sub(crop_h / 2).min(h - crop_h);
    let cut = image.crop_imm(x, y, crop_w, crop_h);
    fit_jpeg(&cut.thumbnail_exact(cw, ch), MAX_COVER_BYTES)
}

/// The best-quality JPEG of `image` of at most `limit` bytes; a picture that
/// does not fit even at the lowest quality is halved until it does.
fn fit_jpeg(image: &DynamicImage, limit: usize) -> Result<Vec<u8>, Message> {
    let mut image = image.clone();
    loop {
        for quality in QUALITIES {
            let bytes = encode_jpeg(&image, quality)?;
            if bytes.len() <= limit {
                return Ok(bytes);
            }
        }
        if image.width() < 16 {
            return Err(msg::export_picture_too_big());
        }
        image = scale_to_width(&image, image.width() / 2);
    }
}

/// The QR code of `url` as a black-and-white PNG, or none when the address
/// is too long for a code.
fn qr_png(url: &str) -> Option<Vec<u8>> {
    let (width, colors) = crate::render::qr::modules(url)?;
    let side = (width as u32 + 2 * QR_QUIET) * QR_SCALE;
    let image = GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / QR_SCALE, y / QR_SCALE);
        let inside =
            (QR_QUIET..QR_QUIET + width as u32).contains(&mx) && (QR_QUIET..QR_QUIET + width as u32).contains(&my);
        let dark = inside && colors[((my - QR_QUIET) * width as u32 + mx - QR_QUIET) as usize] == qrcode::Color::Dark;
        Luma([if dark { 0 } else { 255 }])
    });
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise(width: u32, height: u32) -> DynamicImage {
        let mut state = 12345u32;
        DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |_, _| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            Rgb([(state >> 16) as u8, (state >> 8) as u8, (state >> 24) as u8])
        }))
    }

    #[test]
    fn noisy_pictures_are_squeezed_under_the_limit() {
        let bytes = fit_jpeg(&noise(1080, 1400), MAX_IMAGE_BYTES).expect("fits");
        assert!(bytes.len() <= MAX_IMAGE_BYTES, "{}", bytes.len());
        let cover = cover_jpeg(&noise(1500, 2000)).expect("cover");
        assert!(cover.len() <= MAX_COVER_BYTES, "{}", cover.len());
        let back = image::load_from_memory(&cover).expect("jpeg");
        let ratio = f64::from(back.width()) / f64::from(back.height());
        assert!(back.width() <= COVER_SIZE.0 && (ratio - 2.35).abs() < 0.05, "{ratio}");
    }

    #[test]
    fn wide_and_tall_photos_both_make_covers() {
        for (w, h) in [(4000, 500), (300, 2000), (1, 1)] {
            let smooth = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
            let cover = cover_jpeg(&DynamicImage::ImageRgb8(smooth)).expect("cover");
            let back = image::load_from_memory(&cover).expect("jpeg");
            assert_eq!((back.width(), back.height()), COVER_SIZE);
        }
    }

    #[test]
    fn qr_png_has_a_quiet_margin_and_dark_finders() {
        let png = qr_png("https://example.org/haoren/people/a/").expect("png");
        let image = image::load_from_memory(&png).expect("png").to_luma8();
        assert_eq!(image.width(), image.height());
        assert_eq!(image.get_pixel(0, 0)[0], 255);
        let corner = QR_QUIET * QR_SCALE;
        assert_eq!(image.get_pixel(corner, corner)[0], 0);
        assert!(qr_png(&"x".repeat(5000)).is_none());
    }
}
