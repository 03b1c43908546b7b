#!/usr/bin/env python3
"""YARA throughput of vcaudit, and what scanning costs the audit.

Builds one large capture from real conference captures of the shared corpus
plus a capture that carries files (HTTP uploads and downloads, FTP, SIP
MESSAGE: e.g. the one tests/content/run_content_lab.py records), repeated.
Then, one after the other on that file and the same machine:

  1. vcaudit audit                      (no YARA: the baseline)
  2. vcaudit audit --yara               (content extracted, carved, scanned)
  3. vcaudit investigate                (the same plus timeline, paths, extract)
  4. vcaudit audit --files SET          (libyara over the carved files plus
                                         every capture part as a file)
  5. yara -r <bundled rules> SET        (the yara command on the same files)

and prints wall time, peak RSS and MB/s of the bytes each one scanned. A
measurement run by hand (see README), not a test.

usage: bench_yara.py --vcaudit BIN --shared DIR --content-capture PCAP [--copies N]
"""
import argparse
import glob
import os
import sqlite3
import subprocess
import sys
import tempfile

CAPTURES = [
    "corpus/public/voipshark/SIP-RTP-Normal_Call_two_parties.pcap",
    "corpus/public/voipshark/SIP-over-TLS-RSA-SRTP_Normal_Call_two_parties.pcap",
    "corpus/public/heplify/rtp_rtcp_sip_ipv4_udp.pcap",
    "corpus/public/ndpi/webex.pcap",
    "corpus/public/pcapplusplus/Ftp.pcap",
]


def timed(cmd, env):
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       env=env, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} {cmd[1] if len(cmd) > 1 else ''} failed ({r.returncode}): {r.stderr[-600:]}")
    secs, kib = r.stderr.strip().splitlines()[-1].split()
    return max(float(secs), 0.01), int(kib) / 1024.0


def scanned_bytes(db, where):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT coalesce(sum(size), 0), count(*) FROM content_objects WHERE {where}").fetchone()
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--content-capture", required=True, help="a capture carrying files (HTTP, FTP, SIP MESSAGE)")
    ap.add_argument("--copies", type=int, default=20)
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    rules = sorted(glob.glob(os.path.join(root, "rules", "yara", "*.yar")))
    with tempfile.TemporaryDirectory(prefix="vcaudit-yara-bench-") as work:
        parts = ([os.path.join(args.shared, c) for c in CAPTURES] + [os.path.abspath(args.content_capture)]) * args.copies
        big = os.path.join(work, "bench.pcap")
        subprocess.run(["mergecap", "-a", "-F", "pcap", "-w", big] + parts, check=True)
        size_mb = os.path.getsize(big) / 1e6
        env = dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home"))
        subprocess.run(["cat", big], stdout=subprocess.DEVNULL, check=True)  # page cache warm for every run
        out = {k: os.path.join(work, k) for k in ("plain", "yara", "investigate", "files")}
        base = [args.vcaudit, "audit", "--level", "3", "--pcap", big]
        rows = []
        timed(base + ["--out", os.path.join(work, "warm-up")], env)  # first run pays for cold caches
        t, m = timed(base + ["--out", out["plain"]], env)
        rows.append(("vcaudit audit (no YARA)", t, m, size_mb, "capture"))
        t, m = timed(base + ["--yara", "--out", out["yara"]], env)
        objects_mb, objects = scanned_bytes(os.path.join(out["yara"], "evidence.db"), "1")
        rows.append((f"vcaudit audit --yara ({objects} objects)", t, m, size_mb, "capture"))
        t, m = timed([args.vcaudit, "investigate", "--level", "3", "--pcap", big, "--out", out["investigate"]], env)
        rows.append(("vcaudit investigate", t, m, size_mb, "capture"))
        # The file set both scanners read: the carved objects plus each part of
        # the capture as a file of its own (real binary traffic, megabytes).
        scan_dir = os.path.join(work, "scan-set")
        os.makedirs(scan_dir)
        carved = os.path.join(out["yara"], "carved")
        for f in glob.glob(os.path.join(carved, "*")):
            if not f.endswith(".json"):
                os.link(f, os.path.join(scan_dir, "carved-" + os.path.basename(f)))
        for i, f in enumerate(parts):
            subprocess.run(["cp", f, os.path.join(scan_dir, f"part-{i:04d}-" + os.path.basename(f))], check=True)
        files = glob.glob(os.path.join(scan_dir, "*"))
        carved_mb = sum(os.path.getsize(f) for f in files) / 1e6
        # The audit's fixed cost (rules, reports, PDF, signature) on one small file,
        # subtracted to get libyara's own rate.
        tiny = os.path.join(work, "tiny")
        os.makedirs(tiny)
        with open(os.path.join(tiny, "empty.txt"), "w") as f:
            f.write("x\n")
        fixed, _ = timed([args.vcaudit, "audit", "--level", "3", "--files", tiny, "--out", os.path.join(work, "fixed")],
                         env)
        t, m = timed([args.vcaudit, "audit", "--level", "3", "--files", scan_dir, "--out", out["files"]], env)
        rows.append(("  (its fixed cost: one tiny file)", fixed, 0.0, 0.0, "files"))
        rows.append(("  (so libyara over the set, fixed cost taken off)", max(t - fixed, 0.01), 0.0, carved_mb, "files"))
        rows.append((f"vcaudit audit --files ({len(files)} files)", t, m, carved_mb, "files"))
        t, m = timed(["yara", "-r", "-w"] + rules + [scan_dir], env)
        rows.append(("yara -r (same rules, same files)", t, m, carved_mb, "files"))
        t, m = timed(["yara", "-r", "-w", "-p", "1"] + rules + [scan_dir], env)
        rows.append(("yara -r -p 1 (one thread, as vcaudit)", t, m, carved_mb, "files"))
        print(f"capture: {size_mb:.1f} MB ({len(CAPTURES) + 1} captures x {args.copies}); "
              f"objects taken out: {objects} ({objects_mb / 1e6:.1f} MB); file set: {len(files)} files ({carved_mb:.1f} MB)")
        for name, secs, mib, mb, of in rows:
            print(f"{name:45s} {secs:7.2f} s  {mb / secs:8.1f} MB/s of {of:13s} peak RSS {mib:7.1f} MiB")
        plain, yara = rows[0][1], rows[1][1]
        print(f"extraction + scanning added {yara - plain:.2f} s to the audit "
              f"({(objects_mb / 1e6) / max(yara - plain, 0.01):.1f} MB/s of objects)")


if __name__ == "__main__":
    main()
