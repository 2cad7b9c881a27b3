//! Render stage for person photos: the memory that decodes running at the
//! same time may take together — the build's thumbnails, the editor's
//! uploads and the export's pictures, all from one budget. Each decode
//! reserves what it needs before it starts and waits while others hold too
//! much, so large photos decode one after another instead of all at once.

use std::sync::{Condvar, LazyLock, Mutex, PoisonError};

/// Memory the decodes running at the same time in this process may take
/// together, the build's thumbnails and the editor's and export's photos
/// alike: 1.5 GiB.
const DECODES_TOTAL: u64 = 3 << 29;

/// The budget every decode in this process shares.
pub fn decodes() -> &'static Budget {
    static DECODES: LazyLock<Budget> = LazyLock::new(|| Budget::new(DECODES_TOTAL));
    &DECODES
}

/// Bytes shared by the threads that decode photos: a counting semaphore.
pub struct Budget {
    total: u64,
    free: Mutex<u64>,
    released: Condvar,
}

impl Budget {
    /// A budget of `total` bytes, all free.
    pub fn new(total: u64) -> Budget {
        Budget {
            total,
            free: Mutex::new(total),
            released: Condvar::new(),
        }
    }

    /// Waits until `bytes` are free and holds them until the reservation is
    /// dropped. A request for more than the whole budget takes all of it, so
    /// it runs alone.
    pub fn reserve(&self, bytes: u64) -> Reservation<'_> {
        let bytes = bytes.min(self.total);
        // The lock guards one number and nothing panics while holding it.
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        while *free < bytes {
            free = self.released.wait(free).unwrap_or_else(PoisonError::into_inner);
        }
        *free -= bytes;
        Reservation { budget: self, bytes }
    }
}

/// Bytes held from a [`Budget`], given back when dropped.
pub struct Reservation<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        *self.budget.free.lock().unwrap_or_else(PoisonError::into_inner) += self.bytes;
        self.budget.released.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn reservations_over_the_budget_wait_for_each_other() {
        let budget = Budget::new(100);
        let (taken, told) = mpsc::channel();
        std::thread::scope(|scope| {
            let first = budget.reserve(60);
            scope.spawn(|| {
                let second = budget.reserve(60);
                taken.send(()).expect("send");
                drop(second);
            });
            // 60 + 60 is over 100: the second waits for as long as the first is held.
            assert!(told.recv_timeout(Duration::from_millis(300)).is_err());
            drop(first);
            told.recv_timeout(Duration::from_secs(30))
                .expect("the second reservation goes ahead once the first is dropped");
        });
    }

    #[test]
    fn reservations_within_the_budget_go_together() {
        let budget = Budget::new(100);
        let _first = budget.reserve(40);
        let _second = budget.reserve(60);
    }

    #[test]
    fn a_request_larger_than_the_budget_takes_all_of_it() {
        let budget = Budget::new(100);
        drop(budget.reserve(1_000));
        let _all = budget.reserve(100);
    }
}
