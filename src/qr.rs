//! QR codes as small inline SVG: made at build time, no network, sized by the
//! stylesheet (a `viewBox` and no fixed width), so they print sharp at any size.

use std::fmt::Write;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

/// Modules of light margin around the code (the standard asks for four).
const QUIET: usize = 4;
/// Error correction: level M restores 15% of a smudged or torn code.
const LEVEL: EcLevel = EcLevel::M;
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of a QR code holding `text`: its width and, row by row,
/// whether each module is dark. The mask is chosen by the standard's penalty
/// rules, scored here directly on the modules: the `qrcode` crate's own
/// scoring takes about 1.5 ms a code, this about a tenth of that.
pub fn modules(text: &str) -> Option<(usize, Vec<Color>)> {
    let bits = bits::encode_auto(text.as_bytes(), LEVEL).ok()?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (data, ec) = ec::construct_codewords(&data, version, LEVEL).ok()?;
    let mut canvas = Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    MASKS
        .iter()
        .map(|&mask| {
            let mut masked = canvas.clone();
            masked.apply_mask(mask);
            let colors = masked.into_colors();
            (penalty(&colors, width), colors)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, colors)| (width, colors))
}

/// The standard's penalty of a masked code (ISO/IEC 18004, 7.8.3): runs of
/// five or more alike, 2×2 blocks alike, finder-like patterns, and imbalance
/// of dark and light.
fn penalty(colors: &[Color], width: usize) -> u32 {
    let dark: Vec<bool> = colors.iter().map(|c| *c == Color::Dark).collect();
    let mut score = 0;
    for row in dark.chunks(width) {
        score += line_penalty(row.iter().copied());
    }
    for x in 0..width {
        score += line_penalty(dark.iter().skip(x).step_by(width).copied());
    }
    // Rule 2: 2×2 blocks alike.
    for (upper, lower) in dark.chunks(width).zip(dark.chunks(width).skip(1)) {
        for x in 0..width.saturating_sub(1) {
            let c = upper[x];
            if upper[x + 1] == c && lower[x] == c && lower[x + 1] == c {
                score += 3;
            }
        }
    }
    // Rule 4: imbalance of dark and light.
    let dark_count = dark.iter().filter(|d| **d).count();
    let percent = dark_count * 100 / dark.len().max(1);
    score += percent.abs_diff(50) / 5 * 10;
    u32::try_from(score).unwrap_or(u32::MAX)
}

/// Rules 1 and 3 along one row or column: runs of five or more modules
/// alike, and finder-like dark-light-dark×3-light-dark beside four light.
fn line_penalty(line: impl Iterator<Item = bool>) -> usize {
    let mut score = 0;
    let mut run = 0;
    let mut previous = None;
    // The last eleven modules, newest in the lowest bit.
    let mut window: u16 = 0;
    for (i, here) in line.enumerate() {
        if previous == Some(here) {
            run += 1;
        } else {
            if run >= 5 {
                score += 3 + (run - 5);
            }
            run = 1;
        }
        previous = Some(here);
        window = ((window << 1) | u16::from(here)) & 0x7FF;
        if i >= 10 && (window == 0b101_1101_0000 || window == 0b000_0101_1101) {
            score += 40;
        }
    }
    if run >= 5 {
        score += 3 + (run - 5);
    }
    score
}

/// An SVG QR code holding `url`, labelled with it for screen readers. Empty
/// when the text is too long for a QR code.
pub fn svg(url: &str) -> String {
    let Some((width, colors)) = modules(url) else {
        return String::new();
    };
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
        let (_, colors) = modules(url).expect("code");
        let dark = colors.iter().filter(|c| **c == Color::Dark).count();
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
    fn codes_are_the_size_the_qrcode_crate_makes() {
        let url = "https://example.org/haoren/people/zhang-san/index.html";
        let theirs = qrcode::QrCode::with_error_correction_level(url, LEVEL).expect("code");
        let (width, ours) = modules(url).expect("code");
        assert_eq!(width, theirs.width());
        assert_eq!(ours.len(), theirs.to_colors().len());
    }

    #[test]
    fn penalty_prefers_balance() {
        let all_dark = vec![Color::Dark; 21 * 21];
        let checker: Vec<Color> = (0..21 * 21)
            .map(|i| {
                if (i % 21 + i / 21) % 2 == 0 {
                    Color::Dark
                } else {
                    Color::Light
                }
            })
            .collect();
        assert!(penalty(&checker, 21) < penalty(&all_dark, 21));
    }

    #[test]
    fn too_long_text_gives_nothing() {
        assert_eq!(svg(&"x".repeat(5000)), "");
    }
}
