//! Export stage, for the preview's "复制到公众号" button: one page's article
//! as `article.html` holds it, with its pictures inlined as data URLs so the
//! copy is whole, and its plain text.

use crate::error::Result;
use crate::markdown::Markdown;
use crate::output::Body;
use crate::site::BuildOptions;

/// What the button puts on the clipboard.
#[derive(Debug, serde::Serialize)]
pub struct Clipboard {
    /// `text/html`: the article, pictures as `data:` URLs.
    pub html: String,
    /// `text/plain`: the same as `plain.txt`.
    pub text: String,
}

/// The clipboard for the page published in `page_dir` (`people/zhang-san/`),
/// or none when no page is published there.
pub fn clipboard(options: &BuildOptions, page_dir: &str) -> Result<Option<Clipboard>> {
    let (site, index) = super::load(options)?;
    let Some(i) = site.pages.iter().position(|p| p.path == page_dir) else {
        return Ok(None);
    };
    let article = super::article_files(&site, &index, &Markdown::new(false), i).map_err(crate::Error::Invalid)?;
    let mut html = article.html;
    let mut text = String::new();
    for (name, body) in &article.files {
        match (name.as_str(), body) {
            ("plain.txt", Body::Text(plain)) => text = plain.to_string(),
            (picture, Body::Copy(file)) if picture.starts_with("images/") => {
                let bytes = std::fs::read(file).map_err(|e| crate::Error::io("read", file, e))?;
                let kind = if picture.ends_with(".png") {
                    "image/png"
                } else {
                    "image/jpeg"
                };
                let url = format!("data:{kind};base64,{}", base64(&bytes));
                html = html.replace(&format!("src=\"{picture}\""), &format!("src=\"{url}\""));
            }
            _ => {}
        }
    }
    Ok(Some(Clipboard { html, text }))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe]), "//4=");
    }
}
