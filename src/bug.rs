//! Bugs in laurel itself: a panic inside a build becomes an error saying what
//! laurel was doing, so `build` reports it and `serve` and `build --watch`
//! show it like any build error and keep watching.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Diagnostic, Error};
use crate::i18n::{Message, msg};

/// How many [`catch`]es are running, for [`catching`].
static CATCHING: AtomicUsize = AtomicUsize::new(0);

/// Runs `work`; a panic inside it, on this thread or on a thread it waits for
/// (rayon hands a worker's panic back to its caller), is returned as an error
/// saying laurel failed while `doing` ("building the site"). Whatever `work`
/// changed before the panic may be half-done: the caller must not trust it.
pub fn catch<T>(doing: impl FnOnce() -> Message, work: impl FnOnce() -> T) -> Result<T, Error> {
    CATCHING.fetch_add(1, Ordering::SeqCst);
    let result = catch_unwind(AssertUnwindSafe(work));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| bug_error(doing(), payload.as_ref()))
}

/// Whether a [`catch`] is running, so a panic now is most likely one it will
/// report: a panic hook can stay quiet rather than say it twice.
pub fn catching() -> bool {
    CATCHING.load(Ordering::SeqCst) > 0
}

fn bug_error(doing: Message, payload: &(dyn Any + Send)) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .map_or_else(msg::bug_unknown, Message::plain);
    Diagnostic::error("", msg::bug_failed(what, doing))
        .hint(msg::bug_hint())
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_saying_what_failed() {
        let doing = || msg::bug_rebuilding("content/awards/2024.xlsx");
        let err = catch(doing, || -> u32 { panic!("row number overflow") }).expect_err("a panic");
        let [d] = err.diagnostics() else {
            panic!("one diagnostic: {err}")
        };
        assert!(d.is_error());
        assert_eq!(
            d.message,
            "laurel failed while rebuilding after a change to content/awards/2024.xlsx: row number overflow"
        );
        assert!(d.hint.as_deref().is_some_and(|h| h.contains("bug in laurel")), "{d}");
        assert_eq!(
            d.message.in_lang(crate::i18n::Lang::Zh),
            "laurel 运行出错（content/awards/2024.xlsx 改动后重新生成时）：row number overflow"
        );
    }

    #[test]
    fn a_formatted_panic_and_one_on_a_worker_thread_are_caught() {
        use rayon::prelude::*;
        let err = catch(msg::bug_building, || {
            (0..64).into_par_iter().for_each(|i| assert!(i != 40, "page {i} broke"));
        })
        .expect_err("a panic");
        assert_eq!(
            err.diagnostics()[0].message,
            "laurel failed while building the site: page 40 broke"
        );
    }

    #[test]
    fn work_that_does_not_panic_returns_its_value() {
        assert_eq!(catch(|| unreachable!(), || 7).expect("no panic"), 7);
    }
}
