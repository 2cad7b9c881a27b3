//! Serve stage, the editor's pages in Chinese: the page list by section
//! with its filter box, a page's form beside its preview, the new-page form
//! and the token form. Plain HTML; `editor.js` makes them work.

use crate::edit::form::{Input, current, form_fields};
use crate::edit::listing::Listing;
use crate::edit::save::Opened;
use crate::kind::{Field, FieldType, Kind, Schema};
use crate::serve::http::encode_path;
use crate::text::escape_html;

/// The editor's style, in every page: a stylesheet of its own would hold up
/// each page's first paint until the browser had asked whether it changed.
const STYLE: &str = include_str!("editor.css");

/// The frame every editor page shares; `main` is its content.
fn frame(title: &str, csrf: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"laurel-csrf\" content=\"{}\"><title>{} · 网站编辑</title>\
         <style>{STYLE}</style></head><body>\
         <header class=\"top\"><a class=\"home\" href=\"./\">网站编辑</a>\
         <nav aria-label=\"编辑器\"><a href=\"./\">全部页面</a> <a href=\"new\">新建页面</a></nav></header>\
         {main}<script src=\"editor.js\" defer></script><script src=\"upload.js\" defer></script></body></html>\n",
        escape_html(csrf),
        escape_html(title)
    )
}

/// How many pages of each section the list shows before "show all".
pub const OVERVIEW: usize = 50;
/// How many pages one page of a section's own list shows.
pub const SECTION_PAGE: usize = 500;

/// The page list: a filter box (which searches every page, see
/// `editor.js`), then each section with its first [`OVERVIEW`] pages — or,
/// asked for one section, its pages [`SECTION_PAGE`] at a time — so the
/// list opens at once however large the site.
pub fn list(listing: &Listing, base: &str, csrf: &str, section: Option<&str>, page: usize) -> String {
    let mut main = String::with_capacity(64 * 1024);
    main.push_str(
        "<main id=\"list\"><h1>全部页面</h1>\
         <p><label for=\"filter\">筛选</label> <input id=\"filter\" type=\"search\" autocomplete=\"off\" \
         placeholder=\"输入标题、拼音或文件名\" aria-describedby=\"count\"> \
         <span id=\"count\" role=\"status\"></span></p><ul id=\"results\" hidden></ul>\
         <p><button type=\"button\" id=\"more\" hidden>显示更多</button></p><div id=\"shelves\">",
    );
    let shown = listing
        .shelves
        .iter()
        .filter(|s| !s.pages.is_empty() && section.is_none_or(|dir| s.dir == dir));
    for shelf in shown {
        let title = if shelf.dir.is_empty() {
            "首页栏目"
        } else {
            shelf.title.as_str()
        };
        main.push_str(&format!(
            "<section class=\"shelf\"><h2>{} <small>{} 篇</small></h2><ul>",
            escape_html(title),
            shelf.pages.len()
        ));
        let (skip, take) = match section {
            Some(_) => (page * SECTION_PAGE, SECTION_PAGE),
            None => (0, OVERVIEW),
        };
        for &i in shelf.pages.iter().skip(skip).take(take) {
            if let Some(entry) = listing.entries.get(i) {
                main.push_str(&item(entry, base));
            }
        }
        main.push_str("</ul>");
        main.push_str(&more(&shelf.dir, shelf.pages.len(), section.is_some(), page));
        main.push_str("</section>");
    }
    main.push_str("</div></main>");
    frame("全部页面", csrf, &main)
}

/// One page in the list: its form, its preview, its file.
fn item(entry: &crate::edit::listing::Entry, base: &str) -> String {
    let draft = if entry.draft { " <em>草稿</em>" } else { "" };
    format!(
        "<li><a href=\"page?file={href}\">{title}</a>{draft} \
         <a class=\"open\" href=\"/{base}{path}\" target=\"_blank\" aria-label=\"打开页面：{title}\">打开</a> \
         <code>{file}</code></li>",
        href = escape_html(&encode_path(&entry.file)),
        title = escape_html(&entry.title),
        base = escape_html(&encode_path(base)),
        path = escape_html(&encode_path(&entry.path)),
        file = escape_html(&entry.file),
    )
}

/// The links past what a section's list shows.
fn more(dir: &str, count: usize, alone: bool, page: usize) -> String {
    let link = |page: usize, text: &str| {
        format!(
            "<a href=\"?section={}&amp;page={page}\">{text}</a> ",
            escape_html(&encode_path(dir))
        )
    };
    if !alone {
        return match count > OVERVIEW {
            true => format!("<p>{}</p>", link(0, &format!("显示这一栏目的全部 {count} 篇"))),
            false => String::new(),
        };
    }
    let mut links = String::new();
    if page > 0 {
        links.push_str(&link(page - 1, "上一页"));
    }
    if (page + 1) * SECTION_PAGE < count {
        links.push_str(&link(page + 1, "下一页"));
    }
    format!("<p>{links}<a href=\"./\">返回全部栏目</a></p>")
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
}

/// A page's form: its kind's fields, its Markdown, and its preview.
pub fn form(page: &FormPage<'_>) -> String {
    let def = page.schema.def(page.kind);
    let mut fields = String::new();
    for field in form_fields(page.schema, def) {
        fields.push_str(&field_html(field, &current(&page.opened.front, field)));
    }
    let title = page
        .opened
        .front
        .get("title")
        .and_then(|t| t.as_str())
        .unwrap_or(page.file);
    let preview = match page.preview {
        Some(url) => format!(
            "<p><a href=\"{0}\" target=\"_blank\">打开页面</a></p>\
             <iframe id=\"preview\" title=\"页面预览\" src=\"{0}\"></iframe>",
            escape_html(&encode_path(url))
        ),
        None => "<p>这一页还没有生成预览：保存后即可看到。</p>".to_string(),
    };
    let main = format!(
        "<main id=\"edit\" class=\"split\"><div class=\"pane\">\
         <h1>编辑{kind}：{title}</h1><p><code>{file}</code></p>\
         <form id=\"page-form\" data-file=\"{file}\" data-version=\"{version}\" novalidate>\
         <div id=\"problems\" role=\"alert\"></div>{fields}\
         <div class=\"field\"><label for=\"body\">正文（Markdown）</label>\
         <textarea id=\"body\" name=\"body\" rows=\"18\">\n{body}</textarea></div>\
         <p class=\"actions\"><button type=\"submit\">保存</button> \
         <button type=\"button\" id=\"delete\" class=\"danger\">删除此页</button> \
         <span id=\"status\" role=\"status\"></span></p></form>\
         <section id=\"conflict\" hidden aria-labelledby=\"conflict-title\">\
         <h2 id=\"conflict-title\">文件已在别处被修改</h2>\
         <p>打开这个页面之后，磁盘上的文件被改过了。请选择保留哪一份：</p>\
         <div class=\"versions\"><div><h3>我的修改</h3><pre id=\"mine\"></pre></div>\
         <div><h3>磁盘上的版本</h3><pre id=\"theirs\"></pre></div></div>\
         <p><button type=\"button\" id=\"keep-mine\">保留我的修改</button> \
         <button type=\"button\" id=\"take-theirs\">采用磁盘上的版本</button></p></section>\
         </div><div class=\"pane preview\"><h2>预览</h2>{preview}</div></main>",
        kind = escape_html(&def.label),
        title = escape_html(title),
        file = escape_html(page.file),
        version = escape_html(&page.opened.version),
        body = escape_html(&page.opened.body),
    );
    frame(title, page.csrf, &main)
}

/// One field of a form: its label (marked when required), its input as its
/// type asks, and a place for its error.
fn field_html(field: &Field, value: &Input) -> String {
    let id = format!("f-{}", field.name);
    let name = escape_html(&field.name);
    let required = if field.required {
        " <span class=\"required\">（必填）</span>"
    } else {
        ""
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
                        "<li><span>{0}</span><button type=\"button\" class=\"remove\" aria-label=\"删除 {0}\">×</button></li>",
                        escape_html(i)
                    )
                })
                .collect();
            format!(
                "<div class=\"tags\" data-name=\"{name}\" data-type=\"list\"><ul>{chips}</ul>\
                 <input type=\"text\" id=\"{id}\"{req_attr}{described} placeholder=\"输入后按回车添加\"></div>"
            )
        }
        (FieldType::Choice, _) if !field.choices.is_empty() => {
            let mut options = String::from("<option value=\"\">（未选）</option>");
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

/// The form for a new page: its kind, its section and its title, with the
/// address it will have.
pub fn new_page(schema: &Schema, listing: &Listing, csrf: &str) -> String {
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
    let mut sections = String::from("<option value=\"\">（按类型自动选择）</option>");
    for shelf in listing.shelves.iter().filter(|s| !s.dir.is_empty()) {
        sections.push_str(&format!(
            "<option value=\"{0}\">{1}（{0}）</option>",
            escape_html(&shelf.dir),
            escape_html(&shelf.title)
        ));
    }
    let main = format!(
        "<main id=\"new\"><h1>新建页面</h1><form id=\"new-form\" novalidate>\
         <div id=\"problems\" role=\"alert\"></div>\
         <div class=\"field\"><label for=\"kind\">类型</label><select id=\"kind\">{kinds}</select></div>\
         <div class=\"field\"><label for=\"section\">栏目</label><select id=\"section\">{sections}</select></div>\
         <div class=\"field\"><label for=\"title\">标题 <span class=\"required\">（必填）</span></label>\
         <input type=\"text\" id=\"title\" required aria-required=\"true\" aria-describedby=\"planned\"></div>\
         <p>网址：<output id=\"planned\" for=\"title kind section\">（输入标题后显示）</output></p>\
         <p class=\"actions\"><button type=\"submit\">创建</button> <span id=\"status\" role=\"status\"></span></p>\
         </form></main>"
    );
    frame("新建页面", csrf, &main)
}

/// The page asking for the token that `laurel serve` printed.
pub fn token_form() -> String {
    "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>需要口令 · 网站编辑</title></head>\
     <body><main><h1>需要口令</h1><p>这台电脑上的编辑器只对知道口令的人开放。\
     口令显示在运行 <code>laurel serve --edit</code> 的终端里。</p>\
     <form method=\"get\"><label for=\"token\">口令</label> <input id=\"token\" name=\"token\" autocomplete=\"off\"> \
     <button type=\"submit\">进入</button></form></main></body></html>\n"
        .to_string()
}
