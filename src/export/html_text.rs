//! Export stage: the text of a raw HTML block of a story (with
//! `allow_html`), for a 公众号 article, which keeps none of its tags: a
//! signature line right-aligned with `<p style>`, a centred `<center>`
//! heading. Its paragraphs are kept as paragraphs and its line breaks as
//! lines; scripts, styles and comments are dropped.

use crate::text::decode_entity;

/// The paragraphs of the HTML `block`, each a list of lines of plain text;
/// empty paragraphs and lines are left out.
pub fn paragraphs(block: &str) -> Vec<Vec<String>> {
    let mut paragraphs = vec![vec![String::new()]];
    let mut rest = block;
    while let Some(start) = rest.find(['<', '&', '\n', '\r', '\t']) {
        push_text(&mut paragraphs, &rest[..start]);
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
        } else if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            let name = tag_name(&rest[..end]);
            rest = &rest[end..];
            if matches!(name.as_str(), "script" | "style") {
                let close = format!("</{name}");
                rest = find_ascii_case(rest, &close).map_or("", |at| &rest[at..]);
                rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            } else if name == "br" {
                paragraphs.last_mut().expect("never empty").push(String::new());
            } else if BLOCKS.contains(&name.trim_start_matches('/')) {
                paragraphs.push(vec![String::new()]);
            }
        } else if rest.starts_with('&') {
            let (c, used) = decode_entity(rest).unwrap_or(('&', 1));
            let mut buffer = [0; 4];
            push_text(&mut paragraphs, c.encode_utf8(&mut buffer));
            rest = &rest[used..];
        } else {
            // Whitespace in HTML source is one space.
            push_text(&mut paragraphs, " ");
            rest = &rest[1..];
        }
    }
    push_text(&mut paragraphs, rest);
    paragraphs
        .into_iter()
        .map(|lines| {
            lines
                .into_iter()
                .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|lines| !lines.is_empty())
        .collect()
}

/// Tags that start or end a paragraph of their own.
const BLOCKS: [&str; 21] = [
    "p",
    "div",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "hr",
];

fn push_text(paragraphs: &mut [Vec<String>], text: &str) {
    let lines = paragraphs.last_mut().expect("never empty");
    lines.last_mut().expect("never empty").push_str(text);
}

/// The name of the tag `tag` (`<p style="…">`, `</p>`), lower case, with
/// the `/` of an end tag kept.
fn tag_name(tag: &str) -> String {
    let inner = tag.trim_start_matches('<');
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
        .unwrap_or(inner.len());
    inner[..end].trim_end_matches('/').to_ascii_lowercase()
}

/// Where `needle` (ASCII) starts in `text`, in any case.
fn find_ascii_case(text: &str, needle: &str) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    text.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn paragraphs_and_line_breaks_stay_and_tags_go() {
        let block = "<p style=\"text-align:right\">城东区文明办<br>2024年3月5日</p>\n<center>居中&amp;文字</center>";
        assert_eq!(
            paragraphs(block),
            [vec!["城东区文明办", "2024年3月5日"], vec!["居中&文字"]]
        );
    }

    #[test]
    fn scripts_styles_and_comments_go_whole() {
        let block = "<!-- 注释 --><div>前<script>alert('x<y')</script><STYLE>p{}</style>后 &#x4E2D;&#25991; &unknown; a&b</div>";
        assert_eq!(paragraphs(block), [vec!["前后 中文 &unknown; a&b"]]);
    }
}
