//! Serve stage, the editor at `__laurel/edit/`: its pages, its files and a
//! small JSON API that saves, creates and deletes pages through
//! [`crate::edit`], and renders a page not yet saved for the live preview
//! (through [`crate::session::Session::preview`]). Every request passes
//! [`access`]; every change is then picked up by the watcher and rebuilt
//! like a save from a text editor.

pub mod access;
mod pages;
mod upload;

use std::path::{Path, PathBuf};

use serde::Serialize;
use tiny_http::Method;

use super::request::Request;
use super::respond::{Reply, Shared, send};
use crate::config::Config;
use crate::edit::create::{NewRequest, create, plan};
use crate::edit::listing::Listing;
use crate::edit::save::{Draft, SaveRequest, draft_text, save};
use crate::edit::trash::trash;
use crate::error::Error;
use crate::i18n::{Lang, Message, msg};
use crate::kind::Kind;
use access::{COOKIE, CSRF_HEADER};

/// Where the editor answers, under the site's base path.
pub const PREFIX: &str = "__laurel/edit/";

/// The most bytes a request to the editor's API may send: a long page's
/// Markdown fits many times over.
pub const BODY_BYTES: usize = 2 * 1024 * 1024;

const SCRIPT: &str = include_str!("edit/editor.js");
const UPLOAD_SCRIPT: &str = include_str!("edit/upload.js");

/// Answers a request for `rest`, the path after [`PREFIX`].
pub fn respond(mut request: Request, rest: &str, shared: &Shared) {
    let Some(access) = shared.edit.as_ref() else {
        return send(request, say(shared, 404, msg::edit_not_found()));
    };
    let query = request.url().split_once('?').map_or("", |(_, q)| q).to_string();
    let token = param(&query, "token");
    if !access.admits(token.as_deref(), request.header("Cookie")) {
        return send(request, Reply::html(401, pages::token_form(shared.lang())));
    }
    let mut reply = match (request.method(), rest) {
        (Method::Get | Method::Head, "") => list(shared, &access.csrf, &query),
        (Method::Get | Method::Head, "pages.json") => json(&shared.listing().entries),
        (Method::Get | Method::Head, "page") => form(shared, &access.csrf, param(&query, "file").unwrap_or_default()),
        (Method::Get | Method::Head, "new") => new_form(shared, &access.csrf),
        (Method::Get | Method::Head, "editor.js") => Reply::typed("text/javascript; charset=utf-8", SCRIPT),
        (Method::Get | Method::Head, "upload.js") => Reply::typed("text/javascript; charset=utf-8", UPLOAD_SCRIPT),
        (Method::Post, api) if api.starts_with("api/upload/") => {
            upload::answer(&mut request, api, &query, access, shared)
        }
        (Method::Post, api) if api.starts_with("api/") => {
            let allowed = access.allows_change(
                request.header(CSRF_HEADER),
                request.header("Content-Type"),
                request.header("Origin"),
                request.header("Host"),
            );
            if !allowed {
                return send(request, say(shared, 403, msg::edit_refused()));
            }
            match request.read_body(BODY_BYTES) {
                Ok(body) => change(api, &body, shared),
                Err(status) => say(shared, status, unread(status)),
            }
        }
        (Method::Get | Method::Head | Method::Post, _) => say(shared, 404, msg::edit_not_found()),
        _ => say(shared, 405, msg::edit_only_methods()),
    };
    // Never framed by another site's page (clickjacking); the token never
    // leaves in a Referer.
    reply
        .headers
        .push(("Content-Security-Policy", "frame-ancestors 'self'".into()));
    reply.headers.push(("Referrer-Policy", "same-origin".into()));
    if let (Some(token), Some(_)) = (token, &access.token) {
        reply.headers.push((
            "Set-Cookie",
            format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"),
        ));
    }
    send(request, reply)
}

/// Why a request's body could not be read, by the status that says so.
fn unread(status: u16) -> Message {
    match status {
        413 => msg::edit_too_large(BODY_BYTES / 1024 / 1024),
        411 => msg::edit_no_length(),
        _ => msg::edit_incomplete(),
    }
}

/// A plain-text answer, in the site's language.
fn say(shared: &Shared, status: u16, message: Message) -> Reply {
    Reply::text(status, &format!("{}\n", message.in_lang(shared.lang())))
}

/// The page list: every section, or the one `?section=` names, a page of
/// it (`&page=`) at a time.
fn list(shared: &Shared, csrf: &str, query: &str) -> Reply {
    let section = param(query, "section");
    let page = param(query, "page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let listing = shared.listing();
    let shown = shared.read();
    Reply::html(
        200,
        pages::list(&listing, &shown.base, csrf, section.as_deref(), page, shared.lang()),
    )
}

/// The form of the page file `file`.
fn form(shared: &Shared, csrf: &str, file: String) -> Reply {
    let Some(root) = root(shared) else {
        return say(shared, 503, msg::edit_not_loaded());
    };
    let config = match Config::load(&root) {
        Ok(config) => config,
        Err(err) => return Reply::text(500, &err.render(shared.lang())),
    };
    let opened = match crate::edit::save::open(&root, &file) {
        Ok(opened) => opened,
        Err(err) => return Reply::text(404, &err.render(shared.lang())),
    };
    let listing = shared.listing();
    let shown = shared.read();
    let (kind, _) = kinds(&config, &listing, &file, &opened.front);
    let preview = listing.entry(&file).map(|e| format!("/{}{}", shown.base, e.path));
    Reply::html(
        200,
        pages::form(&pages::FormPage {
            file: &file,
            csrf,
            schema: &config.schema,
            kind,
            opened: &opened,
            preview: preview.as_deref(),
            lang: shared.lang(),
        }),
    )
}

/// The form for a new page.
fn new_form(shared: &Shared, csrf: &str) -> Reply {
    let Some(root) = root(shared) else {
        return say(shared, 503, msg::edit_not_loaded());
    };
    match Config::load(&root) {
        Ok(config) => Reply::html(
            200,
            pages::new_page(&config.schema, &shared.listing(), csrf, shared.lang()),
        ),
        Err(err) => Reply::text(500, &err.render(shared.lang())),
    }
}

/// A request of the API that may change a file.
fn change(api: &str, body: &[u8], shared: &Shared) -> Reply {
    let Some(root) = root(shared) else {
        return say(shared, 503, msg::edit_not_loaded());
    };
    let today = shared
        .read()
        .options
        .as_ref()
        .map(|o| o.today())
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let config = match Config::load(&root) {
        Ok(config) => config,
        Err(err) => return failed(&err, shared.lang()),
    };
    let outcome = match api {
        "api/save" => parse::<SaveRequest>(body).and_then(|request| {
            let front = crate::edit::save::open(&root, &request.file)?.front;
            let (kind, section_kind) = kinds(&config, &shared.listing(), &request.file, &front);
            Ok(json(&save(
                &root,
                &config.schema,
                (kind, section_kind),
                &request,
                shared.lang(),
            )?))
        }),
        "api/plan" => parse::<NewRequest>(body).and_then(|r| Ok(json(&plan(&root, &config, &r, today)?.0))),
        "api/create" => parse::<NewRequest>(body).and_then(|r| Ok(json(&create(&root, &config, &r, today)?))),
        "api/preview" => parse::<Draft>(body).and_then(|draft| preview(&root, &config, &draft, shared)),
        "api/delete" => parse::<Target>(body).and_then(|r| {
            Ok(json(&Trashed {
                trash: trash(&root, &r.file)?,
            }))
        }),
        _ => return say(shared, 404, msg::edit_not_found()),
    };
    outcome.unwrap_or_else(|err| failed(&err, shared.lang()))
}

/// A draft's page rendered as the site's build renders it saved, with a
/// `<base>` so that its links and styles resolve from the page's address:
/// `{"status":"preview","html":…}`; or, as a save says it, why the draft
/// cannot be saved. Writes nothing.
fn preview(root: &Path, config: &Config, draft: &Draft, shared: &Shared) -> Result<Reply, Error> {
    #[derive(Serialize)]
    struct Previewed {
        status: &'static str,
        html: String,
    }
    let front = crate::edit::save::open(root, &draft.file)?.front;
    let (kind, section_kind, base) = {
        let listing = shared.listing();
        let shown = shared.read();
        let (kind, section_kind) = kinds(config, &listing, &draft.file, &front);
        (kind, section_kind, shown.base.clone())
    };
    let text = match draft_text(root, &config.schema, (kind, section_kind), draft, shared.lang())? {
        Ok(text) => text,
        Err(invalid) => return Ok(json(&invalid)),
    };
    let Some(mut session) = shared.session() else {
        return Err(crate::error::Diagnostic::error("", msg::edit_not_loaded()).into());
    };
    let view = session.preview(&draft.file, &text)?;
    drop(session);
    let href = format!("/{}", super::http::encode_path(&format!("{base}{}", view.path)));
    Ok(json(&Previewed {
        status: "preview",
        html: super::inject::base_tag(&view.html, &href),
    }))
}

#[derive(serde::Deserialize)]
struct Target {
    file: String,
}

#[derive(Serialize)]
struct Trashed {
    trash: String,
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| {
        crate::error::Diagnostic::error("", msg::edit_bad_request(e))
            .hint(msg::edit_bad_request_hint())
            .into()
    })
}

/// An error as the editor's script shows it: `{"status":"error","message":…}`,
/// in the site's language.
fn failed(err: &Error, lang: Lang) -> Reply {
    #[derive(Serialize)]
    struct Failure {
        status: &'static str,
        message: String,
    }
    let mut reply = json(&Failure {
        status: "error",
        message: err.render(lang),
    });
    reply.status = 422;
    reply
}

fn json<T: Serialize>(value: &T) -> Reply {
    Reply {
        content_type: "application/json",
        body: serde_json::to_vec(value).unwrap_or_default(),
        ..Reply::text(200, "")
    }
}

/// The site's folder, once `serve` has started.
fn root(shared: &Shared) -> Option<PathBuf> {
    shared.read().options.as_ref().map(|o| o.root.clone())
}

/// The kind of the page file `file` and the kind of its section's pages:
/// as the last build resolved them, or else as its front matter and the
/// section say.
fn kinds(config: &Config, listing: &Listing, file: &str, front: &toml_edit::DocumentMut) -> (Kind, Kind) {
    let schema = &config.schema;
    let section_kind = listing
        .shelf_of(file)
        .and_then(|s| schema.kind_named(&s.page_kind))
        .unwrap_or(Kind::Page);
    let named = listing
        .entry(file)
        .map(|e| e.kind.clone())
        .or_else(|| front.get("kind").and_then(|k| k.as_str()).map(String::from));
    let kind = named.and_then(|n| schema.kind_named(&n)).unwrap_or(section_kind);
    (kind, section_kind)
}

/// The decoded value of `name` in a query string.
fn param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| super::http::decode(&value.replace('+', " ")))
}
