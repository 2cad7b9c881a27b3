//! Render stage: paginated lists — the home page, sections, taxonomies and
//! their terms.

use tera::Value;

use super::scope::{Scope, fingerprint_of_list};
use super::{HOME_TEASER, Prepared, Renderer, to_value};
use crate::error::Diagnostic;
use crate::render::views::*;

impl<'a> Renderer<'a> {
    pub(super) fn render_section(&self, s: usize, number: usize) -> std::result::Result<Prepared, Diagnostic> {
        let site = self.site;
        let section = &site.sections[s];
        let doc = &self.texts.sections[s];
        if section.is_home() {
            let mut cx = self.context("");
            let home = HomeView {
                title: &section.title,
                content: &doc.html,
                summary: section.summary.as_deref().unwrap_or(""),
                extra: &section.extra,
            };
            cx.insert("page", &home);
            cx.insert_value("sections", to_value(&self.teasers()));
            let taxonomies: Vec<TaxonomyView> = (0..site.taxonomies.len()).map(|t| self.taxonomy_view(t)).collect();
            cx.insert_value("taxonomies", to_value(&taxonomies));
            let template = self.template(section.template.as_deref(), "index.html", &section.file)?;
            return self.html("", template, cx);
        }
        let per_page = self.per_page(s);
        let dir = pagination_dir(&section.path, number);
        let mut cx = self.context(&dir);
        let view = SectionView {
            title: &section.title,
            path: self.url(&section.path),
            content: &doc.html,
            summary: section.summary.as_deref().unwrap_or(""),
            page_kind: self.site.config.schema.name(section.page_kind),
            extra: &section.extra,
        };
        cx.insert("section", &view);
        self.insert_list(&mut cx, &section.pages, &section.path, number, per_page);
        let template = self.template(section.template.as_deref(), "section.html", &section.file)?;
        self.html(&dir, template, cx)
    }

    /// Adds `pages` (one pagination page of `all`) and `paginator`.
    pub(super) fn insert_list(&self, cx: &mut Scope, all: &[usize], base: &str, number: usize, per_page: usize) {
        let start = (number - 1) * per_page;
        let shown = all.iter().skip(start).take(per_page);
        let hash = fingerprint_of_list(shown.clone().map(|&i| self.card_hash(i)));
        let pages: Vec<Value> = shown.map(|&i| self.card(i)).collect();
        cx.insert_fingerprinted("pages", Value::from(pages), hash);
        let total = page_count(all.len(), per_page);
        cx.insert("paginator", &self.paginator(base, number, total));
    }

    /// The pager of page `number` of `total` of a list at `base`.
    pub(super) fn paginator(&self, base: &str, number: usize, total: usize) -> Paginator {
        let url = |n: usize| self.url(&pagination_dir(base, n));
        Paginator {
            current: number,
            total,
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < total).then(|| url(number + 1)),
            first: url(1),
            last: url(total),
            pages: pagination_window(number, total)
                .map(|n| PageNumber {
                    number: n,
                    path: url(n),
                })
                .collect(),
        }
    }

    pub(super) fn teasers(&self) -> Vec<SectionTeaser<'a>> {
        let site = self.site;
        let home = &site.sections[0];
        let mut list: Vec<&crate::section::Section> = home.subsections.iter().map(|&s| &site.sections[s]).collect();
        list.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.dir.cmp(&b.dir)));
        list.into_iter()
            .map(|s| SectionTeaser {
                title: &s.title,
                path: self.url(&s.path),
                page_kind: self.site.config.schema.name(s.page_kind),
                total: s.pages.len(),
                pages: s.pages.iter().take(HOME_TEASER).map(|&i| self.card(i)).collect(),
            })
            .collect()
    }

    pub(super) fn taxonomy_view(&self, t: usize) -> TaxonomyView<'a> {
        let taxonomy = &self.site.taxonomies[t];
        TaxonomyView {
            name: &taxonomy.name,
            title: &taxonomy.title,
            path: self.url(&taxonomy.path),
            terms: taxonomy
                .terms
                .iter()
                .map(|term| TermRef {
                    name: &term.name,
                    path: self.url(&term.path),
                    count: term.pages.len(),
                })
                .collect(),
        }
    }

    pub(super) fn render_taxonomy(&self, t: usize) -> std::result::Result<Prepared, Diagnostic> {
        let taxonomy = &self.site.taxonomies[t];
        let mut cx = self.context(&taxonomy.path);
        cx.insert("taxonomy", &self.taxonomy_view(t));
        self.html(&taxonomy.path, "taxonomy_list.html", cx)
    }

    pub(super) fn render_term(&self, t: usize, k: usize, number: usize) -> std::result::Result<Prepared, Diagnostic> {
        let taxonomy = &self.site.taxonomies[t];
        let term = &taxonomy.terms[k];
        let dir = pagination_dir(&term.path, number);
        let mut cx = self.context(&dir);
        cx.insert(
            "taxonomy",
            &NavTaxonomy {
                name: &taxonomy.name,
                title: &taxonomy.title,
                path: self.url(&taxonomy.path),
            },
        );
        cx.insert(
            "term",
            &TermRef {
                name: &term.name,
                path: self.url(&term.path),
                count: term.pages.len(),
            },
        );
        self.insert_list(&mut cx, &term.pages, &term.path, number, self.site.config.paginate_by);
        self.html(&dir, "taxonomy_term.html", cx)
    }
}

pub(super) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The page numbers a pager shows: the first, the last, and three on each side
/// of the current one (the outermost of those marks a gap). Listing all of them
/// would make a long list's pagers grow with the square of its length.
pub(super) fn pagination_window(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let low = current.saturating_sub(3).max(1);
    let high = (current + 3).min(total);
    let first = (low > 1).then_some(1);
    let last = (high < total).then_some(total);
    first.into_iter().chain(low..=high).chain(last)
}

/// Folder of page `number` of a list at `base`: the list itself, then `page/2/` ….
pub(super) fn pagination_dir(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn pagination_dirs_and_counts() {
        assert_eq!(pagination_dir("people/", 1), "people/");
        assert_eq!(pagination_dir("people/", 3), "people/page/3/");
        assert_eq!(page_count(0, 24), 1);
        assert_eq!(page_count(25, 24), 2);
    }

    #[test]
    pub(super) fn pagination_window_keeps_ends_and_neighbours() {
        assert_eq!(pagination_window(1, 3).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            pagination_window(10, 40).collect::<Vec<_>>(),
            [1, 7, 8, 9, 10, 11, 12, 13, 40]
        );
    }
}
