//! Serve stage, the editor's pages in the site's language: the page list
//! by section with its filter box, a page's form beside its preview, the
//! new-page form and the token form. Plain HTML, its words from the
//! catalogue ([`msg`]); `editor.js` makes them work.

use crate::edit::form::{Input, current, form_fields};
use crate::edit::listing::Listing;
use crate::edit::save::Opened;
use crate::i18n::{Lang, Message, msg};
use crate::kind::{Field, FieldType, Kind, Schema};
use crate::serve::http::encode_path;
use crate::text::escape_html;

/// The editor's style, in every page: a stylesheet of its own would hold up
/// each page's first paint until the browser had asked whether it changed.
const STYLE: &str = include_str!("editor.css");

/// A message of the catalogue in `lang`, escaped for HTML.
fn say(message: Message, lang: Lang) -> String {
    escape_html(&message.in_lang(lang))
}

/// The `lang` attribute of a page in `lang`.
fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// The frame every editor page shares; `main` is its content.
fn frame(title: &str, csrf: &str, main: &str, lang: Lang) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"laurel-csrf\" content=\"{csrf}\"><title>{title}</title>\
         <style>{STYLE}</style></head><body>\
         <header class=\"top\"><a class=\"home\" href=\"./\">{editor}</a>\
         <nav aria-label=\"{nav}\"><a href=\"./\">{all}</a> <a href=\"new\">{new}</a></nav></header>\
         {main}<script type=\"application/json\" id=\"laurel-words\">{words}</script>\
         <script src=\"editor.js\" defer></script><script src=\"upload.js\" defer></script></body></html>\n",
        html_lang = html_lang(lang),
        csrf = escape_html(csrf),
        title = say(msg::edit_ui_title(title), lang),
        editor = say(msg::edit_ui_editor(), lang),
        nav = say(msg::edit_ui_nav(), lang),
        all = say(msg::edit_ui_all_pages(), lang),
        new = say(msg::edit_ui_new_page(), lang),
        words = script_words(lang),
    )
}

/// The words of `editor.js` and `upload.js` in `lang`, as one JSON object
/// from each message's key to its text; the scripts put in what stands for
/// `{name}` themselves.
fn script_words(lang: Lang) -> String {
    let photo_mb = crate::upload::MAX_PHOTO_BYTES >> 20;
    let sheet_mb = super::upload::SHEET_BYTES >> 20;
    let messages = [
        msg::edit_ui_remove_tag("{tag}"),
        msg::edit_ui_address_later(),
        msg::edit_script_count_one("{count}"),
        msg::edit_script_count("{count}"),
        msg::edit_script_count_part("{count}", "{shown}"),
        msg::edit_script_preview_stale(),
        msg::edit_script_not_saved(),
        msg::edit_script_fix(),
        msg::edit_script_saving(),
        msg::edit_script_saved(),
        msg::edit_script_conflict(),
        msg::edit_script_confirm_delete(),
        msg::edit_script_deleted("{trash}"),
        msg::edit_script_back(),
        msg::edit_script_planned("{path}", "{file}"),
        msg::edit_script_creating(),
        msg::edit_script_not_created(),
        msg::upload_script_offline(),
        msg::upload_script_unsaved(),
        msg::upload_script_photo_drop(photo_mb),
        msg::upload_script_photo_big(photo_mb),
        msg::upload_script_uploading("{name}"),
        msg::upload_script_photo_saved(),
        msg::upload_script_not_uploaded("{message}"),
        msg::upload_script_alt(),
        msg::upload_script_sheet_title(),
        msg::upload_script_sheet_drop(),
        msg::upload_script_sheet_big(sheet_mb),
        msg::upload_script_reading("{name}"),
        msg::upload_script_not_read("{message}"),
        msg::upload_script_rows("{rows}"),
        msg::upload_script_sheet_name(),
        msg::upload_script_personal(),
        msg::upload_script_personal_cell("{row}", "{column}", "{kind}", "{masked}"),
        msg::upload_script_personal_more("{count}"),
        msg::upload_script_not_publishable("{kind}"),
        msg::upload_script_save(),
        msg::upload_script_no_column(),
        msg::upload_script_list_saved(),
        msg::upload_script_not_saved("{message}"),
        msg::upload_script_columns(),
        msg::upload_script_up("{name}"),
        msg::upload_script_down("{name}"),
        msg::upload_script_caption("{rows}"),
        msg::personal_resident_id(),
        msg::personal_mobile(),
        msg::personal_bank_card(),
    ];
    let words: serde_json::Map<String, serde_json::Value> = messages
        .iter()
        .filter_map(|m| Some((m.key()?.to_string(), m.in_lang(lang).into_owned().into())))
        .collect();
    // `<` escaped, so no text can end the script element.
    serde_json::Value::Object(words).to_string().replace('<', "\\u003c")
}

/// How many pages of each section the list shows before "show all".
pub const OVERVIEW: usize = 50;
/// How many pages one page of a section's own list shows.
pub const SECTION_PAGE: usize = 500;

/// The page list: a filter box (which searches every page, see
/// `editor.js`), then each section with its first [`OVERVIEW`] pages — or,
/// asked for one section, its pages [`SECTION_PAGE`] at a time — so the
/// list opens at once however large the site.
pub fn list(listing: &Listing, base: &str, csrf: &str, section: Option<&str>, page: usize, lang: Lang) -> String {
    let mut main = String::with_capacity(64 * 1024);
    main.push_str(&format!(
        "<main id=\"list\"><h1>{all}</h1>\
         <p><label for=\"filter\">{filter}</label> <input id=\"filter\" type=\"search\" autocomplete=\"off\" \
         placeholder=\"{placeholder}\" aria-describedby=\"count\"> \
         <span id=\"count\" role=\"status\"></span></p><ul id=\"results\" hidden></ul>\
         <p><button type=\"button\" id=\"more\" hidden>{more}</button></p><div id=\"shelves\">",
        all = say(msg::edit_ui_all_pages(), lang),
        filter = say(msg::edit_ui_filter(), lang),
        placeholder = say(msg::edit_ui_filter_placeholder(), lang),
        more = say(msg::edit_ui_show_more(), lang),
    ));
    let home = msg::edit_ui_home_section().in_lang(lang).into_owned();
    let shown = listing
        .shelves
        .iter()
        .filter(|s| !s.pages.is_empty() && section.is_none_or(|dir| s.dir == dir));
    for shelf in shown {
        let title = if shelf.dir.is_empty() {
            home.as_str()
        } else {
            shelf.title.as_str()
        };
        let count = match shelf.pages.len() {
            1 => msg::edit_ui_page_count_one(1),
            n => msg::edit_ui_page_count(n),
        };
        main.push_str(&format!(
            "<section class=\"shelf\"><h2>{} <small>{}</small></h2><ul>",
            escape_html(title),
            say(count, lang)
        ));
        let (skip, take) = match section {
            Some(_) => (page * SECTION_PAGE, SECTION_PAGE),
            None => (0, OVERVIEW),
        };
        for &i in shelf.pages.iter().skip(skip).take(take) {
            if let Some(entry) = listing.entries.get(i) {
                main.push_str(&item(entry, base, lang));
            }
        }
        main.push_str("</ul>");
        main.push_str(&more(&shelf.dir, shelf.pages.len(), section.is_some(), page, lang));
        main.push_str("</section>");
    }
    main.push_str("</div></main>");
    frame(&msg::edit_ui_all_pages().in_lang(lang), csrf, &main, lang)
}

/// One page in the list: its form, its preview, its file.
fn item(entry: &crate::edit::listing::Entry, base: &str, lang: Lang) -> String {
    let draft = match entry.draft {
        true => format!(" <em>{}</em>", say(msg::edit_ui_draft(), lang)),
        false => String::new(),
    };
    format!(
        "<li><a href=\"page?file={href}\">{title}</a>{draft} \
         <a class=\"open\" href=\"/{base}{path}\" target=\"_blank\" aria-label=\"{named}\">{open}</a> \
         <code>{file}</code></li>",
        href = escape_html(&encode_path(&entry.file)),
        title = escape_html(&entry.title),
        named = say(msg::edit_ui_open_named(&entry.title), lang),
        open = say(msg::edit_ui_open(), lang),
        base = escape_html(&encode_path(base)),
        path = escape_html(&encode_path(&entry.path)),
        file = escape_html(&entry.file),
    )
}

/// The links past what a section's list shows.
fn more(dir: &str, count: usize, alone: bool, page: usize, lang: Lang) -> String {
    let link = |page: usize, text: Message| {
        format!(
            "<a href=\"?section={}&amp;page={page}\">{}</a> ",
            escape_html(&encode_path(dir)),
            say(text, lang)
        )
    };
    if !alone {
        return match count > OVERVIEW {
            true => format!("<p>{}</p>", link(0, msg::edit_ui_show_section(count))),
            false => String::new(),
        };
    }
    let mut links = String::new();
    if page > 0 {
        links.push_str(&link(page - 1, msg::edit_ui_previous()));
    }
    if (page + 1) * SECTION_PAGE < count {
        links.push_str(&link(page + 1, msg::edit_ui_next()));
    }
    format!(
        "<p>{links}<a href=\"./\">{}</a></p>",
        say(msg::edit_ui_all_sections(), lang)
    )
}

/// What a page's form shows.
pub struct FormPage<'a> {
    pub file: &'a str,
    pub csrf: &'a str,
    pub schema: &'a Schema,
    pub kind: Kind,
    pub opened: &'a Opened,
    /// The page's address in the preview; none while it has not been built.
    pub preview: Option<&'a str>,
    pub lang: Lang,
}

/// A page's form: its kind's fields, its Markdown, and its preview.
pub fn form(page: &FormPage<'_>) -> String {
    let (def, lang) = (page.schema.def(page.kind), page.lang);
    let mut fields = String::new();
    for field in form_fields(page.schema, def) {
        fields.push_str(&field_html(field, &current(&page.opened.front, field), lang));
    }
    let title = page
        .opened
        .front
        .get("title")
        .and_then(|t| t.as_str())
        .unwrap_or(page.file);
    let preview = match page.preview {
        Some(url) => format!(
            "<p><a href=\"{0}\" target=\"_blank\">{1}</a></p>\
             <iframe id=\"preview\" title=\"{2}\" src=\"{0}\"></iframe>",
            escape_html(&encode_path(url)),
            say(msg::edit_ui_open_page(), lang),
            say(msg::edit_ui_preview_frame(), lang),
        ),
        None => format!("<p>{}</p>", say(msg::edit_ui_no_preview(), lang)),
    };
    let main = format!(
        "<main id=\"edit\" class=\"split\"><div class=\"pane\">\
         <h1>{heading}</h1><p><code>{file}</code></p>\
         <form id=\"page-form\" data-file=\"{file}\" data-version=\"{version}\" novalidate>\
         <div id=\"problems\" role=\"alert\"></div>{fields}\
         <div class=\"field\"><label for=\"body\">{body_label}</label>\
         <textarea id=\"body\" name=\"body\" rows=\"18\">\n{body}</textarea></div>\
         <p class=\"actions\"><button type=\"submit\">{save}</button> \
         <button type=\"button\" id=\"delete\" class=\"danger\">{delete}</button> \
         <span id=\"status\" role=\"status\"></span></p></form>\
         <section id=\"conflict\" hidden aria-labelledby=\"conflict-title\">\
         <h2 id=\"conflict-title\">{conflict}</h2><p>{choose}</p>\
         <div class=\"versions\"><div><h3>{mine}</h3><pre id=\"mine\"></pre></div>\
         <div><h3>{theirs}</h3><pre id=\"theirs\"></pre></div></div>\
         <p><button type=\"button\" id=\"keep-mine\">{keep_mine}</button> \
         <button type=\"button\" id=\"take-theirs\">{take_theirs}</button></p></section>\
         </div><div class=\"pane preview\"><h2>{preview_title}</h2>{preview}</div></main>",
        heading = say(msg::edit_ui_heading(&def.label, title), lang),
        body_label = say(msg::edit_ui_body(), lang),
        save = say(msg::edit_ui_save(), lang),
        delete = say(msg::edit_ui_delete(), lang),
        conflict = say(msg::edit_ui_conflict(), lang),
        choose = say(msg::edit_ui_conflict_choose(), lang),
        mine = say(msg::edit_ui_mine(), lang),
        theirs = say(msg::edit_ui_theirs(), lang),
        keep_mine = say(msg::edit_ui_keep_mine(), lang),
        take_theirs = say(msg::edit_ui_take_theirs(), lang),
        preview_title = say(msg::edit_ui_preview(), lang),
        file = escape_html(page.file),
        version = escape_html(&page.opened.version),
        body = escape_html(&page.opened.body),
    );
    frame(title, page.csrf, &main, lang)
}

/// One field of a form: its label (marked when required), its input as its
/// type asks, and a place for its error.
fn field_html(field: &Field, value: &Input, lang: Lang) -> String {
    let id = format!("f-{}", field.name);
    let name = escape_html(&field.name);
    let required = match field.required {
        true => required_mark(lang),
        false => String::new(),
    };
    let req_attr = if field.required {
        " required aria-required=\"true\""
    } else {
        ""
    };
    let described = format!(" aria-describedby=\"e-{name}\"");
    let text = match value {
        Input::Text(t) => t.clone(),
        _ => String::new(),
    };
    let input = match (field.kind, value) {
        (FieldType::Bool, Input::Flag(on)) => format!(
            "<input type=\"checkbox\" id=\"{id}\" data-name=\"{name}\" data-type=\"bool\"{}{described}>",
            if *on { " checked" } else { "" }
        ),
        (FieldType::List, Input::List(items)) => {
            let chips: String = items
                .iter()
                .map(|i| {
                    format!(
                        "<li><span>{}</span><button type=\"button\" class=\"remove\" aria-label=\"{}\">×</button></li>",
                        escape_html(i),
                        say(msg::edit_ui_remove_tag(i), lang)
                    )
                })
                .collect();
            format!(
                "<div class=\"tags\" data-name=\"{name}\" data-type=\"list\"><ul>{chips}</ul>\
                 <input type=\"text\" id=\"{id}\"{req_attr}{described} placeholder=\"{}\"></div>",
                say(msg::edit_ui_tag_placeholder(), lang)
            )
        }
        (FieldType::Choice, _) if !field.choices.is_empty() => {
            let mut options = format!("<option value=\"\">{}</option>", say(msg::edit_ui_unchosen(), lang));
            for choice in &field.choices {
                let selected = if *choice == text { " selected" } else { "" };
                options.push_str(&format!("<option{selected}>{}</option>", escape_html(choice)));
            }
            format!(
                "<select id=\"{id}\" data-name=\"{name}\" data-type=\"text\"{req_attr}{described}>{options}</select>"
            )
        }
        (kind, _) => {
            let (input_type, extra) = match kind {
                FieldType::Date => ("date", ""),
                FieldType::Number => ("number", " step=\"1\""),
                FieldType::Year => ("number", " min=\"1000\" max=\"9999\" step=\"1\""),
                FieldType::Url => ("url", ""),
                _ => ("text", ""),
            };
            format!(
                "<input type=\"{input_type}\"{extra} id=\"{id}\" data-name=\"{name}\" data-type=\"text\" value=\"{}\"{req_attr}{described}>",
                escape_html(&text)
            )
        }
    };
    format!(
        "<div class=\"field\"><label for=\"{id}\">{}{required}</label>{input}\
         <p class=\"error\" id=\"e-{name}\"></p></div>",
        escape_html(&field.label)
    )
}

/// The mark of a required field's label.
fn required_mark(lang: Lang) -> String {
    format!(
        " <span class=\"required\">{}</span>",
        say(msg::edit_ui_required(), lang)
    )
}

/// The form for a new page: its kind, its section and its title, with the
/// address it will have.
pub fn new_page(schema: &Schema, listing: &Listing, csrf: &str, lang: Lang) -> String {
    let kinds: String = schema
        .kinds
        .iter()
        .map(|k| {
            format!(
                "<option value=\"{}\">{}</option>",
                escape_html(&k.name),
                escape_html(&k.label)
            )
        })
        .collect();
    let mut sections = format!(
        "<option value=\"\">{}</option>",
        say(msg::edit_ui_section_by_kind(), lang)
    );
    for shelf in listing.shelves.iter().filter(|s| !s.dir.is_empty()) {
        sections.push_str(&format!(
            "<option value=\"{}\">{}</option>",
            escape_html(&shelf.dir),
            say(msg::edit_ui_section_option(&shelf.title, &shelf.dir), lang)
        ));
    }
    let main = format!(
        "<main id=\"new\"><h1>{new}</h1><form id=\"new-form\" novalidate>\
         <div id=\"problems\" role=\"alert\"></div>\
         <div class=\"field\"><label for=\"kind\">{kind}</label><select id=\"kind\">{kinds}</select></div>\
         <div class=\"field\"><label for=\"section\">{section}</label><select id=\"section\">{sections}</select></div>\
         <div class=\"field\"><label for=\"title\">{title}{required}</label>\
         <input type=\"text\" id=\"title\" required aria-required=\"true\" aria-describedby=\"planned\"></div>\
         <p>{address}<output id=\"planned\" for=\"title kind section\">{later}</output></p>\
         <p class=\"actions\"><button type=\"submit\">{create}</button> <span id=\"status\" role=\"status\"></span></p>\
         </form></main>",
        new = say(msg::edit_ui_new_page(), lang),
        kind = say(msg::edit_ui_kind(), lang),
        section = say(msg::edit_ui_section(), lang),
        title = say(msg::edit_ui_title_field(), lang),
        required = required_mark(lang),
        address = say(msg::edit_ui_address(), lang),
        later = say(msg::edit_ui_address_later(), lang),
        create = say(msg::edit_ui_create(), lang),
    );
    frame(&msg::edit_ui_new_page().in_lang(lang), csrf, &main, lang)
}

/// The page asking for the token that `laurel serve` printed.
pub fn token_form(lang: Lang) -> String {
    let needed = msg::edit_ui_token_needed().in_lang(lang).into_owned();
    format!(
        "<!doctype html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\
         <body><main><h1>{heading}</h1><p>{explained}</p>\
         <form method=\"get\"><label for=\"token\">{token}</label> <input id=\"token\" name=\"token\" autocomplete=\"off\"> \
         <button type=\"submit\">{enter}</button></form></main></body></html>\n",
        html_lang = html_lang(lang),
        title = say(msg::edit_ui_title(&needed), lang),
        heading = escape_html(&needed),
        // The command stays code: it is put in after the text is escaped.
        explained =
            say(msg::edit_ui_token_explained("\u{1}"), lang).replace('\u{1}', "<code>laurel serve --edit</code>"),
        token = say(msg::edit_ui_token(), lang),
        enter = say(msg::edit_ui_enter(), lang),
    )
}
