//! `laurel deploy`: builds the site into its output folder, then publishes
//! what changed since the last deploy to a bucket or a folder.
//!
//! The target holds a manifest ([`MANIFEST_FILE`]) of what laurel put
//! there; without one (a first deploy, or one cut short before its first
//! checkpoint) the target's own listing tells which files are already there,
//! by MD5. Uploads run in parallel, assets first, then HTML pages, then the
//! feeds, sitemap and search index, and the manifest last; a large deploy
//! writes the manifest at checkpoints as well, so one cut short picks up
//! where it stopped. Only files a manifest names are ever deleted.

#[cfg(feature = "s3")]
mod credentials;
mod folder;
mod manifest;
mod plan;
#[cfg(feature = "s3")]
mod s3;
#[cfg(feature = "s3")]
mod sigv4;
mod store;
mod target;

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use manifest::{Entry, MANIFEST_FILE, Manifest};
pub use plan::{Plan, Upload, cache_control, content_type};
pub use target::{Bucket, Destination, Target, resolve_targets};

use crate::command;
use crate::config::{CONFIG_FILE, Config};
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::msg;
use crate::report::Report;
use crate::site::BuildOptions;
use store::Store;

/// The output folder `laurel deploy` builds into and publishes from.
pub const OUTPUT_DIR: &str = "public";

/// Uploads between two checkpoints of the target's manifest.
const CHECKPOINT: usize = 1000;

/// What `laurel deploy` was asked to do.
pub struct DeployOptions {
    pub build: BuildOptions,
    /// The `NAME` of `[deploy.NAME]`; may be left out when there is one.
    pub target: Option<String>,
    /// Work out and report what would change, and change nothing.
    pub dry_run: bool,
    /// Remove files the build no longer has.
    pub delete: bool,
}

/// What a deploy is doing, as it does it.
pub enum Progress<'a> {
    /// The work ahead: files to upload or delete, and bytes to upload.
    Planned { files: usize, bytes: u64 },
    /// One file uploaded.
    Sent { path: &'a str, bytes: u64 },
    /// One file deleted.
    Deleted { path: &'a str },
}

/// What a deploy did (or, for a dry run, would do).
pub struct Deployed {
    /// The target, as `s3://bucket/folder/` or a folder.
    pub target: String,
    pub build: Report,
    pub plan: Plan,
    pub warnings: Vec<Diagnostic>,
    pub uploaded: usize,
    pub uploaded_bytes: u64,
    pub deleted: usize,
    /// Bytes of the target's manifest read and written.
    pub manifest_bytes: u64,
    /// Time after the build: comparing, uploading, deleting.
    pub elapsed: Duration,
}

/// `laurel deploy`: builds, compares the build with the target, and sends
/// what changed (nothing for a dry run). Fails before building when the
/// target is not set up right, and with the build's errors when it fails.
pub fn deploy(options: &DeployOptions, progress: &(dyn Fn(Progress) + Sync)) -> Result<Deployed> {
    let root = &options.build.root;
    let config = Config::load(root)?;
    let target = choose(&config.deploy, options.target.as_deref())?;
    let mut warnings = target::traps(&target, &config.base_url);
    let output = root.join(OUTPUT_DIR);
    let store = open(&target, root, &output)?;
    let build = command::build(&options.build, &output)?;
    let start = Instant::now();
    let local = Manifest::scan(&output).map_err(|e| e.within(root))?;
    let (held, manifest_bytes) = read_held(&*store, &local)?;
    let plan = Plan::new(&local, &held.files, options.delete);
    if options.delete && !held.from_manifest {
        warnings.push(
            Diagnostic::warning("", msg::deploy_no_manifest_to_delete(store.describe()))
                .hint(msg::deploy_no_manifest_to_delete_hint()),
        );
    }
    let mut deployed = Deployed {
        target: store.describe(),
        build,
        plan,
        warnings,
        uploaded: 0,
        uploaded_bytes: 0,
        deleted: 0,
        manifest_bytes,
        elapsed: Duration::ZERO,
    };
    if !options.dry_run {
        publish(&*store, &output, held, progress, &mut deployed).map_err(|e| e.within(root))?;
    }
    deployed.elapsed = start.elapsed();
    Ok(deployed)
}

/// The target `--target` names, or the only one.
fn choose(targets: &[Target], name: Option<&str>) -> Result<Target> {
    let names = || crate::i18n::list(targets.iter().map(|t| t.name.as_str()));
    let found = match name {
        Some(name) => targets.iter().find(|t| t.name == name).ok_or_else(|| {
            Diagnostic::error(CONFIG_FILE, msg::deploy_no_such_target(name)).hint(match targets.is_empty() {
                true => msg::deploy_add_named_target_hint(),
                false => msg::deploy_targets_are(names()),
            })
        }),
        None => match targets {
            [one] => Ok(one),
            [] => Err(Diagnostic::error(CONFIG_FILE, msg::deploy_no_target()).hint(msg::deploy_add_target_hint())),
            _ => Err(Diagnostic::error(CONFIG_FILE, msg::deploy_several_targets(names()))
                .hint(msg::deploy_several_targets_hint())),
        },
    };
    Ok(found?.clone())
}

fn open(target: &Target, root: &Path, output: &Path) -> Result<Box<dyn Store>> {
    match &target.destination {
        Destination::Folder(path) => Ok(Box::new(folder::Folder::open(&root.join(path), root, output)?)),
        #[cfg(feature = "s3")]
        Destination::Bucket(bucket) => {
            let key = credentials::find(&format!("[deploy.{}]", target.name))?;
            Ok(Box::new(s3::S3::new(bucket.clone(), key)))
        }
        #[cfg(not(feature = "s3"))]
        Destination::Bucket(_) => Err(
            Diagnostic::error(CONFIG_FILE, msg::deploy_no_object_storage(&target.name))
                .hint(msg::deploy_no_object_storage_hint())
                .into(),
        ),
    }
}

/// What a target holds, and whether its manifest said so.
struct Held {
    files: Manifest,
    from_manifest: bool,
}

/// Reads the target's manifest; without one, lists the target and keeps the
/// files the build has (so no file laurel did not put there is ever deleted).
fn read_held(store: &dyn Store, local: &Manifest) -> Result<(Held, u64)> {
    let bytes = store.read(MANIFEST_FILE)?;
    let read = bytes.as_ref().map_or(0, |b| b.len() as u64);
    if let Some(files) = bytes.as_deref().and_then(Manifest::parse) {
        return Ok((
            Held {
                files,
                from_manifest: true,
            },
            read,
        ));
    }
    let mut files = store.list()?;
    files.files.retain(|path, _| local.files.contains_key(path));
    Ok((
        Held {
            files,
            from_manifest: false,
        },
        read,
    ))
}

/// Uploads and deletes as planned, writing the manifest at checkpoints,
/// after a failure (for what was done) and at the end (unless the target's
/// manifest already says all).
fn publish(
    store: &dyn Store,
    output: &Path,
    held: Held,
    progress: &(dyn Fn(Progress) + Sync),
    deployed: &mut Deployed,
) -> Result<()> {
    let rewrite = !held.from_manifest;
    let mut held = held.files;
    let plan = deployed.plan.clone();
    let files = plan.uploads().count() + plan.deletes.len();
    progress(Progress::Planned {
        files,
        bytes: plan.uploads().map(|u| u.size).sum(),
    });
    let checkpoint = |held: &Manifest, deployed: &mut Deployed| -> Result<()> {
        let bytes = held.to_bytes();
        deployed.manifest_bytes += bytes.len() as u64;
        store.write(MANIFEST_FILE, &bytes, "application/gzip", "no-cache")
    };
    for chunk in plan.phases.iter().flat_map(|phase| phase.chunks(CHECKPOINT)) {
        let sent = Mutex::new(Vec::new());
        let failure = in_parallel(chunk, store.parallelism(), |upload| {
            let path = output.join(&upload.path);
            let body = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
            store.write(
                &upload.path,
                &body,
                content_type(&upload.path),
                cache_control(&upload.path),
            )?;
            progress(Progress::Sent {
                path: &upload.path,
                bytes: body.len() as u64,
            });
            sent.lock()
                .expect("no worker panics holding it")
                .push((upload.path.clone(), Entry::of(&body)));
            Ok(())
        });
        let sent = sent.into_inner().expect("no worker panics holding it");
        deployed.uploaded += sent.len();
        deployed.uploaded_bytes += sent.iter().map(|(_, e)| e.size).sum::<u64>();
        let any = !sent.is_empty();
        held.files.extend(sent);
        if let Some(err) = failure {
            if any {
                checkpoint(&held, deployed)?;
            }
            return Err(err);
        }
        if chunk.len() == CHECKPOINT {
            checkpoint(&held, deployed)?;
        }
    }
    let removed = Mutex::new(Vec::new());
    let failure = in_parallel(&plan.deletes, store.parallelism(), |path| {
        store.remove(path)?;
        progress(Progress::Deleted { path });
        removed.lock().expect("no worker panics holding it").push(path.clone());
        Ok(())
    });
    for path in removed.into_inner().expect("no worker panics holding it") {
        held.files.remove(&path);
        deployed.deleted += 1;
    }
    if rewrite || deployed.uploaded + deployed.deleted > 0 {
        checkpoint(&held, deployed)?;
    }
    failure.map_or(Ok(()), Err)
}

/// Runs `work` on every item with `workers` threads; stops handing out
/// items after the first failure, and returns it.
fn in_parallel<T: Sync>(items: &[T], workers: usize, work: impl Fn(&T) -> Result<()> + Sync) -> Option<Error> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failure = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(items.len()) {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    if let Err(err) = work(item) {
                        stop.store(true, Ordering::Relaxed);
                        failure.lock().expect("no worker panics holding it").get_or_insert(err);
                    }
                }
            });
        }
    });
    failure.into_inner().expect("no worker panics holding it")
}
