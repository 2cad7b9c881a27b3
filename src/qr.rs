//! QR codes as small inline SVG: made at build time, no network, sized by the
//! stylesheet (a `viewBox` and no fixed width), so they print sharp at any size.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around the code (the standard asks for four).
const QUIET: usize = 4;

/// An SVG QR code holding `url`, labelled with it for screen readers. Empty
/// when the text is too long for a QR code.
pub fn svg(url: &str) -> String {
    let Ok(code) = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let label = escape(url);
    let mut svg = String::with_capacity(64 * width + 256);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 {size} {size}" role="img" aria-label="{label}" shape-rendering="crispEdges"><title>{label}</title><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d=""##
    );
    // One horizontal run of dark modules per path segment.
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(svg, "M{} {}h{}v1h-{}z", start + QUIET, y + QUIET, x - start, x - start);
            } else {
                x += 1;
            }
        }
    }
    svg.push_str(r#""/></svg>"#);
    svg
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_scalable_and_labelled() {
        let svg = svg("https://example.org/haoren/people/zhang-san/");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(!svg.contains(" width=\"") || !svg.contains("px"));
        assert!(svg.contains("aria-label=\"https://example.org/haoren/people/zhang-san/\""));
        assert!(svg.contains("<title>https://example.org/haoren/people/zhang-san/</title>"));
        assert!(svg.len() < 6000, "{} bytes", svg.len());
    }

    #[test]
    fn labels_are_escaped() {
        let svg = svg("https://e.org/?a=1&b=\"2\"");
        assert!(svg.contains("a=1&amp;b=&quot;2&quot;"));
    }

    #[test]
    fn modules_match_the_code() {
        let url = "https://example.org/";
        let code = QrCode::with_error_correction_level(url, EcLevel::M).expect("code");
        let dark = code.to_colors().iter().filter(|c| **c == Color::Dark).count();
        let svg = svg(url);
        // Every dark module lies in exactly one run: the runs' lengths add up.
        let total: usize = svg
            .split('h')
            .skip(1)
            .filter_map(|part| part.split('v').next()?.parse::<usize>().ok())
            .sum();
        assert_eq!(total, dark);
    }

    #[test]
    fn too_long_text_gives_nothing() {
        assert_eq!(svg(&"x".repeat(5000)), "");
    }
}
