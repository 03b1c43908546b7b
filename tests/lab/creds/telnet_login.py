#!/usr/bin/env python3
"""Drives the real telnet client through login attempts on one connection.

Usage: telnet_login.py HOST PORT ATTEMPTS_JSON
ATTEMPTS_JSON is a list of {"username", "password", "expect": "success"|"failure"}
in order; every attempt but the last must be a failure (login(1) asks again
after "Login incorrect"; a success opens a shell, which this script leaves).
Exit 0 when every attempt ended as expected. Never prints a password: the
session transcript is not echoed.
"""

import json
import sys

try:
    import pexpect
except ImportError:
    sys.exit("telnet_login.py: python3-pexpect is missing (Debian package python3-pexpect)")

STEP_TIMEOUT_S = 15  # login(1) sleeps ~3 s after a wrong password
SHELL_MARK = "LAB_SHELL_OK_"


def fail(msg):
    sys.stderr.write("telnet_login.py: %s\n" % msg)
    sys.exit(1)


def main():
    if len(sys.argv) != 4:
        fail("usage: telnet_login.py HOST PORT ATTEMPTS_JSON")
    host, port, path = sys.argv[1:]
    with open(path, encoding="utf-8") as f:
        attempts = json.load(f)
    if not attempts or any(a["expect"] != "failure" for a in attempts[:-1]):
        fail("attempts must be failures except possibly the last one")

    child = pexpect.spawn("telnet", [host, port], timeout=STEP_TIMEOUT_S, encoding="utf-8",
                          codec_errors="replace")
    try:
        for n, attempt in enumerate(attempts, 1):
            child.expect(r"login: ")
            child.sendline(attempt["username"])
            child.expect(r"[Pp]assword: ?")
            child.sendline(attempt["password"])
            got = child.expect([r"Login incorrect", r"[$#] $"])
            outcome = "failure" if got == 0 else "success"
            sys.stderr.write("telnet_login.py: attempt %d user=%s -> %s\n"
                             % (n, attempt["username"], outcome))
            if outcome != attempt["expect"]:
                fail("attempt %d: expected %s, got %s" % (n, attempt["expect"], outcome))
        if attempts[-1]["expect"] == "success":
            # prove the shell is live, then leave so the server closes the connection
            child.sendline("echo %s$((6*7))" % SHELL_MARK)
            child.expect(SHELL_MARK + "42")
            child.sendline("exit")
        else:
            child.sendcontrol("]")
            child.expect(r"telnet> ")
            child.sendline("quit")
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        fail("timed out waiting for the server (last output hidden: it may echo secrets)")
    except pexpect.EOF:
        fail("connection closed early")
    finally:
        child.close(force=True)


if __name__ == "__main__":
    main()
