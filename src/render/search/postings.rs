//! Render stage: the keys the search index is looked up by, and how their
//! lists of pages are written. search.js mirrors every function here.
//!
//! A page is indexed under every character (a one-character key) and every
//! pair of neighbouring characters (a two-character key) of its lower-cased
//! text, within runs without whitespace. A query term of one character looks
//! up that character; a longer term looks up each of its pairs and keeps the
//! pages that have them all, so 雷锋 finds 学雷锋 without a word segmenter.

/// Where in a page a key was found; higher ranks first.
pub type Rank = u8;
/// In the story text.
pub const IN_TEXT: Rank = 0;
/// In the summary.
pub const IN_SUMMARY: Rank = 1;
/// In honours, unit or a filter field.
pub const IN_FIELDS: Rank = 2;
/// In the title.
pub const IN_TITLE: Rank = 3;
/// At the start of the title.
pub const AT_TITLE_START: Rank = 4;
/// Ranks a posting can carry.
const RANKS: u32 = 5;

/// A key, one or two characters, packed: the first character in the high
/// half, the second (or [`NO_CHAR`]) in the low half.
pub type Key = u64;
const NO_CHAR: u32 = u32::MAX;

/// Every key of `text` found with `rank`, appended to `keys` (the title's
/// first keys get [`AT_TITLE_START`]).
pub fn push_keys(text: &str, rank: Rank, keys: &mut Vec<(Key, Rank)>) {
    let lower = text.to_lowercase();
    let mut first = true;
    for run in lower.split_whitespace() {
        let chars: Vec<char> = run.chars().collect();
        for (at, &c) in chars.iter().enumerate() {
            let rank = if rank == IN_TITLE && first && at == 0 {
                AT_TITLE_START
            } else {
                rank
            };
            keys.push((key(c, None), rank));
            if let Some(&next) = chars.get(at + 1) {
                keys.push((key(c, Some(next)), rank));
            }
        }
        first = false;
    }
}

/// Sorts `keys` and keeps each once, with its highest rank.
pub fn dedup_keys(keys: &mut Vec<(Key, Rank)>) {
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    keys.dedup_by_key(|k| k.0);
}

fn key(first: char, second: Option<char>) -> Key {
    (u64::from(u32::from(first)) << 32) | u64::from(second.map_or(NO_CHAR, u32::from))
}

/// The text of a key.
pub fn key_text(key: Key) -> String {
    [(key >> 32) as u32, key as u32]
        .into_iter()
        .filter_map(char::from_u32)
        .collect()
}

/// The shard a key lives in, of `shards`: FNV-1a over its code points.
pub fn shard_of(key: Key, shards: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for c in key_text(key).chars() {
        hash ^= u32::from(c);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards.max(1)
}

/// A page number and a rank, packed so that sorting orders by page.
pub type Posting = u32;

/// The posting of page `id` with `rank`.
pub fn posting(id: usize, rank: Rank) -> Posting {
    ((id as u32) << 3) | u32::from(rank)
}

/// The page number of a posting.
pub fn page_of(posting: Posting) -> usize {
    (posting >> 3) as usize
}

/// The rank of a posting.
pub fn rank_of(posting: Posting) -> Rank {
    (posting & 7) as Rank
}

/// The digits of the encoding: 0–31 end a number, 32–63 continue it.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Postings, sorted by page, as text: for each, (gap to the previous page
/// − 1) × 5 + rank, five bits a digit, lowest first.
pub fn encode(postings: &[Posting]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut next = 0u32;
    for &p in postings {
        let id = page_of(p) as u32;
        let mut value = (id - next) * RANKS + u32::from(rank_of(p));
        next = id + 1;
        loop {
            let digit = (value & 31) as usize;
            value >>= 5;
            out.push(DIGITS[if value > 0 { digit + 32 } else { digit }] as char);
            if value == 0 {
                break;
            }
        }
    }
    out
}

/// Up to `count` postings ranked first: by rank, then by page.
pub fn top(postings: &[Posting], count: usize) -> Vec<usize> {
    let mut best = Vec::with_capacity(count);
    for rank in (0..RANKS as Rank).rev() {
        for &p in postings {
            if best.len() == count {
                return best;
            }
            if rank_of(p) == rank {
                best.push(page_of(p));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_characters_and_pairs_within_runs() {
        let mut keys = Vec::new();
        push_keys("学雷锋 Ab", IN_TITLE, &mut keys);
        let texts: Vec<(String, Rank)> = keys.iter().map(|&(k, r)| (key_text(k), r)).collect();
        let expected = [
            ("学", 4),
            ("学雷", 4),
            ("雷", 3),
            ("雷锋", 3),
            ("锋", 3),
            ("a", 3),
            ("ab", 3),
            ("b", 3),
        ];
        let expected: Vec<(String, Rank)> = expected.iter().map(|&(k, r)| (k.to_string(), r)).collect();
        assert_eq!(texts, expected);
    }

    #[test]
    fn dedup_keeps_the_highest_rank() {
        let mut keys = Vec::new();
        push_keys("雷锋", IN_TEXT, &mut keys);
        push_keys("雷锋", IN_SUMMARY, &mut keys);
        dedup_keys(&mut keys);
        assert_eq!(keys.len(), 3);
        assert!(keys.iter().all(|&(_, r)| r == IN_SUMMARY));
    }

    #[test]
    fn encoding_writes_gaps_and_ranks() {
        // Page 0 rank 4 → 4; page 1 rank 0 → 0; page 40 rank 1 → 38×5+1 = 191 = 31 + 5×32.
        let postings = [posting(0, 4), posting(1, 0), posting(40, 1)];
        assert_eq!(encode(&postings), "40_5");
    }

    #[test]
    fn shards_match_the_script() {
        // FNV-1a of 雷 (U+96F7) and 锋 (U+950B), as search.js computes it.
        let mut keys = Vec::new();
        push_keys("雷锋", IN_TEXT, &mut keys);
        let pair = keys[1].0;
        assert_eq!(key_text(pair), "雷锋");
        let hash = ((0x811c_9dc5u32 ^ 0x96F7).wrapping_mul(0x0100_0193) ^ 0x950B).wrapping_mul(0x0100_0193);
        assert_eq!(shard_of(pair, 1000), hash as usize % 1000);
    }

    #[test]
    fn top_takes_higher_ranks_then_earlier_pages() {
        let postings = [posting(0, 0), posting(1, 3), posting(2, 0), posting(3, 3)];
        assert_eq!(top(&postings, 3), [1, 3, 0]);
    }
}
