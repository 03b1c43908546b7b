#!/usr/bin/env python3
"""Media lab: vcaudit over real calls recorded on loopback, checked against tshark.

1. make_media_captures.py records four calls (see its docstring): SIPp with
   plain RTP, baresip with SDES-SRTP over SIP/UDP, baresip with SRTP over
   SIP/TLS (the clean one), aiortc WebRTC with ICE + DTLS-SRTP.
2. vcaudit audits each capture on its own (level 3; the site policy names the
   lab's SIP-over-TLS port, so VC-MEDIA-003 judges the TLS endpoint).
3. The facts must agree with tshark on the same file: SIP method/status/
   Call-ID, SDP media/profile/crypto suite, RTP streams (5-tuple, SSRC,
   payload type, packets), TLS/DTLS version, DTLS-SRTP profile, STUN message
   types. The encryption verdicts and rules must be those the traffic calls
   for: plain RTP fails VC-SIP-001/VC-MEDIA-001/VC-MEDIA-002; the SDES call
   fails VC-SIP-002 and nothing about the media; the TLS+SRTP call and the
   WebRTC call fail none of the SIP/media rules, their media judged from the
   packets. No SDES key of the SDP appears in anything vcaudit wrote or said.

Keys are never printed: a mismatch names the scenario and the field.
Usage: audit_media_lab.py --vcaudit BIN --work DIR [--captures DIR]
Prints "N passed, M failed"; exit 1 on a failure, 77 (skipped) only outside
CI when a program is missing or not root.
"""
import argparse
import collections
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE))
import make_media_captures  # noqa: E402  (its list of programs and modules)

SYSTEM_PY = "/usr/bin/python3"
SKIP = 77

_m = make_media_captures
# SIP ports of each SIPp/baresip capture, for tshark's "decode as" (none is 5060).
SIP_PORTS = {
    "sipp_rtp": [_m.SIPP_UAS, _m.SIPP_UAC],
    "baresip_sdes": [_m.SDES_CALLER["sip"], _m.SDES_CALLEE["sip"]],
}
SIP_TLS_PORT = _m.TLS_CALLEE["sip"] + 1  # the callee's TLS listener in baresip_tls

# RFC 5764 §4.1.2 / IANA "DTLS-SRTP Protection Profiles".
SRTP_PROFILES = {
    0x0001: "SRTP_AES128_CM_HMAC_SHA1_80", 0x0002: "SRTP_AES128_CM_HMAC_SHA1_32",
    0x0005: "SRTP_NULL_HMAC_SHA1_80", 0x0006: "SRTP_NULL_HMAC_SHA1_32",
    0x0007: "SRTP_AEAD_AES_128_GCM", 0x0008: "SRTP_AEAD_AES_256_GCM",
}
# Record/handshake version numbers (RFC 8446, RFC 6347, RFC 9147).
VERSIONS = {0x0301: "TLS1.0", 0x0302: "TLS1.1", 0x0303: "TLS1.2", 0x0304: "TLS1.3",
            0xfeff: "DTLS1.0", 0xfefd: "DTLS1.2", 0xfefc: "DTLS1.3"}

AGG = "\x1f"  # tshark field aggregator that no SDP attribute contains

SIP_MEDIA_RULES = ("VC-SIP-001", "VC-SIP-002", "VC-MEDIA-001", "VC-MEDIA-002", "VC-MEDIA-003", "VC-MEDIA-004")


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
        return ok


def need_tools():
    missing = make_media_captures.missing_tools()
    if missing:
        missing[-1] += " (.ci/install-deps test installs them)"
    if os.geteuid() != 0:
        missing.append("root (tcpdump on lo)")
    if missing:
        msg = "missing: " + ", ".join(missing)
        if os.environ.get("CI"):
            sys.exit("FAIL " + msg)
        print("SKIP " + msg)
        sys.exit(SKIP)


# ---------------------------------------------------------------- tshark

def tshark(cap, *args, sip_ports=(), heuristic_rtp=False):
    cmd = ["tshark", "-n", "-r", str(cap)]
    for p in sip_ports:
        cmd += ["-d", f"udp.port=={p},sip", "-d", f"tcp.port=={p},sip"]
    if heuristic_rtp:
        cmd += ["-o", "rtp.heuristic_rtp:TRUE"]
    r = subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        sys.exit(f"tshark failed on {cap.name}: {r.stderr.strip()[-300:]}")
    return r.stdout


def tshark_fields(cap, display_filter, fields, **kw):
    args = ["-Y", display_filter, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f"]
    for f in fields:
        args += ["-e", f]
    out = tshark(cap, *args, **kw)
    return [line.split("\t") for line in out.splitlines() if line.strip()]


def ts_sip(cap, ports):
    """(method or None, status or None, Call-ID) of every SIP message, in frame order."""
    rows = tshark_fields(cap, "sip", ["sip.Method", "sip.Status-Code", "sip.Call-ID"], sip_ports=ports)
    return [(m or None, int(s) if s else None, c) for m, s, c in rows]


def ts_sdp(cap, ports):
    """(media, port, proto, crypto suite or None) of every SDP m-line, and the SDES keys seen."""
    # Attributes hold ',', ';' and '|' (key lifetime): aggregate with a control character.
    out = tshark(cap, "-Y", "sdp", "-T", "fields", "-E", "separator=\t", "-E", f"aggregator={AGG}",
                 "-e", "sdp.media", "-e", "sdp.media_attr", sip_ports=ports)
    lines, keys = [], set()
    for row in out.splitlines():
        media, attrs = (row.split("\t") + [""])[:2]
        suite = None
        for a in attrs.split(AGG):
            if a.startswith("crypto:"):
                f = a.split()
                suite = suite or f[1]
                for part in f[2:]:
                    if part.startswith("inline:"):
                        keys.add(part[len("inline:"):].split("|")[0])
        for m in media.split(AGG):
            f = m.split()
            if len(f) >= 3:
                lines.append((f[0], int(f[1]), f[2], suite))
    return lines, keys


def ts_rtp_streams(cap, ports=(), heuristic=False):
    """{(src, sport, dst, dport, ssrc): [payload type, packets]} from -z rtp,streams and the rtp fields."""
    out = tshark(cap, "-q", "-z", "rtp,streams", sip_ports=ports, heuristic_rtp=heuristic)
    streams = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 9 and f[6].startswith("0x"):
            # start end src sport dst dport ssrc payload-name packets ...
            streams[(f[2], int(f[3]), f[4], int(f[5]), int(f[6], 16))] = [None, int(f[8])]
    pts = collections.defaultdict(collections.Counter)
    for src, sport, dst, dport, ssrc, pt in tshark_fields(
            cap, "rtp", ["ip.src", "udp.srcport", "ip.dst", "udp.dstport", "rtp.ssrc", "rtp.p_type"],
            sip_ports=ports, heuristic_rtp=heuristic):
        pts[(src, int(sport), dst, int(dport), int(ssrc, 16))][int(pt)] += 1
    for key, v in streams.items():
        if pts[key]:
            v[0] = pts[key].most_common(1)[0][0]
    return streams


# ---------------------------------------------------------------- vcaudit

def audit(vcaudit, cap, out, home, site):
    env = dict(os.environ, VCAUDIT_HOME=str(home))
    r = subprocess.run([vcaudit, "audit", "--pcap", str(cap), "--site", str(site), "--level", "3", "--out", str(out)],
                       env=env, capture_output=True, text=True, timeout=600)
    if r.returncode not in (0, 1, 4):
        sys.exit(f"vcaudit audit {cap.name} failed with {r.returncode}: {r.stderr.strip()[-400:]}")
    return r.stdout + r.stderr


def rows(out, sql, args=()):
    con = sqlite3.connect(f"file:{out / 'evidence.db'}?mode=ro", uri=True)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(sql, args)]
    finally:
        con.close()


def rule_status(out):
    return {r["rule_id"]: r["status"] for r in rows(out, "SELECT rule_id, status FROM assessments")}


def vc_rtp_streams(out):
    return {(r["src_ip"], r["src_port"], r["dst_ip"], r["dst_port"], r["ssrc"]): r
            for r in rows(out, "SELECT * FROM rtp_streams")}


# ---------------------------------------------------------------- checks

def check_sip(c, name, cap, out, ports):
    want = ts_sip(cap, ports)
    got = [(r["method"], r["status_code"], r["call_id"])
           for r in rows(out, "SELECT method, status_code, call_id FROM sip_messages ORDER BY frame")]
    c.check(len(want) >= 5, f"{name}: tshark sees only {len(want)} SIP messages: the call did not happen")
    c.check(got == want, f"{name}: sip_messages (method, status, Call-ID) {got} differ from tshark's {want}")
    transports = {r["transport"] for r in rows(out, "SELECT DISTINCT transport FROM sip_messages")}
    c.check(transports == {"udp"}, f"{name}: sip_messages transport {transports}, expected udp")


def check_sdp(c, name, cap, out, ports, proto, crypto):
    want, keys = ts_sdp(cap, ports)
    got = [(r["media"], r["port"], r["proto"], r["crypto_suite"])
           for r in rows(out, "SELECT media, port, proto, crypto_suite FROM sdp_media ORDER BY frame, rowid")]
    c.check(sorted(got) == sorted(want), f"{name}: sdp_media (media, port, proto, suite) {got} differ from tshark's {want}")
    c.check(want and all(w[2] == proto for w in want), f"{name}: tshark's SDP profiles {[w[2] for w in want]}, expected {proto}")
    c.check(all((w[3] is not None) == crypto for w in want), f"{name}: a=crypto presence in the SDP is not {crypto}")
    # SIP over UDP: an a=crypto key crossed in clear; without a=crypto there is no key.
    key_flags = {r["key_in_clear"] for r in rows(out, "SELECT key_in_clear FROM sdp_media")}
    c.check(key_flags == {1} if crypto else key_flags <= {0, None}, f"{name}: sdp_media.key_in_clear {key_flags}")
    return keys


def check_rtp(c, name, cap, out, ports=(), heuristic=False, encrypted=None, bases=()):
    want = ts_rtp_streams(cap, ports, heuristic)
    got = vc_rtp_streams(out)
    c.check(len(want) >= 1, f"{name}: tshark finds no RTP stream")
    c.check(set(got) == set(want), f"{name}: rtp_streams {sorted(got)} differ from tshark's {sorted(want)}")
    for key, (pt, packets) in want.items():
        g = got.get(key)
        if g is None:
            continue
        label = f"{name} stream {key[0]}:{key[1]} -> {key[2]}:{key[3]} SSRC 0x{key[4]:08X}"
        c.check(g["payload_type"] == pt, f"{label}: payload type {g['payload_type']}, tshark {pt}")
        c.check(g["packets"] == packets, f"{label}: {g['packets']} packets, tshark {packets}")
        c.check(g["encrypted"] == encrypted, f"{label}: encrypted {g['encrypted']}, expected {encrypted}")
        c.check(g["basis"] in bases, f"{label}: basis {g['basis']}, expected one of {bases}")
    return got


def check_rules(c, name, out, fail, quiet, must_judge=()):
    status = rule_status(out)
    for rule in fail:
        c.check(status.get(rule) == "fail", f"{name}: {rule} is {status.get(rule)}, expected fail")
    for rule in quiet:
        c.check(status.get(rule) in ("pass", "not_assessed"), f"{name}: {rule} is {status.get(rule)}, expected quiet")
    for rule in must_judge:
        c.check(status.get(rule) == "pass", f"{name}: {rule} is {status.get(rule)}, expected pass (judged)")


def scenario_sipp_rtp(c, captures, out):
    cap = captures / "sipp_rtp.pcap"
    ports = SIP_PORTS["sipp_rtp"]
    check_sip(c, "sipp_rtp", cap, out, ports)
    check_sdp(c, "sipp_rtp", cap, out, ports, "RTP/AVP", crypto=False)
    check_rtp(c, "sipp_rtp", cap, out, ports, encrypted=0, bases=("payload", "sdp_profile"))
    check_rules(c, "sipp_rtp", out, fail=("VC-SIP-001", "VC-MEDIA-001", "VC-MEDIA-002"),
                quiet=("VC-SIP-002", "VC-MEDIA-003", "VC-MEDIA-004"))
    return set()


def scenario_sdes(c, captures, out):
    cap = captures / "baresip_sdes.pcap"
    ports = SIP_PORTS["baresip_sdes"]
    check_sip(c, "baresip_sdes", cap, out, ports)
    keys = check_sdp(c, "baresip_sdes", cap, out, ports, "RTP/SAVP", crypto=True)
    c.check(len(keys) == 2, f"baresip_sdes: {len(keys)} SDES keys in the SDP, expected one per side")
    check_rtp(c, "baresip_sdes", cap, out, ports, encrypted=1, bases=("payload", "sdp_profile"))
    check_rules(c, "baresip_sdes", out, fail=("VC-SIP-001", "VC-SIP-002"),
                quiet=("VC-MEDIA-001", "VC-MEDIA-003", "VC-MEDIA-004"), must_judge=("VC-MEDIA-002",))
    return keys


def scenario_tls(c, captures, out):
    name = "baresip_tls"
    cap = captures / f"{name}.pcap"
    hello = tshark_fields(cap, "tls.handshake.type == 2", ["tcp.srcport", "tls.handshake.version",
                                                           "tls.handshake.extensions.supported_version"])
    c.check(len(hello) == 1, f"{name}: tshark sees {len(hello)} ServerHello, expected 1")
    sessions = rows(out, "SELECT * FROM tls_sessions")
    c.check(len(sessions) == 1, f"{name}: {len(sessions)} tls_sessions rows, expected 1")
    if hello and sessions:
        port, legacy, chosen = hello[0]
        version = VERSIONS.get(int(chosen or legacy, 16))
        c.check(sessions[0]["dtls"] == 0 and sessions[0]["version"] == version,
                f"{name}: TLS version {sessions[0]['version']}, tshark {version}")
        c.check(sessions[0]["server_port"] == int(port) == SIP_TLS_PORT,
                f"{name}: TLS server port {sessions[0]['server_port']}, tshark {port}")
    # The SDP (and so the SRTP keys) is inside the TLS: nothing about it may appear in clear.
    c.check(not rows(out, "SELECT 1 FROM sip_messages WHERE transport IN ('udp', 'tcp', 'ws')"),
            f"{name}: SIP in clear found in a capture where it all went over TLS")
    c.check(not rows(out, "SELECT 1 FROM sdp_media"), f"{name}: sdp_media rows from a TLS-only signalling")
    # No SDP to go by: tshark needs its RTP heuristic, vcaudit must judge from the packets.
    got = check_rtp(c, name, cap, out, heuristic=True, encrypted=1, bases=("payload",))
    c.check(len(got) == 2, f"{name}: {len(got)} RTP streams, expected one per direction")
    check_rules(c, name, out, fail=(), quiet=SIP_MEDIA_RULES, must_judge=("VC-MEDIA-002", "VC-MEDIA-003"))
    return set()


def scenario_webrtc(c, captures, out):
    name = "webrtc_dtls"
    cap = captures / f"{name}.pcap"
    call = json.loads((captures / "webrtc.json").read_text())
    # STUN: ICE connectivity checks, compared by message type with tshark.
    types = collections.Counter(int(t, 16) for (t,) in tshark_fields(cap, "stun", ["stun.type"]))
    stun = rows(out, "SELECT * FROM stun_flows")
    c.check(types[0x0001] >= 1 and types[0x0101] >= 1, f"{name}: tshark sees no binding request/response: {types}")
    c.check(len(stun) == 1, f"{name}: {len(stun)} stun_flows rows, expected 1 (the ICE pair)")
    if stun:
        s = stun[0]
        c.check(s["messages"] == sum(types.values()), f"{name}: {s['messages']} STUN messages, tshark {sum(types.values())}")
        c.check(s["requests"] == types[0x0001], f"{name}: {s['requests']} requests, tshark {types[0x0001]}")
        c.check(s["success"] == types[0x0101], f"{name}: {s['success']} success responses, tshark {types[0x0101]}")
        c.check(s["errors"] == types[0x0111], f"{name}: {s['errors']} error responses, tshark {types[0x0111]}")
        c.check(s["binding"] == sum(n for t, n in types.items() if t & 0x3EEF == 0x0001),
                f"{name}: {s['binding']} binding messages, tshark {types}")
    # DTLS: version and the SRTP profile the server chose.
    hello = tshark_fields(cap, "dtls.handshake.type == 2", ["dtls.handshake.version", "dtls.use_srtp.protection_profile"])
    dtls = rows(out, "SELECT * FROM tls_sessions WHERE dtls = 1")
    c.check(len(hello) == 1 and len(dtls) == 1, f"{name}: {len(dtls)} DTLS sessions, tshark {len(hello)} ServerHello")
    if hello and dtls:
        version, profile = VERSIONS.get(int(hello[0][0], 16)), SRTP_PROFILES.get(int(hello[0][1] or "0", 16))
        c.check(dtls[0]["version"] == version, f"{name}: DTLS version {dtls[0]['version']}, tshark {version}")
        c.check(profile is not None and dtls[0]["srtp_profile"] == profile,
                f"{name}: srtp_profile {dtls[0]['srtp_profile']}, tshark {profile}")
    # Media: on the ICE 5-tuple, encrypted, known from the packets or the DTLS-SRTP handshake.
    ends = {tuple(call["caller"]), tuple(call["callee"])}
    got = check_rtp(c, name, cap, out, heuristic=True, encrypted=1, bases=("payload", "dtls_srtp"))
    c.check(got and all({(k[0], k[1]), (k[2], k[3])} == ends for k in got),
            f"{name}: RTP streams {sorted(got)} not on the ICE pair {sorted(ends)}")
    if dtls:
        c.check(all(r["flow_id"] == dtls[0]["flow_id"] and r["signalled"] == "dtls_srtp" for r in got.values()),
                f"{name}: RTP streams not tied to the DTLS-SRTP handshake of their flow")
    check_rules(c, name, out, fail=(), quiet=SIP_MEDIA_RULES, must_judge=("VC-MEDIA-002",))
    return set()


SCENARIOS = {"sipp_rtp": scenario_sipp_rtp, "baresip_sdes": scenario_sdes,
             "baresip_tls": scenario_tls, "webrtc_dtls": scenario_webrtc}


def check_no_keys(c, outputs, texts, keys):
    needles = {k.encode() for k in keys if len(k) >= 16}
    c.check(len(needles) == len(keys) and needles, "no usable SDES key to look for: the leak test would prove nothing")
    leaks = []
    for out in outputs:
        for f in sorted(out.rglob("*")):
            if f.is_file():
                data = f.read_bytes()
                leaks += [str(f.relative_to(out.parent)) for n in needles if n in data]
    for label, text in texts.items():
        leaks += [f"output of {label}" for n in needles if n in text.encode()]
    c.check(not leaks, "an SDES key found in: " + ", ".join(sorted(set(leaks))))


def write_site(path):
    path.write_text(
        "name: vcaudit media lab (loopback)\n"
        "level: 3\n"
        "regime: legacy\n"
        "allowed_networks: [127.0.0.0/8]\n"
        "inputs:\n"
        f"  sip_tls_ports: \"{SIP_TLS_PORT}\"\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--work", required=True, help="folder for captures and reports (emptied first)")
    ap.add_argument("--captures", help="use captures already made here instead of making them")
    args = ap.parse_args()
    if not args.captures:
        need_tools()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    captures = Path(args.captures) if args.captures else work / "captures"
    if not args.captures:
        r = subprocess.run([sys.executable, str(HERE / "make_media_captures.py"), str(captures)],
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            sys.exit("make_media_captures.py failed:\n" + r.stderr[-2000:])
    site = work / "site.yaml"
    write_site(site)
    c = Checks()
    texts, outputs, keys = {}, [], set()
    for name, scenario in SCENARIOS.items():
        out = work / "reports" / name
        texts[name] = audit(args.vcaudit, captures / f"{name}.pcap", out, work / "home", site)
        outputs.append(out)
        keys |= scenario(c, captures, out)
    check_no_keys(c, outputs, texts, keys)
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
