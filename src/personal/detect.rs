//! Check stage: finds resident ID numbers, mobile numbers and bank card
//! numbers in text, in one linear pass over its bytes, and masks them.
//!
//! What counts as a number:
//! - a resident ID number (GB 11643): 17 digits and a check character (a
//!   digit or X/x) that is right, whose digits 7–14 are a birth date
//!   (year 1900–2099); also grouped as 6-8-4;
//! - a mainland mobile number: 11 digits starting 13–19; also grouped as
//!   3-4-4, and after a `86` country code (`8613812345678`, `+86 138…`);
//! - a bank card number: 16–19 digits passing the Luhn check; also grouped
//!   in fours, with a last group of one to three digits.
//!
//! Groups are separated by one space or one hyphen, the same throughout.
//! A number must stand alone: a digit run inside a longer run is not one
//! (a 20-digit run holds no 18-digit ID), nor is a run glued to ASCII
//! letters (`WM13812345678`, `JX-2024-13812345678`: codes, not numbers).
//! Full-width digits (`１３８…`) count as digits, since readers see the same
//! number. Already masked forms (`138****5678`) hold no number.

use std::ops::Range;

/// What a found number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    ResidentId,
    Mobile,
    BankCard,
}

impl NumberKind {
    /// How messages name the kind.
    pub fn describe(self) -> crate::i18n::Message {
        match self {
            NumberKind::ResidentId => crate::i18n::msg::personal_resident_id(),
            NumberKind::Mobile => crate::i18n::msg::personal_mobile(),
            NumberKind::BankCard => crate::i18n::msg::personal_bank_card(),
        }
    }
}

/// A number found in a text: its kind, its bytes, and how many of its
/// digits stay visible at each end when masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: NumberKind,
    pub range: Range<usize>,
    keep_front: usize,
    keep_back: usize,
}

impl Found {
    /// The number as published masked (`138****5678`); `text` is the text it was found in.
    pub fn masked(&self, text: &str) -> String {
        let mut out = String::new();
        self.push_masked(&mut out, &text[self.range.clone()]);
        out
    }

    fn push_masked(&self, out: &mut String, number: &str) {
        let total = number.chars().filter(|&c| is_digit_or_x(c)).count();
        let mut index = 0;
        for c in number.chars() {
            if !is_digit_or_x(c) {
                out.push(c);
                continue;
            }
            let hidden = index >= self.keep_front && index + self.keep_back < total;
            out.push(if hidden { '*' } else { c });
            index += 1;
        }
    }
}

/// `text` with every number in `found` (as [`find_numbers`] returned them) masked.
pub fn mask_numbers(text: &str, found: &[Found]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for number in found {
        out.push_str(&text[at..number.range.start]);
        number.push_masked(&mut out, &text[number.range.clone()]);
        at = number.range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn is_digit_or_x(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// Most digits a run keeps for checking (the longest number has 19).
const LONGEST: usize = 19;

/// A run of digits, maybe ending in an X, within a chain of runs.
struct Run {
    start: usize,
    end: usize,
    digits: [u8; LONGEST],
    /// How many digits the run has (may exceed [`LONGEST`]).
    len: usize,
    x: bool,
    /// The separator before the run (0 for a chain's first run).
    sep_before: u8,
}

impl Run {
    fn digits(&self) -> &[u8] {
        &self.digits[..self.len.min(LONGEST)]
    }
}

/// Every number in `text`, in order.
pub fn find_numbers(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // A block of bytes of which none may start a number is passed over
        // at once: checked whole, it compiles to a few vector instructions.
        if let Some(block) = bytes.get(i..i + BLOCK)
            && !block.iter().fold(false, |any, &b| any | may_start(b))
        {
            i += BLOCK;
            continue;
        }
        if !may_start(bytes[i]) || digit_at(bytes, i).is_none() {
            i += 1;
            continue;
        }
        let glued = glued_before(bytes, i);
        i = read_chain(bytes, i, &mut runs);
        if !glued && !glued_after(bytes, i) {
            judge_chain(&runs, &mut found);
        }
    }
    found
}

/// Every number in a file's path or a page's address, in order: those
/// [`find_numbers`] finds, and also those joined to letters by `-`, `_` or
/// `.`, which in a name part words (`zhao-liu-13812345678.md`) rather than
/// glue a code to its number.
pub fn find_numbers_in_path(path: &str) -> Vec<Found> {
    let mut found = find_numbers(path);
    // Each separator becomes `/` (byte for byte, so ranges stay the same),
    // which no number spans and which glues nothing.
    let apart: String = path
        .chars()
        .map(|c| if matches!(c, '-' | '_' | '.') { '/' } else { c })
        .collect();
    for number in find_numbers(&apart) {
        let (start, end) = (number.range.start, number.range.end);
        if !found.iter().any(|f| f.range.start < end && start < f.range.end) {
            found.push(number);
        }
    }
    found.sort_by_key(|f| f.range.start);
    found
}

/// Bytes [`find_numbers`] passes over at once where no number starts.
const BLOCK: usize = 16;

/// Whether a digit may start at byte `b`: an ASCII digit, or the first byte
/// of a full-width one (also that of full-width punctuation).
fn may_start(b: u8) -> bool {
    b.is_ascii_digit() | (b == 0xEF)
}

/// The digit at byte `i` (ASCII or full-width) and its width in bytes.
fn digit_at(bytes: &[u8], i: usize) -> Option<(u8, usize)> {
    match bytes.get(i..)? {
        [b @ b'0'..=b'9', ..] => Some((b - b'0', 1)),
        [0xEF, 0xBC, b @ 0x90..=0x99, ..] => Some((b - 0x90, 3)),
        _ => None,
    }
}

/// The width of an X (ASCII or full-width, either case) at byte `i`.
fn x_at(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i..)? {
        [b'X' | b'x', ..] => Some(1),
        [0xEF, 0xBC, 0xB8, ..] | [0xEF, 0xBD, 0x98, ..] => Some(3),
        _ => None,
    }
}

/// Whether the chain starting at `i` is glued to letters before it (`WM138…`, `WM-138…`).
fn glued_before(bytes: &[u8], i: usize) -> bool {
    match i.checked_sub(1).map(|p| bytes[p]) {
        Some(b) if b.is_ascii_alphabetic() => true,
        Some(b'-') => i >= 2 && bytes[i - 2].is_ascii_alphabetic(),
        _ => false,
    }
}

/// Whether the chain ending at `end` is glued to letters after it.
fn glued_after(bytes: &[u8], end: usize) -> bool {
    match bytes.get(end) {
        Some(b) if b.is_ascii_alphabetic() => true,
        Some(b'-') => bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic),
        _ => false,
    }
}

/// Reads digit runs joined by single spaces or hyphens from `i` into `runs`;
/// returns where the chain ends.
fn read_chain(bytes: &[u8], mut i: usize, runs: &mut Vec<Run>) -> usize {
    runs.clear();
    let mut sep_before = 0;
    loop {
        let mut run = Run {
            start: i,
            end: i,
            digits: [0; LONGEST],
            len: 0,
            x: false,
            sep_before,
        };
        while let Some((digit, width)) = digit_at(bytes, i) {
            if run.len < LONGEST {
                run.digits[run.len] = digit;
            }
            run.len += 1;
            i += width;
        }
        if let Some(width) = x_at(bytes, i)
            && !bytes.get(i + width).is_some_and(u8::is_ascii_alphanumeric)
        {
            run.x = true;
            i += width;
        }
        run.end = i;
        let x = run.x;
        runs.push(run);
        match bytes.get(i) {
            Some(&sep @ (b' ' | b'-')) if !x && digit_at(bytes, i + 1).is_some() => {
                sep_before = sep;
                i += 1;
            }
            _ => return i,
        }
    }
}

/// Finds the numbers of one chain: grouped forms first, then single runs.
fn judge_chain(runs: &[Run], found: &mut Vec<Found>) {
    let mut k = 0;
    while k < runs.len() {
        if let Some((taken, number)) = grouped(runs, k) {
            found.push(number);
            k += taken;
            continue;
        }
        found.extend(single(&runs[k]));
        k += 1;
    }
}

/// A number of one run: `1381234567`, `11010519491231002X`.
fn single(run: &Run) -> Option<Found> {
    let digits = run.digits();
    let found = |kind, keep_front, keep_back| Found {
        kind,
        range: run.start..run.end,
        keep_front,
        keep_back,
    };
    match (run.len, run.x) {
        (17, true) if is_resident_id(digits, 10) => Some(found(NumberKind::ResidentId, 6, 4)),
        (18, false) if is_resident_id(&digits[..17], digits[17]) => Some(found(NumberKind::ResidentId, 6, 4)),
        (11, false) if is_mobile(digits) => Some(found(NumberKind::Mobile, 3, 4)),
        (13, false) if digits[..2] == [8, 6] && is_mobile(&digits[2..]) => Some(found(NumberKind::Mobile, 5, 4)),
        (16..=19, false) if luhn(digits) => Some(found(NumberKind::BankCard, 4, 4)),
        _ => None,
    }
}

/// A grouped number starting at run `k`, and how many runs it takes.
fn grouped(runs: &[Run], k: usize) -> Option<(usize, Found)> {
    let rest = &runs[k..];
    let sep = rest.get(1)?.sep_before;
    // Groups of exactly these lengths joined by `sep`, an X only on the last.
    let shaped = |lens: &[usize]| {
        rest.len() >= lens.len()
            && rest.iter().zip(lens).enumerate().all(|(i, (run, &len))| {
                run.len == len && (i == 0 || run.sep_before == sep) && (!run.x || i + 1 == lens.len())
            })
    };
    // A group joined by the same separator before or after makes a longer number.
    let starts = k == 0 || rest[0].sep_before != sep;
    let ends = |n: usize| rest.get(n).is_none_or(|run| run.sep_before != sep);
    let digits = |n: usize| -> Vec<u8> { rest[..n].iter().flat_map(|run| run.digits().iter().copied()).collect() };
    let found = |n: usize, kind, keep_front, keep_back| {
        let range = rest[0].start..rest[n - 1].end;
        let number = Found {
            kind,
            range,
            keep_front,
            keep_back,
        };
        Some((n, number))
    };

    let after_country_code = k > 0 && runs[k - 1].digits() == [8, 6];
    if shaped(&[3, 4, 4]) && !rest[2].x && (starts || after_country_code) && ends(3) && is_mobile(&digits(3)) {
        return found(3, NumberKind::Mobile, 3, 4);
    }
    let id_tail = if rest.get(2).is_some_and(|run| run.x) { 3 } else { 4 };
    if shaped(&[6, 8, id_tail]) && starts && ends(3) {
        let digits = digits(3);
        let check = if rest[2].x { 10 } else { digits[17] };
        if is_resident_id(&digits[..17], check) {
            return found(3, NumberKind::ResidentId, 6, 4);
        }
    }
    let tail = rest.get(4).map_or(0, |run| run.len);
    let n = if (1..=3).contains(&tail) && shaped(&[4, 4, 4, 4, tail]) && !rest[4].x {
        5
    } else {
        4
    };
    if shaped(&[4, 4, 4, 4, tail][..n]) && !rest[n - 1].x && starts && ends(n) && luhn(&digits(n)) {
        return found(n, NumberKind::BankCard, 4, 4);
    }
    None
}

/// A mainland mobile number: 11 digits, 1 then 3–9.
fn is_mobile(digits: &[u8]) -> bool {
    digits.len() == 11 && digits[0] == 1 && (3..=9).contains(&digits[1])
}

/// GB 11643: 17 digits holding a birth date, and a check value (10 for X)
/// that matches their weighted sum.
fn is_resident_id(head: &[u8], check: u8) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    if head.len() != 17 {
        return false;
    }
    let number = |r: Range<usize>| head[r].iter().fold(0u32, |n, &d| n * 10 + u32::from(d));
    let (year, month, day) = (number(6..10), number(10..12), number(12..14));
    if !(1900..=2099).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    let sum: u32 = head.iter().zip(WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum();
    (12 - sum % 11) % 11 == u32::from(check)
}

/// The Luhn check of bank card numbers.
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}
