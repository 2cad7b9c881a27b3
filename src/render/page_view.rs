//! Render stage: what a page's own template sees — its fields, facts, story,
//! neighbours, back-links and award table.

use std::collections::BTreeMap;

use tera::Value;

use super::{Prepared, Renderer, to_value};
use crate::error::Diagnostic;
use crate::kind::Show;
use crate::markdown::Document;
use crate::page::Page;
use crate::render::views::*;
use crate::text::reading_minutes;

impl<'a> Renderer<'a> {
    pub(super) fn render_page(&self, i: usize) -> std::result::Result<Prepared, Diagnostic> {
        let page = &self.site.pages[i];
        let mut cx = self.context(&page.path);
        cx.insert_value("page", self.page_value(i)?);
        let own = format!("{}.html", self.site.config.schema.name(page.kind));
        let default = if self.theme.has_template(&own) {
            own.as_str()
        } else {
            "page.html"
        };
        let template = self.template(page.template.as_deref(), default, &page.file)?;
        self.html(&page.path, template, cx)
    }

    /// `page` for a page template: its [`PageRef`] fields and its [`PageDetails`].
    pub(super) fn page_value(&self, i: usize) -> std::result::Result<Value, Diagnostic> {
        let mut map = self.card(i).into_map().unwrap_or_default();
        if let Some(details) = to_value(&self.page_details(i)?).into_map() {
            map.extend(details);
        }
        Ok(Value::from(map))
    }

    pub(super) fn page_details(&self, i: usize) -> std::result::Result<PageDetails<'a>, Diagnostic> {
        let site = self.site;
        let page: &'a Page = &site.pages[i];
        let doc: &'a Document = &self.texts.pages[i];
        let (cjk, words) = doc.units;
        let mut terms: BTreeMap<&'a str, Vec<NamedLink<'a>>> = BTreeMap::new();
        for taxonomy in &site.taxonomies {
            let list = crate::taxonomy::values_of(page, &taxonomy.name)
                .iter()
                .filter_map(|v| self.term_link(&taxonomy.name, v))
                .collect();
            terms.insert(&taxonomy.name, list);
        }
        let (lower, higher, section) = match self.place[i] {
            Some((s, pos)) => {
                let list = &site.sections[s].pages;
                let at = |p: Option<usize>| p.and_then(|p| list.get(p)).map(|&j| self.card(j));
                let section = &site.sections[s];
                (
                    at(pos.checked_sub(1)),
                    at(Some(pos + 1)),
                    Some(LinkView {
                        title: &section.title,
                        path: self.url(&section.path),
                    }),
                )
            }
            None => (None, None, None),
        };
        let table = site.tables[i].as_ref();
        Ok(PageDetails {
            content: self.story(i)?,
            facts: self.facts(page, Show::Page),
            honor_links: page
                .honors
                .iter()
                .map(|h| {
                    let path = self.term_link("honors", h).map(|t| t.path).unwrap_or_default();
                    NamedLink { name: h, path }
                })
                .collect(),
            toc: doc
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level) && !h.id.is_empty())
                .collect(),
            updated: page.updated.map(|d| d.to_string()).unwrap_or_default(),
            reading_minutes: reading_minutes(cjk, words),
            char_count: cjk + words,
            tags: terms.get("tags").cloned().unwrap_or_default(),
            terms,
            extra: &page.extra,
            lower,
            higher,
            section,
            events: site.events_of[i].iter().map(|&e| self.card(e)).collect(),
            awards: site.awards_of[i]
                .iter()
                .map(|&a| {
                    let award = &site.pages[a];
                    AwardLink {
                        title: &award.title,
                        path: self.url(&award.path),
                        year: award.year,
                        tier: award.tier.as_deref().unwrap_or(""),
                    }
                })
                .collect(),
            qr_svg: self.qr(i),
            columns: table
                .map(|t| {
                    t.columns
                        .iter()
                        .filter(|c| *c != crate::award::PERSON_SLUG_COLUMN)
                        .map(String::as_str)
                        .collect()
                })
                .unwrap_or_default(),
            rows: table.map(|t| self.rows(i, t)).unwrap_or_default(),
            row_count: table.map_or(0, |t| t.rows.len()),
            notice: page.notice.as_ref().map(|n| NoticeView {
                start: n.start.to_string(),
                end: n.end.to_string(),
                contact: &n.contact,
                state: if site.today < n.start {
                    "upcoming"
                } else if site.today <= n.end {
                    "active"
                } else {
                    "ended"
                },
            }),
            end_date: page.end_date.map(|d| d.to_string()).unwrap_or_default(),
            organizers: &page.organizers,
            participants: page.participants,
            people: site.people_of[i]
                .iter()
                .map(|(name, person)| LinkView {
                    title: name,
                    path: person.map(|p| self.url(&site.pages[p].path)).unwrap_or_default(),
                })
                .collect(),
        })
    }

    /// The facts of a page its kind shows in `show` (the page's header, a
    /// card), in the kind's order, each linked to its term page where the
    /// site has one.
    pub(super) fn facts(&self, page: &'a Page, show: Show) -> Vec<FactView<'a>> {
        let def = self.site.config.schema.def(page.kind);
        def.fields
            .iter()
            .filter(|f| f.show.contains(&show))
            .filter_map(|field| {
                let value = crate::taxonomy::values_of(page, &field.name).into_iter().next()?;
                let path = self.term_link(&field.name, &value).map(|t| t.path).unwrap_or_default();
                Some(FactView {
                    name: &field.name,
                    label: &field.label,
                    value,
                    path,
                })
            })
            .collect()
    }

    /// An award table's cells, each linked to the person its row names when
    /// the cell holds that person's title.
    pub(super) fn rows(&self, i: usize, table: &'a crate::award::AwardTable) -> Vec<Vec<CellView<'a>>> {
        let hidden = table.columns.iter().position(|c| c == crate::award::PERSON_SLUG_COLUMN);
        table
            .rows
            .iter()
            .zip(&self.site.row_people[i])
            .map(|(row, person)| {
                row.iter()
                    .enumerate()
                    .filter(|(c, _)| Some(*c) != hidden)
                    .map(|(_, cell)| {
                        let path = person
                            .filter(|&p| self.site.pages[p].title == *cell)
                            .map(|p| self.url(&self.site.pages[p].path))
                            .unwrap_or_default();
                        CellView { text: cell, path }
                    })
                    .collect()
            })
            .collect()
    }

    /// The link to the term page of `value` in `taxonomy`, when the site has one.
    pub(super) fn term_link(&self, taxonomy: &str, value: &str) -> Option<NamedLink<'a>> {
        let &(t, k) = self.terms.get(&(taxonomy, value))?;
        let term = &self.site.taxonomies[t].terms[k];
        Some(NamedLink {
            name: &term.name,
            path: self.url(&term.path),
        })
    }
}
