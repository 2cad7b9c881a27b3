use super::*;

/// The kinds and texts of the numbers in `text`.
fn numbers(text: &str) -> Vec<(NumberKind, &str)> {
    find_numbers(text)
        .into_iter()
        .map(|f| (f.kind, &text[f.range]))
        .collect()
}

/// `text` with its numbers masked.
fn masked(text: &str) -> String {
    mask_numbers(text, &find_numbers(text))
}

use NumberKind::{BankCard, Mobile, ResidentId};

#[test]
fn resident_ids_need_their_check_digit() {
    assert_eq!(
        numbers("身份证号130102199003071233。"),
        [(ResidentId, "130102199003071233")]
    );
    assert_eq!(numbers("11010519491231002X"), [(ResidentId, "11010519491231002X")]);
    assert_eq!(numbers("11010519491231002x，"), [(ResidentId, "11010519491231002x")]);
    assert_eq!(numbers("110105 19491231 002X"), [(ResidentId, "110105 19491231 002X")]);
    // Wrong check digit (and not a Luhn number either).
    assert_eq!(numbers("130102199003071230"), []);
    // Right check digit, but no birth date in it.
    assert_eq!(numbers("130102203013071234").len(), 0);
}

#[test]
fn numbers_are_found_wherever_they_start_and_end() {
    // Before the number and after it, ASCII and Chinese of every length
    // around the blocks of bytes passed over at once.
    for before in 0..40 {
        for after in [0, 1, 5, 17, 33] {
            let lead = "中文，".repeat(before / 9) + &"a.".repeat(before % 9);
            let text = format!("{lead}１３８12345678。{}", "说".repeat(after));
            assert_eq!(numbers(&text), [(Mobile, "１３８12345678")], "{text}");
            let text = format!("{lead} 6222021234567890128{}", "。".repeat(after));
            assert_eq!(numbers(&text), [(BankCard, "6222021234567890128")], "{text}");
        }
    }
}

#[test]
fn mobiles_start_with_13_to_19() {
    assert_eq!(numbers("电话：13812345678"), [(Mobile, "13812345678")]);
    assert_eq!(
        numbers("138-1234-5678 / 138 1234 5678"),
        [(Mobile, "138-1234-5678"), (Mobile, "138 1234 5678")]
    );
    assert_eq!(numbers("+86 138 1234 5678"), [(Mobile, "138 1234 5678")]);
    assert_eq!(numbers("+8613812345678"), [(Mobile, "8613812345678")]);
    assert_eq!(numbers("12812345678 10012345678 23812345678"), []);
}

#[test]
fn bank_cards_pass_luhn() {
    assert_eq!(numbers("6222021234567894"), [(BankCard, "6222021234567894")]);
    assert_eq!(
        numbers("卡号6222 0212 3456 7894。"),
        [(BankCard, "6222 0212 3456 7894")]
    );
    assert_eq!(
        numbers("6217-0000-1234-5678-907"),
        [(BankCard, "6217-0000-1234-5678-907")]
    );
    assert_eq!(numbers("6217000012345678907"), [(BankCard, "6217000012345678907")]);
    assert_eq!(numbers("622848012345678900"), [(BankCard, "622848012345678900")]);
    assert_eq!(numbers("6222021234567895 1234 5678 9012 3456"), []);
}

#[test]
fn dates_codes_landlines_and_longer_runs_are_no_numbers() {
    for text in [
        "20240305",
        "2024-03-05",
        "2024年3月5日",
        "0311-8765 4321",
        "0311-87654321",
        "87654321",
        "(0311) 8765-4321",
        "WM13812345678",
        "JX-2024-13812345678",
        "13812345678A",
        "证书编号WMJT2024031500012",
        "2024031500012",
        "213812345678",
        "1381234567",
        "20240305130102199003071233",
        "13010219900307123312",
        "62220212345678940",
        "6222 0212 3456 7894 1234",
        "138****5678",
        "130102********1233",
    ] {
        assert_eq!(numbers(text), [], "{text}");
    }
}

#[test]
fn full_width_digits_count() {
    assert_eq!(numbers("１３８１２３４５６７８"), [(Mobile, "１３８１２３４５６７８")]);
    assert_eq!(masked("电话１３８１２３４５６７８"), "电话１３８****５６７８");
    assert_eq!(numbers("11010519491231002Ｘ"), [(ResidentId, "11010519491231002Ｘ")]);
}

#[test]
fn masks_keep_the_ends() {
    assert_eq!(masked("130102199003071233"), "130102********1233");
    assert_eq!(masked("11010519491231002X"), "110105********002X");
    assert_eq!(masked("13812345678"), "138****5678");
    assert_eq!(masked("138-1234-5678"), "138-****-5678");
    assert_eq!(masked("+8613812345678"), "+86138****5678");
    assert_eq!(masked("6222 0212 3456 7894"), "6222 **** **** 7894");
    assert_eq!(masked("6217000012345678907"), "6217***********8907");
    assert_eq!(
        masked("甲13812345678乙，丙13912345678"),
        "甲138****5678乙，丙139****5678"
    );
}

#[test]
fn markdown_errors_name_their_lines() {
    let text = "+++\ntitle = \"13812345678\"\n+++\n一\n\n电话 139 1234 5678，\n";
    let errors = check_markdown("content/a.md", text, None);
    let lines: Vec<Option<usize>> = errors.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(2), Some(6)]);
    assert_eq!(
        errors[1].to_string(),
        "error: content/a.md:6: this line holds a mobile phone number (139 **** 5678), which must not be published\n  hint: remove the number, or write it masked by hand: 139 **** 5678"
    );
}
