//! Render stage: the keys the search index is looked up by, and how their
//! lists of pages are written. search.js mirrors every function here.
//!
//! A page is indexed under every character (a one-character key) and every
//! pair of neighbouring characters (a two-character key) of its lower-cased
//! text, within runs without whitespace. A query term of one character looks
//! up that character; a longer term looks up each of its pairs and keeps the
//! pages that have them all, so 雷锋 finds 学雷锋 without a word segmenter.

use rustc_hash::FxHashMap;

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

/// A key, one or two characters, packed so that keys sort as their texts
/// do: the first character above [`SECOND_BITS`], below it the second
/// character + 1 (0 when there is none).
pub type Key = u64;
const SECOND_BITS: u32 = 21;

/// A key found in a page, with its shard and the rank where it was found,
/// packed so that one sort orders a page's keys by shard, then key, then
/// highest rank first: the shard above [`SHARD_SHIFT`], the key, then
/// 7 − rank in the lowest three bits.
pub type Hit = u64;
const SHARD_SHIFT: u32 = 2 * SECOND_BITS + 3;
/// The most shards a [`Hit`] can name.
pub const MAX_SHARDS: usize = 1 << (64 - SHARD_SHIFT);

/// Every key of `text` found with `rank`, handed to `found` in the order
/// found (the title's first keys get [`AT_TITLE_START`]).
pub fn push_keys(text: &str, rank: Rank, found: &mut impl FnMut(Key, Rank)) {
    // Only `str::to_lowercase` knows that Σ ends a word as ς.
    if text.contains('Σ') {
        let mut found = Found {
            previous: None,
            first_run: true,
            rank,
            found,
        };
        text.to_lowercase().chars().for_each(|c| found.push(c));
        return;
    }
    push_chars(text.chars(), rank, found);
}

/// [`push_keys`] for a text given a character at a time, which holds no Σ.
fn push_chars(chars: impl Iterator<Item = char>, rank: Rank, found: &mut impl FnMut(Key, Rank)) {
    let mut found = Found {
        previous: None,
        first_run: true,
        rank,
        found,
    };
    for c in chars {
        if CASELESS.contains(&c) {
            found.push(c);
        } else {
            c.to_lowercase().for_each(|c| found.push(c));
        }
    }
}

/// Characters that lower-case to themselves (CJK symbols, kana and
/// ideographs), looked up no further.
const CASELESS: std::ops::RangeInclusive<char> = '\u{3000}'..='\u{9fff}';

/// The keys of a text, taken a lower-cased character at a time.
struct Found<'a, F> {
    /// The character before, in the same run, with its rank.
    previous: Option<(char, Rank)>,
    first_run: bool,
    rank: Rank,
    found: &'a mut F,
}

impl<F: FnMut(Key, Rank)> Found<'_, F> {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            if self.previous.take().is_some() {
                self.first_run = false;
            }
            return;
        }
        let here = if self.rank == IN_TITLE && self.first_run && self.previous.is_none() {
            AT_TITLE_START
        } else {
            self.rank
        };
        if let Some((before, rank)) = self.previous {
            (self.found)(key(before, Some(c)), rank);
        }
        (self.found)(key(c, None), here);
        self.previous = Some((c, here));
    }
}

/// The keys of a page, each once with the highest rank it was found with.
/// A key is looked up in a hash table as it is found, rather than every
/// occurrence kept and sorted: a story repeats most of its keys, and
/// sorting them all made search keys a seventh of a build's time.
pub struct KeySet {
    ranks: FxHashMap<Key, Rank>,
}

/// Keys a thread's spare table may have room for and still be kept.
const SPARE_ROOM: usize = 1 << 16;

thread_local! {
    /// The table of the last [`KeySet`] this thread dropped, emptied, so the
    /// next page's keys go into memory already in use rather than fresh.
    static SPARE: std::cell::Cell<FxHashMap<Key, Rank>> = std::cell::Cell::default();
}

impl KeySet {
    /// An empty set.
    pub fn new() -> KeySet {
        KeySet { ranks: SPARE.take() }
    }

    /// Adds every key of `text` found with `rank` (see [`push_keys`]).
    pub fn add(&mut self, text: &str, rank: Rank) {
        push_keys(text, rank, &mut |key, rank| {
            let kept = self.ranks.entry(key).or_insert(rank);
            *kept = (*kept).max(rank);
        });
    }

    /// [`KeySet::add`] for a text given a character at a time, which holds
    /// no Σ (only [`str::to_lowercase`] lower-cases it right).
    pub fn add_chars(&mut self, chars: impl Iterator<Item = char>, rank: Rank) {
        push_chars(chars, rank, &mut |key, rank| {
            let kept = self.ranks.entry(key).or_insert(rank);
            *kept = (*kept).max(rank);
        });
    }

    /// The keys as hits for an index of `shards` shards, sorted by shard
    /// and key.
    pub fn hits(&self, shards: usize) -> Vec<Hit> {
        let hits: Vec<Hit> = self.ranks.iter().map(|(&key, &rank)| hit(key, rank, shards)).collect();
        sort_hits(&hits, shards)
    }
}

impl Default for KeySet {
    fn default() -> KeySet {
        KeySet::new()
    }
}

impl Drop for KeySet {
    fn drop(&mut self) {
        if self.ranks.capacity() <= SPARE_ROOM {
            self.ranks.clear();
            SPARE.set(std::mem::take(&mut self.ranks));
        }
    }
}

/// `hits` (of an index of `shards` shards) sorted: counted into their
/// shards, then the few of each shard sorted alone, which costs less than
/// sorting a page's thousand keys at once.
fn sort_hits(hits: &[Hit], shards: usize) -> Vec<Hit> {
    // Where each shard's hits start (the last entry: where they all end).
    let mut starts = vec![0; shards.max(1) + 1];
    for &h in hits {
        starts[hit_shard(h) + 1] += 1;
    }
    for n in 1..starts.len() {
        starts[n] += starts[n - 1];
    }
    let mut next = starts.clone();
    let mut sorted = vec![0; hits.len()];
    for &h in hits {
        let at = &mut next[hit_shard(h)];
        sorted[*at] = h;
        *at += 1;
    }
    for bounds in starts.windows(2) {
        sorted[bounds[0]..bounds[1]].sort_unstable();
    }
    sorted
}

fn key(first: char, second: Option<char>) -> Key {
    (u64::from(u32::from(first)) << SECOND_BITS) | second.map_or(0, |c| u64::from(u32::from(c)) + 1)
}

/// The characters of a key.
pub fn chars_of(key: Key) -> impl Iterator<Item = char> {
    let first = char::from_u32((key >> SECOND_BITS) as u32);
    let second = ((key & ((1 << SECOND_BITS) - 1)) as u32)
        .checked_sub(1)
        .and_then(char::from_u32);
    first.into_iter().chain(second)
}

/// The text of a key.
pub fn key_text(key: Key) -> String {
    chars_of(key).collect()
}

/// The shard a key lives in, of `shards`: FNV-1a over its code points.
pub fn shard_of(key: Key, shards: usize) -> usize {
    let fnv = |hash: u32, code: u32| (hash ^ code).wrapping_mul(0x0100_0193);
    // The code points of `chars_of`, read straight from the key's bits.
    let mut hash = fnv(0x811c_9dc5, (key >> SECOND_BITS) as u32);
    if let Some(second) = ((key & ((1 << SECOND_BITS) - 1)) as u32).checked_sub(1) {
        hash = fnv(hash, second);
    }
    hash as usize % shards.max(1)
}

/// `key` found with `rank`, in an index of `shards` shards.
pub fn hit(key: Key, rank: Rank, shards: usize) -> Hit {
    ((shard_of(key, shards) as u64) << SHARD_SHIFT) | (key << 3) | u64::from(7 - rank)
}

/// The shard of a hit.
pub fn hit_shard(hit: Hit) -> usize {
    (hit >> SHARD_SHIFT) as usize
}

/// The key of a hit.
pub fn hit_key(hit: Hit) -> Key {
    (hit >> 3) & ((1 << (2 * SECOND_BITS)) - 1)
}

/// The rank of a hit.
pub fn hit_rank(hit: Hit) -> Rank {
    7 - (hit & 7) as Rank
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
        push_encoded(&mut out, &mut next, p);
    }
    out
}

/// Appends posting `p` to `out`, which ends before page `next`; moves `next` past it.
fn push_encoded(out: &mut String, next: &mut u32, p: Posting) {
    let id = page_of(p) as u32;
    let mut value = (id - *next) * RANKS + u32::from(rank_of(p));
    *next = id + 1;
    loop {
        let digit = (value & 31) as usize;
        value >>= 5;
        out.push(DIGITS[if value > 0 { digit + 32 } else { digit }] as char);
        if value == 0 {
            break;
        }
    }
}

/// The postings of [`encode`]'s text.
pub fn decode(text: &str) -> Vec<Posting> {
    Gaps::new(text, 0, 0).map(|g| posting(g.id as usize, g.rank)).collect()
}

/// One posting read from [`encode`]'s text: where it stands in the text
/// (`start..end`), its page and rank.
#[derive(Debug, Clone, Copy)]
struct Gap {
    start: usize,
    end: usize,
    id: u32,
    rank: Rank,
}

/// The postings of [`encode`]'s text from a byte on, as [`Gap`]s.
struct Gaps<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The page after the last one read: what the next gap counts from.
    next: u32,
}

impl<'a> Gaps<'a> {
    /// The postings of `text` from byte `from` on, the pages before it ending at `next`.
    fn new(text: &'a str, from: usize, next: u32) -> Gaps<'a> {
        Gaps {
            bytes: text.as_bytes(),
            at: from,
            next,
        }
    }
}

impl Iterator for Gaps<'_> {
    type Item = Gap;

    fn next(&mut self) -> Option<Gap> {
        let start = self.at;
        let (mut value, mut shift) = (0u32, 0u32);
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            let digit = digit_value(b);
            value |= (digit & 31) << shift;
            if digit < 32 {
                let id = self.next + value / RANKS;
                self.next = id + 1;
                let rank = (value % RANKS) as Rank;
                return Some(Gap {
                    start,
                    end: self.at,
                    id,
                    rank,
                });
            }
            shift += 5;
        }
        None
    }
}

/// The value of an encoding's digit (0 for a byte that is none).
fn digit_value(b: u8) -> u32 {
    u32::from(DIGIT_VALUES[usize::from(b)])
}

/// Each byte's value as a digit of [`DIGITS`], 0 for a byte that is none.
const DIGIT_VALUES: [u8; 256] = {
    let mut values = [0; 256];
    let mut digit = 0;
    while digit < DIGITS.len() {
        values[DIGITS[digit] as usize] = digit as u8;
        digit += 1;
    }
    values
};

/// Reads the postings of [`encode`]'s `bytes` from byte `at` on, the pages
/// before it ending at `next`, up to the first of a page from `page` on:
/// gives where that posting starts (the end when there is none) and where
/// the pages before it end. Only the page numbers are worked out, so that
/// a long list is passed over quickly.
fn skip_to(bytes: &[u8], mut at: usize, mut next: u32, page: u32) -> (usize, u32) {
    let mut start = at;
    let (mut value, mut shift) = (0u32, 0u32);
    while let Some(&b) = bytes.get(at) {
        at += 1;
        let digit = digit_value(b);
        value |= (digit & 31) << shift;
        if digit >= 32 {
            shift += 5;
            continue;
        }
        let id = next + value / RANKS;
        if id >= page {
            return (start, next);
        }
        (next, start, value, shift) = (id + 1, at, 0, 0);
    }
    (start, next)
}

/// Results of each key whose display rows its index shard carries.
pub const FIRST_RESULTS: usize = 4;

/// The pages of one key, kept as written: [`encode`]'s text, grown a
/// posting at a time, with the pages ranked first.
#[derive(Debug, Default, PartialEq)]
pub struct List {
    text: String,
    /// The page after the last one in the list.
    next: u32,
    /// Up to [`FIRST_RESULTS`] postings ranked first: by rank, then by page.
    top: Top,
}

/// Up to [`FIRST_RESULTS`] postings, kept inline: a build adds a posting to
/// a list for every key of every page, and reaching them on the heap cost
/// another cache miss each time.
#[derive(Debug, Default, Clone, Copy)]
struct Top {
    postings: [Posting; FIRST_RESULTS],
    len: usize,
}

impl Top {
    fn as_slice(&self) -> &[Posting] {
        &self.postings[..self.len]
    }

    fn as_mut_slice(&mut self) -> &mut [Posting] {
        &mut self.postings[..self.len]
    }

    fn len(&self) -> usize {
        self.len
    }

    /// Puts `p` at `at` (below [`FIRST_RESULTS`]); the last posting drops
    /// off when there is no room.
    fn insert(&mut self, at: usize, p: Posting) {
        self.len = (self.len + 1).min(FIRST_RESULTS);
        self.postings.copy_within(at..self.len - 1, at + 1);
        self.postings[at] = p;
    }

    fn remove(&mut self, at: usize) {
        self.postings.copy_within(at + 1..self.len, at);
        self.len -= 1;
    }
}

impl PartialEq for Top {
    fn eq(&self, other: &Top) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl List {
    /// A list of `postings`, sorted by page.
    pub fn of(postings: &[Posting]) -> List {
        let mut list = List::default();
        for &p in postings {
            list.push(p);
        }
        list
    }

    /// Adds a posting of a page after every page in the list.
    pub fn push(&mut self, p: Posting) {
        push_encoded(&mut self.text, &mut self.next, p);
        // A later page ranks below earlier pages of the same rank.
        let at = self.top.as_slice().partition_point(|&q| rank_of(q) >= rank_of(p));
        if at < FIRST_RESULTS {
            self.top.insert(at, p);
        }
    }

    /// The postings, sorted by page.
    pub fn postings(&self) -> Vec<Posting> {
        decode(&self.text)
    }

    /// The list as written into a shard.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The pages ranked first: by rank, then by page.
    pub fn top(&self) -> impl Iterator<Item = usize> + '_ {
        self.top.as_slice().iter().map(|&p| page_of(p))
    }

    /// Puts page `number` in the list with `rank`, or takes it out
    /// (`None`). Only that page's posting and the one after it are written
    /// again; the list is decoded whole only when the page leaves the first
    /// results or drops in them. Whether the list changed.
    pub fn set(&mut self, number: usize, rank: Option<Rank>) -> bool {
        let number = number as u32;
        // The first posting of a page from `number` on; `before`: where
        // pages before it end.
        let (at, before) = skip_to(self.text.as_bytes(), 0, 0, number);
        let found = Gaps::new(&self.text, at, before).next();
        let here = found.filter(|g| g.id == number).map(|g| g.rank);
        if here == rank {
            return false;
        }
        let (from, to, next) = match found {
            Some(g) if g.id == number => match Gaps::new(&self.text, g.end, g.id + 1).next() {
                Some(after) => (g.start, after.end, Some((after.id, after.rank))),
                None => (g.start, g.end, None),
            },
            Some(g) => (g.start, g.end, Some((g.id, g.rank))),
            None => (self.text.len(), self.text.len(), None),
        };
        let mut text = String::with_capacity(self.text.len() + 8);
        text.push_str(&self.text[..from]);
        let mut end = before;
        if let Some(rank) = rank {
            push_encoded(&mut text, &mut end, posting(number as usize, rank));
        }
        if let Some((id, r)) = next {
            push_encoded(&mut text, &mut end, posting(id as usize, r));
        }
        text.push_str(&self.text[to..]);
        self.text = text;
        if next.is_none() {
            self.next = end;
        }
        self.place_in_top(number, here, rank);
        true
    }

    /// Brings the first results up to date after page `number` went from
    /// rank `was` to `rank` (`None`: not in the list).
    fn place_in_top(&mut self, number: u32, was: Option<Rank>, rank: Option<Rank>) {
        let in_top = self.top.as_slice().iter().position(|&p| page_of(p) == number as usize);
        let full = self.top.len() == FIRST_RESULTS;
        if in_top.is_some() && full && (rank.is_none() || rank < was) {
            // Which page takes its place is known only from the whole list.
            self.top = List::of(&self.postings()).top;
            return;
        }
        if let Some(at) = in_top {
            self.top.remove(at);
        }
        if let Some(rank) = rank {
            let p = posting(number as usize, rank);
            let at = self
                .top
                .as_slice()
                .partition_point(|&q| rank_of(q) > rank || (rank_of(q) == rank && q < p));
            if at < FIRST_RESULTS {
                self.top.insert(at, p);
            }
        }
    }

    /// Gives each page its new number after pages were added or removed:
    /// from each step's page on (`steps`, sorted, see [`Steps`]) a page's
    /// number moves by the step's amount, which keeps the pages' order. As
    /// the list holds gaps, only the gap that crosses a step changes: the
    /// text is read up to the last step, and each gap that changed is
    /// written again in place, the rest of the text staying where it is.
    /// Whether the list changed.
    pub fn renumber(&mut self, steps: &Steps) -> bool {
        let (Some(&(first, _)), Some(&(last, by))) = (steps.first(), steps.last()) else {
            return false;
        };
        if self.next <= first {
            return false;
        }
        let moved = |id: u32| {
            let at = steps.partition_point(|&(from, _)| from <= id);
            at.checked_sub(1).map_or(id, |at| id.wrapping_add_signed(steps[at].1))
        };
        // Within a step every page moves alike, so only the first posting
        // from each step on can change. A gap keeps its count of digits
        // unless its value crosses a power of 32: it is mostly overwritten.
        let mut changed = false;
        let mut gap_text = String::new();
        let (mut at, mut old_next, mut new_next) = (0, 0u32, 0u32);
        for &(from, _) in steps {
            if from < old_next {
                continue;
            }
            let (start, before) = skip_to(self.text.as_bytes(), at, old_next, from);
            new_next = before.checked_sub(1).map_or(0, |id| moved(id) + 1);
            let Some(gap) = Gaps::new(&self.text, start, before).next() else {
                (at, old_next) = (start, before);
                break;
            };
            let new = moved(gap.id);
            let mut end = gap.end;
            // A gap that changed is written with other digits.
            if new - new_next != gap.id - before {
                gap_text.clear();
                let mut next = new_next;
                push_encoded(&mut gap_text, &mut next, posting(new as usize, gap.rank));
                self.text.replace_range(gap.start..gap.end, &gap_text);
                end = gap.start + gap_text.len();
                changed = true;
            }
            (at, old_next, new_next) = (end, gap.id + 1, new + 1);
        }
        if at < self.text.len() || old_next > last {
            new_next = self.next.wrapping_add_signed(by);
        }
        for p in self.top.as_mut_slice() {
            *p = posting(moved(page_of(*p) as u32) as usize, rank_of(*p));
        }
        self.next = new_next;
        changed
    }
}

/// How page numbers move after pages were added or removed: from each
/// `(page, by)` on, up to the next, a page's number moves by `by`; pages
/// before the first keep theirs. Sorted by page.
pub type Steps = [(u32, i32)];

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of `text` found with `rank`, as text, in the order found.
    fn keys(text: &str, rank: Rank) -> Vec<(String, Rank)> {
        let mut keys = Vec::new();
        push_keys(text, rank, &mut |key, rank| keys.push((key_text(key), rank)));
        keys
    }

    #[test]
    fn keys_are_characters_and_pairs_within_runs() {
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
        assert_eq!(keys(" 学雷锋\n Ab ", IN_TITLE), expected);
    }

    #[test]
    fn keys_are_lower_cased_as_text_is() {
        // A final sigma lower-cases to ς, as JavaScript's toLowerCase does.
        let expected = [("σ", 0), ("σς", 0), ("ς", 0), ("a", 0)];
        let expected: Vec<(String, Rank)> = expected.iter().map(|&(k, r)| (k.to_string(), r)).collect();
        assert_eq!(keys("ΣΣ A", IN_TEXT), expected);
        let expected = [("i", 0), ("i\u{307}", 0), ("\u{307}", 0)];
        let expected: Vec<(String, Rank)> = expected.iter().map(|&(k, r)| (k.to_string(), r)).collect();
        assert_eq!(keys("İ", IN_TEXT), expected);
    }

    #[test]
    fn caseless_characters_lower_case_to_themselves() {
        for c in CASELESS {
            assert!(c.to_lowercase().eq([c]), "{c}");
        }
    }

    #[test]
    fn a_key_set_keeps_the_highest_rank_in_key_order_within_shards() {
        let mut keys = KeySet::new();
        keys.add("雷锋", IN_TEXT);
        keys.add("雷锋", IN_SUMMARY);
        keys.add("锋", IN_TEXT);
        let hits = keys.hits(1);
        let texts: Vec<String> = hits.iter().map(|&h| key_text(hit_key(h))).collect();
        assert_eq!(texts, ["锋", "雷", "雷锋"], "as JSON orders them");
        assert!(hits.iter().all(|&h| hit_rank(h) == IN_SUMMARY));

        let mut keys = KeySet::new();
        keys.add("雷锋同志", IN_TEXT);
        let hits = keys.hits(5);
        assert_eq!(hits.len(), 7, "four characters and three pairs");
        assert!(hits.windows(2).all(|w| hit_shard(w[0]) <= hit_shard(w[1])));
        assert!(hits.iter().all(|&h| hit_shard(h) == shard_of(hit_key(h), 5)));
    }

    #[test]
    fn encoding_writes_gaps_and_ranks() {
        // Page 0 rank 4 → 4; page 1 rank 0 → 0; page 40 rank 1 → 38×5+1 = 191 = 31 + 5×32.
        let postings = [posting(0, 4), posting(1, 0), posting(40, 1)];
        assert_eq!(encode(&postings), "40_5");
        assert_eq!(decode("40_5"), postings);
        let long = [posting(3, 2), posting(70_000, 4), posting(70_001, 0)];
        assert_eq!(decode(&encode(&long)), long);
    }

    #[test]
    fn shards_match_the_script() {
        // FNV-1a of 雷 (U+96F7) and 锋 (U+950B), as search.js computes it.
        let pair = key('雷', Some('锋'));
        assert_eq!(key_text(pair), "雷锋");
        let hash = ((0x811c_9dc5u32 ^ 0x96F7).wrapping_mul(0x0100_0193) ^ 0x950B).wrapping_mul(0x0100_0193);
        assert_eq!(shard_of(pair, 1000), hash as usize % 1000);
        assert_eq!(hit_shard(hit(pair, IN_TEXT, 1000)), hash as usize % 1000);
        let single = (0x811c_9dc5u32 ^ 0x96F7).wrapping_mul(0x0100_0193);
        assert_eq!(shard_of(key('雷', None), 1000), single as usize % 1000);
        let wide = (0x811c_9dc5u32 ^ 0x2_0000).wrapping_mul(0x0100_0193);
        assert_eq!(shard_of(key('\u{20000}', None), 1000), wide as usize % 1000);
    }

    #[test]
    fn a_list_keeps_higher_ranks_then_earlier_pages_first() {
        let postings = [
            posting(0, 0),
            posting(1, 3),
            posting(2, 0),
            posting(3, 3),
            posting(4, 4),
        ];
        let list = List::of(&postings);
        assert_eq!(list.top().collect::<Vec<_>>(), [4, 1, 3, 0]);
        assert_eq!(list.text(), encode(&postings));
        assert_eq!(list.postings(), postings);
        assert_eq!(List::of(&postings[..2]).top().collect::<Vec<_>>(), [1, 0]);
    }

    proptest::proptest! {
        #[test]
        fn hits_sorted_by_shard_first_are_sorted_as_numbers(
            keys in proptest::collection::vec((0..0x3_0000u32, proptest::option::of(0..0x3_0000u32), 0..RANKS as Rank), 0..300),
            shards in 1..2000usize,
        ) {
            let mut hits: Vec<Hit> = keys
                .iter()
                .map(|&(first, second, rank)| {
                    let char_of = |c: u32| char::from_u32(c).unwrap_or('a');
                    hit(key(char_of(first), second.map(char_of)), rank, shards)
                })
                .collect();
            let sorted = sort_hits(&hits, shards);
            hits.sort_unstable();
            proptest::prop_assert_eq!(sorted, hits);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_key_set_holds_each_key_found_once_with_its_highest_rank(
            texts in proptest::collection::vec(("[\\s\u{3000}-\u{3010}一-龥a-zA-ZΣσ0-9\u{9ff0}-\u{a010}\u{20000}-\u{20010}]{0,40}", 0..RANKS as Rank), 0..6),
            shards in 1..300usize,
        ) {
            let mut expected = std::collections::BTreeMap::new();
            let mut keys = KeySet::new();
            for (text, rank) in &texts {
                push_keys(text, *rank, &mut |key, rank| {
                    let kept = expected.entry(key).or_insert(rank);
                    *kept = (*kept).max(rank);
                });
                keys.add(text, *rank);
            }
            let mut hits: Vec<Hit> = expected.iter().map(|(&key, &rank)| hit(key, rank, shards)).collect();
            hits.sort_unstable();
            proptest::prop_assert_eq!(keys.hits(shards), hits);
        }
    }

    /// The pages ranked first among `postings`, worked out from the whole list.
    fn first_results(postings: &[Posting]) -> Vec<usize> {
        let mut ranked = postings.to_vec();
        ranked.sort_by_key(|&p| (std::cmp::Reverse(rank_of(p)), page_of(p)));
        ranked.iter().take(FIRST_RESULTS).map(|&p| page_of(p)).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(500))]

        #[test]
        fn the_first_results_kept_as_postings_come_and_go_are_those_of_the_whole_list(
            ranks in proptest::collection::vec(proptest::option::of(0..RANKS as Rank), 0..40),
            sets in proptest::collection::vec((0..45usize, proptest::option::of(0..RANKS as Rank)), 0..20),
        ) {
            let postings: Vec<Posting> = ranks
                .iter()
                .enumerate()
                .filter_map(|(page, rank)| Some(posting(page, (*rank)?)))
                .collect();
            let mut list = List::of(&postings);
            proptest::prop_assert_eq!(list.top().collect::<Vec<_>>(), first_results(&postings));
            for (page, rank) in sets {
                list.set(page, rank);
                let now = list.postings();
                proptest::prop_assert_eq!(list.top().collect::<Vec<_>>(), first_results(&now), "{:?}", now);
            }
        }
    }

    #[test]
    fn a_page_put_in_or_taken_out_gives_the_list_of_the_changed_postings() {
        let postings = vec![
            posting(0, 1),
            posting(3, 3),
            posting(4, 0),
            posting(40, 4),
            posting(41, 2),
            posting(90, 0),
            posting(5000, 3),
        ];
        for number in [0, 1, 3, 4, 5, 40, 41, 89, 90, 91, 5000, 70_000] {
            for rank in [None, Some(0), Some(2), Some(3), Some(4)] {
                let mut expected = postings.clone();
                expected.retain(|&p| page_of(p) != number);
                if let Some(rank) = rank {
                    expected.push(posting(number, rank));
                    expected.sort_unstable();
                }
                let mut list = List::of(&postings);
                let changed = list.set(number, rank);
                assert_eq!(list, List::of(&expected), "page {number} at rank {rank:?}");
                assert_eq!(changed, expected != postings, "page {number} at rank {rank:?}");
            }
        }
        let mut list = List::default();
        assert!(list.set(7, Some(1)));
        assert_eq!(list, List::of(&[posting(7, 1)]));
        assert!(list.set(7, None));
        assert_eq!(list, List::default());
    }

    #[test]
    fn a_list_renumbered_by_any_pages_added_and_removed_is_the_list_of_the_renumbered_postings() {
        let mut seed = 7u32;
        let mut random = move |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        for _ in 0..2000 {
            // Each page is kept (at its new number) or removed; pages are added between them.
            let pages = 1 + random(80);
            let mut new = random(3);
            let map: Vec<Option<u32>> = (0..pages)
                .map(|_| {
                    if random(6) == 0 {
                        return None;
                    }
                    new += 1 + random(4) / 3;
                    Some(new - 1)
                })
                .collect();
            // As `Index::steps` makes them: where the pages kept start to move by another amount.
            let mut steps = Vec::new();
            let mut by = 0;
            for (page, to) in map.iter().enumerate() {
                if let Some(to) = to {
                    let here = *to as i32 - page as i32;
                    if here != by {
                        steps.push((page as u32, here));
                        by = here;
                    }
                }
            }
            let mut postings: Vec<Posting> = Vec::new();
            for p in (0..pages as usize).filter(|&p| map[p].is_some()) {
                if random(3) > 0 {
                    postings.push(posting(p, random(RANKS) as Rank));
                }
            }
            let moved: Vec<Posting> = postings
                .iter()
                .map(|&p| posting(map[page_of(p)].expect("kept") as usize, rank_of(p)))
                .collect();
            let mut list = List::of(&postings);
            let changed = list.renumber(&steps);
            assert_eq!(list, List::of(&moved), "{postings:?} by {steps:?}");
            assert_eq!(changed, moved != postings, "{postings:?} by {steps:?}");
        }
    }

    #[test]
    fn a_renumbered_list_is_the_list_of_the_renumbered_postings() {
        let postings = [
            posting(0, 1),
            posting(3, 3),
            posting(4, 0),
            posting(40, 4),
            posting(41, 2),
            posting(90, 0),
        ];
        let renumbered = |steps: &Steps, by: &dyn Fn(usize) -> usize| {
            let mut list = List::of(&postings);
            let changed = list.renumber(steps);
            let moved: Vec<Posting> = postings.iter().map(|&p| posting(by(page_of(p)), rank_of(p))).collect();
            assert_eq!(list, List::of(&moved), "{steps:?}");
            assert_eq!(changed, moved != postings, "{steps:?}");
        };
        // A page added at 4, one removed at 5 (not in the list).
        renumbered(&[(4, 1)], &|p| if p >= 4 { p + 1 } else { p });
        renumbered(&[(5, -1)], &|p| if p >= 5 { p - 1 } else { p });
        // A page moved from 2 to 60: the pages between move up by one.
        renumbered(&[(3, -1), (61, 0)], &|p| if (3..61).contains(&p) { p - 1 } else { p });
        renumbered(&[(0, 2)], &|p| p + 2);
        renumbered(&[(91, 1)], &|p| p);
        renumbered(&[], &|p| p);
        let mut empty = List::default();
        assert!(!empty.renumber(&[(0, 1)]));
    }

    #[test]
    fn a_renumbered_list_is_changed_in_place() {
        // Long enough that copying it would show; page 40's gap (36 pages,
        // two digits) keeps its count of digits when a page comes before it.
        let postings: Vec<Posting> = (0..500).map(|p| posting(3 + p * 37, 1)).collect();
        let mut list = List::of(&postings);
        let (text, capacity) = (list.text().as_ptr(), list.text.capacity());
        assert!(list.renumber(&[(20, 1)]));
        let moved: Vec<Posting> = postings
            .iter()
            .map(|&p| posting(page_of(p) + usize::from(page_of(p) >= 20), rank_of(p)))
            .collect();
        assert_eq!(list, List::of(&moved));
        assert_eq!(list.text().as_ptr(), text, "the text was written again elsewhere");
        assert_eq!(list.text.capacity(), capacity);
    }
}
