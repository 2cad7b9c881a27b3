//! Export stage: the inline styles of a 公众号 article — the default
//! theme's colours and type, in CSS properties the 公众号 editor keeps.

pub const ROOT: &str = "font-size:16px;line-height:1.8;color:#2a2421;letter-spacing:0.5px;";
pub const P: &str = "margin:0 0 16px;text-align:justify;";
pub const H2: &str = "margin:28px 0 12px;padding-left:10px;border-left:4px solid #a61b1b;font-size:18px;font-weight:bold;color:#7d1111;line-height:1.5;";
pub const H3: &str = "margin:20px 0 10px;font-size:17px;font-weight:bold;color:#a61b1b;";
pub const QUOTE: &str =
    "margin:0 0 16px;padding:10px 14px;background-color:#f7eed6;border-left:3px solid #c8a24a;color:#6b5214;";
pub const LIST: &str = "margin:0 0 16px;padding-left:24px;";
pub const ITEM: &str = "margin:4px 0;";
pub const CODE: &str = "margin:0 0 16px;padding:10px;background-color:#f6f3ee;font-family:monospace;font-size:14px;";
pub const CODE_INLINE: &str = "padding:0 4px;background-color:#f6f3ee;font-family:monospace;font-size:14px;";
pub const RULE: &str = "margin:24px 0;text-align:center;color:#c8a24a;";
pub const CARD: &str = "margin:0 0 24px;padding:16px;background-color:#fbf8f2;border:1px solid #e7ddcc;border-radius:6px;text-align:center;";
pub const PHOTO: &str = "display:block;width:60%;max-width:100%;margin:0 auto 12px;border-radius:6px;";
pub const NAME: &str = "margin:0 0 8px;font-size:22px;font-weight:bold;color:#a61b1b;text-align:center;";
pub const BADGES: &str = "margin:0 0 8px;text-align:center;";
pub const BADGE: &str = "display:inline-block;margin:2px 4px;padding:0 8px;border-radius:10px;background-color:#fbeeea;color:#a61b1b;font-size:13px;";
pub const META: &str = "margin:0 0 4px;font-size:14px;color:#675d56;text-align:center;";
pub const LEAD: &str = "margin:0 0 20px;font-size:15px;color:#675d56;text-align:justify;";
pub const IMAGE: &str = "display:block;max-width:100%;margin:0 auto;";
pub const FIGURE: &str = "display:block;margin:0 0 16px;text-align:center;";
pub const CAPTION: &str = "display:block;margin-top:6px;font-size:13px;color:#675d56;text-align:center;";
pub const TABLE: &str = "width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px;";
pub const TH: &str =
    "padding:6px 8px;border:1px solid #e7ddcc;background-color:#fbeeea;color:#7d1111;font-weight:bold;";
pub const TD: &str = "padding:6px 8px;border:1px solid #e7ddcc;";
pub const MARK: &str = "font-size:12px;color:#a61b1b;";
pub const LINK: &str = "color:#a61b1b;text-decoration:underline;";
pub const QR: &str = "margin:32px 0 16px;text-align:center;";
pub const QR_IMAGE: &str = "display:block;width:160px;margin:0 auto;";
pub const REF: &str = "margin:0 0 6px;font-size:13px;color:#675d56;word-break:break-all;";
