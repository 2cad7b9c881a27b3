//! Render stage for person photos: JPEG thumbnails for cards and pages, with
//! EXIF orientation applied, made in parallel and cached by content hash under
//! the site (`.laurel-cache/thumbs/`), so an unchanged photo is decoded once;
//! after an edit, only the photos it replaced are read again.
//! `check` decodes photos the cache does not vouch for, and writes nothing.

mod budget;
mod changes;
mod decode;

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use image::DynamicImage;
use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use rayon::prelude::*;

pub(crate) use self::budget::decodes;
pub use self::changes::ThumbnailChanges;
use self::decode::{Decoded, decode, memory_needed};
pub(crate) use self::decode::{MAX_PIXELS, MAX_SIDE, Problem, read_header};
use crate::error::Diagnostic;
use crate::i18n::{Message, msg};
use crate::output::{Body, OutputFile};
use crate::page::{Kind, Page};
use crate::render::views::{PhotoView, SrcsetItem};
use crate::site::{Site, photo_path};

/// Widths of the thumbnails, smallest (cards) first; none is wider than its photo.
pub const WIDTHS: [u32; 2] = [320, 640];
/// Where thumbnails are cached, relative to the site root.
pub const CACHE_DIR: &str = ".laurel-cache/thumbs";
/// JPEG quality of thumbnails.
const QUALITY: u8 = 80;
/// Part of every cache key: change it when thumbnails should be made anew.
const RECIPE: &[u8] = b"laurel-thumbs-2;q80;320,640;dct-scaled;";
/// Photos laurel decodes; others (GIF, SVG…) are published as they are.
const DECODED: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// One thumbnail of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    /// Output path, relative to the site root: `photos/a-320.jpg` beside
    /// `photos/a.jpg`, named by its slot in [`WIDTHS`] (a 600 px photo's
    /// page thumbnail is `a-640.jpg`, 600 px wide), so it stays put when the photo changes.
    pub path: String,
    pub width: u32,
    pub height: u32,
    /// The cached file.
    pub file: PathBuf,
    /// Its slot in [`WIDTHS`].
    slot: u32,
}

/// The thumbnails of every photo, by the photo's output path.
#[derive(Debug, Default)]
pub struct Photos {
    by_photo: HashMap<String, Vec<Thumbnail>>,
    /// How many photos were decoded (zero when every thumbnail was cached).
    pub decoded: usize,
}

impl Photos {
    /// Thumbnails of the photo published at `path`, narrowest first; empty
    /// for a photo laurel does not decode.
    pub fn of(&self, path: &str) -> &[Thumbnail] {
        self.by_photo.get(path).map(Vec::as_slice).unwrap_or_default()
    }

    /// The thumbnails as output files, copied from the cache.
    pub fn files(&self) -> Vec<OutputFile> {
        let mut files: Vec<OutputFile> = self
            .by_photo
            .values()
            .flatten()
            .map(|t| OutputFile {
                path: t.path.clone(),
                body: Body::Copy(t.file.clone()),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// What making thumbnails may do with the cache under the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Read it, and add the thumbnails it lacks.
    Fill,
    /// Read it only: a photo it lacks is decoded to check it, and its
    /// thumbnails are named where they would be cached, but not made.
    Read,
}

/// A photo to make thumbnails of, and the pages that show it.
struct Job<'a> {
    output: String,
    /// Source path relative to the site root.
    source: &'a Path,
    pages: Vec<&'a Page>,
}

/// Makes (or finds in the cache) the thumbnails of every person's photo. A
/// photo that cannot be decoded is an error naming each page that shows it;
/// the photos hold the thumbnails of the others.
pub fn thumbnails(site: &Site, use_cache: CacheUse) -> (Photos, Vec<Diagnostic>) {
    thumbnails_knowing(site, use_cache, &Photos::default(), &[])
}

/// [`thumbnails`] after an edit (filling the cache): a photo `before` holds
/// keeps its thumbnails without being read again, unless it is among the
/// photos `replaced` (output paths). Every thumbnail is named again, as a
/// photo's names may depend on the others'.
pub fn thumbnails_after(site: &Site, before: &Photos, replaced: &[String]) -> (Photos, Vec<Diagnostic>) {
    thumbnails_knowing(site, CacheUse::Fill, before, replaced)
}

/// [`thumbnails`], taking those of the photos `known` holds but for the `replaced` ones.
fn thumbnails_knowing(
    site: &Site,
    use_cache: CacheUse,
    known: &Photos,
    replaced: &[String],
) -> (Photos, Vec<Diagnostic>) {
    let mut sources: HashMap<&str, &Path> = HashMap::new();
    for asset in &site.static_files {
        sources.insert(&asset.output, &asset.source);
    }
    for (_, asset) in &site.content_assets {
        sources.insert(&asset.output, &asset.source);
    }
    let mut jobs: Vec<Job> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for page in site.pages.iter().filter(|p| p.kind == Kind::Person) {
        let Some(output) = photo_path(page) else { continue };
        let Some(&source) = sources.get(output.as_str()) else {
            continue;
        };
        if !is_decoded(&output) {
            continue;
        }
        match index.get(&output) {
            Some(&j) => jobs[j].pages.push(page),
            None => {
                index.insert(output.clone(), jobs.len());
                jobs.push(Job {
                    source,
                    output,
                    pages: vec![page],
                });
            }
        }
    }
    let cache = site.root.join(CACHE_DIR);
    if !jobs.is_empty()
        && use_cache == CacheUse::Fill
        && let Err(err) = std::fs::create_dir_all(&cache)
    {
        let problem = Diagnostic::error(CACHE_DIR, msg::render_thumbnail_cache(crate::error::io_reason(&err)))
            .hint(msg::render_thumbnail_cache_hint());
        return (Photos::default(), vec![problem]);
    }
    let results: Vec<Result<(Vec<Cached>, bool), Problem>> = jobs
        .par_iter()
        .map(|job| match known.by_photo.get(&job.output) {
            Some(thumbs) if !replaced.contains(&job.output) => Ok((thumbs.iter().map(Cached::of).collect(), false)),
            _ => cached_or_made(&site.root.join(job.source), &cache, use_cache),
        })
        .collect();

    let taken: HashSet<&str> = sources.keys().copied().collect();
    let mut photos = Photos::default();
    let mut problems = Vec::new();
    let mut claimed: HashSet<String> = HashSet::new();
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Ok((sizes, decoded)) => {
                photos.decoded += usize::from(decoded);
                let thumbs = sizes
                    .into_iter()
                    .map(
                        |Cached {
                             slot,
                             width,
                             height,
                             file,
                         }| {
                            let mut path = thumbnail_path(&job.output, slot, false);
                            if taken.contains(path.as_str()) || claimed.contains(&path) {
                                path = thumbnail_path(&job.output, slot, true);
                            }
                            claimed.insert(path.clone());
                            Thumbnail {
                                path,
                                width,
                                height,
                                file,
                                slot,
                            }
                        },
                    )
                    .collect();
                photos.by_photo.insert(job.output.clone(), thumbs);
            }
            Err(problem) => {
                let shown = job.source.to_string_lossy().replace('\\', "/");
                problems.extend(job.pages.iter().map(|page| problem.diagnostic(page, &shown)));
            }
        }
    }
    (photos, problems)
}

/// What templates see of a page's photo: its thumbnails where there are any.
pub fn view<'a>(photos: &Photos, page: &'a Page) -> Option<PhotoView<'a>> {
    let path = photo_path(page)?;
    let thumbs = photos.of(&path);
    let (src, card, width, height, card_width, card_height) = match (thumbs.first(), thumbs.last()) {
        (Some(small), Some(large)) => (
            large.path.clone(),
            small.path.clone(),
            Some(large.width),
            Some(large.height),
            Some(small.width),
            Some(small.height),
        ),
        _ => (path.clone(), path.clone(), None, None, None, None),
    };
    Some(PhotoView {
        alt: page.photo_alt.as_deref().unwrap_or(&page.title),
        srcset: thumbs
            .iter()
            .map(|t| SrcsetItem {
                path: t.path.clone(),
                width: t.width,
            })
            .collect(),
        path,
        src,
        card,
        width,
        height,
        card_width,
        card_height,
    })
}

/// Whether laurel makes thumbnails of a photo with this name.
fn is_decoded(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| DECODED.contains(&ext.to_ascii_lowercase().as_str()))
}

/// `photos/a.jpg` → `photos/a-320.jpg`; with `full_name`, `photos/a.jpg-320.jpg`
/// (for when the short name is taken).
fn thumbnail_path(output: &str, width: u32, full_name: bool) -> String {
    let (dir, name) = output.rsplit_once('/').map_or(("", output), |(d, n)| (d, n));
    let stem = if full_name {
        name
    } else {
        name.rsplit_once('.').map_or(name, |(s, _)| s)
    };
    if dir.is_empty() {
        format!("{stem}-{width}.jpg")
    } else {
        format!("{dir}/{stem}-{width}.jpg")
    }
}

/// A thumbnail in the cache: its slot in [`WIDTHS`], its size, its file.
struct Cached {
    slot: u32,
    width: u32,
    height: u32,
    file: PathBuf,
}

impl Cached {
    /// The cached file a thumbnail made before is.
    fn of(thumbnail: &Thumbnail) -> Cached {
        Cached {
            slot: thumbnail.slot,
            width: thumbnail.width,
            height: thumbnail.height,
            file: thumbnail.file.clone(),
        }
    }
}

/// The thumbnails of one photo from the cache, or made and cached (only
/// checked, with [`CacheUse::Read`]); `true` when the photo had to be
/// decoded. Waits for the memory the photo may take to be free in the
/// budget all decodes share before reading it.
fn cached_or_made(source: &Path, cache: &Path, use_cache: CacheUse) -> Result<(Vec<Cached>, bool), Problem> {
    let _memory = decodes().reserve(memory_needed(source)?);
    let bytes = std::fs::read(source).map_err(|e| crate::error::io_reason(&e))?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(RECIPE);
    hasher.update(&bytes);
    let key = format!("{:032x}", hasher.digest128());
    let sizes_file = cache.join(format!("{key}.sizes"));
    if let Some(sizes) = read_sizes(&sizes_file, cache, &key) {
        return Ok((sizes, false));
    }
    let image = decode(&bytes, Some(WIDTHS[WIDTHS.len() - 1]))?;
    drop(bytes);
    if use_cache == CacheUse::Read {
        let (width, height) = upright_size(&image);
        let sizes = sizes(width, height)?
            .into_iter()
            .map(|(slot, width, height)| Cached {
                slot,
                width,
                height,
                file: cache.join(format!("{key}-{slot}.jpg")),
            })
            .collect();
        return Ok((sizes, true));
    }
    let mut sizes = Vec::new();
    for (slot, width, height, jpeg) in make_thumbnails(image)? {
        let file = cache.join(format!("{key}-{slot}.jpg"));
        write_atomically(&file, &jpeg)?;
        sizes.push(Cached {
            slot,
            width,
            height,
            file,
        });
    }
    let listing: String = sizes
        .iter()
        .map(|c| format!("{} {} {}\n", c.slot, c.width, c.height))
        .collect();
    write_atomically(&sizes_file, listing.as_bytes())?;
    Ok((sizes, true))
}

/// The cached sizes of a photo, when the listing and every thumbnail it names exist.
fn read_sizes(sizes_file: &Path, cache: &Path, key: &str) -> Option<Vec<Cached>> {
    let text = std::fs::read_to_string(sizes_file).ok()?;
    let mut sizes = Vec::new();
    for line in text.lines() {
        let mut numbers = line.split(' ').map(|n| n.parse::<u32>().ok());
        let (slot, width, height) = (numbers.next()??, numbers.next()??, numbers.next()??);
        let file = cache.join(format!("{key}-{slot}.jpg"));
        if !file.is_file() {
            return None;
        }
        sizes.push(Cached {
            slot,
            width,
            height,
            file,
        });
    }
    (!sizes.is_empty()).then_some(sizes)
}

/// Decodes a photo, turns it upright by its EXIF orientation and hands it to
/// `use_image`, with the same checks and limits as thumbnails, for other
/// sizes than theirs (`laurel export`, the editor's uploads); the error says
/// what is wrong with the file. The decode and `use_image` hold their memory
/// from the budget all of the process's decodes share, so photos sent at
/// once decode one after another when together they would take too much.
pub fn with_upright<T>(
    bytes: &[u8],
    use_image: impl FnOnce(&DynamicImage) -> Result<T, Message>,
) -> Result<T, Message> {
    // A header that does not read reserves nothing: the decode says why.
    let pixels = read_header(bytes).map_or(0, |(_, w, h)| u64::from(w) * u64::from(h));
    let _memory = decodes().reserve((bytes.len() as u64).saturating_add(pixels.saturating_mul(4 * 3)));
    let Decoded {
        mut image, orientation, ..
    } = decode(bytes, None)?;
    if image.width() == 0 || image.height() == 0 {
        return Err(msg::photo_no_pixels());
    }
    image.apply_orientation(orientation);
    use_image(&image)
}

/// Whether an orientation turns the image a quarter, swapping width and height.
fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    )
}

/// A thumbnail made: slot, width, height, JPEG bytes.
type Encoded = (u32, u32, u32, Vec<u8>);

/// Width and height of a decoded photo once turned upright, at its full size.
fn upright_size(decoded: &Decoded) -> (u32, u32) {
    let (width, height) = decoded.size;
    if swaps_sides(decoded.orientation) {
        (height, width)
    } else {
        (width, height)
    }
}

/// The thumbnails of an upright `w`×`h` photo as (slot, width, height),
/// narrowest first.
fn sizes(w: u32, h: u32) -> Result<Vec<(u32, u32, u32)>, Message> {
    if w == 0 || h == 0 {
        return Err(msg::photo_no_pixels());
    }
    // A photo narrower than a slot fills it at its own width; two slots of one width are one.
    let mut slots: Vec<(u32, u32)> = WIDTHS.iter().map(|&slot| (slot, slot.min(w))).collect();
    slots.dedup_by_key(|(_, width)| *width);
    Ok(slots
        .into_iter()
        .map(|(slot, width)| {
            let height = ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32;
            (slot, width, height)
        })
        .collect())
}

/// Thumbnails as (slot, width, height, JPEG bytes), narrowest first. The
/// photo is scaled first and turned upright after, so a large photo is never
/// copied whole.
fn make_thumbnails(decoded: Decoded) -> Result<Vec<Encoded>, Message> {
    let (w, h) = upright_size(&decoded);
    let mut sizes = sizes(w, h)?;
    // Largest first: each smaller one is made from the one before, which is fast.
    sizes.reverse();
    let mut out = scale_and_encode(&decoded.image, &sizes, decoded.orientation)?;
    out.reverse();
    Ok(out)
}

/// The thumbnails of the upright `sizes`, largest first, of `previous`
/// (turned by `orientation`): each scaled from the one before, and encoded
/// while the smaller ones are made.
fn scale_and_encode(
    previous: &DynamicImage,
    sizes: &[(u32, u32, u32)],
    orientation: Orientation,
) -> Result<Vec<Encoded>, Message> {
    let Some((&(slot, width, height), smaller)) = sizes.split_first() else {
        return Ok(Vec::new());
    };
    let (sw, sh) = if swaps_sides(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    let scaled = if (previous.width(), previous.height()) == (sw, sh) {
        std::borrow::Cow::Borrowed(previous)
    } else {
        std::borrow::Cow::Owned(previous.thumbnail_exact(sw, sh))
    };
    let encode = || {
        if orientation == Orientation::NoTransforms {
            return encode_jpeg(&scaled, QUALITY);
        }
        let mut upright = scaled.as_ref().clone();
        upright.apply_orientation(orientation);
        encode_jpeg(&upright, QUALITY)
    };
    let (jpeg, rest) = rayon::join(encode, || scale_and_encode(&scaled, smaller, orientation));
    let mut out = vec![(slot, width, height, jpeg?)];
    out.extend(rest?);
    Ok(out)
}

/// JPEG at `quality` (thumbnails use [`QUALITY`]); transparent parts are laid on white.
pub fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, Message> {
    let rgb = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
        for (to, from) in rgb.pixels_mut().zip(rgba.pixels()) {
            let a = u16::from(from[3]);
            for c in 0..3 {
                to[c] = ((u16::from(from[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
            }
        }
        rgb
    } else {
        image.to_rgb8()
    };
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(&rgb)
        .map_err(msg::photo_thumbnail_unencodable)?;
    Ok(bytes)
}

/// Writes beside the target and renames, so a cache file is whole or absent.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Message> {
    // Unique per write: two photos with the same bytes may be written at once.
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let temp = path.with_extension(format!("tmp{}-{n}", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|file| {
        let mut writer = BufWriter::new(file);
        writer.write_all(bytes)?;
        writer.flush()
    });
    written.and_then(|()| std::fs::rename(&temp, path)).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        msg::photo_cache_unwritable(crate::error::io_reason(&e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(width, height, image::Rgb([200, 80, 40])));
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, 80)
            .encode_image(&image)
            .expect("encode");
        bytes
    }

    #[test]
    fn thumbnail_paths_sit_beside_the_photo() {
        assert_eq!(thumbnail_path("photos/a.jpg", 320, false), "photos/a-320.jpg");
        assert_eq!(
            thumbnail_path("people/x/photo.png", 640, false),
            "people/x/photo-640.jpg"
        );
        assert_eq!(thumbnail_path("a.jpg", 320, true), "a.jpg-320.jpg");
    }

    #[test]
    fn only_known_formats_are_decoded() {
        assert!(is_decoded("a/B.JPG"));
        assert!(is_decoded("b.webp"));
        assert!(!is_decoded("c.gif"));
        assert!(!is_decoded("noext"));
    }

    #[test]
    fn small_photos_are_never_upscaled() {
        let thumbs = make_thumbnails(decode(&jpeg(200, 100), Some(640)).expect("decode")).expect("thumbs");
        assert_eq!(thumbs.len(), 1);
        assert_eq!((thumbs[0].0, thumbs[0].1, thumbs[0].2), (320, 200, 100));
    }

    #[test]
    fn quarter_turns_swap_the_sides_of_thumbnails() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::new(1000, 500));
        let thumbs = make_thumbnails(Decoded::full(image, Orientation::Rotate90)).expect("thumbs");
        let sizes: Vec<(u32, u32, u32)> = thumbs.iter().map(|t| (t.0, t.1, t.2)).collect();
        assert_eq!(sizes, [(320, 320, 640), (640, 500, 1000)]);
        let decoded = image::load_from_memory(&thumbs[0].3).expect("jpeg");
        assert_eq!((decoded.width(), decoded.height()), (320, 640));
    }

    #[test]
    fn damaged_and_cut_files_are_errors_not_panics() {
        let whole = jpeg(64, 64);
        assert!(decode(b"not a picture at all", Some(640)).is_err());
        let cut = &whole[..whole.len() / 2];
        assert!(!decode(cut, Some(640)).is_ok_and(|decoded| make_thumbnails(decoded).is_ok()));
    }

    /// A 12-megapixel test picture with what thumbnails must keep: smooth
    /// gradients, hard edges of every angle and a texture that stays visible
    /// in a thumbnail (stripes finer than a thumbnail's pixel alias
    /// differently in any two downscalers, and photos hardly have them).
    fn detailed_photo() -> Vec<u8> {
        let image = image::RgbImage::from_fn(4000, 3000, |x, y| {
            let (fx, fy) = (x as f32, y as f32);
            let ring = (((fx - 2000.0).hypot(fy - 1500.0) / 90.0) as u32).is_multiple_of(2);
            let stripe = (x / 40 + y / 60) % 3 == 0;
            let r = (fx / 4000.0 * 200.0) as u8 + if ring { 50 } else { 0 };
            let g = (fy / 3000.0 * 180.0) as u8 + if stripe { 60 } else { 10 };
            let b = if x > 3000 && y < 1000 {
                230
            } else {
                ((fx + fy) / 7000.0 * 150.0) as u8
            };
            image::Rgb([r, g, b])
        });
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, 90)
            .encode_image(&image)
            .expect("encode");
        bytes
    }

    /// Peak signal-to-noise ratio of two images of one size, in dB.
    fn psnr(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
        assert_eq!(a.dimensions(), b.dimensions());
        let squared: f64 = a
            .as_raw()
            .iter()
            .zip(b.as_raw())
            .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
            .sum();
        let mse = squared / a.as_raw().len() as f64;
        10.0 * (255.0 * 255.0 / mse).log10()
    }

    /// Measured with PSNR over the decoded thumbnails: 34.4 dB at 320 px for
    /// this picture, 41 dB without its hard-edged stripes; the bound is
    /// generous (30 dB), a loss one would see is well under it.
    #[test]
    fn thumbnails_of_a_reduced_decode_look_like_those_of_a_full_one() {
        let photo = detailed_photo();
        let reduced = decode(&photo, Some(640)).expect("decode");
        assert_eq!(reduced.image.width(), 1000, "decoded at a quarter of each side");
        let full = decode(&photo, None).expect("decode");
        assert_eq!(full.image.width(), 4000);
        let reduced = make_thumbnails(reduced).expect("thumbs");
        let full = make_thumbnails(full).expect("thumbs");
        for (r, f) in reduced.iter().zip(&full) {
            assert_eq!((r.0, r.1, r.2), (f.0, f.1, f.2), "same slots and sizes");
            let r_pixels = image::load_from_memory(&r.3).expect("jpeg").to_rgb8();
            let f_pixels = image::load_from_memory(&f.3).expect("jpeg").to_rgb8();
            let db = psnr(&r_pixels, &f_pixels);
            assert!(db > 30.0, "{}px thumbnails differ: PSNR {db:.1} dB", r.1);
        }
    }

    #[test]
    fn grayscale_photos_decode_reduced_and_stay_gray() {
        let gray = image::GrayImage::from_fn(2000, 1500, |x, y| image::Luma([((x + y) % 256) as u8]));
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, 85)
            .encode_image(&gray)
            .expect("encode");
        let decoded = decode(&bytes, Some(640)).expect("decode");
        assert_eq!(decoded.image.color(), image::ColorType::L8);
        assert_eq!((decoded.image.width(), decoded.image.height()), (1000, 750));
        let thumbs = make_thumbnails(decoded).expect("thumbs");
        assert_eq!((thumbs[1].1, thumbs[1].2), (640, 480));
    }

    #[test]
    fn alpha_is_laid_on_white() {
        let image = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(4, 4, image::Rgba([0, 0, 0, 0])));
        let bytes = encode_jpeg(&image, QUALITY).expect("jpeg");
        let back = image::load_from_memory(&bytes).expect("decode").to_rgb8();
        assert!(back.get_pixel(1, 1)[0] > 240);
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_said_in_chinese() {
        let dir = tempfile::tempdir().expect("temp dir");
        let why = write_atomically(&dir.path().join("gone/a-320.jpg"), b"x").unwrap_err();
        assert_eq!(
            why.in_lang(crate::i18n::Lang::Zh),
            "无法写入缩略图缓存：找不到这个文件或文件夹"
        );
        assert!(!why.to_string().contains(&*dir.path().to_string_lossy()), "{why}");
        assert_eq!(
            sizes(0, 10).unwrap_err().in_lang(crate::i18n::Lang::Zh),
            "这张照片没有像素"
        );
    }
}
