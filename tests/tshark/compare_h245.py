#!/usr/bin/env python3
"""Checks vcaudit's H.245 facts (h245_messages) against tshark on the H.323
captures of the shared public corpus (MANIFEST.tsv rows whose protocols_seen
lists h245).

Per H.245 PDU, in frame order (a segment may carry several): the message kind
and name, and for logical channel messages the channel number, dataType,
audio/video capability, whether the dataType is h235Media, the h2250
sessionID, the mediaChannel and mediaControlChannel addresses and ports, and
whether an OpenLogicalChannelAck carries encryptionSync. Names are tshark's
own (its value strings, `tshark -G values`), so a wrong table in vcaudit
shows. Also: every TCP connection tshark decodes as H.245 is a flow vcaudit
labels h245 (the address signalled in H.225.0 is what tells both of them).
Anything tshark sees that vcaudit misses, or any field that differs, is a
failure.

usage: compare_h245.py --vcaudit BIN --shared DIR
"""
import json
import subprocess
import sys

from corpus_audit import run

KINDS = ("h245.request", "h245.response", "h245.command", "h245.indication")


def value_strings():
    """tshark's names for the H.245 enumerations vcaudit names."""
    wanted = set(KINDS) | {"h245.pdu_type", "h245.dataType", "h245.audioData", "h245.videoData"}
    names = {}
    out = subprocess.run(["tshark", "-G", "values"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and cells[0] == "V" and cells[1] in wanted:
            names.setdefault(cells[1], {}).setdefault(int(cells[2]), cells[3])
    return names


def find(node, key):
    """First value of `key` in a depth-first walk of tshark's JSON tree."""
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for v in node.values():
            got = find(v, key)
            if got is not None:
                return got
    elif isinstance(node, list):
        for v in node:
            got = find(v, key)
            if got is not None:
                return got
    return None


def address(node, key):
    tree = find(node, key + "_tree")
    if tree is None:
        return (None, None)
    ip = find(tree, "h245.ip4_network") or find(tree, "h245.ip6_network")
    port = find(tree, "h245.tsapIdentifier")
    return (ip, int(port) if port is not None else None)


def tshark_h245(path, names):
    cmd = ["tshark", "-n", "-r", path, "-o", "tcp.desegment_tcp_streams:TRUE", "-Y", "h245",
           "-T", "json", "-J", "frame tcp h245", "--no-duplicate-keys"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0 and not r.stdout.strip():
        raise RuntimeError(f"tshark failed on {path}: {r.stderr.strip()}")
    pdus, streams = [], set()
    for packet in json.loads(r.stdout or "[]"):
        layers = packet["_source"]["layers"]
        frame = int(layers["frame"]["frame.number"])
        streams.add(int(layers["tcp"]["tcp.stream"]))
        layer = layers["h245"]
        for pdu in layer if isinstance(layer, list) else [layer]:
            kind_index = int(pdu["h245.pdu_type"])
            kind = names["h245.pdu_type"][kind_index]
            inner = KINDS[kind_index]
            name = names[inner][int(find(pdu, inner))]
            channel = find(pdu, "h245.forwardLogicalChannelNumber")
            data_type = find(pdu, "h245.dataType")
            data_type = names["h245.dataType"][int(data_type)] if data_type is not None else None
            codec = None
            for cap in ("h245.audioData", "h245.videoData"):
                if codec is None and find(pdu, cap) is not None:
                    codec = names[cap][int(find(pdu, cap))]
            encrypted = None
            if data_type == "h235Media":
                encrypted = 1
            elif data_type in ("audioData", "videoData", "data"):
                encrypted = 0
            session = find(pdu, "h245.sessionID")
            sync = None
            if name == "openLogicalChannelAck":
                sync = 1 if find(pdu, "h245.encryptionSync_element") is not None else 0
            pdus.append((frame, (kind, name, int(channel) if channel is not None else None, data_type, codec,
                                 encrypted, int(session) if session is not None else None)
                         + address(pdu, "h245.mediaChannel") + address(pdu, "h245.mediaControlChannel") + (sync,)))
    return pdus, streams


def compare(db, pdus, streams, problems):
    ours = [(row[0], tuple(row[1:])) for row in db.execute(
        "SELECT frame, kind, message, channel, data_type, codec, encrypted, session_id, media_addr, media_port, "
        "control_addr, control_port, encryption_sync FROM h245_messages WHERE carrier = 'h245' "
        "ORDER BY frame, rowid")]
    matched = 0
    for i, (frame, want) in enumerate(pdus):
        got = ours[i] if i < len(ours) else None
        if got == (frame, want):
            matched += 1
        else:
            problems.append(f"H.245 PDU {i + 1} (frame {frame}): tshark {want}, vcaudit {got}")
    for frame, extra in ours[len(pdus):]:
        problems.append(f"H.245 frame {frame}: {extra} found by vcaudit only")
    flows = db.execute("SELECT count(*) FROM flows WHERE app = 'h245'").fetchone()[0]
    if flows != len(streams):
        problems.append(f"tshark decodes H.245 on {len(streams)} TCP connection(s), vcaudit labels {flows} h245")
    return matched


NAMES = {}


def check(path, db):
    if not NAMES:
        NAMES.update(value_strings())
    pdus, streams = tshark_h245(path, NAMES)
    problems = []
    matched = compare(db, pdus, streams, problems) if db is not None else 0
    if not pdus:
        problems.append("tshark found no H.245 PDU: nothing compared")
    return f"H.245 {matched}/{len(pdus)} PDUs agree with tshark on {len(streams)} connection(s)", problems, []


if __name__ == "__main__":
    sys.exit(run("h245", "H.245", check))
