"""Shared by the HTTP integration tests (test_api*.sh): start `raa serve` on a
free port against a test database, talk to it, and count checks.

Standard library only. The server is always stopped, even when a check
raises: Server is a context manager, and its pid is written to
$RAA_PID_DIR so that the calling shell script's EXIT trap can kill it if
Python itself is killed.
"""
import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time

RAA = os.environ["RAA_BIN"]
SRC = os.environ["RAA_SRC"]
SEED = 5

# The demo logins of `raa demo --seed 5` (DESIGN.md's roles; LA users carry
# their partner's code).
USERS = [
    ("admin@demo.raa.test", "admin", ""),
    ("manager@demo.raa.test", "manager", ""),
    ("board@demo.raa.test", "board", ""),
    ("family.finder@demo.raa.test", "family_finder", ""),
    ("assessment@demo.raa.test", "assessment_worker", ""),
    ("panel@demo.raa.test", "panel_adviser", ""),
    ("raa.adm@demo.raa.test", "raa_adm", ""),
    ("support@demo.raa.test", "support_worker", ""),
    ("sw.southwark@demo.raa.test", "la_social_worker", "210"),
    ("adm.southwark@demo.raa.test", "la_adm", "210"),
    ("sw.lambeth@demo.raa.test", "la_social_worker", "208"),
]


def password_of(email):
    return "demo-%s-%d" % (email.split("@")[0], SEED)


class Checks:
    """Counts checks like lib.sh: a failure prints what was expected."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def eq(self, got, want, what):
        if got == want:
            self.passed += 1
            return True
        self.failed += 1
        print("FAIL: %s: got %r, expected %r" % (what, got, want), file=sys.stderr)
        return False

    def true(self, cond, what, detail=""):
        if cond:
            self.passed += 1
            return True
        self.failed += 1
        print("FAIL: %s %s" % (what, detail), file=sys.stderr)
        return False

    def finish(self):
        print("%s: %d checks passed, %d failed" % (self.name, self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def error_code(self):
        if isinstance(self.json, dict) and isinstance(self.json.get("error"), dict):
            return self.json["error"].get("code")
        return None

    def __repr__(self):
        return "<%d %s>" % (self.status, self.body[:300])


class Server:
    """`raa serve` on a free port; stopped with SIGTERM (a clean stop that
    drains the audit queue) when the block ends."""

    def __init__(self, db, *extra, tls_ctx=None, env=None):
        self.db = db
        self.extra = list(extra)
        self.port = free_port()
        self.tls_ctx = tls_ctx
        self.env = dict(os.environ, **(env or {}))
        self.proc = None

    def __enter__(self):
        log = open(self.db + ".serve.log", "ab")
        self.proc = subprocess.Popen(
            [RAA, "--db", self.db, "serve", "--listen", "127.0.0.1:%d" % self.port,
             "--static", os.path.join(SRC, "web", "static")] + self.extra,
            stdout=log, stderr=log, env=self.env)
        piddir = os.environ.get("RAA_PID_DIR")
        if piddir:
            with open(os.path.join(piddir, "%d.pid" % self.proc.pid), "w") as f:
                f.write(str(self.proc.pid))
        deadline = time.time() + 20
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("raa serve exited with %d; see %s.serve.log"
                                   % (self.proc.returncode, self.db))
            try:
                if self.request("GET", "/api/v1/openapi.json").status:
                    break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def __exit__(self, *exc):
        self.stop()
        return False

    def connect(self):
        if self.tls_ctx:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                               context=self.tls_ctx)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None, headers=None):
        """One request on a new connection. body: bytes, str, or a JSON value."""
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        h = {"Content-Type": "application/json"} if body is not None else {}
        h.update(headers or {})
        conn = self.connect()
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in h.items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            r = conn.getresponse()
            return Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()


class Session:
    """A signed-in user: the cookie and the CSRF token."""

    def __init__(self, server, email, password=None):
        self.server = server
        self.email = email
        self.cookie = None
        self.csrf = None
        self.login = server.request("POST", "/api/v1/session",
                                    {"email": email,
                                     "password": password or password_of(email)})
        if self.login.status == 200:
            self.cookie = self.login.header("Set-Cookie").split(";")[0]
            self.csrf = self.login.json["csrf"]

    def request(self, method, path, body=None, csrf=True, headers=None):
        h = {}
        if self.cookie:
            h["Cookie"] = self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        h.update(headers or {})
        return self.server.request(method, path, body, h)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, body, **kw):
        return self.request("POST", path, body, **kw)


def tls_context(cafile):
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.check_hostname = False
    return ctx
