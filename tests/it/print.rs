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
