//! Serve stage, accepting connections: the preview's own accept loop. It
//! keeps the open connections under a cap well below the file descriptor
//! limit (refusing the surplus with `503`), rides out running short of
//! descriptors, and gives each admitted connection a thread.

use std::io::{ErrorKind, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use super::connection;
use super::limits::{Gate, raise_fd_limit};
use super::respond::Shared;
use crate::i18n::{Lang, msg};

/// How long to wait before accepting again when the process is out of
/// descriptors or memory; connections wait in the listen queue meanwhile.
const PAUSE: Duration = Duration::from_millis(50);

/// The `503` for a connection over the cap, its text in `lang`.
fn busy(lang: Lang) -> Vec<u8> {
    let text = format!("{}\n", msg::serve_reply_too_many_connections().in_lang(lang));
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )
    .into_bytes()
}

/// The accept loop; it stops when dropped.
pub struct Acceptor {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

/// Raises the descriptor limit, then accepts connections on `listener` in a
/// thread of its own and answers them from `shared`. Should accepting fail
/// for good, `fail` hears why and the port closes.
pub fn start(
    listener: TcpListener,
    shared: Arc<Shared>,
    fail: impl FnOnce(std::io::Error) + Send + 'static,
) -> std::io::Result<Acceptor> {
    let addr = listener.local_addr()?;
    let gate = Gate::for_fd_limit(raise_fd_limit());
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    thread::Builder::new().name("laurel-accept".into()).spawn(move || {
        loop {
            let accepted = listener.accept();
            if stopped.load(Ordering::SeqCst) {
                return;
            }
            match accepted {
                Ok((stream, _)) => admit(stream, &gate, addr.ip(), &shared),
                Err(e) if is_fatal(&e) => return fail(e),
                Err(e) if is_shortage(&e) => thread::sleep(PAUSE),
                Err(_) => {}
            }
        }
    })?;
    Ok(Acceptor { addr, stop })
}

impl Drop for Acceptor {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop with a connection of our own.
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let _ = TcpStream::connect_timeout(&SocketAddr::new(ip, self.addr.port()), Duration::from_secs(1));
    }
}

/// Gives `stream` a thread of its own, or a `503` when as many connections
/// are open as allowed.
fn admit(stream: TcpStream, gate: &Arc<Gate>, bound: IpAddr, shared: &Arc<Shared>) {
    let Some(pass) = gate.enter() else {
        return refuse(stream, shared.lang());
    };
    let shared = shared.clone();
    // Should the thread not start, the connection closes with the closure.
    let _ = thread::Builder::new()
        .name("laurel-http".into())
        .spawn(move || connection::serve(stream, pass, bound, &shared));
}

/// Answers `503` without waiting: a fresh connection's send buffer has room.
fn refuse(mut stream: TcpStream, lang: Lang) {
    if stream.set_nonblocking(true).is_ok() {
        let _ = stream.write_all(&busy(lang));
        let _ = stream.shutdown(std::net::Shutdown::Write);
    }
}

/// An accept error that will not go away: the listening socket is broken.
fn is_fatal(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    let broken = [
        libc::EBADF,
        libc::EINVAL,
        libc::ENOTSOCK,
        libc::EOPNOTSUPP,
        libc::EFAULT,
    ];
    #[cfg(not(unix))]
    let broken: [i32; 0] = [];
    e.raw_os_error().is_some_and(|code| broken.contains(&code))
}

/// An accept error from running short of descriptors or memory: it passes
/// once connections close.
fn is_shortage(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    let short = [libc::EMFILE, libc::ENFILE, libc::ENOBUFS, libc::ENOMEM];
    #[cfg(not(unix))]
    let short: [i32; 0] = [];
    e.kind() == ErrorKind::OutOfMemory || e.raw_os_error().is_some_and(|code| short.contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_answer_has_its_length() {
        for lang in [Lang::En, Lang::Zh] {
            let bytes = busy(lang);
            let text = String::from_utf8_lossy(&bytes);
            let (head, body) = text.split_once("\r\n\r\n").unwrap();
            assert!(head.contains(&format!("Content-Length: {}", body.len())), "{text}");
        }
    }

    #[test]
    fn running_out_of_descriptors_is_a_shortage_not_the_end() {
        let emfile = std::io::Error::from_raw_os_error(libc::EMFILE);
        assert!(is_shortage(&emfile));
        assert!(!is_fatal(&emfile));
        let aborted = std::io::Error::from_raw_os_error(libc::ECONNABORTED);
        assert!(!is_shortage(&aborted) && !is_fatal(&aborted));
        assert!(is_fatal(&std::io::Error::from_raw_os_error(libc::EBADF)));
    }
}
