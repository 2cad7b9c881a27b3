//! Slugs: pinyin for Chinese, transliteration for everything else.
//!
//! Han characters become toneless pinyin syllables (`ü` written `yu`), one
//! syllable per character, with a small table of words whose per-character
//! default reading is wrong. Other letters and digits go through `deunicode`;
//! any run of remaining characters becomes a single `-`. A slug is at most
//! [`MAX_LEN`] bytes, cut between syllables or words.

use deunicode::deunicode_char;
use pinyin::ToPinyin;

/// Words whose per-character default reading is wrong, sorted by key.
///
/// Every entry fixes the default, except the pinned 单位 and 助人为乐 (the
/// latter also keeps 为乐 away from 乐团/乐队 readings).
const WORDS: &[(&str, &str)] = &[
    ("一模一样", "yi-mu-yi-yang"),
    ("一目了然", "yi-mu-liao-ran"),
    ("主角", "zhu-jue"),
    ("乐亭", "lao-ting"),
    ("乐器", "yue-qi"),
    ("乐团", "yue-tuan"),
    ("乐坛", "yue-tan"),
    ("乐曲", "yue-qu"),
    ("乐清", "yue-qing"),
    ("乐章", "yue-zhang"),
    ("乐队", "yue-dui"),
    ("了不起", "liao-bu-qi"),
    ("了解", "liao-jie"),
    ("交响乐", "jiao-xiang-yue"),
    ("人参", "ren-shen"),
    ("什邡", "shi-fang"),
    ("仿佛", "fang-fu"),
    ("会计", "kuai-ji"),
    ("传记", "zhuan-ji"),
    ("似", "si"),
    ("似的", "shi-de"),
    ("佛", "fo"),
    ("供给", "gong-ji"),
    ("倔强", "jue-jiang"),
    ("偿还", "chang-huan"),
    ("六安", "lu-an"),
    ("出差", "chu-chai"),
    ("分行", "fen-hang"),
    ("列传", "lie-zhuan"),
    ("助人为乐", "zhu-ren-wei-le"),
    ("协调", "xie-tiao"),
    ("单位", "dan-wei"),
    ("单县", "shan-xian"),
    ("厦门", "xia-men"),
    ("古都", "gu-du"),
    ("各行各业", "ge-hang-ge-ye"),
    ("喀什", "ka-shi"),
    ("坦率", "tan-shuai"),
    ("声乐", "sheng-yue"),
    ("大埔", "da-bu"),
    ("大夫", "dai-fu"),
    ("宝藏", "bao-zang"),
    ("尉氏", "yu-shi"),
    ("小传", "xiao-zhuan"),
    ("延长", "yan-chang"),
    ("归还", "gui-huan"),
    ("总行", "zong-hang"),
    ("成都", "cheng-du"),
    ("执着", "zhi-zhuo"),
    ("擅长", "shan-chang"),
    ("支行", "zhi-hang"),
    ("昌都", "chang-du"),
    ("曾孙", "zeng-sun"),
    ("曾祖", "zeng-zu"),
    ("朝夕", "zhao-xi"),
    ("朝气", "zhao-qi"),
    ("枞阳", "zong-yang"),
    ("模板", "mu-ban"),
    ("模样", "mu-yang"),
    ("民乐", "min-yue"),
    ("沉着", "chen-zhuo"),
    ("泌阳", "bi-yang"),
    ("洪洞", "hong-tong"),
    ("浚县", "xun-xian"),
    ("涡阳", "guo-yang"),
    ("漫长", "man-chang"),
    ("特长", "te-chang"),
    ("犍为", "qian-wei"),
    ("率先", "shuai-xian"),
    ("率领", "shuai-ling"),
    ("畜牧", "xu-mu"),
    ("番禺", "pan-yu"),
    ("的确", "di-que"),
    ("目的", "mu-di"),
    ("直率", "zhi-shuai"),
    ("着力", "zhuo-li"),
    ("着想", "zhuo-xiang"),
    ("睡觉", "shui-jiao"),
    ("称职", "chen-zhi"),
    ("筠连", "jun-lian"),
    ("给予", "ji-yu"),
    ("自传", "zi-zhuan"),
    ("蔚县", "yu-xian"),
    ("藏区", "zang-qu"),
    ("藏族", "zang-zu"),
    ("蚌埠", "beng-bu"),
    ("行业", "hang-ye"),
    ("行列", "hang-lie"),
    ("行长", "hang-zhang"),
    ("表率", "biao-shuai"),
    ("西藏", "xi-zang"),
    ("角色", "jue-se"),
    ("评传", "ping-zhuan"),
    ("调控", "tiao-kong"),
    ("调整", "tiao-zheng"),
    ("调节", "tiao-jie"),
    ("调解", "tiao-jie"),
    ("还乡", "huan-xiang"),
    ("退还", "tui-huan"),
    ("都匀", "du-yun"),
    ("都市", "du-shi"),
    ("都江堰", "du-jiang-yan"),
    ("重复", "chong-fu"),
    ("重庆", "chong-qing"),
    ("重建", "chong-jian"),
    ("重新", "chong-xin"),
    ("重温", "chong-wen"),
    ("重现", "chong-xian"),
    ("重生", "chong-sheng"),
    ("重返", "chong-fan"),
    ("重逢", "chong-feng"),
    ("重阳", "chong-yang"),
    ("铅山", "yan-shan"),
    ("银行", "yin-hang"),
    ("长久", "chang-jiu"),
    ("长城", "chang-cheng"),
    ("长存", "chang-cun"),
    ("长安", "chang-an"),
    ("长寿", "chang-shou"),
    ("长年", "chang-nian"),
    ("长征", "chang-zheng"),
    ("长春", "chang-chun"),
    ("长期", "chang-qi"),
    ("长江", "chang-jiang"),
    ("长沙", "chang-sha"),
    ("长治", "chang-zhi"),
    ("长白山", "chang-bai-shan"),
    ("长远", "chang-yuan"),
    ("长途", "chang-tu"),
    ("长青", "chang-qing"),
    ("音乐", "yin-yue"),
    ("首都", "shou-du"),
];

/// Surnames read differently from the default, sorted by key. Only used for
/// the first characters of a name.
const SURNAMES: &[(&str, &str)] = &[
    ("万俟", "mo-qi"),
    ("乐", "yue"),
    ("仇", "qiu"),
    ("区", "ou"),
    ("单", "shan"),
    ("单于", "chan-yu"),
    ("卜", "bu"),
    ("句", "gou"),
    ("召", "shao"),
    ("员", "yun"),
    ("尉迟", "yu-chi"),
    ("折", "she"),
    ("曾", "zeng"),
    ("朴", "piao"),
    ("查", "zha"),
    ("盖", "ge"),
    ("祭", "zhai"),
    ("种", "chong"),
    ("秘", "bi"),
    ("繁", "po"),
    ("缪", "miao"),
    ("翟", "zhai"),
    ("蕃", "pi"),
    ("薄", "bo"),
    ("藏", "zang"),
    ("覃", "qin"),
    ("解", "xie"),
    ("重", "chong"),
    ("阚", "kan"),
    ("隗", "wei"),
    ("颉", "xie"),
];

/// Longest slug, in bytes. A folder name may hold 255 bytes; this leaves room
/// for the suffixes laurel adds (`-2` for a second term of the same pinyin,
/// `-320.jpg` for a thumbnail) and keeps addresses readable.
pub const MAX_LEN: usize = 80;

/// Turns a title or file stem into a URL slug: lower case ASCII, words/syllables joined by `-`.
///
/// Returns an empty string if nothing in `text` can be spelled in ASCII.
pub fn slugify(text: &str) -> String {
    build(text, false)
}

/// Like `slugify`, but reads a leading Han character as a surname (单 shan, 曾 zeng, 解 xie …). Use for person names.
pub fn slugify_name(text: &str) -> String {
    build(text, true)
}

fn build(text: &str, name: bool) -> String {
    let mut slug = Slug {
        out: String::with_capacity(text.len() * 2),
        gap: false,
    };
    let mut rest = text;
    if name {
        rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        if let Some((surname, reading)) = longest_match(SURNAMES, rest) {
            slug.syllables(reading);
            rest = &rest[surname.len()..];
        }
    }
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        if c.is_ascii() {
            slug.ascii(c as u8);
        } else if let Some(pinyin) = c.to_pinyin() {
            match longest_match(WORDS, rest) {
                Some((word, reading)) => {
                    len = word.len();
                    slug.syllables(reading);
                }
                None => slug.syllables(pinyin.plain()),
            }
        } else if let Some(ascii) = deunicode_char(c) {
            if c.is_alphanumeric() {
                ascii.bytes().for_each(|b| slug.ascii(b));
            } else if !ascii.is_empty() {
                // Punctuation, symbols, emoji; combining marks (empty) vanish.
                slug.gap = true;
            }
        }
        rest = &rest[len..];
        if slug.out.len() > MAX_LEN {
            break;
        }
    }
    cut(slug.out)
}

/// Shortens a slug to [`MAX_LEN`] bytes at its last `-` within the limit;
/// one word longer than that is cut inside.
fn cut(mut slug: String) -> String {
    if slug.len() <= MAX_LEN {
        return slug;
    }
    let mut limit = MAX_LEN;
    while !slug.is_char_boundary(limit) {
        limit -= 1;
    }
    let end = slug[..=limit].rfind('-').filter(|&i| i > 0).unwrap_or(limit);
    slug.truncate(end);
    slug
}

/// The longest key of `table` that `text` starts with, and its reading.
fn longest_match(table: &[(&'static str, &'static str)], text: &str) -> Option<(&'static str, &'static str)> {
    let first = &text[..text.chars().next()?.len_utf8()];
    let start = table.partition_point(|(key, _)| *key < first);
    table[start..]
        .iter()
        .take_while(|(key, _)| key.starts_with(first))
        .filter(|(key, _)| text.starts_with(key))
        .max_by_key(|(key, _)| key.len())
        .copied()
}

/// Output under construction.
struct Slug {
    out: String,
    /// A separator is due before the next letter or digit.
    gap: bool,
}

impl Slug {
    /// One byte of transliterated text: letters and digits join the current word.
    fn ascii(&mut self, b: u8) {
        if !b.is_ascii_alphanumeric() {
            self.gap = true;
            return;
        }
        if self.gap && !self.out.is_empty() {
            self.out.push('-');
        }
        self.gap = false;
        self.out.push(char::from(b.to_ascii_lowercase()));
    }

    /// Pinyin syllables, always set apart from their neighbours.
    fn syllables(&mut self, reading: &str) {
        if reading.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push('-');
        }
        for c in reading.chars() {
            match c {
                'ü' => self.out.push_str("yu"),
                c => self.out.push(c),
            }
        }
        self.gap = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_slug(s: &str) -> bool {
        s.split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
    }

    #[test]
    fn pinyin_per_character() {
        assert_eq!(slugify("张苗苗"), "zhang-miao-miao");
        assert_eq!(slugify("范振喜"), "fan-zhen-xi");
        assert_eq!(slugify("吕"), "lyu");
        assert_eq!(slugify("女"), "nyu");
    }

    #[test]
    fn categories() {
        assert_eq!(slugify("敬业奉献"), "jing-ye-feng-xian");
        assert_eq!(slugify("助人为乐"), "zhu-ren-wei-le");
        assert_eq!(slugify("孝老爱亲"), "xiao-lao-ai-qin");
        assert_eq!(slugify("见义勇为"), "jian-yi-yong-wei");
        assert_eq!(slugify("诚实守信"), "cheng-shi-shou-xin");
    }

    #[test]
    fn word_overrides() {
        assert_eq!(slugify("长春"), "chang-chun");
        assert_eq!(slugify("重庆"), "chong-qing");
        assert_eq!(slugify("银行"), "yin-hang");
        assert_eq!(slugify("音乐"), "yin-yue");
        assert_eq!(slugify("单位"), "dan-wei");
        assert_eq!(slugify("2023年度文明单位"), "2023-nian-du-wen-ming-dan-wei");
        assert_eq!(
            slugify("工商银行长春支行行长"),
            "gong-shang-yin-hang-chang-chun-zhi-hang-hang-zhang"
        );
        assert_eq!(slugify("佛山仿佛"), "fo-shan-fang-fu");
    }

    #[test]
    fn surnames() {
        assert_eq!(slugify_name("曾小明"), "zeng-xiao-ming");
        assert_eq!(slugify("曾小明"), "ceng-xiao-ming");
        assert_eq!(slugify_name("单田芳"), "shan-tian-fang");
        assert_eq!(slugify_name("解缙"), "xie-jin");
        assert_eq!(slugify_name("区志坚"), "ou-zhi-jian");
        assert_eq!(slugify_name("覃明"), "qin-ming");
        assert_eq!(slugify_name(" 尉迟恭"), "yu-chi-gong");
        assert_eq!(slugify_name("李曾经"), "li-ceng-jing");
        assert_eq!(slugify_name("阿依古丽·买买提"), "a-yi-gu-li-mai-mai-ti");
    }

    #[test]
    fn mixed_and_non_han() {
        assert_eq!(
            slugify("2023年度 Lei Feng 志愿者"),
            "2023-nian-du-lei-feng-zhi-yuan-zhe"
        );
        assert_eq!(slugify("abc123"), "abc123");
        assert_eq!(slugify("ＡＢ１"), "ab1");
        assert_eq!(slugify("Café《雷锋》，日记。"), "cafe-lei-feng-ri-ji");
        assert_eq!(slugify("カタカナ"), "katakana");
        assert_eq!(slugify("fan-zhenxi"), "fan-zhenxi");
        assert_eq!(slugify("《》，。·— !"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn never_panics() {
        let odd = "\u{0}\u{7}\t\r\n😀🇨🇳\u{301}\u{200d}\u{feff}\u{e000}\u{10ffff}";
        assert_eq!(slugify(odd), "");
        assert_eq!(slugify_name(odd), "");
        assert_eq!(slugify("a😀b\u{0}c"), "a-b-c");
        let big = "见义勇为 hero-2023！😀\u{0}".repeat(5000);
        assert!(big.len() > 100_000);
        assert!(is_slug(&slugify(&big)));
        assert!(is_slug(&slugify_name(&big)));
    }

    #[test]
    fn long_slugs_are_cut_between_syllables() {
        let title = "中华人民共和国".repeat(10);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_LEN, "{slug}");
        assert!(slug.starts_with("zhong-hua-ren-min-gong-he-guo-zhong-hua"), "{slug}");
        assert!(is_slug(&slug), "{slug}");
        let full = ["zhong", "hua", "ren", "min", "gong", "he", "guo"].repeat(10);
        assert!(
            full.join("-").starts_with(&format!("{slug}-")),
            "cut inside a syllable: {slug}"
        );
        assert!(slugify_name(&title).len() <= MAX_LEN);
        assert_eq!(slugify(&"a".repeat(200)), "a".repeat(MAX_LEN));
        let exact = format!("{}-{}", "a".repeat(39), "b".repeat(40));
        assert_eq!(slugify(&exact), exact, "a slug of exactly the limit is kept");
        assert_eq!(slugify(&format!("{exact}-c")), exact);
    }

    #[test]
    fn tables_are_sorted_and_valid() {
        for table in [WORDS, SURNAMES] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "unsorted or duplicate key");
            for &(key, value) in table {
                assert!(key.chars().all(|c| c.to_pinyin().is_some()), "{key}: not all Han");
                assert!(
                    is_slug(value) && !value.bytes().any(|b| b.is_ascii_digit()),
                    "{key}: {value}"
                );
                assert_eq!(key.chars().count(), value.split('-').count(), "{key}: {value}");
            }
        }
    }

    #[test]
    fn tables_only_hold_real_fixes() {
        const PINNED: [&str; 2] = ["单位", "助人为乐"];
        let default = |c: char| c.to_pinyin().map_or(String::new(), |p| p.plain().replace('ü', "yu"));
        for &(key, value) in WORDS.iter().filter(|(key, _)| !PINNED.contains(key)) {
            // What the text would read as without this entry.
            let fallback: Vec<String> = match key.chars().count() {
                1 => key.chars().map(default).collect(),
                _ => key.chars().map(|c| slugify(c.encode_utf8(&mut [0; 4]))).collect(),
            };
            assert_ne!(fallback.join("-"), value, "{key} is already read that way");
        }
        for &(key, value) in SURNAMES {
            assert_ne!(slugify(key), value, "{key} is already read that way");
        }
    }
}
