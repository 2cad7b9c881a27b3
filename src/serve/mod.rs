//! Serve stage: `laurel serve` — the site served from memory, rebuilt when its
//! files change, and open browsers reloaded once the new output is in place.
//! Builds through [`Session`], watches through [`crate::watch`]; the HTTP
//! layer alone adds the reload script and the error overlay.

mod connection;
mod edit;
mod held;
pub mod http;
pub mod inject;
mod limits;
mod listener;
mod published;
pub mod reload;
mod request;
mod respond;
pub mod wechat;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Diagnostic, Error, Result};
use crate::i18n::{Lang, msg};
use crate::output::{Body, Output};
use crate::report::Report;
use crate::session::Session;
use crate::site::BuildOptions;
use crate::watch::{Watcher, watch};
use published::publish;
use reload::Signal;
use respond::{Shared, Shown};

/// How often idle event streams get a comment, so dead ones are noticed.
pub const PING: Duration = Duration::from_secs(15);

/// What `laurel serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// Address to listen on, e.g. `127.0.0.1`.
    pub bind: String,
    /// Port to listen on; 0 picks a free one.
    pub port: u16,
    /// Whether the editor is on when bound beyond loopback (`--edit`); it
    /// then asks for a token. At loopback it is always on.
    pub edit: bool,
}

/// What happened, for the terminal. The library never prints.
#[derive(Debug)]
pub enum Event<'a> {
    /// Listening. `pages` counts the HTML files served.
    Started {
        url: &'a str,
        /// The editor's address (with its token); none when it is off.
        edit_url: Option<&'a str>,
        pages: usize,
        files: usize,
        elapsed: Duration,
    },
    /// A rebuild published the `pages` its edit made (changed or removed)
    /// and told the browsers, before the rest of it; requests for the
    /// `held` files it may still change wait for it.
    Published { pages: usize, held: usize },
    /// A rebuild succeeded; `touched` output files changed or went away
    /// (see [`Report::updated`]) and `browsers` were told (when it
    /// published pages first, they were told then).
    Rebuilt {
        rebuild: &'a Report,
        touched: usize,
        browsers: usize,
    },
    /// A build failed; the last good site stays served, under an overlay.
    Failed(&'a Error),
    /// The server can no longer accept connections: the caller should stop.
    Stopped(&'a Error),
}

/// A running preview server; it stops when dropped.
pub struct Preview {
    /// Where the site is served, with its base path: `http://127.0.0.1:1111/haoren/`.
    pub url: String,
    /// Where the editor is, with its token when it needs one; none when it is off.
    pub edit_url: Option<String>,
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    _acceptor: listener::Acceptor,
    _ping: mpsc::Sender<()>,
    _watcher: Watcher,
}

impl Preview {
    /// How many browsers listen for reloads now.
    pub fn browsers(&self) -> usize {
        self.shared.listeners.count()
    }

    /// How many requests wait for a file a rebuild may still change.
    pub fn waiting(&self) -> usize {
        self.shared.held.waiting()
    }
}

/// Starts watching the site's files, builds it and serves it; a file saved
/// while the first build runs is rebuilt right after it. `report` hears of
/// the start, each rebuild and each failure (once per change).
pub fn serve(options: ServeOptions, report: impl FnMut(Event<'_>) + Send + 'static) -> Result<Preview> {
    let report = Arc::new(Mutex::new(report));
    let tell = |event: Event<'_>| (report.lock().unwrap_or_else(|p| p.into_inner()))(event);
    let mut build = options.build.clone();
    build.root = std::path::absolute(&build.root).map_err(|e| Error::io("find", &build.root, e))?;
    let server = listen(&options.bind, options.port).map_err(|e| {
        Error::from(
            Diagnostic::error(
                "",
                msg::serve_cannot_listen(
                    format_args!("{}:{}", options.bind, options.port),
                    crate::error::io_reason(&e),
                ),
            )
            .hint(match e.kind() {
                std::io::ErrorKind::AddrInUse => msg::serve_cannot_listen_hint(),
                std::io::ErrorKind::PermissionDenied => msg::serve_port_denied_hint(),
                _ => msg::serve_bind_hint(),
            }),
        )
    })?;
    let addr = server.local_addr().map_err(|e| {
        Error::from(Diagnostic::error(
            "",
            msg::serve_no_address(crate::error::io_reason(&e)),
        ))
    })?;

    // Watch first: a file saved while the first build runs is rebuilt after it.
    let watching = watch(&build.root)?;
    let start = Instant::now();
    let session = Session::start(build.clone());
    let elapsed = start.elapsed();
    let access = edit::access::Access::for_bind(addr.ip(), options.edit);
    let session = Arc::new(Mutex::new(session));
    let shared = Arc::new(Shared::new(access, &session));
    let session_now = session.lock().unwrap_or_else(|p| p.into_inner());
    *shared.write() = Shown {
        files: shown_files(session_now.output()),
        base: base_path(&session_now),
        problems: session_now.error().map(problems),
        build: first_build_number(),
        articles: articles(&session_now),
        layout: session_now.layout(),
        options: Some(build.clone()),
        lang: Lang::for_site(&build.root),
    };
    if let Some(err) = session_now.error() {
        tell(Event::Failed(err));
    }
    drop(session_now);

    let acceptor = {
        let report = report.clone();
        listener::start(server, shared.clone(), move |e| {
            let err = Error::from(
                Diagnostic::error("", msg::serve_stopped(crate::error::io_reason(&e))).hint(msg::serve_stopped_hint()),
            );
            (report.lock().unwrap_or_else(|p| p.into_inner()))(Event::Stopped(&err));
        })
        .map_err(|e| Error::io("start a server thread for", &build.root, e))?
    };
    let ping = start_pings(shared.clone()).map_err(|e| Error::io("start a server thread for", &build.root, e))?;
    let url = format!("http://{addr}/{}", http::encode_path(&shared.read().base));
    let edit_url = shared.edit.as_ref().map(|access| match &access.token {
        Some(token) => format!("{url}{}?token={token}", edit::PREFIX),
        None => format!("{url}{}", edit::PREFIX),
    });
    let (files, pages) = {
        let shown = shared.read();
        let pages = shown.files.keys().filter(|k| http::is_html(k)).count();
        (shown.files.len(), pages)
    };
    tell(Event::Started {
        url: &url,
        edit_url: edit_url.as_deref(),
        pages,
        files,
        elapsed,
    });
    // Told after the start: the first rebuild is for what changed during the first build.
    let watcher = {
        let shared = shared.clone();
        let report = report.clone();
        watching.deliver(move |changed| {
            let mut report = report.lock().unwrap_or_else(|p| p.into_inner());
            let mut session = session.lock().unwrap_or_else(|p| p.into_inner());
            rebuild(&mut session, &shared, changed, &mut *report);
        })?
    };
    Ok(Preview {
        url,
        edit_url,
        addr,
        shared,
        _acceptor: acceptor,
        _ping: ping,
        _watcher: watcher,
    })
}

/// A listening socket on `bind:port` whose connections send small writes at
/// once (`TCP_NODELAY`, inherited from the listening socket): headers and
/// body are written separately, and with Nagle's algorithm each page larger
/// than one write waits ~40 ms for the browser's delayed ACK.
fn listen(bind: &str, port: u16) -> std::io::Result<std::net::TcpListener> {
    use std::net::ToSocketAddrs;
    // An address that names no place on this computer, whatever the resolver says.
    let unknown = |why: String| std::io::Error::new(std::io::ErrorKind::AddrNotAvailable, why);
    let addr = (bind, port)
        .to_socket_addrs()
        .map_err(|e| unknown(e.to_string()))?
        .next()
        .ok_or_else(|| unknown(format!("{bind} names no address")))?;
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(addr),
        socket2::Type::STREAM,
        Some(socket2::Protocol::TCP),
    )?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// Pings the event streams every [`PING`] until the returned sender is dropped.
fn start_pings(shared: Arc<Shared>) -> std::io::Result<mpsc::Sender<()>> {
    let (sender, receiver) = mpsc::channel::<()>();
    thread::Builder::new().name("laurel-ping".into()).spawn(move || {
        while let Err(mpsc::RecvTimeoutError::Timeout) = receiver.recv_timeout(PING) {
            shared.listeners.ping();
        }
    })?;
    Ok(sender)
}

/// One rebuild after a burst of changes: the new output goes in place first,
/// then the browsers are told. A rebuild of edited pages publishes the
/// pages the edit made as soon as they are rendered and tells the browsers
/// then, holding back what the rest may change until it is in place (see
/// [`held`], [`published`]); the browsers are told again only of a change
/// it did not hold.
fn rebuild(session: &mut Session, shared: &Shared, changed: Vec<PathBuf>, report: &mut (impl FnMut(Event<'_>) + Send)) {
    let (had_problems, root) = {
        let shown = shared.read();
        (shown.problems.is_some(), shown.options.as_ref().map(|o| o.root.clone()))
    };
    // laurel.toml may have named another language since the last build.
    let lang = root.map(|root| Lang::for_site(&root));
    let mut early = None;
    let result = session.rebuild_with(changed, &mut |pages| early = Some(publish(shared, pages, report)));
    match result {
        Ok(rebuild) => {
            let signal = if !had_problems && rebuild.css_only() {
                Signal::Css
            } else {
                Signal::Reload
            };
            shared.forget_listing();
            let touched = rebuild.updated.len() + rebuild.removed.len();
            let tell = match &early {
                Some(published) => rebuild.whole || !published.covers(&rebuild),
                None => had_problems || touched > 0,
            };
            let build = {
                let mut shown = shared.write();
                if rebuild.whole {
                    shown.files = shown_files(session.output());
                } else {
                    for path in &rebuild.removed {
                        shown.files.remove(path);
                    }
                    for path in &rebuild.updated {
                        if let Some(body) = session.output().get(path) {
                            shown.files.insert(path.clone(), Arc::new(body.clone()));
                        }
                    }
                }
                shown.base = base_path(session);
                update_articles(&mut shown, session);
                shown.problems = None;
                shown.lang = lang.unwrap_or(shown.lang);
                if tell {
                    shown.build += 1;
                }
                shown.build
            };
            shared.held.release();
            if tell {
                shared.listeners.send(signal, build);
            }
            let browsers = if tell || early.is_some() {
                shared.listeners.count()
            } else {
                0
            };
            report(Event::Rebuilt {
                rebuild: &rebuild,
                touched,
                browsers,
            });
        }
        Err(err) => {
            let build = {
                let mut shown = shared.write();
                if let Some(published) = early {
                    published.put_back(&mut shown);
                }
                shown.problems = Some(problems(err));
                shown.lang = lang.unwrap_or(shown.lang);
                shown.build += 1;
                shown.build
            };
            shared.held.release();
            shared.listeners.send(Signal::Reload, build);
            report(Event::Failed(err));
        }
    }
}

fn shown_files(output: &Output) -> HashMap<String, Arc<Body>> {
    output
        .files
        .iter()
        .map(|(path, body)| (path.clone(), Arc::new(body.clone())))
        .collect()
}

/// Output paths of the pages of the last good build, each to its source
/// file: they get the copy button, and the editor's link to their file.
fn articles(session: &Session) -> HashMap<String, String> {
    session
        .site()
        .map(|site| {
            site.pages
                .iter()
                .map(|p| (format!("{}index.html", p.path), p.file.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Brings `shown.articles` up to the session's layout: by the pages the
/// last step moved when it is one step on, else from all the pages.
fn update_articles(shown: &mut Shown, session: &Session) {
    if shown.layout == session.layout() {
        return;
    }
    match session.moved().filter(|_| shown.layout + 1 == session.layout()) {
        Some(moved) => {
            for (output, file) in moved {
                match file {
                    Some(file) => shown.articles.insert(output.clone(), file.clone()),
                    None => shown.articles.remove(output),
                };
            }
        }
        None => shown.articles = articles(session),
    }
    shown.layout = session.layout();
}

/// What the browser overlay lists for an error.
fn problems(err: &Error) -> Vec<Diagnostic> {
    err.to_diagnostics()
}

/// The path the site is served under, from the `base_url` of the site the
/// session last loaded; the server root until one has loaded.
fn base_path(session: &Session) -> String {
    session.base_url().map(http::base_path).unwrap_or_default()
}

/// Differs between runs, so a browser left open across a restart reloads.
fn first_build_number() -> u64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    since.as_secs() * 1000 + u64::from(since.subsec_millis())
}
