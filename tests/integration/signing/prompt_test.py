#!/usr/bin/env python3
"""On a terminal, `vcaudit audit --p12` asks for the passphrase with echo off
and signs; a wrong one typed there gives E402 and no folder.
usage: prompt_test.py VCAUDIT SOURCE_DIR"""
import os
import subprocess
import sys
import tempfile

try:
    import pexpect
except ImportError:
    if os.environ.get("CI"):
        sys.exit("python3-pexpect is not installed (.ci/install-deps test)")
    print("SKIP: python3-pexpect is not installed")
    sys.exit(0)

PASS = "typed-Passphrase-2207"


def audit(vcaudit, src, tmp, out, typed):
    args = ["audit", "--site", os.path.join(src, "examples/site.yaml"),
            "--pcap", os.path.join(src, "examples/captures/tls13-openssl.pcap"),
            "--p12", os.path.join(tmp, "id.p12"), "--out", out]
    env = dict(os.environ, VCAUDIT_HOME=os.path.join(tmp, "home"))
    env.pop("VCAUDIT_KEY_PASS", None)
    child = pexpect.spawn(vcaudit, args, env=env, timeout=120, encoding="utf-8")
    child.expect("passphrase for .*id.p12: ")
    child.sendline(typed)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


def main():
    vcaudit, src = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        key, cert = os.path.join(tmp, "k.pem"), os.path.join(tmp, "c.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", key, "-out", cert, "-subj", "/CN=prompted signer", "-days", "30"],
                       check=True, capture_output=True)
        subprocess.run(["openssl", "pkcs12", "-export", "-inkey", key, "-in", cert, "-passout", "env:P12PASS",
                        "-out", os.path.join(tmp, "id.p12")], check=True, env=dict(os.environ, P12PASS=PASS))
        failures = 0
        code, text = audit(vcaudit, src, tmp, os.path.join(tmp, "good"), PASS)
        if code not in (0, 1, 4) or PASS in text or not os.path.exists(os.path.join(tmp, "good", "manifest.json.p7s")):
            print(f"FAIL: right passphrase at the prompt: exit {code}, echoed={PASS in text}")
            failures += 1
        code, text = audit(vcaudit, src, tmp, os.path.join(tmp, "bad"), "not-" + PASS)
        if code != 2 or "E402" not in text or PASS in text or os.path.exists(os.path.join(tmp, "bad")):
            print(f"FAIL: wrong passphrase at the prompt: exit {code}, echoed={PASS in text}")
            failures += 1
        print(f"{2 - failures} passed, {failures} failed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
