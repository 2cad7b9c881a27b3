//! Render stage: the outputs to render ([`Job`]) and the [`Renderer`] that
//! turns each into a template and its context. Page views, lists, feeds and
//! print boards add their own `render_*` methods in sibling files.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use tera::Value;

use super::lists::{page_count, pagination_dir};
use super::plan::Origin;
use super::scope::{Scope, fingerprint_of};
use super::texts::{Texts, render_page_html};
use super::{Prepared, print, to_value};
use crate::error::Diagnostic;
use crate::i18n::{Message, msg};
use crate::kind::Show;
use crate::links::{LinkIndex, page_url, root_prefix};
use crate::markdown::Markdown;
use crate::output::{Body, OutputFile};
use crate::page::Page;
use crate::render::photo::Photos;
use crate::render::views::*;
use crate::site::{Site, alias_output};
use crate::theme::Theme;

/// One output file to render.
pub(super) enum Job {
    Page(usize),
    /// Section index and page number (from 1).
    Section(usize, usize),
    TaxonomyList(usize),
    /// Taxonomy, term, page number.
    Term(usize, usize, usize),
    Alias {
        alias: String,
        target: String,
        file: String,
    },
    NotFound,
    Feed,
    Sitemap,
    Robots,
    Search,
    PrintIndex,
    /// One output of a board.
    Board(std::sync::Arc<print::Board>, print::BoardPart),
}

/// A page's card, made once: its [`PageRef`] as a template value and the
/// value's fingerprint, so a list's fingerprint is made from its cards'
/// without walking them (see [`fingerprint_of_list`](super::scope::fingerprint_of_list)).
/// With it, once the sitemap asks for it, the page's sitemap entry and its
/// fingerprint: both show the page's own fields alone, so an edit keeps
/// and drops them together.
pub(super) struct Card {
    value: Value,
    hash: u64,
    entry: OnceLock<(Value, u64)>,
}

/// Turns each [`Job`] into a template and its context. `prepare` and the
/// shared helpers are here; the `render_*` methods live beside what they
/// render: `page_view.rs` (pages), `lists.rs` (sections, taxonomies,
/// terms), `feeds.rs` (aliases, 404, feed, sitemap), `print.rs` (print
/// boards).
pub(super) struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) texts: &'a Texts,
    /// The thumbnails of the photos pages show: the texts' own, or those made again.
    pub(super) photos: &'a Photos,
    /// Where links in Markdown lead, for stories rendered again (see [`Renderer::document`]).
    pub(super) links: &'a LinkIndex,
    pub(super) markdown: Markdown,
    pub(super) pretty: bool,
    pub(super) site_value: Value,
    /// The fingerprint of `site_value`, walked once rather than per context.
    pub(super) site_hash: u64,
    /// Each page's [`PageRef`] as a template value, made when first needed.
    pub(super) refs: Vec<OnceLock<Card>>,
    /// Section and position of each page, for previous/next.
    pub(super) place: Vec<Option<(usize, usize)>>,
    /// (taxonomy name, term name) → (taxonomy index, term index).
    pub(super) terms: HashMap<(&'a str, &'a str), (usize, usize)>,
    /// Whether contexts are fingerprinted for a render cache.
    pub(super) fingerprints: bool,
    /// The print boards, made when first needed ([`Renderer::boards`]).
    pub(super) boards: OnceLock<Vec<std::sync::Arc<print::Board>>>,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(
        site: &'a Site,
        theme: &'a Theme,
        texts: &'a Texts,
        links: &'a LinkIndex,
        fingerprints: bool,
    ) -> Self {
        let pretty = site.config.pretty_links;
        let mut place = vec![None; site.pages.len()];
        for (s, section) in site.sections.iter().enumerate() {
            for (pos, &p) in section.pages.iter().enumerate() {
                place[p] = Some((s, pos));
            }
        }
        let mut terms = HashMap::new();
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            for (k, term) in taxonomy.terms.iter().enumerate() {
                terms.insert((taxonomy.name.as_str(), term.name.as_str()), (t, k));
            }
        }
        let mut renderer = Renderer {
            site,
            theme,
            texts,
            photos: &texts.photos,
            links,
            markdown: Markdown::new(site.config.allow_html),
            pretty,
            site_value: Value::none(),
            site_hash: 0,
            refs: Vec::new(),
            place,
            terms,
            fingerprints,
            boards: OnceLock::new(),
        };
        renderer.site_value = to_value(&renderer.site_view());
        if fingerprints {
            renderer.site_hash = fingerprint_of(&renderer.site_value);
        }
        renderer.refs = (0..site.pages.len()).map(|_| OnceLock::new()).collect();
        renderer
    }

    /// Gives the renderer the cards of an earlier render of the same pages
    /// (see [`RenderCache`](super::RenderCache)'s `cards`), those not to be
    /// kept left empty.
    pub(super) fn with_cards(mut self, cards: Vec<OnceLock<Card>>) -> Self {
        if cards.len() == self.refs.len() {
            self.refs = cards;
        }
        self
    }

    /// Gives the renderer the thumbnails of `photos` in place of those of its texts.
    pub(super) fn with_photos(mut self, photos: &'a Photos) -> Self {
        self.photos = photos;
        self
    }

    /// The cards made so far, for the next render.
    pub(super) fn into_cards(self) -> Vec<OnceLock<Card>> {
        self.refs
    }

    /// Page `i` as the templates see it in lists and links: its [`PageRef`].
    pub(super) fn card(&self, i: usize) -> Value {
        self.card_made(i).value.clone()
    }

    /// The fingerprint of page `i`'s card (0 unless contexts are fingerprinted).
    pub(super) fn card_hash(&self, i: usize) -> u64 {
        self.card_made(i).hash
    }

    fn card_made(&self, i: usize) -> &Card {
        self.refs[i].get_or_init(|| {
            let value = to_value(&self.page_ref(i));
            let hash = if self.fingerprints { fingerprint_of(&value) } else { 0 };
            Card {
                value,
                hash,
                entry: OnceLock::new(),
            }
        })
    }

    /// Page `i`'s entry in the sitemap and its fingerprint. Kept with the
    /// page's card when contexts are fingerprinted (a render cache keeps the
    /// cards from edit to edit); else made anew, so that a build does not
    /// hold every page's card from the sitemap on.
    pub(super) fn sitemap_entry(&self, i: usize) -> (Value, u64) {
        let page = &self.site.pages[i];
        let make = || self.sitemap_value(&page.path, page.updated.or(page.date));
        if self.fingerprints {
            self.card_made(i).entry.get_or_init(make).clone()
        } else {
            make()
        }
    }

    /// Page `i`'s Markdown as HTML: the one kept from the Markdown pass,
    /// or, when a build did not keep it in memory, the one it set aside, or
    /// else the page's Markdown rendered again. Fails when the page's story,
    /// left in its file, changed since it was loaded.
    pub(super) fn story(&self, i: usize) -> std::result::Result<Cow<'a, str>, Diagnostic> {
        if self.texts.rendered_again {
            if let Some(html) = self.texts.stash.as_ref().and_then(|s| s.get(i)) {
                return Ok(Cow::Owned(html));
            }
            render_page_html(&self.markdown, self.links, &self.site.root, &self.site.pages[i]).map(Cow::Owned)
        } else {
            Ok(Cow::Borrowed(&self.texts.pages[i].html))
        }
    }

    /// Page `i`'s QR code as SVG, empty but for persons.
    pub(super) fn qr(&self, i: usize) -> String {
        let Some(code) = &self.texts.qr[i] else {
            return String::new();
        };
        code.svg(&self.site.config.permalink(&self.url(&self.site.pages[i].path)))
    }

    pub(super) fn url(&self, dir: &str) -> String {
        page_url(dir, self.pretty)
    }

    pub(super) fn site_view(&self) -> SiteView<'a> {
        let site = self.site;
        let home_children = site
            .sections
            .first()
            .map(|h| h.subsections.as_slice())
            .unwrap_or_default();
        let mut sections: Vec<&crate::section::Section> = home_children.iter().map(|&s| &site.sections[s]).collect();
        sections.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.dir.cmp(&b.dir)));
        let category = site.taxonomies.iter().find(|t| t.name == "category");
        let nav = sections
            .iter()
            .map(|s| NavItem {
                title: &s.title,
                path: self.url(&s.path),
                folder: &s.path,
            })
            .chain(category.map(|t| NavItem {
                title: "分类",
                path: self.url(&t.path),
                folder: &t.path,
            }))
            .collect();
        SiteView {
            nav,
            title: &site.config.title,
            description: &site.config.description,
            base_url: &site.config.base_url,
            language: &site.config.language,
            publisher: site.config.publisher.as_ref(),
            sections: sections
                .iter()
                .map(|s| LinkView {
                    title: &s.title,
                    path: self.url(&s.path),
                })
                .collect(),
            taxonomies: site
                .taxonomies
                .iter()
                .map(|t| NavTaxonomy {
                    name: &t.name,
                    title: &t.title,
                    path: self.url(&t.path),
                })
                .collect(),
            extra: &site.config.extra,
        }
    }

    pub(super) fn page_ref(&self, i: usize) -> PageRef<'a> {
        let page: &'a Page = &self.site.pages[i];
        let s = |v: &'a Option<String>| v.as_deref().unwrap_or("");
        PageRef {
            title: &page.title,
            initial: page.title.chars().next().map_or("", |c| &page.title[..c.len_utf8()]),
            path: self.url(&page.path),
            permalink: self.site.config.permalink(&self.url(&page.path)),
            kind: self.site.config.schema.name(page.kind),
            date: page.date.map(|d| d.to_string()).unwrap_or_default(),
            summary: &self.texts.summaries[i],
            photo: crate::render::photo::view(self.photos, page),
            honors: &page.honors,
            category: s(&page.category),
            region: s(&page.region),
            year: page.year,
            level: s(&page.level),
            unit: s(&page.unit),
            tier: s(&page.tier),
            issuer: s(&page.issuer),
            location: s(&page.location),
            card: self.facts(page, Show::Card).into_iter().map(|f| f.value).collect(),
        }
    }

    /// Every output to render: print boards first, then the outputs that
    /// list the whole site (the sitemap names every page), made while the
    /// pages' cards are not yet held.
    pub(super) fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs: Vec<Job> = Vec::new();
        for board in self.boards() {
            jobs.extend(board.parts().into_iter().map(|part| Job::Board(board.clone(), part)));
        }
        jobs.extend([Job::NotFound, Job::Feed, Job::Sitemap, Job::Robots, Job::PrintIndex]);
        if crate::render::search::page_is_free(site) {
            jobs.push(Job::Search);
        }
        jobs.extend((0..site.pages.len()).map(Job::Page));
        for (s, section) in site.sections.iter().enumerate() {
            let count = if section.is_home() {
                1
            } else {
                page_count(section.pages.len(), self.per_page(s))
            };
            jobs.extend((1..=count).map(|n| Job::Section(s, n)));
        }
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            jobs.push(Job::TaxonomyList(t));
            for (k, term) in taxonomy.terms.iter().enumerate() {
                jobs.extend((1..=page_count(term.pages.len(), site.config.paginate_by)).map(|n| Job::Term(t, k, n)));
            }
        }
        let page_aliases = site.pages.iter().map(|p| (&p.aliases, &p.path, &p.file));
        let section_aliases = site.sections.iter().map(|s| (&s.aliases, &s.path, &s.file));
        for (aliases, target, file) in page_aliases.chain(section_aliases) {
            jobs.extend(aliases.iter().map(|a| Job::Alias {
                alias: a.clone(),
                target: target.clone(),
                file: file.clone(),
            }));
        }
        jobs
    }

    /// Where a job's output goes and what it is made from, before it is rendered.
    pub(super) fn planned(&self, job: &Job) -> std::result::Result<(String, Origin), Diagnostic> {
        let site = self.site;
        let built_in = |path: &str, what: Message| (path.to_string(), Origin::BuiltIn(what));
        Ok(match job {
            Job::Page(i) => {
                let page = &site.pages[*i];
                (format!("{}index.html", page.path), Origin::Page(page.file.clone()))
            }
            Job::Section(s, n) => {
                let section = &site.sections[*s];
                let dir = pagination_dir(&section.path, *n);
                (format!("{dir}index.html"), Origin::Section(section.file.clone()))
            }
            Job::TaxonomyList(t) => {
                let taxonomy = &site.taxonomies[*t];
                (
                    format!("{}index.html", taxonomy.path),
                    Origin::Taxonomy(taxonomy.name.clone()),
                )
            }
            Job::Term(t, k, n) => {
                let taxonomy = &site.taxonomies[*t];
                let dir = pagination_dir(&taxonomy.terms[*k].path, *n);
                (format!("{dir}index.html"), Origin::Taxonomy(taxonomy.name.clone()))
            }
            Job::Alias { alias, file, .. } => {
                let output = alias_output(alias).map_err(|why| {
                    Diagnostic::error(file, msg::render_bad_alias(format_args!("{alias:?}"), why))
                        .hint(msg::render_alias_hint())
                })?;
                (output, Origin::Alias(file.clone()))
            }
            Job::NotFound => built_in("404.html", msg::plan_made_404()),
            Job::Feed => built_in("atom.xml", msg::plan_made_feed()),
            Job::Sitemap => built_in("sitemap.xml", msg::plan_made_sitemap()),
            Job::Robots => built_in("robots.txt", msg::plan_made_robots()),
            Job::Search => built_in(
                &format!("{}index.html", crate::render::search::PAGE_DIR),
                msg::plan_made_search_page(),
            ),
            Job::PrintIndex => built_in(&format!("{}index.html", print::PRINT_DIR), msg::plan_made_print_index()),
            Job::Board(board, part) => built_in(&format!("{}index.html", board.dir(*part)), msg::plan_made_board()),
        })
    }

    pub(super) fn per_page(&self, section: usize) -> usize {
        self.site.sections[section]
            .paginate_by
            .unwrap_or(self.site.config.paginate_by)
    }

    /// The template and context of a job's output (or the output itself when it needs no template).
    pub(super) fn prepare(&self, job: &Job) -> std::result::Result<Prepared, Diagnostic> {
        match job {
            Job::Page(i) => self.render_page(*i),
            Job::Section(s, n) => self.render_section(*s, *n),
            Job::TaxonomyList(t) => self.render_taxonomy(*t),
            Job::Term(t, k, n) => self.render_term(*t, *k, *n),
            Job::Alias { alias, target, file } => self.render_alias(alias, target, file),
            Job::NotFound => self.render_not_found(),
            Job::Feed => self.render_feed(),
            Job::Sitemap => self.render_sitemap(),
            Job::Search => {
                let mut cx = self.context(crate::render::search::PAGE_DIR);
                cx.insert("search_filters", &self.site.config.schema.filters());
                self.html(crate::render::search::PAGE_DIR, "search.html", cx)
            }
            Job::PrintIndex => self.render_print_index(),
            Job::Board(board, part) => self.render_board(board, *part),
            Job::Robots => Ok(Prepared::Ready(OutputFile {
                path: "robots.txt".into(),
                body: Body::Text(
                    format!(
                        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
                        self.site.config.base_url
                    )
                    .into(),
                ),
            })),
        }
    }

    /// A context with what every HTML template gets, for a page in folder `dir`.
    pub(super) fn context(&self, dir: &str) -> Scope {
        let mut cx = Scope {
            hashed: self.fingerprints,
            ..Scope::default()
        };
        cx.insert_fingerprinted("site", self.site_value.clone(), self.site_hash);
        let root = root_prefix(dir);
        cx.insert("home", &self.url(&root));
        cx.insert("root", &root);
        cx.insert("current_path", &self.url(dir));
        cx.insert("permalink", &self.site.config.permalink(&self.url(dir)));
        cx.insert("generator", concat!("laurel ", env!("CARGO_PKG_VERSION")));
        cx.insert("build_year", &self.site.today.year());
        cx
    }

    /// The template `file` chooses with `template`, or else `default`; one
    /// the theme does not have is an error naming `file`.
    pub(super) fn template<'t>(
        &self,
        chosen: Option<&'t str>,
        default: &'t str,
        file: &str,
    ) -> std::result::Result<&'t str, Diagnostic> {
        let name = chosen.unwrap_or(default);
        if self.theme.has_template(name) {
            Ok(name)
        } else {
            Err(Diagnostic::error(file, msg::render_no_template(name)).hint(msg::render_no_template_hint()))
        }
    }

    pub(super) fn html(&self, dir: &str, template: &str, cx: Scope) -> std::result::Result<Prepared, Diagnostic> {
        Ok(Prepared::Template {
            path: format!("{dir}index.html"),
            template: template.to_string(),
            scope: cx,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::photo::CacheUse;
    use crate::render::texts::{link_index, render_texts};

    #[test]
    fn the_outputs_that_list_the_whole_site_come_before_the_pages() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |path: &str, text: &str| crate::testing::write_file(dir.path(), path, text);
        crate::testing::write_person_site(dir.path());
        write("content/people/a.md", "+++\ntitle = \"张三\"\n+++\n事迹。\n");
        let site = Site::load(&crate::BuildOptions::new(dir.path())).expect("site loads");
        let theme = Theme::load(&site.root, "default").expect("theme");
        let index = link_index(&site, &theme);
        let (texts, _, _) = render_texts(&site, &index, None, CacheUse::Read);
        let jobs = Renderer::new(&site, &theme, &texts, &index, false).jobs();
        let at = |wanted: fn(&Job) -> bool| jobs.iter().position(wanted).expect("the job is planned");
        let first_page = at(|j| matches!(j, Job::Page(_)));
        // Made while the pages' cards are not yet held, the sitemap of a big
        // site does not add to the render's peak memory.
        assert!(at(|j| matches!(j, Job::Sitemap)) < first_page);
        assert!(at(|j| matches!(j, Job::PrintIndex)) < first_page);
    }

    #[test]
    fn a_render_cache_keeps_each_pages_sitemap_entry_with_its_card() {
        let dir = tempfile::tempdir().expect("temp dir");
        crate::testing::write_person_site(dir.path());
        crate::testing::write_file(
            dir.path(),
            "content/people/a.md",
            "+++\ntitle = \"张三\"\ndate = 2024-05-01\n+++\n事迹。\n",
        );
        let site = Site::load(&crate::BuildOptions::new(dir.path())).expect("site loads");
        let theme = Theme::load(&site.root, "default").expect("theme");
        let mut cache = crate::render::RenderCache::default();
        crate::render::render_site_to(&site, &theme, crate::render::Sink::Memory(&mut cache))
            .expect("the site renders");
        let card = cache.cards[0].get().expect("the card the list showed");
        let (entry, hash) = card.entry.get().expect("the sitemap entry, kept with the card");
        assert_eq!(
            entry.get_from_path("lastmod").and_then(|d| d.as_str()),
            Some("2024-05-01")
        );
        assert_ne!(*hash, 0, "fingerprinted, as the sitemap's context is");
    }
}
