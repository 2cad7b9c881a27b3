//! Check stage: wording — wrong → right pairs from the site's
//! `data/wording.toml` and laurel's built-in list of common errors in formal
//! writing, all found in one pass over a text.

use std::collections::BTreeMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use toml::Spanned;

use crate::error::{Diagnostic, line_of, toml_diagnostic};
use crate::i18n::msg;

/// The site's own wrong → right pairs, relative to the site root.
pub const WORDING_FILE: &str = "data/wording.toml";

/// laurel's built-in pairs, in the same form as a site's file.
const BUILT_IN: &str = include_str!("wording.toml");

/// Wrong forms and their right ones, ready to be found in any text.
/// The default finds nothing.
#[derive(Debug, Clone, Default)]
pub struct Wording {
    /// None when there is nothing to find.
    matcher: Option<AhoCorasick>,
    /// (wrong, right), in the matcher's pattern order.
    pairs: Vec<(String, String)>,
}

/// A wrong form found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'w> {
    /// Byte offset of the wrong form in the text.
    pub start: usize,
    pub wrong: &'w str,
    pub right: &'w str,
}

impl Wording {
    /// The built-in list with the site's `data/wording.toml` (if any) over
    /// it: a site's pair replaces a built-in one with the same wrong form,
    /// and `"wrong" = ""` turns one off.
    pub fn load(root: &Path) -> Result<Wording, Vec<Diagnostic>> {
        let mut pairs = built_in();
        let path = root.join(WORDING_FILE);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|err| {
                vec![
                    Diagnostic::error(WORDING_FILE, msg::wording_unreadable(crate::error::io_reason(&err)))
                        .hint(msg::wording_unreadable_hint()),
                ]
            })?;
            for (wrong, right) in parse_site_pairs(&text)? {
                if right.is_empty() {
                    pairs.remove(&wrong);
                } else {
                    pairs.insert(wrong, right);
                }
            }
        }
        Wording::from_pairs(pairs).map_err(|d| vec![d])
    }

    fn from_pairs(pairs: BTreeMap<String, String>) -> Result<Wording, Diagnostic> {
        let pairs: Vec<(String, String)> = pairs.into_iter().filter(|(wrong, right)| wrong != right).collect();
        if pairs.is_empty() {
            return Ok(Wording::default());
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pairs.iter().map(|(wrong, _)| wrong))
            .map_err(too_large)?;
        Ok(Wording {
            matcher: Some(matcher),
            pairs,
        })
    }

    /// Every wrong form in `text`, left to right, without overlaps.
    pub fn find<'w>(&'w self, text: &str) -> impl Iterator<Item = Hit<'w>> {
        let matches = self.matcher.iter().flat_map(move |matcher| matcher.find_iter(text));
        matches.map(|m| {
            let (wrong, right) = &self.pairs[m.pattern().as_usize()];
            Hit {
                start: m.start(),
                wrong,
                right,
            }
        })
    }
}

/// The built-in pairs (a unit test checks the file parses).
/// The error for a list too large for the matcher; `detail` is its English reason.
fn too_large(detail: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(WORDING_FILE, msg::wording_too_large(detail)).hint(msg::wording_too_large_hint())
}

fn built_in() -> BTreeMap<String, String> {
    toml::from_str(BUILT_IN).unwrap_or_default()
}

/// A site's pairs; every bad entry is reported, at its line.
fn parse_site_pairs(text: &str) -> Result<Vec<(String, String)>, Vec<Diagnostic>> {
    let table: BTreeMap<Spanned<String>, Spanned<toml::Value>> = toml::from_str(text)
        .map_err(|err| vec![toml_diagnostic(WORDING_FILE, text, 1, &err).hint(msg::wording_syntax_hint())])?;
    let mut pairs = Vec::with_capacity(table.len());
    let mut problems = Vec::new();
    for (wrong, right) in table {
        let line = line_of(text, wrong.span().start);
        match right.into_inner() {
            toml::Value::String(right) if !wrong.get_ref().trim().is_empty() => {
                pairs.push((wrong.into_inner(), right));
            }
            toml::Value::String(_) => problems.push(
                Diagnostic::error(WORDING_FILE, msg::wording_empty_wrong())
                    .at_line(line)
                    .hint(msg::wording_empty_wrong_hint()),
            ),
            other => problems.push(
                Diagnostic::error(WORDING_FILE, msg::wording_not_text(wrong.get_ref(), other))
                    .at_line(line)
                    .hint(msg::wording_not_text_hint(wrong.get_ref())),
            ),
        }
    }
    if problems.is_empty() { Ok(pairs) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_list_parses_and_is_right_to_itself() {
        let pairs: BTreeMap<String, String> = toml::from_str(BUILT_IN).expect("valid TOML of strings");
        assert!(pairs.len() >= 15);
        let wording = Wording::from_pairs(built_in()).unwrap();
        assert_eq!(wording.pairs.len(), pairs.len());
        for right in pairs.values() {
            assert_eq!(wording.find(right).count(), 0, "{right} is itself listed as wrong");
        }
    }

    #[test]
    fn finds_every_hit_left_to_right_with_its_right_form() {
        let wording = Wording::from_pairs(built_in()).unwrap();
        let text = "他再接再励，警钟常鸣。警钟长鸣";
        let hits: Vec<Hit> = wording.find(text).collect();
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].wrong, hits[0].right), ("再接再励", "再接再厉"));
        assert_eq!(&text[hits[1].start..], "警钟常鸣。警钟长鸣");
    }

    #[test]
    fn a_list_too_large_is_said_in_chinese_without_the_matchers_english() {
        let shown = too_large("state identifier overflow").render(crate::i18n::Lang::Zh);
        assert_eq!(
            shown,
            "错误：data/wording.toml：用词表太大，无法查找\n  提示：用词表请控制在几千对以内"
        );
    }

    #[test]
    fn site_pairs_are_checked_at_their_line() {
        let err = parse_site_pairs("\"甲\" = \"乙\"\n\"丙\" = 3\n\"\" = \"丁\"\n").unwrap_err();
        let lines: Vec<Option<usize>> = err.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(3), Some(2)], "{err:?}");
        assert!(err[1].message.contains("丙"), "{}", err[1]);
        let err = parse_site_pairs("\"甲\" = \n").unwrap_err();
        assert_eq!(err[0].line, Some(1), "{}", err[0]);
    }
}
