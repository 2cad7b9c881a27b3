//! The catalogue is complete in both languages, and no message in `src/`
//! bypasses it.

use std::path::Path;

use super::message::placeholders;
use super::{Lang, Message, msg};

#[test]
fn every_entry_has_both_languages_with_the_same_arguments() {
    let mut problems = Vec::new();
    let mut keys = std::collections::BTreeSet::new();
    for entry in msg::ALL {
        if !keys.insert(entry.key) {
            problems.push(format!("{}: the key is used twice", entry.key));
        }
        for (lang, text) in [("en", entry.en), ("zh", entry.zh)] {
            if text.trim().is_empty() {
                problems.push(format!("{}: no {lang} text", entry.key));
            }
            let mut used = placeholders(text);
            used.sort_unstable();
            used.dedup();
            // A library's own English words (`…_en`) need no place in Chinese.
            let mut declared: Vec<&str> = entry
                .params
                .iter()
                .copied()
                .filter(|p| lang == "en" || !p.ends_with("_en") || used.contains(p))
                .collect();
            declared.sort_unstable();
            if used != declared {
                problems.push(format!(
                    "{}: {lang} uses {used:?}, the entry declares {declared:?}",
                    entry.key
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_texts_use_chinese_punctuation() {
    // An ASCII comma, colon or semicolon followed by a space is English
    // punctuation in a Chinese sentence; inside `code` or a TOML [list] it
    // is what a file holds.
    let mut problems = Vec::new();
    for entry in msg::ALL {
        let outside_code: String = entry.zh.split('`').step_by(2).collect();
        let prose: String = outside_code.split(['[', ']']).step_by(2).collect();
        if [", ", ": ", "; "].iter().any(|p| prose.contains(p)) && !entry.key.starts_with("place_") {
            problems.push(format!("{}: {}", entry.key, entry.zh));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_message_fills_its_arguments_in_either_language() {
    let m = msg::config_required("title");
    assert_eq!(m, "`title` is required");
    assert_eq!(m.in_lang(Lang::Zh), "缺少必填的 `title`");
    assert_eq!(m.key(), Some("config_required"));
    let plain = Message::from("not yet in the catalogue {x}");
    assert_eq!(plain.in_lang(Lang::Zh), "not yet in the catalogue {x}");
    assert_eq!(plain.key(), None);
}

#[test]
fn lists_are_joined_as_each_language_writes_them() {
    let names = super::list(["张三", "李四", "王五"]);
    assert_eq!(names, "张三, 李四, 王五");
    assert_eq!(names.in_lang(Lang::Zh), "张三、李四、王五");
    assert_eq!(super::list(["一"]).in_lang(Lang::Zh), "一");
}

#[test]
fn language_tags_and_locales() {
    for zh in ["zh-CN", "zh_CN.UTF-8", "zh-Hans", "ZH_tw", "zh"] {
        assert_eq!(Lang::from_tag(zh), Lang::Zh, "{zh}");
    }
    for en in ["en", "en_US.UTF-8", "C", "", "z", "de-CH"] {
        assert_eq!(Lang::from_tag(en), Lang::En, "{en}");
    }
}

#[test]
fn the_site_language_wins_over_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("laurel.toml"), "title = \"x\"\nlanguage = \"zh-CN\"\n").unwrap();
    assert_eq!(Lang::for_site(dir.path()), Lang::Zh);
    std::fs::write(dir.path().join("laurel.toml"), "language = \"en\"\n").unwrap();
    assert_eq!(Lang::for_site(dir.path()), Lang::En); // A laurel.toml with a mistake still names its language, for the message about it.
    std::fs::write(dir.path().join("laurel.toml"), "title = \"x\nlanguage = \"zh-CN\"\n").unwrap();
    assert_eq!(Lang::for_site(dir.path()), Lang::Zh);
}

/// Files whose messages are not in the catalogue yet.
const NOT_YET: &[&str] = &[];

/// Every `Diagnostic::error`/`warning` and `.hint` in `src/` (outside tests)
/// whose message is a string literal or a `format!`, and every
/// `Error::io` whose action the catalogue does not know.
#[test]
fn every_message_in_src_comes_from_the_catalogue() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if path.extension().is_none_or(|e| e != "rs") || rel.ends_with("tests.rs") || rel.starts_with("i18n/") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let plain = plain_messages(code);
        let listed = NOT_YET.contains(&rel.as_str());
        if listed && plain.is_empty() {
            found.push(format!(
                "src/{rel}: all its messages are in the catalogue; remove it from NOT_YET"
            ));
        }
        if !listed {
            found.extend(
                plain
                    .into_iter()
                    .map(|(line, call)| format!("src/{rel}:{line}: {call}")),
            );
        }
    }
    assert!(
        found.is_empty(),
        "messages not from the catalogue (move each into src/i18n/msg.rs, see src/i18n/mod.rs):\n{}",
        found.join("\n")
    );
}

/// The editor's pages and scripts: the words a person reads in them come
/// from the catalogue, so no Chinese text may stand in their code.
const EDITOR_FILES: &[&str] = &[
    "edit/form.rs",
    "edit/place.rs",
    "edit/save.rs",
    "serve/edit.rs",
    "serve/edit/pages.rs",
    "serve/edit/upload.rs",
    "serve/edit/editor.js",
    "serve/edit/upload.js",
    "upload/bundle.rs",
    "upload/mod.rs",
    "upload/name.rs",
];

/// Every line of the editor's code (not its comments or tests) that holds
/// Chinese characters: a word of its interface written into the code.
#[test]
fn the_editors_words_come_from_the_catalogue() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for rel in EDITOR_FILES {
        let text = std::fs::read_to_string(src.join(rel)).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            let comment = line.starts_with("//") || line.starts_with("/*") || line.starts_with('*');
            if !comment && line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                found.push(format!("src/{rel}:{}: {line}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "words of the editor not from the catalogue (move each into src/i18n/msg.rs):\n{}",
        found.join("\n")
    );
}

/// The calls in `code` that give a message as a literal or a `format!`, with their lines.
fn plain_messages(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (call, skip_first) in [
        ("Diagnostic::error(", true),
        ("Diagnostic::warning(", true),
        (".hint(", false),
        ("Error::io(", false),
    ] {
        for (at, _) in code.match_indices(call) {
            let args = arguments(&code[at + call.len()..]);
            let message = if skip_first {
                args.get(1).copied().unwrap_or_default()
            } else {
                args.first().copied().unwrap_or_default()
            };
            let message = message.trim().trim_start_matches('&');
            let plain = if call == "Error::io(" {
                message.starts_with('"') && crate::error::io_action(message.trim_matches('"')).is_none()
            } else {
                message.starts_with('"') || message.starts_with("format!") || message.starts_with("r\"")
            };
            if plain {
                let line = code[..at].matches('\n').count() + 1;
                found.push((line, format!("{call}… {}", message.lines().next().unwrap_or_default())));
            }
        }
    }
    found.sort();
    found
}

/// The top-level, comma-separated arguments of a call whose `(` is just before `rest`.
fn arguments(rest: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let (mut depth, mut start, mut in_string, mut escaped) = (0usize, 0, false, false);
    for (i, c) in rest.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                args.push(&rest[start..i]);
                return args;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(&rest[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    args
}
