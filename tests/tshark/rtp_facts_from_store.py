#!/usr/bin/env python3
"""rtp_facts_from_store.py - vcaudit's RTP streams as compare_rtp_with_tshark.py reads them.

Usage:
    rtp_facts_from_store.py AUDIT [--out STREAMS.json]
        AUDIT: an audit output folder (holding evidence.db) or the evidence.db
        itself. Writes the --rtp-facts JSON of compare_rtp_with_tshark.py: a
        list with one object per rtp_streams row,
            {"ssrc": 3739283087, "payload_type": 8, "packets": 236, "lost": 0,
             "src_ip": "10.1.3.143", "src_port": 5000,
             "dst_ip": "10.1.6.18", "dst_port": 2006,
             "encrypted": 0, "basis": "payload", "flow_id": 1}
        ("lost" is left out when the store has none; the last three keys are
        for people reading the file, the comparison ignores them). Standard
        output when --out is not given.
    rtp_facts_from_store.py --corpus --vcaudit BIN [--shared DIR]
        For every capture of the shared public corpus whose MANIFEST.tsv lists
        rtp (compare_rtp_with_tshark.rtp_corpus): vcaudit audits it, its
        streams are written as above and compare_rtp_with_tshark.py compares
        them with tshark's. Prints the agreement per capture; exit status 1 if
        any capture has a difference (a tshark stream vcaudit lacks, or a
        packet count, payload type or loss that differs beyond the documented
        differences listed in compare_rtp_with_tshark.py), or if vcaudit
        could not audit a capture. Then, on the smallest capture with a
        stream, the same comparison must fail on purpose-made faults: its
        streams without the first one, and with one packet fewer counted.

Standard library only. Exit status 2 on a usage error or an unreadable store.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from compare_rtp_with_tshark import rtp_corpus  # noqa: E402

# vcaudit audit exits 0 (all pass), 1 (findings) or 4 (findings needing
# attention); anything else means the audit itself failed.
AUDIT_OK_CODES = (0, 1, 4)
AUDIT_TIMEOUT_S = 300
COMPARE_TIMEOUT_S = 300

COLUMNS = ["ssrc", "payload_type", "packets", "lost", "src_ip", "src_port", "dst_ip", "dst_port",
           "encrypted", "basis", "flow_id"]


def evidence_path(audit: str) -> str:
    return os.path.join(audit, "evidence.db") if os.path.isdir(audit) else audit


def streams_from_store(db_path: str) -> list[dict[str, Any]]:
    """One object per rtp_streams row, in a stable order."""
    if not os.path.isfile(db_path):
        raise FileNotFoundError(f"{db_path}: no such evidence store")
    # Read-only: the store is evidence and must not change.
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM rtp_streams "
                          "ORDER BY src_ip, src_port, dst_ip, dst_port, ssrc").fetchall()
    finally:
        db.close()
    out = []
    for row in rows:
        stream = dict(zip(COLUMNS, row))
        if stream["lost"] is None:
            del stream["lost"]
        out.append(stream)
    return out


def write_facts(streams: list[dict[str, Any]], out: str | None) -> None:
    text = json.dumps(streams, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)


def audit(vcaudit: str, capture: str, work: str, key: str, cert: str) -> tuple[str | None, str]:
    """Audit folder of `capture`, or None and the reason."""
    out = os.path.join(work, "audit-" + os.path.basename(capture))
    env = dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home"))
    r = subprocess.run([vcaudit, "audit", "--level", "3", "--pcap", capture, "--out", out, "--key", key,
                        "--cert", cert], capture_output=True, text=True, env=env, timeout=AUDIT_TIMEOUT_S,
                       check=False)
    if r.returncode not in AUDIT_OK_CODES:
        return None, f"exit {r.returncode}: {(r.stderr or r.stdout).strip()}"
    return out, ""


def run_compare(compare: str, facts: str, capture: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, compare, "--rtp-facts", facts, capture], capture_output=True,
                          text=True, timeout=COMPARE_TIMEOUT_S, check=False)


def faults_detected(compare: str, streams: list[dict[str, Any]], capture: str, work: str) -> list[str]:
    """The comparison must fail when a stream is missing or a count is off;
    returns what went unnoticed (empty when both faults were reported)."""
    missed = []
    faults = {"a missing stream": streams[1:],
              "one packet fewer": [dict(streams[0], packets=streams[0]["packets"] - 1)] + streams[1:]}
    for what, altered in faults.items():
        facts = os.path.join(work, "fault.rtp.json")
        write_facts(altered, facts)
        r = run_compare(compare, facts, capture)
        if r.returncode != 1 or "DIFF" not in r.stdout:
            missed.append(f"{what} was not reported (exit {r.returncode})")
    return missed


def compare_corpus(vcaudit: str, shared: str) -> int:
    captures = rtp_corpus(shared)
    if not captures:
        print(f"rtp_facts_from_store.py: no capture lists rtp in {shared}/corpus/public/MANIFEST.tsv",
              file=sys.stderr)
        return 1
    compare = os.path.join(HERE, "compare_rtp_with_tshark.py")
    failed = 0
    smallest: tuple[int, str, list[dict[str, Any]]] | None = None
    with tempfile.TemporaryDirectory(prefix="vcaudit-rtp-tshark-") as work:
        key, cert = os.path.join(work, "k.pem"), os.path.join(work, "c.pem")
        subprocess.run([vcaudit, "keys", "init", "--key", key, "--cert", cert], check=True, capture_output=True,
                       env=dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home")), timeout=AUDIT_TIMEOUT_S)
        for capture in captures:
            name = os.path.relpath(capture, shared)
            folder, error = audit(vcaudit, capture, work, key, cert)
            if folder is None:
                print(f"FAIL {name}: vcaudit could not audit it: {error}")
                failed += 1
                continue
            streams = streams_from_store(evidence_path(folder))
            facts = os.path.join(work, os.path.basename(capture) + ".rtp.json")
            write_facts(streams, facts)
            r = run_compare(compare, facts, capture)
            lines = r.stdout.splitlines()
            # The first line is "CAPTURE: m/n tshark streams matched, d difference(s)".
            summary = lines[0].split(": ", 1)[1] if lines and ": " in lines[0] else "no report"
            status = "ok  " if r.returncode == 0 else "FAIL"
            print(f"{status} {name}: vcaudit {len(streams)} stream(s); {summary}")
            for line in lines[1:]:
                print("    " + line.strip())
            if r.returncode != 0:
                if r.stderr.strip():
                    print("    " + r.stderr.strip())
                failed += 1
            size = os.path.getsize(capture)
            if r.returncode == 0 and streams and (smallest is None or size < smallest[0]):
                smallest = (size, capture, streams)
        print(f"{len(captures) - failed} of {len(captures)} captures agree with tshark")
        if smallest is None:
            print("FAIL no capture with an agreeing stream to check the comparison's own faults on")
            return 1
        missed = faults_detected(compare, smallest[2], smallest[1], work)
        for m in missed:
            print(f"FAIL {os.path.relpath(smallest[1], shared)}: {m}")
        if not missed:
            print(f"ok   faults made on {os.path.relpath(smallest[1], shared)} (a missing stream, "
                  "one packet fewer) are reported")
    return 0 if failed == 0 and not missed else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("audit", nargs="?", help="audit output folder or its evidence.db")
    parser.add_argument("--out", help="JSON file to write (default: standard output)")
    parser.add_argument("--corpus", action="store_true", help="compare every RTP capture of the corpus")
    parser.add_argument("--vcaudit", help="vcaudit binary (with --corpus)")
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "..", "shared"),
                        help="shared folder holding corpus/public (default: ../shared beside the project)")
    args = parser.parse_args(argv)
    if args.corpus:
        if not args.vcaudit:
            parser.print_usage(sys.stderr)
            return 2
        return compare_corpus(args.vcaudit, os.path.abspath(args.shared))
    if not args.audit:
        parser.print_usage(sys.stderr)
        return 2
    try:
        streams = streams_from_store(evidence_path(args.audit))
    except (FileNotFoundError, sqlite3.Error) as e:
        print(f"rtp_facts_from_store.py: {e}", file=sys.stderr)
        return 2
    write_facts(streams, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
