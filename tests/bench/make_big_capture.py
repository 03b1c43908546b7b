#!/usr/bin/env python3
"""Writes a large classic pcap made of real corpus captures, repeated with
rewritten addresses, Call-IDs and times, so that every copy is new traffic
to the analyser: its own hosts, flows, calls and RTP streams.

Each copy plays every source capture once, starting `--spacing` seconds
after the previous copy (copies overlap, as real calls do). Per copy:

- IPv4 and IPv6 source/destination addresses are mapped to addresses no
  other copy (nor another source of the same copy) uses (ARP too): private ones into 10.0.0.0/8, public ones stay
  public, link-local IPv6 stays link-local; loopback, multicast and
  broadcast are kept. IP and TCP/UDP/ICMPv6 checksums are adjusted.
- SIP over UDP (also when IPv4-fragmented): IPv4 literals in the message
  (Via, Contact, SDP c=/o= ...) get the same mapping, so SDP still names the
  RTP flows; Call-ID values get a copy suffix; Content-Length, lengths and
  checksums are recomputed. SIP over TCP/TLS is left byte for byte.
- Ports are kept: distinct addresses already make distinct flows.

Sources are read once into memory (a few MB); the output is streamed.
Never commit what it writes: give it a temporary path.

usage: make_big_capture.py --shared DIR --out FILE --size 1GiB [--spacing 30]
"""
import argparse
import heapq
import io
import os
import re
import struct
import sys

# Real meeting traffic: SIP+RTP calls, SIP-TLS+SRTP, SIP+SRTP, several calls
# with RTCP, Teams (with DNS/DHCP/ARP background) and Webex TLS sessions.
CAPTURES = [
    "corpus/public/voipshark/SIP-RTP-Normal_Call_two_parties.pcap",
    "corpus/public/voipshark/SIP-over-TLS-RSA-SRTP_Normal_Call_two_parties.pcap",
    "corpus/public/voipshark/SIP-SRTP-Normal_Call_two_parties.pcap",
    "corpus/public/heplify/rtp_rtcp_sip_ipv4_udp.pcap",
    "corpus/public/ndpi/teams.pcap",
    "corpus/public/ndpi/webex.pcap",
]

LINKTYPE_ETHERNET = 1
SNAPLEN = 262144
ETH_IPV4, ETH_IPV6, ETH_ARP, ETH_VLAN, ETH_QINQ = 0x0800, 0x86DD, 0x0806, 0x8100, 0x88A8
TCP, UDP, ICMPV6 = 6, 17, 58
L4_CHECKSUM_AT = {TCP: 16, UDP: 6, ICMPV6: 2}  # offset of the checksum in the transport header
IPV6_EXTENSIONS = {0, 43, 60}                   # hop-by-hop, routing, destination options
IPV6_FRAGMENT = 44

SIP_START = re.compile(rb"^(?:[A-Z]+ \S+ SIP/2\.0\r?\n|SIP/2\.0 \d{3} )")
IPV4_TEXT = re.compile(rb"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d])")
CALL_ID_LINE = re.compile(rb"(?im)^(call-id|i)([ \t]*:[ \t]*)(\S+)")
CONTENT_LENGTH_LINE = re.compile(rb"(?im)^(content-length|l)([ \t]*:[ \t]*)(\d+)")


# ---------------------------------------------------------------- addresses

def v4_class(a):
    """'keep' (never rewritten), 'private' or 'public'."""
    if a[0] in (0, 127) or a[0] >= 224:
        return "keep"
    if a[0] == 10 or (a[0] == 172 and 16 <= a[1] < 32) or (a[0] == 192 and a[1] == 168) or \
            (a[0] == 169 and a[1] == 254) or (a[0] == 100 and 64 <= a[1] < 128):
        return "private"
    return "public"


def v6_class(a):
    if a[0] == 0xFF or a == bytes(16) or a == bytes(15) + b"\x01":
        return "keep"
    return "v6"


class AddressPlan:
    """Numbers every address of the sources per class, so that instance k (a
    source within a copy) maps address i of a class to counter
    1 + k * n_class + i: unique in the file."""

    def __init__(self):
        self.index = {}  # raw address bytes -> (class, i)
        self.counts = {"private": 0, "public": 0, "v6": 0}

    def add(self, raw):
        if raw in self.index:
            return
        cls = v4_class(raw) if len(raw) == 4 else v6_class(raw)
        if cls == "keep":
            self.index[raw] = ("keep", 0)
            return
        self.index[raw] = (cls, self.counts[cls])
        self.counts[cls] += 1

    def mapped(self, raw, copy):
        cls, i = self.index[raw]
        if cls == "keep":
            return raw
        n = 1 + copy * self.counts[cls] + i
        if cls == "private":
            if n >= 1 << 24:
                sys.exit("too many copies for 10.0.0.0/8")
            return bytes((10,)) + n.to_bytes(3, "big")
        if cls == "public":
            if n >= 1 << 24:
                sys.exit("too many copies for the public mapping")
            first = raw[0] if raw[0] not in (10, 100, 127, 169, 172, 192) else 45
            return bytes((first,)) + n.to_bytes(3, "big")
        # IPv6: the prefix (and so link-local or global scope) stays, the interface id is the counter.
        return raw[:8] + b"\x02\x00\x00\x00" + n.to_bytes(4, "big")


# ---------------------------------------------------------------- checksums

def ones_sum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def checksum(data):
    return ~ones_sum(data) & 0xFFFF


def adjust(old_checksum, old_sum, new_sum):
    """RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), with m and m' one's-complement sums."""
    s = (~old_checksum & 0xFFFF) + (~old_sum & 0xFFFF) + new_sum
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


# ---------------------------------------------------------------- reading

def read_pcap(path):
    """(microseconds, bytes) of every record of a classic pcap (Ethernet only)."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    endian = {b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">", b"\x4d\x3c\xb2\xa1": "<",
              b"\xa1\xb2\x3c\x4d": ">"}.get(magic)
    if endian is None:
        sys.exit(f"{path}: not a classic pcap (convert it with editcap -F pcap)")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(endian + "I", data[20:24])[0] & 0x0FFFFFFF
    if linktype != LINKTYPE_ETHERNET:
        sys.exit(f"{path}: link type {linktype}, only Ethernet is rewritten")
    out, pos, hdr = [], 24, struct.Struct(endian + "IIII")
    while pos + 16 <= len(data):
        sec, frac, incl, _orig = hdr.unpack_from(data, pos)
        pos += 16
        out.append((sec * 1_000_000 + (frac // 1000 if nano else frac), data[pos:pos + incl]))
        pos += incl
    return out


# ---------------------------------------------------------------- templates
# A template is one record of a source, pre-parsed so a copy costs slicing:
#   ("raw", ts, bytes)                                     copied as is
#   ("arp", ts, bytes, src_at, dst_at, src, dst)           ARP sender/target IPv4
#   ("ip", ts, bytes, src_at, dst_at, src, dst, ipck_at, l4ck_at)
#   ("sip", ts_list, eth, iphdr, udphdr, pieces, frag_sizes, v6)
# with *_at byte offsets (None when absent).

def l2_end(frame):
    """Offset after the Ethernet header and VLAN tags, and the EtherType."""
    if len(frame) < 14:
        return None, None
    pos, etype = 12, struct.unpack_from("!H", frame, 12)[0]
    while etype in (ETH_VLAN, ETH_QINQ) and len(frame) >= pos + 6:
        pos += 4
        etype = struct.unpack_from("!H", frame, pos)[0]
    return pos + 2, etype


def sip_pieces(payload, plan):
    """The SIP text split into literal bytes and ('addr', raw) / ('callid', value) holes."""
    holes = []
    for m in IPV4_TEXT.finditer(payload):
        octets = [int(g) for g in m.groups()]
        if max(octets) <= 255:
            raw = bytes(octets)
            plan.add(raw)
            holes.append((m.start(), m.end(), ("addr", raw)))
    for m in CALL_ID_LINE.finditer(payload):
        holes.append((m.start(3), m.end(3), ("callid", m.group(3))))
    holes.sort()
    pieces, pos = [], 0
    for start, end, hole in holes:
        if start < pos:
            continue  # an address inside a Call-ID value: the Call-ID rule wins
        pieces.append(payload[pos:start])
        pieces.append(hole)
        pos = end
    pieces.append(payload[pos:])
    return pieces


def build_templates(records, plan):
    """Templates of one source capture, times relative to its first record."""
    t0 = records[0][0] if records else 0
    out, consumed = [], set()
    for n, (ts, frame) in enumerate(records):
        if n in consumed:
            continue
        rel = ts - t0
        l3, etype = l2_end(frame)
        if etype == ETH_ARP and len(frame) >= l3 + 28 and frame[l3 + 4:l3 + 6] == b"\x06\x04":
            src, dst = frame[l3 + 14:l3 + 18], frame[l3 + 24:l3 + 28]
            plan.add(src), plan.add(dst)
            out.append(("arp", rel, frame, l3 + 14, l3 + 24, src, dst))
            continue
        if etype == ETH_IPV4 and len(frame) >= l3 + 20 and frame[l3] >> 4 == 4:
            ihl = (frame[l3] & 0x0F) * 4
            src, dst = frame[l3 + 12:l3 + 16], frame[l3 + 16:l3 + 20]
            plan.add(src), plan.add(dst)
            proto = frame[l3 + 9]
            flags_off = struct.unpack_from("!H", frame, l3 + 6)[0]
            more, offset = flags_off & 0x2000, flags_off & 0x1FFF
            l4 = l3 + ihl
            if proto == UDP and offset == 0 and len(frame) >= l4 + 8 and SIP_START.match(frame[l4 + 8:]):
                sip = sip_template(records, n, rel, t0, frame, l3, ihl, more, consumed, plan)
                if sip is not None:
                    out.append(sip)
                    continue
            l4ck = None
            if offset == 0 and proto in (TCP, UDP) and len(frame) >= l4 + L4_CHECKSUM_AT[proto] + 2:
                l4ck = l4 + L4_CHECKSUM_AT[proto]
                if proto == UDP and frame[l4ck:l4ck + 2] == b"\0\0":
                    l4ck = None  # IPv4 UDP without checksum stays without
            out.append(("ip", rel, frame, l3 + 12, l3 + 16, src, dst, l3 + 10, l4ck))
            continue
        if etype == ETH_IPV6 and len(frame) >= l3 + 40 and frame[l3] >> 4 == 6:
            src, dst = frame[l3 + 8:l3 + 24], frame[l3 + 24:l3 + 40]
            plan.add(src), plan.add(dst)
            nxt, pos, first = frame[l3 + 6], l3 + 40, True
            while nxt in IPV6_EXTENSIONS | {IPV6_FRAGMENT} and len(frame) >= pos + 8:
                if nxt == IPV6_FRAGMENT:
                    first = struct.unpack_from("!H", frame, pos + 2)[0] & 0xFFF8 == 0
                    nxt, pos = frame[pos], pos + 8
                else:
                    nxt, pos = frame[pos], pos + (frame[pos + 1] + 1) * 8
            l4ck = None
            if first and nxt in L4_CHECKSUM_AT and len(frame) >= pos + L4_CHECKSUM_AT[nxt] + 2:
                l4ck = pos + L4_CHECKSUM_AT[nxt]
            out.append(("ip", rel, frame, l3 + 8, l3 + 24, src, dst, None, l4ck))
            continue
        out.append(("raw", rel, frame))
    return out


def sip_template(records, n, rel, t0, frame, l3, ihl, more, consumed, plan):
    """SIP over UDP/IPv4, gathering the following fragments when the first one says more come."""
    ip_id, src, dst = frame[l3 + 4:l3 + 6], frame[l3 + 12:l3 + 16], frame[l3 + 16:l3 + 20]
    total = struct.unpack_from("!H", frame, l3 + 2)[0]
    parts = [frame[l3 + ihl:l3 + total]]
    times, sizes = [rel], [total - ihl]
    m = n + 1
    while more:
        while m < len(records) and m < n + 64:  # fragments arrive together
            ts2, f2 = records[m]
            p2, et2 = l2_end(f2)
            if et2 == ETH_IPV4 and len(f2) >= p2 + 20 and f2[p2 + 4:p2 + 6] == ip_id and \
                    f2[p2 + 12:p2 + 16] == src and f2[p2 + 16:p2 + 20] == dst and f2[p2 + 9] == UDP:
                break
            m += 1
        else:
            return None  # a missing fragment: copy the pieces as they are
        ts2, f2 = records[m]
        p2, _ = l2_end(f2)
        ihl2 = (f2[p2] & 0x0F) * 4
        fo = struct.unpack_from("!H", f2, p2 + 6)[0]
        if (fo & 0x1FFF) * 8 != sum(sizes):
            return None
        tot2 = struct.unpack_from("!H", f2, p2 + 2)[0]
        parts.append(f2[p2 + ihl2:p2 + tot2])
        times.append(ts2 - t0)
        sizes.append(tot2 - ihl2)
        consumed.add(m)
        more = fo & 0x2000
        m += 1
    datagram = b"".join(parts)
    udp_len = struct.unpack_from("!H", datagram, 4)[0]
    if udp_len != len(datagram):
        return None
    plan.add(src), plan.add(dst)
    pieces = sip_pieces(datagram[8:], plan)
    return ("sip", times, frame[:l3], frame[l3:l3 + ihl], datagram[:8], pieces, sizes[:-1], src, dst)


# ---------------------------------------------------------------- writing

class Copy:
    """Rewriting of instance k (one source in one copy): address map and checksum deltas, memoised."""

    def __init__(self, plan, k):
        self.plan, self.k = plan, k
        self.addr = {}
        self.delta = {}
        self.suffix = b".c%d" % k

    def map(self, raw):
        m = self.addr.get(raw)
        if m is None:
            m = self.addr[raw] = self.plan.mapped(raw, self.k)
        return m

    def sums(self, src, dst):
        d = self.delta.get((src, dst))
        if d is None:
            d = self.delta[(src, dst)] = (ones_sum(src + dst), ones_sum(self.map(src) + self.map(dst)))
        return d


def render(t, cp):
    """The frames (relative µs, bytes) template t becomes in copy cp."""
    kind = t[0]
    if kind == "raw":
        return [(t[1], t[2])]
    if kind == "arp":
        _, rel, frame, sa, da, src, dst = t
        b = bytearray(frame)
        b[sa:sa + 4], b[da:da + 4] = cp.map(src), cp.map(dst)
        return [(rel, bytes(b))]
    if kind == "ip":
        _, rel, frame, sa, da, src, dst, ipck, l4ck = t
        b = bytearray(frame)
        width = len(src)
        b[sa:sa + width], b[da:da + width] = cp.map(src), cp.map(dst)
        old, new = cp.sums(src, dst)
        if ipck is not None:
            struct.pack_into("!H", b, ipck, adjust(struct.unpack_from("!H", frame, ipck)[0], old, new))
        if l4ck is not None and l4ck + 2 <= len(b):
            c = adjust(struct.unpack_from("!H", frame, l4ck)[0], old, new)
            struct.pack_into("!H", b, l4ck, c if c != 0 or width == 16 else 0xFFFF)
        return [(rel, bytes(b))]
    return render_sip(t, cp)


def render_sip(t, cp):
    _, times, eth, iphdr, udphdr, pieces, frag_sizes, src, dst = t
    text = b"".join(p if isinstance(p, bytes) else
                    (b".".join(b"%d" % o for o in cp.map(p[1])) if p[0] == "addr" else p[1] + cp.suffix)
                    for p in pieces)
    text = fix_content_length(text)
    new_src, new_dst = cp.map(src), cp.map(dst)
    udp = bytearray(udphdr)
    struct.pack_into("!HH", udp, 4, 8 + len(text), 0)
    pseudo = new_src + new_dst + struct.pack("!BBH", 0, UDP, 8 + len(text))
    c = checksum(pseudo + bytes(udp) + text)
    struct.pack_into("!H", udp, 6, c or 0xFFFF)
    datagram = bytes(udp) + text
    # The same fragment boundaries as the source (multiples of 8), the last one takes the rest.
    cuts, pos = [], 0
    for size in frag_sizes:
        if pos + size >= len(datagram):
            break
        cuts.append((pos, pos + size))
        pos += size
    cuts.append((pos, len(datagram)))
    frames = []
    for i, (a, b_) in enumerate(cuts):
        ip = bytearray(iphdr)
        ip[12:16], ip[16:20] = new_src, new_dst
        more = 0x2000 if i + 1 < len(cuts) else 0
        flags = struct.unpack_from("!H", iphdr, 6)[0] & 0x4000  # keep DF
        struct.pack_into("!H", ip, 6, flags | more | (a // 8))
        struct.pack_into("!H", ip, 2, len(ip) + b_ - a)
        struct.pack_into("!H", ip, 10, 0)
        struct.pack_into("!H", ip, 10, checksum(bytes(ip)))
        frames.append((times[min(i, len(times) - 1)], eth + bytes(ip) + datagram[a:b_]))
    return frames


def fix_content_length(text):
    """Content-Length states the body as it now is (RFC 3261 §20.14)."""
    lines = list(CONTENT_LENGTH_LINE.finditer(text))
    sep = text.find(b"\r\n\r\n")
    if len(lines) != 1 or sep < 0 or lines[0].start() > sep:
        return text
    m = lines[0]
    body = len(text) - (sep + 4)
    return text[:m.start(3)] + b"%d" % body + text[m.end(3):]


def copy_frames(templates, cp, start_us):
    for t in templates:
        for rel, frame in render(t, cp):
            yield start_us + rel, frame


def parse_size(s):
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
             "kb": 10 ** 3, "mb": 10 ** 6, "gb": 10 ** 9}
    m = re.fullmatch(r"\s*([\d.]+)\s*([a-zA-Z]*)\s*", s)
    if not m or (m.group(2) and m.group(2).lower() not in units):
        raise argparse.ArgumentTypeError(f"size like 256MiB or 1GiB, not {s!r}")
    return int(float(m.group(1)) * units.get(m.group(2).lower(), 1))


def make(shared, out_path, size, spacing_s, captures=CAPTURES, log=sys.stderr):
    plan = AddressPlan()
    sources = []
    for c in captures:
        records = read_pcap(os.path.join(shared, c))
        sources.append(build_templates(records, plan))
    # Bytes one copy adds (record headers included), from copy 0's rendering.
    probe = Copy(plan, 0)
    per_copy = sum(16 + len(f) for src in sources for t in src for _, f in render(t, probe))
    copies = max(1, -(-(size - 24) // per_copy))
    base_us = 1_767_225_600 * 1_000_000  # 2026-01-01T00:00:00Z, the first copy's start
    spacing_us = int(spacing_s * 1_000_000)
    heap, seq, packets, written = [], 0, 0, 24
    rec = struct.Struct("<IIII")
    next_copy = 0
    with open(out_path, "wb", buffering=0) as raw, io.BufferedWriter(raw, 8 << 20) as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, SNAPLEN, LINKTYPE_ETHERNET))
        while heap or next_copy < copies:
            # A copy joins once the output reaches its start time: the heap holds a few copies only.
            while next_copy < copies and (not heap or heap[0][0] >= base_us + next_copy * spacing_us):
                for s, src in enumerate(sources):
                    # Each capture of a copy gets its own hosts: two sources that share
                    # addresses (one lab's calls) would otherwise merge their flows.
                    cp = Copy(plan, next_copy * len(sources) + s)
                    it = copy_frames(src, cp, base_us + next_copy * spacing_us)
                    first = next(it, None)
                    if first is not None:
                        heapq.heappush(heap, (first[0], seq, first[1], it))
                        seq += 1
                next_copy += 1
                if next_copy % 50 == 0:
                    print(f"  copy {next_copy}/{copies}, {written / 2**20:.0f} MiB", file=log)
            ts, _, frame, it = heap[0]
            out.write(rec.pack(ts // 1_000_000, ts % 1_000_000, len(frame), len(frame)))
            out.write(frame)
            packets += 1
            written += 16 + len(frame)
            nxt = next(it, None)
            if nxt is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (nxt[0], seq, nxt[1], it))
                seq += 1
    return {"bytes": written, "packets": packets, "copies": copies, "captures": len(captures),
            "duration_s": (spacing_us * (copies - 1)) / 1e6}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", required=True, help="the shared folder holding corpus/public")
    ap.add_argument("--out", required=True, help="capture to write (a temporary path: never commit it)")
    ap.add_argument("--size", type=parse_size, default=parse_size("1GiB"), help="at least this many bytes")
    ap.add_argument("--spacing", type=float, default=30.0, help="seconds between the starts of two copies")
    args = ap.parse_args()
    r = make(args.shared, args.out, args.size, args.spacing)
    print(f"{args.out}: {r['bytes'] / 2**20:.1f} MiB, {r['packets']} packets, {r['copies']} copies of "
          f"{r['captures']} captures, copies start {args.spacing:g} s apart")


if __name__ == "__main__":
    main()
