//! Printable honor boards under /print/: one per award list, one per year.

use crate::support::*;

const AWARDS_INDEX: &str = "+++\ntitle = \"光荣榜\"\npage_kind = \"award\"\n+++\n";

/// Two persons of 2024 (one with a photo), one of 2023, and an award list
/// naming one of them among names without a page.
fn board_site() -> Site {
    Site::new()
        .file("content/people/_index.md", PEOPLE_INDEX)
        .file(
            "content/people/zhang-san.md",
            &md(
                "title = \"张三\"\nyear = 2024\nhonors = [\"清河好人\", \"优秀志愿者\"]\nsummary = \"张三八年如一日照顾社区孤寡老人，带动三百多名居民结对帮扶，被大家亲切地称为“张大哥”。\"\nphoto = \"/photos/zhang.jpg\"\nphoto_alt = \"张三\"",
                "",
            ),
        )
        .file(
            "content/people/li-si.md",
            &md("title = \"李四\"\ndate = 2024-05-01\nsummary = \"见义勇为。\"", ""),
        )
        .file("content/people/wang-wu.md", &md("title = \"王五\"\nyear = 2023", ""))
        .bytes("static/photos/zhang.jpg", &jpeg(600, 800))
        .file("content/awards/_index.md", AWARDS_INDEX)
        .file(
            "content/awards/2024-haoren.md",
            &md(
                "title = \"2024年度好人榜\"\nyear = 2024\ntier = \"清河好人\"\nissuer = \"清河市文明办\"\ndata = \"list.csv\"",
                "",
            ),
        )
        .file("content/awards/list.csv", "姓名,单位\n赵六,第一中学\n张三,春晖社区\n钱七,\n")
}

fn cards(html: &str) -> Vec<&str> {
    html.split("<li class=\"board-card\">").skip(1).collect()
}

#[test]
fn the_print_index_lists_a_board_per_award_list_and_per_year() {
    let site = board_site();
    site.build_ok();
    let index = site.read("print/index.html");
    assert!(
        index.contains("href=\"../print/2024-haoren/index.html\"") || index.contains("href=\"2024-haoren/index.html\""),
        "{index}"
    );
    for board in [
        "print/2024-haoren/index.html",
        "print/2024/index.html",
        "print/2023/index.html",
    ] {
        assert!(site.exists(board), "{board} missing: {:?}", site.outputs());
    }
    let years = pos(&index, "print/2024/") < pos(&index, "print/2023/");
    assert!(years, "newest year first");
}

#[test]
fn an_award_board_has_a_card_per_row() {
    let site = board_site();
    site.build_ok();
    let html = site.read("print/2024-haoren/index.html");
    assert!(html.contains("2024年度好人榜") && html.contains("清河市文明办"));
    let cards = cards(&html);
    assert_eq!(cards.len(), 3);
    // A name without a page: placeholder, the row's other cells, no QR code.
    assert!(cards[0].contains("赵六") && cards[0].contains("第一中学"));
    assert!(cards[0].contains("placeholder") && !cards[0].contains("<svg"));
    // A person: linked, with photo thumbnail, the list's honour and a QR code.
    assert!(
        cards[1].contains("href=\"../../people/zhang-san/index.html\""),
        "{}",
        cards[1]
    );
    assert!(cards[1].contains("src=\"../../photos/zhang-320.jpg\""), "{}", cards[1]);
    assert!(cards[1].contains("清河好人"));
    assert!(cards[1].contains("aria-label=\"https://example.org/haoren/people/zhang-san/index.html\""));
}

#[test]
fn a_year_board_shows_each_person_of_that_year() {
    let site = board_site();
    site.build_ok();
    let html = site.read("print/2024/index.html");
    let cards = cards(&html);
    assert_eq!(cards.len(), 2, "{html}");
    let zhang = cards.iter().find(|c| c.contains("张三")).expect("张三");
    assert!(zhang.contains("清河好人、优秀志愿者"));
    assert!(zhang.contains("<svg") && zhang.contains("zhang-320.jpg"));
    // The deed is cut to one line.
    let deed = &zhang[pos(zhang, "board-deed\">") + 12..];
    let deed = &deed[..pos(deed, "</p>")];
    assert!(deed.chars().count() <= 40 && deed.ends_with('…'), "{deed}");
    let li = cards.iter().find(|c| c.contains("李四")).expect("李四 by date");
    assert!(li.contains("placeholder"));
    assert!(!site.read("print/2023/index.html").contains("张三"));
}

#[test]
fn boards_print_on_a4_or_a3() {
    let site = board_site();
    site.build_ok();
    let css = site.read("style.css");
    assert!(css.contains("@page board {") && css.contains("size: A4"));
    assert!(css.contains("@page board-a3 {") && css.contains("size: A3"));
    let html = site.read("print/2024/index.html");
    assert!(html.contains("id=\"a3\"") && html.contains("href=\"#a3\""));
}

#[test]
fn a_list_named_like_a_year_does_not_take_its_board() {
    let site = board_site().file(
        "content/awards/2024.md",
        &md("title = \"另一份名单\"\n[[entries]]\n\"姓名\" = \"孙八\"", ""),
    );
    site.build_ok();
    assert!(site.read("print/2024/index.html").contains("张三"));
    assert!(site.read("print/list-2024/index.html").contains("孙八"));
}

#[test]
fn a_site_without_lists_or_persons_still_has_a_print_page() {
    let site = Site::new().file("content/about.md", &md("title = \"关于\"", ""));
    site.build_ok();
    assert!(site.read("print/index.html").contains("暂无"));
}

/// 2024: 35 persons of 助人为乐, 3 of 见义勇为 (listed first in laurel.toml)
/// and 2 without a category; 2023: 3 persons of one region; an award list of
/// 35 rows.
fn big_board_site() -> Site {
    let front = |n: usize| match n {
        1..=35 => "year = 2024\ncategory = \"助人为乐\"",
        36..=38 => "year = 2024\ncategory = \"见义勇为\"",
        39..=40 => "year = 2024",
        _ => "year = 2023\nregion = \"城东区\"",
    };
    let site = (1..=43).fold(
        Site::new()
            .config("categories = [\"见义勇为\", \"助人为乐\"]")
            .file("content/people/_index.md", PEOPLE_INDEX)
            .file("content/awards/_index.md", AWARDS_INDEX),
        |site, n| {
            let text = md(
                &format!("title = \"好人{n:02}\"\nsummary = \"事迹。\"\n{}", front(n)),
                "",
            );
            site.file(&format!("content/people/p{n:02}.md"), &text)
        },
    );
    let rows: String = (1..=35).map(|n| format!("名单{n:02},第{n}单位\n")).collect();
    site.file(
        "content/awards/2024-list.md",
        &md("title = \"2024年度名单\"\nyear = 2024\ndata = \"list.csv\"", ""),
    )
    .file("content/awards/list.csv", &format!("姓名,单位\n{rows}"))
}

/// The names on the cards of a board page, in order.
fn card_names(html: &str) -> Vec<String> {
    cards(html)
        .iter()
        .map(|card| {
            let name = &card[pos(card, "class=\"board-name\">") + 19..];
            let name = name.strip_prefix("<a").map_or(name, |a| &a[pos(a, ">") + 1..]);
            name[..pos(name, "<")].to_string()
        })
        .collect()
}

/// The group headings of a board page, in order.
fn group_headings(html: &str) -> Vec<&str> {
    html.split("<h2 class=\"board-group\">")
        .skip(1)
        .map(|h| &h[..pos(h, "</h2>")])
        .collect()
}

#[test]
fn a_year_board_is_split_into_sheets_grouped_by_category() {
    let site = big_board_site();
    site.build_ok();
    let pages = [
        "print/2024/index.html",
        "print/2024/page/2/index.html",
        "print/2024/page/3/index.html",
    ];
    assert!(!site.exists("print/2024/page/4/index.html"), "{:?}", site.outputs());
    let html: Vec<String> = pages.iter().map(|p| site.read(p)).collect();
    // The categories in laurel.toml's order, each starting a sheet unless it
    // fits in the rows left; those without a category last.
    assert_eq!(group_headings(&html[0]), ["见义勇为"]);
    assert_eq!(group_headings(&html[1]), ["助人为乐"]);
    assert_eq!(
        group_headings(&html[2]),
        ["助人为乐<span class=\"board-continued\">（续）</span>", "其他"]
    );
    let names: Vec<Vec<String>> = html.iter().map(|h| card_names(h)).collect();
    assert_eq!(names.iter().map(Vec::len).collect::<Vec<_>>(), [3, 24, 13]);
    assert_eq!(names[0], ["好人36", "好人37", "好人38"]);
    assert_eq!(names[2][11..], ["好人39", "好人40"]);
    // Every person of the year exactly once, each card with its QR code.
    let mut all: Vec<&String> = names.iter().flatten().collect();
    all.sort();
    let expected: Vec<String> = (1..=40).map(|n| format!("好人{n:02}")).collect();
    assert_eq!(all, expected.iter().collect::<Vec<_>>());
    assert!(cards(&html[2]).iter().all(|c| c.contains("<svg")));
    // No page holds more than one A3 sheet: six across, four rows.
    assert!(html.iter().all(|h| cards(h).len() <= 24));
}

#[test]
fn board_pages_link_to_each_other_and_to_the_board_contents() {
    let site = big_board_site();
    site.build_ok();
    let first = site.read("print/2024/index.html");
    assert!(
        first.contains("rel=\"next\" href=\"../../print/2024/page/2/index.html\""),
        "{first}"
    );
    assert!(first.contains("href=\"../../print/2024/contents/index.html\""));
    let second = site.read("print/2024/page/2/index.html");
    assert!(
        second.contains("rel=\"prev\" href=\"../../../../print/2024/index.html\""),
        "{second}"
    );
    assert!(second.contains("rel=\"next\" href=\"../../../../print/2024/page/3/index.html\""));
    assert!(second.contains("aria-label=\"第 3 页\""));
    assert!(second.contains("id=\"a3\"") && second.contains("（第 2 页）"));
    let last = site.read("print/2024/page/3/index.html");
    assert!(!last.contains("rel=\"next\""));
    // The contents list each page with its groups.
    let contents = site.read("print/2024/contents/index.html");
    for (n, page, groups) in [
        (1, "print/2024/index.html", "见义勇为"),
        (2, "print/2024/page/2/index.html", "助人为乐"),
        (3, "print/2024/page/3/index.html", "助人为乐、其他"),
    ] {
        let link = format!("href=\"../../../print/{}\">第 {n} 页</a> {groups} ", &page[6..]);
        assert!(contents.contains(&link), "{link} in {contents}");
    }
    let index = site.read("print/index.html");
    assert!(index.contains("2024/contents/index.html\">目录（3 页）</a>"), "{index}");
    // A board of one sheet has no contents page.
    assert!(!site.exists("print/2023/contents/index.html"));
    assert!(!index.contains("2023/contents/"));
}

#[test]
fn boards_fall_back_to_regions_and_split_award_lists_in_row_order() {
    let site = big_board_site();
    site.build_ok();
    let year = site.read("print/2023/index.html");
    assert_eq!(group_headings(&year), ["城东区"]);
    assert_eq!(card_names(&year), ["好人41", "好人42", "好人43"]);
    let first = site.read("print/2024-list/index.html");
    let second = site.read("print/2024-list/page/2/index.html");
    assert!(group_headings(&first).is_empty());
    let names: Vec<String> = card_names(&first).into_iter().chain(card_names(&second)).collect();
    let rows: Vec<String> = (1..=35).map(|n| format!("名单{n:02}")).collect();
    assert_eq!(names, rows);
    assert_eq!(card_names(&first).len(), 24);
}

/// Opens a year board as printed in headless Chromium, photographs the QR
/// code of its first card and reads it back: the dark pixels span the code,
/// inside a light quiet zone of four modules, and every module is as dark
/// or light as the code laurel encodes for that address, all over (sampled
/// a quarter of a module in from each corner).
#[test]
fn a_printed_board_shows_each_module_of_a_card_s_qr_code() {
    use crate::chromium::Browser;
    let site = board_site();
    site.build_ok();
    let mut browser = Browser::start("about:blank");
    browser.call("Emulation.setEmulatedMedia", serde_json::json!({ "media": "print" }));
    let board = site.out().join("print/2024/index.html");
    browser.navigate(&format!("file://{}", board.display()));
    let url = browser.eval("document.querySelector('.board-qr svg').getAttribute('aria-label')");
    let url = url.as_str().expect("a labelled code");
    let (width, modules) = laurel::render::qr::modules(url).expect("a code");
    let shot = browser.screenshot(".board-qr svg", 6.0);
    let is_dark = |x: f64, y: f64| shot.get_pixel(x as u32, y as u32)[0] < 128;
    // The dark pixels' bounds: the code's corners are dark (its finders).
    let dark: Vec<(u32, u32)> = shot
        .enumerate_pixels()
        .filter(|p| p.2[0] < 128)
        .map(|p| (p.0, p.1))
        .collect();
    let bound = |of: fn(&(u32, u32)) -> u32| {
        let values = dark.iter().map(of);
        (
            f64::from(values.clone().min().expect("dark pixels")),
            f64::from(values.max().unwrap_or(0) + 1),
        )
    };
    let ((left, right), (top, bottom)) = (bound(|p| p.0), bound(|p| p.1));
    let module = (right - left) / width as f64;
    assert!(module >= 6.0, "{module} pixels a module");
    assert!(((bottom - top) / width as f64 - module).abs() < 0.2, "a square code");
    let quiet = [
        left,
        top,
        f64::from(shot.width()) - right,
        f64::from(shot.height()) - bottom,
    ];
    assert!(
        quiet.iter().all(|&q| q > 3.5 * module),
        "quiet zone {quiet:?}, module {module}"
    );
    let mut wrong = Vec::new();
    for (i, color) in modules.iter().enumerate() {
        let (x, y) = ((i % width) as f64, (i / width) as f64);
        let corners = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)];
        let shown = corners.map(|(dx, dy)| is_dark(left + (x + dx) * module, top + (y + dy) * module));
        if shown != [*color == qrcode::Color::Dark; 4] {
            wrong.push((x, y));
        }
    }
    assert!(wrong.is_empty(), "modules shown wrong (x, y): {wrong:?}");
}
