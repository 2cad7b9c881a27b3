//! Resolve stage, for `serve`: pages added, removed or read again, put in
//! their places in a loaded site — its order, sections, lists of persons and
//! links between pages — as a full load of the files as they are now would
//! place them, without loading the site again.

use super::Site;
use crate::award::PERSON_SLUG_COLUMN;
use crate::page::{Kind, Page};
use crate::taxonomy::update_taxonomies;

impl Site {
    /// Puts `page` in place of page `i` (read again from the same file, with
    /// the same assets) and works out again everything that follows from
    /// the pages (see [`Site::change_pages`]).
    pub fn replace_page(&mut self, i: usize, page: Page) {
        self.change_pages(vec![PageChange::Replaced(i, page)]);
    }

    /// Adds, removes and replaces pages (none of them an award list, a page
    /// bundle or a section's `_index.md`) as a full load of the files as
    /// they are now would place them, then works out again everything that
    /// follows from the pages: order, section lists, taxonomies, events,
    /// award links and warnings. The caller checks first that each page's
    /// photo exists ([`Site::check_photo`]). Gives the new index of each page the site
    /// held before, `None` for a removed one.
    pub fn change_pages(&mut self, changes: Vec<PageChange>) -> Vec<Option<usize>> {
        let relink = self.relinks(&changes);
        let mut map: Vec<Option<usize>> = (0..self.pages.len()).map(Some).collect();
        // The pages read again or added, by their index as it is now.
        let mut changed: Vec<usize> = Vec::new();
        for change in changes {
            match change {
                PageChange::Replaced(i, page) => {
                    let new = map[i].expect("a replaced page is not removed");
                    self.unlist_person(new);
                    self.pages[new] = page;
                    self.list_person(new);
                    self.place_in_section(new);
                    changed.push(new);
                }
                PageChange::Removed(i) => {
                    let gone = map[i].take().expect("a page is removed once");
                    self.unlist_person(gone);
                    let new = |j: usize| if j > gone { Some(j - 1) } else { (j < gone).then_some(j) };
                    self.renumber(new);
                    changed = changed.into_iter().filter_map(new).collect();
                    map.iter_mut().flatten().filter(|j| **j > gone).for_each(|j| *j -= 1);
                    self.pages.remove(gone);
                    self.tables.remove(gone);
                    self.events_of.remove(gone);
                    self.people_of.remove(gone);
                    self.row_people.remove(gone);
                    self.awards_of.remove(gone);
                }
                PageChange::Added(page) => {
                    let at = self
                        .pages
                        .partition_point(|p| walk_order(&p.source, &page.source).is_lt());
                    let new = |j: usize| Some(if j >= at { j + 1 } else { j });
                    self.renumber(new);
                    changed = changed.into_iter().filter_map(new).collect();
                    map.iter_mut().flatten().filter(|j| **j >= at).for_each(|j| *j += 1);
                    self.pages.insert(at, page);
                    self.tables.insert(at, None);
                    self.events_of.insert(at, Vec::new());
                    self.people_of.insert(at, Vec::new());
                    self.row_people.insert(at, Vec::new());
                    self.awards_of.insert(at, Vec::new());
                    let dir = parent_dir(&self.pages[at].source);
                    if let Some(section) = self.sections.iter_mut().find(|s| s.dir == dir) {
                        section.pages.push(at);
                    }
                    self.list_person(at);
                    self.place_in_section(at);
                    changed.push(at);
                }
            }
        }
        self.place_in_order(&changed);
        update_taxonomies(&mut self.taxonomies, &self.config, &self.pages, &self.order, &changed);
        if relink {
            self.link_pages();
        }
        map
    }

    /// Whether `changes` may change the links between pages or their
    /// warnings ([`Site::link_pages`]); otherwise the links only move with
    /// the pages' indices (see [`Site::renumber`]).
    fn relinks(&self, changes: &[PageChange]) -> bool {
        changes.iter().any(|change| match change {
            PageChange::Replaced(i, page) => !links_alike(&self.pages[*i], page),
            PageChange::Added(page) => self.may_relink(page),
            PageChange::Removed(i) => self.may_relink(&self.pages[*i]),
        })
    }

    /// Gives the order's, every section's, term's and title's pages, and
    /// the pages linked to one another, their new indices (`None`: the page is gone).
    fn renumber(&mut self, new: impl Fn(usize) -> Option<usize>) {
        // In place: a list made again would grow a page at a time.
        let renumber = |pages: &mut Vec<usize>| pages.retain_mut(|j| new(*j).map(|n| *j = n).is_some());
        renumber(&mut self.order);
        for section in &mut self.sections {
            renumber(&mut section.pages);
        }
        for term in self.taxonomies.iter_mut().flat_map(|t| t.terms.iter_mut()) {
            renumber(&mut term.pages);
        }
        self.persons_by_title.values_mut().for_each(renumber);
        self.events_of.iter_mut().chain(&mut self.awards_of).for_each(renumber);
        for (_, person) in self.people_of.iter_mut().flatten() {
            *person = person.and_then(&new);
        }
        for person in self.row_people.iter_mut().flatten() {
            *person = person.and_then(&new);
        }
    }

    /// Whether adding or removing `page` may change the links between pages
    /// or their warnings: an event or award list, a page warned of, a
    /// person whose title an event or an award row names, or any page where
    /// award rows name persons by slug. Otherwise the links only move with
    /// the pages' indices (see [`Site::renumber`]). Persons are looked up
    /// by title only for the names events and rows give, so pages that
    /// share a title no one names (a page renamed: its title goes and comes
    /// back at once) leave every lookup as it was.
    fn may_relink(&self, page: &Page) -> bool {
        let tables = || self.tables.iter().flatten();
        let slugs = tables().any(|t| t.columns.iter().any(|c| c == PERSON_SLUG_COLUMN));
        let named = || {
            self.pages.iter().any(|p| p.people.contains(&page.title))
                || tables().any(|t| t.rows.iter().flatten().any(|cell| *cell == page.title))
        };
        !page.people.is_empty()
            || page.kind == Kind::Award
            || (page.photo.is_some() && page.photo_alt.is_none())
            || slugs
            || named()
    }

    /// Takes page `i` out of [`Site::persons_by_title`].
    fn unlist_person(&mut self, i: usize) {
        let title = &self.pages[i].title;
        if let Some(pages) = self.persons_by_title.get_mut(title) {
            pages.retain(|&p| p != i);
            if pages.is_empty() {
                self.persons_by_title.remove(title);
            }
        }
    }

    /// Moves page `i` to its place in the list of the section that holds
    /// it, the rest of which is in display order.
    fn place_in_section(&mut self, i: usize) {
        let pages = &self.pages;
        for section in self.sections.iter_mut().filter(|s| s.pages.contains(&i)) {
            section.pages.retain(|&p| p != i);
            place(&mut section.pages, pages, i);
        }
    }

    /// Moves the pages `changed` to their places in the display order of
    /// all pages; the others keep theirs, as display order goes by each page alone.
    fn place_in_order(&mut self, changed: &[usize]) {
        let mut is_changed = vec![false; self.pages.len()];
        changed.iter().for_each(|&i| is_changed[i] = true);
        self.order.retain(|&p| !is_changed[p]);
        for &i in changed {
            // Once each, should a page be listed twice.
            if std::mem::take(&mut is_changed[i]) {
                place(&mut self.order, &self.pages, i);
            }
        }
    }
}

/// A change to the pages of a site (see [`Site::change_pages`]).
#[derive(Debug, Clone)]
pub enum PageChange {
    /// Page `i` read again from its file.
    Replaced(usize, Page),
    /// Page `i`'s file is gone.
    Removed(usize),
    /// A page from a file the site did not hold.
    Added(Page),
}

/// Whether [`Site::link_pages`] finds the same links and warnings with
/// `new` in place of `old`: both alike in all it reads of a page — title,
/// kind, address, file, the persons it names and its photo — and, for a
/// page that names persons, in its place in display order, which orders
/// the events of each person.
fn links_alike(old: &Page, new: &Page) -> bool {
    let named = (old.title == new.title && old.kind == new.kind)
        && (old.path == new.path && old.file == new.file)
        && (old.people == new.people && old.people_line == new.people_line);
    let photo = old.photo == new.photo && old.photo_alt == new.photo_alt && old.photo_line == new.photo_line;
    let placed = old.date == new.date && old.weight == new.weight && old.source == new.source;
    named && photo && (old.people.is_empty() || placed)
}

/// Puts page `i` into `list`, pages in display order, at its place.
fn place(list: &mut Vec<usize>, pages: &[Page], i: usize) {
    let at = list.partition_point(|&p| crate::content::display_order(&pages[p], &pages[i]).is_lt());
    list.insert(at, i);
}

/// The order in which a full load holds pages: their sources (relative to
/// `content/`) sorted folder by folder, as the walk of `content/` finds them.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

fn parent_dir(source: &str) -> &str {
    source.rfind('/').map_or("", |i| &source[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{write_file, write_person_site};

    /// A site of the persons 张三, 李四 and 王五, and an event that names 李四.
    fn site(root: &std::path::Path) -> Site {
        write_person_site(root);
        for (file, title) in [("zhang-san", "张三"), ("li-si", "李四"), ("wang-wu", "王五")] {
            write_file(
                root,
                &format!("content/people/{file}.md"),
                &format!("+++\ntitle = \"{title}\"\n+++\n事迹。\n"),
            );
        }
        write_file(
            root,
            "content/events/lei-feng.md",
            "+++\ntitle = \"学雷锋\"\nkind = \"event\"\npeople = [\"李四\"]\n+++\n活动。\n",
        );
        Site::load(&crate::BuildOptions::new(root)).expect("site loads")
    }

    /// Page `from` of `site` moved to the file `to` (under `content/`), as
    /// the changes a rename makes: the old page removed, the new one added.
    fn renamed(site: &Site, root: &std::path::Path, from: &str, to: &str) -> Vec<PageChange> {
        let i = site.pages.iter().position(|p| p.source == from).expect("the page");
        let content = root.join(crate::content::CONTENT_DIR);
        std::fs::rename(content.join(from), content.join(to)).expect("rename");
        let page = crate::content::reload_page(root, &site.config, &site.sections, to)
            .expect("a page")
            .expect("it loads");
        vec![PageChange::Removed(i), PageChange::Added(page)]
    }

    #[test]
    fn a_renamed_page_relinks_the_site_only_when_its_title_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = site(dir.path());
        let changes = renamed(&site, dir.path(), "people/zhang-san.md", "people/zhang-san-2.md");
        assert!(!site.relinks(&changes), "no event or list names 张三");
        let changes = renamed(&site, dir.path(), "people/li-si.md", "people/li-si-2.md");
        assert!(site.relinks(&changes), "the event names 李四");
    }
}
