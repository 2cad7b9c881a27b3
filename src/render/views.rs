//! Render stage: what templates see — typed, borrowed views of the site,
//! serialized once per page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::Heading;

/// A page in a list: enough for a card or a list item.
#[derive(Debug, Serialize)]
pub struct PageRef<'a> {
    pub title: &'a str,
    /// The first character of the title, for a placeholder portrait.
    pub initial: &'a str,
    /// URL relative to the site root.
    pub path: String,
    pub permalink: String,
    /// The name of the page's kind (`person`, `unit` …).
    pub kind: &'a str,
    pub date: String,
    pub summary: &'a str,
    pub photo: Option<PhotoView<'a>>,
    pub honors: &'a [String],
    pub category: &'a str,
    pub region: &'a str,
    pub year: Option<i64>,
    pub level: &'a str,
    pub unit: &'a str,
    pub tier: &'a str,
    pub issuer: &'a str,
    pub location: &'a str,
    /// The values its kind shows on a card, in order.
    pub card: Vec<String>,
}

/// A photo: `path` is the original; `src`, `width` and `height` are of the
/// page-sized thumbnail, `card`, `card_width` and `card_height` of the
/// card-sized one, and `srcset` lists every thumbnail (templates join them as
/// `root + path + " " + width + "w"`). Without thumbnails (a format laurel
/// does not decode) `src` and `card` are `path` and the sizes are unknown.
#[derive(Debug, Serialize)]
pub struct PhotoView<'a> {
    pub path: String,
    pub alt: &'a str,
    pub src: String,
    pub card: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub card_width: Option<u32>,
    pub card_height: Option<u32>,
    pub srcset: Vec<SrcsetItem>,
}

#[derive(Debug, Serialize)]
pub struct SrcsetItem {
    pub path: String,
    pub width: u32,
}

/// A link to a term page, with how many pages carry the term: what the
/// lists of terms show (home, taxonomy list, term page).
#[derive(Debug, Clone, Serialize)]
pub struct TermRef<'a> {
    pub name: &'a str,
    pub path: String,
    pub count: usize,
}

/// One labelled fact of a page (类别, 地区 …), linked to its term page when
/// the site has one.
#[derive(Debug, Serialize)]
pub struct FactView<'a> {
    /// The field's name (`category`, `hometown` …).
    pub name: &'a str,
    pub label: &'a str,
    pub value: String,
    /// URL relative to the site root; empty when there is no term page.
    pub path: String,
}

/// A name linked to its term page, or plain (empty `path`) when there is
/// none: a page's terms and honours. Without the term's page count, so that
/// a page added to or removed from a term does not change every other page of it.
#[derive(Debug, Clone, Serialize)]
pub struct NamedLink<'a> {
    pub name: &'a str,
    pub path: String,
}

/// A titled link.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    /// URL relative to the site root; empty when there is nothing to link to.
    pub path: String,
}

#[derive(Debug, Serialize)]
pub struct AwardLink<'a> {
    pub title: &'a str,
    pub path: String,
    pub year: Option<i64>,
    pub tier: &'a str,
}

/// A cell of an award list; `path` links the person it names.
#[derive(Debug, Serialize)]
pub struct CellView<'a> {
    pub text: &'a str,
    pub path: String,
}

#[derive(Debug, Serialize)]
pub struct NoticeView<'a> {
    pub start: String,
    pub end: String,
    pub contact: &'a str,
    /// `upcoming`, `active` or `ended`, by the build date.
    pub state: &'static str,
}

/// What a page template sees as `page` besides the [`PageRef`] fields.
#[derive(Debug, Serialize)]
pub struct PageDetails<'a> {
    pub content: std::borrow::Cow<'a, str>,
    /// The facts a page shows in its header, in order, empty ones left out.
    pub facts: Vec<FactView<'a>>,
    pub honor_links: Vec<NamedLink<'a>>,
    pub toc: Vec<&'a Heading>,
    pub updated: String,
    pub reading_minutes: usize,
    pub char_count: usize,
    pub tags: Vec<NamedLink<'a>>,
    pub terms: BTreeMap<&'a str, Vec<NamedLink<'a>>>,
    pub extra: &'a toml::Table,
    pub lower: Option<tera::Value>,
    pub higher: Option<tera::Value>,
    pub section: Option<LinkView<'a>>,
    pub events: Vec<tera::Value>,
    pub awards: Vec<AwardLink<'a>>,
    pub qr_svg: String,
    pub columns: Vec<&'a str>,
    pub rows: Vec<Vec<CellView<'a>>>,
    pub row_count: usize,
    pub notice: Option<NoticeView<'a>>,
    pub end_date: String,
    pub organizers: &'a [String],
    pub participants: Option<u64>,
    pub people: Vec<LinkView<'a>>,
}

/// A section as its template sees it.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub path: String,
    pub content: &'a str,
    pub summary: &'a str,
    pub page_kind: &'a str,
    pub extra: &'a toml::Table,
}

/// A section on the home page, with its newest pages.
#[derive(Debug, Serialize)]
pub struct SectionTeaser<'a> {
    pub title: &'a str,
    pub path: String,
    pub page_kind: &'a str,
    pub total: usize,
    pub pages: Vec<tera::Value>,
}

#[derive(Debug, Serialize)]
pub struct HomeView<'a> {
    pub title: &'a str,
    pub content: &'a str,
    pub summary: &'a str,
    pub extra: &'a toml::Table,
}

#[derive(Debug, Serialize)]
pub struct TaxonomyView<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub path: String,
    pub terms: Vec<TermRef<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub path: String,
}

/// Where a paginated list is, and how to get to its other pages.
#[derive(Debug, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
    pub pages: Vec<PageNumber>,
}

/// The site as every template sees it: title, settings and navigation.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    pub sections: Vec<LinkView<'a>>,
    pub taxonomies: Vec<NavTaxonomy<'a>>,
    /// The header navigation: top-level sections, then the category taxonomy.
    pub nav: Vec<NavItem<'a>>,
    /// `[publisher]` of `laurel.toml`: the footer and the page metadata.
    pub publisher: Option<&'a crate::publisher::Publisher>,
    pub extra: &'a toml::Table,
}

#[derive(Debug, Serialize)]
pub struct NavItem<'a> {
    pub title: &'a str,
    /// URL relative to the site root.
    pub path: String,
    /// Output folder: pages under it belong to this item.
    pub folder: &'a str,
}

#[derive(Debug, Serialize)]
pub struct NavTaxonomy<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub path: String,
}

#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    pub title: &'a str,
    pub permalink: String,
    pub date_rfc3339: String,
    pub updated_rfc3339: String,
    pub summary: &'a str,
    /// The page's HTML with absolute URLs, as feed readers need.
    pub content: String,
}

#[derive(Debug, Serialize)]
pub struct SitemapEntry {
    pub permalink: String,
    pub lastmod: String,
}

/// A printable board as `print_board.html` sees it.
#[derive(Debug, Serialize)]
pub struct BoardView<'a> {
    pub title: &'a str,
    /// `award` (an award list's rows) or `year` (a year's honourees).
    pub kind: &'static str,
    pub year: Option<i64>,
    pub issuer: &'a str,
    /// The award list's page, for award boards.
    pub source: String,
    /// The cards of this page, under their group's heading.
    pub groups: Vec<BoardGroup<'a>>,
    /// This page's number (from 1) and how many the board has.
    pub page: usize,
    pub pages: usize,
    /// The board's list of pages; empty when it has one page.
    pub contents: String,
}

/// The cards of one group on a board page.
#[derive(Debug, Serialize)]
pub struct BoardGroup<'a> {
    /// Category or region; empty when the board is not grouped.
    pub label: &'a str,
    /// Whether the group began on an earlier page.
    pub continued: bool,
    pub cards: Vec<BoardCard<'a>>,
}

/// A page in a board's list of pages.
#[derive(Debug, Serialize)]
pub struct BoardContentsEntry {
    pub number: usize,
    pub path: String,
    /// The headings of the groups on that page, joined.
    pub groups: String,
    pub count: usize,
}

/// One honouree on a board; `path`, `photo` and `qr_svg` are empty for a name
/// that has no person page.
#[derive(Debug, Serialize)]
pub struct BoardCard<'a> {
    pub name: &'a str,
    pub path: String,
    pub photo: Option<PhotoView<'a>>,
    pub honor: String,
    pub deed: String,
    pub qr_svg: String,
    /// The facts its kind shows on a board (none for a row naming no page).
    pub facts: Vec<FactView<'a>>,
}

/// A board in the list of `/print/`.
#[derive(Debug, Serialize)]
pub struct BoardLink {
    pub title: String,
    pub path: String,
    pub kind: &'static str,
    pub count: usize,
    /// How many pages the board prints on.
    pub pages: usize,
    /// The board's list of pages, when it has more than one.
    pub contents: Option<String>,
}
