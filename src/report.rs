//! What a render did, for every command: `build`, `check`, and each rebuild
//! of `serve` and `build --watch`. The library never prints; the caller
//! tells the user from this.

use std::time::Duration;

use crate::error::Diagnostic;
use crate::inspect::{BodyFindings, Findings};
use crate::site::Site;

/// What one build, check or rebuild did.
#[derive(Debug, Default)]
pub struct Report {
    /// Source files whose change started a rebuild, relative to the site
    /// root; empty for a build from scratch.
    pub changed: Vec<String>,
    /// How many pages the site has.
    pub pages: usize,
    /// How many files the output has.
    pub files: usize,
    /// Outputs that went through a template; the rest were reused unchanged.
    pub rendered: usize,
    /// Outputs whose template context was made again, to compare with the
    /// last render's: every templated output when the whole site is
    /// rendered, only those an edit reaches otherwise. At least `rendered`.
    pub prepared: usize,
    /// With an output kept from the last render: the files whose bytes are
    /// new or changed (including copied files whose source changed), and
    /// those that are gone.
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// Broken links and missing `#fragment`s: warnings from `build`, errors
    /// from `check`.
    pub links: Vec<Diagnostic>,
    /// Sections with no published page (空白栏目): warnings from `build`,
    /// errors from `check`.
    pub empty_sections: Vec<Diagnostic>,
    /// Other problems that do not stop a build (inspection findings, wording,
    /// ambiguous names, photos without alt text, output files left alone):
    /// errors from `check --strict`.
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Whether this rebuild started afresh, after a panic that may have left
    /// the last one half-done: every output is then in `updated`, and
    /// `removed` cannot name what went away, so whoever keeps a copy of the
    /// output replaces it as a whole.
    pub whole: bool,
}

impl Report {
    /// Every problem found, links first.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.links.iter().chain(&self.empty_sections).chain(&self.warnings)
    }

    /// Adds what the inspection rules find in `site`, then the warnings its
    /// loading left.
    pub fn inspected(self, site: &Site) -> Report {
        self.with_findings(site, crate::inspect::inspect(site))
    }

    /// [`Report::inspected`], with the findings of each Markdown body kept
    /// from the last inspection, taken from it when `reuse` (see
    /// [`crate::inspect::inspect_with`]).
    pub fn inspected_with(self, site: &Site, bodies: &mut BodyFindings, reuse: bool) -> Report {
        self.with_findings(site, crate::inspect::inspect_with(site, bodies, reuse))
    }

    /// Adds the inspection's `findings` in `site`, then the warnings its loading left.
    pub fn with_findings(mut self, site: &Site, findings: Findings) -> Report {
        self.empty_sections = findings.empty_sections;
        self.warnings.extend(findings.warnings);
        self.warnings.extend(site.warnings.iter().cloned());
        self
    }

    /// Whether only stylesheets changed, so browsers can swap them without a reload.
    pub fn css_only(&self) -> bool {
        !self.updated.is_empty() && self.removed.is_empty() && self.updated.iter().all(|p| p.ends_with(".css"))
    }
}
