#!/usr/bin/env python3
"""Throughput and peak memory of `vcaudit audit` against tshark at two or
more capture sizes, in one run (issue 3, "Performance").

For each size, make_big_capture.py writes a capture of real corpus traffic
repeated with rewritten addresses, Call-IDs and times (every copy is new
hosts, flows, calls and RTP streams); then, one after the other on that
file: vcaudit's full audit (decode, flows, TLS, SIP/SDP, RTP, store, rules,
reports, signature) and tshark extracting SIP, RTP (heuristics on) and TLS
fields with -T fields. Prints MB/s, packets/s, the ratio, both peak RSS,
the fact rows the audit stored (so one sees the calls were recognised) and
vcaudit's own stages (`--timings`: seconds and peak memory so far); the last
lines say how vcaudit's peak memory changed with the size. Nothing is
asserted: a measurement run by hand (see README), not part of `make test`.
Captures go to a temporary folder and are deleted after each size.

usage: bench_scale.py --vcaudit BIN --shared DIR [--sizes 256MiB,1GiB] [--spacing 30] [--work DIR]
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_big_capture  # noqa: E402  (beside this file)

# The same ground as vcaudit covers: TLS handshakes, SIP, and RTP found by heuristics.
TSHARK_FIELDS = ["frame.number", "ip.src", "ip.dst", "tls.handshake.type", "tls.handshake.version",
                 "tls.handshake.ciphersuite", "tls.handshake.extensions_server_name", "sip.Method",
                 "sip.Status-Code", "sip.Call-ID", "sdp.media.proto", "rtp.ssrc", "rtp.seq", "rtp.p_type"]

FACT_TABLES = ["flows", "sip_messages", "sdp_media", "rtp_streams", "tls_sessions"]


def timed(cmd, env):
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of cmd, from GNU time.
    On a shared machine the CPU time is the steadier figure of the two."""
    r = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env, text=True)
    if r.returncode not in (0, 1):  # 1: the audit found failures, which is its normal answer
        sys.exit(f"{cmd[0]} failed ({r.returncode}): {r.stderr[-600:]}")
    lines = r.stderr.strip().splitlines()
    wall, user, system, kib = lines[-1].split()
    stages = [l for l in lines if l.startswith("timing: ")]  # vcaudit audit --timings
    return max(float(wall), 0.01), max(float(user) + float(system), 0.01), int(kib) / 1024.0, stages


def fact_counts(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in FACT_TABLES}
        counts["calls"] = con.execute(
            "SELECT count(DISTINCT call_id) FROM sip_messages WHERE call_id IS NOT NULL").fetchone()[0]
        counts["violations"] = con.execute("SELECT count(*) FROM findings").fetchone()[0]
        # Limits hit would mean the file outgrew a table rather than being analysed.
        counts["limit_anomalies"] = con.execute(
            "SELECT coalesce(group_concat(name || '=' || n, ' '), 'none') FROM "
            "(SELECT name, sum(coalesce(count, 1)) AS n FROM anomalies "
            " WHERE name LIKE '%limit%' OR name LIKE '%full%' GROUP BY name)").fetchone()[0]
        return counts
    finally:
        con.close()


def run_size(args, size, work):
    pcap = os.path.join(work, "bench.pcap")
    t0 = time.monotonic()
    made = make_big_capture.make(args.shared, pcap, size, args.spacing)
    gen_secs = time.monotonic() - t0
    size_mb = os.path.getsize(pcap) / 1e6
    packets = made["packets"]
    env = dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home"))
    out = os.path.join(work, "out")
    ours = timed([args.vcaudit, "audit", "--level", "3", "--pcap", pcap, "--out", out, "--timings"], env)
    facts = fact_counts(os.path.join(out, "evidence.db"))
    cmd = ["tshark", "-n", "-r", pcap, "-o", "tcp.desegment_tcp_streams:TRUE", "-o", "rtp.heuristic_rtp:TRUE",
           "-Y", "tls.handshake.type==1 || tls.handshake.type==2 || sip || rtp", "-T", "fields"]
    for f in TSHARK_FIELDS:
        cmd += ["-e", f]
    theirs = timed(cmd, env)
    os.remove(pcap)
    shutil.rmtree(out, ignore_errors=True)
    return {"size": size, "mb": size_mb, "packets": packets, "copies": made["copies"],
            "span_s": made["duration_s"], "gen_secs": gen_secs, "ours": ours, "theirs": theirs, "facts": facts}


def report(r):
    print(f"\n== {r['mb']:.1f} MB ({r['size'] / 2**30:.2f} GiB asked), {r['packets']} packets, "
          f"{r['copies']} copies of {len(make_big_capture.CAPTURES)} captures over {r['span_s'] / 60:.0f} min "
          f"of capture time (made in {r['gen_secs']:.0f} s)")
    for name, (wall, cpu, mib, _) in (("vcaudit audit (full)", r["ours"]), ("tshark -T fields (SIP/RTP/TLS)", r["theirs"])):
        print(f"{name:31s} wall {wall:7.2f} s {r['mb'] / wall:7.1f} MB/s {r['packets'] / wall:9.0f} packets/s | "
              f"cpu {cpu:7.2f} s {r['mb'] / cpu:7.1f} MB/s {r['packets'] / cpu:9.0f} packets/s | "
              f"peak RSS {mib:7.1f} MiB")
    print(f"vcaudit is {r['theirs'][0] / r['ours'][0]:.1f}x tshark's speed by wall time, "
          f"{r['theirs'][1] / r['ours'][1]:.1f}x by CPU time, with {r['ours'][2] / r['theirs'][2]:.3f}x its peak memory")
    f = r["facts"]
    print("facts: " + ", ".join(f"{k} {f[k]}" for k in FACT_TABLES + ["calls"]) +
          f"; violations listed {f['violations']}; limit anomalies: {f['limit_anomalies']}")
    print("vcaudit's stages (--timings; the PDF is drawn on a second core from report.json on):")
    for line in r["ours"][3]:
        print("  " + line[len("timing: "):])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--sizes", default="256MiB,1GiB", help="comma-separated capture sizes, smallest first")
    ap.add_argument("--spacing", type=float, default=30.0, help="seconds between two copies' starts")
    ap.add_argument("--work", help="folder for the temporary capture (default: a new temporary folder)")
    args = ap.parse_args()
    sizes = [make_big_capture.parse_size(s) for s in args.sizes.split(",")]
    if shutil.which("tshark") is None:
        sys.exit("tshark not found (Debian package tshark)")
    results = []
    with tempfile.TemporaryDirectory(prefix="vcaudit-scale-", dir=args.work) as work:
        for size in sizes:
            results.append(run_size(args, size, work))
            report(results[-1])
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\nfrom {a['mb']:.0f} MB to {b['mb']:.0f} MB ({b['mb'] / a['mb']:.1f}x the file, "
              f"{b['facts']['flows'] / max(a['facts']['flows'], 1):.1f}x the flows): vcaudit peak RSS "
              f"{a['ours'][2]:.1f} -> {b['ours'][2]:.1f} MiB ({b['ours'][2] / a['ours'][2]:.2f}x), tshark "
              f"{a['theirs'][2]:.0f} -> {b['theirs'][2]:.0f} MiB ({b['theirs'][2] / a['theirs'][2]:.2f}x)")


if __name__ == "__main__":
    main()
