//! `laurel serve` under pressure: more connections than file descriptors,
//! oversized and slow request heads, and `Host` names of other sites; and
//! at rest, when it should not wake at all.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::http::{Events, get, raw};
use crate::serve::{small_site, start};
use crate::support::Site;

const PAGE: &str = "/haoren/people/zhang-san/index.html";

/// Longer than any limit of the server; a test that waits this long failed.
const PATIENCE: Duration = Duration::from_secs(15);

/// The `laurel serve` binary, running on a free port until dropped.
struct Running {
    child: Child,
    addr: SocketAddr,
    _site: Site,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    /// Starts `laurel serve` on `site`; with `files`, the process may hold
    /// at most that many open files (soft and hard limit alike).
    fn start(site: Site, files: Option<libc::rlim_t>) -> Running {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin!("laurel"));
        command
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(files) = files {
            let limit = libc::rlimit {
                rlim_cur: files,
                rlim_max: files,
            };
            // SAFETY: setrlimit is async-signal-safe and `limit` is a valid rlimit.
            unsafe {
                command.pre_exec(move || match libc::setrlimit(libc::RLIMIT_NOFILE, &limit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                });
            }
        }
        let mut child = command.spawn().expect("start laurel serve");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = lines.next().expect("a line from laurel serve").expect("read stdout");
        let url = first
            .split_once("at http://")
            .and_then(|(_, rest)| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        let addr = url.parse().expect("an address");
        // Keep reading, so that the server never blocks on a full pipe.
        thread::spawn(move || lines.for_each(drop));
        Running {
            child,
            addr,
            _site: site,
        }
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("wait for laurel").is_none()
    }

    /// The most memory the server has held so far, in KiB.
    fn peak_memory(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).expect("read status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM in status")
    }

    /// How often the server's threads have given up the CPU so far, each
    /// time a wake-up: the context switches of all its threads.
    fn wakeups(&self) -> u64 {
        let tasks = format!("/proc/{}/task", self.child.id());
        let mut total = 0;
        for task in std::fs::read_dir(tasks).expect("list threads").flatten() {
            let Ok(status) = std::fs::read_to_string(task.path().join("status")) else {
                continue; // a thread that just ended
            };
            total += status
                .lines()
                .filter_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
                .chain(
                    status
                        .lines()
                        .filter_map(|l| l.strip_prefix("nonvoluntary_ctxt_switches:")),
                )
                .map(|v| v.trim().parse::<u64>().expect("a count"))
                .sum::<u64>();
        }
        total
    }
}

/// The status the server answers on `stream`, or `None` if it closed the
/// connection without one; panics if it neither answers nor closes.
fn status_or_closed(stream: &mut TcpStream) -> Option<u16> {
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let mut first = [0; 12];
    let mut got = 0;
    while got < first.len() {
        match stream.read(&mut first[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the server neither answered nor closed: {e}"),
        }
    }
    let line = String::from_utf8_lossy(&first[..got]).into_owned();
    line.split(' ').nth(1).and_then(|s| s.parse().ok())
}

/// The status the server has answered on `stream` so far, without waiting.
fn status_so_far(stream: &mut TcpStream) -> Option<u16> {
    stream.set_nonblocking(true).expect("nonblocking");
    let mut first = [0; 12];
    let got = stream.read(&mut first).ok()?;
    let line = String::from_utf8_lossy(&first[..got]).into_owned();
    line.split(' ').nth(1).and_then(|s| s.parse().ok())
}

/// `GET path` once the server has room again: retries while it answers `503`.
fn get_when_free(addr: SocketAddr, path: &str) -> u16 {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let status = get(addr, path).status;
        if status != 503 || Instant::now() > deadline {
            return status;
        }
        thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_outlives_more_connections_than_file_descriptors() {
    let mut server = Running::start(small_site(), Some(64));
    let addr = server.addr;
    let mut held = Vec::new();
    for i in 0..200 {
        let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
            continue;
        };
        if i % 2 == 0 {
            let events = format!("GET /haoren/__laurel/events HTTP/1.1\r\nHost: {addr}\r\n\r\n");
            let _ = stream.write_all(events.as_bytes());
        }
        held.push(stream);
    }
    // Some get their event stream, those over the caps a refusal.
    let mut statuses = vec![None; held.len()];
    let deadline = Instant::now() + PATIENCE;
    while !(statuses.contains(&Some(200)) && statuses.contains(&Some(503))) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
        for (status, stream) in statuses.iter_mut().zip(&mut held) {
            *status = status.or_else(|| status_so_far(stream));
        }
    }
    assert!(server.is_running(), "laurel serve exited");
    let answered: Vec<u16> = statuses.into_iter().flatten().collect();
    assert!(answered.contains(&200), "no event stream opened: {answered:?}");
    assert!(
        answered.contains(&503),
        "nothing over the cap was refused: {answered:?}"
    );
    assert!(answered.iter().all(|s| matches!(s, 200 | 503)), "{answered:?}");
    drop(held);

    assert_eq!(get_when_free(addr, PAGE), 200, "the server stopped answering");
    let mut events = Events::open(addr, "/haoren/__laurel/events");
    events.wait_for("hello", PATIENCE);
    assert!(server.is_running());
}

#[test]
fn serve_refuses_an_oversized_head_without_holding_it() {
    let server = Running::start(small_site(), None);
    let addr = server.addr;
    let before = server.peak_memory();
    let mut stream = TcpStream::connect(addr).expect("connect");
    let mut writer = stream.try_clone().expect("clone");
    let sending = thread::spawn(move || {
        let start = format!("GET /haoren/ HTTP/1.1\r\nHost: {addr}\r\nX-Big: ");
        let _ = writer.write_all(start.as_bytes());
        let line = vec![b'a'; 64 * 1024];
        for _ in 0..512 {
            if writer.write_all(&line).is_err() {
                break;
            }
        }
    });
    let status = status_or_closed(&mut stream);
    sending.join().expect("sender");
    assert!(matches!(status, None | Some(431)), "{status:?}");
    let grown = server.peak_memory().saturating_sub(before);
    assert!(grown < 8 * 1024, "a 32 MiB header line grew the server by {grown} KiB");
    assert_eq!(get(addr, PAGE).status, 200);
}

#[test]
fn serve_drops_a_slow_head_and_serves_others_meanwhile() {
    let site = small_site();
    let preview = start(&site);
    let addr = preview.addr;
    let mut slow = TcpStream::connect(addr).expect("connect");
    slow.write_all(format!("GET {PAGE} HTTP/1.1\r\nHost: {addr}\r\n").as_bytes())
        .expect("send");
    let mut dribble = slow.try_clone().expect("clone");
    let dribbling = thread::spawn(move || {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline && dribble.write_all(b"X-Slow: 1\r\n").is_ok() {
            thread::sleep(Duration::from_millis(200));
        }
    });
    for _ in 0..3 {
        assert_eq!(get(addr, PAGE).status, 200);
    }
    let status = status_or_closed(&mut slow);
    assert!(matches!(status, None | Some(408)), "{status:?}");
    drop(slow);
    dribbling.join().expect("dribbler");
    assert_eq!(get(addr, PAGE).status, 200);
}

#[test]
fn serve_refuses_host_names_of_other_sites() {
    let site = small_site();
    let preview = start(&site);
    let addr = preview.addr;
    let port = addr.port();
    let ask = |host: &str| {
        raw(
            addr,
            format!("GET {PAGE} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    for host in [
        format!("evil.example:{port}"),
        "evil.example".into(),
        format!("localhost.evil.example:{port}"),
    ] {
        let answer = ask(&host);
        assert_eq!(answer.status, 421, "{host}");
        assert!(!answer.text().contains("张三"), "{host} read the page");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".into(),
    ] {
        assert_eq!(ask(&host).status, 200, "{host}");
    }
}

#[test]
fn serve_answers_several_requests_on_one_connection() {
    let site = small_site();
    let preview = start(&site);
    let addr = preview.addr;
    let mut stream = TcpStream::connect(addr).expect("connect");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    reader.get_ref().set_read_timeout(Some(PATIENCE)).expect("timeout");
    for _ in 0..2 {
        write!(stream, "GET {PAGE} HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
        let mut length = None;
        let mut line = String::new();
        reader.read_line(&mut line).expect("status line");
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        while line != "\r\n" {
            line.clear();
            reader.read_line(&mut line).expect("header");
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length")];
        reader.read_exact(&mut body).expect("body");
        assert!(String::from_utf8_lossy(&body).contains("张三"));
    }
}

#[test]
fn serve_sleeps_while_nothing_changes() {
    let running = Running::start(small_site(), None);
    // The first build's own file events settle first.
    thread::sleep(Duration::from_millis(500));
    let before = running.wakeups();
    thread::sleep(Duration::from_secs(1));
    let woken = running.wakeups() - before;
    // Idle, nothing should wake: no timer ticks while no file changes. A
    // watcher that polled every few milliseconds woke hundreds of times.
    assert!(woken < 40, "an idle preview woke {woken} times in one second");
}
