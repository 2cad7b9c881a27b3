//! QR codes as small inline SVG: made at build time, no network, sized by the
//! stylesheet (a `viewBox` and no fixed width), so they print sharp at any size.

use std::fmt::Write;

use crate::text::escape_html;

use std::sync::OnceLock;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version, bits, ec};

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
/// whether each module is dark. The mask is the one with the least penalty
/// under the standard's rules (ISO/IEC 18004, 7.8.3).
pub fn modules(text: &str) -> Option<(usize, Vec<Color>)> {
    let (width, masked) = masked(text)?;
    let colors = match masked {
        Masked::Colors(colors) => colors,
        Masked::Rows(rows) => rows[..width]
            .iter()
            .flat_map(|row| (0..width).map(move |x| if row >> x & 1 == 1 { Color::Dark } else { Color::Light }))
            .collect(),
    };
    Some((width, colors))
}

/// A code masked the best way: packed into rows of bits (bit x of row y
/// is module (x, y), 1 for dark) when it is at most 64 modules wide, else
/// module by module, row by row. Made once per code and moved once, so
/// the rows stay inline rather than boxed.
#[allow(clippy::large_enum_variant)]
enum Masked {
    Rows([u64; 64]),
    Colors(Vec<Color>),
}

/// The code holding `text`, its width and its modules (see [`modules`]).
fn masked(text: &str) -> Option<(usize, Masked)> {
    let (canvas, version, width) = draw(text)?;
    let Some(prototype) = prototype(version) else {
        return Some((width, Masked::Colors(mask_one_by_one(&canvas, width))));
    };
    // The dark data modules before masking, by row and by column.
    let (mut rows, mut columns) = ([0u64; 64], [0u64; 64]);
    for (y, row) in rows[..width].iter_mut().enumerate() {
        for (x, column) in columns[..width].iter_mut().enumerate() {
            let module = canvas.get(x as i16, y as i16);
            let dark = u64::from(module == Module::Unmasked(Color::Dark));
            *row |= dark << x;
            *column |= dark << y;
        }
    }
    let masked = |lines: &[u64; 64], mask: &[u64; 64]| -> [u64; 64] { std::array::from_fn(|i| lines[i] ^ mask[i]) };
    let best = (0..MASKS.len()).min_by_key(|&m| {
        let rows = masked(&rows, &prototype.rows[m]);
        let columns = masked(&columns, &prototype.columns[m]);
        penalty_packed(&rows[..width], &columns[..width], width)
    })?;
    Some((width, Masked::Rows(masked(&rows, &prototype.rows[best]))))
}

/// The code for `text` drawn but not yet masked, its version and its width.
fn draw(text: &str) -> Option<(Canvas, Version, usize)> {
    let bits = bits::encode_auto(text.as_bytes(), LEVEL).ok()?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, LEVEL).ok()?;
    let mut canvas = Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    Some((canvas, version, usize::try_from(version.width()).ok()?))
}

/// A code of one version with no data, under each mask: what masking does to
/// every module of any code of that version. Masking flips data modules where
/// the mask's pattern is dark and draws the mask's format information; the
/// data modules of an empty code are light, so under a mask they show just
/// its pattern, and a real code under that mask is its unmasked data XOR
/// this prototype. That turns eight maskings of each code into XORs.
struct Prototype {
    /// Per mask, the rows (bit x of row y is module (x, y), 1 for dark).
    rows: [[u64; 64]; 8],
    columns: [[u64; 64]; 8],
}

/// The [`Prototype`] of `version`, made once; none for codes wider than 64 modules.
fn prototype(version: Version) -> Option<&'static Prototype> {
    static PROTOTYPES: [OnceLock<Prototype>; 11] = [const { OnceLock::new() }; 11];
    let Version::Normal(number) = version else {
        return None;
    };
    let slot = PROTOTYPES.get(usize::try_from(number).ok()?.checked_sub(1)?)?;
    Some(slot.get_or_init(|| {
        let width = version.width() as usize;
        let mut prototype = Prototype {
            rows: [[0; 64]; 8],
            columns: [[0; 64]; 8],
        };
        for (m, &mask) in MASKS.iter().enumerate() {
            let mut canvas = Canvas::new(version, LEVEL);
            canvas.draw_all_functional_patterns();
            canvas.apply_mask(mask);
            for (i, color) in canvas.into_colors().into_iter().enumerate() {
                let (y, x) = (i / width, i % width);
                let dark = u64::from(color == Color::Dark);
                prototype.rows[m][y] |= dark << x;
                prototype.columns[m][x] |= dark << y;
            }
        }
        prototype
    }))
}

/// Masks a drawn code each way and keeps the best, the slow way (for codes
/// too wide for a `u64` row).
fn mask_one_by_one(canvas: &Canvas, width: usize) -> Vec<Color> {
    MASKS
        .iter()
        .map(|&mask| {
            let mut masked = canvas.clone();
            masked.apply_mask(mask);
            let colors = masked.into_colors();
            (penalty(&colors, width), colors)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, colors)| colors)
        .unwrap_or_default()
}

/// The standard's penalty of a masked code (ISO/IEC 18004, 7.8.3): runs of
/// five or more alike, 2×2 blocks alike, finder-like patterns, and imbalance
/// of dark and light.
///
/// Scored on rows and columns packed into bits, 64 modules at a time: a
/// masked code is noise, so scoring module by module mispredicts nearly
/// every branch, and that made QR codes a quarter of a build's time. Codes
/// wider than 64 modules (over about 250 bytes of text) are scored one
/// module at a time.
fn penalty(colors: &[Color], width: usize) -> u32 {
    if width > 64 {
        return penalty_by_module(colors, width);
    }
    let mut rows = [0u64; 64];
    let mut columns = [0u64; 64];
    for (y, row) in colors.chunks_exact(width).enumerate() {
        for (x, color) in row.iter().enumerate() {
            let dark = u64::from(*color == Color::Dark);
            rows[y] |= dark << x;
            columns[x] |= dark << y;
        }
    }
    penalty_packed(&rows[..width], &columns[..width], width)
}

/// [`penalty`] of a code given as packed rows and columns (bit i is module i,
/// 1 for dark), `width` ≤ 64.
fn penalty_packed(rows: &[u64], columns: &[u64], width: usize) -> u32 {
    let all = u64::MAX >> (64 - width);
    let mut score = 0;
    for &line in rows.iter().chain(columns) {
        score += line_penalty_bits(line, all);
    }
    // Rule 2: 2×2 blocks alike; bit x stands for the block at columns x and x + 1.
    for (&upper, &lower) in rows.iter().zip(&rows[1..]) {
        let across_upper = !(upper ^ (upper >> 1));
        let across_lower = !(lower ^ (lower >> 1));
        let down = !(upper ^ lower);
        score += 3 * (across_upper & across_lower & down & (all >> 1)).count_ones();
    }
    // Rule 4: imbalance of dark and light.
    let dark_count: u32 = rows.iter().map(|row| row.count_ones()).sum();
    let percent = dark_count as usize * 100 / (width * width);
    score += u32::try_from(percent.abs_diff(50) / 5 * 10).unwrap_or(u32::MAX);
    score
}

/// Rules 1 and 3 along one row or column packed into bits (bit i is module i,
/// 1 for dark; `all` has a bit for each module).
fn line_penalty_bits(line: u64, all: u64) -> u32 {
    // Bit i: module i is like module i - 1.
    let alike = !(line ^ (line << 1)) & all & !1;
    // Bit i: modules i - 4 ..= i are alike, so a run has reached five or more.
    let long = alike & (alike << 1) & (alike << 2) & (alike << 3);
    let long_starts = long & !(long << 1);
    // A run of n ≥ 5 scores 3 + (n - 5): it has n - 4 `long` bits and one start.
    let mut score = long.count_ones() + 2 * long_starts.count_ones();
    // Bit i: modules i - 10 ..= i match the pattern, oldest in the highest bit.
    for pattern in FINDER_LIKE {
        let mut found = all;
        for k in 0..11 {
            let wanted = if pattern >> k & 1 == 1 { line } else { !line };
            found &= wanted << k;
        }
        score += 40 * found.count_ones();
    }
    score
}

/// Finder-like runs for rule 3, oldest module in the highest bit.
const FINDER_LIKE: [u16; 2] = [0b101_1101_0000, 0b000_0101_1101];

/// [`penalty`] one module at a time, for codes too wide for a `u64` row.
fn penalty_by_module(colors: &[Color], width: usize) -> u32 {
    let dark: Vec<u8> = colors.iter().map(|c| u8::from(*c == Color::Dark)).collect();
    let mut column = vec![0; width];
    let mut score = 0;
    for x in 0..width {
        for (y, module) in column.iter_mut().enumerate() {
            *module = dark[y * width + x];
        }
        score += line_penalty(&column);
    }
    for row in dark.chunks_exact(width) {
        score += line_penalty(row);
    }
    // Rule 2: 2×2 blocks alike.
    for (upper, lower) in dark.chunks_exact(width).zip(dark.chunks_exact(width).skip(1)) {
        for x in 0..width.saturating_sub(1) {
            let sum = upper[x] + upper[x + 1] + lower[x] + lower[x + 1];
            score += 3 * usize::from(sum % 4 == 0);
        }
    }
    // Rule 4: imbalance of dark and light.
    let dark_count: usize = dark.iter().map(|&d| usize::from(d)).sum();
    let percent = dark_count * 100 / dark.len().max(1);
    score += percent.abs_diff(50) / 5 * 10;
    u32::try_from(score).unwrap_or(u32::MAX)
}

/// Rules 1 and 3 along one row or column (1 for dark): runs of five or more
/// modules alike, and finder-like dark-light-dark×3-light-dark beside four
/// light. A run of `n ≥ 5` scores `3 + (n - 5)`: 3 when it reaches five, and
/// 1 for every module after.
fn line_penalty(line: &[u8]) -> usize {
    let mut score = 0;
    let mut run = 0;
    let mut previous = 2;
    // The last eleven modules, newest in the lowest bit.
    let mut window: u16 = 0;
    for (i, &here) in line.iter().enumerate() {
        run = if here == previous { run + 1 } else { 1 };
        score += 3 * usize::from(run == 5) + usize::from(run > 5);
        previous = here;
        window = ((window << 1) | u16::from(here)) & 0x7FF;
        let finder = FINDER_LIKE.contains(&window);
        score += 40 * usize::from(i >= 10 && finder);
    }
    score
}

/// A QR code kept as its modules, one bit each: a few hundred bytes where
/// its SVG takes kilobytes, drawn when a page or a board shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    width: usize,
    /// Row by row, bit `i % 64` of word `i / 64` set for a dark module `i`.
    dark: Vec<u64>,
}

impl Code {
    /// The code holding `text`; `None` when the text is too long for a QR code.
    pub fn new(text: &str) -> Option<Code> {
        let (width, masked) = masked(text)?;
        let mut dark = vec![0u64; (width * width).div_ceil(64)];
        match masked {
            // Each row's bits go in whole: into one word, or across two.
            Masked::Rows(rows) => {
                for (y, &row) in rows[..width].iter().enumerate() {
                    let (word, bit) = ((y * width) / 64, (y * width) % 64);
                    dark[word] |= row << bit;
                    if bit + width > 64 {
                        dark[word + 1] |= row >> (64 - bit);
                    }
                }
            }
            Masked::Colors(colors) => {
                for (i, _) in colors.iter().enumerate().filter(|(_, c)| **c == Color::Dark) {
                    dark[i / 64] |= 1 << (i % 64);
                }
            }
        }
        Some(Code { width, dark })
    }

    #[cfg(test)]
    fn is_dark(&self, x: usize, y: usize) -> bool {
        let i = y * self.width + x;
        self.dark[i / 64] >> (i % 64) & 1 == 1
    }

    /// The first module from `from` up to `end` (indices into the modules,
    /// row by row) that is dark (or, with `dark` false, light); `end` if none.
    /// Whole words are skipped at once: a module at a time made drawing the
    /// SVG cost as much as making the code.
    fn next(&self, mut from: usize, end: usize, dark: bool) -> usize {
        while from < end {
            let word = self.dark[from / 64];
            let word = if dark { word } else { !word } >> (from % 64);
            if word != 0 {
                return (from + word.trailing_zeros() as usize).min(end);
            }
            from = (from / 64 + 1) * 64;
        }
        end
    }

    /// The code as SVG, labelled for screen readers with `label`, the text it holds.
    ///
    /// The dark modules are one path of horizontal strokes one module wide,
    /// a stroke per run of dark modules along the middle of its row: each
    /// row starts with an absolute `M{x} {y}.5h{run}`, and each further run
    /// of the row is a relative `m{gap} 0h{run}`: half the bytes of a closed
    /// rectangle per run (`M{x} {y}h{run}v1h-{run}z`), and with `crispEdges`
    /// the same squares on screen and paper.
    pub fn svg(&self, label: &str) -> String {
        let width = self.width;
        let size = width + 2 * QUIET;
        let label = escape_html(label);
        let mut svg = String::with_capacity(64 * width + 384);
        let _ = write!(
            svg,
            r##"<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 {size} {size}" role="img" aria-label="{label}" shape-rendering="crispEdges"><title>{label}</title><rect width="{size}" height="{size}" fill="#fff"/><path stroke="#000" d=""##
        );
        // A row's strokes written as ASCII bytes into one buffer and checked once.
        let mut strokes = [0u8; ROW_BYTES];
        for y in 0..width {
            let (row, end) = (y * width, (y + 1) * width);
            let mut at = row;
            let mut len = 0;
            loop {
                let start = self.next(at, end, true);
                if start == end {
                    break;
                }
                let stroke = &mut strokes[len..];
                let mut n;
                if at == row {
                    stroke[0] = b'M';
                    n = 1 + put_number(&mut stroke[1..], start - row + QUIET);
                    stroke[n] = b' ';
                    n += 1;
                    n += put_number(&mut stroke[n..], y + QUIET);
                    stroke[n..n + 3].copy_from_slice(b".5h");
                    n += 3;
                } else {
                    stroke[0] = b'm';
                    n = 1 + put_number(&mut stroke[1..], start - at);
                    stroke[n..n + 3].copy_from_slice(b" 0h");
                    n += 3;
                }
                at = self.next(start, end, false);
                n += put_number(&mut stroke[n..], at - start);
                len += n;
            }
            svg.push_str(std::str::from_utf8(&strokes[..len]).unwrap_or_default());
        }
        svg.push_str(r#""/></svg>"#);
        svg
    }
}

/// An SVG QR code holding `url`, labelled with it for screen readers. Empty
/// when the text is too long for a QR code.
pub fn svg(url: &str) -> String {
    Code::new(url).map_or_else(String::new, |code| code.svg(url))
}

/// The most bytes one row's strokes take: at most one run in two modules
/// of a row of at most 177 (version 40), the first `M{x} {y}.5h{run}` and
/// the others `m{gap} 0h{run}`, with numbers of at most three digits: 14
/// bytes, then 10 each (the three bytes each number copies stay inside them).
const ROW_BYTES: usize = 14 + (177_usize.div_ceil(2) - 1) * 10;

/// Writes `n` (below 1000: no number in a path reaches 190) in decimal at the
/// start of `out`, which has room for three bytes, and gives how many digits
/// it took. Three bytes are copied whatever the length: `write!`, or a copy
/// of each number's own length, costs more than the rest of a path.
fn put_number(out: &mut [u8], n: usize) -> usize {
    let [digits @ .., len] = DECIMAL[n.min(999)];
    out[..3].copy_from_slice(&digits);
    usize::from(len)
}

/// Each number below 1000 in decimal: its digits, padded, then how many.
const DECIMAL: [[u8; 4]; 1000] = {
    let mut table = [[0; 4]; 1000];
    let mut n = 0;
    while n < 1000 {
        let digits = [
            (n / 100) as u8 + b'0',
            (n / 10 % 10) as u8 + b'0',
            (n % 10) as u8 + b'0',
        ];
        table[n] = match n {
            0..10 => [digits[2], 0, 0, 1],
            10..100 => [digits[1], digits[2], 0, 2],
            _ => [digits[0], digits[1], digits[2], 3],
        };
        n += 1;
    }
    table
};

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
        // A stroke per run of dark modules: about half the bytes of a rectangle per run.
        assert!(svg.len() < 2500, "{} bytes", svg.len());
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
        // Every dark module lies in exactly one run: the runs' lengths add up.
        let total: usize = path_of(&svg(url))
            .split('h')
            .skip(1)
            .filter_map(|part| part.split(|c: char| !c.is_ascii_digit()).next()?.parse::<usize>().ok())
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
    fn masking_by_prototype_equals_masking_each_way() {
        // Texts from version 1 to past version 11 (the widest packed code).
        for length in (1..320).step_by(11) {
            let text: String = (0..length).map(|i| char::from(b'a' + (i * 5 % 26) as u8)).collect();
            let (canvas, _, width) = draw(&text).expect("a code");
            assert_eq!(modules(&text), Some((width, mask_one_by_one(&canvas, width))), "{text}");
        }
    }

    #[test]
    fn packed_scoring_equals_scoring_by_module() {
        // Real codes of every width up to 64 modules, under every mask.
        for length in (1..200).step_by(7) {
            let text: String = (0..length).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect();
            let (canvas, _, width) = draw(&text).expect("a code");
            for mask in MASKS {
                let mut masked = canvas.clone();
                masked.apply_mask(mask);
                let colors = masked.into_colors();
                assert_eq!(penalty(&colors, width), penalty_by_module(&colors, width), "{text}");
            }
        }
        // Long runs and finder-like patterns, which real codes seldom hold.
        let stripes: Vec<Color> = (0..21 * 21)
            .map(|i| {
                let x = i % 21;
                if [0, 2, 3, 4, 6, 17, 18].contains(&x) {
                    Color::Dark
                } else {
                    Color::Light
                }
            })
            .collect();
        assert_eq!(penalty(&stripes, 21), penalty_by_module(&stripes, 21));
        assert!(penalty(&stripes, 21) > 21 * 40, "{}", penalty(&stripes, 21));
    }

    #[test]
    fn a_kept_code_is_small_and_draws_its_modules() {
        let url = "https://example.org/haoren/people/zhang-san/";
        let code = Code::new(url).expect("code");
        let (width, colors) = modules(url).expect("code");
        assert!(
            code.dark.len() * 8 < svg(url).len() / 8,
            "{} bytes kept",
            code.dark.len() * 8
        );
        for (i, color) in colors.iter().enumerate() {
            assert_eq!(code.is_dark(i % width, i / width), *color == Color::Dark, "module {i}");
        }
    }

    /// The `d` of the one path in `svg`, after checking it is drawn with
    /// black strokes of the default width, 1.
    fn path_of(svg: &str) -> &str {
        let (_, path) = svg.split_once(r##"<path stroke="#000" d=""##).expect("a stroked path");
        path.strip_suffix(r#""/></svg>"#).expect("the path ends the code")
    }

    /// The modules `path` covers, row by row, in a code `width` modules wide
    /// drawn inside the quiet zone, read the way a renderer reads it: `M`
    /// and `m` move the pen (absolute, relative), `h` strokes a line one
    /// module wide centred on the pen. Panics on anything else, on a stroke
    /// off the module grid or outside the code, and on a module stroked twice.
    fn drawn(path: &str, width: usize) -> Vec<Color> {
        let mut drawn = vec![Color::Light; width * width];
        let (mut x, mut y) = (0.0f64, 0.0f64);
        let commands = path.split_inclusive(|c: char| c.is_ascii_alphabetic());
        let mut letters = path.matches(|c: char| c.is_ascii_alphabetic());
        // Each command's letter, then its numbers up to the next letter.
        for (letter, numbers) in letters.by_ref().zip(commands.skip(1)) {
            let numbers = numbers.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let numbers: Vec<f64> = numbers.split(' ').map(|n| n.parse().expect("a number")).collect();
            match (letter, &numbers[..]) {
                ("M", &[to_x, to_y]) => (x, y) = (to_x, to_y),
                ("m", &[dx, dy]) => (x, y) = (x + dx, y + dy),
                ("h", &[run]) => {
                    let top = y - 0.5;
                    assert!(
                        top.fract() == 0.0 && x.fract() == 0.0 && run.fract() == 0.0,
                        "off the grid: {x} {y} h{run}"
                    );
                    assert!(run >= 1.0, "h{run}");
                    let (column, row) = (x as usize - QUIET, top as usize - QUIET);
                    assert!(
                        row < width && column + run as usize <= width,
                        "outside the code: {x} {y} h{run}"
                    );
                    for module in &mut drawn[row * width + column..][..run as usize] {
                        assert_eq!(*module, Color::Light, "stroked twice: {x} {y} h{run}");
                        *module = Color::Dark;
                    }
                    x += run;
                }
                _ => panic!("unexpected command {letter}{numbers:?}"),
            }
        }
        assert!(path.is_empty() || path.starts_with('M'), "{path}");
        drawn
    }

    #[test]
    fn svg_draws_every_dark_module_once_at_every_width() {
        // Every version from 1 (21 modules) to 40 (177), so rows straddle
        // words of the kept bits and numbers reach three digits.
        let mut widths = Vec::new();
        for length in (1..100).step_by(5).chain((100..2300).step_by(15)) {
            let text: String = (0..length).map(|i| char::from(b'a' + (i * 3 % 26) as u8)).collect();
            let (width, colors) = modules(&text).expect("a code");
            assert_eq!(drawn(path_of(&svg(&text)), width), colors, "width {width}");
            widths.push(width);
        }
        widths.dedup();
        assert_eq!(widths, (21..=177).step_by(4).collect::<Vec<_>>());
    }

    #[test]
    fn svg_paths_are_the_runs_written_plainly_up_to_the_widest_code() {
        // Up to version 40 (177 modules), where every number has three digits.
        for length in (1..2300).step_by(97) {
            let text: String = (0..length).map(|i| char::from(b'a' + (i * 11 % 26) as u8)).collect();
            let (width, colors) = modules(&text).expect("a code");
            let mut path = String::new();
            for (y, row) in colors.chunks_exact(width).enumerate() {
                let (mut x, mut pen) = (0, None);
                while x < width {
                    let run = row[x..].iter().take_while(|&&c| c == Color::Dark).count();
                    if run > 0 {
                        path += &match pen {
                            None => format!("M{} {}.5h{run}", x + QUIET, y + QUIET),
                            Some(pen) => format!("m{} 0h{run}", x - pen),
                        };
                        pen = Some(x + run);
                    }
                    x += run.max(1);
                }
            }
            assert_eq!(path_of(&svg(&text)), path, "width {width}");
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in 0..1000 {
            let mut out = [b'x'; 3];
            let len = put_number(&mut out, n);
            assert_eq!(&out[..len], n.to_string().as_bytes());
        }
    }

    #[test]
    fn too_long_text_gives_nothing() {
        assert_eq!(svg(&"x".repeat(5000)), "");
    }
}
