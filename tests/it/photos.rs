//! Person photos: thumbnails (sizes, orientation, cache), their HTML, bad
//! photos, and QR codes on person pages.

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::support::*;

/// A person with a static photo, and a bundle person with a photo beside the page.
fn photo_site(photo: &[u8]) -> Site {
    Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nregion = \"河西区\"\nphoto = \"/photos/zhang.jpg\"\nphoto_alt = \"张三在社区\"",
                "事迹。\n",
            ),
        )
        .bytes("static/photos/zhang.jpg", photo)
}

fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes).expect("a JPEG").to_rgb8()
}

fn cache_files(site: &Site) -> BTreeMap<String, SystemTime> {
    let dir = site.root().join(laurel::render::photo::CACHE_DIR);
    std::fs::read_dir(&dir)
        .expect("cache folder")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().and_then(|m| m.modified()).expect("mtime"),
            )
        })
        .collect()
}

#[test]
fn thumbnails_are_made_beside_the_photo_at_their_sizes() {
    let site = photo_site(&jpeg(1000, 800));
    site.build_ok();
    let small = decode(&std::fs::read(site.out().join("photos/zhang-320.jpg")).expect("320"));
    let large = decode(&std::fs::read(site.out().join("photos/zhang-640.jpg")).expect("640"));
    assert_eq!(small.dimensions(), (320, 256));
    assert_eq!(large.dimensions(), (640, 512));
    // The original is published too, and the cache stays out of the output.
    assert!(site.exists("photos/zhang.jpg"));
    assert!(!site.outputs().iter().any(|p| p.contains("laurel-cache")));
    assert!(site.root().join(laurel::render::photo::CACHE_DIR).is_dir());
}

#[test]
fn exif_orientation_is_applied() {
    // Stored 400×200, left half red, right half blue; Orientation 6 shows it
    // turned a quarter clockwise: 200×400, red on top.
    let stored = image::RgbImage::from_fn(400, 200, |x, _| {
        if x < 200 {
            image::Rgb([220, 0, 0])
        } else {
            image::Rgb([0, 0, 220])
        }
    });
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/li-si/index.md",
            &md("title = \"李四\"\nphoto = \"photo.jpg\"\nphoto_alt = \"李四\"", ""),
        )
        .bytes("content/people/li-si/photo.jpg", &jpeg_of(&stored, Some(6)));
    site.build_ok();
    // Narrower than both slots: one thumbnail, at its own width, never upscaled.
    let thumb = decode(&std::fs::read(site.out().join("people/li-si/photo-320.jpg")).expect("thumb"));
    assert!(!site.exists("people/li-si/photo-640.jpg"));
    assert_eq!(thumb.dimensions(), (200, 400));
    let top = thumb.get_pixel(100, 40);
    let bottom = thumb.get_pixel(100, 360);
    assert!(top[0] > 150 && top[2] < 80, "top should be red: {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 80, "bottom should be blue: {bottom:?}");
    let html = site.read("people/li-si/index.html");
    assert!(html.contains("width=\"200\" height=\"400\""), "{html}");
}

#[test]
fn exif_orientation_is_applied_to_a_photo_decoded_at_a_reduced_scale() {
    // Stored 4000×1500, left half red; Orientation 6: 1500×4000 upright, red
    // on top. Decoded at half size (750 wide upright), then thumbnailed.
    let stored = image::RgbImage::from_fn(4000, 1500, |x, _| {
        if x < 2000 {
            image::Rgb([220, 0, 0])
        } else {
            image::Rgb([0, 0, 220])
        }
    });
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/li-si/index.md",
            &md("title = \"李四\"\nphoto = \"photo.jpg\"\nphoto_alt = \"李四\"", ""),
        )
        .bytes("content/people/li-si/photo.jpg", &jpeg_of(&stored, Some(6)));
    site.build_ok();
    for (name, size) in [("photo-320.jpg", (320, 853)), ("photo-640.jpg", (640, 1707))] {
        let thumb = decode(&std::fs::read(site.out().join("people/li-si").join(name)).expect("thumb"));
        assert_eq!(thumb.dimensions(), size, "{name}");
        let (top, bottom) = (
            thumb.get_pixel(size.0 / 2, size.1 / 10),
            thumb.get_pixel(size.0 / 2, size.1 * 9 / 10),
        );
        assert!(top[0] > 150 && top[2] < 80, "{name}: top should be red: {top:?}");
        assert!(
            bottom[2] > 150 && bottom[0] < 80,
            "{name}: bottom should be blue: {bottom:?}"
        );
    }
}

#[test]
fn pages_and_cards_carry_size_srcset_and_lazy_loading() {
    let site = photo_site(&jpeg(1000, 800));
    site.build_ok();
    let page = site.read("people/zhang-san/index.html");
    let img = &page[pos(&page, "<img")..];
    let img = &img[..pos(img, ">")];
    assert!(img.contains("src=\"../../photos/zhang-640.jpg\""), "{img}");
    assert!(
        img.contains("srcset=\"../../photos/zhang-320.jpg 320w, ../../photos/zhang-640.jpg 640w\""),
        "{img}"
    );
    assert!(img.contains("width=\"640\" height=\"512\""), "{img}");
    assert!(img.contains("loading=\"lazy\""), "{img}");
    assert!(img.contains("alt=\"张三在社区\""), "{img}");

    let list = site.read("people/index.html");
    let card = &list[pos(&list, "<img class=\"card-photo\"")..];
    let card = &card[..pos(card, ">")];
    assert!(card.contains("src=\"../photos/zhang-320.jpg\""), "{card}");
    assert!(card.contains("width=\"320\" height=\"256\""), "{card}");
    assert!(card.contains("../photos/zhang-640.jpg 640w"), "{card}");
}

#[test]
fn a_warm_build_does_no_image_work() {
    let site = photo_site(&jpeg(1000, 800));
    site.build_ok();
    let first = cache_files(&site);
    assert_eq!(first.len(), 3, "two thumbnails and their sizes: {first:?}");
    // Mark a cached thumbnail: a warm build must publish it as it is, not make it again.
    let marked = first.keys().find(|n| n.ends_with("-320.jpg")).expect("320").clone();
    let marked_path = site.root().join(laurel::render::photo::CACHE_DIR).join(&marked);
    std::fs::write(&marked_path, b"from the cache").expect("mark");
    let mut expected = first.clone();
    expected.insert(
        marked.clone(),
        std::fs::metadata(&marked_path)
            .and_then(|m| m.modified())
            .expect("mtime"),
    );
    site.build_ok();
    assert_eq!(cache_files(&site), expected, "the cache was written again");
    assert_eq!(site.read("photos/zhang-320.jpg"), "from the cache");

    // A changed photo is a new key: made anew, the old thumbnails stay.
    site.write("static/photos/zhang.jpg", &jpeg(900, 900));
    site.build_ok();
    assert_eq!(cache_files(&site).len(), 6);
    assert_eq!(
        decode(&std::fs::read(site.out().join("photos/zhang-320.jpg")).expect("320")).dimensions(),
        (320, 320)
    );
}

#[test]
fn one_photo_shown_by_two_pages_is_made_once() {
    let site = photo_site(&jpeg(700, 700)).file(
        "content/people/wang-wu.md",
        &md(
            "title = \"王五\"\nphoto = \"/photos/zhang.jpg\"\nphoto_alt = \"合影\"",
            "",
        ),
    );
    site.build_ok();
    assert_eq!(cache_files(&site).len(), 3);
    assert!(site.read("people/wang-wu/index.html").contains("photos/zhang-640.jpg"));
}

#[test]
fn a_corrupt_jpeg_names_the_page_line_and_file() {
    let mut bytes = jpeg(300, 300);
    // Keep the header, scramble everything after it.
    for b in bytes.iter_mut().skip(200) {
        *b = 0xFF;
    }
    let site = photo_site(&bytes);
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert_eq!(d.line, Some(4));
    assert!(d.message.contains("/photos/zhang.jpg"), "{d}");
    assert!(d.message.contains("static/photos/zhang.jpg"), "{d}");
    assert!(!site.out().exists(), "a failed build writes nothing");
}

#[test]
fn a_file_that_is_no_picture_is_an_error() {
    let site = photo_site(b"this is not a picture");
    let d = errors(&site.build_err())[0].clone();
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert!(d.message.contains("static/photos/zhang.jpg"), "{d}");
}

#[test]
fn a_truncated_jpeg_is_an_error() {
    // Varied pixels, so the cut falls inside the image data.
    let picture = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 256) as u8])
    });
    let whole = jpeg_of(&picture, None);
    let site = photo_site(&whole[..whole.len() / 2]);
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!(d.file, "content/people/zhang-san.md");
    assert!(d.message.contains("cut short") || d.message.contains("damaged"), "{d}");
    assert!(d.message.contains("static/photos/zhang.jpg"), "{d}");
}

#[test]
fn a_40_megapixel_photo_works() {
    let site = photo_site(&jpeg(7300, 5500));
    site.build_ok();
    let large = decode(&std::fs::read(site.out().join("photos/zhang-640.jpg")).expect("640"));
    assert_eq!(large.dimensions(), (640, 482));
}

/// CRC-32 of a PNG chunk's type and data.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A PNG of a few bytes whose header declares `width`×`height` pixels.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    // 8-bit RGB, deflate, no filter set, not interlaced.
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    for (kind, data) in [
        (&b"IHDR"[..], &ihdr[..]),
        (b"IDAT", &[0x78, 0x9C, 0x03, 0x00]),
        (b"IEND", &[]),
    ] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let chunk = [kind, data].concat();
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    png
}

#[test]
fn a_photo_of_too_many_pixels_is_refused_by_its_header() {
    // 17,000×17,000 would take 867 MB to decode; the file is 57 bytes.
    let site = photo_site(&png_declaring(17_000, 17_000));
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/people/zhang-san.md", Some(4)));
    assert!(d.message.contains("static/photos/zhang.jpg"), "{d}");
    assert!(d.message.contains("17000×17000 pixels"), "{d}");
    assert!(d.message.contains("at most 100 megapixels"), "{d}");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("resize")), "{d}");
    assert!(!site.out().exists(), "a failed build writes nothing");
}

#[test]
fn a_missing_photo_is_still_an_error_at_its_line() {
    let site = Site::new().file("content/people/_index.md", PEOPLE_INDEX).file(
        "content/people/a.md",
        &md("title = \"甲\"\nphoto = \"/photos/none.jpg\"", ""),
    );
    let err = site.build_err();
    let d = only_error(&err);
    assert_eq!((d.file.as_str(), d.line), ("content/people/a.md", Some(3)));
}

#[test]
fn a_photo_without_alt_is_a_check_warning_and_the_name_stands_in() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/a.md",
            &md("title = \"甲\"\nphoto = \"/photos/a.jpg\"", ""),
        )
        .bytes("static/photos/a.jpg", &jpeg(400, 500));
    let report = site.check().expect("check passes");
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message.contains("photo_alt"))
        .unwrap_or_else(|| panic!("no photo_alt warning: {:?}", report.warnings));
    assert_eq!((warning.file.as_str(), warning.line), ("content/people/a.md", Some(3)));
    site.build_ok();
    assert!(site.read("people/a/index.html").contains("alt=\"甲\""));
}

#[test]
fn persons_without_a_photo_get_a_placeholder() {
    let site = Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file("content/people/a.md", &md("title = \"甲乙\"", ""));
    site.build_ok();
    let html = site.read("people/a/index.html");
    assert!(html.contains("person-photo placeholder"), "{html}");
    assert!(!article(&html).contains("<img"));
}

/// The dark modules of a QR SVG, read back from its path: a row's first
/// stroke `M x y.5 h n`, then `m gap 0 h n` for each further run of the row.
fn modules(svg: &str, size: usize) -> Vec<bool> {
    assert!(svg.contains("<path stroke=\"#000\" d=\""), "{svg}");
    let d = &svg[pos(svg, " d=\"") + 4..];
    let d = &d[..pos(d, "\"")];
    let mut dark = vec![false; size * size];
    for row in d.split('M').filter(|r| !r.is_empty()) {
        let (xy, runs) = row.split_once(".5h").expect("a row");
        let (x, y) = xy.split_once(' ').expect("x y");
        let (mut x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
        for run in runs.split(" 0h") {
            let (n, gap) = run.split_once('m').unwrap_or((run, "0"));
            let n: usize = n.parse().expect("length");
            for module in &mut dark[y * size + x..][..n] {
                assert!(!*module, "drawn twice: {row}");
                *module = true;
            }
            x += n + gap.parse::<usize>().expect("gap");
        }
    }
    dark
}

#[test]
fn person_pages_carry_a_qr_code_of_their_permalink() {
    let site = photo_site(&jpeg(400, 500));
    site.build_ok();
    let html = site.read("people/zhang-san/index.html");
    let permalink = "https://example.org/haoren/people/zhang-san/index.html";
    let svg = &html[pos(&html, "<svg")..];
    let svg = &svg[..pos(svg, "</svg>") + "</svg>".len()];
    assert!(svg.contains(&format!("aria-label=\"{permalink}\"")), "{svg}");
    assert!(svg.contains(&format!("<title>{permalink}</title>")), "{svg}");
    assert!(svg.contains("role=\"img\""));
    let open = &svg[..pos(svg, ">")];
    assert!(open.contains("viewBox=\"0 0 ") && !open.contains(" width="), "{open}");
    assert_eq!(svg.matches('<').count(), svg.matches('>').count());

    // The modules are exactly those of a QR code holding the permalink, the
    // size the qrcode crate gives it.
    let (width, colors) = laurel::render::qr::modules(permalink).expect("code");
    let reference = qrcode::QrCode::with_error_correction_level(permalink, qrcode::EcLevel::M).expect("code");
    assert_eq!(width, reference.width());
    let size = width + 8;
    let dark = modules(svg, size);
    for (i, color) in colors.iter().enumerate() {
        let (x, y) = (i % width + 4, i / width + 4);
        assert_eq!(dark[y * size + x], *color == qrcode::Color::Dark, "module {x},{y}");
    }
    assert_eq!(
        dark.iter().filter(|d| **d).count(),
        colors.iter().filter(|c| **c == qrcode::Color::Dark).count()
    );
}

#[test]
fn other_pages_have_no_qr_code() {
    let site = photo_site(&jpeg(400, 500)).file("content/about.md", &md("title = \"关于\"", "说明。\n"));
    site.build_ok();
    assert!(!site.read("about/index.html").contains("<svg"));
}
