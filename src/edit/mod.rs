//! Edit stage: what the browser editor of `laurel serve` does to a site's
//! files — list the pages, make a form from a page's kind, save it in place,
//! create and delete pages — confined to `content/`, `static/` and `data/`.
//! Knows nothing of HTTP: `serve::edit` answers the browser with it.

pub mod commit;
pub mod create;
pub mod form;
pub mod listing;
pub mod place;
pub mod save;
pub mod trash;
