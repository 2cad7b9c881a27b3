//! Serve stage, limits: how many connections and live-reload streams the
//! preview keeps open at once, chosen well under the process's file
//! descriptor limit, and the passes that count them.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long a client may take to send a request's head, counted from the
/// moment the server waits for it: slow clients and idle keep-alive
/// connections are closed after this.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(3);

/// How long one write to a client may block before the client is dropped.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The most bytes a request line and its headers may take together.
pub const HEAD_BYTES: usize = 64 * 1024;

/// How long a client may take to send a request's body.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// Never more open connections (or streams) than this, however high the
/// descriptor limit: each connection has a thread.
const MOST: usize = 512;

/// Raises the soft limit on open files to the hard limit and returns the
/// limit now in force (on systems without one, a common default).
pub fn raise_fd_limit() -> usize {
    raise_nofile().unwrap_or(1024)
}

#[cfg(unix)]
fn raise_nofile() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid, writable rlimit.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return None;
    }
    if limit.rlim_cur < limit.rlim_max {
        let raised = libc::rlimit {
            rlim_cur: limit.rlim_max,
            rlim_max: limit.rlim_max,
        };
        // SAFETY: `raised` is a valid rlimit; failure leaves the old limit.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            limit = raised;
        }
    }
    Some(usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX))
}

#[cfg(not(unix))]
fn raise_nofile() -> Option<usize> {
    None
}

/// Counts open connections and event streams, each up to its cap.
#[derive(Debug)]
pub struct Gate {
    connections: Counter,
    streams: Counter,
}

#[derive(Debug)]
struct Counter {
    open: AtomicUsize,
    most: usize,
}

impl Counter {
    fn new(most: usize) -> Counter {
        Counter {
            open: AtomicUsize::new(0),
            most,
        }
    }

    fn enter(&self) -> bool {
        self.open
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |open| {
                (open < self.most).then_some(open + 1)
            })
            .is_ok()
    }

    fn leave(&self) {
        self.open.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Gate {
    /// A gate for a process that may hold `fd_limit` files: a quarter of
    /// them for connections and a quarter for event streams (each one file),
    /// which leaves the rest for the build, the watcher and refusing the surplus.
    pub fn for_fd_limit(fd_limit: usize) -> Arc<Gate> {
        let most = (fd_limit / 4).clamp(1, MOST);
        Arc::new(Gate {
            connections: Counter::new(most),
            streams: Counter::new(most),
        })
    }

    /// A pass for one more connection, unless as many are open as allowed.
    pub fn enter(self: &Arc<Gate>) -> Option<Pass> {
        self.connections.enter().then(|| Pass {
            gate: self.clone(),
            stream: false,
        })
    }
}

/// One open connection or event stream; leaves its gate when dropped.
#[derive(Debug)]
pub struct Pass {
    gate: Arc<Gate>,
    stream: bool,
}

impl Pass {
    /// A pass for one more event stream, unless as many are open as allowed.
    pub fn stream(&self) -> Option<Pass> {
        self.gate.streams.enter().then(|| Pass {
            gate: self.gate.clone(),
            stream: true,
        })
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        if self.stream {
            self.gate.streams.leave();
        } else {
            self.gate.connections.leave();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_counts_up_to_its_cap_and_frees_on_drop() {
        let gate = Gate::for_fd_limit(8);
        let first = gate.enter().expect("a first connection");
        let second = gate.enter().expect("a second connection");
        assert!(gate.enter().is_none(), "a third is over 8 / 4");
        let stream = first.stream().expect("a stream");
        let _other = second.stream().expect("another stream");
        assert!(first.stream().is_none());
        drop(first);
        assert!(gate.enter().is_some(), "the first connection left");
        drop(stream);
        assert!(second.stream().is_some(), "the stream left");
    }

    #[test]
    fn gate_has_room_for_one_even_with_few_files() {
        let gate = Gate::for_fd_limit(2);
        assert!(gate.enter().is_some());
    }

    #[test]
    fn fd_limit_is_raised_to_the_hard_limit() {
        assert!(raise_fd_limit() >= 1);
        #[cfg(unix)]
        {
            let mut limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            // SAFETY: `limit` is a valid, writable rlimit.
            assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) }, 0);
            assert_eq!(limit.rlim_cur, limit.rlim_max);
        }
    }
}
