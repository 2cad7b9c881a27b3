//! Fuzzing: whole small sites generated at random — settings, front matter,
//! Markdown, CSV and xlsx — go through the real load and render path, which
//! must answer with pages or with diagnostics naming a file: never a panic, an
//! abort, a signal or unbounded memory.
//!
//! The runs are deterministic (a fixed seed) and bounded in cases and time.
//! `LAUREL_FUZZ_SCALE` multiplies the number of cases, `LAUREL_FUZZ_SEED`
//! picks another seed and `LAUREL_FUZZ_SECONDS` sets each test's time budget.

mod markdown;
mod site;
mod table;
mod toml;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use laurel::Error;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

use site::{FuzzSite, site};

/// Cases of the in-process test in one run (before `LAUREL_FUZZ_SCALE`).
const LIBRARY_CASES: u32 = 1000;
/// Cases of the binary test in one run (before `LAUREL_FUZZ_SCALE`).
const BINARY_CASES: u32 = 100;
/// Address space the binary may use.
const MEMORY_LIMIT: u64 = 1 << 30;
/// How long one run of the binary may take.
const BINARY_TIMEOUT: Duration = Duration::from_secs(30);

/// Every generated site checks, in the library, without a panic: pages or
/// diagnostics that name a file.
#[test]
fn generated_sites_check_or_name_a_file() {
    fuzz(LIBRARY_CASES, |input, site| {
        let result = catch_unwind(AssertUnwindSafe(|| laurel::command::check(&site.options(), false)));
        match result {
            Ok(result) => assert_diagnosed(site.root(), input, result.map(|_| ())),
            Err(panic) => Err(TestCaseError::fail(format!("panicked: {}", panic_text(&*panic)))),
        }
    });
}

/// The real binary builds every generated site within [`MEMORY_LIMIT`] and
/// exits 0, or 1 naming a file; never killed by a signal.
#[test]
fn generated_sites_build_in_the_binary_within_bounded_memory() {
    fuzz(BINARY_CASES, |input, site| {
        let out = site.root().join("public");
        let (status, stderr) = run_limited(Command::new(assert_cmd::cargo::cargo_bin("laurel")).args([
            "build".as_ref(),
            "--root".as_ref(),
            site.root().as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]))?;
        match status.code() {
            Some(0) => Ok(()),
            Some(1) if names_a_file(&stderr, input) => Ok(()),
            _ => Err(TestCaseError::fail(format!(
                "laurel build ended with {status}:\n{stderr}"
            ))),
        }
    });
}

/// Runs `test` on generated sites: a fixed number of cases unless the time
/// budget runs out first. Panics with the smallest failing site.
fn fuzz(cases: u32, test: impl Fn(&FuzzSite, &crate::support::Site) -> Result<(), TestCaseError>) {
    let cases = (f64::from(cases) * env_or("LAUREL_FUZZ_SCALE", 1.0)) as u32;
    let budget = Duration::from_secs(env_or("LAUREL_FUZZ_SECONDS", 60));
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 500,
        ..Config::default()
    };
    let seed = env_or("LAUREL_FUZZ_SEED", 13u64);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    let start = Instant::now();
    let ran = std::cell::Cell::new(0u32);
    let result = runner.run(&site(), |input| {
        if start.elapsed() > budget {
            return Ok(());
        }
        ran.set(ran.get() + 1);
        test(&input, &input.write())
    });
    match result {
        Ok(()) => eprintln!(
            "fuzz: {} of {cases} cases in {:.1?} (seed {seed})",
            ran.get(),
            start.elapsed()
        ),
        Err(TestError::Fail(why, input)) => panic!("{why}\nsmallest failing site (seed {seed}):\n{input:?}"),
        Err(TestError::Abort(why)) => panic!("fuzzing stopped: {why}"),
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A result is fine when it is a success, or diagnostics each naming a file
/// of the site relative to its root, with no absolute path in the text.
fn assert_diagnosed(root: &Path, input: &FuzzSite, result: Result<(), Error>) -> Result<(), TestCaseError> {
    let list = match result {
        Ok(()) => return Ok(()),
        Err(Error::Invalid(list)) => list,
        Err(other) => return Err(TestCaseError::fail(format!("not a diagnostic: {other}"))),
    };
    let errors: Vec<_> = list.iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        return Err(TestCaseError::fail("failed without an error diagnostic"));
    }
    let root = root.to_string_lossy();
    for d in list.iter() {
        let text = d.to_string();
        if !is_site_file(&d.file, input) || text.contains(root.as_ref()) {
            return Err(TestCaseError::fail(format!(
                "a diagnostic that names no file of the site: {text}"
            )));
        }
    }
    Ok(())
}

/// Whether `file` is a root-relative path of the site's sources (or a
/// folder of them, such as a section without `_index.md`) or of the theme,
/// possibly followed by what in it is meant (`laurel.toml (taxonomy year)`)
/// or after the built-in theme's mark.
fn is_site_file(file: &str, input: &FuzzSite) -> bool {
    let file = file.strip_prefix("(built-in theme) ").unwrap_or(file);
    let file = file.split(" (").next().unwrap_or(file);
    let folder = format!("{}/", file.trim_end_matches('/'));
    input
        .files
        .iter()
        .any(|(path, _)| path == file || path.starts_with(&folder))
        || file == laurel::config::CONFIG_FILE
        || file.starts_with("templates/")
        || file.starts_with("themes/")
}

/// Whether the binary's error output has an `error: FILE` (or `错误：FILE`) line naming a file of the site.
fn names_a_file(stderr: &str, input: &FuzzSite) -> bool {
    stderr.lines().any(|line| {
        let english = line.strip_prefix("error: ").and_then(|rest| rest.split(':').next());
        // A Chinese site's: "错误：FILE 第 3 行：…" or "错误：FILE：…".
        let chinese = line
            .strip_prefix("错误：")
            .and_then(|rest| rest.split('：').next())
            .and_then(|place| place.split(" 第 ").next());
        english.or(chinese).is_some_and(|file| is_site_file(file, input))
    })
}

/// Runs `command` with its address space limited to [`MEMORY_LIMIT`] and
/// killed after [`BINARY_TIMEOUT`]; returns its status and error output.
fn run_limited(command: &mut Command) -> Result<(std::process::ExitStatus, String), TestCaseError> {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start laurel");
    let stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for laurel") {
            break status;
        }
        if start.elapsed() > BINARY_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(TestCaseError::fail(format!(
                "laurel build ran longer than {BINARY_TIMEOUT:?}"
            )));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok((status, reader.join().unwrap_or_default()))
}

/// The message of a caught panic.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}
