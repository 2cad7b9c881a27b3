//! Serve stage: the output files a rebuild may still change, once it has
//! published the pages its edit made. A request for one of them waits until
//! the rebuild ends, then gets the fresh file; the others are served at once.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::http::{self, Lookup};

/// How long a request waits for a held file at most; then it gets what is there.
pub const HOLD_LIMIT: Duration = Duration::from_secs(10);

/// The output paths held back, and the requests waiting for them.
#[derive(Default)]
pub struct Held {
    state: Mutex<State>,
    released: Condvar,
}

#[derive(Default)]
struct State {
    paths: HashSet<String>,
    /// How many requests wait now.
    waiting: usize,
}

impl Held {
    /// Holds `paths` back until [`Held::release`].
    pub fn hold(&self, paths: HashSet<String>) {
        self.lock().paths = paths;
    }

    /// Lets every held path go, and wakes the requests that wait for one.
    pub fn release(&self) {
        self.lock().paths.clear();
        self.released.notify_all();
    }

    /// Waits while the file a request for `rel` (relative to the base path)
    /// would get is held, at most [`HOLD_LIMIT`].
    pub fn wait_for(&self, rel: &str) {
        let held = |state: &State| matches!(http::lookup(rel, |key| state.paths.contains(key)), Lookup::File(_));
        let mut state = self.lock();
        if !held(&state) {
            return;
        }
        let deadline = Instant::now() + HOLD_LIMIT;
        state.waiting += 1;
        while held(&state) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = match self.released.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        state.waiting -= 1;
    }

    /// How many requests wait for a held file now.
    pub fn waiting(&self) -> usize {
        self.lock().waiting
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_held_files_wait() {
        let held = Held::default();
        held.hold(HashSet::from(["people/index.html".to_string()]));
        let start = Instant::now();
        held.wait_for("people/zhang-san/");
        held.wait_for("style.css");
        assert!(start.elapsed() < HOLD_LIMIT, "files not held are served at once");
        std::thread::scope(|s| {
            let waiter = s.spawn(|| held.wait_for("people/"));
            while held.waiting() == 0 {
                std::thread::yield_now();
            }
            held.release();
            waiter.join().expect("the waiter");
        });
        assert_eq!(held.waiting(), 0);
    }
}
