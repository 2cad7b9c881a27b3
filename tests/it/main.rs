//! Integration tests of laurel: one binary, one module per feature, each test
//! building a small site of its own in a temporary folder.

mod accessibility;
mod award_data;
mod awards;
mod browser;
mod chromium;
mod cli;
mod collisions;
mod commit;
mod config;
mod contrast;
mod errors;
mod example_site;
mod export;
mod front_matter;
mod fuzz;
mod http;
mod incremental;
mod inspect;
mod kinds;
mod markdown;
mod output;
mod personal;
mod photos;
mod print;
mod publisher;
mod search;
mod serve;
mod serve_limits;
mod slugs;
mod structure;
mod support;
mod templates;
mod watch;
mod wording;
mod xlsx;
