//! Serve stage, live reload: the browsers listening on `__laurel/events`
//! (Server-Sent Events) and the script that makes them listen.

use std::io::Write;
use std::sync::Mutex;

use super::request::EventStream;

/// The script every HTML response loads. It listens on `events` beside its
/// own URL, so it works under any base path; it reloads the page on
/// `reload`, swaps stylesheets on `css`, and reloads on (re)connecting when
/// the server has built since the page was served (or restarted).
pub const SCRIPT: &str = r#"(function () {
  var me = document.currentScript;
  if (!me || !window.EventSource) return;
  var build = me.getAttribute("data-laurel-build");
  var source = new EventSource(me.src.replace(/reload\.js(\?.*)?$/, "events"));
  source.addEventListener("hello", function (e) {
    if (e.data !== build) location.reload();
  });
  source.addEventListener("reload", function () {
    source.close();
    location.reload();
  });
  source.addEventListener("css", function (e) {
    build = e.data;
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("laurel-reload", Date.now());
      links[i].href = url.href;
    }
  });
})();
"#;

/// What the browsers are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The site changed: reload the page.
    Reload,
    /// Only stylesheets changed: swap them.
    Css,
}

/// The open event streams.
#[derive(Default)]
pub struct Listeners {
    streams: Mutex<Vec<EventStream>>,
}

impl Listeners {
    /// Greets a new event stream with the build the server now shows and
    /// keeps it. A client whose greeting fails is dropped.
    pub fn join(&self, mut stream: EventStream, build: u64) {
        let greeting = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n\
             Connection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 500\n\n{}",
            event("hello", build)
        );
        if stream
            .write_all(greeting.as_bytes())
            .and_then(|()| stream.flush())
            .is_ok()
        {
            self.lock().push(stream);
        }
    }

    /// Drops the streams whose browsers have gone, so they no longer count.
    pub fn forget_gone(&self) {
        self.lock().retain(EventStream::is_open);
    }

    /// Tells every listener about a new build; drops those that are gone.
    pub fn send(&self, signal: Signal, build: u64) {
        let name = match signal {
            Signal::Reload => "reload",
            Signal::Css => "css",
        };
        self.broadcast(&event(name, build));
    }

    /// A comment line: keeps proxies from closing idle streams, and finds dead clients.
    pub fn ping(&self) {
        self.broadcast(": ping\n\n");
    }

    /// How many browsers listen.
    pub fn count(&self) -> usize {
        self.lock().len()
    }

    fn broadcast(&self, text: &str) {
        self.lock()
            .retain_mut(|stream| stream.write_all(text.as_bytes()).and_then(|()| stream.flush()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<EventStream>> {
        self.streams.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn event(name: &str, build: u64) -> String {
    format!("event: {name}\ndata: {build}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_framed() {
        assert_eq!(event("reload", 3), "event: reload\ndata: 3\n\n");
    }

    #[test]
    fn script_listens_beside_itself() {
        assert!(SCRIPT.contains(r#"replace(/reload\.js(\?.*)?$/, "events")"#));
        assert!(SCRIPT.contains("location.reload()"));
    }
}
