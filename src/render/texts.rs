//! Render stage: the Markdown of every page and section, with summaries, QR
//! codes and photos — what the templates show besides front matter — and the
//! check of the links inside it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::{RenderCache, SUMMARY_LIMIT};
use crate::error::Diagnostic;
use crate::i18n::msg;
use crate::inspect::BodyFindings;
use crate::links::{Destination, LinkIndex, page_url};
use crate::markdown::{Document, LinkOutcome, Markdown};
use crate::page::{Kind, Page};
use crate::render::photo::CacheUse;
use crate::render::qr::Code;
use crate::render::search::{Filling, KEYS_CHUNK, PageKeys};
use crate::render::stash::HtmlStash;
use crate::site::Site;
use crate::text::summarize;
use crate::theme::Theme;

/// Markdown and summaries of every page and section.
pub(super) struct Texts {
    /// Each page's document; without its `html`, `lead` and `text` when
    /// `rendered_again`.
    pub(super) pages: Vec<Document>,
    /// Whether the pages' HTML and text are not kept in memory: each page's
    /// job takes its HTML from `stash` or renders its Markdown again
    /// ([`super::Renderer::story`]).
    pub(super) rendered_again: bool,
    /// The pages' HTML set aside by the Markdown pass, when `rendered_again`.
    pub(super) stash: Option<HtmlStash>,
    pub(super) sections: Vec<Document>,
    pub(super) summaries: Vec<String>,
    /// QR code of each page (persons only), drawn as SVG where it is shown
    /// ([`super::Renderer::qr`]).
    pub(super) qr: Vec<Option<Code>>,
    pub(super) photos: crate::render::photo::Photos,
    /// What the inspection found in each page's story, when `rendered_again`:
    /// found in the Markdown pass, which reads the story anyway.
    pub(super) findings: BodyFindings,
}

/// What the Markdown pass learnt of a page's story besides its document:
/// the inspection's findings when it inspected the story, or why the story
/// could not be read.
type Found = Result<Option<Vec<Diagnostic>>, Diagnostic>;

/// Markdown of every page and section (reusing the cache's where the text is
/// the same), and the pages' summaries; with them, the search index's keys
/// and the photos that could not be read. The pages are rendered a chunk at a
/// time in display order and their keys added to the index as they go.
/// Without a cache (a build or a check) each page's lead and text are
/// dropped as soon as its summary and keys are made, and its HTML set aside
/// in a [`HtmlStash`]: a big site's stories are never all in memory at once,
/// yet each is read and parsed only once.
pub(super) fn render_texts(
    site: &Site,
    index: &LinkIndex,
    mut cache: Option<&mut RenderCache>,
    photo_cache: CacheUse,
) -> (Texts, Filling, Vec<Diagnostic>) {
    let markdown = Markdown::new(site.config.allow_html);
    // The last render's documents, by source, to take over where the text is the same.
    let mut reusable: HashMap<String, (u64, usize, Document)> = cache
        .as_deref_mut()
        .and_then(|c| c.texts.take())
        .map(|(sources, last)| {
            sources
                .into_iter()
                .zip(last.pages)
                .map(|(key, doc)| (key.source, (key.hash, key.line, doc)))
                .collect()
        })
        .unwrap_or_default();
    let rendered_again = cache.is_none();
    let mut stash = rendered_again.then(|| HtmlStash::new(site.pages.len())).flatten();
    let mut taken: Vec<Option<Document>> = site
        .pages
        .iter()
        .map(|p| match reusable.remove(&p.source) {
            Some((hash, line, doc)) if hash == p.body.hash() && line == p.body_line => Some(doc),
            _ => None,
        })
        .collect();
    let mut pages = vec![Document::default(); site.pages.len()];
    let mut summaries = vec![String::new(); site.pages.len()];
    let mut filling = Filling::new(site);
    let mut unread = Vec::new();
    let mut findings = BodyFindings::default();
    for order in site.order.chunks(KEYS_CHUNK) {
        let kept: Vec<Option<Document>> = order.iter().map(|&i| taken[i].take()).collect();
        let stashing = stash.is_some();
        let made: Vec<(Document, String, PageKeys, Found)> = order
            .par_iter()
            .zip(kept)
            .with_max_len(crate::TASK_LEN)
            .map(|(&i, doc)| {
                let p = &site.pages[i];
                let doc = doc.map(|doc| Ok((doc, None))).unwrap_or_else(|| match rendered_again {
                    true => read_page(&markdown, index, site, p, stashing).map(|(doc, found)| (doc, Some(found))),
                    false => render_page(&markdown, index, &site.root, p).map(|doc| (doc, None)),
                });
                let (mut doc, found) = match doc {
                    Ok((doc, found)) => (doc, Ok(found)),
                    Err(problem) => (Document::default(), Err(problem)),
                };
                let summary = p.summary.clone().unwrap_or_else(|| summarize(&doc.lead, SUMMARY_LIMIT));
                let keys = PageKeys::new(site, i, &summary, &doc.text);
                if rendered_again {
                    doc.lead = String::new();
                    doc.text = String::new();
                }
                (doc, summary, keys, found)
            })
            .collect();
        let mut docs = Vec::with_capacity(made.len());
        let mut keys = Vec::with_capacity(made.len());
        for (&i, (doc, summary, page_keys, found)) in order.iter().zip(made) {
            docs.push(doc);
            summaries[i] = summary;
            keys.push(page_keys);
            match found {
                Ok(Some(found)) => findings.keep(&site.pages[i], found),
                Ok(None) => {}
                Err(problem) => unread.push(problem),
            }
        }
        // The HTML is written aside while the keys fill the index, so no core waits for the write.
        let htmls = order.iter().zip(&docs).map(|(&i, doc)| (i, doc.html.as_str()));
        let (stashed, ()) = rayon::join(|| stash.as_mut().map(|kept| kept.add(htmls)), || filling.add(&keys));
        if let Some(Err(_)) = stashed {
            stash = None;
        }
        for (&i, mut doc) in order.iter().zip(docs) {
            if rendered_again {
                doc.html = String::new();
            }
            pages[i] = doc;
        }
    }
    let sections: Vec<Document> = site
        .sections
        .par_iter()
        .map(|s| {
            let source = section_source(&s.dir);
            markdown.render(&s.body, s.body_line, &|url| index.resolve(&source, &s.path, url))
        })
        .collect();
    let (photos, mut problems) = crate::render::photo::thumbnails(site, photo_cache);
    unread.append(&mut problems);
    let known = cache.as_deref().map(|c| &c.qr_codes);
    let qr: Vec<Option<Code>> = site
        .pages
        .par_iter()
        .map(|p| match p.kind {
            Kind::Person => {
                let url = site.config.permalink(&page_url(&p.path, site.config.pretty_links));
                match known.and_then(|k| k.get(&url)) {
                    Some(code) => Some(code.clone()),
                    None => Code::new(&url),
                }
            }
            _ => None,
        })
        .collect();
    if let Some(cache) = cache {
        cache.qr_codes = site
            .pages
            .iter()
            .zip(&qr)
            .filter_map(|(p, code)| {
                let url = site.config.permalink(&page_url(&p.path, site.config.pretty_links));
                Some((url, code.clone()?))
            })
            .collect();
    }
    let texts = Texts {
        pages,
        rendered_again,
        stash,
        sections,
        summaries,
        qr,
        photos,
        findings,
    };
    (texts, filling, unread)
}

/// The Markdown of `page`, its links resolved through `index`; its story
/// read again from the site at `root` when it was left in its file.
pub(super) fn render_page(
    markdown: &Markdown,
    index: &LinkIndex,
    root: &Path,
    page: &Page,
) -> Result<Document, Diagnostic> {
    let story = page.story(root)?;
    Ok(markdown.render(&story, page.body_line, &index.resolver(page)))
}

/// [`render_page`], without the HTML unless `with_html` (else the page's job
/// renders it again); with what the inspection finds in the story, read
/// once for both.
fn read_page(
    markdown: &Markdown,
    index: &LinkIndex,
    site: &Site,
    page: &Page,
    with_html: bool,
) -> Result<(Document, Vec<Diagnostic>), Diagnostic> {
    let story = page.story(&site.root)?;
    let resolve = index.resolver(page);
    let doc = match with_html {
        true => markdown.render(&story, page.body_line, &resolve),
        false => markdown.read(&story, page.body_line, &resolve),
    };
    Ok((doc, BodyFindings::inspect_story(site, page, &story)))
}

/// The HTML alone of [`render_page`], for a page's job when the Markdown
/// pass did not keep it.
pub(super) fn render_page_html(
    markdown: &Markdown,
    index: &LinkIndex,
    root: &Path,
    page: &Page,
) -> Result<String, Diagnostic> {
    let story = page.story(root)?;
    Ok(markdown.render_html(&story, page.body_line, &index.resolver(page)))
}

pub(super) fn section_source(dir: &str) -> String {
    if dir.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{dir}/_index.md")
    }
}

/// Where every source file of the site is published, for resolving links.
pub fn link_index(site: &Site, theme: &Theme) -> LinkIndex {
    let mut targets: HashMap<String, Destination> = HashMap::with_capacity(site.pages.len() + site.sections.len());
    for page in &site.pages {
        targets.insert(page.source.clone(), Destination::Page(page.path.clone()));
    }
    for section in &site.sections {
        targets.insert(section_source(&section.dir), Destination::Page(section.path.clone()));
    }
    for (rel, asset) in &site.content_assets {
        targets.insert(rel.clone(), Destination::File(asset.output.clone()));
    }
    for rel in &site.unloaded {
        targets.insert(rel.clone(), Destination::Unloaded);
    }
    let statics: HashSet<String> = site
        .static_files
        .iter()
        .map(|a| a.output.clone())
        .chain(theme.static_files.iter().map(|(out, _)| out.clone()))
        .collect();
    LinkIndex::new(targets, statics, site.config.pretty_links)
}

/// Reports links to missing files and to headings that do not exist.
pub(super) fn check_links(site: &Site, texts: &Texts) -> Vec<Diagnostic> {
    // Made at the first link to a heading: most sites have none, and serve
    // checks the links again after every edit.
    let mut headings: Option<HashMap<String, &Document>> = None;
    let files = site
        .pages
        .iter()
        .map(|p| p.file.as_str())
        .chain(site.sections.iter().map(|s| s.file.as_str()));
    let docs = texts.pages.iter().chain(&texts.sections);
    let mut problems = Vec::new();
    for (file, doc) in files.zip(docs) {
        for link in &doc.links {
            match &link.outcome {
                LinkOutcome::Broken { reason } => problems.push(
                    Diagnostic::warning(file, msg::link_broken(&link.url, reason.clone()))
                        .at_line(link.line)
                        .hint(msg::link_broken_hint()),
                ),
                LinkOutcome::Rewrite {
                    target: Some(target), ..
                } => {
                    let Some(fragment) = &target.fragment else { continue };
                    let known = headings
                        .get_or_insert_with(|| documents_by_source(site, texts))
                        .get(&target.source)
                        .is_some_and(|d| d.headings.iter().any(|h| h.id == *fragment))
                        || fragment.starts_with("fn-")
                        || fragment.starts_with("fnref-");
                    if !known {
                        problems.push(
                            Diagnostic::warning(file, msg::link_no_heading(&link.url, &target.source, fragment))
                                .at_line(link.line)
                                .hint(msg::link_no_heading_hint()),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    problems
}

/// The Markdown of every page and section, by source.
fn documents_by_source<'a>(site: &Site, texts: &'a Texts) -> HashMap<String, &'a Document> {
    let pages = site.pages.iter().map(|page| page.source.clone()).zip(&texts.pages);
    let sections = site
        .sections
        .iter()
        .map(|s| section_source(&s.dir))
        .zip(&texts.sections);
    pages.chain(sections).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site of one person whose story links to a heading, in a temporary folder.
    fn site() -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |path: &str, text: &str| crate::testing::write_file(dir.path(), path, text);
        write(
            "laurel.toml",
            "title = \"好人榜\"\nbase_url = \"https://example.org/\"\n",
        );
        write("content/_index.md", "+++\ntitle = \"首页\"\n+++\n");
        write(
            "content/people/_index.md",
            "+++\ntitle = \"身边好人\"\npage_kind = \"person\"\n+++\n",
        );
        write(
            "content/people/a.md",
            "+++\ntitle = \"张三\"\n+++\n## 事迹\n\n他**坚持**学雷锋，见[事迹](#事迹)。\n",
        );
        let site = Site::load(&crate::BuildOptions::new(dir.path())).expect("site loads");
        (dir, site)
    }

    #[test]
    fn a_build_keeps_no_story_html_once_summaries_are_made() {
        let (_dir, site) = site();
        let theme = Theme::load(&site.root, "default").expect("theme");
        let index = link_index(&site, &theme);
        let (texts, keys, problems) = render_texts(&site, &index, None, CacheUse::Read);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(texts.rendered_again);
        let doc = &texts.pages[0];
        assert_eq!(
            (doc.html.as_str(), doc.lead.as_str(), doc.text.as_str()),
            ("", "", ""),
            "the story stays in memory"
        );
        assert_eq!(texts.summaries[0], "他坚持学雷锋，见事迹。");
        assert_eq!(doc.headings[0].id, "事迹", "link checks need the headings");
        assert!(check_links(&site, &texts).is_empty());
        let search = crate::render::search::finish_index(&site, &texts.summaries, keys);
        let built = crate::render::search::build_index(
            &site,
            &[render_page(&Markdown::new(false), &index, &site.root, &site.pages[0]).expect("story")],
            &texts.summaries,
        );
        assert_eq!(search.files(), built.files(), "the search index has the story's keys");
        assert_eq!(texts.pages[0].units, (11, 0), "reading time needs the count");
        let story = render_page_html(&Markdown::new(false), &index, &site.root, &site.pages[0]).expect("story");
        assert!(story.contains("<strong>坚持</strong>"), "{story}");
    }

    #[test]
    fn a_build_sets_each_story_html_aside_as_its_job_would_render_it() {
        let (dir, _) = site();
        let stories = ["## 事迹\n\n他**坚持**学雷锋。\n", "她见[张三](a.md)。\n", ""];
        for (n, story) in stories.iter().enumerate() {
            let front = format!("+++\ntitle = \"李{n}\"\n+++\n");
            crate::testing::write_file(dir.path(), &format!("content/people/b{n}.md"), &(front + story));
        }
        let mut options = crate::BuildOptions::new(dir.path());
        options.stories_in_files = true;
        let site = Site::load(&options).expect("site loads");
        let theme = Theme::load(&site.root, "default").expect("theme");
        let index = link_index(&site, &theme);
        let (texts, _, problems) = render_texts(&site, &index, None, CacheUse::Read);
        assert!(problems.is_empty(), "{problems:?}");
        let stash = texts.stash.as_ref().expect("the HTML is set aside");
        for (i, page) in site.pages.iter().enumerate() {
            assert_eq!(texts.pages[i].html, "", "{} stays in memory", page.file);
            let again = render_page_html(&Markdown::new(false), &index, &site.root, page).expect("story");
            assert_eq!(stash.get(i).as_deref(), Some(again.as_str()), "{}", page.file);
        }
    }

    #[test]
    fn serve_keeps_story_html_for_the_next_render() {
        let (_dir, site) = site();
        let theme = Theme::load(&site.root, "default").expect("theme");
        let index = link_index(&site, &theme);
        let mut cache = RenderCache::default();
        let (texts, _, _) = render_texts(&site, &index, Some(&mut cache), CacheUse::Read);
        assert!(!texts.rendered_again);
        assert!(texts.pages[0].html.contains("<strong>坚持</strong>"));
        assert!(texts.pages[0].text.contains("学雷锋"));
    }
}
