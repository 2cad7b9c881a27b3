//! Test support: a small site in a temporary folder, built with the library.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use laurel::{BuildOptions, Diagnostic, Error, Report};

/// The `laurel.toml` every [`Site::new`] starts with.
pub const CONFIG: &str = "title = \"测试好人榜\"\nbase_url = \"https://example.org/haoren/\"\n";

/// A site in a temporary folder, deleted when dropped.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A site with the minimal `laurel.toml` ([`CONFIG`]) and an empty `content/`.
    pub fn new() -> Site {
        Site::bare().file("laurel.toml", CONFIG).dir("content")
    }

    /// An empty folder: no `laurel.toml`, no `content/`.
    pub fn bare() -> Site {
        Site {
            dir: tempfile::Builder::new()
                .prefix("laurel-it-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    /// Adds (or replaces) a text file, creating its folders.
    pub fn file(self, path: &str, text: &str) -> Site {
        self.write(path, text.as_bytes());
        self
    }

    /// Adds (or replaces) a file with exactly these bytes.
    pub fn bytes(self, path: &str, bytes: &[u8]) -> Site {
        self.write(path, bytes);
        self
    }

    /// Appends lines to `laurel.toml`.
    pub fn config(self, lines: &str) -> Site {
        let mut text = std::fs::read_to_string(self.root().join("laurel.toml")).unwrap_or_default();
        text.push_str(lines);
        text.push('\n');
        self.file("laurel.toml", &text)
    }

    /// Adds an empty folder.
    pub fn dir(self, path: &str) -> Site {
        std::fs::create_dir_all(self.root().join(path)).expect("create dir");
        self
    }

    /// Writes a file into the site (to change a site after a build).
    pub fn write(&self, path: &str, bytes: &[u8]) {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("create dir");
        std::fs::write(full, bytes).expect("write");
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder, `<root>/public`.
    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root())
    }

    /// `laurel serve` of this site at loopback, on a free port, editor as at loopback.
    pub fn serve_options(&self) -> laurel::serve::ServeOptions {
        laurel::serve::ServeOptions {
            build: self.options(),
            bind: "127.0.0.1".into(),
            port: 0,
            edit: false,
        }
    }

    /// `laurel build` into `<root>/public`.
    pub fn build(&self) -> Result<Report, Error> {
        laurel::command::build(&self.options(), &self.out())
    }

    /// `laurel build` with changed options.
    pub fn build_with(&self, change: impl FnOnce(&mut BuildOptions)) -> Result<Report, Error> {
        let mut options = self.options();
        change(&mut options);
        laurel::command::build(&options, &self.out())
    }

    /// Builds and panics with laurel's messages when the build fails.
    pub fn build_ok(&self) -> Report {
        self.build().unwrap_or_else(|err| panic!("build failed:\n{err}"))
    }

    /// Builds, expecting failure; returns the error.
    pub fn build_err(&self) -> Error {
        match self.build() {
            Ok(report) => panic!("build succeeded but should fail; warnings: {:?}", report.warnings),
            Err(err) => err,
        }
    }

    /// `laurel check`.
    pub fn check(&self) -> Result<Report, Error> {
        laurel::command::check(&self.options(), false)
    }

    /// `laurel build --date DATE` (YYYY-MM-DD): for sites whose inspection
    /// findings depend on the day; panics with laurel's messages on failure.
    pub fn build_on(&self, date: &str) -> Report {
        self.build_with(|o| o.date = Some(date.parse().expect("a date")))
            .unwrap_or_else(|err| panic!("build failed:\n{err}"))
    }

    /// `laurel check --date DATE`, with `--strict` when `strict`.
    pub fn check_on(&self, date: &str, strict: bool) -> Result<Report, Error> {
        let mut options = self.options();
        options.date = Some(date.parse().expect("a date"));
        laurel::command::check(&options, strict)
    }

    /// Whether the output holds `path`.
    pub fn exists(&self, path: &str) -> bool {
        self.out().join(path).is_file()
    }

    /// Text of an output file.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.out().join(path))
            .unwrap_or_else(|err| panic!("cannot read output {path}: {err}; output has {:?}", self.outputs()))
    }

    /// Text of a source file.
    pub fn source(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path)).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
    }

    /// Every file under the output folder, relative to it, sorted.
    pub fn outputs(&self) -> Vec<String> {
        files_under(&self.out()).into_keys().collect()
    }

    /// Every file under the output folder with its bytes.
    pub fn output_bytes(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.out())
    }
}

/// Every file under `dir` (relative, `/`-separated) with its bytes.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

/// The `laurel` binary speaking English whatever the machine's locale:
/// `LANG=C` and no `LC_ALL` or `LC_MESSAGES` (a site's `language` still wins).
pub fn laurel_in_english() -> assert_cmd::Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("laurel");
    command.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    command
}

/// A small site: a person with a static photo, an event naming them, a page.
pub fn small_site() -> Site {
    Site::new()
        .file("content/_index.md", &md("title = \"首页\"", "欢迎。"))
        .file("content/about.md", &md("title = \"关于\"", "本站。"))
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nphoto = \"/photos/zhang.jpg\"\ncategory = \"助人为乐\"",
                "事迹。",
            ),
        )
        .bytes("static/photos/zhang.jpg", &jpeg(4, 4))
        .file(
            "content/events/2024-03-05-xue-lei-feng.md",
            &md("title = \"学雷锋\"\nkind = \"event\"\npeople = [\"张三\"]", "活动。"),
        )
}

/// A Markdown file with the given front matter lines and body.
pub fn md(front: &str, body: &str) -> String {
    format!("+++\n{}\n+++\n{body}", front.trim_end())
}

/// A person section's `_index.md`.
pub const PEOPLE_INDEX: &str = "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\n+++\n";

/// The error diagnostics of a failed command.
pub fn errors(err: &Error) -> Vec<&Diagnostic> {
    err.diagnostics().iter().filter(|d| d.is_error()).collect()
}

/// A failed command's messages as a reader of a Chinese site sees them.
pub fn zh(err: &Error) -> String {
    err.render(laurel::i18n::Lang::Zh)
}

/// The only error diagnostic of a failed command.
pub fn only_error(err: &Error) -> &Diagnostic {
    let list = errors(err);
    assert_eq!(list.len(), 1, "expected one error, got:\n{err}");
    list[0]
}

/// The text between `<article` and `</article>` of a page (the first article).
pub fn article(html: &str) -> &str {
    let start = html.find("<article").expect("an <article>");
    let end = html[start..].rfind("</article>").expect("an </article>") + start + "</article>".len();
    &html[start..end]
}

/// Values of `attr="…"` in `html`, in order.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').expect("closing quote");
        found.push(&rest[..end]);
        rest = &rest[end..];
    }
    found
}

/// Position of `needle` in `haystack`, panicking with context when absent.
pub fn pos(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in:\n{haystack}"))
}

pub use laurel::links::percent_decode;

/// A real JPEG of `width`×`height` pixels in one colour (encodes fast at any size).
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    jpeg_of(
        &image::RgbImage::from_pixel(width, height, image::Rgb([190, 120, 80])),
        None,
    )
}

/// `image` as a JPEG, with an EXIF Orientation tag when given.
pub fn jpeg_of(image: &image::RgbImage, orientation: Option<u16>) -> Vec<u8> {
    use image::ImageEncoder;
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85);
    if let Some(o) = orientation {
        // A big-endian TIFF header and one IFD entry: Orientation (0x0112), SHORT, 1 value.
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
        tiff.extend_from_slice(&o.to_be_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        encoder.set_exif_metadata(tiff).expect("exif");
    }
    encoder
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode jpeg");
    bytes
}
