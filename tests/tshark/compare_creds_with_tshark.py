#!/usr/bin/env python3
"""Checks vcaudit's credentials table against what tshark decodes.

For every capture of the shared public corpus whose MANIFEST.tsv protocols_seen
lists http, ftp, pop, imap, smtp, snmp, sip, telnet or ldap, tshark runs once
(-T fields) and its fields are turned into login attempts:
  http    Authorization / Proxy-Authorization: Basic (http.authbasic, split at
          the first ':') and Digest (username, realm, algorithm, qop parsed from
          the header); outcome from the answer to that request on its TCP
          stream (responses answer requests in order): 2xx/3xx success,
          401/403 (407 for a proxy) failure;
  ftp     PASS with the USER before it; the next final reply: 230 success,
          530/430 failure (anonymous: the PASS e-mail is not a secret, RFC 1635);
  pop3    USER/PASS: +OK success, -ERR failure; APOP;
  imap    LOGIN, its arguments read from tshark's imap.request line (tshark
          4.0's imap.request.password loses the ends of an unquoted password);
          the tagged OK/NO;
  smtp    AUTH (smtp.auth.username/password, with smtp.decryption on), 235
          success, 535 failure;
  snmp    v1/v2c community, v3 noAuthNoPriv user: one attempt per UDP flow,
          requesting side, version and community/user, dated by the first
          message carrying it (vcaudit's documented aggregation); success when
          a request got an answer that is not a Report nor authorizationError;
  sip     Authorization / Proxy-Authorization Digest (sip.auth.*); outcome
          from the final response to the same Call-ID + CSeq: 401/407 (unless
          the challenge says stale=true) and 403 failure, any other final
          response success (the request got past authentication);
  ldap    bindRequest (ldap.name, ldap.simple, ldap.mechanism) and the
          bindResponse with the same messageID: 0 success, else failure;
  telnet  tshark decodes telnet data, not logins: the line the client types
          after a "login:" prompt and after "Password:" make one attempt.
Then per capture, against vcaudit's rows: the multiset of (protocol, username),
and per attempt the frame (both report the request's frame: the one carrying
PASS, the Authorization header, the community...), the outcome where tshark
has the answer, the mechanism, digest realm/algorithm/qop, client, server and
port, and for cleartext secrets HMAC-SHA-256(evidence.key, secret) against
secret_hmac. A secret is never printed; where one must be named it is shown as
its first character and length.

The corpus has no IMAP, SMTP or LDAP login, APOP, anonymous FTP nor proxy
Basic: a capture of those (synthetic-logins.pcap, with fresh random secrets)
is written in the work folder, compared the same way, then deleted.

Differences with a protocol reason are notes, anything else fails the capture.
At the end the comparison is run on purpose-made faults (a row removed, a
wrong secret, outcome or frame) of the first agreeing capture with a cleartext
secret; each must be reported.

usage: compare_creds_with_tshark.py --vcaudit BIN --shared DIR [--work DIR]
Exit status 0 when every capture agrees, 1 otherwise, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import collections
import csv
import hashlib
import hmac
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from typing import Any

# vcaudit audit exits 0 (all pass), 1 (findings) or 4 (findings needing attention).
AUDIT_OK_CODES = (0, 1, 4)
AUDIT_TIMEOUT_S = 120
TSHARK_TIMEOUT_S = 120

CREDENTIAL_PROTOCOLS = {"http", "ftp", "pop", "imap", "smtp", "snmp", "sip", "telnet", "ldap"}
DISPLAY_FILTER = "http || ftp || pop || imap || smtp || snmp || sip || ldap || telnet"
# Column and occurrence separators that no decoded value holds (a value may hold ',' or a tab).
SEPARATOR, AGGREGATOR = "\x1e", "\x1f"

FIELDS = [
    "frame.number", "frame.protocols", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
    "tcp.stream", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport",
    "http.request.method", "http.response.code", "http.authbasic", "http.authorization",
    "http.proxy_authorization",
    "ftp.request.command", "ftp.request.arg", "ftp.response.code",
    "pop.request.command", "pop.request.parameter", "pop.response.indicator",
    "imap.request", "imap.response_tag", "imap.response.status",
    "smtp.req.command", "smtp.req.parameter", "smtp.auth.username", "smtp.auth.password", "smtp.response.code",
    "snmp.version", "snmp.msgVersion", "snmp.community", "snmp.data", "snmp.request_id", "snmp.error_status",
    "snmp.msgUserName", "snmp.msgFlags", "snmp.msgID",
    "sip.Method", "sip.Status-Code", "sip.CSeq", "sip.Call-ID", "sip.auth.username", "sip.auth.realm",
    "sip.auth.algorithm", "sip.auth.qop", "sip.auth.stale", "sip.Authorization", "sip.Proxy-Authorization",
    "ldap.messageID", "ldap.protocolOp", "ldap.name", "ldap.simple", "ldap.mechanism", "ldap.resultCode",
    "telnet.data",
]

SNMP_RESPONSE, SNMP_REPORT = 2, 8
SNMP_REQUESTS = {0, 1, 3, 5, 6}  # get, getnext, set, getbulk, inform: an answer is due (traps 4, 7: none)
SNMP_AUTHORIZATION_ERROR = 16  # RFC 3416 §3 error-status
SNMP_MECHANISM = {0: "v1", 1: "v2c"}

LDAP_BIND_REQUEST, LDAP_BIND_RESPONSE = 0, 1

# Telnet prompts and the server's words after a password (RFC 854 has none: these are conventions).
TELNET_USER_PROMPT = re.compile(r"(login|username|user name|user)\s*:\s*$", re.I)
TELNET_PASSWORD_PROMPT = re.compile(r"password\s*:\s*$", re.I)
TELNET_REFUSED = re.compile(r"incorrect|failed|denied|invalid", re.I)
TELNET_SHELL_PROMPT = re.compile(r"(last login|[$#>%]\s*$)", re.I)

Attempt = dict[str, Any]


# ----------------------------------------------------------------- helpers

def redact(secret: str | bytes | None) -> str:
    """First character and length: enough to tell two secrets apart in a report."""
    if not secret:
        return "(empty)"
    text = secret.decode("utf-8", "replace") if isinstance(secret, bytes) else secret
    return f"{text[0]}…({len(text)} chars)"


def secret_hmac(key: bytes, secret: str | bytes) -> str:
    data = secret if isinstance(secret, bytes) else secret.encode("utf-8", "surrogateescape")
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def unescape(text: str) -> bytes:
    """telnet.data as tshark writes it back to bytes: it escapes \\r, \\n, \\t... but not
    a backslash itself, so a typed backslash before such a letter reads as the escape."""
    simple = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
    out = bytearray()
    raw = text.encode("utf-8", "surrogateescape")
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 92 and i + 1 < len(raw):
            n = chr(raw[i + 1])
            if n == "x" and i + 4 <= len(raw):
                try:
                    out.append(int(raw[i + 2:i + 4].decode("ascii"), 16))
                    i += 4
                    continue
                except ValueError:
                    pass
            if n in simple:
                out.append(simple[n])
                i += 2
                continue
        out.append(c)
        i += 1
    return bytes(out)


def unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def digest_params(header: str) -> dict[str, str]:
    """Parameters of 'Digest a=b, c="d"' (quoted values may hold commas)."""
    body = header.strip()
    if body[:6].lower() == "digest":
        body = body[6:]
    params = {}
    for m in re.finditer(r'\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,]*)\s*,?', body):
        params[m.group(1).lower()] = unquote(m.group(2))
    return params


class Packet:
    """One tshark row: each field as the list of its occurrences."""

    def __init__(self, values: list[str]):
        self.f = {name: (v.split(AGGREGATOR) if v else []) for name, v in zip(FIELDS, values)}
        self.number = int(self.first("frame.number"))
        layers = self.first("frame.protocols").split(":")
        # With a tunnel (IPv6 in IPv4...) the IP layer nearest the transport counts.
        ips = [p for p in layers if p in ("ip", "ipv6")]
        last = ips[-1] if ips else "ip"
        self.src = (self.f.get(f"{last}.src") or [""])[-1]
        self.dst = (self.f.get(f"{last}.dst") or [""])[-1]
        self.tcp = bool(self.f["tcp.srcport"])
        self.sport = int((self.f["tcp.srcport"] or self.f["udp.srcport"] or ["0"])[-1])
        self.dport = int((self.f["tcp.dstport"] or self.f["udp.dstport"] or ["0"])[-1])
        self.stream = self.first("tcp.stream")
        # Several messages in one frame whose fields -T fields cannot pair again
        # (a request without Authorization beside one with it...).
        self.ambiguous = False

    def first(self, name: str, default: str = "") -> str:
        v = self.f.get(name) or []
        return v[0] if v else default

    def all(self, name: str) -> list[str]:
        return self.f.get(name) or []


def run_tshark(capture: str) -> tuple[list[Packet], int]:
    """The frames tshark decodes, and how many of its rows could not be read."""
    cmd = ["tshark", "-n", "-r", capture, "-o", "tcp.desegment_tcp_streams:TRUE",
           "-o", "tcp.reassemble_out_of_order:TRUE",
           # Headers are enough (status, Authorization): a body cut short must not hide its response.
           "-o", "http.desegment_body:FALSE",
           "-o", "smtp.decryption:TRUE",  # decode the Base64 of AUTH PLAIN/LOGIN
           "-Y", DISPLAY_FILTER,
           "-T", "fields", "-E", "occurrence=a", "-E", f"aggregator={AGGREGATOR}", "-E", f"separator={SEPARATOR}"]
    for field in FIELDS:
        cmd += ["-e", field]
    proc = subprocess.run(cmd, capture_output=True, timeout=TSHARK_TIMEOUT_S, check=False)
    if proc.returncode != 0 and not proc.stdout:
        # tshark's own message only (it never echoes packet data).
        raise RuntimeError(f"tshark exit {proc.returncode}: " +
                           proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0]
                           if proc.stderr.strip() else f"tshark exit {proc.returncode}")
    packets, unreadable = [], 0
    for line in proc.stdout.decode("utf-8", "surrogateescape").split("\n"):
        values = line.split(SEPARATOR)
        if len(values) == len(FIELDS):
            packets.append(Packet(values))
        elif line:
            unreadable += 1  # e.g. a line break inside a value
    return packets, unreadable


def new_attempt(protocol: str, p: Packet, username: str, mechanism: str, *, client_is_src: bool = True,
                secret: str | bytes | None = None) -> Attempt:
    client, server, port = (p.src, p.dst, p.dport) if client_is_src else (p.dst, p.src, p.sport)
    return {"protocol": protocol, "username": username, "frame": p.number, "outcome": None,
            "mechanism": mechanism, "secret": secret, "client_ip": client, "server_ip": server,
            "server_port": port}


# ----------------------------------------------------------------- per protocol

def http_attempts(packets: list[Packet]) -> list[Attempt]:
    out = []
    queues: dict[str, list[Attempt | None]] = collections.defaultdict(list)  # per TCP stream, requests in order
    for p in packets:
        methods = p.all("http.request.method")
        headers = [(h, False) for h in p.all("http.authorization")] + \
                  [(h, True) for h in p.all("http.proxy_authorization")]
        basics = p.all("http.authbasic")
        if len(methods) > 1 and headers and (len(headers) != len(methods) or len(basics) not in (0, len(methods))):
            p.ambiguous = True
            methods = []
        for i, _ in enumerate(methods):
            attempt = None
            header, proxy = headers[i] if i < len(headers) else ("", False)
            scheme = header.split(" ", 1)[0].lower()
            if scheme == "basic":
                decoded = basics[i] if i < len(basics) else ""
                if not decoded and " " in header:  # Proxy-Authorization: tshark leaves it encoded
                    try:
                        decoded = base64.b64decode(header.split(" ", 1)[1].strip(), validate=True).decode(
                            "utf-8", "surrogateescape")
                    except (binascii.Error, ValueError):
                        decoded = ""
                user, _, password = decoded.partition(":")
                attempt = new_attempt("http", p, user, "basic", secret=password)
            elif scheme == "digest":
                d = digest_params(header)
                attempt = new_attempt("http", p, d.get("username", ""), "digest")
                attempt["digest"] = {"realm": d.get("realm", ""), "algorithm": d.get("algorithm") or "MD5",
                                     "qop": d.get("qop", "")}
            if attempt:
                attempt["proxy"] = proxy
                out.append(attempt)
            queues[p.stream].append(attempt)
        for code in p.all("http.response.code"):
            status = int(code)
            if status < 200 or not queues[p.stream]:
                continue  # 1xx interim answers no request
            attempt = queues[p.stream].pop(0)
            if attempt is None:
                continue
            if 200 <= status < 400:
                attempt["outcome"] = "success"
            elif status == (407 if attempt["proxy"] else 401) or (status == 403 and not attempt["proxy"]):
                attempt["outcome"] = "failure"
    return out


def lockstep_attempts(packets: list[Packet], protocol: str) -> list[Attempt]:
    """FTP and POP3: each final reply answers the oldest command of its stream."""
    out = []
    pending: dict[str, list[Attempt | None]] = collections.defaultdict(list)
    user: dict[str, str] = {}
    for p in packets:
        if protocol == "ftp":
            verbs, args = p.all("ftp.request.command"), p.all("ftp.request.arg")
            replies = [int(c) for c in p.all("ftp.response.code")[:1]]  # a multi-line reply is one reply
        else:
            verbs, args = p.all("pop.request.command"), p.all("pop.request.parameter")
            replies = p.all("pop.response.indicator")
        if len(verbs) > 1 and len(args) != len(verbs):
            # Which argument belongs to which command is lost: only a frame without login commands is usable.
            if {v.upper() for v in verbs} & {"USER", "PASS", "APOP"}:
                p.ambiguous = True
            args = []
        commands = list(zip(verbs, args + [""] * (len(verbs) - len(args))))
        for verb, arg in commands:
            verb = verb.upper()
            attempt = None
            if verb == "USER":
                user[p.stream] = arg.strip()
            elif verb == "PASS":
                name = user.get(p.stream, "")
                anonymous = protocol == "ftp" and name.lower() in ("anonymous", "ftp")
                attempt = new_attempt(protocol, p, name, "anonymous" if anonymous else "user-pass", secret=arg)
                attempt["secret_kind"] = "email" if anonymous else "password"
                out.append(attempt)
            elif verb == "APOP" and protocol == "pop3":
                attempt = new_attempt(protocol, p, arg.split(" ")[0], "apop")
                out.append(attempt)
            pending[p.stream].append(attempt)
        for reply in replies:
            if protocol == "ftp" and reply < 200:
                continue
            if not pending[p.stream]:
                continue  # the greeting
            attempt = pending[p.stream].pop(0)
            if attempt is None:
                continue
            if protocol == "ftp":
                attempt["outcome"] = "success" if reply == 230 else "failure" if reply in (530, 430) else None
            else:
                attempt["outcome"] = "success" if reply == "+OK" else "failure" if reply == "-ERR" else None
    return out


def imap_astrings(args: str) -> list[str]:
    """RFC 3501 astrings (atom or quoted string) at the start of `args`."""
    out = []
    for m in re.finditer(r'\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"(){]+))', args):
        out.append(re.sub(r"\\(.)", r"\1", m.group(1)) if m.group(1) is not None else m.group(2))
    return out


def imap_attempts(packets: list[Packet]) -> list[Attempt]:
    out = []
    by_tag: dict[tuple[str, str], Attempt] = {}
    for p in packets:
        for line in p.all("imap.request"):
            tag, command, args = (line.split(" ", 2) + ["", ""])[:3]
            if command.upper() != "LOGIN":
                continue
            # tshark 4.0 cuts the first and last character of an unquoted password
            # (imap.request.password), so the arguments are read from its request line.
            words = imap_astrings(args)
            if len(words) < 2:
                continue
            attempt = new_attempt("imap", p, words[0], "user-pass", secret=words[1])
            out.append(attempt)
            by_tag[(p.stream, tag)] = attempt
        for tag, status in zip(p.all("imap.response_tag"), p.all("imap.response.status")):
            attempt = by_tag.pop((p.stream, tag), None)
            if attempt:
                attempt["outcome"] = {"OK": "success", "NO": "failure"}.get(status.upper())
    return out


def smtp_attempts(packets: list[Packet]) -> list[Attempt]:
    out = []
    waiting: dict[str, Attempt] = {}   # AUTH exchange awaiting its 235/535
    mechanism: dict[str, str] = {}
    for p in packets:
        for verb, arg in zip(p.all("smtp.req.command"), p.all("smtp.req.parameter") + [""] * 8):
            if verb.upper() == "AUTH":
                mechanism[p.stream] = arg.split(" ")[0].lower()
        if p.all("smtp.auth.password"):
            attempt = new_attempt("smtp", p, p.first("smtp.auth.username"), mechanism.get(p.stream, ""),
                                  secret=p.first("smtp.auth.password"))
            if not attempt["username"]:  # AUTH LOGIN: the user name came a line earlier
                attempt["username"] = waiting.pop(p.stream + "/user", {}).get("username", "")
            out.append(attempt)
            waiting[p.stream] = attempt
        elif p.all("smtp.auth.username"):
            waiting[p.stream + "/user"] = {"username": p.first("smtp.auth.username")}
        for code in p.all("smtp.response.code")[:1]:
            attempt = waiting.get(p.stream)
            if attempt and code in ("235", "535"):
                attempt["outcome"] = "success" if code == "235" else "failure"
                waiting.pop(p.stream)
    return out


def snmp_attempts(packets: list[Packet]) -> list[Attempt]:
    groups: dict[tuple, Attempt] = {}
    order = []
    for p in packets:
        pdu = int(p.first("snmp.data", "-1") or -1)
        v3 = bool(p.all("snmp.msgVersion"))
        if v3:
            flags = int(p.first("snmp.msgFlags", "0") or "0", 16)
            user = p.first("snmp.msgUserName")
            if flags & 0x01 or not user:
                continue  # authenticated (nothing in clear) or engine discovery
            mechanism, secret, request_id = "v3-noauth", None, p.first("snmp.msgID")
        elif p.all("snmp.community"):
            mechanism = SNMP_MECHANISM.get(int(p.first("snmp.version", "-1") or -1), "")
            user, secret, request_id = "", p.first("snmp.community"), p.first("snmp.request_id")
        else:
            continue
        answer = pdu in (SNMP_RESPONSE, SNMP_REPORT)
        requester = (p.dst, p.dport) if answer else (p.src, p.sport)
        responder = (p.src, p.sport) if answer else (p.dst, p.dport)
        key = (requester, responder, mechanism, user, secret)
        attempt = groups.get(key)
        if attempt is None:
            attempt = new_attempt("snmp", p, user, mechanism, client_is_src=not answer, secret=secret)
            attempt.update(answered=False, refused=False, asked=set())
            groups[key] = attempt
            order.append(attempt)
        if pdu in SNMP_REQUESTS:
            attempt["asked"].add(request_id)
        elif answer and request_id in attempt["asked"]:
            attempt["asked"].discard(request_id)
            if pdu == SNMP_REPORT or int(p.first("snmp.error_status", "0") or 0) == SNMP_AUTHORIZATION_ERROR:
                attempt["refused"] = True
            else:
                attempt["answered"] = True
    for a in order:
        a["outcome"] = "success" if a["answered"] else "failure" if a["refused"] else "unknown"
        a["outcome_from_tshark"] = True  # no answer at all is itself tshark's answer: unknown
        for k in ("answered", "refused", "asked"):
            del a[k]
    return order


def sip_attempts(packets: list[Packet]) -> list[Attempt]:
    out = []
    pending: dict[tuple[str, str], list[Attempt]] = collections.defaultdict(list)
    for p in packets:
        method = p.first("sip.Method")
        key = (p.first("sip.Call-ID"), p.first("sip.CSeq"))
        if len(p.all("sip.Method")) + len(p.all("sip.Status-Code")) > 1:
            p.ambiguous = True  # SIP over TCP: several messages in one segment
            continue
        if method and p.all("sip.auth.username") and (p.all("sip.Authorization") or p.all("sip.Proxy-Authorization")):
            attempt = new_attempt("sip", p, unquote(p.first("sip.auth.username")), "digest")
            attempt["digest"] = {"realm": unquote(p.first("sip.auth.realm")),
                                 "algorithm": unquote(p.first("sip.auth.algorithm")) or "MD5",
                                 "qop": unquote(p.first("sip.auth.qop"))}
            out.append(attempt)
            pending[key].append(attempt)
        status = p.first("sip.Status-Code")
        if status and int(status) >= 200 and pending.get(key):
            code = int(status)
            stale = any(unquote(s).lower() == "true" for s in p.all("sip.auth.stale"))
            if code in (401, 407):
                outcome = "unknown" if stale else "failure"
            elif code == 403:
                outcome = "failure"
            else:
                outcome = "success"
            for attempt in pending.pop(key):
                attempt["outcome"] = outcome
    return out


def ldap_attempts(packets: list[Packet]) -> list[Attempt]:
    out = []
    open_binds: dict[tuple[str, str], Attempt] = {}
    for p in packets:
        ops = p.all("ldap.protocolOp")
        ids = p.all("ldap.messageID")
        for i, op in enumerate(ops):
            mid = ids[i] if i < len(ids) else ""
            if int(op) == LDAP_BIND_REQUEST:
                if ops.count(str(LDAP_BIND_REQUEST)) > 1:
                    p.ambiguous = True  # several binds in one frame: names and passwords cannot be paired
                    break
                name = p.first("ldap.name")
                if p.all("ldap.mechanism"):
                    attempt = new_attempt("ldap", p, name, p.first("ldap.mechanism").lower())
                else:
                    password = p.first("ldap.simple")
                    attempt = new_attempt("ldap", p, name, "simple" if password else "anonymous",
                                          secret=password or None)
                out.append(attempt)
                open_binds[(p.stream, mid)] = attempt
            elif int(op) == LDAP_BIND_RESPONSE:
                attempt = open_binds.pop((p.stream, mid), None)
                if attempt:
                    attempt["outcome"] = "success" if p.first("ldap.resultCode") == "0" else "failure"
    return out


def telnet_attempts(packets: list[Packet]) -> list[Attempt]:
    """tshark strips the telnet commands (telnet.data); prompts and typed lines are paired here."""
    out = []
    state: dict[str, dict[str, Any]] = {}
    for p in packets:
        data = b"".join(unescape(v) for v in p.all("telnet.data"))
        if not data or not p.tcp:
            continue
        s = state.setdefault(p.stream, {"server_text": "", "typing": None, "line": b"", "user": "",
                                         "last": None})
        if p.sport == 23:  # tshark dissects telnet on its port only
            s["server_text"] = (s["server_text"] + data.decode("latin-1"))[-512:]
            tail = s["server_text"].rstrip("\0")
            last = s["last"]
            if last is not None and last["outcome"] is None:
                if TELNET_REFUSED.search(tail) or TELNET_USER_PROMPT.search(tail):
                    last["outcome"] = "failure"
                elif TELNET_SHELL_PROMPT.search(tail):
                    last["outcome"] = "success"
            if TELNET_PASSWORD_PROMPT.search(tail):
                s["typing"], s["line"] = "password", b""
            elif TELNET_USER_PROMPT.search(tail):
                s["typing"], s["line"] = "user", b""
            continue
        if s["typing"] is None:
            continue
        s["line"] += data
        for end in (b"\r", b"\n"):
            if end in s["line"]:
                typed = s["line"].split(end, 1)[0].decode("utf-8", "surrogateescape")
                if s["typing"] == "user":
                    s["user"] = typed
                else:
                    attempt = new_attempt("telnet", p, s["user"], "prompt", secret=typed)
                    out.append(attempt)
                    s["last"] = attempt
                s["typing"], s["line"], s["server_text"] = None, b"", ""
                break
    return out


def tshark_attempts(capture: str) -> tuple[list[Attempt], list[str]]:
    """Login attempts tshark decodes, and what of its output could not be used."""
    packets, unreadable = run_tshark(capture)
    attempts = (http_attempts(packets) + lockstep_attempts(packets, "ftp") + lockstep_attempts(packets, "pop3") +
                imap_attempts(packets) + smtp_attempts(packets) + snmp_attempts(packets) +
                sip_attempts(packets) + ldap_attempts(packets) + telnet_attempts(packets))
    issues = []
    if unreadable:
        issues.append(f"{unreadable} tshark output row(s) could not be read: attempts there are not compared")
    ambiguous = [str(p.number) for p in packets if p.ambiguous]
    if ambiguous:
        issues.append(f"frame(s) {', '.join(ambiguous[:10])} hold several messages whose fields tshark's "
                      "output cannot pair: attempts there are not compared")
    return sorted(attempts, key=lambda a: (a["frame"], a["protocol"])), issues


# ----------------------------------------------------------------- vcaudit side

def audit(vcaudit: str, capture: str, work: str) -> tuple[str | None, str]:
    # The folder names the capture's last two path parts: ndpi/ and mercury/ both hold an http_auth.pcap.
    tail = os.path.join(os.path.basename(os.path.dirname(capture)), os.path.basename(capture))
    out = os.path.join(work, "audit-" + re.sub(r"[^A-Za-z0-9._-]", "_", tail))
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home"))
    r = subprocess.run([vcaudit, "audit", "--pcap", capture, "--level", "3", "--out", out],
                       capture_output=True, text=True, env=env, timeout=AUDIT_TIMEOUT_S, check=False)
    if r.returncode not in AUDIT_OK_CODES:
        return None, f"exit {r.returncode}: {(r.stderr or r.stdout).strip()[-300:]}"
    return out, ""


ROW_COLUMNS = ["protocol", "username", "secret_kind", "secret_redacted", "outcome", "mechanism", "client_ip",
               "server_ip", "server_port", "cleartext", "secret_hmac", "realm", "algorithm", "qop", "frame"]


def store_rows(folder: str) -> tuple[list[dict[str, Any]], bytes]:
    db = sqlite3.connect(f"file:{os.path.join(folder, 'evidence.db')}?mode=ro", uri=True)
    try:
        rows = [dict(zip(ROW_COLUMNS, r)) for r in
                db.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM credentials ORDER BY frame, rowid")]
    finally:
        db.close()
    with open(os.path.join(folder, "evidence.key"), encoding="ascii") as f:
        key = bytes.fromhex(f.read().strip())  # the HMAC key is the 32 bytes the file spells in hex
    return rows, key


# ----------------------------------------------------------------- comparison

def describe(a: dict[str, Any]) -> str:
    return f"{a['protocol']} user {a['username']!r} frame {a['frame']}"


def compare_attempt(want: Attempt, got: dict[str, Any], key: bytes) -> list[str]:
    diffs = []
    if want["frame"] != got["frame"]:
        diffs.append(f"frame: tshark reports the request in frame {want['frame']}, vcaudit in frame {got['frame']}")
    if want["mechanism"] != got["mechanism"]:
        diffs.append(f"mechanism: tshark {want['mechanism']!r}, vcaudit {got['mechanism']!r}")
    if want["outcome"] is not None and want["outcome"] != got["outcome"]:
        diffs.append(f"outcome: tshark's answer means {want['outcome']}, vcaudit {got['outcome']!r}")
    for k in ("client_ip", "server_ip", "server_port"):
        if want[k] != got[k]:
            diffs.append(f"{k}: tshark {want[k]!r}, vcaudit {got[k]!r}")
    if "digest" in want:
        for k, v in want["digest"].items():
            if v != (got[k] or ""):
                diffs.append(f"digest {k}: tshark {v!r}, vcaudit {got[k]!r}")
    secret = want.get("secret")
    if secret is not None:
        # RFC 1635: anonymous FTP's PASS is an e-mail address, which vcaudit does not count as a secret.
        if want.get("secret_kind") == "email":
            if got["secret_kind"] != "email":
                diffs.append(f"secret_kind: anonymous login, vcaudit {got['secret_kind']!r}")
        elif not got["cleartext"]:
            diffs.append("tshark reads the secret in clear, vcaudit has cleartext=0")
        if not got["secret_hmac"]:
            diffs.append("vcaudit stored no secret_hmac for a cleartext secret")
        elif "\ufffd" in secret:
            pass  # tshark shows this field as ASCII, each other byte as U+FFFD: nothing to hash (a note says so)
        elif not hmac.compare_digest(secret_hmac(key, secret), got["secret_hmac"]):
            diffs.append(f"secret_hmac differs from HMAC of tshark's secret {redact(secret)}")
    return diffs


def compare_capture(want: list[Attempt], rows: list[dict[str, Any]], key: bytes) -> tuple[int, list[str], list[str]]:
    """(attempts that agree, problems, notes)."""
    problems, notes = [], []
    want_ids = collections.Counter((a["protocol"], a["username"]) for a in want)
    got_ids = collections.Counter((r["protocol"], r["username"]) for r in rows)
    if want_ids != got_ids:
        missing, extra = want_ids - got_ids, got_ids - want_ids
        if missing:
            problems.append("attempts tshark sees and vcaudit lacks: " +
                            ", ".join(f"{p} {u!r} x{n}" for (p, u), n in sorted(missing.items())))
        if extra:
            problems.append("attempts vcaudit reports beyond tshark: " +
                            ", ".join(f"{p} {u!r} x{n}" for (p, u), n in sorted(extra.items())))
    left = list(rows)
    agree = 0
    pairs = []
    # Same frame first, then the remaining ones of the same identity in order.
    for a in want:
        match = next((r for r in left if (r["protocol"], r["username"], r["frame"]) ==
                      (a["protocol"], a["username"], a["frame"])), None)
        if match:
            left.remove(match)
        pairs.append([a, match])
    for pair in pairs:
        if pair[1] is None:
            a = pair[0]
            match = next((r for r in left if (r["protocol"], r["username"]) == (a["protocol"], a["username"])), None)
            if match:
                left.remove(match)
                pair[1] = match
    for a, r in pairs:
        if r is None:
            problems.append(f"{describe(a)}: not in vcaudit's credentials")
            continue
        diffs = compare_attempt(a, r, key)
        if diffs:
            problems.append(f"{describe(a)}: " + "; ".join(diffs))
        else:
            agree += 1
        if isinstance(a.get("secret"), str) and "\ufffd" in a["secret"]:
            notes.append(f"{describe(a)}: tshark replaced the secret's non-ASCII bytes, HMAC not compared")
        if a["outcome"] is None and not a.get("outcome_from_tshark"):
            notes.append(f"{describe(a)}: tshark shows no answer deciding it; vcaudit says {r['outcome']!r}")
    for r in left:
        problems.append(f"{describe(r)}: reported by vcaudit only ({r['mechanism']})")
    return agree, problems, notes


# ----------------------------------------------------------------- corpus

def credential_corpus(shared: str) -> list[str]:
    base = os.path.join(shared, "corpus", "public")
    out = []
    with open(os.path.join(base, "MANIFEST.tsv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            seen = re.sub(r"\(.*?\)", "", row.get("protocols_seen") or "")
            if CREDENTIAL_PROTOCOLS & {p.strip().lower() for p in seen.split(",")}:
                out.append(os.path.join(base, row["path"]))
    return out


def faults_missed(want: list[Attempt], rows: list[dict[str, Any]], key: bytes) -> list[str]:
    """The comparison must fail on altered rows; returns the faults it let through."""
    i = next(n for n, r in enumerate(rows) if r["secret_hmac"])
    flipped = "success" if rows[i]["outcome"] != "success" else "failure"
    faults = {
        "a missing row": rows[:i] + rows[i + 1:],
        "a wrong secret": rows[:i] + [dict(rows[i], secret_hmac=secret_hmac(key, b"not the secret"))] + rows[i + 1:],
        "a wrong outcome": rows[:i] + [dict(rows[i], outcome=flipped)] + rows[i + 1:],
        "a wrong frame": rows[:i] + [dict(rows[i], frame=rows[i]["frame"] + 1)] + rows[i + 1:],
    }
    missed = []
    for what, altered in faults.items():
        if what == "a wrong outcome" and next(a for a in want if a["frame"] == rows[i]["frame"])["outcome"] is None:
            continue  # tshark has no answer there: the outcome is not compared
        _, problems, _ = compare_capture(want, altered, key)
        if not problems:
            missed.append(what)
    return missed


# ----------------------------------------------------------------- synthetic sessions
#
# The corpus holds no IMAP, SMTP or LDAP login, APOP, anonymous FTP nor proxy
# Basic. A capture of such sessions is written at run time, with fresh random
# secrets that are never printed, and compared like a corpus capture: tshark
# decodes it, vcaudit audits it.

SYNTHETIC_CAPTURE = "synthetic-logins.pcap"
PCAP_LINKTYPE_ETHERNET = 1


def inet_checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tcp_frame(src: tuple[str, int], dst: tuple[str, int], seq: int, ack: int, flags: int, payload: bytes) -> bytes:
    sip, dip = bytes(map(int, src[0].split("."))), bytes(map(int, dst[0].split(".")))
    header = (src[1].to_bytes(2, "big") + dst[1].to_bytes(2, "big") + seq.to_bytes(4, "big") +
              ack.to_bytes(4, "big") + bytes([5 << 4, flags]) + (65535).to_bytes(2, "big") + b"\0\0\0\0")
    pseudo = sip + dip + bytes([0, 6]) + (len(header) + len(payload)).to_bytes(2, "big")
    csum = inet_checksum(pseudo + header + payload)
    segment = header[:16] + csum.to_bytes(2, "big") + header[18:] + payload
    ip = (bytes([0x45, 0]) + (20 + len(segment)).to_bytes(2, "big") + b"\0\1\x40\0" + bytes([64, 6]) + b"\0\0" +
          sip + dip)
    ip = ip[:10] + inet_checksum(ip).to_bytes(2, "big") + ip[12:]
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00" + ip + segment


def tcp_session(client: tuple[str, int], server: tuple[str, int], turns: list[tuple[int, bytes]]) -> list[bytes]:
    """Handshake, then each (side, bytes) as one segment (side 0: client), then FIN both ways."""
    syn, ack, fin, psh = 0x02, 0x10, 0x01, 0x08
    seq = [1000, 5000]
    ends = [client, server]
    frames = [tcp_frame(client, server, seq[0], 0, syn, b""),
              tcp_frame(server, client, seq[1], seq[0] + 1, syn | ack, b"")]
    seq = [seq[0] + 1, seq[1] + 1]
    frames.append(tcp_frame(client, server, seq[0], seq[1], ack, b""))
    for side, data in turns:
        frames.append(tcp_frame(ends[side], ends[1 - side], seq[side], seq[1 - side], ack | psh, data))
        seq[side] += len(data)
    frames.append(tcp_frame(client, server, seq[0], seq[1], fin | ack, b""))
    frames.append(tcp_frame(server, client, seq[1], seq[0] + 1, fin | ack, b""))
    frames.append(tcp_frame(client, server, seq[0] + 1, seq[1] + 1, ack, b""))
    return frames


def ber(tag: int, content: bytes) -> bytes:
    n = len(content)
    length = bytes([n]) if n < 0x80 else bytes([0x81, n]) if n < 0x100 else bytes([0x82]) + n.to_bytes(2, "big")
    return bytes([tag]) + length + content


def ldap_bind(message_id: int, dn: str, password: str) -> bytes:
    op = ber(0x60, ber(0x02, b"\x03") + ber(0x04, dn.encode()) + ber(0x80, password.encode()))
    return ber(0x30, ber(0x02, bytes([message_id])) + op)


def ldap_bind_response(message_id: int, result: int) -> bytes:
    op = ber(0x61, ber(0x0A, bytes([result])) + ber(0x04, b"") + ber(0x04, b""))
    return ber(0x30, ber(0x02, bytes([message_id])) + op)


def write_synthetic_capture(path: str) -> None:
    pw = [secrets.token_urlsafe(9) for _ in range(8)]  # made up afresh on every run, never printed
    b64 = lambda b: base64.b64encode(b).decode()
    c, s = "10.9.0.2", "10.9.0.1"
    plain = b64(b"\0bob\0" + pw[2].encode())  # RFC 4616: authzid NUL authcid NUL password
    sessions = [
        tcp_session((c, 40001), (s, 143), [
            (1, b"* OK IMAP4rev1 ready\r\n"),
            (0, f"a1 LOGIN alice {pw[0]}\r\n".encode()), (1, b"a1 NO [AUTHENTICATIONFAILED] invalid\r\n"),
            (0, f'a2 LOGIN "alice" "{pw[1]}"\r\n'.encode()), (1, b"a2 OK LOGIN completed\r\n")]),
        tcp_session((c, 40002), (s, 25), [
            (1, b"220 mail.example.test ESMTP\r\n"), (0, b"EHLO client.example.test\r\n"),
            (1, b"250-mail.example.test\r\n250 AUTH PLAIN LOGIN\r\n"),
            (0, f"AUTH PLAIN {plain}\r\n".encode()),
            (1, b"535 5.7.8 Authentication credentials invalid\r\n"),
            (0, b"AUTH LOGIN\r\n"), (1, b"334 VXNlcm5hbWU6\r\n"), (0, f"{b64(b'bob')}\r\n".encode()),
            (1, b"334 UGFzc3dvcmQ6\r\n"), (0, f"{b64(pw[3].encode())}\r\n".encode()),
            (1, b"235 2.7.0 Authentication successful\r\n"), (0, b"QUIT\r\n"), (1, b"221 bye\r\n")]),
        tcp_session((c, 40003), (s, 389), [
            (0, ldap_bind(1, "cn=admin,dc=example,dc=test", pw[4])), (1, ldap_bind_response(1, 49)),
            (0, ldap_bind(2, "cn=admin,dc=example,dc=test", pw[5])), (1, ldap_bind_response(2, 0)),
            (0, ldap_bind(3, "", "")), (1, ldap_bind_response(3, 0))]),
        tcp_session((c, 40004), (s, 110), [
            (1, b"+OK POP3 ready <1896.697170952@pop.example.test>\r\n"),
            (0, f"APOP carol {hashlib.md5(pw[6].encode()).hexdigest()}\r\n".encode()), (1, b"+OK maildrop ready\r\n"),
            (0, b"QUIT\r\n"), (1, b"+OK bye\r\n")]),
        tcp_session((c, 40005), (s, 21), [
            (1, b"220 FTP ready\r\n"), (0, b"USER anonymous\r\n"), (1, b"331 Send your e-mail address\r\n"),
            (0, b"PASS guest@example.test\r\n"), (1, b"230 Login successful\r\n"), (0, b"QUIT\r\n"),
            (1, b"221 Goodbye\r\n")]),
        tcp_session((c, 40006), (s, 8080), [
            (0, f"GET http://www.example.test/ HTTP/1.1\r\nHost: www.example.test\r\n"
                f"Proxy-Authorization: Basic {b64(('dave:' + pw[7]).encode())}\r\n\r\n".encode()),
            (1, b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
                b"Content-Length: 0\r\n\r\n")]),
    ]
    with open(path, "wb") as f:
        f.write((0xA1B2C3D4).to_bytes(4, "little") + (2).to_bytes(2, "little") + (4).to_bytes(2, "little") +
                bytes(8) + (65535).to_bytes(4, "little") + PCAP_LINKTYPE_ETHERNET.to_bytes(4, "little"))
        n = 0
        for session in sessions:
            for frame in session:
                n += 1
                f.write((1700000000 + n).to_bytes(4, "little") + (0).to_bytes(4, "little") +
                        len(frame).to_bytes(4, "little") * 2 + frame)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vcaudit", required=True, help="vcaudit binary")
    ap.add_argument("--shared", required=True, help="shared folder holding corpus/public/MANIFEST.tsv")
    ap.add_argument("--work", help="folder for the audits (default: a temporary folder, removed)")
    args = ap.parse_args(argv)
    if not os.path.isfile(os.path.join(args.shared, "corpus", "public", "MANIFEST.tsv")):
        print(f"compare_creds_with_tshark.py: no corpus/public/MANIFEST.tsv under {args.shared}", file=sys.stderr)
        return 2
    if not shutil.which("tshark"):
        print("compare_creds_with_tshark.py: tshark not found in PATH", file=sys.stderr)
        return 2
    if args.work:
        os.makedirs(args.work, exist_ok=True)
        return run(args.vcaudit, os.path.abspath(args.shared), args.work)
    with tempfile.TemporaryDirectory(prefix="vcaudit-creds-tshark-") as work:
        return run(args.vcaudit, os.path.abspath(args.shared), work)


def run(vcaudit: str, shared: str, work: str) -> int:
    passed = failed = skipped = 0
    fault_case = None
    synthetic = os.path.join(work, SYNTHETIC_CAPTURE)
    write_synthetic_capture(synthetic)
    for capture in credential_corpus(shared) + [synthetic]:
        name = os.path.relpath(capture, os.path.join(shared, "corpus", "public")) if capture != synthetic else \
            SYNTHETIC_CAPTURE + " (written by this test)"
        try:
            want, issues = tshark_attempts(capture)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"FAIL {name}: {e}")
            failed += 1
            continue
        if not want:
            skipped += 1
            print(f"skip {name}: tshark finds no credential")
            continue
        folder, error = audit(vcaudit, capture, work)
        if folder is None:
            print(f"FAIL {name}: vcaudit could not audit it: {error}")
            failed += 1
            continue
        rows, key = store_rows(folder)
        agree, problems, notes = compare_capture(want, rows, key)
        problems += issues
        status = "ok  " if not problems else "FAIL"
        print(f"{status} {name}: {agree}/{len(want)} attempts agree")
        for p in problems:
            print("       " + p)
        for n in notes:
            print("       note: " + n)
        if problems:
            failed += 1
        else:
            passed += 1
            if fault_case is None and any(r["secret_hmac"] for r in rows):
                fault_case = (name, want, rows, key)
    print(f"{skipped} capture(s) skipped (no credential decoded by tshark)")
    if fault_case is None:
        print("FAIL no agreeing capture with a cleartext secret to check the comparison's own faults on")
        failed += 1
    else:
        missed = faults_missed(*fault_case[1:])
        if missed:
            print(f"FAIL faults made on {fault_case[0]} went unreported: {', '.join(missed)}")
            failed += 1
        else:
            print(f"ok   faults made on {fault_case[0]} (a missing row, a wrong secret, outcome, frame) are reported")
    os.remove(synthetic)  # its secrets are made up, but a capture of passwords is not left lying around
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
