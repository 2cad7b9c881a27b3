//! The `laurel` command's progress display for `deploy`: a bar redrawn in
//! place on a terminal, a plain line every tenth of the work otherwise.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use laurel::deploy::Progress;
use laurel::i18n::{Lang, msg};

/// The progress of one deploy, shown on standard error.
pub struct Bar {
    terminal: bool,
    lang: Lang,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    files: usize,
    bytes: u64,
    done: usize,
    sent: u64,
    /// The tenths of the work reported so far (plain lines).
    tenths: usize,
    drawn: Option<Instant>,
}

impl Bar {
    pub fn new(lang: Lang) -> Bar {
        Bar {
            terminal: std::io::stderr().is_terminal(),
            lang,
            state: Mutex::default(),
        }
    }

    /// Takes one event of the deploy.
    pub fn show(&self, event: Progress) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match event {
            Progress::Planned { files, bytes } => {
                state.files = files;
                state.bytes = bytes;
            }
            Progress::Sent { bytes, .. } => {
                state.done += 1;
                state.sent += bytes;
            }
            Progress::Deleted { .. } => state.done += 1,
        }
        if state.files == 0 {
            return;
        }
        if self.terminal {
            let last = state.done == state.files;
            if last || state.drawn.is_none_or(|t| t.elapsed() > Duration::from_millis(100)) {
                state.drawn = Some(Instant::now());
                let filled = state.done * 30 / state.files;
                let counts = msg::deploy_progress_bar(state.done, state.files, size(state.sent), size(state.bytes));
                let _ = write!(
                    std::io::stderr(),
                    "\r[{}{}] {}",
                    "#".repeat(filled),
                    " ".repeat(30 - filled),
                    counts.in_lang(self.lang)
                );
                let _ = std::io::stderr().flush();
            }
        } else if state.done * 10 / state.files > state.tenths {
            state.tenths = state.done * 10 / state.files;
            let line = msg::deploy_progress_line(state.done, state.files, size(state.sent), size(state.bytes));
            crate::terminal::err_line(line.in_lang(self.lang));
        }
    }

    /// Ends the bar's line, if one was drawn.
    pub fn finish(&self) {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if self.terminal && state.drawn.is_some() {
            crate::terminal::err_line("");
        }
    }
}

/// A byte count for people: `512 B`, `12.3 KB`, `4.5 MB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1000 => format!("{bytes} B"),
        1000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}
