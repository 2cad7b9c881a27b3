//! The `laurel` command: parses arguments, calls the library, prints the
//! report and maps it to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use laurel::command::{self, Report};
use laurel::{BuildOptions, Diagnostic, Error};

#[derive(Parser)]
#[command(
    name = "laurel",
    version,
    about = "Static sites for honor rolls and good-person stories (好人榜、光荣榜)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder
        #[arg(short, long, default_value = "public")]
        output: PathBuf,
        /// Use this base URL instead of the one in laurel.toml
        #[arg(long)]
        base_url: Option<String>,
        /// Count this day as today for public-notice periods (YYYY-MM-DD)
        #[arg(long)]
        date: Option<jiff::civil::Date>,
    },
    /// Check everything a build would read, and every internal link
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Write a new content file with its front matter filled in
    New {
        /// What to write
        kind: NewKind,
        /// The title (a person's name, a list's or event's title)
        title: String,
        /// Section folder under content/ (default: people, awards, events, or none for a page)
        #[arg(long)]
        section: Option<String>,
        /// Site folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a new site that builds as it is
    Init {
        /// Folder for the new site (must be absent or empty)
        dir: PathBuf,
    },
}

#[derive(clap::Args)]
struct SiteArgs {
    /// Site folder (where laurel.toml is)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft = true`
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Person,
    Award,
    Event,
    Page,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            print_error(&err);
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Build {
            site,
            output,
            base_url,
            date,
        } => {
            let mut options = options(&site);
            options.base_url = base_url;
            options.date = date;
            let out = if output.is_absolute() {
                output
            } else {
                site.root.join(output)
            };
            let report = command::build(&options, &out)?;
            print_report(
                &report,
                &format!(
                    "built {} pages ({} files) into {}",
                    report.pages,
                    report.files,
                    out.display()
                ),
            );
        }
        Command::Check { site } => {
            let report = command::check(&options(&site))?;
            print_report(&report, &format!("checked {} pages: no errors", report.pages));
        }
        Command::New {
            kind,
            title,
            section,
            root,
        } => {
            let kind = match kind {
                NewKind::Person => laurel::page::Kind::Person,
                NewKind::Award => laurel::page::Kind::Award,
                NewKind::Event => laurel::page::Kind::Event,
                NewKind::Page => laurel::page::Kind::Page,
            };
            let today = jiff::ZonedDateTime::now().date();
            let path = laurel::scaffold::new_content(&root, kind, &title, section.as_deref(), today)?;
            println!("wrote {}", path.display());
        }
        Command::Init { dir } => {
            laurel::scaffold::init(&dir)?;
            println!(
                "wrote a new site in {0}; build it with `laurel build --root {0}`",
                dir.display()
            );
        }
    }
    Ok(())
}

fn options(site: &SiteArgs) -> BuildOptions {
    let mut options = BuildOptions::new(&site.root);
    options.drafts = site.drafts;
    options
}

fn print_report(report: &Report, summary: &str) {
    print_diagnostics(&report.warnings);
    println!("{summary} in {} ms", report.elapsed.as_millis());
}

fn print_diagnostics(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{d}");
    }
}

fn print_error(err: &Error) {
    match err {
        Error::Invalid(list) => {
            print_diagnostics(list);
            let errors = list.iter().filter(|d| d.is_error()).count();
            eprintln!("{errors} error(s); nothing was written");
        }
        other => {
            eprintln!("error: {other}");
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
        }
    }
}
