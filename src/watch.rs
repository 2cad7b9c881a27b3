//! Watch stage: notices changes to a site's sources and hands each burst of
//! them to a callback. Knows nothing of building or serving.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;

/// How long the watcher waits for a burst of saves to end (no event for
/// this long) before calling back. An editor's save
/// is well inside it: a temp file renamed into place takes under a
/// millisecond, and vim's save in place (truncate, write, fsync, close)
/// took 7 ms, traced, on a busy machine. Every millisecond here is one the
/// writer waits to see the page.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// The longest a burst is gathered before it is handed over anyway, so a
/// file written to without pause is still rebuilt.
const LONGEST_BURST: Duration = Duration::from_secs(1);

/// The folders under the site root whose files a build reads.
pub const WATCHED_DIRS: [&str; 5] = ["content", "static", "templates", "themes", "data"];

/// What a changed path is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Under `content/`: Markdown, award data, page bundle files.
    Content,
    /// Under `static/`: copied as it is.
    Static,
    /// Under `templates/`: the site's template overrides.
    Template,
    /// Under `themes/`.
    Theme,
    /// Under `data/`: award data shared between pages.
    Data,
    /// `laurel.toml`.
    Config,
}

/// What `path` (absolute, or relative to `root`) means to the site at `root`:
/// none for paths a build never reads — editors' swap, backup and temp files,
/// hidden files, the output folder, `target/`, anything outside the watched folders.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = if path.is_absolute() {
        path.strip_prefix(root).ok()?
    } else {
        path
    };
    let mut names = Vec::new();
    for component in rel.components() {
        match component {
            Component::Normal(name) => names.push(name.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let (first, rest) = names.split_first()?;
    if names.iter().any(|name| is_scratch(name)) {
        return None;
    }
    match (*first, rest.is_empty()) {
        (CONFIG_FILE, true) => Some(Change::Config),
        ("content", _) => Some(Change::Content),
        ("static", _) => Some(Change::Static),
        ("templates", _) => Some(Change::Template),
        ("themes", _) => Some(Change::Theme),
        ("data", _) => Some(Change::Data),
        _ => None,
    }
}

/// Whether an event can change what a build reads. Reads are not changes:
/// the build itself opens every source file and folder, and a rebuild for
/// those would never end.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Names editors and tools write beside the files they save.
fn is_scratch(name: &str) -> bool {
    crate::content::is_ignored(name)
        || name == "4913" // vim's probe for a writable folder
        || name.ends_with(".swx")
        || name.ends_with(".kate-swp")
        || name.ends_with(".orig")
        || name.contains("___jb_") // JetBrains safe-write
        || name.ends_with(".crdownload")
        || name.ends_with(".part")
}

/// A running watcher; it stops when dropped.
pub struct Watcher {
    stop: mpsc::Sender<Message>,
}

enum Message {
    Event(notify::Result<Event>),
    Stop,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.stop.send(Message::Stop);
    }
}

/// A watch that has begun but calls nobody yet: what changes is kept until
/// [`Watching::deliver`]. Start one before a first build, so a file saved
/// while the build runs is rebuilt right after it rather than lost.
pub struct Watching {
    root: PathBuf,
    watcher: RecommendedWatcher,
    /// Which of [`WATCHED_DIRS`] are watched.
    watched: BTreeSet<&'static str>,
    /// Events as the operating system reports them, and a stop.
    receiver: mpsc::Receiver<Message>,
    /// Cloned for the [`Watcher`] to send its stop.
    sender: mpsc::Sender<Message>,
}

/// Starts watching the site at `root`; see [`Watching::deliver`] for what
/// becomes of the changes.
pub fn watch(root: &Path) -> Result<Watching> {
    let root = std::path::absolute(root).map_err(|e| Error::io("find", root, e))?;
    let (sender, receiver) = mpsc::channel();
    let events = sender.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
        let _ = events.send(Message::Event(result));
    })
    .map_err(|e| watch_error(&root, e))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&root, e))?;
    let mut watching = Watching {
        root,
        watcher,
        watched: BTreeSet::new(),
        receiver,
        sender,
    };
    watching.watch_new_dirs();
    Ok(watching)
}

impl Watching {
    /// Calls `on_change` once per burst of changes with the changed paths
    /// (absolute, sorted, each one [`classify`] accepts): first, at once, for
    /// what changed since [`watch`] began, then for every later burst.
    /// Folders created later (a first `static/`) are watched from then on.
    pub fn deliver(self, on_change: impl FnMut(Vec<PathBuf>) + Send + 'static) -> Result<Watcher> {
        let stop = self.sender.clone();
        let shown = self.root.clone();
        thread::Builder::new()
            .name("laurel-watch".into())
            .spawn(move || self.relay(on_change))
            .map_err(|e| Error::io("start a watcher for", &shown, e))?;
        Ok(Watcher { stop })
    }

    /// Hands each burst of changes to `on_change` until the watcher stops.
    fn relay(mut self, mut on_change: impl FnMut(Vec<PathBuf>)) {
        while let Some(events) = self.next_burst() {
            let mut changed = BTreeSet::new();
            for event in events.iter().filter(|event| is_change(&event.kind)) {
                changed.extend(
                    event
                        .paths
                        .iter()
                        .filter(|p| classify(&self.root, p).is_some())
                        .cloned(),
                );
            }
            changed.extend(self.watch_new_dirs());
            if !changed.is_empty() {
                on_change(changed.into_iter().collect());
            }
        }
    }

    /// The next burst of events: waits, without waking, for a first one, then
    /// gathers more until none came for [`DEBOUNCE`] (or for at most
    /// [`LONGEST_BURST`]). Events that came while the last callback ran are
    /// part of the burst. Errors (a watch limit, a vanished folder) are left
    /// out; the rest of the burst still counts. None once the watcher stops.
    fn next_burst(&self) -> Option<Vec<Event>> {
        let Message::Event(first) = self.receiver.recv().ok()? else {
            return None;
        };
        let began = Instant::now();
        let mut events: Vec<Event> = first.into_iter().collect();
        loop {
            let left = LONGEST_BURST.saturating_sub(began.elapsed());
            if left.is_zero() {
                return Some(events);
            }
            match self.receiver.recv_timeout(DEBOUNCE.min(left)) {
                Ok(Message::Event(event)) => events.extend(event),
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => return Some(events),
            }
        }
    }

    /// Starts watching the site folders that appeared since the last call
    /// (and forgets those that went away, so a re-created one is watched
    /// again); returns the new ones, since files written into them before the
    /// watch began were not seen.
    fn watch_new_dirs(&mut self) -> Vec<PathBuf> {
        let mut added = Vec::new();
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            let present = dir.is_dir();
            if present && !self.watched.contains(name) {
                if self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(name);
                    added.push(dir);
                }
            } else if !present && self.watched.remove(name) {
                let _ = self.watcher.unwatch(&dir);
            }
        }
        added
    }
}

fn watch_error(root: &Path, err: notify::Error) -> Error {
    let cause = match err.kind {
        notify::ErrorKind::Io(cause) => crate::error::io_reason(&cause),
        notify::ErrorKind::MaxFilesWatch => msg::watch_too_many(notify::Error::new(notify::ErrorKind::MaxFilesWatch)),
        other => crate::i18n::Message::plain(notify::Error::new(other).to_string()),
    };
    Diagnostic::error("", msg::watch_failed(root.display(), cause))
        .hint(msg::watch_failed_hint())
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<Change> {
        classify(Path::new("/site"), Path::new(path))
    }

    #[test]
    fn classify_site_files() {
        let table = [
            ("/site/content/people/zhang-san.md", Some(Change::Content)),
            ("/site/content/awards/2024.csv", Some(Change::Content)),
            ("/site/content/people/li/photo.jpg", Some(Change::Content)),
            ("/site/content", Some(Change::Content)),
            ("/site/static/style.css", Some(Change::Static)),
            ("/site/templates/person.html", Some(Change::Template)),
            ("/site/themes/red/templates/base.html", Some(Change::Theme)),
            ("/site/data/units.toml", Some(Change::Data)),
            ("/site/laurel.toml", Some(Change::Config)),
            ("content/a.md", Some(Change::Content)),
            ("./laurel.toml", Some(Change::Config)),
        ];
        for (path, want) in table {
            assert_eq!(kind(path), want, "{path}");
        }
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{CreateKind, RemoveKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Read))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::Any)));
    }

    #[test]
    fn classify_ignores_scratch_and_foreign_paths() {
        let ignored = [
            "/site/content/people/.zhang-san.md.swp",
            "/site/content/people/zhang-san.md.swx",
            "/site/content/people/zhang-san.md~",
            "/site/content/people/.#zhang-san.md",
            "/site/content/people/#zhang-san.md#",
            "/site/content/people/4913",
            "/site/content/people/zhang-san.md.tmp",
            "/site/content/people/zhang-san.md.bak",
            "/site/content/a.md___jb_tmp___",
            "/site/content/.hidden/a.md",
            // The editor's trash and the temp file of its atomic saves.
            "/site/.laurel-trash/content/people/zhang-san.md",
            "/site/content/people/.zhang-san.md.laurel-123.tmp",
            "/site/static/.DS_Store",
            "/site/public/index.html",
            "/site/.public.laurel-new/index.html",
            "/site/target/debug/laurel",
            "/site/.git/index",
            "/site/README.md",
            "/site/content/../laurel.toml",
            "/site/laurel.toml/x",
            "/elsewhere/content/a.md",
            "/site",
            "",
        ];
        for path in ignored {
            assert_eq!(kind(path), None, "{path}");
        }
    }
}
