//! The allocator of the `laurel` binary: mimalloc, and the one option
//! `serve` changes in it.

/// mimalloc rather than the system's allocator: a build makes and drops
/// millions of small strings and template values from two threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's options, from the library the `mimalloc` crate links in
// (declared here: `libmimalloc-sys` 0.1.49 declares them only behind its
// `extended` feature, which pulls in another crate and has no constant for
// the purge delay).
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t`: how many
/// milliseconds freed memory is kept before it is given back to the system.
const PURGE_DELAY: std::ffi::c_int = 15;

/// Keeps memory freed for a minute (mimalloc's default: a second) before
/// giving it back to the system, for `serve`. Each edit of pages allocates
/// and frees much the same tens of megabytes (search shards, list pages,
/// the sitemap); given back between two edits, every page of it was faulted
/// in and zeroed again, a tenth of an edit's CPU time.
pub fn keep_freed_memory() {
    // SAFETY: sets an integer option mimalloc reads each time it purges.
    unsafe { mi_option_set(PURGE_DELAY, 60_000) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_for_serve_is_the_purge_delay() {
        // Its default is a second; no option next to it defaults to 1000.
        // A mimalloc that numbers its options otherwise fails here.
        let default = std::env::var("MIMALLOC_PURGE_DELAY").map_or(1000, |v| v.parse().unwrap_or(1000));
        // SAFETY: reads an integer option.
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, default);
        keep_freed_memory();
        // SAFETY: as above.
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, 60_000);
    }
}
