//! What the `laurel` command prints: reports, the line for each rebuild, a
//! deploy's plan and outcome, and errors, in the reader's language.

use std::fmt::Display;
use std::io::Write;

use laurel::deploy::Deployed;
use laurel::i18n::{Lang, Message, msg};
use laurel::{Diagnostic, Error, Report};

use crate::progress;

/// Writes `text` and a line break to standard output. A closed pipe
/// (`laurel build | head -1`) or a full disk there is passed over: the
/// command's work does not hang on what it says, and printing never panics.
pub fn out_line(text: impl Display) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// [`out_line`] for standard error.
pub fn err_line(text: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// One terminal line for a rebuild: what changed, how much of the output, how long.
pub fn rebuild_line(rebuild: &Report, touched: usize, lang: Lang) -> String {
    let changed = match rebuild.changed.as_slice() {
        [] => msg::cli_changed_nothing(),
        [one] => Message::plain(one.as_str()),
        [first, rest @ ..] => msg::cli_changed_more(first, rest.len()),
    };
    let removed = match rebuild.removed.len() {
        0 => String::new(),
        n => msg::cli_removed(n).in_lang(lang).into_owned(),
    };
    let warnings = match rebuild.diagnostics().count() {
        0 => String::new(),
        n => msg::cli_rebuild_warnings(n).in_lang(lang).into_owned(),
    };
    let ms = rebuild.elapsed.as_millis();
    let line = msg::cli_rebuild(changed.in_lang(lang), rebuild.rendered, touched, removed, ms, warnings);
    line.in_lang(lang).into_owned()
}

/// Prints a build error once: the same errors again after the next change get one short line.
pub struct ErrorOnce {
    last: Option<String>,
    lang: Lang,
}

impl ErrorOnce {
    pub fn new(lang: Lang) -> Self {
        ErrorOnce { last: None, lang }
    }

    pub fn print(&mut self, err: &Error) {
        let text = err.to_string();
        if self.last.as_deref() == Some(text.as_str()) {
            err_line(msg::cli_still_failing().in_lang(self.lang));
        } else {
            match err {
                Error::Invalid(list) => {
                    print_diagnostics(list, self.lang);
                    let errors = list.iter().filter(|d| d.is_error()).count();
                    err_line(msg::cli_errors_kept(errors).in_lang(self.lang));
                }
                other => print_error(other, self.lang),
            }
            self.last = Some(text);
        }
    }

    pub fn clear(&mut self) {
        self.last = None;
    }
}

/// A command's warnings, then its summary line.
pub fn print_report(report: &Report, summary: Message, lang: Lang) {
    for d in report.diagnostics() {
        err_line(d.render(lang));
    }
    out_line(summary.in_lang(lang));
}

/// The lines of a deploy: warnings, what a dry run would do, the summary.
pub fn print_deployed(deployed: &Deployed, dry_run: bool, lang: Lang) {
    print_diagnostics(&deployed.build.warnings, lang);
    print_diagnostics(&deployed.warnings, lang);
    let plan = &deployed.plan;
    let (uploads, bytes) = (plan.uploads().count(), plan.uploads().map(|u| u.size).sum::<u64>());
    let built = msg::deploy_built(deployed.build.elapsed.as_millis());
    if dry_run {
        for upload in plan.uploads() {
            let size = progress::size(upload.size);
            let line = match upload.new {
                true => msg::deploy_would_upload_new(&upload.path, size),
                false => msg::deploy_would_upload_changed(&upload.path, size),
            };
            out_line(line.in_lang(lang));
        }
        for path in &plan.deletes {
            out_line(msg::deploy_would_delete(path).in_lang(lang));
        }
        let summary = msg::deploy_dry_run(
            &deployed.target,
            uploads,
            progress::size(bytes),
            plan.unchanged,
            plan.deletes.len(),
            built,
        );
        out_line(summary.in_lang(lang));
        return;
    }
    let summary = msg::deploy_done(
        &deployed.target,
        deployed.uploaded,
        progress::size(deployed.uploaded_bytes),
        plan.unchanged,
        deployed.deleted,
        format!("{:.2}", deployed.elapsed.as_secs_f64()),
        progress::size(deployed.manifest_bytes),
        built,
    );
    out_line(summary.in_lang(lang));
}

/// Each diagnostic on its own lines, to stderr.
pub fn print_diagnostics(list: &[Diagnostic], lang: Lang) {
    for d in list {
        err_line(d.render(lang));
    }
}

/// An error that stopped a command, with its causes.
pub fn print_error(err: &Error, lang: Lang) {
    match err {
        Error::Invalid(list) => {
            print_diagnostics(list, lang);
            let errors = list.iter().filter(|d| d.is_error()).count();
            err_line(msg::cli_errors_nothing_written(errors).in_lang(lang));
        }
        other => {
            err_line(msg::line_error(other.render(lang)).in_lang(lang));
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                err_line(msg::cli_caused_by(cause).in_lang(lang));
                source = cause.source();
            }
        }
    }
}
