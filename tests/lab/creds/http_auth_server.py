#!/usr/bin/env python3
"""Small lab web server that really checks credentials, for loopback captures.

  /basic/   HTTP Basic (RFC 7617)                    200 or 401
  /digest/  HTTP Digest MD5, qop=auth (RFC 7616)     200 or 401
  /login    HTML form: GET shows it, POST checks
            username/password                        302 to /welcome or 200 + form

Usage: http_auth_server.py --port PORT --users USERS_JSON [--bind 127.0.0.1]
USERS_JSON is {"name": "password", ...}: lab accounts with fake secrets.
Never logs a password (the request log is off; failures log the user name).
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REALM = "vcaudit-lab"
NONCE_LIFETIME_S = 120
MAX_NONCES = 1024          # bounds server memory whatever clients send
MAX_BODY_BYTES = 64 * 1024

LOGIN_FORM = (
    "<!doctype html><html><head><title>Lab login</title></head><body>"
    "<form method=\"post\" action=\"/login\">"
    "<input name=\"username\"><input name=\"password\" type=\"password\">"
    "<button>Log in</button></form></body></html>\n"
)


def md5_hex(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def parse_digest_params(value):
    """Parses 'k=v, k="v"' pairs of a Digest Authorization header."""
    params = {}
    i, n = 0, len(value)
    while i < n:
        while i < n and value[i] in " ,":
            i += 1
        eq = value.find("=", i)
        if eq < 0:
            break
        key = value[i:eq].strip().lower()
        i = eq + 1
        if i < n and value[i] == '"':
            end = i + 1
            out = []
            while end < n and value[end] != '"':
                if value[end] == "\\" and end + 1 < n:
                    end += 1
                out.append(value[end])
                end += 1
            params[key] = "".join(out)
            i = end + 1
        else:
            end = value.find(",", i)
            end = n if end < 0 else end
            params[key] = value[i:end].strip()
            i = end
    return params


class NonceBook:
    """Issued nonces with their issue time and the last nonce-count seen."""

    def __init__(self):
        self._lock = threading.Lock()
        self._nonces = {}

    def issue(self):
        nonce = secrets.token_hex(16)
        with self._lock:
            now = time.monotonic()
            for old in [k for k, (t, _) in self._nonces.items() if now - t > NONCE_LIFETIME_S]:
                del self._nonces[old]
            while len(self._nonces) >= MAX_NONCES:
                self._nonces.pop(next(iter(self._nonces)))
            self._nonces[nonce] = (now, 0)
        return nonce

    def accept_count(self, nonce, nc_hex):
        """True if nonce is ours, fresh, and nc strictly grows (no replay)."""
        try:
            nc = int(nc_hex, 16)
        except ValueError:
            return False
        with self._lock:
            entry = self._nonces.get(nonce)
            if entry is None or time.monotonic() - entry[0] > NONCE_LIFETIME_S:
                return False
            if nc <= entry[1]:
                return False
            self._nonces[nonce] = (entry[0], nc)
            return True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "vcaudit-lab-http/1"
    users = {}
    nonces = NonceBook()
    opaque = secrets.token_hex(8)

    def log_message(self, fmt, *args):  # the default log line may carry query strings
        pass

    def note(self, text):
        sys.stderr.write("[http_auth_server] %s %s\n" % (self.path.split("?")[0], text))

    def send_text(self, code, body, headers=()):
        data = body.encode("utf-8")
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY_BYTES:
            return None
        return self.rfile.read(length)

    # ---- Basic
    def check_basic(self):
        value = self.headers.get("Authorization") or ""
        scheme, _, b64 = value.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, sep, password = base64.b64decode(b64.strip(), validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        ok = bool(sep) and user in self.users and hmac.compare_digest(self.users[user], password)
        self.note("basic user=%s -> %s" % (user, "ok" if ok else "rejected"))
        return ok

    # ---- Digest
    def check_digest(self):
        value = self.headers.get("Authorization") or ""
        scheme, _, rest = value.partition(" ")
        if scheme.lower() != "digest":
            return None
        p = parse_digest_params(rest)
        user = p.get("username", "")
        needed = ("username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce")
        ok = (
            all(k in p for k in needed)
            and p["realm"] == REALM
            and p["qop"] == "auth"
            and p.get("algorithm", "MD5").upper() == "MD5"
            and p["uri"] == self.path
            and user in self.users
        )
        if ok:
            ha1 = md5_hex("%s:%s:%s" % (user, REALM, self.users[user]))
            ha2 = md5_hex("%s:%s" % (self.command, p["uri"]))
            expected = md5_hex(":".join([ha1, p["nonce"], p["nc"], p["cnonce"], "auth", ha2]))
            ok = hmac.compare_digest(expected, p["response"].lower())
            ok = ok and self.nonces.accept_count(p["nonce"], p["nc"])
        self.note("digest user=%s -> %s" % (user, "ok" if ok else "rejected"))
        return ok

    def challenge(self, scheme):
        if scheme == "basic":
            header = 'Basic realm="%s", charset="UTF-8"' % REALM
        else:
            header = 'Digest realm="%s", qop="auth", algorithm=MD5, nonce="%s", opaque="%s"' % (
                REALM, self.nonces.issue(), self.opaque)
        self.send_text(401, "<html><body>401 Unauthorized</body></html>\n",
                       [("WWW-Authenticate", header)])

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/basic/"):
            if self.check_basic():
                self.send_text(200, "<html><body>basic area</body></html>\n")
            else:
                self.challenge("basic")
        elif path.startswith("/digest/"):
            if self.check_digest():
                self.send_text(200, "<html><body>digest area</body></html>\n")
            else:
                self.challenge("digest")
        elif path == "/login":
            self.send_text(200, LOGIN_FORM)
        elif path == "/welcome":
            self.send_text(200, "<html><body>welcome</body></html>\n")
        else:
            self.send_text(404, "<html><body>not found</body></html>\n")

    do_HEAD = do_GET

    def do_POST(self):
        body = self.read_body()
        if body is None:
            self.send_text(413, "<html><body>too large</body></html>\n")
            return
        if self.path.split("?")[0] != "/login":
            self.send_text(404, "<html><body>not found</body></html>\n")
            return
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        user = (form.get("username") or [""])[0]
        password = (form.get("password") or [""])[0]
        ok = user in self.users and hmac.compare_digest(self.users[user], password)
        self.note("form user=%s -> %s" % (user, "ok" if ok else "rejected"))
        if ok:
            self.send_text(302, "<html><body>see /welcome</body></html>\n",
                           [("Location", "/welcome"),
                            ("Set-Cookie", "lab_session=%s; HttpOnly" % secrets.token_hex(8))])
        else:
            self.send_text(200, LOGIN_FORM)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--users", required=True, help="JSON file {name: password}")
    args = ap.parse_args()
    with open(args.users, encoding="utf-8") as f:
        users = json.load(f)
    if not isinstance(users, dict) or not all(isinstance(v, str) for v in users.values()):
        sys.exit("http_auth_server: %s must be a JSON object of name -> password" % args.users)
    Handler.users = users
    server = ThreadingHTTPServer((args.bind, args.port), Handler)
    server.daemon_threads = True
    sys.stderr.write("[http_auth_server] listening on %s:%d (pid %d)\n" % (args.bind, args.port, os.getpid()))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
