"""Shared by the comparisons with tshark (compare_with_tshark.py,
compare_rtsp.py, compare_h245.py): which shared-corpus captures hold a
protocol, an audit of one capture, and the loop that prints one verdict per
capture."""
import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile


def corpus_files(shared, *protocols):
    """Captures whose MANIFEST.tsv protocols_seen lists any of `protocols`."""
    out = []
    with open(os.path.join(shared, "corpus", "public", "MANIFEST.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = header.index("protocols_seen")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > col and set(protocols) & {x.strip() for x in cells[col].split("(")[0].split(",")}:
                out.append(os.path.join(shared, "corpus", "public", cells[0]))
    return out


def audit(vcaudit, path, work, key, cert):
    """(read-only evidence store, None) or (None, vcaudit's error)."""
    out = os.path.join(work, "r-" + str(abs(hash(path))))
    env = dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home"))
    r = subprocess.run([vcaudit, "audit", "--level", "3", "--pcap", path, "--out", out,
                        "--key", key, "--cert", cert], capture_output=True, text=True, env=env)
    if r.returncode not in (0, 1, 4):
        return None, (r.stderr or r.stdout).strip()
    return sqlite3.connect(f"file:{os.path.join(out, 'evidence.db')}?mode=ro", uri=True), None


def run(protocol, label, check):
    """Audits every corpus capture holding `protocol` and calls
    check(path, db) -> (summary, problems, notes); db is None when vcaudit
    could not audit the capture. Returns the exit status."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--shared", required=True)
    args = ap.parse_args()
    if not os.path.isdir(args.shared):
        print(f"error: shared corpus not found at {args.shared}", file=sys.stderr)
        return 2
    files = corpus_files(args.shared, protocol)
    if not files:
        print(f"error: no {label} capture listed in MANIFEST.tsv", file=sys.stderr)
        return 2
    failed = 0
    with tempfile.TemporaryDirectory(prefix=f"vcaudit-{protocol}-") as work:
        key, cert = os.path.join(work, "k.pem"), os.path.join(work, "c.pem")
        subprocess.run([args.vcaudit, "keys", "init", "--key", key, "--cert", cert], check=True, capture_output=True)
        for path in files:
            db, error = audit(args.vcaudit, path, work, key, cert)
            summary, problems, notes = check(path, db)
            if db is None:
                problems.insert(0, "vcaudit could not audit it: " + error)
            else:
                db.close()
            name = os.path.relpath(path, args.shared)
            print(f"{'ok  ' if not problems else 'FAIL'} {name}: {summary}")
            for p in problems:
                print("       " + p)
            for n in notes[:5]:
                print("       note: " + n)
            failed += 1 if problems else 0
    print(f"{len(files) - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1
