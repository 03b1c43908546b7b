#!/usr/bin/env python3
"""Proves, with tshark alone, that each credential capture holds what truth.json says.

Usage: check_with_tshark.py CAPTURE_DIR

For every scenario of CAPTURE_DIR/truth.json (written by make_creds_captures.sh)
tshark decodes the capture and this script rebuilds the login attempts it
sees, in capture order: user name, the secret (compared with truth, or for
digest schemes the digest recomputed from it), and the server's answer.
Each must match the truth attempt at the same position, and the counts must
be equal. Prints one table per scenario; secrets only as first character +
length. Exit status 0 if every scenario matches, 1 otherwise, 2 on usage or
tool errors.
"""

import codecs
import hashlib
import json
import os
import shutil
import subprocess
import sys

AGG = "\x1f"  # tshark aggregator for multi-occurrence fields: never in the data
TSHARK_TIMEOUT_S = 60


def redact(secret):
    if secret is None:
        return "-"
    if secret == "":
        return "(empty)"
    return "%s***(%d)" % (secret[0], len(secret))


def md5_hex(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def digest_response(user, realm, secret, method, uri, nonce, nc, cnonce, qop):
    ha1 = md5_hex("%s:%s:%s" % (user, realm, secret))
    ha2 = md5_hex("%s:%s" % (method, uri))
    if qop:
        return md5_hex(":".join([ha1, nonce, nc, cnonce, qop, ha2]))
    return md5_hex(":".join([ha1, nonce, ha2]))


def parse_auth_params(value):
    """'Digest k=v, k="v"' -> dict (quotes removed, keys lower-case)."""
    _, _, rest = value.strip().partition(" ")
    out, i, n = {}, 0, len(rest)
    while i < n:
        while i < n and rest[i] in " ,":
            i += 1
        eq = rest.find("=", i)
        if eq < 0:
            break
        key = rest[i:eq].strip().lower()
        i = eq + 1
        if i < n and rest[i] == '"':
            end = rest.find('"', i + 1)
            end = n if end < 0 else end
            out[key] = rest[i + 1:end]
            i = end + 1
        else:
            end = rest.find(",", i)
            end = n if end < 0 else end
            out[key] = rest[i:end].strip()
            i = end
    return out


def unescape(text):
    """Undoes tshark's escaping of string fields (\\r, \\n, \\xNN, \\\\)."""
    try:
        return codecs.decode(text, "unicode_escape")
    except UnicodeDecodeError:
        return text


class Tshark:
    def __init__(self, path, decode_as):
        self.path = path
        self.decode_as = decode_as

    def fields(self, display_filter, names):
        cmd = ["tshark", "-n", "-r", self.path, "-o", "tcp.desegment_tcp_streams:TRUE"]
        for d in self.decode_as:
            cmd += ["-d", d]
        if display_filter:
            cmd += ["-Y", display_filter]
        cmd += ["-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=" + AGG]
        for name in names:
            cmd += ["-e", name]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TSHARK_TIMEOUT_S)
        if proc.returncode != 0:
            # stderr names fields and filters, never packet contents
            raise RuntimeError("tshark failed on %s: %s" % (os.path.basename(self.path), proc.stderr.strip()))
        rows = []
        for line in proc.stdout.splitlines():
            cells = line.split("\t")
            cells += [""] * (len(names) - len(cells))
            rows.append(dict(zip(names, cells)))
        return rows


# Every extractor returns (observed attempts, notes). An observed attempt is
# {"username", "secret_ok": bool|None, "secret_seen": str|None (never printed),
#  "answer": text, "outcome": success|failure|unknown, plus matching keys}.

def extract_http_basic(ts, sc):
    reqs = ts.fields("http.request", ["frame.number", "http.authbasic", "http.request.uri"])
    resps = {r["http.request_in"]: r["http.response.code"]
             for r in ts.fields("http.response", ["http.request_in", "http.response.code"])}
    seen, challenges = [], 0
    for r in reqs:
        code = resps.get(r["frame.number"], "")
        if not r["http.authbasic"]:
            challenges += code == "401"
            continue
        user, _, pw = r["http.authbasic"].partition(":")
        seen.append({"username": user, "secret_seen": pw, "answer": "HTTP %s" % (code or "none"),
                     "outcome": {"200": "success", "401": "failure"}.get(code, "unknown")})
    return seen, ["requests without credentials answered 401: %d" % challenges]


def extract_http_digest(ts, sc):
    reqs = ts.fields("http.request", ["frame.number", "http.request.method", "http.authorization"])
    resps = {r["http.request_in"]: r["http.response.code"]
             for r in ts.fields("http.response", ["http.request_in", "http.response.code"])}
    seen, challenges = [], 0
    for r in reqs:
        code = resps.get(r["frame.number"], "")
        auth = r["http.authorization"]
        if not auth.lower().startswith("digest"):
            challenges += code == "401"
            continue
        p = parse_auth_params(auth)
        seen.append({"username": p.get("username", ""), "digest": (r["http.request.method"], p),
                     "answer": "HTTP %s" % (code or "none"),
                     "outcome": {"200": "success", "401": "failure"}.get(code, "unknown")})
    return seen, ["Digest challenges (401 to requests without Authorization): %d" % challenges]


def extract_http_form(ts, sc):
    reqs = ts.fields('http.request.method == "POST"',
                     ["frame.number", "urlencoded-form.key", "urlencoded-form.value"])
    resps = {r["http.request_in"]: (r["http.response.code"], r["http.location"])
             for r in ts.fields("http.response", ["http.request_in", "http.response.code", "http.location"])}
    seen = []
    for r in reqs:
        form = dict(zip(r["urlencoded-form.key"].split(AGG), r["urlencoded-form.value"].split(AGG)))
        code, location = resps.get(r["frame.number"], ("", ""))
        outcome = "success" if code in ("301", "302", "303") else "failure" if code == "200" else "unknown"
        seen.append({"username": form.get("username", ""), "secret_seen": form.get("password"),
                     "answer": "HTTP %s%s" % (code or "none", " -> " + location if location else ""),
                     "outcome": outcome})
    return seen, []


def extract_ftp(ts, sc):
    rows = ts.fields("ftp", ["tcp.stream", "ftp.request.command", "ftp.request.arg", "ftp.response.code"])
    seen, user, pending = [], {}, {}
    for r in rows:
        stream, cmd = r["tcp.stream"], r["ftp.request.command"].upper()
        if cmd == "USER":
            user[stream] = r["ftp.request.arg"]
        elif cmd == "PASS":
            pending[stream] = {"username": user.get(stream, ""), "secret_seen": r["ftp.request.arg"],
                               "answer": "none", "outcome": "unknown"}
            seen.append(pending[stream])
        elif r["ftp.response.code"] and stream in pending:
            code = r["ftp.response.code"].split(AGG)[0]
            if code in ("230", "530"):
                a = pending.pop(stream)
                a["answer"] = "FTP %s" % code
                a["outcome"] = "success" if code == "230" else "failure"
    return seen, ["control connections: %d" % len({r["tcp.stream"] for r in rows})]


def extract_telnet(ts, sc):
    port = str(sc["server_port"])
    rows = ts.fields("telnet.data", ["tcp.stream", "tcp.srcport", "telnet.data"])
    seen, notes = [], []
    streams = {}
    for r in rows:
        streams.setdefault(r["tcp.stream"], []).append(r)
    for stream, packets in streams.items():
        state, current, server_text = "idle", None, ""
        for r in packets:
            text = "".join(unescape(part) for part in r["telnet.data"].split(AGG))
            if r["tcp.srcport"] == port:
                server_text += text
                if current is not None and state == "answer":
                    if "Login incorrect" in server_text:
                        current["outcome"], current["answer"] = "failure", "'Login incorrect'"
                        current, state = None, "idle"
                    elif server_text.rstrip(" ").endswith(("$", "#")):
                        current["outcome"], current["answer"] = "success", "shell prompt"
                        current, state = None, "idle"
                if server_text.rstrip().endswith("login:"):
                    state, server_text = "user", ""
                elif server_text.rstrip().lower().endswith("password:") and state == "password":
                    state, server_text = "secret", ""
                continue
            line = text.rstrip("\r\n\0")
            if state == "user":
                current = {"username": line, "secret_seen": None, "answer": "none", "outcome": "unknown"}
                seen.append(current)
                state = "password"
            elif state == "secret" and current is not None:
                current["secret_seen"] = line
                state, server_text = "answer", ""
    notes.append("telnet connections: %d" % len(streams))
    return seen, notes


def extract_snmp(ts, sc):
    rows = ts.fields("snmp", ["frame.number", "snmp.version", "snmp.community", "snmp.data", "snmp.request_id"])
    answered = {r["snmp.request_id"] for r in rows if r["snmp.data"] == "2"}  # 2 = get-response
    versions = {"0": "1", "1": "2c"}
    seen = []
    for r in rows:
        if r["snmp.data"] != "0":  # 0 = get-request
            continue
        ok = r["snmp.request_id"] in answered
        seen.append({"username": "", "secret_seen": r["snmp.community"],
                     "snmp_version": versions.get(r["snmp.version"], r["snmp.version"]),
                     "answer": "get-response" if ok else "no answer",
                     "outcome": "success" if ok else "failure"})
    return seen, []


def sip_transactions(ts):
    rows = ts.fields("sip", ["frame.number", "sip.Method", "sip.Status-Code", "sip.Call-ID", "sip.CSeq.seq",
                             "sip.CSeq.method", "sip.to.user", "sip.User-Agent", "sip.auth.username",
                             "sip.auth.realm", "sip.auth.nonce", "sip.auth.uri", "sip.auth.nc",
                             "sip.auth.cnonce", "sip.auth.qop", "sip.auth.digest.response"])
    finals = {}
    for r in rows:
        code = r["sip.Status-Code"]
        if code and int(code) >= 200:
            finals[(r["sip.Call-ID"], r["sip.CSeq.seq"], r["sip.CSeq.method"])] = code
    reqs = [r for r in rows if r["sip.Method"]]
    for r in reqs:
        r["final"] = finals.get((r["sip.Call-ID"], r["sip.CSeq.seq"], r["sip.Method"]), "")
    return reqs


def extract_sip_register(ts, sc):
    reqs = [r for r in sip_transactions(ts) if r["sip.Method"] == "REGISTER"]
    seen, challenges, agents = [], 0, set()
    for r in reqs:
        agents.add(r["sip.User-Agent"])
        if not r["sip.auth.username"]:
            challenges += r["final"] == "401"
            continue
        p = {"username": r["sip.auth.username"].strip('"'), "realm": r["sip.auth.realm"].strip('"'),
             "nonce": r["sip.auth.nonce"].strip('"'), "uri": r["sip.auth.uri"].strip('"'),
             "nc": r["sip.auth.nc"], "cnonce": r["sip.auth.cnonce"].strip('"'),
             "qop": r["sip.auth.qop"].strip('"'), "response": r["sip.auth.digest.response"].strip('"')}
        code = r["final"]
        seen.append({"username": p["username"], "digest": ("REGISTER", p),
                     "answer": "SIP %s" % (code or "none"),
                     "outcome": "success" if code == "200" else "failure" if code in ("401", "403") else "unknown"})
    notes = ["REGISTER without credentials answered 401: %d" % challenges,
             "User-Agent: %s" % ", ".join(sorted(a for a in agents if a))]
    return seen, notes


def check_scan(ts, sc, problems):
    """svwar: many REGISTERs from 'friendly-scanner'; found = users not answered 404."""
    scan = sc.get("scan") or {}
    reqs = [r for r in sip_transactions(ts) if r["sip.Method"] == "REGISTER"]
    agents = sorted({r["sip.User-Agent"] for r in reqs if r["sip.User-Agent"]})
    codes = {}
    for r in reqs:
        codes[r["sip.to.user"]] = r["final"]
    found = sorted(u for u, c in codes.items() if c in ("401", "407", "200"))
    lo, _, hi = scan.get("extensions_tried", "").partition("-")
    tried = {str(n) for n in range(int(lo), int(hi) + 1)} if lo and hi else set()
    print("  REGISTER requests: %d, distinct To users: %d, User-Agent: %s"
          % (len(reqs), len(codes), ", ".join(agents) or "(none)"))
    print("  answers: %s" % ", ".join("%s=%s" % (u, codes[u] or "none") for u in sorted(codes)))
    print("  extensions answered 401 (exist): %s" % " ".join(found))
    if scan.get("user_agent") and scan["user_agent"] not in agents:
        problems.append("User-Agent %r not seen" % scan["user_agent"])
    if found != sorted(scan.get("extensions_found", [])):
        problems.append("found extensions %s, truth %s" % (found, scan.get("extensions_found")))
    if tried and not tried <= set(codes):
        problems.append("extensions not probed: %s" % " ".join(sorted(tried - set(codes))))


EXTRACTORS = {
    "http-basic": extract_http_basic,
    "http-digest": extract_http_digest,
    "http-form": extract_http_form,
    "ftp": extract_ftp,
    "telnet": extract_telnet,
    "snmp": extract_snmp,
    "sip": extract_sip_register,
}
DISSECTOR = {"http-basic": "http", "http-digest": "http", "http-form": "http",
             "ftp": "ftp", "telnet": "telnet", "snmp": "snmp", "sip": "sip"}


def secret_matches(observed, truth):
    if "digest" in observed:
        method, p = observed["digest"]
        want = digest_response(p.get("username", ""), p.get("realm", ""), truth["secret"], method,
                               p.get("uri", ""), p.get("nonce", ""), p.get("nc", ""), p.get("cnonce", ""),
                               p.get("qop", ""))
        return want == p.get("response", "").lower()
    return observed.get("secret_seen") == truth["secret"]


def check_scenario(capture_dir, sc):
    problems = []
    path = os.path.join(capture_dir, sc["capture"])
    print("== %s  (%s, %s/%d, client: %s, server: %s)"
          % (sc["name"], sc["capture"], sc["transport"], sc["server_port"], sc["client"], sc["server"]))
    if not os.path.isfile(path):
        print("  MISSING capture file")
        return ["capture file missing"]
    dissector = DISSECTOR.get(sc["protocol"])
    if dissector is None:
        return ["unknown protocol %r" % sc["protocol"]]
    ts = Tshark(path, ["%s.port==%d,%s" % (sc["transport"], sc["server_port"], dissector)])
    frames = ts.fields("", ["ip.src", "ip.dst"])
    addrs = {a for r in frames for a in (r["ip.src"], r["ip.dst"]) if a}
    print("  %d bytes, %d packets, addresses: %s" % (os.path.getsize(path), len(frames), " ".join(sorted(addrs))))
    if addrs - {"127.0.0.1"}:
        problems.append("non-loopback addresses %s" % sorted(addrs - {"127.0.0.1"}))

    if sc.get("scan", {}).get("tool") == "svwar":
        check_scan(ts, sc, problems)
        if sc["attempts"]:
            problems.append("a scan scenario should list no attempts")
    else:
        seen, notes = EXTRACTORS[sc["protocol"]](ts, sc)
        for note in notes:
            print("  " + note)
        truth = sc["attempts"]
        print("  %-3s %-10s %-6s %-16s %-5s %-8s %-22s %-7s %s"
              % ("#", "user", "proto", "secret", "weak", "truth", "capture answer", "secret", "result"))
        for i in range(max(len(truth), len(seen))):
            t = truth[i] if i < len(truth) else None
            o = seen[i] if i < len(seen) else None
            row_problems = []
            if t is None:
                row_problems.append("attempt not in truth")
            elif o is None:
                row_problems.append("attempt missing from capture")
            else:
                if o["username"] != t["username"]:
                    row_problems.append("user %r != truth %r" % (o["username"], t["username"]))
                if o["outcome"] != t["outcome"]:
                    row_problems.append("outcome %s != truth %s" % (o["outcome"], t["outcome"]))
                if "snmp_version" in t and o.get("snmp_version") != t["snmp_version"]:
                    row_problems.append("version %s != truth %s" % (o.get("snmp_version"), t["snmp_version"]))
                if not secret_matches(o, t):
                    row_problems.append("secret differs from truth")
            ref = t or {"username": o["username"], "secret": None, "weak": None, "outcome": "-"}
            kind = "v" + t["snmp_version"] if t and "snmp_version" in t else ("digest" if o and "digest" in o else "clear")
            secret_col = "-" if not (o and t) else ("match" if secret_matches(o, t) else "DIFFERS")
            print("  %-3d %-10s %-6s %-16s %-5s %-8s %-22s %-7s %s"
                  % (i + 1, (o or ref)["username"] or "-", kind, redact(ref["secret"]),
                     {True: "yes", False: "no", None: "-"}[ref["weak"]], ref["outcome"],
                     o["answer"] if o else "(absent)", secret_col,
                     "ok" if not row_problems else "FAIL: " + "; ".join(row_problems)))
            problems += ["attempt %d: %s" % (i + 1, p) for p in row_problems]
        if "scan" in sc:
            print("  scanner: %s" % sc["scan"].get("tool"))
            agents = [n for n in notes if n.startswith("User-Agent:")]
            if sc["scan"].get("user_agent") and not any(sc["scan"]["user_agent"] in n for n in agents):
                problems.append("User-Agent %r not seen" % sc["scan"]["user_agent"])
    for p in problems:
        if not p.startswith("attempt "):  # per-attempt problems are on their table row
            print("  problem: %s" % p)
    print("  => %s" % ("OK" if not problems else "FAIL (%d problem(s))" % len(problems)))
    return problems


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: check_with_tshark.py CAPTURE_DIR\n")
        return 2
    if shutil.which("tshark") is None:
        sys.stderr.write("check_with_tshark.py: tshark not found (Debian package: tshark)\n")
        return 2
    capture_dir = sys.argv[1]
    truth_path = os.path.join(capture_dir, "truth.json")
    try:
        with open(truth_path, encoding="utf-8") as f:
            truth = json.load(f)
    except (OSError, ValueError) as err:
        sys.stderr.write("check_with_tshark.py: cannot read %s: %s\n" % (truth_path, err))
        return 2
    failed = []
    for sc in truth.get("scenarios", []):
        try:
            problems = check_scenario(capture_dir, sc)
        except (RuntimeError, subprocess.TimeoutExpired) as err:
            print("  ERROR: %s" % err)
            problems = [str(err)]
        if problems:
            failed.append(sc["name"])
        print()
    total = len(truth.get("scenarios", []))
    if total == 0:
        print("no scenarios in truth.json")
        return 1
    if failed:
        print("failed scenarios: %s" % " ".join(failed))
    print("%d passed, %d failed" % (total - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
