#!/usr/bin/env python3
"""Content lab: real programs on loopback carry marked documents, tcpdump
records them, and `vcaudit audit --yara` must find each marking in the right
flow and direction, carve the exact bytes that were sent, and fail
VC-LEAK-001; a clean upload must match nothing. Expected values come from
the files sent and from tshark on the same capture, never from vcaudit.

  curl -> upload_server.py (HTTP, tcp/18281): multipart POST and PUT of a
          "TỐI MẬT" decision, multipart POST of clean prose, and a download
          sent gzip-encoded in chunks of a "TUYỆT MẬT" stamp
  curl -> ftp_server.py (pyftpdlib, tcp/12221, passive 12231-12240): STOR of
          a "MẬT" label, RETR of a "KHÔNG PHỔ BIẾN" line
  sipp -> sipp (UDP 15170 -> 15171): a SIP MESSAGE whose body is a "TỐI MẬT" label
Then `vcaudit audit --files DIR` over a folder with one marked and one clean file.

Usage: run_content_lab.py --vcaudit BIN --work DIR   (root: tcpdump on lo)
Exit 77 (skipped) only outside CI when a program is missing.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.abspath(os.path.join(HERE, "..", ".."))
SAMPLES = os.path.join(PROJECT, "rules", "yara", "samples")
HTTP_PORT, FTP_PORT, SIP_UAC_PORT, SIP_UAS_PORT = 18281, 12221, 15170, 15171
FTP_USER, FTP_PASSWORD = "contentlab", "lab-Wq8Xm3Kz7Rt2"  # throwaway account of this lab only
SYSTEM_PY = "/usr/bin/python3"  # Debian's python, where python3-pyftpdlib installs
SKIP = 77

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def sample(rel):
    return os.path.join(SAMPLES, rel)


def need_tools():
    missing = [t for t in ("tcpdump", "tshark", "curl", "sipp") if shutil.which(t) is None]
    if subprocess.run([SYSTEM_PY, "-c", "import pyftpdlib"], capture_output=True).returncode != 0:
        missing.append("python3-pyftpdlib")
    if os.geteuid() != 0:
        missing.append("root (tcpdump on lo)")
    if missing:
        msg = "missing: " + ", ".join(missing) + " (.ci/install-deps test installs them)"
        if os.environ.get("CI"):
            print("FAIL " + msg)
            sys.exit(1)
        print("SKIP " + msg)
        sys.exit(SKIP)


def wait_port(proto, port, proc, seconds=10):
    flag = "-ltn" if proto == "tcp" else "-lun"
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server for {proto}/{port} exited early")
        out = subprocess.run(["ss", flag, f"sport = :{port}"], capture_output=True, text=True).stdout
        if f":{port}" in out:
            return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on {proto}/{port} after {seconds} s")


class Background:
    """Processes this script started; stopped by their own pid at the end."""

    def __init__(self):
        self.procs = []

    def start(self, args, log):
        p = subprocess.Popen(args, stdout=open(log, "wb"), stderr=subprocess.STDOUT)
        self.procs.append(p)
        return p

    def stop(self, p):
        if p.poll() is None:
            p.send_signal(signal.SIGINT if os.path.basename(p.args[0]) == "tcpdump" else signal.SIGTERM)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def stop_all(self):
        for p in reversed(self.procs):
            self.stop(p)


def run(args, **kw):
    return subprocess.run(args, check=True, timeout=60, **kw)


def make_traffic(work, bg):
    files = {
        "marked_upload": sample("must-match/vn_marking_toi_mat/decision_nfc.txt"),
        "clean_upload": sample("must-not-match/prose_nfc.txt"),
        "marked_download": sample("must-match/vn_marking_tuyet_mat/stamp_nfc.txt"),
        "ftp_stor": sample("must-match/vn_marking_mat/label_nfc.txt"),
        "ftp_retr": sample("must-match/vn_marking_khong_pho_bien/line_nfc.txt"),
        "sip_body": sample("must-match/vn_marking_toi_mat/label_nfc.txt"),
    }
    srv, ftproot = os.path.join(work, "http_root"), os.path.join(work, "ftp_root")
    os.makedirs(srv)
    os.makedirs(ftproot)
    shutil.copy(files["marked_download"], os.path.join(srv, "stamp.txt"))
    shutil.copy(files["ftp_retr"], os.path.join(ftproot, "notice.txt"))
    body = open(files["sip_body"], encoding="utf-8").read().rstrip("\n")
    with open(os.path.join(HERE, "sipp", "uac_message.xml.in"), encoding="utf-8") as f:
        uac = f.read().replace("@BODY@", body)
    with open(os.path.join(work, "uac_message.xml"), "w", encoding="utf-8") as f:
        f.write(uac)

    cap = os.path.join(work, "content.pcap")
    flt = (f"tcp port {HTTP_PORT} or tcp portrange {FTP_PORT}-{FTP_PORT + 19} or "
           f"udp port {SIP_UAC_PORT} or udp port {SIP_UAS_PORT}")
    dump = bg.start(["tcpdump", "-i", "lo", "-n", "-U", "--immediate-mode", "-B", "32768", "-s", "0", "-Z", "root",
                     "-w", cap, flt],
                    os.path.join(work, "tcpdump.log"))
    http = bg.start([sys.executable, os.path.join(HERE, "upload_server.py"), str(HTTP_PORT), srv],
                    os.path.join(work, "http.log"))
    ftp = bg.start([SYSTEM_PY, os.path.join(HERE, "ftp_server.py"), str(FTP_PORT), ftproot, FTP_USER, FTP_PASSWORD],
                   os.path.join(work, "ftp.log"))
    uas = bg.start(["sipp", "-sf", os.path.join(HERE, "sipp", "uas_message.xml"), "-i", "127.0.0.1", "-p",
                    str(SIP_UAS_PORT), "-m", "1", "-nostdin"], os.path.join(work, "sipp_uas.log"))
    wait_port("tcp", HTTP_PORT, http)
    wait_port("tcp", FTP_PORT, ftp)
    wait_port("udp", SIP_UAS_PORT, uas)
    time.sleep(1.0)  # tcpdump is capturing once the servers are up; give it a moment more

    base = f"http://127.0.0.1:{HTTP_PORT}"
    work_copy = os.path.join(work, "upload.txt")  # curl names the part after the file
    shutil.copy(files["marked_upload"], work_copy)
    run(["curl", "-sS", "--max-time", "15", "-F", f"doc=@{work_copy};type=text/plain", f"{base}/upload", "-o", os.devnull])
    run(["curl", "-sS", "--max-time", "15", "-T", work_copy, f"{base}/put/upload.txt", "-o", os.devnull])
    clean_copy = os.path.join(work, "minutes.txt")
    shutil.copy(files["clean_upload"], clean_copy)
    run(["curl", "-sS", "--max-time", "15", "-F", f"doc=@{clean_copy}", f"{base}/upload", "-o", os.devnull])
    got = os.path.join(work, "downloaded.txt")
    run(["curl", "-sS", "--max-time", "15", "--compressed", f"{base}/gzip/stamp.txt", "-o", got])
    check(sha256_of(got) == sha256_of(files["marked_download"]), "curl decoded the gzip/chunked download intact")

    ftp_url = f"ftp://{FTP_USER}:{FTP_PASSWORD}@127.0.0.1:{FTP_PORT}"
    run(["curl", "-sS", "--max-time", "15", "-T", files["ftp_stor"], f"{ftp_url}/label.txt"])
    ftp_got = os.path.join(work, "ftp_notice.txt")
    run(["curl", "-sS", "--max-time", "15", f"{ftp_url}/notice.txt", "-o", ftp_got])
    check(sha256_of(os.path.join(ftproot, "label.txt")) == sha256_of(files["ftp_stor"]), "FTP STOR stored the file intact")
    check(sha256_of(ftp_got) == sha256_of(files["ftp_retr"]), "FTP RETR fetched the file intact")

    run(["sipp", f"127.0.0.1:{SIP_UAS_PORT}", "-sf", os.path.join(work, "uac_message.xml"), "-i", "127.0.0.1",
         "-p", str(SIP_UAC_PORT), "-m", "1", "-s", "lab", "-timeout", "10", "-timeout_error", "-nostdin"],
        stdout=open(os.path.join(work, "sipp_uac.log"), "wb"), stderr=subprocess.STDOUT)
    time.sleep(1.0)
    for p in (uas, ftp, http, dump):
        bg.stop(p)
    return cap, files


def dropped_by_kernel(work):
    """Packets tcpdump says the kernel dropped (lo is shared with other captures on a busy machine)."""
    m = re.search(r"(\d+) packets? dropped by kernel", open(os.path.join(work, "tcpdump.log"), errors="replace").read())
    return int(m.group(1)) if m else 0


def tshark(cap, display, fields, decode=()):
    args = ["tshark", "-n", "-r", cap]
    for d in decode:
        args += ["-d", d]
    args += ["-Y", display, "-T", "fields", "-E", "separator=\t"]
    for f in fields:
        args += ["-e", f]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line.strip()]


def stream_span(cap, proto, stream):
    rows = tshark(cap, f"{proto}.stream == {stream}", ["frame.time_epoch", "ip.src", f"{proto}.srcport", "ip.dst",
                                                      f"{proto}.dstport"])
    times = [float(r[0]) for r in rows]
    ends = {(rows[0][1], int(rows[0][2])), (rows[0][3], int(rows[0][4]))}
    return min(times), max(times), ends


def audit(vcaudit, args, out):
    r = subprocess.run([vcaudit, "audit", "--level", "3", "--out", out] + args, capture_output=True, text=True)
    if r.returncode not in (0, 1, 3):
        print(r.stdout + r.stderr)
        raise SystemExit(f"vcaudit audit exited {r.returncode}")
    return sqlite3.connect(os.path.join(out, "evidence.db"))


def check_object(db, out, cap, label, sha, scope, direction, tshark_stream, proto, sender, verb):
    """One object: recorded, in the flow tshark sees, sent the right way, carved as sent."""
    rows = db.execute("SELECT o.flow_id, o.direction, o.ts, o.name, o.complete, o.carved_path, f.src_ip, f.src_port, "
                      "f.dst_ip, f.dst_port FROM content_objects o JOIN flows f USING (flow_id) "
                      "WHERE o.object_sha256 = ? AND o.scope = ? AND o.name LIKE ?", (sha, scope, verb + " %")).fetchall()
    check(len(rows) >= 1, f"{label}: content_objects has the {scope} with the SHA-256 of the file sent")
    if not rows:
        return None
    flow_id, d, ts, name, complete, carved, sip, sport, dip, dport = rows[0]
    t0, t1, ends = stream_span(cap, proto, tshark_stream)
    check({(sip, sport), (dip, dport)} == ends, f"{label}: flow {flow_id} is tshark's {proto}.stream {tshark_stream} {sorted(ends)}")
    check(d == direction, f"{label}: direction {d} (expected {direction})")
    sent_from = (sip, sport) if d == "to_server" else (dip, dport)
    check(sent_from == sender, f"{label}: sent from {sent_from}, as tshark shows {sender}")
    check(t0 <= ts <= t1, f"{label}: time {ts:.6f} within the flow [{t0:.6f}, {t1:.6f}]")
    check(complete == 1, f"{label}: complete")
    if scope != "tcp_stream":
        check(carved == f"carved/{sha}", f"{label}: carved as carved/<sha256>")
        path = os.path.join(out, carved or "missing")
        check(os.path.isfile(path) and sha256_of(path) == sha, f"{label}: carved bytes hash to the file's SHA-256")
        if os.path.isfile(path + ".json"):
            meta = json.load(open(path + ".json", encoding="utf-8"))
            # Carved once per hash: the metadata names the first flow that carried these bytes.
            flows = {f for (f,) in db.execute("SELECT flow_id FROM content_objects WHERE object_sha256 = ?", (sha,))}
            check(meta.get("sha256") == sha and meta.get("flow_id") in flows and meta.get("size") == os.path.getsize(path),
                  f"{label}: carved metadata names the hash, a flow that carried it, and the size")
        check(oct(os.stat(path).st_mode & 0o777) == "0o444" if os.path.isfile(path) else False,
              f"{label}: carved file is read-only")
    return flow_id


def investigate_lab(vcaudit, cap, work, sha):
    """vcaudit investigate over the same capture, with a site whose allowed
    networks do not hold loopback: every marked transfer is then a path out."""
    site = os.path.join(work, "site.yaml")
    with open(site, "w") as f:
        f.write("name: lab\nlevel: 3\nregime: legacy\nallowed_networks: [10.0.0.0/8]\n")
    out = os.path.join(work, "investigate")
    r = subprocess.run([vcaudit, "investigate", "--pcap", cap, "--site", site, "--out", out],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"vcaudit investigate ran (exit {r.returncode}) {r.stderr.strip()[-300:]}")
    if r.returncode != 0:
        return
    db = sqlite3.connect(f"file:{os.path.join(out, 'evidence.db')}?mode=ro", uri=True)
    marked_flows = {f for (f,) in db.execute(
        "SELECT DISTINCT flow_id FROM content_matches WHERE flow_id IS NOT NULL AND "
        "',' || tags || ',' LIKE '%,classification,%'")}
    db.close()
    exf = json.load(open(os.path.join(out, "exfiltration.json")))
    content_paths = [p for p in exf["paths"] if p["kind"] == "content_outside"]
    path_flows = {f for p in content_paths for f in p["flow_ids"]}
    check(marked_flows and marked_flows <= path_flows,
          f"investigate: every flow carrying a marking to outside is a content_outside path ({sorted(marked_flows)})")
    timeline = json.load(open(os.path.join(out, "timeline.json")))
    text = json.dumps(timeline["events"])
    check(all(sha[k] in text for k in ("marked_upload", "ftp_stor")),
          "investigate: the timeline names the marked upload and the FTP STOR by SHA-256")
    # The evidence extract holds exactly the flows exfiltration.json names.
    named = {(f["transport"], tuple(sorted([(f["src_ip"], f["src_port"]), (f["dst_ip"], f["dst_port"])])))
             for f in exf["evidence_flows"]}
    extract = os.path.join(out, "evidence-extract.pcap")
    seen = set()
    for proto in ("tcp", "udp"):
        rows = subprocess.run(["tshark", "-r", extract, "-T", "fields", "-e", "ip.src", "-e", f"{proto}.srcport",
                               "-e", "ip.dst", "-e", f"{proto}.dstport", "-Y", proto], capture_output=True,
                              text=True).stdout.split("\n")
        for row in rows:
            p = row.split("\t")
            if len(p) == 4 and all(p):
                seen.add((proto, tuple(sorted([(p[0], int(p[1])), (p[2], int(p[3]))]))))
    check(seen == named, f"investigate: tshark finds exactly the {len(named)} named flows in the extract ({len(seen)})")
    r = subprocess.run([vcaudit, "verify", out], capture_output=True, text=True)
    check(r.returncode == 0 and "evidence-extract.pcap" in r.stdout, "investigate: vcaudit verify covers the extract")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--shared", help="shared folder: media and TLS captures of the corpus must give no object")
    a = ap.parse_args()
    need_tools()
    work = os.path.abspath(a.work)
    # The installation signing key of these runs lives in the work folder, never the user's home.
    os.environ["VCAUDIT_HOME"] = os.path.join(work + "-home")
    for attempt in range(1, 4):
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        bg = Background()
        try:
            cap, files = make_traffic(work, bg)
        finally:
            bg.stop_all()
        lost = dropped_by_kernel(work)
        if lost == 0:
            break
        print(f"note: tcpdump lost {lost} packet(s) on attempt {attempt}; recording again")
    check(lost == 0, "the capture is whole (tcpdump dropped nothing)")

    out = os.path.join(work, "audit")
    db = audit(a.vcaudit, ["--pcap", cap, "--yara"], out)
    sha = {k: sha256_of(v) for k, v in files.items()}

    # HTTP: the request frames as tshark decodes them.
    http_decode = [f"tcp.port=={HTTP_PORT},http"]
    requests = tshark(cap, "http.request", ["tcp.stream", "http.request.method", "http.request.uri", "ip.src",
                                             "tcp.srcport"], http_decode)
    posts = [r for r in requests if r[1] == "POST"]
    puts = [r for r in requests if r[1] == "PUT"]
    gets = [r for r in requests if r[1] == "GET"]
    check(len(posts) == 2 and len(puts) == 1 and len(gets) == 1, "tshark sees 2 POST, 1 PUT, 1 GET")
    if len(posts) == 2 and puts and gets:
        client = lambda r: (r[3], int(r[4]))
        server = ("127.0.0.1", HTTP_PORT)
        check_object(db, out, cap, "multipart POST", sha["marked_upload"], "http_body", "to_server", posts[0][0], "tcp",
                     client(posts[0]), "POST")
        check_object(db, out, cap, "PUT", sha["marked_upload"], "http_body", "to_server", puts[0][0], "tcp",
                     client(puts[0]), "PUT")
        check_object(db, out, cap, "gzip chunked download", sha["marked_download"], "http_body", "to_client",
                     gets[0][0], "tcp", server, "GET")
        names = [n for (n,) in db.execute("SELECT name FROM content_objects WHERE scope = 'http_body'")]
        check(f"POST 127.0.0.1:{HTTP_PORT}/upload upload.txt" in names, "the upload is named by URL and file name")
        check(db.execute("SELECT count(*) FROM content_objects WHERE object_sha256 = ?",
                         (sha["clean_upload"],)).fetchone()[0] == 1, "the clean upload is an object too")

    # FTP: tshark follows the PASV replies to the data connections.
    data = tshark(cap, "ftp-data", ["tcp.stream", "ip.src", "tcp.srcport", "tcp.dstport"], [f"tcp.port=={FTP_PORT},ftp"])
    streams = []
    for r in data:
        if r[0] not in [s[0] for s in streams]:
            streams.append(r)
    check(len(streams) == 2, "tshark sees two FTP data connections")
    if len(streams) == 2:
        stor, retr = streams
        check_object(db, out, cap, "FTP STOR", sha["ftp_stor"], "ftp_file", "to_server", stor[0], "tcp",
                     (stor[1], int(stor[2])), "STOR")
        check_object(db, out, cap, "FTP RETR", sha["ftp_retr"], "ftp_file", "to_client", retr[0], "tcp",
                     (retr[1], int(retr[2])), "RETR")
        names = [n for (n,) in db.execute("SELECT name FROM content_objects WHERE scope = 'ftp_file'")]
        check(names == ["STOR label.txt", "RETR notice.txt"], f"FTP objects named by command and path: {names}")

    # SIP: the MESSAGE's body bytes as tshark sees the datagram.
    msgs = tshark(cap, 'sip.Method == "MESSAGE"', ["udp.stream", "udp.payload", "ip.src", "udp.srcport"],
                  [f"udp.port=={SIP_UAS_PORT},sip"])
    check(len(msgs) == 1, "tshark sees one SIP MESSAGE")
    if msgs:
        payload = bytes.fromhex(msgs[0][1].replace(":", ""))
        body = payload.split(b"\r\n\r\n", 1)[1]
        check(open(files["sip_body"], "rb").read().rstrip(b"\n") in body.replace(b"\r\n", b"\n"),
              "the MESSAGE body carries the sample text")
        check_object(db, out, cap, "SIP MESSAGE", hashlib.sha256(body).hexdigest(), "sip_body", "to_server",
                     msgs[0][0], "udp", (msgs[0][2], int(msgs[0][3])), "SIP MESSAGE")

    # Matches: every marked object matched its marking rule in its flow; the clean one nothing.
    expect = {"marked_upload": "vn_marking_toi_mat", "marked_download": "vn_marking_tuyet_mat",
              "ftp_stor": "vn_marking_mat", "ftp_retr": "vn_marking_khong_pho_bien"}
    for key, rule in expect.items():
        rows = db.execute("SELECT m.flow_id, m.direction, o.direction FROM content_matches m JOIN content_objects o "
                          "ON o.object_sha256 = m.object_sha256 AND o.flow_id = m.flow_id "
                          "WHERE m.object_sha256 = ? AND m.rule = ?", (sha[key], rule)).fetchall()
        check(len(rows) >= 1 and all(r[0] is not None and r[1] == r[2] for r in rows),
              f"{key}: {rule} matched in its flow and direction ({len(rows)} match(es))")
    sip_rows = db.execute("SELECT count(*) FROM content_matches WHERE scope = 'sip_body' AND rule = 'vn_marking_toi_mat'"
                          ).fetchone()[0]
    check(sip_rows == 1, "SIP MESSAGE body: vn_marking_toi_mat matched")
    check(db.execute("SELECT count(*) FROM content_matches WHERE object_sha256 = ?",
                     (sha["clean_upload"],)).fetchone()[0] == 0, "the clean upload matched no rule")
    # Expected violations: one per classification match in traffic, counted from the tags YARA reported.
    marked = db.execute("SELECT count(*) FROM content_matches WHERE flow_id IS NOT NULL AND "
                        "',' || tags || ',' LIKE '%,classification,%'").fetchone()[0]
    status = db.execute("SELECT status, violations FROM assessments WHERE rule_id = 'VC-LEAK-001'").fetchone()
    check(status is not None and status[0] == "fail" and status[1] == marked and marked >= 6,
          f"VC-LEAK-001 fails once per classification match in traffic ({status}, {marked} matches)")
    # The report lists the same matches the store holds (annex A.14 and report.json).
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        listed = json.load(f)["content_matches"]
    in_store = db.execute("SELECT rule, object_sha256 FROM content_matches").fetchall()
    check(listed["total"] == len(in_store) and
          sorted((x["rule"], x["object_sha256"]) for x in listed["listed"]) == sorted(in_store),
          f"report.json lists the {len(in_store)} content matches of the store")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        html = f.read()
    check("A.14" in html and sha["marked_upload"] in html, "report.html shows the marked upload in annex A.14")
    db.close()
    r = subprocess.run([a.vcaudit, "verify", out], capture_output=True, text=True)
    check(r.returncode == 0 and "carved/" in r.stdout, "vcaudit verify covers the carved files")

    investigate_lab(a.vcaudit, cap, work, sha)

    # Without --yara nothing is taken out of the traffic and VC-LEAK-001 is not assessed.
    db = audit(a.vcaudit, ["--pcap", cap], os.path.join(work, "audit_plain"))
    check(db.execute("SELECT count(*) FROM content_objects").fetchone()[0] == 0, "no --yara: no content objects")
    check(db.execute("SELECT status FROM assessments WHERE rule_id = 'VC-LEAK-001'").fetchone()[0] == "not_assessed",
          "no --yara: VC-LEAK-001 not assessed")
    check(not os.path.exists(os.path.join(work, "audit_plain", "carved")), "no --yara: nothing carved")
    db.close()

    # --files: a folder with a marked and a clean file.
    tree = os.path.join(work, "tree")
    os.makedirs(os.path.join(tree, "sub"))
    shutil.copy(files["marked_upload"], os.path.join(tree, "sub", "decision.txt"))
    shutil.copy(files["clean_upload"], os.path.join(tree, "minutes.txt"))
    db = audit(a.vcaudit, ["--files", tree], os.path.join(work, "audit_files"))
    inputs = dict(db.execute("SELECT sha256, kind FROM inputs WHERE kind = 'file'").fetchall())
    check(inputs == {sha["marked_upload"]: "file", sha["clean_upload"]: "file"}, "--files: each file is an input with its SHA-256")
    rows = db.execute("SELECT m.rule, i.path FROM content_matches m JOIN inputs i USING (input_id) "
                      "WHERE m.tags LIKE '%classification%'").fetchall()
    check(rows == [("vn_marking_toi_mat", os.path.join(tree, "sub", "decision.txt"))],
          f"--files: the marked file matched, the clean one did not ({rows})")
    check(db.execute("SELECT count(*) FROM content_objects WHERE scope = 'file'").fetchone()[0] == 2,
          "--files: two content_objects rows of scope file")
    db.close()

    # Media and TLS are never content: SRTP/RTP calls, SIP over TLS, Teams.
    if a.shared:
        corpus = os.path.join(a.shared, "corpus", "public")
        caps = [os.path.join(corpus, c) for c in ("voipshark/SIP-RTP-Normal_Call_two_parties.pcap",
                                                  "voipshark/SIP-over-TLS-RSA-SRTP_Normal_Call_two_parties.pcap",
                                                  "ndpi/teams.pcap")]
        args = []
        for c in caps:
            args += ["--pcap", c]
        db = audit(a.vcaudit, args + ["--carve"], os.path.join(work, "audit_media"))
        rtp = db.execute("SELECT count(*) FROM content_objects WHERE flow_id IN (SELECT flow_id FROM rtp_streams)"
                         ).fetchone()[0]
        tls = db.execute("SELECT count(*) FROM content_objects WHERE flow_id IN (SELECT flow_id FROM tls_sessions)"
                         ).fetchone()[0]
        media_flows = db.execute("SELECT count(DISTINCT flow_id) FROM rtp_streams").fetchone()[0]
        tls_flows = db.execute("SELECT count(DISTINCT flow_id) FROM tls_sessions").fetchone()[0]
        check(media_flows > 0 and tls_flows > 0 and rtp == 0 and tls == 0,
              f"no object from {media_flows} RTP/SRTP and {tls_flows} TLS flows ({rtp}, {tls} found)")
        db.close()

    total = "content lab"
    if failures:
        print(f"{total}: {len(failures)} check(s) failed")
        return 1
    print(f"{total}: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
