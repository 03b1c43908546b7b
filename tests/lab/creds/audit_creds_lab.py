#!/usr/bin/env python3
"""Audits the lab's real credential captures with vcaudit and checks the result.

1. Makes the captures (make_creds_captures.sh, real clients against real
   servers on loopback) unless --captures names a folder that has them, and
   proves with tshark that they hold what truth.json says (check_with_tshark.py).
2. Audits each scenario's capture on its own (the scans and bursts of one
   scenario must not mix with another's).
3. Every attempt of truth.json must be a `credentials` row with the same
   protocol, user name, outcome and weak flag; a cleartext secret's row must
   carry HMAC-SHA-256(store key, secret), computed here from the key file
   beside the store. The SIPVicious runs must be reported as a scan
   (VC-SCAN-001) and as password guessing (VC-CRED-005, VC-CRED-006).
4. The leak test: no secret of truth.json, nor the Basic/AUTH encodings of
   it, appears in any file vcaudit wrote, nor in its output.

Secrets are never printed: a mismatch names the scenario, user and field.
Prints "N passed, M failed" and exits non-zero on any failure.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# truth.json protocol -> (credentials.protocol, credentials.mechanism or None for any)
PROTOCOLS = {
    "http-basic": ("http", "basic"),
    "http-digest": ("http", "digest"),
    "http-form": ("http", "form"),
    "telnet": ("telnet", None),
    "ftp": ("ftp", None),
    "snmp": ("snmp", None),
    "sip": ("sip", "digest"),
}

# Findings each SIPVicious scenario must produce.
SCAN_FINDINGS = {
    "sipvicious_svwar": ["VC-SCAN-001"],
    "sipvicious_svcrack": ["VC-SCAN-001", "VC-CRED-005", "VC-CRED-006"],
}


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


def run(cmd, **kw):
    return subprocess.run(cmd, text=True, capture_output=True, **kw)


def audit(vcaudit, capture, out, home):
    env = dict(os.environ, VCAUDIT_HOME=str(home))
    r = run([vcaudit, "audit", "--pcap", str(capture), "--level", "3", "--out", str(out)], env=env)
    if r.returncode not in (0, 1, 4):
        sys.exit(f"vcaudit audit {capture.name} failed with {r.returncode}: {r.stderr.strip()[-400:]}")
    return r.stdout + r.stderr


def rows(db, sql, args=()):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(sql, args)]
    finally:
        con.close()


def check_attempts(c, scenario, out):
    proto, mechanism = PROTOCOLS[scenario["protocol"]]
    key = bytes.fromhex((out / "evidence.key").read_text().strip())
    got = rows(out / "evidence.db",
               "SELECT * FROM credentials WHERE protocol = ? ORDER BY ts, frame", (proto,))
    if mechanism:
        got = [g for g in got if g["mechanism"] == mechanism]
    name = scenario["name"]
    want = scenario["attempts"]
    if scenario["protocol"] == "snmp":
        # SNMP rows aggregate per community and version: compare per pair, matched by the keyed hash.
        by_secret = {}
        for a in want:
            by_secret.setdefault((a["secret"], "v" + a["snmp_version"]), []).append(a)
        c.check(len(got) == len(by_secret), f"{name}: {len(got)} community rows, expected {len(by_secret)}")
        for (secret, version), attempts in by_secret.items():
            mac = hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()
            match = [g for g in got if g["secret_hmac"] == mac and g["mechanism"] == version]
            label = f"{name}: {version} community {secret[:1]}…({len(secret)})"
            c.check(len(match) == 1, f"{label}: no row with its keyed hash")
            if match:
                outcome = "success" if any(a["outcome"] == "success" for a in attempts) else "failure"
                c.check(match[0]["outcome"] in (outcome, "unknown") if outcome == "failure" else
                        match[0]["outcome"] == outcome, f"{label}: outcome {match[0]['outcome']}, expected {outcome}")
                c.check(bool(match[0]["weak"]) == attempts[0]["weak"], f"{label}: weak flag {match[0]['weak']}")
                c.check(match[0]["cleartext"] == 1, f"{label}: not marked cleartext")
        return
    c.check(len(got) == len(want), f"{name}: {len(got)} {proto} rows, expected {len(want)}")
    for i, (a, g) in enumerate(zip(want, got)):
        label = f"{name} attempt {i + 1} ({a['username']})"
        c.check(g["username"] == a["username"], f"{label}: user name {g['username']!r}")
        c.check(g["outcome"] == a["outcome"], f"{label}: outcome {g['outcome']}, expected {a['outcome']}")
        c.check(g["weak"] is not None and bool(g["weak"]) == a["weak"],
                f"{label}: weak {g['weak']}, expected {a['weak']}")
        if g["secret_kind"] == "digest":
            c.check(g["cleartext"] == 0 and g["secret_hmac"] is None, f"{label}: a digest row claims a secret")
        else:
            mac = hmac.new(key, a["secret"].encode(), hashlib.sha256).hexdigest()
            c.check(g["cleartext"] == 1, f"{label}: not marked cleartext")
            c.check(g["secret_hmac"] == mac, f"{label}: keyed hash does not match the secret")


def check_scan(c, scenario, out):
    found = {r["rule_id"] for r in rows(out / "evidence.db", "SELECT rule_id FROM findings WHERE status = 'fail'")}
    for rule in SCAN_FINDINGS.get(scenario["name"], []):
        c.check(rule in found, f"{scenario['name']}: no {rule} finding")


def static_text():
    """Everything vcaudit may print of its own: rule packs, catalogue, policy, templates."""
    root = HERE.parent.parent.parent
    text = b""
    for folder in ("rules", "policy", "reports"):
        for f in (root / folder).rglob("*"):
            if f.is_file() and f.suffix in (".yaml", ".sql", ".md", ".html", ".css", ".cpp", ".hpp"):
                text += f.read_bytes()
    return text


def leak_needles(truth):
    needles = set()
    for s in truth["scenarios"]:
        for a in s["attempts"]:
            secret = a["secret"]
            # Short secrets ("1234", "0000") also occur as ordinary numbers in
            # any output; the long and the textual ones are the real test.
            if len(secret) >= 5 or not secret.isdigit():
                needles.add(secret.encode())
            if a["username"]:
                pair = f"{a['username']}:{secret}".encode()
                needles.add(base64.b64encode(pair))
                needles.add(base64.b64encode(b"\0" + a["username"].encode() + b"\0" + secret.encode()))
    # A user name that is also its own password (admin/admin) cannot be told apart.
    users = {a["username"].encode() for s in truth["scenarios"] for a in s["attempts"]}
    # A weak secret that is an ordinary word ("password", "public") is also in
    # the report's own text; only secrets absent from that text can be grepped for.
    own = static_text()
    return sorted(n for n in needles if n not in users and n not in own)


def check_leaks(c, outputs, texts, needles):
    leaks = []
    for out in outputs:
        for f in sorted(out.rglob("*")):
            if f.is_file():
                data = f.read_bytes()
                leaks += [f"{f.relative_to(out.parent)}" for n in needles if n in data]
    for label, text in texts.items():
        data = text.encode()
        leaks += [f"output of {label}" for n in needles if n in data]
    c.check(not leaks, "secret found in: " + ", ".join(sorted(set(leaks))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--work", required=True, help="folder for captures and reports (emptied first)")
    ap.add_argument("--captures", help="use captures already made here instead of making them")
    args = ap.parse_args()
    work = Path(args.work)
    subprocess.run(["rm", "-rf", str(work)], check=True)
    work.mkdir(parents=True)
    captures = Path(args.captures) if args.captures else work / "captures"
    if not args.captures:
        r = run(["bash", str(HERE / "make_creds_captures.sh"), str(captures)])
        if r.returncode != 0:
            sys.exit("make_creds_captures.sh failed:\n" + r.stdout[-2000:] + r.stderr[-2000:])
    r = run([sys.executable, str(HERE / "check_with_tshark.py"), str(captures)])
    c = Checks()
    c.check(r.returncode == 0, "tshark does not confirm the captures:\n" + r.stdout[-1500:])
    truth = json.loads((captures / "truth.json").read_text())
    outputs, texts = [], {}
    for scenario in truth["scenarios"]:
        out = work / "reports" / scenario["name"]
        texts[scenario["name"]] = audit(args.vcaudit, captures / scenario["capture"], out, work / "home")
        outputs.append(out)
        c.check((out / "evidence.key").stat().st_mode & 0o077 == 0, f"{scenario['name']}: evidence.key is not 0600")
        if scenario["attempts"]:
            check_attempts(c, scenario, out)
        if scenario.get("scan"):
            check_scan(c, scenario, out)
    needles = leak_needles(truth)
    c.check(len(needles) >= 10, f"only {len(needles)} secrets to look for: the leak test would prove little")
    check_leaks(c, outputs, texts, needles)
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
