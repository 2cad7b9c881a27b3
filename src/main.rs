//! The `laurel` command: parses arguments, calls the library, prints the
//! report and maps it to an exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use laurel::command;
use laurel::i18n::{Lang, msg};
use laurel::serve::{Event, ServeOptions};
use laurel::session::Session;
use laurel::{BuildOptions, Error};
use terminal::{ErrorOnce, out_line, print_deployed, print_diagnostics, print_error, print_report, rebuild_line};

mod allocator;
mod progress;
mod terminal;
mod usage;

// The arguments' help comes from the catalogue, in the reader's language (see `usage`).
#[derive(Parser)]
#[command(name = "laurel", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(short, long, default_value = "public")]
        output: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        #[arg(long)]
        watch: bool,
    },
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        edit: bool,
    },
    Check {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long)]
        strict: bool,
        #[arg(long)]
        date: Option<jiff::civil::Date>,
    },
    Deploy {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long)]
        target: Option<String>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        delete: bool,
    },
    New {
        kind: String,
        title: String,
        #[arg(long)]
        section: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Init {
        dir: PathBuf,
    },
    Export {
        #[command(subcommand)]
        target: ExportTarget,
    },
}

#[derive(Subcommand)]
enum ExportTarget {
    Wechat {
        #[arg(required = true)]
        pages: Vec<String>,
        #[arg(short, long, default_value = laurel::export::WECHAT_DIR)]
        output: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(clap::Args)]
struct SiteArgs {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    drafts: bool,
}

fn main() -> ExitCode {
    quiet_caught_panics();
    let env_lang = Lang::from_env();
    let cli: Cli = usage::parse(env_lang);
    let lang = lang_of(&cli.command);
    match run(cli.command, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            print_error(&err, lang);
            ExitCode::FAILURE
        }
    }
}

/// The language of the site the command works on (see [`Lang::for_site`]);
/// `init` has none yet, so the environment's.
fn lang_of(command: &Command) -> Lang {
    match command {
        Command::Build { site, .. }
        | Command::Serve { site, .. }
        | Command::Check { site, .. }
        | Command::Deploy { site, .. } => Lang::for_site(&site.root),
        Command::Export {
            target: ExportTarget::Wechat { site, .. },
        } => Lang::for_site(&site.root),
        Command::New { root, .. } => Lang::for_site(root),
        Command::Init { .. } => Lang::from_env(),
    }
}

fn run(command: Command, lang: Lang) -> Result<(), Error> {
    match command {
        Command::Build {
            site,
            output,
            base_url,
            date,
            watch,
        } => {
            let mut options = options(&site);
            options.base_url = base_url;
            options.date = date;
            options.one_shot = !watch;
            let out = if output.is_absolute() {
                output
            } else {
                site.root.join(output)
            };
            if watch {
                return build_watch(options, &out, lang);
            }
            let report = command::build(&options, &out)?;
            let ms = report.elapsed.as_millis();
            let summary = match report.pages {
                1 => msg::cli_built_one(report.files, out.display(), ms),
                pages => msg::cli_built(pages, report.files, out.display(), ms),
            };
            print_report(&report, summary, lang);
        }
        Command::Serve { site, bind, port, edit } => {
            allocator::keep_freed_memory();
            let options = ServeOptions {
                build: options(&site),
                bind,
                port,
                edit,
            };
            let mut errors = ErrorOnce::new(lang);
            let _preview = laurel::serve::serve(options, move |event| match event {
                Event::Started {
                    url,
                    edit_url,
                    pages,
                    files,
                    elapsed,
                } => {
                    let line = msg::cli_serving(pages, files, url, elapsed.as_millis());
                    out_line(line.in_lang(lang));
                    if let Some(edit_url) = edit_url {
                        out_line(msg::cli_editor(edit_url).in_lang(lang));
                    }
                }
                Event::Rebuilt {
                    rebuild,
                    touched,
                    browsers,
                } => {
                    errors.clear();
                    let line = msg::cli_rebuilt_told(rebuild_line(rebuild, touched, lang), browsers);
                    out_line(line.in_lang(lang));
                }
                Event::Published { .. } => {}
                Event::Failed(err) => errors.print(err),
                Event::Stopped(err) => {
                    print_diagnostics(err.diagnostics(), lang);
                    std::process::exit(1)
                }
            })?;
            wait_forever()
        }
        Command::Check { site, strict, date } => {
            let mut options = options(&site);
            options.date = date;
            let report = command::check(&options, strict)?;
            let ms = report.elapsed.as_millis();
            let summary = match report.pages {
                1 => msg::cli_checked_one(ms),
                pages => msg::cli_checked(pages, ms),
            };
            print_report(&report, summary, lang);
        }
        Command::Deploy {
            site,
            target,
            dry_run,
            delete,
        } => {
            let options = laurel::deploy::DeployOptions {
                build: options(&site),
                target,
                dry_run,
                delete,
            };
            let bar = progress::Bar::new(lang);
            let deployed = laurel::deploy::deploy(&options, &|event| bar.show(event));
            bar.finish();
            print_deployed(&deployed?, dry_run, lang);
        }
        Command::New {
            kind,
            title,
            section,
            root,
        } => {
            let today = jiff::ZonedDateTime::now().date();
            let path = laurel::scaffold::new_content(&root, &kind, &title, section.as_deref(), today)?;
            out_line(msg::cli_wrote(path.display()).in_lang(lang));
        }
        Command::Export {
            target: ExportTarget::Wechat { pages, output, site },
        } => {
            let out = if output.is_absolute() {
                output
            } else {
                site.root.join(output)
            };
            let report = laurel::export::export_wechat(&options(&site), &pages, &out)?;
            let line = msg::cli_exported(report.folders.len(), out.display(), report.elapsed.as_millis());
            out_line(line.in_lang(lang));
        }
        Command::Init { dir } => {
            laurel::scaffold::init(&dir, jiff::ZonedDateTime::now().date())?;
            out_line(msg::cli_init(dir.display()).in_lang(lang));
        }
    }
    Ok(())
}

/// `laurel build --watch`: builds, then rebuilds and commits the output after
/// every change, including those saved while the first build ran.
fn build_watch(mut options: BuildOptions, out: &Path, lang: Lang) -> Result<(), Error> {
    options.root = std::path::absolute(&options.root).map_err(|e| Error::io("find", &options.root, e))?;
    let out = std::path::absolute(out).map_err(|e| Error::io("find", out, e))?;
    laurel::output::check_output_dir(&options.root, &out)?;
    // Watch first: a file saved while the first build runs is rebuilt after it.
    let watching = laurel::watch::watch(&options.root)?;
    let start = Instant::now();
    let mut session = Session::start(options.clone());
    let mut errors = ErrorOnce::new(lang);
    match session.error() {
        Some(err) => {
            errors.print(err);
            out_line(msg::cli_watch_nothing_built().in_lang(lang));
        }
        None => {
            print_diagnostics(&laurel::output::commit(session.output(), &options.root, &out)?, lang);
            let files = session.output().files.len();
            let line = msg::cli_watch_built(files, out.display(), start.elapsed().as_millis());
            out_line(line.in_lang(lang));
        }
    }
    let root = options.root.clone();
    let _watcher = watching.deliver(move |changed| match session.rebuild(changed) {
        Ok(rebuild) => match laurel::output::commit(session.output(), &root, &out) {
            Ok(warnings) => {
                errors.clear();
                print_diagnostics(&warnings, lang);
                let line = rebuild_line(&rebuild, rebuild.updated.len(), lang);
                out_line(msg::cli_watch_written(line, out.display()).in_lang(lang));
            }
            Err(err) => errors.print(&err),
        },
        Err(err) => errors.print(err),
    })?;
    wait_forever()
}

/// A panic inside a build comes back as an error that says what laurel was
/// doing (see `laurel::bug`): Rust's own report of it would only say the same
/// less clearly, first. Other panics, and all with `RUST_BACKTRACE` set, are
/// reported as usual.
fn quiet_caught_panics() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !laurel::bug::catching() || std::env::var("RUST_BACKTRACE").is_ok_and(|v| v != "0") {
            report(info);
        }
    }));
}

fn wait_forever() -> ! {
    loop {
        std::thread::park();
    }
}

fn options(site: &SiteArgs) -> BuildOptions {
    let mut options = BuildOptions::new(&site.root);
    options.drafts = site.drafts;
    options
}
