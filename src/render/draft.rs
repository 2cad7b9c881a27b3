//! Render stage, for the editor's live preview: one page rendered from a
//! draft — its front matter and Markdown as the form holds them, not saved —
//! against the site of the last good build, through the same renderer,
//! templates and theme as a build. The site and the cache are as they were
//! afterwards; nothing is written.

use super::{Job, Prepared, RenderCache, Renderer, SUMMARY_LIMIT};
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;
use crate::markdown::Markdown;
use crate::output::Body;
use crate::page::{Kind, Page};
use crate::site::Site;
use crate::text::summarize;
use crate::theme::Theme;

/// A page rendered from its draft.
#[derive(Debug)]
pub struct DraftView {
    /// Output folder relative to the site root: `people/zhang-san/`.
    pub path: String,
    /// The page's HTML, as a build would write it.
    pub html: String,
}

/// Renders `draft` in place of page `i` of `site`, as the whole site would
/// render it with that page saved. `Ok(None)` when the cache holds no render
/// of this site and theme (the last build failed). When the draft's front
/// matter differs, the site's relations (order, sections, taxonomies,
/// events) are worked out with it, and then put back as they were.
pub fn render_draft(
    site: &mut Site,
    theme: &Theme,
    cache: &mut RenderCache,
    i: usize,
    mut draft: Page,
) -> Result<Option<DraftView>> {
    let (Some((keys, _)), Some(_)) = (&cache.texts, &cache.links) else {
        return Ok(None);
    };
    if cache.theme != theme.fingerprint() || keys.len() != site.pages.len() || i >= site.pages.len() {
        return Ok(None);
    }
    if let Some(problem) = site.check_photo(&draft) {
        return Err(problem.into());
    }
    let old = &site.pages[i];
    if !same_table(old, &draft) {
        return Err(Diagnostic::error(&draft.file, msg::edit_preview_table())
            .hint(msg::edit_preview_table_hint())
            .into());
    }
    draft.assets = old.assets.clone();
    // While only the Markdown differs, as while the text is typed, the
    // site's relations stand and the page alone is put in place.
    let related = Page {
        body: old.body.clone(),
        ..draft.clone()
    } != *old;

    // Put the draft in place, keeping what it replaces.
    let orders: Vec<(usize, Vec<usize>)> = (site.sections.iter().enumerate())
        .filter(|(_, s)| related && s.pages.contains(&i))
        .map(|(s, section)| (s, section.pages.clone()))
        .collect();
    let links = cache.links.as_ref().expect("checked above");
    let (_, texts) = cache.texts.as_mut().expect("checked above");
    let markdown = Markdown::new(site.config.allow_html);
    let doc = {
        let story = draft.story(&site.root).map_err(|d| Error::Invalid(vec![d]))?;
        markdown.render(&story, draft.body_line, &|url| {
            links.resolve(&draft.source, &draft.path, url)
        })
    };
    let summary = (draft.summary.clone()).unwrap_or_else(|| summarize(&doc.lead, SUMMARY_LIMIT));
    let old_doc = std::mem::replace(&mut texts.pages[i], doc);
    let old_summary = std::mem::replace(&mut texts.summaries[i], summary);
    let old_page = match related {
        true => {
            let old_page = site.pages[i].clone();
            site.replace_page(i, draft);
            old_page
        }
        false => std::mem::replace(&mut site.pages[i], draft),
    };

    let rendered = render_page(site, theme, texts, links, i);

    // Put everything back, in the order it was.
    if related {
        site.replace_page(i, old_page);
    } else {
        site.pages[i] = old_page;
    }
    for (s, order) in orders {
        site.sections[s].pages = order;
    }
    texts.pages[i] = old_doc;
    texts.summaries[i] = old_summary;
    rendered.map(Some)
}

/// Whether an award list's table stays as the build made it: tables are
/// read from their data files with the whole site, so a draft that changes
/// where its table comes from (or stops or starts being an award list)
/// cannot be previewed before it is saved.
fn same_table(old: &Page, draft: &Page) -> bool {
    let award = |p: &Page| p.kind == Kind::Award;
    if !award(old) && !award(draft) {
        return true;
    }
    award(old) == award(draft)
        && old.data == draft.data
        && old.sheet == draft.sheet
        && old.columns == draft.columns
        && old.entries == draft.entries
        && old.mask == draft.mask
}

/// Page `i`'s output, rendered as a build renders it.
fn render_page(
    site: &Site,
    theme: &Theme,
    texts: &super::Texts,
    links: &crate::links::LinkIndex,
    i: usize,
) -> Result<DraftView> {
    let renderer = Renderer::new(site, theme, texts, links, false);
    let path = site.pages[i].path.clone();
    let html = match renderer.prepare(&Job::Page(i))? {
        Prepared::Template { template, scope, .. } => theme.render(&template, &scope.context)?,
        Prepared::Ready(file) => match file.body {
            Body::Text(text) => std::sync::Arc::unwrap_or_clone(text),
            _ => String::new(),
        },
    };
    Ok(DraftView { path, html })
}
