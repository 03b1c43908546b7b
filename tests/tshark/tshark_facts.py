#!/usr/bin/env python3
"""tshark_facts.py - the TLS-over-TCP and SIP-over-UDP facts TShark sees in a
capture, as JSON, for comparison against vcaudit's evidence store.

Usage:
    tshark_facts.py CAPTURE.pcap[ng]            facts of one capture, JSON on stdout
    tshark_facts.py --list-corpus [--shared DIR]
                                                corpus captures (relative to DIR)
                                                whose MANIFEST.tsv protocols_seen
                                                column says tls or sip

Standard library only. TShark is run once per capture with
    tshark -n -o tcp.desegment_tcp_streams:TRUE -T json -J '...' -Y FILTER
and its JSON is parsed with duplicate keys kept in document order, so that
frames holding several TLS records / handshake messages, several SDP media
sections, or tunnelled (several) IP layers are mapped field by field without
guessing which value belongs to which message.

Output (see tests/tshark/README.md for the full description):
{
  "capture": PATH, "tshark_version": "4.0.17",
  "tls": [ one object per TCP connection that carries a ClientHello or ServerHello ],
  "sip": [ one object per SIP message over UDP or plain TCP (transport says which; ws/tls marked) ]
}
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from typing import Any, Iterator

# ----------------------------------------------------------------- constants

# RFC 8446 4.1.3: a ServerHello whose random is this value is a HelloRetryRequest.
HRR_RANDOM = bytes.fromhex(
    "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")

VERSION_NAMES = {
    0x0002: "SSL2",
    0x0300: "SSL3",
    0x0301: "TLS1.0",
    0x0302: "TLS1.1",
    0x0303: "TLS1.2",
    0x0304: "TLS1.3",
}

# Handshake message types (TLS/SSL3 numbering).
HS_CLIENT_HELLO = 1
HS_SERVER_HELLO = 2
HS_HELLO_RETRY_REQUEST = 6  # TLS 1.3 drafts <= 21 only
# SSL 2.0 message types (tshark puts them straight under tls.record).
SSL2_CLIENT_HELLO = 1
SSL2_CLIENT_MASTER_KEY = 2
SSL2_SERVER_HELLO = 4

DISPLAY_FILTER = "(tcp && tls.handshake.type) || sip"
# Only these top-level protocols are written out (-J): keeps the JSON small.
PROTOCOLS = "frame ip ipv6 tcp udp tls websocket sip"

TSHARK_TIMEOUT_S = 600

# A "pairs" node is the JSON object parsed with object_pairs_hook=list:
# a list of (key, value) tuples, duplicates and order preserved.
Pairs = list


# ----------------------------------------------------------------- helpers

def is_pairs(node: Any) -> bool:
    return isinstance(node, list) and (not node or isinstance(node[0], tuple))


def items(node: Any) -> Iterator[tuple[str, Any]]:
    """(key, value) pairs of an object node; arrays are flattened, so a key
    that tshark wrote as an array of objects yields one pair per element."""
    if is_pairs(node):
        for key, value in node:
            if isinstance(value, list) and not is_pairs(value):
                for element in value:
                    yield key, element
            else:
                yield key, value


def get_all(node: Any, key: str) -> list[Any]:
    """Values of key directly in node (not nested), in order."""
    return [v for k, v in items(node) if k == key]


def get(node: Any, key: str, default: Any = None) -> Any:
    for k, v in items(node):
        if k == key:
            return v
    return default


def find_all(node: Any, key: str) -> list[Any]:
    """Values of key anywhere below node, in document order."""
    out: list[Any] = []
    for k, v in items(node):
        if k == key:
            out.append(v)
        if is_pairs(v):
            out.extend(find_all(v, key))
    return out


def find(node: Any, key: str, default: Any = None) -> Any:
    found = find_all(node, key)
    return found[0] if found else default


def to_int(text: Any) -> int | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return int(text, 0)
    except ValueError:
        return None


def hex_bytes(text: Any) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        return bytes.fromhex(text.replace(":", ""))
    except ValueError:
        return None


def is_grease(value: int) -> bool:
    # RFC 8701: 0x0A0A, 0x1A1A, ..., 0xFAFA
    return (value & 0x0F0F) == 0x0A0A and (value >> 8) == (value & 0xFF)


def version_name(value: int | None) -> str | None:
    if value is None:
        return None
    if value in VERSION_NAMES:
        return VERSION_NAMES[value]
    if (value >> 8) == 0x7F:
        return f"TLS1.3-draft{value & 0xFF}"
    return f"0x{value:04x}"


# ----------------------------------------------------------------- tshark

def tshark_binary() -> str:
    path = shutil.which("tshark")
    if not path:
        sys.exit("tshark_facts.py: tshark not found in PATH (Debian package: tshark)")
    return path


def tshark_version(tshark: str) -> str:
    out = subprocess.run([tshark, "-v"], capture_output=True, text=True,
                         timeout=60, check=False).stdout
    m = re.search(r"TShark \(Wireshark\) (\S+)", out)
    return m.group(1).rstrip(".") if m else "unknown"


_CIPHER_NAMES: dict[int, str] | None = None


def cipher_names(tshark: str) -> dict[int, str]:
    """TLS cipher suite id -> IANA-style name, from tshark's own value table."""
    global _CIPHER_NAMES
    if _CIPHER_NAMES is None:
        _CIPHER_NAMES = {}
        proc = subprocess.run([tshark, "-G", "values"], capture_output=True, text=True,
                              timeout=120, check=False)
        for line in proc.stdout.splitlines():
            if line.startswith("V\ttls.handshake.ciphersuite\t"):
                parts = line.split("\t")
                if len(parts) >= 4:
                    value = to_int(parts[2])
                    if value is not None:
                        _CIPHER_NAMES[value] = parts[3]
    return _CIPHER_NAMES


def run_tshark(tshark: str, capture: str) -> list[Any]:
    cmd = [
        tshark, "-n", "-r", capture,
        "-o", "tcp.desegment_tcp_streams:TRUE",
        # Out-of-order segments are common on real links (ndpi/teams.pcap has
        # one inside a ServerHello); without this tshark loses the handshake.
        "-o", "tcp.reassemble_out_of_order:TRUE",
        "-Y", DISPLAY_FILTER,
        "-T", "json", "-J", PROTOCOLS,
    ]
    proc = subprocess.run(cmd, capture_output=True, timeout=TSHARK_TIMEOUT_S, check=False)
    stderr = proc.stderr.decode("utf-8", "replace")
    stderr = "\n".join(line for line in stderr.splitlines()
                       if 'Running as user "root"' not in line).strip()
    text = proc.stdout.decode("utf-8", "replace").strip()
    if proc.returncode != 0 and not text:
        raise RuntimeError(f"tshark failed ({proc.returncode}): {stderr}")
    if stderr:
        # e.g. "appears to have been cut short in the middle of a packet":
        # the frames read so far are still valid.
        print(f"tshark_facts.py: tshark: {stderr}", file=sys.stderr)
    if not text:
        return []
    return json.loads(text, object_pairs_hook=list)


# ----------------------------------------------------------------- frames

class Frame:
    """One frame: its layers in order, as (protocol, pairs) tuples."""

    def __init__(self, packet: Any):
        source = get(packet, "_source")
        self.layers: list[tuple[str, Any]] = list(items(get(source, "layers")))
        frame = self.layer("frame") or []
        self.number = to_int(get(frame, "frame.number"))
        epoch = get(frame, "frame.time_epoch")
        self.time = float(epoch) if isinstance(epoch, str) and epoch else None

    def layer(self, name: str) -> Any:
        for proto, node in self.layers:
            if proto == name:
                return node
        return None

    def indexes(self, name: str) -> list[int]:
        return [i for i, (proto, _) in enumerate(self.layers) if proto == name]

    def endpoints(self, upto: int, transport: str) -> dict[str, Any]:
        """Addresses and ports of the transport layer nearest before layer
        index `upto`, and of the IP layer nearest before that."""
        t_index = None
        for i in range(min(upto, len(self.layers) - 1), -1, -1):
            if self.layers[i][0] == transport:
                t_index = i
                break
        out: dict[str, Any] = {"src_ip": None, "src_port": None,
                               "dst_ip": None, "dst_port": None}
        if t_index is None:
            return out
        t = self.layers[t_index][1]
        out["src_port"] = to_int(get(t, f"{transport}.srcport"))
        out["dst_port"] = to_int(get(t, f"{transport}.dstport"))
        if transport == "tcp":
            out["tcp_stream"] = to_int(get(t, "tcp.stream"))
        for i in range(t_index - 1, -1, -1):
            proto, node = self.layers[i]
            if proto in ("ip", "ipv6"):
                out["src_ip"] = get(node, f"{proto}.src")
                out["dst_ip"] = get(node, f"{proto}.dst")
                break
        return out


# ----------------------------------------------------------------- TLS

def tls_messages(tls_layer: Any) -> Iterator[dict[str, Any]]:
    """Hello messages in one tls layer, in order."""
    for record in get_all(tls_layer, "tls.record"):
        handshakes = get_all(record, "tls.handshake")
        if handshakes:
            for hs in handshakes:
                hs_type = to_int(get(hs, "tls.handshake.type"))
                if hs_type in (HS_CLIENT_HELLO, HS_SERVER_HELLO, HS_HELLO_RETRY_REQUEST):
                    yield {"ssl2": False, "type": hs_type, "node": hs}
        elif get(record, "tls.handshake.type") is not None:
            # SSL 2.0 record: message fields sit directly in the record
            hs_type = to_int(get(record, "tls.handshake.type"))
            if hs_type in (SSL2_CLIENT_HELLO, SSL2_SERVER_HELLO, SSL2_CLIENT_MASTER_KEY):
                yield {"ssl2": True, "type": hs_type, "node": record}


def new_connection(ep: dict[str, Any], client_is_src: bool) -> dict[str, Any]:
    if client_is_src:
        cip, cport, sip_, sport = ep["src_ip"], ep["src_port"], ep["dst_ip"], ep["dst_port"]
    else:
        cip, cport, sip_, sport = ep["dst_ip"], ep["dst_port"], ep["src_ip"], ep["src_port"]
    return {
        "tcp_stream": ep.get("tcp_stream"),
        "client_ip": cip, "client_port": cport,
        "server_ip": sip_, "server_port": sport,
        "client_hello_frame": None,
        "server_hello_frame": None,
        "sni": None,
        "client_versions": None,
        "version": None,
        "version_id": None,
        "cipher_id": None,
        "cipher_name": None,
        "hello_retry_request": False,
        "ssl2_hello": False,
        "ssl2_cipher_spec": None,
        "client_hellos": 0,
        "server_hellos": 0,
    }


def apply_client_hello(conn: dict[str, Any], msg: dict[str, Any], frame: Frame) -> None:
    conn["client_hellos"] += 1
    if conn["client_hello_frame"] is not None:
        return  # keep the first ClientHello's offer (the HRR retry repeats it)
    node = msg["node"]
    conn["client_hello_frame"] = frame.number
    if msg["ssl2"]:
        conn["ssl2_hello"] = True
        legacy = to_int(get(node, "tls.handshake.version"))
        conn["client_versions"] = [version_name(legacy)] if legacy is not None else []
        return
    sni = find(node, "tls.handshake.extensions_server_name")
    conn["sni"] = sni if isinstance(sni, str) else None
    offered = [to_int(v) for v in find_all(node, "tls.handshake.extensions.supported_version")]
    offered = [v for v in offered if v is not None and not is_grease(v)]
    if offered:
        conn["client_versions"] = [version_name(v) for v in offered]
    else:
        legacy = to_int(get(node, "tls.handshake.version"))
        conn["client_versions"] = [version_name(legacy)] if legacy is not None else []


def apply_server_hello(conn: dict[str, Any], msg: dict[str, Any], frame: Frame,
                       names: dict[int, str]) -> None:
    node = msg["node"]
    if msg["ssl2"]:
        if msg["type"] == SSL2_CLIENT_MASTER_KEY:
            spec = to_int(find(node, "tls.handshake.cipherspec"))
            if spec is not None and conn.get("ssl2_cipher_spec") is None:
                conn["ssl2_cipher_spec"] = spec
            return
        conn["server_hellos"] += 1
        conn["ssl2_hello"] = True
        if conn["server_hello_frame"] is None:
            conn["server_hello_frame"] = frame.number
            ver = to_int(get(node, "tls.handshake.version"))
            conn["version_id"] = ver
            conn["version"] = version_name(ver)
        return

    random = hex_bytes(get(node, "tls.handshake.random"))
    is_hrr = msg["type"] == HS_HELLO_RETRY_REQUEST or random == HRR_RANDOM
    selected = to_int(find(node, "tls.handshake.extensions.supported_version"))
    legacy = to_int(get(node, "tls.handshake.version"))
    version = selected if selected is not None else legacy
    suite = to_int(get(node, "tls.handshake.ciphersuite"))

    if is_hrr:
        conn["hello_retry_request"] = True
        # only used if the real ServerHello is never seen
        if conn["server_hello_frame"] is None and conn["version_id"] is None:
            conn["version_id"] = version
            conn["version"] = version_name(version)
            conn["cipher_id"] = suite
            conn["cipher_name"] = names.get(suite) if suite is not None else None
        return

    conn["server_hellos"] += 1
    if conn["server_hello_frame"] is not None:
        return  # renegotiation in clear: keep the first handshake
    conn["server_hello_frame"] = frame.number
    conn["version_id"] = version
    conn["version"] = version_name(version)
    conn["cipher_id"] = suite
    conn["cipher_name"] = names.get(suite) if suite is not None else None


def collect_tls(frames: list[Frame], tshark: str) -> list[dict[str, Any]]:
    conns: dict[Any, dict[str, Any]] = {}
    order: list[Any] = []
    names: dict[int, str] | None = None
    for frame in frames:
        for index in frame.indexes("tls"):
            ep = frame.endpoints(index, "tcp")
            if ep["src_port"] is None:
                continue  # not over TCP
            key = ep.get("tcp_stream")
            if key is None:
                a = (ep["src_ip"], ep["src_port"])
                b = (ep["dst_ip"], ep["dst_port"])
                key = (min(a, b), max(a, b))
            for msg in tls_messages(frame.layers[index][1]):
                is_client = (msg["type"] == HS_CLIENT_HELLO if not msg["ssl2"]
                             else msg["type"] in (SSL2_CLIENT_HELLO, SSL2_CLIENT_MASTER_KEY))
                conn = conns.get(key)
                if conn is None:
                    conn = new_connection(ep, client_is_src=is_client)
                    conns[key] = conn
                    order.append(key)
                # SSL2_CLIENT_HELLO == HS_CLIENT_HELLO == 1
                if msg["type"] == HS_CLIENT_HELLO:
                    apply_client_hello(conn, msg, frame)
                else:
                    if names is None:
                        names = cipher_names(tshark)
                    apply_server_hello(conn, msg, frame, names)
    out = [conns[k] for k in order]
    out.sort(key=lambda c: min(x for x in (c["client_hello_frame"], c["server_hello_frame"], 1 << 62)
                               if x is not None))
    return out


# ----------------------------------------------------------------- SIP / SDP

def sdp_facts(sdp: Any) -> dict[str, Any]:
    """Media sections of one SDP body, with their attributes, in order."""
    media: list[dict[str, Any]] = []
    session_crypto = False
    session_fingerprint = False
    session_conn = None
    current: dict[str, Any] | None = None
    for key, value in items(sdp):
        if key == "sdp.media":
            current = {"line": value, "media": None, "port": None, "proto": None,
                       "formats": [], "connection": None, "crypto": False,
                       "crypto_suites": [], "fingerprint": False, "setup": None}
            media.append(current)
        elif key == "sdp.media_tree" and current is not None:
            current["media"] = get(value, "sdp.media.media")
            current["port"] = to_int(get(value, "sdp.media.port"))
            current["proto"] = get(value, "sdp.media.proto")
            # formats as written on the m= line (payload type numbers, or
            # e.g. "webrtc-datachannel"), not tshark's display names
            tokens = current["line"].split() if isinstance(current["line"], str) else []
            current["formats"] = tokens[3:]
        elif key == "sdp.connection_info_tree":
            address = get(value, "sdp.connection_info.address")
            if current is None:
                session_conn = address
            else:
                current["connection"] = address
        elif key == "sdp.media_attr_tree":
            field = get(value, "sdp.media_attribute.field")
            target_crypto = field == "crypto"
            if current is None:
                session_crypto = session_crypto or target_crypto
                session_fingerprint = session_fingerprint or field == "fingerprint"
                continue
            if target_crypto:
                current["crypto"] = True
                suite = find(value, "sdp.crypto.crypto_suite")
                if isinstance(suite, str):
                    current["crypto_suites"].append(suite)
            elif field == "fingerprint":
                current["fingerprint"] = True
            elif field == "setup":
                current["setup"] = get(value, "sdp.media_attribute.value")
    for m in media:
        if m["connection"] is None:
            m["connection"] = session_conn
        del m["line"]
    return {"media": media, "session_crypto": session_crypto,
            "session_fingerprint": session_fingerprint, "session_connection": session_conn}


def header(sip_layer: Any, name: str) -> Any:
    hdrs = get(sip_layer, "sip.msg_hdr_tree")
    return get(hdrs, name) if hdrs is not None else None


def header_tree_value(sip_layer: Any, tree: str, key: str) -> Any:
    hdrs = get(sip_layer, "sip.msg_hdr_tree")
    if hdrs is None:
        return None
    node = get(hdrs, tree)
    return find(node, key) if node is not None else None


def collect_sip(frames: list[Frame]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for frame in frames:
        for index in frame.indexes("sip"):
            ep = frame.endpoints(index, "udp")
            transport = "udp"
            if ep["src_port"] is None:
                ep = frame.endpoints(index, "tcp")
                transport = "tcp"
                if ep["src_port"] is None:
                    continue  # SIP over SCTP or something else
                # SIP inside WebSocket or TLS is not SIP over plain TCP.
                if any(proto in ("websocket", "tls") for proto, _ in frame.layers[:index]):
                    transport = "ws" if any(p == "websocket" for p, _ in frame.layers[:index]) else "tls"
            layer = frame.layers[index][1]
            request_line = get(layer, "sip.Request-Line_tree")
            status_line = get(layer, "sip.Status-Line_tree")
            method = get(request_line, "sip.Method") if request_line is not None else None
            status = to_int(get(status_line, "sip.Status-Code")) if status_line is not None else None
            cseq_method = header_tree_value(layer, "sip.CSeq_tree", "sip.CSeq.method")
            entry: dict[str, Any] = {
                "frame": frame.number,
                "transport": transport,
                "time": frame.time,
                "src_ip": ep["src_ip"], "src_port": ep["src_port"],
                "dst_ip": ep["dst_ip"], "dst_port": ep["dst_port"],
                "kind": "request" if method else ("response" if status is not None else "unknown"),
                "method": method,
                "status": status,
                "request_uri": get(request_line, "sip.r-uri") if request_line is not None else None,
                "cseq_method": cseq_method,
                "call_id": header(layer, "sip.Call-ID"),
                "from_uri": header_tree_value(layer, "sip.From_tree", "sip.from.addr"),
                "to_uri": header_tree_value(layer, "sip.To_tree", "sip.to.addr"),
                "user_agent": header(layer, "sip.User-Agent"),
                "server": header(layer, "sip.Server"),
                "content_type": header(layer, "sip.Content-Type"),
                "sdp": None,
            }
            body = get(layer, "sip.msg_body")
            sdps = find_all(body, "sdp") if body is not None else []
            if sdps:
                media: list[dict[str, Any]] = []
                session_crypto = session_fingerprint = False
                for sdp in sdps:
                    parsed = sdp_facts(sdp)
                    media.extend(parsed["media"])
                    session_crypto = session_crypto or parsed["session_crypto"]
                    session_fingerprint = session_fingerprint or parsed["session_fingerprint"]
                entry["sdp"] = {
                    "media": media,
                    # any a=crypto (SDES key) in the body, session or media level
                    "crypto": session_crypto or any(m["crypto"] for m in media),
                    # any a=fingerprint (DTLS-SRTP), session or media level
                    "fingerprint": session_fingerprint or any(m["fingerprint"] for m in media),
                }
            out.append(entry)
    return out


# ----------------------------------------------------------------- modes

def facts(capture: str) -> dict[str, Any]:
    tshark = tshark_binary()
    packets = run_tshark(tshark, capture)
    frames = [Frame(p) for p in packets]
    return {
        "capture": capture,
        "tshark_version": tshark_version(tshark),
        "tshark_options": ["-n", "-o", "tcp.desegment_tcp_streams:TRUE",
                           "-o", "tcp.reassemble_out_of_order:TRUE", "-Y", DISPLAY_FILTER],
        "tls": collect_tls(frames, tshark),
        "sip": collect_sip(frames),
    }


def list_corpus(shared: str) -> list[str]:
    """Corpus captures whose MANIFEST.tsv protocols_seen names tls or sip.

    protocols_seen is tshark's protocol list for the file (DTLS appears as
    "dtls", so "tls" means TLS over TCP). It does not name the transport of
    SIP, so files whose SIP is only over TCP/SCTP/WebSocket are listed too;
    the facts of those simply have an empty "sip" list."""
    corpus = os.path.join(shared, "corpus", "public")
    manifest = os.path.join(corpus, "MANIFEST.tsv")
    if not os.path.isfile(manifest):
        corpus = shared
        manifest = os.path.join(shared, "MANIFEST.tsv")
    if not os.path.isfile(manifest):
        sys.exit(f"tshark_facts.py: no MANIFEST.tsv under {shared}")
    out: list[str] = []
    with open(manifest, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            seen = row.get("protocols_seen") or ""
            # e.g. "stun (only with -d tcp.port==80,stun; default: tcp only)"
            seen = re.sub(r"\(.*?\)", "", seen)
            protocols = {p.strip().lower() for p in seen.split(",") if p.strip()}
            if protocols & {"tls", "sip"}:
                path = os.path.join(corpus, row["path"])
                out.append(os.path.relpath(path, shared))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        description="Print the TLS-over-TCP and SIP-over-UDP facts tshark sees in a capture.")
    ap.add_argument("capture", nargs="?", help="pcap or pcapng file")
    ap.add_argument("--list-corpus", action="store_true",
                    help="list corpus captures with TLS or SIP (from MANIFEST.tsv)")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared"),
                    help="shared folder holding corpus/public/MANIFEST.tsv (default: ../shared beside the project)")
    ap.add_argument("--compact", action="store_true", help="one-line JSON")
    args = ap.parse_args(argv)

    if args.list_corpus:
        for path in list_corpus(args.shared):
            print(path)
        return 0
    if not args.capture:
        ap.error("a capture path is required (or --list-corpus)")
    if not os.path.isfile(args.capture):
        print(f"tshark_facts.py: no such file: {args.capture}", file=sys.stderr)
        return 2
    result = facts(args.capture)
    if args.compact:
        json.dump(result, sys.stdout, separators=(",", ":"), ensure_ascii=False)
    else:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
