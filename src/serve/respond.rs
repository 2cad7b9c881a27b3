//! Serve stage, one request: finds the output file in memory, decorates HTML
//! with the reload script and the error overlay, and answers with the right
//! status, content type and entity tag.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tiny_http::{Header, Method, Response};

use super::edit::{self, access::Access};
use super::held::Held;
use super::http::{self, BadPath, Lookup};
use super::inject;
use super::reload::{Listeners, SCRIPT};
use super::request::Request;
use super::wechat;
use crate::edit::listing::Listing;
use crate::error::Diagnostic;
use crate::i18n::{Lang, Message, msg};
use crate::output::Body;
use crate::session::Session;
use crate::site::BuildOptions;

/// Where the preview's own files live, under the site's base path.
const RELOAD_JS: &str = "__laurel/reload.js";
const EVENTS: &str = "__laurel/events";
const EDITOR: &str = edit::PREFIX;

/// What the server shows: the last good output, the base path it is served
/// under, why the last build failed (if it did), and a number that changes
/// with every build.
#[derive(Default)]
pub struct Shown {
    pub files: HashMap<String, Arc<Body>>,
    /// Decoded, without a leading `/`, ending in `/` unless empty: `haoren/`.
    pub base: String,
    pub problems: Option<Vec<Diagnostic>>,
    pub build: u64,
    /// Output paths of the pages that get the "复制到公众号" button, each
    /// to its source file (for the editor's "edit this page" link).
    pub articles: HashMap<String, String>,
    /// The session's [`crate::session::Session::layout`] when `articles` was made.
    pub layout: u64,
    /// How the site was loaded, to load it again for the button.
    pub options: Option<BuildOptions>,
    /// The site's language ([`Lang::for_site`]), read at each build, so a
    /// `laurel.toml` that does not load still names it.
    pub lang: Lang,
}

/// What the request threads and the rebuild share.
#[derive(Default)]
pub struct Shared {
    shown: RwLock<Shown>,
    pub listeners: Listeners,
    /// What a rebuild may still change after publishing its edit's pages.
    pub held: Held,
    /// The editor's secrets; none while the editor is off.
    pub edit: Option<Access>,
    /// The build the rebuilds update, for the editor's live preview of a
    /// page not yet saved; none while the editor is off.
    pub session: Option<Arc<Mutex<Session>>>,
    /// The pages the editor lists, once asked for since the last good build.
    listing: Mutex<Option<Arc<Listing>>>,
}

impl Shared {
    /// What a preview with the editor on (`edit`) or off shares; the editor
    /// renders its drafts against `session`.
    pub fn new(edit: Option<Access>, session: &Arc<Mutex<Session>>) -> Shared {
        Shared {
            session: edit.is_some().then(|| session.clone()),
            edit,
            ..Shared::default()
        }
    }

    /// The session, for a draft's preview (see [`Shared::session`]).
    pub fn session(&self) -> Option<MutexGuard<'_, Session>> {
        let session = self.session.as_ref()?;
        Some(session.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// The pages the editor lists (none while the editor is off), taken from
    /// the last good build the first time they are asked for after it, so
    /// that rebuilds nobody edits during do not pay for them. Waits for the
    /// session: never call it while holding [`Shared::read`].
    pub fn listing(&self) -> Arc<Listing> {
        let Some(session) = self.session() else {
            return Arc::default();
        };
        let mut cached = self.listing.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        cached
            .get_or_insert_with(|| Arc::new(session.site().map(Listing::of).unwrap_or_default()))
            .clone()
    }

    /// Drops the listing of the build before, by the rebuild that holds the session.
    pub fn forget_listing(&self) {
        *self.listing.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Shown> {
        self.shown.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Shown> {
        self.shown.write().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The site's language, as the last build found it.
    pub fn lang(&self) -> Lang {
        self.read().lang
    }
}

/// An answer before it is encoded.
pub(super) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Headers besides the content type, the entity tag and caching.
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }

    /// A plain-text `message` in `lang`, on a line of its own.
    pub fn said(status: u16, message: Message, lang: Lang) -> Reply {
        Reply::text(status, &format!("{}\n", message.in_lang(lang)))
    }

    fn redirect(path: &str) -> Reply {
        Reply {
            headers: vec![("Location", format!("/{}", http::encode_path(path)))],
            ..Reply::said(302, msg::serve_reply_moved(), Lang::from_env())
        }
    }

    pub fn html(status: u16, html: String) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: html.into_bytes(),
            headers: Vec::new(),
        }
    }

    /// A `200` of a file of the preview's own.
    pub fn typed(content_type: &'static str, text: &str) -> Reply {
        Reply {
            content_type,
            ..Reply::text(200, text)
        }
    }
}

/// Answers one request. Never panics, and never reads a file that is not
/// part of the output.
pub fn respond(request: Request, shared: &Shared) {
    let path = match http::normalize(request.url()) {
        Ok(path) => path,
        Err(BadPath) => return send(request, Reply::said(400, msg::serve_reply_bad_path(), shared.lang())),
    };
    let (base, build) = {
        let shown = shared.read();
        (shown.base.clone(), shown.build)
    };
    let rel = path.strip_prefix(base.as_str()).unwrap_or(&path);
    if rel == EDITOR.trim_end_matches('/') {
        return send(request, Reply::redirect(&format!("{path}/")));
    }
    if let Some(rest) = rel.strip_prefix(EDITOR) {
        let rest = rest.to_string();
        return edit::respond(request, &rest, shared);
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return send(request, Reply::said(405, msg::serve_reply_only_get(), shared.lang()));
    }
    if path.is_empty() && !base.is_empty() {
        return send(request, Reply::redirect(&base));
    }
    match rel {
        RELOAD_JS => send(
            request,
            Reply {
                content_type: "text/javascript; charset=utf-8",
                ..Reply::text(200, SCRIPT)
            },
        ),
        EVENTS => {
            shared.listeners.forget_gone();
            match request.into_stream() {
                Ok(stream) => shared.listeners.join(stream, build),
                Err(request) => send(
                    request,
                    Reply::said(503, msg::serve_reply_too_many_streams(), shared.lang()),
                ),
            }
        }
        _ => {
            let reply = match rel.strip_prefix(wechat::PREFIX) {
                Some(folder) => article(folder, shared),
                None => {
                    shared.held.wait_for(rel);
                    page(rel, &path, shared)
                }
            };
            send(request, reply)
        }
    }
}

/// The 公众号 article of the page in `folder`, for the copy button.
fn article(folder: &str, shared: &Shared) -> Reply {
    let Some(options) = shared.read().options.clone() else {
        return Reply::said(404, msg::serve_reply_not_found(), Lang::from_env());
    };
    let (status, content_type, body) = wechat::answer(&options, folder, shared.lang());
    Reply {
        status,
        content_type,
        body,
        headers: Vec::new(),
    }
}

/// The reply for a path of the site (`rel`, relative to its base; `path`,
/// as requested).
fn page(rel: &str, path: &str, shared: &Shared) -> Reply {
    let shown = shared.read();
    let found = http::lookup(rel, |key| shown.files.contains_key(key));
    let file = match &found {
        Lookup::File(key) => shown.files.get(key).cloned().map(|body| (key.clone(), body)),
        Lookup::Folder => return Reply::redirect(&format!("{path}/")),
        Lookup::Missing => None,
    };
    let problems = shown.problems.clone();
    let absolute_script = format!("/{}{RELOAD_JS}", http::encode_path(&shown.base));
    let build = shown.build;
    let button = matches!(&found, Lookup::File(key) if shown.articles.contains_key(key));
    let source = match &found {
        Lookup::File(key) if shared.edit.is_some() => shown.articles.get(key).cloned(),
        _ => None,
    };
    let not_found = shown.files.get("404.html").cloned();
    let nothing_built = shown.files.is_empty();
    let lang = shown.lang;
    drop(shown);

    if let Some((key, body)) = file
        && let Some(bytes) = read(&body)
    {
        if !http::is_html(&key) {
            return Reply {
                content_type: http::content_type(&key),
                body: bytes,
                ..Reply::text(200, "")
            };
        }
        let mut script = inject::script_tag(&format!("{}{RELOAD_JS}", http::up_to_root(rel)), build);
        if button {
            script.push_str(&wechat::button(&key));
        }
        if let Some(file) = source {
            script.push_str(&inject::edit_link(&format!("{}{EDITOR}", http::up_to_root(rel)), &file));
        }
        return Reply::html(200, decorate(bytes, problems.as_deref(), &script, lang));
    }
    let script = inject::script_tag(&absolute_script, build);
    match (problems, not_found.as_deref().and_then(read)) {
        (Some(problems), _) if nothing_built => Reply::html(500, inject::error_page(&problems, &script, lang)),
        (problems, Some(bytes)) => Reply::html(404, decorate(bytes, problems.as_deref(), &script, lang)),
        (_, None) => Reply::said(404, msg::serve_reply_not_found(), shared.lang()),
    }
}

/// The bytes of an output file (a copied file is read now, so it is never stale).
fn read(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Text(text) => Some(text.as_bytes().to_vec()),
        Body::Bytes(bytes) => Some(bytes.to_vec()),
        Body::Copy(source) => std::fs::read(source).ok(),
    }
}

/// Adds the error overlay (while the last build failed) and the reload script.
fn decorate(bytes: Vec<u8>, problems: Option<&[Diagnostic]>, script: &str, lang: Lang) -> String {
    let html = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let overlay = problems.map(|p| inject::overlay(p, lang)).unwrap_or_default();
    inject::inject(&html, &format!("{overlay}{script}"))
}

/// Encodes a reply: entity tag and `304` when the browser has these bytes
/// already; tiny_http leaves the body out of `HEAD` answers.
pub(super) fn send(request: Request, reply: Reply) {
    let etag = http::etag(&reply.body);
    let fresh = request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("If-None-Match"))
        .any(|h| http::matches(h.value.as_str(), &etag));
    let mut headers = vec![header("ETag", &etag), header("Cache-Control", "no-cache")];
    let response = if fresh && reply.status == 200 {
        Response::from_data(Vec::new()).with_status_code(304)
    } else {
        headers.push(header("Content-Type", reply.content_type));
        for (name, value) in &reply.headers {
            headers.push(header(name, value));
        }
        Response::from_data(reply.body).with_status_code(reply.status)
    };
    let response = headers.into_iter().flatten().fold(response, |r, h| r.with_header(h));
    // The browser may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}
