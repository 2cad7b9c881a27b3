"""Headless Chromium driven over its DevTools protocol through a pipe
(--remote-debugging-pipe: commands on fd 3, answers on fd 4, each JSON
message ended by a NUL byte). Standard library only; for the benchmarks."""
import fcntl, json, os, subprocess, tempfile, time


class Chromium:
    """A headless Chromium with one tab; `close()` ends it."""

    def __init__(self, binary):
        self.profile = tempfile.TemporaryDirectory(prefix="laurel-bench-chromium-", ignore_cleanup_errors=True)
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def fds():
            # Out of the way first: either pipe may already be fd 3 or 4.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.child = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile.name}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=fds,
            pass_fds=(3, 4))
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")

    def close(self):
        self.session = None
        try:
            self.call("Browser.close")
            self.child.wait(timeout=10)
        except Exception:
            self.child.kill()
            self.child.wait()
        self.profile.cleanup()

    def _message(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def eval(self, expression):
        """The value of `expression` in the page, a promise awaited."""
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            return None
        return result["result"].get("value")

    def wait(self, expression, seconds=60):
        start = time.time()
        while time.time() - start < seconds:
            if self.eval(expression) is True:
                return
            time.sleep(0.01)
        raise RuntimeError(f"not seen within {seconds} s: {expression}")

    def open(self, url):
        """Opens `url` and waits until it has loaded."""
        self.eval("window.benchOld = true")
        self.call("Page.navigate", {"url": url})
        self.wait("!window.benchOld && document.readyState === 'complete'")
