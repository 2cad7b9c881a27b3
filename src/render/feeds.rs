//! Render stage: files read away from the page — the Atom feed, the sitemap,
//! redirects for aliases and the 404 page.

use tera::Value;

use super::scope::{fingerprint_of, fingerprint_of_list};
use super::{FEED_LIMIT, Prepared, Renderer, to_value};
use crate::error::Diagnostic;
use crate::i18n::msg;
use crate::links::{absolutize_html, relative_url};
use crate::render::views::*;
use crate::site::alias_output;

impl<'a> Renderer<'a> {
    pub(super) fn render_alias(
        &self,
        alias: &str,
        target: &str,
        file: &str,
    ) -> std::result::Result<Prepared, Diagnostic> {
        let output = alias_output(alias)
            .map_err(|why| Diagnostic::error(file, msg::render_bad_alias(format_args!("{alias:?}"), why)))?;
        let dir = output.rfind('/').map_or("", |i| &output[..=i]);
        let mut cx = self.context(dir);
        cx.insert("target", &relative_url(dir, &self.url(target)));
        cx.insert("permalink", &self.site.config.permalink(&self.url(target)));
        Ok(Prepared::Template {
            path: output,
            template: "alias.html".into(),
            scope: cx,
        })
    }

    /// The 404 page is served at any depth, so its links start at the site's
    /// path on the server rather than being relative.
    pub(super) fn render_not_found(&self) -> std::result::Result<Prepared, Diagnostic> {
        let mut cx = self.context("");
        let root = base_path(&self.site.config.base_url);
        cx.insert("home", &self.url(&root));
        cx.insert("root", &root);
        Ok(Prepared::Template {
            path: "404.html".into(),
            template: "404.html".into(),
            scope: cx,
        })
    }

    pub(super) fn render_feed(&self) -> std::result::Result<Prepared, Diagnostic> {
        let site = self.site;
        let dated: Vec<usize> = site
            .order
            .iter()
            .copied()
            .filter(|&i| site.pages[i].date.is_some())
            .take(FEED_LIMIT)
            .collect();
        let rfc = |d: jiff::civil::Date| format!("{d}T00:00:00Z");
        let entries = dated
            .iter()
            .map(|&i| {
                let page = &site.pages[i];
                let date = page.date.map(rfc).unwrap_or_default();
                Ok(FeedEntry {
                    title: &page.title,
                    permalink: site.config.permalink(&self.url(&page.path)),
                    updated_rfc3339: page.updated.map(rfc).unwrap_or_else(|| date.clone()),
                    date_rfc3339: date,
                    summary: &self.texts.summaries[i],
                    content: absolutize_html(
                        &self.story(i)?,
                        &site.config.base_url,
                        &page.path,
                        &self.url(&page.path),
                    ),
                })
            })
            .collect::<std::result::Result<Vec<FeedEntry>, Diagnostic>>()?;
        let newest = dated
            .iter()
            .filter_map(|&i| site.pages[i].updated.max(site.pages[i].date))
            .max();
        let mut cx = self.context("");
        cx.insert("entries", &entries);
        cx.insert("feed_updated", &newest.map(rfc).unwrap_or_else(|| rfc(site.today)));
        cx.insert("feed_url", &site.config.permalink("atom.xml"));
        Ok(Prepared::Template {
            path: "atom.xml".into(),
            template: "atom.xml".into(),
            scope: cx,
        })
    }

    pub(super) fn render_sitemap(&self) -> std::result::Result<Prepared, Diagnostic> {
        let site = self.site;
        let mut entries: Vec<(Value, u64)> = site
            .sections
            .iter()
            .map(|s| self.sitemap_value(&s.path, s.updated))
            .collect();
        entries.extend(site.order.iter().map(|&i| self.sitemap_entry(i)));
        for taxonomy in &site.taxonomies {
            entries.push(self.sitemap_value(&taxonomy.path, None));
            entries.extend(taxonomy.terms.iter().map(|t| self.sitemap_value(&t.path, None)));
        }
        if crate::render::search::page_is_free(site) {
            entries.push(self.sitemap_value(crate::render::search::PAGE_DIR, None));
        }
        let hash = fingerprint_of_list(entries.iter().map(|(_, hash)| *hash));
        let values: Vec<Value> = entries.into_iter().map(|(value, _)| value).collect();
        let mut cx = self.context("");
        cx.insert_fingerprinted("entries", Value::from(values), hash);
        Ok(Prepared::Template {
            path: "sitemap.xml".into(),
            template: "sitemap.xml".into(),
            scope: cx,
        })
    }

    /// The sitemap's entry for the folder `dir`, last changed on `date`, as
    /// a template value, with its fingerprint (0 unless contexts are fingerprinted).
    pub(super) fn sitemap_value(&self, dir: &str, date: Option<jiff::civil::Date>) -> (Value, u64) {
        let entry = SitemapEntry {
            permalink: self.site.config.permalink(&self.url(dir)),
            lastmod: date.map(|d| d.to_string()).unwrap_or_default(),
        };
        let value = to_value(&entry);
        let hash = if self.fingerprints { fingerprint_of(&value) } else { 0 };
        (value, hash)
    }
}

/// The path part of `base_url`: `/haoren/` for `https://example.org/haoren/`.
pub(super) fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or("/".to_string(), |i| after_scheme[i..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn base_path_of_url() {
        assert_eq!(base_path("https://example.org/haoren/"), "/haoren/");
        assert_eq!(base_path("https://example.org/"), "/");
    }
}
