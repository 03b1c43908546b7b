#!/usr/bin/env python3
"""Record real media calls on loopback, one capture per scenario.

  sipp_rtp.pcap        sipp (tests/lab/media/sipp/uac_rtp_g711a.xml) -> sipp -sn uas -rtp_echo
                       SIP over UDP, SDP RTP/AVP, G.711 A-law RTP both ways
                       (sip 46060/46061, media 46070/46080)
  baresip_sdes.pcap    baresip -> baresip, SIP over UDP, mediaenc srtp-mand:
                       SDP RTP/SAVP with a=crypto (SDES key in clear), SRTP opus
                       (sip 46100/46110, rtp 46200-46299)
  baresip_tls.pcap     baresip -> baresip, SIP over TLS (throwaway self-signed
                       certificates), mediaenc srtp-mand: the SDP and its keys
                       are inside the TLS, SRTP opus on the wire
                       (sip 46120/46130, TLS 46121/46131, rtp 46300-46399)
  webrtc_dtls.pcap     webrtc_call.py: two aiortc peers, ICE (STUN binding) on
                       loopback host candidates, DTLS-SRTP, SRTP opus; ports are
                       the kernel's, so the capture is cut to the call's 5-tuple
                       (written to webrtc.json with the signalled fingerprints)

baresip (1.0.0) runs without a sound card: the source is module ausine (a
440 Hz tone; 48 kHz only, hence opus), the player is an aubridge device that
nobody reads. Each baresip has its own config folder; the caller dials with
`-e /dial ...` (module menu) and hangs up when `-t` ends it; the callee
answers by itself (answermode=auto).

Usage: make_media_captures.py OUT_DIR    (root: tcpdump on lo)
Exits non-zero with one line naming what failed. Never prints SDES keys.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PY = "/usr/bin/python3"  # Debian's python, where python3-aiortc installs
G711A_PCAP = "/usr/share/sip-tester/g711a.pcap"
BARESIP_MODULES = "/usr/lib/baresip/modules"
# Modules the baresip configuration below loads.
BARESIP_NEEDS = ("opus.so", "ausine.so", "aubridge.so", "srtp.so", "account.so", "menu.so")

SIPP_UAS, SIPP_UAC, SIPP_UAS_MEDIA, SIPP_UAC_MEDIA = 46060, 46061, 46070, 46080
# baresip listens for UDP/TCP on its sip_listen port and for TLS on the next one.
SDES_CALLER, SDES_CALLEE = dict(sip=46100, rtp="46200-46249"), dict(sip=46110, rtp="46250-46299")
TLS_CALLER, TLS_CALLEE = dict(sip=46120, rtp="46300-46349"), dict(sip=46130, rtp="46350-46399")
CALL_SECONDS = 6  # caller's run time: the call lasts about this long
WEBRTC_SECONDS = 5


def die(msg):
    sys.exit(f"[make_media_captures] ERROR: {msg}")


def log(msg):
    print(f"[make_media_captures] {msg}", file=sys.stderr)


class Background:
    """Processes this script started; stopped by their own pid, even on failure."""

    def __init__(self):
        self.procs = []

    def start(self, args, log_path, **kw):
        p = subprocess.Popen(args, stdout=open(log_path, "wb"), stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, **kw)
        self.procs.append(p)
        return p

    def stop(self, p, sig=signal.SIGTERM):
        if p.poll() is None:
            p.send_signal(sig)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def stop_all(self):
        for p in reversed(self.procs):
            self.stop(p)


def wait_for_text(path, text, proc, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        with open(path, "rb") as f:
            if text.encode() in f.read():
                return
        if proc.poll() is not None:
            die(f"{os.path.basename(path)}: the program exited before printing '{text}'")
        time.sleep(0.1)
    die(f"{os.path.basename(path)}: no '{text}' after {seconds} s")


class Capture:
    """tcpdump on lo for the duration of a with-block."""

    def __init__(self, bg, path, bpf, log_dir):
        self.bg, self.path, self.bpf, self.log_dir = bg, path, bpf, log_dir

    def __enter__(self):
        log_path = os.path.join(self.log_dir, os.path.basename(self.path) + ".tcpdump.log")
        # -Z root: Debian's tcpdump otherwise drops to a user that may not write here.
        self.proc = self.bg.start(["tcpdump", "-i", "lo", "-n", "-U", "--immediate-mode", "-s", "0", "-Z", "root",
                                   "-w", self.path, self.bpf], log_path)
        wait_for_text(log_path, "listening on", self.proc)
        return self

    def __exit__(self, *exc):
        time.sleep(0.5)  # let the last packets reach the file
        self.bg.stop(self.proc, signal.SIGINT)


def missing_tools():
    """What this lab needs and cannot find, one entry each (besides root)."""
    missing = [t for t in ("tcpdump", "tshark", "sipp", "baresip", "openssl") if shutil.which(t) is None]
    if not os.path.isfile(G711A_PCAP):
        missing.append(G711A_PCAP + " (sip-tester)")
    if shutil.which("baresip"):
        missing += [f"{BARESIP_MODULES}/{m} (baresip)" for m in BARESIP_NEEDS
                    if not os.path.isfile(os.path.join(BARESIP_MODULES, m))]
    if subprocess.run([SYSTEM_PY, "-c", "import aiortc"], capture_output=True).returncode != 0:
        missing.append("python3-aiortc")
    return missing


def check_tools():
    missing = missing_tools()
    if missing:
        die("missing: " + ", ".join(missing) + " (.ci/install-deps test installs them)")
    if os.geteuid() != 0:
        die("must run as root (tcpdump on lo)")


# ---------------------------------------------------------------- a. SIPp + RTP

def sipp_rtp(out, tmp, bg):
    cap = os.path.join(out, "sipp_rtp.pcap")
    with Capture(bg, cap, f"udp portrange {SIPP_UAS}-{SIPP_UAC_MEDIA + 3}", tmp):
        uas = bg.start(["sipp", "-sn", "uas", "-rtp_echo", "-i", "127.0.0.1", "-p", str(SIPP_UAS),
                        "-mp", str(SIPP_UAS_MEDIA), "-m", "1", "-nostdin"], os.path.join(tmp, "sipp_uas.log"))
        time.sleep(0.5)
        uac = subprocess.run(["sipp", f"127.0.0.1:{SIPP_UAS}", "-sf", os.path.join(HERE, "sipp", "uac_rtp_g711a.xml"),
                              "-i", "127.0.0.1", "-p", str(SIPP_UAC), "-mp", str(SIPP_UAC_MEDIA), "-m", "1",
                              "-nostdin", "-timeout", "30s", "-timeout_error"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             timeout=60, cwd=tmp)
        bg.stop(uas)
    if uac.returncode != 0:
        die(f"sipp uac call failed ({uac.returncode}): {uac.stderr.decode(errors='replace')[-300:]}")
    return cap


# ---------------------------------------------------------------- b./c. baresip

def baresip_config(folder, ua, user, transport, cert):
    os.makedirs(folder)
    lines = [
        "poll_method epoll",
        "net_interface 127.0.0.1",
        f"sip_listen 127.0.0.1:{ua['sip']}",
        f"sip_certificate {cert}",
        "audio_source ausine,440",
        "audio_player aubridge,nowhere",
        "audio_alert aubridge,nowhere",
        f"rtp_ports {ua['rtp']}",
        "rtcp_mux no",
        f"module_path {BARESIP_MODULES}",
        "module opus.so",
        "module ausine.so",
        "module aubridge.so",
        "module srtp.so",
        "module_tmp account.so",
        "module_app menu.so",
    ]
    with open(os.path.join(folder, "config"), "w") as f:
        f.write("\n".join(lines) + "\n")
    uri = f"sip:{user}@127.0.0.1:{ua['sip']}" + (";transport=tls" if transport == "tls" else "")
    with open(os.path.join(folder, "accounts"), "w") as f:
        f.write(f"<{uri}>;regint=0;answermode=auto;mediaenc=srtp-mand;audio_codecs=opus\n")


def self_signed(folder, cn):
    key, crt, pem = (os.path.join(folder, n) for n in (f"{cn}.key", f"{cn}.crt", f"{cn}.pem"))
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
                    "-days", "2", "-subj", f"/CN={cn}"], check=True, capture_output=True, timeout=60)
    with open(pem, "wb") as f:
        f.write(open(crt, "rb").read() + open(key, "rb").read())
    return pem


def baresip_call(out, tmp, bg, name, caller, callee, transport):
    cap = os.path.join(out, f"{name}.pcap")
    work = os.path.join(tmp, name)
    os.makedirs(work)
    cert = self_signed(work, f"{name}.lab.test")
    baresip_config(os.path.join(work, "caller"), caller, "alice", transport, cert)
    baresip_config(os.path.join(work, "callee"), callee, "bob", transport, cert)
    port = callee["sip"] + (1 if transport == "tls" else 0)
    target = f"sip:bob@127.0.0.1:{port}" + (";transport=tls" if transport == "tls" else "")
    bpf = (f"(udp or tcp) and (portrange {caller['sip']}-{caller['sip'] + 1} or "
           f"portrange {callee['sip']}-{callee['sip'] + 1} or portrange {caller['rtp']} or portrange {callee['rtp']})")
    callee_log, caller_log = os.path.join(work, "callee.log"), os.path.join(work, "caller.log")
    with Capture(bg, cap, bpf, work):
        b = bg.start(["baresip", "-f", os.path.join(work, "callee"), "-t", str(CALL_SECONDS + 4)], callee_log)
        wait_for_text(callee_log, "baresip is ready.", b)
        a = bg.start(["baresip", "-f", os.path.join(work, "caller"), "-t", str(CALL_SECONDS), "-e", f"/dial {target}"],
                     caller_log)
        try:
            a.wait(CALL_SECONDS + 10)
        except subprocess.TimeoutExpired:
            die(f"{name}: the calling baresip did not stop by itself")
        bg.stop(b)
    with open(caller_log, "rb") as f:
        text = f.read().decode(errors="replace")
    if "Call established" not in text:
        die(f"{name}: baresip did not establish the call (see {caller_log})")
    if "SRTP is Enabled" not in open(callee_log, "rb").read().decode(errors="replace"):
        die(f"{name}: the answering baresip did not enable SRTP (see {callee_log})")
    return cap


# ---------------------------------------------------------------- d. WebRTC

def webrtc_call(out, tmp, bg):
    raw = os.path.join(tmp, "webrtc_raw.pcap")
    with Capture(bg, raw, "udp and src host 127.0.0.1 and dst host 127.0.0.1", tmp):
        r = subprocess.run([SYSTEM_PY, os.path.join(HERE, "webrtc_call.py"), "--seconds", str(WEBRTC_SECONDS)],
                           capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        die(f"webrtc_call.py failed ({r.returncode}): {r.stderr[-400:]}")
    call = json.loads(r.stdout)
    if not call.get("caller") or not call.get("callee"):
        die(f"webrtc_call.py named no ICE candidates: {r.stdout[:300]}")
    # The kernel chose the ports: keep only this call's packets, whoever else used lo.
    cap = os.path.join(out, "webrtc_dtls.pcap")
    (_, p1), (_, p2) = call["caller"], call["callee"]
    subprocess.run(["tcpdump", "-Z", "root", "-r", raw, "-w", cap, f"udp and port {p1} and port {p2}"],
                   check=True, capture_output=True, timeout=60)
    with open(os.path.join(out, "webrtc.json"), "w") as f:
        json.dump(call, f, indent=1)
    return cap


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUT_DIR")
    out = os.path.abspath(sys.argv[1])
    check_tools()
    os.makedirs(out, exist_ok=True)
    bg = Background()
    tmp = tempfile.mkdtemp(prefix="vca-media-lab-")
    try:
        log("a. sipp call with G.711 RTP")
        sipp_rtp(out, tmp, bg)
        log("b. baresip call, SIP/UDP, SDES-SRTP")
        baresip_call(out, tmp, bg, "baresip_sdes", SDES_CALLER, SDES_CALLEE, "udp")
        log("c. baresip call, SIP/TLS, SRTP")
        baresip_call(out, tmp, bg, "baresip_tls", TLS_CALLER, TLS_CALLEE, "tls")
        log("d. aiortc WebRTC call, ICE + DTLS-SRTP")
        webrtc_call(out, tmp, bg)
    finally:
        bg.stop_all()
        if os.environ.get("VCA_LAB_KEEP_TMP"):
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
