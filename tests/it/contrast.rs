//! The default theme's colours: every text-on-background pair its stylesheet
//! declares (`@pair --fg on --bg`) reaches WCAG contrast 4.5:1, in the
//! standard and the high-contrast scheme, and no colour bypasses the tokens.

use std::collections::BTreeMap;

const STYLE: &str = include_str!("../../themes/default/static/style.css");

/// WCAG 2 AA for normal text.
const MINIMUM: f64 = 4.5;

/// The custom properties declared in the block that opens with `selector {`.
fn tokens(css: &str, selector: &str) -> BTreeMap<String, String> {
    let start = css
        .find(&format!("\n{selector} {{"))
        .unwrap_or_else(|| panic!("style.css has no `{selector}` block"));
    let body = &css[start..];
    let body = &body[body.find('{').expect("{") + 1..body.find('}').expect("}")];
    body.split(';')
        .filter_map(|decl| decl.trim().split_once(':'))
        .filter(|(name, _)| name.starts_with("--"))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect()
}

/// The `@pair --fg on --bg` lines of the stylesheet's opening comment.
fn pairs(css: &str) -> Vec<(String, String)> {
    css.lines()
        .filter_map(|line| line.trim().strip_prefix("@pair "))
        .map(|pair| {
            let (fg, bg) = pair.split_once(" on ").expect("@pair --fg on --bg");
            (fg.trim().to_string(), bg.trim().to_string())
        })
        .collect()
}

/// An opaque `#rgb` or `#rrggbb` colour as sRGB channels in 0..=1.
fn rgb(value: &str) -> Option<[f64; 3]> {
    let hex = value.strip_prefix('#')?;
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    let channel = |i: usize| {
        u8::from_str_radix(&full[i..i + 2], 16)
            .ok()
            .map(|v| f64::from(v) / 255.0)
    };
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2 relative luminance.
fn luminance([r, g, b]: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

fn ratio(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The pairs below 4.5:1 in a scheme, as readable lines.
fn failures(scheme: &str, colours: &BTreeMap<String, String>) -> Vec<String> {
    let colour = |token: &str| {
        let value = colours
            .get(token)
            .unwrap_or_else(|| panic!("{scheme}: {token} is not declared"));
        rgb(value).unwrap_or_else(|| panic!("{scheme}: {token} = {value} is not an opaque #hex colour"))
    };
    pairs(STYLE)
        .iter()
        .map(|(fg, bg)| (fg, bg, ratio(colour(fg), colour(bg))))
        .filter(|(.., r)| *r < MINIMUM)
        .map(|(fg, bg, r)| format!("{scheme}: {fg} on {bg} is {r:.2}:1"))
        .collect()
}

#[test]
fn contrast_ratio_matches_wcag_examples() {
    assert!((ratio([0.0; 3], [1.0; 3]) - 21.0).abs() < 1e-9);
    let grey = rgb("#767676").unwrap();
    assert!((ratio(grey, [1.0; 3]) - 4.54).abs() < 0.01);
    assert_eq!(rgb("#fff"), Some([1.0; 3]));
}

#[test]
fn contrast_every_declared_pair_in_both_schemes() {
    let standard = tokens(STYLE, ":root");
    let mut high = standard.clone();
    high.extend(tokens(STYLE, ":root[data-contrast=\"high\"]"));
    assert!(pairs(STYLE).len() >= 20, "the pairs are declared");
    let mut bad = failures("standard", &standard);
    bad.extend(failures("high contrast", &high));
    assert!(bad.is_empty(), "colour pairs below {MINIMUM}:1:\n{}", bad.join("\n"));
    for (token, value) in tokens(STYLE, ":root[data-contrast=\"high\"]") {
        assert!(
            standard.contains_key(&token),
            "high contrast sets {token} = {value}, unknown to :root"
        );
    }
}

/// Each `color:` of the screen styles names a token that is the foreground
/// of a declared pair (or a decorative one), and no colour literal appears
/// outside the token blocks and the print styles.
#[test]
fn contrast_text_colours_come_from_declared_tokens() {
    let foregrounds: Vec<String> = pairs(STYLE).into_iter().map(|(fg, _)| fg).collect();
    let decorative = ["--gold"];
    let mut depth = 0usize;
    let mut print_depth = None;
    let mut in_tokens = false;
    for (n, line) in STYLE.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("@media print") {
            print_depth = Some(depth);
        }
        if trimmed.starts_with(":root {") || trimmed.starts_with(":root[data-contrast") {
            in_tokens = true;
        }
        let screen_rule = print_depth.is_none() && !in_tokens && !trimmed.starts_with("@pair");
        if screen_rule {
            let literal = trimmed.contains("rgb(") || trimmed.contains("hsl(") || hex_literal(trimmed);
            assert!(!literal, "style.css:{}: a colour outside the tokens: {trimmed}", n + 1);
            if let Some(value) = trimmed.strip_prefix("color:") {
                let token = value.trim().trim_end_matches(';');
                let token = token.strip_prefix("var(").and_then(|t| t.strip_suffix(')'));
                let known = token.is_some_and(|t| foregrounds.iter().any(|f| f == t) || decorative.contains(&t));
                let keyword = ["inherit", "currentColor;", "inherit;"].contains(&value.trim());
                assert!(
                    known || keyword,
                    "style.css:{}: {trimmed} is in no declared pair",
                    n + 1
                );
            }
        }
        depth = (depth + line.matches('{').count()).saturating_sub(line.matches('}').count());
        if in_tokens && depth == 0 && line.contains('}') {
            in_tokens = false;
        }
        if print_depth.is_some_and(|d| depth <= d) && line.contains('}') {
            print_depth = None;
        }
    }
}

/// `#` followed by 3 or 6 hex digits and a delimiter: a colour, not an id selector.
fn hex_literal(line: &str) -> bool {
    line.match_indices('#').any(|(i, _)| {
        let rest = &line[i + 1..];
        let digits = rest.chars().take_while(char::is_ascii_hexdigit).count();
        let after = rest[digits..].chars().next();
        line[..i].contains(':') && matches!(digits, 3 | 6) && matches!(after, None | Some(';' | ' ' | ',' | ')'))
    })
}
