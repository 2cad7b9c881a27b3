//! The command line's words: `laurel --help`, each command's help and the
//! errors for arguments it cannot read, from the catalogue, in the language
//! of the environment (the site is not known before the arguments are read).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory, FromArgMatches};
use laurel::i18n::{Lang, Message, msg};

/// A catalogue entry without arguments.
type Entry = fn() -> Message;

/// The help of each command (`""` for `laurel` itself) and argument, by the
/// command's path and the argument's id (`""` for the command's own).
const HELP: &[(&str, &str, Entry)] = &[
    ("", "", msg::help_about),
    ("build", "", msg::help_build),
    ("build", "output", msg::help_build_output),
    ("build", "base_url", msg::help_build_base_url),
    ("build", "date", msg::help_build_date),
    ("build", "watch", msg::help_build_watch),
    ("serve", "", msg::help_serve),
    ("serve", "bind", msg::help_serve_bind),
    ("serve", "port", msg::help_serve_port),
    ("serve", "edit", msg::help_serve_edit),
    ("check", "", msg::help_check),
    ("check", "strict", msg::help_check_strict),
    ("check", "date", msg::help_check_date),
    ("deploy", "", msg::help_deploy),
    ("deploy", "target", msg::help_deploy_target),
    ("deploy", "dry_run", msg::help_deploy_dry_run),
    ("deploy", "delete", msg::help_deploy_delete),
    ("new", "", msg::help_new),
    ("new", "kind", msg::help_new_kind),
    ("new", "title", msg::help_new_title),
    ("new", "section", msg::help_new_section),
    ("new", "root", msg::help_new_root),
    ("init", "", msg::help_init),
    ("init", "dir", msg::help_init_dir),
    ("export", "", msg::help_export),
    ("export wechat", "", msg::help_export_wechat),
    ("export wechat", "pages", msg::help_export_pages),
    ("export wechat", "output", msg::help_export_output),
];

/// What each argument's value is, by id, for `--root <文件夹>` (clap names
/// it by the id in capitals, in English).
const VALUES: &[(&str, Entry)] = &[
    ("root", msg::help_value_folder),
    ("output", msg::help_value_folder),
    ("dir", msg::help_value_folder),
    ("base_url", msg::help_value_url),
    ("date", msg::help_value_date),
    ("bind", msg::help_value_address),
    ("port", msg::help_value_port),
    ("target", msg::help_value_name),
    ("section", msg::help_value_section),
    ("kind", msg::help_value_kind),
    ("title", msg::help_value_title),
    ("pages", msg::help_value_pages),
];

/// The help of the arguments every site command shares, by id.
const SHARED: &[(&str, Entry)] = &[("root", msg::help_root), ("drafts", msg::help_drafts)];

/// Reads the arguments, with help and errors in `lang`; prints the help or
/// version asked for, or why the arguments cannot be read, and exits.
pub fn parse<T: CommandFactory + FromArgMatches>(lang: Lang) -> T {
    let command = localize(T::command(), lang);
    let matches = command
        .clone()
        .try_get_matches()
        .unwrap_or_else(|err| exit(err, &command, lang));
    if let Some((HELP_COMMAND, asked)) = matches.subcommand() {
        print_help_of(command, asked);
    }
    T::from_arg_matches(&matches).unwrap_or_else(|err| exit(err, &command, lang))
}

/// `laurel help build` in Chinese (clap's own `help` command is English).
const HELP_COMMAND: &str = "help";

/// Prints the help of the command `laurel help` names (laurel's own
/// without one) and exits.
fn print_help_of(command: Command, asked: &ArgMatches) -> ! {
    let names: Vec<&String> = asked.get_many::<String>("command").into_iter().flatten().collect();
    let mut target = command;
    for name in names {
        match target.find_subcommand(name) {
            Some(sub) => target = sub.clone(),
            None => break,
        }
    }
    let _ = target.print_help();
    std::process::exit(0)
}

/// `command` (laurel's, as derived) with every help text from the catalogue
/// in `lang`; in Chinese also clap's own headings, usage line, help and
/// version flags, and defaults.
fn localize(command: Command, lang: Lang) -> Command {
    let mut command = command;
    for (path, id, help) in HELP {
        let text = help().in_lang(lang).into_owned();
        let path: Vec<&str> = path.split_whitespace().collect();
        command = at(command, &path, &|c| match *id {
            "" => c.about(text.clone()),
            id => c.mut_arg(id, |a| a.help(text.clone())),
        });
    }
    command = walk(command, "", &|c, _| {
        let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
        SHARED
            .iter()
            .filter(|(id, _)| ids.iter().any(|i| i == id))
            .fold(c, |c, (id, help)| {
                let shared = help().in_lang(lang).into_owned();
                // `new` names its own `--root` more plainly.
                let keep = c.get_name() == "new" && *id == "root";
                if keep { c } else { c.mut_arg(*id, |a| a.help(shared)) }
            })
    });
    match lang {
        Lang::En => command,
        Lang::Zh => walk(command, "", &in_chinese),
    }
}

/// `change` applied to the command at `path` under `command`.
fn at(command: Command, path: &[&str], change: &dyn Fn(Command) -> Command) -> Command {
    match path.split_first() {
        None => change(command),
        Some((first, rest)) => command.mut_subcommand(*first, |sub| at(sub, rest, change)),
    }
}

/// `change` applied to `command` and every command under it, each with the
/// words that run it (`laurel export wechat`); `parent` runs the one above.
fn walk(command: Command, parent: &str, change: &dyn Fn(Command, &str) -> Command) -> Command {
    let path = format!("{parent} {}", command.get_name()).trim().to_string();
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let command = names.iter().fold(command, |c, name| {
        c.mut_subcommand(name, |sub| walk(sub, &path, change))
    });
    change(command, &path)
}

/// One command's help in Chinese, run by `path`: clap's headings, usage
/// line and help flags are English, so they are replaced, and defaults are
/// written in the help text.
fn in_chinese(command: Command, path: &str) -> Command {
    let zh = |m: Message| m.in_lang(Lang::Zh).into_owned();
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    let mut template = format!("{{about-with-newline}}\n{}{{usage}}\n", zh(msg::help_usage()));
    if command.get_positionals().next().is_some() {
        template.push_str(&format!("\n{}\n{{positionals}}\n", zh(msg::help_arguments())));
    }
    if command.has_subcommands() {
        template.push_str(&format!("\n{}\n{{subcommands}}\n", zh(msg::help_commands())));
    }
    template.push_str(&format!("\n{}\n{{options}}\n", zh(msg::help_options())));
    let top = !path.contains(' ');
    let mut command = command
        .help_template(template)
        .subcommand_value_name(zh(msg::help_command()))
        .disable_help_flag(true)
        .disable_help_subcommand(true);
    for id in &ids {
        command = command.mut_arg(id, |arg| {
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let value_name = VALUES.iter().find(|(value_of, _)| value_of == id);
            let arg = match value_name {
                Some((_, name)) => arg.value_name(zh(name())),
                _ => arg,
            };
            match defaults.first() {
                Some(value) => {
                    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                    arg.hide_default_value(true)
                        .help(format!("{help}{}", zh(msg::help_default(value))))
                }
                None => arg,
            }
        });
    }
    command = command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(zh(msg::help_help())),
    );
    if command.get_version().is_some() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(zh(msg::help_version())),
        );
    }
    if top && command.has_subcommands() {
        command = command.subcommand(
            Command::new(HELP_COMMAND)
                .about(zh(msg::help_help_command()))
                .arg(Arg::new("command").num_args(0..).value_name(zh(msg::help_command()))),
        );
    }
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim().strip_prefix("Usage:").unwrap_or(usage.trim()).trim();
    let args = usage.split_once(' ').map_or("", |(_, args)| args);
    let usage = format!("{path} {args}").replace("[OPTIONS]", &format!("[{}]", zh(msg::help_options_word())));
    command.override_usage(usage.trim().to_string())
}

/// Prints why the arguments cannot be read (in `lang`, for the common
/// cases) or the help asked for, and exits as clap does.
fn exit(err: clap::Error, command: &Command, lang: Lang) -> ! {
    let Some((reason, hint)) = chinese_reason(&err).filter(|_| lang == Lang::Zh) else {
        err.exit()
    };
    let zh = |m: Message| m.in_lang(Lang::Zh).into_owned();
    let mut text = zh(msg::line_error(zh(reason)));
    if let Some(hint) = hint {
        text.push_str(&zh(msg::line_hint(zh(hint))));
    }
    crate::terminal::err_line(text);
    let usage = match err.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage.to_string(),
        _ => String::new(),
    };
    let usage = usage.trim();
    let line = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    if !line.is_empty() {
        crate::terminal::err_line(format_args!("\n{}{line}", zh(msg::help_usage())));
    }
    let named: Vec<&str> = line
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    let named = if named.is_empty() {
        command_named(command, std::env::args().skip(1))
    } else {
        named.join(" ")
    };
    crate::terminal::err_line(format_args!("\n{}", zh(msg::usage_more_help(named))));
    std::process::exit(err.exit_code())
}

/// The command the arguments name (`laurel export wechat`), for an error
/// clap gives without a usage line (a bad value).
fn command_named(command: &Command, args: impl Iterator<Item = String>) -> String {
    let mut named = vec![command.get_name().to_string()];
    let mut target = command;
    for arg in args.filter(|a| !a.starts_with('-')) {
        match target.find_subcommand(&arg) {
            Some(sub) => {
                named.push(sub.get_name().to_string());
                target = sub;
            }
            None => break,
        }
    }
    named.join(" ")
}

/// What is wrong with the arguments and what to do, for the kinds of error
/// people make; `None` for the others (and for help and version, which are
/// not errors), which clap words itself.
fn chinese_reason(err: &clap::Error) -> Option<(Message, Option<Message>)> {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(" ")),
        _ => None,
    };
    let arg = || text(ContextKind::InvalidArg).unwrap_or_default();
    let similar = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .map(msg::usage_did_you_mean);
    Some(match err.kind() {
        ErrorKind::UnknownArgument => (msg::usage_unknown_argument(arg()), similar),
        ErrorKind::InvalidSubcommand => (
            msg::usage_unknown_command(text(ContextKind::InvalidSubcommand)?),
            similar,
        ),
        ErrorKind::MissingRequiredArgument => (msg::usage_missing(arg()), None),
        // clap says a value left out (`--date` at the end) is an empty one.
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_none_or(|v| v.is_empty()) => {
            (msg::usage_no_value(arg()), None)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let how = match arg() {
                a if a.contains("date") => Some(msg::usage_bad_date()),
                a if a.contains("port") => Some(msg::usage_bad_number()),
                _ => None,
            };
            (msg::usage_bad_value(format_args!("{value:?}"), arg()), how)
        }
        ErrorKind::NoEquals | ErrorKind::TooFewValues => (msg::usage_no_value(arg()), None),
        ErrorKind::ArgumentConflict => (msg::usage_twice(arg()), None),
        ErrorKind::TooManyValues => (msg::usage_too_many(text(ContextKind::InvalidValue)?), None),
        _ => return None,
    })
}
