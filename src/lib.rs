//! laurel: a static site generator for honor rolls and good-person stories.
//!
//! Data flows one way: [`config`] and [`content`] load the site, [`site`]
//! resolves it, [`render`] turns it into an in-memory [`output`], which
//! [`output::commit`] writes atomically. [`command`] strings these together
//! for `build` and `check`; [`session`] keeps a build alive, [`watch`] notices
//! changes, and [`serve`] previews the site over HTTP.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod award;
pub mod bug;
pub mod command;
pub mod config;
pub mod content;
pub mod deploy;
pub mod edit;
pub mod error;
pub mod export;
pub mod front_matter;
pub mod i18n;
pub mod inspect;
pub mod kind;
pub mod links;
pub mod markdown;
pub mod output;
pub mod page;
pub mod personal;
pub mod publisher;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod section;
pub mod serve;
pub mod session;
pub mod site;
pub mod slug;
pub mod story;
pub mod taxonomy;
pub mod text;
pub mod theme;
pub mod upload;
pub mod watch;
pub mod wording;

#[cfg(test)]
mod testing;

pub use error::{Diagnostic, Error, Result, Severity};
pub use report::Report;
pub use site::BuildOptions;

/// The most pages (or output files) a parallel loop over them hands one
/// core at a time. Left to itself on two cores, rayon cuts such a loop into
/// a few long runs, and the core that ends its runs first waits idle while
/// the other works through its last one: seconds, in a big site's build.
pub(crate) const TASK_LEN: usize = 32;
