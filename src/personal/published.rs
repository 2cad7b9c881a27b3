//! Check stage: the files laurel publishes as they are — everything in
//! `static/`, and the files beside the pages in `content/` — hold no
//! personal number in their names, nor inside the ones it can read: text
//! files line by line, and every XML part of an Office file (`.xlsx`,
//! `.docx`, `.pptx`), since a hidden sheet or a cell no list shows travels
//! with the file.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;

use super::detect::{NumberKind, find_numbers, find_numbers_in_path};
use crate::content::Asset;
use crate::error::{Diagnostic, io_reason};
use crate::i18n::{Message, msg};

/// Files read as text, by extension (lower case).
const TEXT: [&str; 14] = [
    "txt", "csv", "tsv", "md", "markdown", "json", "xml", "html", "htm", "yaml", "yml", "toml", "ics", "vcf",
];
/// Office files: zip archives of XML parts.
const OFFICE: [&str; 4] = ["xlsx", "xlsm", "docx", "pptx"];
/// The longest piece of a line looked at at once: a longer line (a
/// worksheet's XML is one) is read in pieces of this size.
const PIECE: u64 = 1 << 20;
/// The most bytes read of one Office part, and of all of a file's parts,
/// as the award lists' workbook reader allows: a part that unpacks to more
/// is read that far.
const PART_LIMIT: u64 = 64 << 20;
const TOTAL_LIMIT: u64 = 256 << 20;

/// Errors for each of `assets` (their sources under `root`) that would
/// publish a number; a warning for an Office file that cannot be read.
pub fn check_published(root: &Path, assets: &[&Asset]) -> Vec<Diagnostic> {
    assets
        .par_iter()
        .flat_map_iter(|asset| check_one(root, asset))
        .collect()
}

fn check_one(root: &Path, asset: &Asset) -> Vec<Diagnostic> {
    let shown = asset.shown();
    let mut problems: Vec<Diagnostic> = find_numbers_in_path(&asset.output)
        .iter()
        .map(|number| {
            let masked = number.masked(&asset.output);
            Diagnostic::error(&shown, msg::personal_in_published_name(masked, number.kind.describe()))
                .hint(msg::personal_in_file_name_hint())
        })
        .collect();
    let extension = asset
        .output
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let path = root.join(&asset.source);
    let inside = if TEXT.contains(&extension.as_str()) {
        text_numbers(&path)
    } else if OFFICE.contains(&extension.as_str()) {
        office_numbers(&path)
    } else {
        return problems;
    };
    match inside {
        Ok(None) => {}
        Ok(Some(inside)) => {
            let (kind, masked) = (inside.kind.describe(), inside.masked);
            let problem = match inside.place {
                Place::Line(line) => {
                    Diagnostic::error(&shown, msg::personal_in_published_file(masked, kind)).at_line(line)
                }
                Place::Part(part) => Diagnostic::error(&shown, msg::personal_in_published_part(part, masked, kind)),
            };
            problems.push(problem.hint(msg::personal_in_published_hint(inside.count)));
        }
        Err(cause) => problems.push(
            Diagnostic::warning(&shown, msg::personal_published_unreadable(cause))
                .hint(msg::personal_published_unreadable_hint()),
        ),
    }
    problems
}

/// The first number inside a file, and how many it holds.
struct Inside {
    place: Place,
    kind: NumberKind,
    masked: String,
    count: usize,
}

/// Where in a file a number is.
enum Place {
    /// A line of a text file (1-based).
    Line(usize),
    /// A part of an Office file (`xl/worksheets/sheet2.xml`).
    Part(String),
}

/// The numbers in the text file at `path`.
fn text_numbers(path: &Path) -> Result<Option<Inside>, Message> {
    let file = File::open(path).map_err(|err| io_reason(&err))?;
    let mut inside = None;
    scan(BufReader::new(file), &|line| Place::Line(line), &mut inside).map_err(|err| io_reason(&err))?;
    Ok(inside)
}

/// The numbers in the XML parts of the Office file at `path`.
fn office_numbers(path: &Path) -> Result<Option<Inside>, Message> {
    let file = File::open(path).map_err(|err| io_reason(&err))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|err| zip_reason(&err))?;
    let mut inside = None;
    let mut left = TOTAL_LIMIT;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|err| zip_reason(&err))?;
        let name = part.name().map_err(|err| zip_reason(&err))?.into_owned();
        if !name.ends_with(".xml") || left == 0 {
            continue;
        }
        let limited = BufReader::new(part.take(PART_LIMIT.min(left)));
        let read = scan(limited, &|_| Place::Part(name.clone()), &mut inside).map_err(|err| io_reason(&err))?;
        left -= read.min(left);
    }
    Ok(inside)
}

/// Looks for numbers in `reader`, a line (or a [`PIECE`] of one) at a
/// time, counting them into `inside`, whose first is placed by `place`
/// from its line; gives the bytes read.
fn scan(mut reader: impl BufRead, place: &dyn Fn(usize) -> Place, inside: &mut Option<Inside>) -> std::io::Result<u64> {
    let (mut line, mut read, mut piece) = (1, 0, Vec::new());
    loop {
        piece.clear();
        let n = reader.by_ref().take(PIECE).read_until(b'\n', &mut piece)?;
        if n == 0 {
            return Ok(read);
        }
        read += n as u64;
        // Bytes of another encoding than UTF-8 turn into U+FFFD, which
        // neither is a digit nor glues one: digits stay as they are.
        let text = String::from_utf8_lossy(&piece);
        let found = find_numbers(&text);
        match (inside.as_mut(), found.first()) {
            (_, None) => {}
            (Some(inside), Some(_)) => inside.count += found.len(),
            (None, Some(first)) => {
                *inside = Some(Inside {
                    place: place(line),
                    kind: first.kind,
                    masked: first.masked(&text),
                    count: found.len(),
                });
            }
        }
        if piece.ends_with(b"\n") {
            line += 1;
        }
    }
}

/// Why an Office file cannot be read.
fn zip_reason(err: &zip::result::ZipError) -> Message {
    match err {
        zip::result::ZipError::Io(cause) => io_reason(cause),
        _ => msg::personal_not_an_office_file(err),
    }
}
