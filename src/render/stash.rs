//! Render stage: the story HTML a build's Markdown pass makes, set aside in
//! an unnamed temporary file until its page is rendered, so each story is
//! read and parsed once without every page's HTML held in memory.
//!
//! The stash only saves work: a page whose HTML it cannot give (no
//! temporary file could be made, a write or read failed) has its Markdown
//! rendered again from its story, as before there was a stash.

use std::fs::File;
use std::io::{ErrorKind, IoSlice, Seek, SeekFrom, Write};

/// Pages' story HTML in a temporary file, which the system deletes once it
/// is closed, even when the process ends without dropping it.
pub(super) struct HtmlStash {
    /// Written through `&mut`, read at given offsets: many pages are read
    /// back at once, without a lock.
    file: File,
    /// Where each page's HTML starts in the file and its length, by page
    /// (its index in `site.pages`); `None` for a page not stashed.
    places: Vec<Option<(u64, usize)>>,
    /// The length of the file.
    end: u64,
}

impl HtmlStash {
    /// An empty stash for `pages` pages, or `None` when no temporary file
    /// can be made.
    pub(super) fn new(pages: usize) -> Option<HtmlStash> {
        let file = tempfile::tempfile().ok()?;
        Some(HtmlStash {
            file,
            places: vec![None; pages],
            end: 0,
        })
    }

    /// Adds the HTML of each page `(i, html)` of `pages`, written together
    /// rather than copied into one buffer first. On failure none of them is
    /// stashed.
    pub(super) fn add<'h>(&mut self, pages: impl Iterator<Item = (usize, &'h str)> + Clone) -> std::io::Result<()> {
        let mut slices: Vec<IoSlice<'_>> = pages.clone().map(|(_, html)| IoSlice::new(html.as_bytes())).collect();
        let file = &mut self.file;
        file.seek(SeekFrom::Start(self.end))?;
        let mut left = slices.as_mut_slice();
        IoSlice::advance_slices(&mut left, 0);
        while !left.is_empty() {
            match file.write_vectored(left) {
                Ok(0) => return Err(ErrorKind::WriteZero.into()),
                Ok(written) => IoSlice::advance_slices(&mut left, written),
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        for (i, html) in pages {
            self.places[i] = Some((self.end, html.len()));
            self.end += html.len() as u64;
        }
        Ok(())
    }

    /// Page `i`'s HTML, or `None` when it is not stashed or cannot be read back.
    pub(super) fn get(&self, i: usize) -> Option<String> {
        let (start, len) = (*self.places.get(i)?)?;
        let mut bytes = vec![0; len];
        read_at(&self.file, &mut bytes, start).ok()?;
        crate::text::utf8_string(bytes).ok()
    }
}

/// Fills `bytes` from `file` at offset `start`, leaving where `file` is
/// for whoever seeks it.
#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], start: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, start)
}

/// Fills `bytes` from `file` at offset `start`.
#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut start: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, bytes, start) {
            Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
            Ok(read) => {
                bytes = &mut std::mem::take(&mut bytes)[read..];
                start += read as u64;
            }
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_its_own_html() {
        let mut stash = HtmlStash::new(4).expect("a temporary file");
        stash
            .add([(2, "<p>他坚持学雷锋。</p>\n"), (0, "")].into_iter())
            .expect("stashed");
        stash
            .add([(3, "<h2 id=\"事迹\">事迹</h2>\n")].into_iter())
            .expect("stashed");
        assert_eq!(stash.get(2).as_deref(), Some("<p>他坚持学雷锋。</p>\n"));
        assert_eq!(stash.get(0).as_deref(), Some(""));
        assert_eq!(stash.get(3).as_deref(), Some("<h2 id=\"事迹\">事迹</h2>\n"));
        assert_eq!(stash.get(1), None, "page 1 was never stashed");
        assert_eq!(stash.get(9), None, "there is no page 9");
    }

    #[test]
    fn more_pages_than_one_system_call_takes_are_all_written() {
        let pages = 3000;
        let htmls: Vec<String> = (0..pages).map(|i| format!("<p>{}</p>\n", "好".repeat(i % 7))).collect();
        let mut stash = HtmlStash::new(pages + 1).expect("a temporary file");
        stash.add([(pages, "")].into_iter()).expect("nothing to write");
        stash
            .add(htmls.iter().enumerate().map(|(i, html)| (i, html.as_str())))
            .expect("stashed");
        for (i, html) in htmls.iter().enumerate() {
            assert_eq!(stash.get(i).as_ref(), Some(html), "page {i}");
        }
        assert_eq!(stash.get(pages).as_deref(), Some(""));
    }
}
