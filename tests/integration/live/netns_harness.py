"""What the live tests share: a pair of network namespaces joined by a veth
link (one side captures, the other replays traffic), check lines that collect
failures, the CI-aware skip, and the clean-up of children and namespaces on
every way out (normal end, exception, SIGTERM/SIGINT/SIGHUP)."""
import atexit
import os
import shutil
import signal
import subprocess
import sys

SKIP = 77  # ctest's SKIP_RETURN_CODE for these tests

failures = []  # what check() found wrong, for the script's final verdict
children = []  # processes to kill when the script ends


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def unavailable(reason):
    """Skip, except under CI, where .ci/install-deps provides everything."""
    if os.environ.get("CI"):
        print(f"FAIL {reason} (required under CI)")
        sys.exit(1)
    print(f"skipped: {reason}")
    sys.exit(SKIP)


def sh(*cmd, check_rc=True, **kw):
    r = subprocess.run(list(cmd), capture_output=True, text=True, **kw)
    if check_rc and r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
    return r


def setup_veth_pair(ns_cap, if_cap, ns_gen, if_gen):
    """Namespaces ns_cap and ns_gen, linked by if_cap <-> if_gen, removed at exit."""
    def cleanup():
        for p in children:
            if p.poll() is None:
                p.kill()
                p.wait()
        for ns in (ns_cap, ns_gen):  # deleting a namespace deletes its veth end, and so the pair
            subprocess.run(["ip", "netns", "delete", ns], capture_output=True)

    atexit.register(cleanup)
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, lambda *_: sys.exit(1))  # atexit still runs
    sh("ip", "netns", "add", ns_cap)
    sh("ip", "netns", "add", ns_gen)
    sh("ip", "link", "add", if_cap, "type", "veth", "peer", "name", if_gen)
    sh("ip", "link", "set", if_cap, "netns", ns_cap)
    sh("ip", "link", "set", if_gen, "netns", ns_gen)
    for ns, ifc in ((ns_cap, if_cap), (ns_gen, if_gen)):
        # No IPv6 on the pair: the test traffic is only what the test sends.
        sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", check_rc=False)
        sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1", check_rc=False)
        # Loopback captures hold frames larger than Ethernet's 1514 bytes.
        sh("ip", "-n", ns, "link", "set", ifc, "mtu", "9000", "up")


def run_checks(body, work_dir, name):
    """Runs body(); a step that raises is a failure with what it said. Exit
    status for the script: 0 when every check passed (work_dir removed), 1
    otherwise (work_dir kept for a look)."""
    try:
        body()
    except Exception as e:  # a broken step is a failure, with what it said
        failures.append(f"{type(e).__name__}: {e}")
        print(f"FAIL {type(e).__name__}: {e}")
    if failures:
        print(f"{len(failures)} check(s) failed; work folder kept: {work_dir}")
        return 1
    shutil.rmtree(work_dir, ignore_errors=True)
    print(f"all {name} checks passed")
    return 0
