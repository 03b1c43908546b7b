#!/usr/bin/env python3
"""End-to-end test of `vcaudit serve` on a real interface: two network
namespaces joined by a veth pair (names unique to this run, removed on every
exit path), the service in one, tcpreplay of the example captures from the
other, a sliding-window evaluation (2 min) every 15 s.

Checks: (a) a signing key the capture user cannot read stops serve before
anything is captured, in one line; (b) the scheduler runs as the
unprivileged user with no capabilities; (c) evaluations write new report
folders that `vcaudit verify` accepts, never overwriting one, each compared
with the previous; (d) they audit only closed files (the hash each record
lists is the one the capture recorded when it closed the file); (e) killing
an audit mid-run is recorded and the capture keeps running, and the next
evaluation works; (f) `vcaudit status` shows the last evaluation and the
next due run; (g) SIGTERM stops the capture and the scheduler.

usage: serve_test.py VCAUDIT SOURCE_DIR
Needs root and `ip netns` (exit 77 = skipped, only when CI is unset).
"""
import glob
import json
import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from netns_harness import check, children, run_checks, setup_veth_pair, sh, unavailable

VCAUDIT, SOURCE = sys.argv[1], sys.argv[2]
CAPTURES = sorted(glob.glob(os.path.join(SOURCE, "examples", "captures", "*.pcap")))
SITE = os.path.join(SOURCE, "examples", "site.yaml")
TAG = f"s{os.getpid() % 100000}{int(time.time()) % 1000}"  # unique per run; interface names are <= 15 chars
NS_CAP, NS_GEN = f"{TAG}c", f"{TAG}g"
IF_CAP, IF_GEN = f"{TAG}a", f"{TAG}b"
USER = "nobody"
EVERY = 15  # seconds between sliding-window evaluations
BASE = None


def setup_network():
    setup_veth_pair(NS_CAP, IF_CAP, NS_GEN, IF_GEN)


def serve_env():
    env = dict(os.environ)
    env["VCAUDIT_HOME"] = os.path.join(BASE, "home")
    # LeakSanitizer cannot attach to a process that changed its user.
    env["ASAN_OPTIONS"] = "detect_leaks=0"
    return env


def serve_cmd(d, key, cert):
    return ["ip", "netns", "exec", NS_CAP, VCAUDIT, "serve", "--iface", IF_CAP, "--dir", d, "--user", USER,
            "--rotate-seconds", "3", "--evaluate-every", f"{EVERY}s", "--window", "2m",
            "--site", SITE, "--key", key, "--cert", cert]


def start_serve(d, key, cert):
    log = open(os.path.join(BASE, f"serve-{len(children)}.log"), "w+")
    p = subprocess.Popen(serve_cmd(d, key, cert), stdout=log, stderr=subprocess.STDOUT, env=serve_env())
    p.log = log
    children.append(p)
    deadline = time.time() + 60
    while time.time() < deadline:
        if p.poll() is not None:
            break
        pid_file = os.path.join(d, "capture.pid")
        if os.path.exists(pid_file) and open(pid_file).read().strip() == str(p.pid):
            time.sleep(0.3)
            return p
        time.sleep(0.1)
    raise RuntimeError("serve did not start: " + log_text(p))


def log_text(p):
    p.log.flush()
    p.log.seek(0)
    return p.log.read()


def replay(files, pps=400):
    for f in files:
        sh("ip", "netns", "exec", NS_GEN, "tcpreplay", "-q", "-i", IF_GEN, f"--pps={pps}", f)


def records(d):
    path = os.path.join(d, "evaluations.jsonl")
    if not os.path.exists(path):
        return []
    return [json.loads(l) for l in open(path) if l.strip()]


def wait_for(what, cond, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def proc_fields(pid):
    status = open(f"/proc/{pid}/status").read()
    return {l.split(":")[0]: l.split(":", 1)[1].split() for l in status.splitlines() if ":" in l}


def child_pids(pid):
    out = []
    for task in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            out += [int(x) for x in open(task).read().split()]
        except OSError:
            pass
    return out


def sha256(path):
    return sh("sha256sum", path).stdout.split()[0]


def recorded_inputs(d):
    con = sqlite3.connect(f"file:{os.path.join(d, 'evidence.db')}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT path, sha256 FROM inputs").fetchall())
    finally:
        con.close()


def make_key(name, owner):
    key, cert = os.path.join(BASE, f"{name}-key.pem"), os.path.join(BASE, f"{name}-cert.pem")
    sh(VCAUDIT, "keys", "init", "--key", key, "--cert", cert, "--cn", f"serve test {name}", env=serve_env())
    if owner is not None:
        os.chown(key, owner.pw_uid, owner.pw_gid)
    return key, cert


def test_unreadable_key():
    key, cert = make_key("root-only", None)  # 0600, owned by root: the capture user cannot read it
    d = os.path.join(BASE, "refused")
    r = subprocess.run(serve_cmd(d, key, cert), capture_output=True, text=True, env=serve_env(), timeout=60)
    lines = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith("note:")]
    check(r.returncode == 2 and len(lines) == 1 and key in lines[0],
          f"(a) unreadable signing key refused in one line naming it: {lines}")
    check(not os.path.exists(d), "(a) nothing captured: no evidence folder was made")


def test_serve():
    nobody = pwd.getpwnam(USER)
    key, cert = make_key("service", nobody)
    d = os.path.join(BASE, "served")
    p = start_serve(d, key, cert)
    schedule = wait_for("serve-schedule.json", lambda: os.path.exists(os.path.join(d, "serve-schedule.json")), 30)
    sched_pid = json.load(open(os.path.join(d, "serve-schedule.json")))["pid"]
    check(sched_pid != p.pid and alive(sched_pid), f"(b) the scheduler is its own process ({sched_pid})")
    f = proc_fields(sched_pid)
    check(f["Uid"] == [str(nobody.pw_uid)] * 4 and f["Gid"] == [str(nobody.pw_gid)] * 4,
          f"(b) the scheduler runs as {USER}: {f['Uid']} {f['Gid']}")
    check(int(f["CapEff"][0], 16) == 0 and int(f["CapPrm"][0], 16) == 0 and f.get("NoNewPrivs") == ["1"],
          "(b) the scheduler holds no capability and has no_new_privs")

    replay(CAPTURES)
    first = wait_for("a first report", lambda: [r for r in records(d) if r.get("report_written")], 180)[0]
    report1 = os.path.join(d, first["report"])
    check(first["kind"] == "window" and first["trigger"] == "schedule" and first["files"]["count"] >= 1,
          f"(c) a scheduled window evaluation of {first['files']['count']} file(s): {first['outcome']}")
    check(sh(VCAUDIT, "verify", report1, check_rc=False, env=serve_env()).returncode == 0, "(c) verify accepts it")
    sha1 = sha256(os.path.join(report1, "report.json"))
    check(sha1 == first["report_sha256"], "(c) the record holds report.json's SHA-256")
    closed = recorded_inputs(d)
    check(all(closed.get(x["path"]) == x["sha256"] for x in first["files"]["listed"]),
          "(d) every file evaluated was closed: its hash is the one recorded at close")

    # (e) An audit killed mid-run: recorded, the capture carries on.
    replay(CAPTURES[:2])
    victim = wait_for("a running audit", lambda: child_pids(sched_pid), 60)[0]
    os.kill(victim, signal.SIGKILL)
    killed = wait_for("the killed run's record",
                      lambda: [r for r in records(d) if r.get("signal") == signal.SIGKILL], 60)[0]
    check(not killed["report_written"] and "killed by signal 9" in killed["outcome"],
          f"(e) the killed audit is recorded: {killed['outcome']}")
    check(p.poll() is None and alive(sched_pid), "(e) capture and scheduler still running")
    before = len(recorded_inputs(d))
    replay(CAPTURES)
    wait_for("new closed files", lambda: len(recorded_inputs(d)) > before, 30)
    check(True, "(e) the capture kept writing and closing files after the crash")
    n = len(records(d))
    later = wait_for("a report after the crash",
                     lambda: [r for r in records(d)[n:] if r.get("report_written")], 180)[0]
    report2 = os.path.join(d, later["report"])
    check(report2 != report1 and os.path.isdir(report1) and sha256(os.path.join(report1, "report.json")) == sha1,
          "(c) a new folder; the first report untouched")
    check(sh(VCAUDIT, "verify", report2, check_rc=False, env=serve_env()).returncode == 0, "(c) verify accepts the next")
    rep2 = json.load(open(os.path.join(report2, "report.json")))
    prev = rep2.get("previous_audit") or {}
    check(later.get("previous") and os.path.basename(prev.get("folder", "")) == os.path.basename(later["previous"]),
          f"(c) compared with the previous window report: {later.get('previous')}")

    st = sh(VCAUDIT, "status", d, check_rc=False, env=serve_env())
    check("evaluated: window" in st.stdout and "next due:  window" in st.stdout and "half" in st.stdout,
          f"(f) status shows the last evaluation and what is due: {st.stdout[-600:]}")
    check("year" in st.stdout, "(f) legacy regime (site.yaml): the report year to 14 December is scheduled")

    p.send_signal(signal.SIGTERM)
    rc = p.wait(timeout=120)
    check(rc == 0, f"(g) SIGTERM stops serve cleanly (exit {rc}): {log_text(p)[-400:]}")
    wait_for("the scheduler to end", lambda: not alive(sched_pid), 30)
    check(True, "(g) the scheduler ended with the capture")
    st = sh(VCAUDIT, "status", d, check_rc=False, env=serve_env())
    check("scheduler of vcaudit serve is not running" in st.stdout, "(g) status says nothing is scheduled any more")


def main():
    global BASE
    if os.geteuid() != 0:
        unavailable("needs root for network namespaces and raw capture")
    for tool in ("ip", "tcpreplay", "sha256sum"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is not installed (.ci/install-deps test)")
    if not CAPTURES:
        print("FAIL no example captures found")
        return 1
    BASE = tempfile.mkdtemp(prefix="vcaudit-serve-")
    os.chmod(BASE, 0o755)  # the capture user must reach its folder and key
    try:
        setup_network()
    except (RuntimeError, OSError) as e:
        unavailable(f"network namespaces unavailable: {e}")
    def body():
        test_unreadable_key()
        test_serve()

    return run_checks(body, BASE, "serve")


if __name__ == "__main__":
    sys.exit(main())
