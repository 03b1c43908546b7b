#!/usr/bin/env python3
"""Audits real OpenSSL handshakes with vcaudit and checks the facts against tshark.

1. Makes the capture (make_tls_captures.sh: openssl s_server/s_client on
   loopback, TLS 1.0 to 1.3, weak suites offered and chosen, a weak and an
   expired certificate, resumption by session id, ticket and TLS 1.3 PSK)
   unless --captures names a folder that has it.
2. Audits it with vcaudit.
3. For every TLS connection tshark sees (each tcp.stream: two connections
   may share a client port, to different servers or, after a reset, to the
   same one), the tls_sessions row must agree
   field by field with tshark: version, cipher suite, SNI, the client's ALPN
   list, the server's ALPN, JA3 (tshark's tls.handshake.ja3), JA4 (computed in
   Python from tshark's fields, compare_with_tshark.tshark_ja4) and how the
   session was resumed (derived here from tshark's session ids, extensions,
   handshake types and ChangeCipherSpec records).
4. truth.json (what the script asked OpenSSL for) must match too: resumed,
   client_offered_resumption, app_guess/app_basis, and the rules that must
   fail: VC-TLS-001 (TLS < 1.2), VC-TLS-002 (weak suite chosen), VC-TLS-004
   (broken suites offered), VC-TLS-003 (expired, self-signed, RSA-1024, SHA-1).

Prints "N passed, M failed"; exits 0, 1 on a failure, or 77 (skip) when a
program or root is missing outside CI (in CI that is a failure).
"""
import argparse
import collections
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "tshark"))
from compare_with_tshark import tshark_ja4  # noqa: E402

SKIP = 77
SERVER_PORTS = range(47301, 47309)  # make_tls_captures.sh: one server port per scenario


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}")


def need_tools():
    missing = [t for t in ("openssl", "tcpdump", "tshark", "ss") if shutil.which(t) is None]
    if os.geteuid() != 0:
        missing.append("root (tcpdump on lo)")
    if missing:
        msg = "missing: " + ", ".join(missing) + " (.ci/install-deps test installs them)"
        if os.environ.get("CI"):
            print("FAIL " + msg)
            sys.exit(1)
        print("SKIP " + msg)
        sys.exit(SKIP)


def tshark_fields(pcap, display_filter, fields):
    cmd = ["tshark", "-n", "-r", str(pcap), "-o", "tcp.desegment_tcp_streams:TRUE", "-Y", display_filter,
           "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=;"]
    for f in fields:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return [dict(zip(fields, line.split("|"))) for line in out.splitlines()]


def listed(v):
    return [x for x in v.split(";") if x] if v else []


VERSIONS = {0x0301: "TLS1.0", 0x0302: "TLS1.1", 0x0303: "TLS1.2", 0x0304: "TLS1.3"}


def tshark_connections(pcap):
    """Per tcp.stream: what tshark shows of each TLS connection."""
    fields = ["frame.number", "tcp.stream", "tcp.srcport", "tcp.dstport", "tls.record.content_type", "tls.handshake.type",
              "tls.handshake.version", "tls.handshake.session_id", "tls.handshake.ciphersuite",
              "tls.handshake.extension.type", "tls.handshake.extension.len",
              "tls.handshake.extensions.supported_version", "tls.handshake.extensions_server_name",
              "tls.handshake.extensions_alpn_str", "tls.handshake.ja3"]
    conns = {}
    for v in tshark_fields(pcap, "tls", fields):
        sport, dport = int(v["tcp.srcport"]), int(v["tcp.dstport"])
        from_client = dport in SERVER_PORTS
        c = conns.setdefault(int(v["tcp.stream"]), {"client_port": sport if from_client else dport,
                                                    "server_port": dport if from_client else sport,
                                                    "server_types": set(), "server_ccs": False})
        types = [int(t) for t in listed(v["tls.handshake.type"])]
        exts = [int(t) for t in listed(v["tls.handshake.extension.type"])]
        ext_lens = [int(t) for t in listed(v["tls.handshake.extension.len"])]
        if from_client and 1 in types and "frame" not in c:
            c["frame"] = int(v["frame.number"])
            c["sni"] = v["tls.handshake.extensions_server_name"] or None
            c["alpn"] = ",".join(listed(v["tls.handshake.extensions_alpn_str"])) or None
            c["ja3"] = v["tls.handshake.ja3"] or None
            c["client_sid"] = v["tls.handshake.session_id"]
            c["client_ticket"] = any(t == 35 and n > 0 for t, n in zip(exts, ext_lens))
            c["client_psk"] = 41 in exts
        if not from_client:
            if 2 in types and "version" not in c:
                selected = [int(x, 16) for x in listed(v["tls.handshake.extensions.supported_version"])]
                legacy = int(listed(v["tls.handshake.version"])[0], 16)
                c["version"] = VERSIONS.get(selected[0] if selected else legacy)
                c["cipher_id"] = int(listed(v["tls.handshake.ciphersuite"])[0], 16)
                c["server_psk"] = 41 in exts
                c["server_alpn"] = (listed(v["tls.handshake.extensions_alpn_str"]) or [None])[0]
            c["server_types"].update(types)
            if "20" in listed(v["tls.record.content_type"]):
                c["server_ccs"] = True
    for c in conns.values():
        # Resumption from tshark's view: TLS 1.3 by the ServerHello's
        # pre_shared_key; TLS <= 1.2 by an abbreviated server flight (a
        # ChangeCipherSpec and no ServerHelloDone), by ticket when the client sent one.
        if c.get("version") == "TLS1.3":
            c["resumed"] = "psk" if c["server_psk"] else "full"
        elif 14 in c["server_types"]:
            c["resumed"] = "full"
        elif c["server_ccs"]:
            c["resumed"] = "ticket" if c["client_ticket"] else "session_id"
        else:
            c["resumed"] = None
    return conns


def run_audit(vcaudit, pcap, out, home):
    env = dict(os.environ, VCAUDIT_HOME=str(home))
    r = subprocess.run([vcaudit, "audit", "--pcap", str(pcap), "--level", "3", "--out", str(out)],
                       capture_output=True, text=True, env=env)
    if r.returncode not in (0, 1, 4):
        sys.exit(f"vcaudit audit failed with {r.returncode}: {r.stderr.strip()[-600:]}")
    con = sqlite3.connect(f"file:{out / 'evidence.db'}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--work", required=True, help="folder for the capture and the report (emptied first)")
    ap.add_argument("--captures", help="use the capture already made here")
    args = ap.parse_args()
    need_tools()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    captures = Path(args.captures) if args.captures else work / "captures"
    if not args.captures:
        r = subprocess.run(["bash", str(HERE / "make_tls_captures.sh"), str(captures)], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("make_tls_captures.sh failed:\n" + r.stdout[-2000:] + r.stderr[-2000:])
    truth = json.loads((captures / "truth.json").read_text())
    pcap = captures / truth["capture"]
    c = Checks()

    want = tshark_connections(pcap)
    ja4 = tshark_ja4(str(pcap), by_stream=True)
    db = run_audit(args.vcaudit, pcap, work / "report", work / "home")
    got = [dict(r) for r in db.execute(
        "SELECT f.src_port, f.dst_port, f.first_ts, t.* FROM tls_sessions t JOIN flows f USING (flow_id) "
        "WHERE t.dtls = 0 ORDER BY f.first_ts")]
    c.check(len(want) == len(truth["connections"]),
            f"tshark sees {len(want)} TLS connections, the lab made {len(truth['connections'])}")
    c.check(len(got) == len(truth["connections"]),
            f"vcaudit has {len(got)} TLS sessions, the lab made {len(truth['connections'])}")

    # 3. field by field against tshark: the n-th connection between two
    # ports in tshark's stream order is the n-th in vcaudit's time order.
    got_by_ports = collections.defaultdict(list)
    for g in got:
        got_by_ports[(g["src_port"], g["dst_port"])].append(g)
    seen = collections.Counter()
    for stream, w in sorted(want.items(), key=lambda kv: kv[1].get("frame", 0)):
        ports = (w["client_port"], w["server_port"])
        nth = seen[ports]
        seen[ports] += 1
        rows = got_by_ports.get(ports, [])
        g = rows[nth] if nth < len(rows) else None
        name = f"tcp.stream {stream} from port {ports[0]} to {ports[1]}"
        if g is None:
            c.check(False, f"{name}: tshark sees it, vcaudit has no tls_sessions row")
            continue
        pairs = {"version": (w.get("version"), g["version"]), "cipher_id": (w.get("cipher_id"), g["cipher_id"]),
                 "sni": (w.get("sni"), g["sni"]), "alpn": (w.get("alpn"), g["alpn"]),
                 "server_alpn": (w.get("server_alpn"), g["server_alpn"]), "ja3": (w.get("ja3"), g["ja3"]),
                 "ja4": (ja4.get(stream), g["ja4"]), "resumed": (w["resumed"], g["resumed"])}
        for field, (t, v) in pairs.items():
            c.check(t == v, f"{name}: {field}: tshark {t!r}, vcaudit {v!r}")
        c.check(w.get("ja3") is not None and ja4.get(stream) is not None, f"{name}: tshark gave no JA3/JA4 to compare")

    # 4. against what the lab asked for
    by_port = collections.defaultdict(list)
    for g in got:
        by_port[g["dst_port"]].append(g)
    for t in truth["connections"]:
        rows = by_port.get(t["port"], [])
        name = f"port {t['port']} connection {t['nth']}"
        if len(rows) < t["nth"]:
            c.check(False, f"{name}: no tls_sessions row")
            continue
        g = rows[t["nth"] - 1]
        for field in ("version", "sni", "alpn", "server_alpn", "cipher", "resumed", "app_guess", "app_basis"):
            if field in t:
                c.check(g[field] == t[field], f"{name}: {field}: expected {t[field]!r}, vcaudit {g[field]!r}")
        if "client_port" in t:
            c.check(g["src_port"] == t["client_port"],
                    f"{name}: client port: expected {t['client_port']}, vcaudit {g['src_port']}")
        if "offered" in t:
            c.check(g["client_offered_resumption"] == t["offered"],
                    f"{name}: client_offered_resumption: expected {t['offered']}, vcaudit {g['client_offered_resumption']}")
        for suite in t.get("offers", []):
            c.check(suite in (g["client_cipher_suites"] or "").split(","), f"{name}: offered suite {suite} not listed")

    findings = collections.defaultdict(list)
    for r in db.execute("SELECT rule_id, subject, detail FROM findings WHERE status = 'fail'"):
        findings[r["rule_id"]].append(r["subject"] + " | " + (r["detail"] or ""))
    for rule, expected in truth["findings"].items():
        text = "\n".join(findings.get(rule, []))
        for item in expected:
            needle = f":{item}" if isinstance(item, int) else item
            c.check(needle in text, f"{rule} does not fail for {item}: {findings.get(rule, [])}")
    for port in (47304, 47305, 47306, 47307, 47308):  # TLS >= 1.2 with AEAD suites only
        c.check(not any(f":{port}" in s for s in findings.get("VC-TLS-001", []) + findings.get("VC-TLS-002", [])),
                f"VC-TLS-001/002 fire for the sound connection on {port}")
    cert = {f: [s for s in findings.get("VC-TLS-003", []) if cn in s]
            for f, cn in (("weak", "weak.lab.example"), ("expired", "expired.lab.example"))}
    for t in truth["connections"]:
        for problem in t.get("cert_problems", []):
            key = "weak" if t["cert_cn"].startswith("weak") else "expired"
            c.check(any(problem in s for s in cert[key]), f"VC-TLS-003: no '{problem}' finding for {t['cert_cn']}")
    c.check(any("sha1" in s.lower() for s in cert["weak"]), "VC-TLS-003: the SHA-1 signature is not named")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
