#!/usr/bin/env python3
"""compare_rtp_with_tshark.py - vcaudit's RTP streams against tshark's.

Usage:
    compare_rtp_with_tshark.py --rtp-facts STREAMS.json CAPTURE
        STREAMS.json: a JSON list, one object per stream vcaudit found:
            {"ssrc": 3739283087, "payload_type": 8, "packets": 236,
             "src_ip": "10.1.3.143", "src_port": 5000,
             "dst_ip": "10.1.6.18", "dst_port": 2006}
        ("ssrc" may also be a "0x..." string; an optional "lost" is compared
        too; other keys are ignored.)
    compare_rtp_with_tshark.py --selftest [--shared DIR]
        Checks this script on the corpus captures whose MANIFEST.tsv lists
        rtp: tshark's per-packet RTP fields, aggregated here, must agree with
        tshark's own rtp,streams table, and a stream altered on purpose must be
        reported as a difference, while counting the datagrams explained
        below must not.

Standard library only. tshark runs three times per capture, with the RTP
heuristic on (there is no SDP for most corpus captures):
    tshark -n -r CAPTURE -o rtp.heuristic_rtp:TRUE -q -z rtp,streams
        one row per stream (addresses, ports, SSRC): packets and loss;
    tshark -n -r CAPTURE -o rtp.heuristic_rtp:TRUE -Y rtp -T fields ...
        every RTP packet's payload type and transport, because the table
        names payload types (g711A, RTPType-96, rtpevent...) rather than
        numbering them;
    tshark -n -r CAPTURE -o rtp.heuristic_rtp:TRUE -Y 'udp && !rtp' -T fields ...
        the UDP datagrams tshark did not dissect as RTP, to find those that
        still carry an RTP header of one of its streams.

A stream matches when addresses, ports and SSRC agree; then packets must be
equal, vcaudit's payload_type must be one tshark saw in the stream, and lost
(when given) equal. Exit status 0 when every tshark stream is matched
without difference, 1 otherwise, 2 on a usage error.

Differences that are expected and reported as notes, not failures:
  - tshark streams of a single packet: vcaudit confirms a stream on an
    unsignalled flow only with two packets in sequence (RFC 3550 A.1);
  - tshark streams carried over TCP (RTP in TURN-TCP or RFC 4571 framing):
    vcaudit's tracker reads UDP datagrams;
  - vcaudit counting more packets than tshark, but no more than the
    datagrams of the same addresses and ports that carry this SSRC's RTP
    header and that tshark left undissected or gave to another protocol
    (lost is then not compared). Seen in the corpus: SRTP packets with the
    P bit, whose padding count is encrypted and so looks impossible to
    tshark's heuristic (ndpi/stun_google_meet.pcapng, ndpi/stun_signal.pcapng);
    a port that an SDP re-INVITE moved to T.38 while RTP kept flowing
    (ndpi/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap, 27 datagrams);
  - streams only vcaudit reports.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tshark_facts import tshark_binary, tshark_version  # noqa: E402

TSHARK_TIMEOUT_S = 600
HEURISTIC = ["-o", "rtp.heuristic_rtp:TRUE"]

# One row of "-z rtp,streams" (TShark 4.0): start, end, source, port,
# destination, port, SSRC, payload names (may hold ", "), packets,
# "lost (pct%)", min/mean/max delta, min/mean/max jitter, optional "X".
STREAM_ROW = re.compile(
    r"^\s*(?P<start>-?[\d.]+)\s+(?P<end>-?[\d.]+)\s+(?P<src_ip>\S+)\s+(?P<src_port>\d+)\s+"
    r"(?P<dst_ip>\S+)\s+(?P<dst_port>\d+)\s+(?P<ssrc>0x[0-9A-Fa-f]+)\s+(?P<payload>.+?)\s+"
    r"(?P<packets>\d+)\s+(?P<lost>-?\d+)\s+\(-?[\d.]+%\)\s+"
    r"(?P<min_delta>-?[\d.]+)\s+(?P<mean_delta>-?[\d.]+)\s+(?P<max_delta>-?[\d.]+)\s+"
    r"(?P<min_jitter>-?[\d.]+)\s+(?P<mean_jitter>-?[\d.]+)\s+(?P<max_jitter>-?[\d.]+)\s*(?P<problem>X?)\s*$")

Key = tuple  # (src_ip, src_port, dst_ip, dst_port, ssrc)


def run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TSHARK_TIMEOUT_S, check=False)
    if proc.returncode != 0:
        sys.exit(f"compare_rtp_with_tshark.py: {' '.join(cmd[:4])}...: {proc.stderr.strip()}")
    return proc.stdout


def tshark_streams(tshark: str, capture: str) -> dict[Key, dict[str, Any]]:
    """The rtp,streams table, keyed by addresses, ports and SSRC."""
    out = run([tshark, "-n", "-r", capture] + HEURISTIC + ["-q", "-z", "rtp,streams"])
    streams: dict[Key, dict[str, Any]] = {}
    for line in out.splitlines():
        m = STREAM_ROW.match(line)
        if not m:
            continue
        key = (m["src_ip"], int(m["src_port"]), m["dst_ip"], int(m["dst_port"]), int(m["ssrc"], 16))
        streams[key] = {"packets": int(m["packets"]), "lost": int(m["lost"]), "payload": m["payload"],
                        "max_jitter": float(m["max_jitter"]), "problem": m["problem"] == "X"}
    return streams


def tshark_packets(tshark: str, capture: str) -> dict[Key, dict[str, Any]]:
    """Per stream, from every RTP packet: payload types seen and transports."""
    fields = ["ip.src", "ipv6.src", "udp.srcport", "tcp.srcport", "ip.dst", "ipv6.dst", "udp.dstport",
              "tcp.dstport", "rtp.ssrc", "rtp.p_type"]
    cmd = [tshark, "-n", "-r", capture] + HEURISTIC + ["-Y", "rtp", "-T", "fields", "-E", "separator=|",
                                                       "-E", "occurrence=l"]
    for f in fields:
        cmd += ["-e", f]
    streams: dict[Key, dict[str, Any]] = {}
    for line in run(cmd).splitlines():
        v = dict(zip(fields, line.split("|")))
        if not v.get("rtp.ssrc") or not v.get("rtp.p_type"):
            continue  # e.g. a frame tshark marks rtp without a header it could read
        tcp = bool(v["tcp.srcport"])
        key = (v["ip.src"] or v["ipv6.src"], int(v["tcp.srcport"] or v["udp.srcport"] or 0),
               v["ip.dst"] or v["ipv6.dst"], int(v["tcp.dstport"] or v["udp.dstport"] or 0),
               int(v["rtp.ssrc"], 16))
        s = streams.setdefault(key, {"types": collections.Counter(), "tcp": False})
        s["types"][int(v["rtp.p_type"])] += 1
        s["tcp"] = s["tcp"] or tcp
    return streams


def tshark_undissected(tshark: str, capture: str) -> dict[Key, collections.Counter]:
    """UDP datagrams tshark did not dissect as RTP but that start with an RTP
    version 2 header (RFC 7983: first octet 128-191, second not the RTCP
    range 192-223), per stream key: how many, by what tshark made of them
    ("padding" when the P bit's count cannot fit the datagram)."""
    fields = ["ip.src", "ipv6.src", "udp.srcport", "ip.dst", "ipv6.dst", "udp.dstport", "frame.protocols",
              "udp.payload"]
    cmd = [tshark, "-n", "-r", capture] + HEURISTIC + ["-Y", "udp && !rtp", "-T", "fields", "-E", "separator=|",
                                                       "-E", "occurrence=l"]
    for f in fields:
        cmd += ["-e", f]
    out: dict[Key, collections.Counter] = {}
    for line in run(cmd).splitlines():
        v = dict(zip(fields, line.split("|")))
        try:
            b = bytes.fromhex(v.get("udp.payload", "").replace(":", ""))
        except ValueError:
            continue
        if len(b) < 12 or not 128 <= b[0] <= 191 or 192 <= b[1] <= 223:
            continue
        header = 12 + 4 * (b[0] & 0x0F)
        if b[0] & 0x10 and len(b) >= header + 4:
            header += 4 + 4 * ((b[header + 2] << 8) | b[header + 3])
        padding_impossible = bool(b[0] & 0x20) and (b[-1] == 0 or b[-1] > len(b) - header)
        key = (v["ip.src"] or v["ipv6.src"], int(v["udp.srcport"] or 0), v["ip.dst"] or v["ipv6.dst"],
               int(v["udp.dstport"] or 0), int.from_bytes(b[8:12], "big"))
        reason = "padding" if padding_impossible else v["frame.protocols"].split(":")[-1]
        out.setdefault(key, collections.Counter())[reason] += 1
    return out


def load_facts(path: str) -> dict[Key, dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)
    if not isinstance(rows, list):
        sys.exit(f"compare_rtp_with_tshark.py: {path}: expected a JSON list of streams")
    facts: dict[Key, dict[str, Any]] = {}
    for row in rows:
        ssrc = row["ssrc"]
        ssrc = int(ssrc, 0) if isinstance(ssrc, str) else int(ssrc)
        key = (row["src_ip"], int(row["src_port"]), row["dst_ip"], int(row["dst_port"]), ssrc)
        facts[key] = row
    return facts


def name(key: Key) -> str:
    return f"{key[0]}:{key[1]} -> {key[2]}:{key[3]} SSRC 0x{key[4]:08X}"


def compare(ours: dict[Key, dict[str, Any]], table: dict[Key, dict[str, Any]],
            packets: dict[Key, dict[str, Any]],
            undissected: dict[Key, collections.Counter]) -> tuple[list[str], list[str], int]:
    """(problems, notes, matched) of vcaudit's streams against tshark's."""
    problems: list[str] = []
    notes: list[str] = []
    matched = 0
    for key, t in sorted(table.items()):
        seen = packets.get(key, {"types": collections.Counter(), "tcp": False})
        if key not in ours:
            if seen["tcp"]:
                notes.append(f"{name(key)}: RTP over TCP, tshark only ({t['packets']} packets)")
            elif t["packets"] == 1:
                notes.append(f"{name(key)}: a single packet, below vcaudit's confirmation")
            else:
                problems.append(f"{name(key)}: tshark sees {t['packets']} packets, vcaudit no stream")
            continue
        row = ours[key]
        diffs = []
        more = int(row["packets"]) - t["packets"]
        extra = undissected.get(key, collections.Counter())
        explained = 0 < more <= sum(extra.values())
        if explained:
            why = ", ".join(f"{n} {reason}" for reason, n in sorted(extra.items()))
            notes.append(f"{name(key)}: vcaudit counts {more} packet(s) more than tshark's {t['packets']}; "
                         f"tshark did not dissect as RTP {sum(extra.values())} datagram(s) with this "
                         f"stream's header ({why})")
        elif more != 0:
            diffs.append(f"packets: tshark {t['packets']}, vcaudit {row['packets']}")
        if seen["types"] and int(row["payload_type"]) not in seen["types"]:
            diffs.append(f"payload_type: tshark {sorted(seen['types'])} ({t['payload']}), "
                         f"vcaudit {row['payload_type']}")
        if not explained and row.get("lost") is not None and int(row["lost"]) != t["lost"]:
            diffs.append(f"lost: tshark {t['lost']}, vcaudit {row['lost']}")
        if diffs:
            problems.append(f"{name(key)}: " + "; ".join(diffs))
        else:
            matched += 1
    for key in sorted(set(ours) - set(table)):
        notes.append(f"{name(key)}: vcaudit only ({ours[key]['packets']} packets)")
    return problems, notes, matched


def facts_from_packets(packets: dict[Key, dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    """Stream facts as vcaudit writes them, built from tshark's packet fields."""
    out = {}
    for key, s in packets.items():
        main_type = max(sorted(s["types"]), key=lambda pt: s["types"][pt])
        out[key] = {"ssrc": key[4], "payload_type": main_type, "packets": sum(s["types"].values()),
                    "src_ip": key[0], "src_port": key[1], "dst_ip": key[2], "dst_port": key[3]}
    return out


def rtp_corpus(shared: str) -> list[str]:
    """Corpus captures whose MANIFEST.tsv protocols_seen lists rtp."""
    base = os.path.join(shared, "corpus", "public")
    out = []
    with open(os.path.join(base, "MANIFEST.tsv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            seen = (row.get("protocols_seen") or "").split("(")[0]
            if "rtp" in {p.strip() for p in seen.split(",")}:
                out.append(os.path.join(base, row["path"]))
    return out


def report(capture: str, problems: list[str], notes: list[str], matched: int, total: int) -> None:
    print(f"{capture}: {matched}/{total} tshark streams matched, {len(problems)} difference(s)")
    for p in problems:
        print(f"  DIFF {p}")
    for n in notes:
        print(f"  note {n}")


def selftest(tshark: str, shared: str) -> int:
    captures = rtp_corpus(shared)
    if not captures:
        print(f"selftest: no capture lists rtp in {shared}/corpus/public/MANIFEST.tsv", file=sys.stderr)
        return 1
    failures = 0
    altered = False
    explained_checks = 0
    for capture in captures:
        table = tshark_streams(tshark, capture)
        packets = tshark_packets(tshark, capture)
        ours = facts_from_packets(packets)
        # The packet pass sees TCP-carried and single-packet streams too; drop
        # them as vcaudit would, so the expected notes are exercised.
        ours = {k: v for k, v in ours.items() if not packets[k]["tcp"] and v["packets"] > 1}
        undissected = tshark_undissected(tshark, capture)
        problems, notes, matched = compare(ours, table, packets, undissected)
        report(os.path.relpath(capture, shared), problems, notes, matched, len(table))
        failures += len(problems)
        if ours and not altered:
            # A stream counted one packet short and given a type tshark never
            # saw must come out as exactly one difference naming both.
            key = sorted(ours)[0]
            wrong = dict(ours)
            wrong[key] = dict(ours[key], packets=ours[key]["packets"] - 1, payload_type=72)
            bad, _, _ = compare(wrong, table, packets, undissected)
            if len(bad) != 1 or "packets:" not in bad[0] or "payload_type:" not in bad[0]:
                print(f"selftest: an altered stream was not reported as expected: {bad}", file=sys.stderr)
                failures += 1
            altered = True
        for key in sorted(set(ours) & set(undissected)):
            # Counting the undissected datagrams is explained; one more is not.
            extra = sum(undissected[key].values())
            more = dict(ours)
            more[key] = dict(ours[key], packets=ours[key]["packets"] + extra)
            bad, good_notes, _ = compare(more, table, packets, undissected)
            more[key] = dict(ours[key], packets=ours[key]["packets"] + extra + 1)
            worse, _, _ = compare(more, table, packets, undissected)
            if bad or not any("did not dissect" in n for n in good_notes) or len(worse) != 1:
                print(f"selftest: undissected datagrams of {name(key)} not handled as expected", file=sys.stderr)
                failures += 1
            explained_checks += 1
    if not altered:
        print("selftest: no stream to alter", file=sys.stderr)
        failures += 1
    if explained_checks == 0:
        print("selftest: no stream with undissected datagrams to check", file=sys.stderr)
        failures += 1
    print(f"selftest: {len(captures)} captures, {explained_checks} undissected-datagram check(s), "
          f"tshark {tshark_version(tshark)}, "
          f"{'OK' if failures == 0 else str(failures) + ' failure(s)'}")
    return 0 if failures == 0 else 1


def main(argv: list[str]) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("capture", nargs="?", help="pcap or pcapng file")
    parser.add_argument("--rtp-facts", help="JSON list of vcaudit's RTP streams for CAPTURE")
    parser.add_argument("--selftest", action="store_true", help="check this script on the shared corpus")
    parser.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared"),
                        help="shared folder holding corpus/public (default: ../shared beside the project)")
    args = parser.parse_args(argv)
    tshark = tshark_binary()
    if args.selftest:
        return selftest(tshark, os.path.abspath(args.shared))
    if not args.capture or not args.rtp_facts:
        parser.print_usage(sys.stderr)
        return 2
    if not os.path.isfile(args.capture):
        print(f"compare_rtp_with_tshark.py: {args.capture}: no such file", file=sys.stderr)
        return 2
    ours = load_facts(args.rtp_facts)
    table = tshark_streams(tshark, args.capture)
    packets = tshark_packets(tshark, args.capture)
    problems, notes, matched = compare(ours, table, packets, tshark_undissected(tshark, args.capture))
    report(args.capture, problems, notes, matched, len(table))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
