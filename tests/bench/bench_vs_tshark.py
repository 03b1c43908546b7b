#!/usr/bin/env python3
"""Throughput and peak memory of `vcaudit audit` against tshark on the same file.

Builds one large capture by concatenating real conference captures from the
shared corpus (mergecap -a, repeated), then runs, one after the other on that
file: vcaudit audit (decode, flows, TLS, SIP/SDP, store, rules, reports,
signature) and tshark dissecting the same TLS and SIP fields. Prints wall
time, MB/s, packets/s and peak RSS of each. Nothing is asserted: this is a
measurement, run by hand (see README), not part of `make test`.

usage: bench_vs_tshark.py --vcaudit BIN --shared DIR [--copies N]
"""
import argparse
import os
import subprocess
import sys
import tempfile

CAPTURES = [  # real meeting traffic: SIP+RTP calls, SIP-TLS+SRTP, Teams/Webex TLS
    "corpus/public/voipshark/SIP-RTP-Normal_Call_two_parties.pcap",
    "corpus/public/voipshark/SIP-over-TLS-RSA-SRTP_Normal_Call_two_parties.pcap",
    "corpus/public/voipshark/SIP-SRTP-Normal_Call_two_parties.pcap",
    "corpus/public/heplify/rtp_rtcp_sip_ipv4_udp.pcap",
    "corpus/public/ndpi/teams.pcap",
    "corpus/public/ndpi/webex.pcap",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--copies", type=int, default=25)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="vcaudit-bench-") as work:
        parts = [os.path.join(args.shared, c) for c in CAPTURES] * args.copies
        big = os.path.join(work, "bench.pcap")
        subprocess.run(["mergecap", "-a", "-F", "pcap", "-w", big] + parts, check=True)
        size_mb = os.path.getsize(big) / 1e6
        packets = int(subprocess.run(["capinfos", "-c", "-M", "-T", big], capture_output=True, text=True,
                                     check=True).stdout.strip().splitlines()[-1].split("\t")[-1])
        env = dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home"))
        results = []
        for name, cmd in (
            ("vcaudit audit", ["/usr/bin/time", "-f", "%e %M", args.vcaudit, "audit", "--level", "3",
                               "--pcap", big, "--out", os.path.join(work, "out")]),
            # The same ground as vcaudit: TLS handshakes, SIP, and RTP found by
            # heuristics (vcaudit follows every RTP stream too).
            ("tshark (TLS+SIP+RTP fields)", ["/usr/bin/time", "-f", "%e %M", "tshark", "-n", "-r", big,
                                             "-o", "tcp.desegment_tcp_streams:TRUE", "-o", "rtp.heuristic_rtp:TRUE",
                                             "-Y", "tls.handshake.type==1 || tls.handshake.type==2 || sip || rtp",
                                             "-T", "fields", "-e", "frame.number", "-e", "tls.handshake.ciphersuite",
                                             "-e", "tls.handshake.extensions_server_name", "-e", "sip.Call-ID",
                                             "-e", "rtp.ssrc", "-e", "rtp.seq"]),
        ):
            r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
            if r.returncode not in (0, 1):
                sys.exit(f"{name} failed ({r.returncode}): {r.stderr[-500:]}")
            secs, kib = r.stderr.strip().splitlines()[-1].split()
            results.append((name, float(secs), int(kib) / 1024.0))
        print(f"file: {size_mb:.1f} MB, {packets} packets ({len(CAPTURES)} real captures x {args.copies})")
        for name, secs, mib in results:
            secs = max(secs, 0.01)
            print(f"{name:30s} {secs:7.2f} s  {size_mb / secs:8.1f} MB/s  {packets / secs:10.0f} packets/s  "
                  f"peak RSS {mib:7.1f} MiB")
        (_, ours, our_mib), (_, theirs, their_mib) = results
        print(f"vcaudit is {max(theirs, 0.01) / max(ours, 0.01):.1f}x tshark's speed with "
              f"{our_mib / their_mib:.2f}x its peak memory (the audit includes hashing the input twice, "
              f"rules, reports and signature)")


if __name__ == "__main__":
    main()
