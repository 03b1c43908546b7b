#!/usr/bin/python3
"""One WebRTC audio call between two aiortc peers in this process, over loopback.

Offer and answer are exchanged in memory (no signalling server): what goes on
the wire is exactly what a browser call carries once signalled, i.e. ICE
connectivity checks (STUN binding requests and responses), the DTLS handshake
with use_srtp, then SRTP audio. The caller sends a sine tone encoded by the
negotiated codec for --seconds; the callee plays nothing, it only answers.

Prints one JSON object on stdout: the two ICE ends of the selected pair (the
media 5-tuple), the DTLS fingerprints each side signalled, and the codec.

Needs Debian's python3-aiortc, so run it with /usr/bin/python3.
"""
import argparse
import asyncio
import fractions
import json
import math

import aioice.ice
import av
from aiortc import MediaStreamTrack, RTCPeerConnection

SAMPLE_RATE = 48000
FRAME_SAMPLES = 960  # 20 ms


def loopback_only(use_ipv4, use_ipv6):
    # aioice leaves 127.0.0.1 out of its host candidates; the lab wants the
    # call on lo and nowhere else, so the only candidate is the loopback one.
    return ["127.0.0.1"] if use_ipv4 else []


class SineTrack(MediaStreamTrack):
    """A 440 Hz tone in 20 ms frames, paced in real time."""

    kind = "audio"

    def __init__(self):
        super().__init__()
        self._pts = 0
        self._start = None

    async def recv(self):
        loop = asyncio.get_running_loop()
        if self._start is None:
            self._start = loop.time()
        due = self._start + self._pts / SAMPLE_RATE
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        samples = bytearray()
        for i in range(FRAME_SAMPLES):
            value = int(8000 * math.sin(2 * math.pi * 440 * (self._pts + i) / SAMPLE_RATE))
            samples += value.to_bytes(2, "little", signed=True)
        frame = av.AudioFrame(format="s16", layout="mono", samples=FRAME_SAMPLES)
        frame.planes[0].update(bytes(samples))
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, SAMPLE_RATE)
        self._pts += FRAME_SAMPLES
        return frame


def attribute(sdp, name):
    """Values of every a=<name>: line of an SDP."""
    prefix = f"a={name}:"
    return [line[len(prefix):].strip() for line in sdp.splitlines() if line.startswith(prefix)]


def host_candidate(sdp):
    """The one UDP host candidate (address, port): loopback_only leaves no other."""
    for c in attribute(sdp, "candidate"):
        f = c.split()
        if len(f) >= 8 and f[2].lower() == "udp" and f[7] == "host":
            return [f[4], int(f[5])]
    return None


def codec(sdp):
    """Name of the first payload type of the audio m-line, from its a=rtpmap."""
    for line in sdp.splitlines():
        if line.startswith("m=audio"):
            pt = line.split()[3]
            for m in attribute(sdp, "rtpmap"):
                if m.split()[0] == pt:
                    return m.split()[1]
    return None


async def drain(track):
    try:
        while True:
            await track.recv()
    except Exception:  # the track ends when the call closes
        pass


async def call(seconds):
    caller = RTCPeerConnection()
    callee = RTCPeerConnection()
    drains = []

    @callee.on("track")
    def on_track(track):
        drains.append(asyncio.ensure_future(drain(track)))

    caller.addTrack(SineTrack())
    await caller.setLocalDescription(await caller.createOffer())
    await callee.setRemoteDescription(caller.localDescription)
    await callee.setLocalDescription(await callee.createAnswer())
    await caller.setRemoteDescription(callee.localDescription)

    for _ in range(100):
        if caller.connectionState == "connected" and callee.connectionState == "connected":
            break
        await asyncio.sleep(0.1)
    if caller.connectionState != "connected":
        await caller.close()
        await callee.close()
        raise SystemExit(f"WebRTC call did not connect: {caller.connectionState}")
    await asyncio.sleep(seconds)

    offer, answer = caller.localDescription.sdp, callee.localDescription.sdp
    result = {
        "caller": host_candidate(offer),
        "callee": host_candidate(answer),
        "caller_fingerprint": attribute(offer, "fingerprint"),
        "callee_fingerprint": attribute(answer, "fingerprint"),
        "codec": codec(answer),
    }
    await caller.close()
    await callee.close()
    for d in drains:
        d.cancel()
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=4.0)
    args = ap.parse_args()
    aioice.ice.get_host_addresses = loopback_only
    print(json.dumps(asyncio.run(call(args.seconds))))


if __name__ == "__main__":
    main()
