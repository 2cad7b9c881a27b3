//! Serve stage, the editor's uploads under `api/upload/`: a photo for the
//! open page, and a spreadsheet previewed and then imported as its award
//! list ([`crate::upload`]). The file comes as the raw request body
//! (`application/octet-stream`, as `fetch` sends a picked file), its name and
//! choices in the query; each upload has its own size limit.

use super::access::{Access, CSRF_HEADER};
use super::{failed, json, param, root, say, unread};
use crate::i18n::msg;
use crate::serve::request::Request;
use crate::serve::respond::{Reply, Shared};
use crate::upload::{MAX_PHOTO_BYTES, Persons, attach_photo, attach_sheet, preview_sheet};

/// The most bytes an uploaded spreadsheet may have.
pub(super) const SHEET_BYTES: usize = 20 << 20;

/// Answers `api` (`api/upload/photo`, `…/sheet`, `…/sheet-save`) with the
/// request's `query`, once the request carries the CSRF token and the same origin.
pub(super) fn answer(request: &mut Request, api: &str, query: &str, access: &Access, shared: &Shared) -> Reply {
    let allowed = access.allows_upload(
        request.header(CSRF_HEADER),
        request.header("Content-Type"),
        request.header("Origin"),
        request.header("Host"),
    );
    if !allowed {
        return say(shared, 403, msg::edit_refused());
    }
    let most = if api == "api/upload/photo" {
        MAX_PHOTO_BYTES
    } else {
        SHEET_BYTES
    };
    let body = match request.read_body(most) {
        Ok(body) => body,
        Err(413) if api == "api/upload/photo" => return say(shared, 413, msg::upload_photo_larger(most >> 20)),
        Err(413) => return say(shared, 413, msg::upload_sheet_larger(most >> 20)),
        Err(status) => return say(shared, status, unread(status)),
    };
    let Some(site) = root(shared) else {
        return say(shared, 503, msg::edit_not_loaded());
    };
    let get = |name| param(query, name).unwrap_or_default();
    let sheet = param(query, "sheet").filter(|s| !s.is_empty());
    let outcome = match api {
        "api/upload/photo" => {
            attach_photo(&site, &get("file"), &get("version"), &get("name"), &body, &get("alt")).map(|a| json(&a))
        }
        "api/upload/sheet" => {
            let persons = persons(shared);
            preview_sheet(body, &get("name"), sheet.as_deref(), &persons)
                .map(|p| json(&p))
                .map_err(Into::into)
        }
        "api/upload/sheet-save" => {
            let columns = all_params(query, "column");
            attach_sheet(
                &site,
                &get("file"),
                &get("version"),
                &get("name"),
                body,
                sheet.as_deref(),
                &columns,
            )
            .map(|a| json(&a))
        }
        _ => return say(shared, 404, msg::edit_not_found()),
    };
    outcome.unwrap_or_else(|err| failed(&err, shared.lang()))
}

/// Every decoded value of `name` in a query string, in order.
fn all_params(query: &str, name: &str) -> Vec<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(key, _)| *key == name)
        .filter_map(|(_, value)| crate::serve::http::decode(&value.replace('+', " ")))
        .collect()
}

/// The persons of the last good build (pages of the person kind and of a
/// site's own kinds, as award lists link them), from the editor's listing.
fn persons(shared: &Shared) -> Persons {
    shared
        .listing()
        .entries
        .iter()
        .filter(|e| !matches!(e.kind.as_str(), "page" | "award" | "event"))
        .map(|e| (e.title.clone(), format!("{}index.html", e.path)))
        .collect()
}
