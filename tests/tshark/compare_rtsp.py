#!/usr/bin/env python3
"""Checks vcaudit's RTSP facts (rtsp_messages, and sdp_media of RTSP flows)
against tshark on the RTSP captures of the shared public corpus (MANIFEST.tsv
rows whose protocols_seen lists rtsp).

Per message, keyed by the frame that completes it: method or status code,
CSeq, Session id (without ;timeout), and from the Transport header the
profile, unicast/multicast, first client_port and server_port, and the
interleaved channels. Per capture: the SDP media lines (media, port, profile)
of RTSP bodies.

tshark 4.0 has no field for CSeq: it is read from the header line tshark lists
in the rtsp layer of its JSON ("CSeq: 4\\r\\n", any case). Copies of segments
that tshark marks as TCP retransmissions are left out: vcaudit's reassembler
drops them, and ndpi/rtsp.pcap repeats most segments (captured on several
interfaces). Anything tshark sees that vcaudit misses, or any field that
differs, is a failure; messages only vcaudit finds are listed.

usage: compare_rtsp.py --vcaudit BIN --shared DIR
"""
import collections
import json
import subprocess
import sys

from corpus_audit import run


def parse_transport(value):
    """(profile, mode, client_port, server_port, interleaved) of the first transport-spec."""
    if value is None:
        return (None, None, None, None, None)
    params = [p.strip() for p in value.split(",")[0].split(";")]
    profile = params[0].upper() or None
    mode = client = server = channels = None
    for p in params[1:]:
        name, _, val = p.partition("=")
        name = name.strip().lower()
        if name in ("unicast", "multicast"):
            mode = name
        elif name == "client_port" and val.split("-")[0].strip().isdigit():
            client = int(val.split("-")[0])
        elif name == "server_port" and val.split("-")[0].strip().isdigit():
            server = int(val.split("-")[0])
        elif name == "interleaved":
            channels = val.strip()
    return (profile, mode, client, server, channels)


def tshark_rtsp(path):
    cmd = ["tshark", "-n", "-r", path, "-o", "tcp.desegment_tcp_streams:TRUE",
           "-Y", "rtsp && !tcp.analysis.retransmission", "-T", "json", "-J", "frame rtsp sdp"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0 and not r.stdout.strip():
        raise RuntimeError(f"tshark failed on {path}: {r.stderr.strip()}")
    packets = json.loads(r.stdout or "[]", object_pairs_hook=lambda pairs: pairs)
    messages, sdp = [], collections.Counter()
    for packet in packets:
        source = dict(packet)["_source"]
        layers = dict(source)["layers"]
        frame = int(dict(dict(layers)["frame"])["frame.number"])
        for name, layer in layers:
            if name == "rtsp":
                fields = layer
                msg = {"frame": frame, "method": None, "status": None, "cseq": None, "session": None,
                       "transport": None}
                for key, value in fields:
                    if key == "rtsp.request_tree":
                        msg["method"] = dict(value).get("rtsp.method")
                    elif key == "rtsp.response_tree":
                        status = dict(value).get("rtsp.status")
                        msg["status"] = int(status) if status is not None else None
                    elif key.lower().startswith("cseq:"):
                        digits = key.split(":", 1)[1].replace("\\r\\n", "").strip()
                        msg["cseq"] = int(digits) if digits.isdigit() else None
                    elif key == "rtsp.session":
                        msg["session"] = value.split(";")[0].strip()
                    elif key == "rtsp.transport":
                        msg["transport"] = value
                    elif key == "sdp":  # the body's SDP sits inside the rtsp layer
                        sdp_media(value, sdp)
                messages.append(msg)
            elif name == "sdp":
                sdp_media(layer, sdp)
    return messages, sdp


def sdp_media(layer, counter):
    """Counts the m= lines of one SDP layer: one sdp.media_tree per line."""
    for key, value in layer:
        if key == "sdp.media_tree":
            t = dict(value)
            counter[(t.get("sdp.media.media"), int(t.get("sdp.media.port", "0").split("/")[0]),
                     t.get("sdp.media.proto"))] += 1


def compare(db, messages, want_sdp, problems, notes):
    ours = collections.defaultdict(list)
    for row in db.execute("SELECT frame, method, status_code, cseq, session, transport_profile, transport_mode, "
                          "client_port, server_port, interleaved_channels FROM rtsp_messages"):
        ours[row[0]].append(tuple(row[1:]))
    matched = 0
    for m in messages:
        want = (m["method"], m["status"], m["cseq"], m["session"]) + parse_transport(m["transport"])
        got = ours.get(m["frame"], [])
        if want in got:
            got.remove(want)
            matched += 1
        else:
            problems.append(f"RTSP frame {m['frame']}: tshark {want}, vcaudit {got}")
    for frame, left in sorted(ours.items()):
        for msg in left:
            notes.append(f"RTSP frame {frame}: {msg} found by vcaudit only")
    got_sdp = collections.Counter(db.execute(
        "SELECT s.media, s.port, s.proto FROM sdp_media s JOIN flows f USING (flow_id) WHERE f.app = 'rtsp'"))
    if got_sdp != want_sdp:
        problems.append(f"SDP media of RTSP differ: tshark {dict(want_sdp)}, vcaudit {dict(got_sdp)}")
    return matched


def check(path, db):
    messages, sdp = tshark_rtsp(path)
    problems, notes = [], []
    matched = compare(db, messages, sdp, problems, notes) if db is not None else 0
    if not messages:
        problems.append("tshark found no RTSP message: nothing compared")
    return (f"RTSP {matched}/{len(messages)} agree with tshark, SDP media lines {sum(sdp.values())}",
            problems, notes)


if __name__ == "__main__":
    sys.exit(run("rtsp", "RTSP", check))
