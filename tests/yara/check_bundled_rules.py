#!/usr/bin/env python3
"""Checks the bundled YARA rules (rules/yara/*.yar) with the stock tools:

- yarac compiles each file alone and all of them together, with no warning;
- every rule has meta description, description_vi and a known severity;
- every rule has at least one sample under samples/must-match/<rule>/;
- the yara command-line tool, run over every sample of
  samples/expectations.yaml, reports exactly the listed set of rules;
- the files listed and the files present under samples/ are the same;
- the strings printed by tools/legacy_encodings.py are all in the rules.

  check_bundled_rules.py PROJECT_DIR
Without the yara/yarac programs it fails under CI (env CI set) and skips
(exit 77) otherwise.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SEVERITIES = {"critical", "high", "medium", "low", "info"}
SAMPLE_LINE = re.compile(r"^  (\S+): \[([^\]]*)\]$")
RULE_HEAD = re.compile(r"^rule\s+(\w+)", re.M)


def read_expectations(path):
    expected = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line == "samples:":
                continue
            m = SAMPLE_LINE.match(line)
            if not m:
                raise SystemExit(f"{path}:{lineno}: not a '  <path>: [rules]' line")
            rules = {r.strip() for r in m.group(2).split(",") if r.strip()}
            expected[m.group(1)] = rules
    return expected


def rule_metas(text):
    """rule name -> dict of its meta string values (simple parser for our files)."""
    out = {}
    heads = list(RULE_HEAD.finditer(text))
    for i, h in enumerate(heads):
        body = text[h.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        meta = {}
        m = re.search(r"meta:(.*?)(strings:|condition:)", body, re.S)
        if m:
            for k, v in re.findall(r'^\s*(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"', m.group(1), re.M):
                meta[k] = v
        out[h.group(1)] = meta
    return out


def main():
    root = os.path.abspath(sys.argv[1])
    ydir = os.path.join(root, "rules", "yara")
    sdir = os.path.join(ydir, "samples")
    yara, yarac = shutil.which("yara"), shutil.which("yarac")
    if not yara or not yarac:
        if os.environ.get("CI"):
            print("FAIL: yara/yarac not installed (Debian package yara, .ci/install-deps test)")
            return 1
        print("SKIP: yara/yarac not installed (apt-get install yara)")
        return 77

    problems = []
    rule_files = sorted(os.path.join(ydir, f) for f in os.listdir(ydir) if f.endswith(".yar"))
    if not rule_files:
        problems.append(f"no .yar file in {ydir}")
    metas = {}
    with tempfile.TemporaryDirectory() as tmp:
        compiled = os.path.join(tmp, "bundled.yarc")
        for f in rule_files + [None]:
            args = [f] if f else rule_files
            r = subprocess.run([yarac] + args + [compiled], capture_output=True, text=True)
            what = os.path.basename(f) if f else "all bundled files"
            if r.returncode != 0 or r.stderr.strip() or r.stdout.strip():
                problems.append(f"yarac {what}: exit {r.returncode}: {(r.stderr + r.stdout).strip()}")
        for f in rule_files:
            with open(f, encoding="utf-8") as fh:
                for name, meta in rule_metas(fh.read()).items():
                    if name in metas:
                        problems.append(f"{os.path.basename(f)}: rule {name} defined twice")
                    metas[name] = meta
                    for key in ("description", "description_vi", "severity"):
                        if not meta.get(key):
                            problems.append(f"{os.path.basename(f)}: rule {name} has no meta {key}")
                    if meta.get("severity") and meta["severity"] not in SEVERITIES:
                        problems.append(f"{os.path.basename(f)}: rule {name} severity {meta['severity']!r}")

        expected = read_expectations(os.path.join(sdir, "expectations.yaml"))
        present = set()
        for d, _, files in os.walk(sdir):
            for name in files:
                rel = os.path.relpath(os.path.join(d, name), sdir).replace(os.sep, "/")
                if rel.startswith(("must-match/", "must-not-match/")):
                    present.add(rel)
        for rel in sorted(present - set(expected)):
            problems.append(f"samples/{rel}: not listed in expectations.yaml")
        for rel in sorted(set(expected) - present):
            problems.append(f"expectations.yaml lists samples/{rel}, which does not exist")
        for rel, rules in sorted(expected.items()):
            if rel.startswith("must-not-match/") and rules:
                problems.append(f"samples/{rel}: a must-not-match sample lists rules")
            if rel.startswith("must-match/") and rel.split("/")[1] not in rules:
                problems.append(f"samples/{rel}: does not list its folder's rule")
            for rule in rules - set(metas):
                problems.append(f"samples/{rel}: lists unknown rule {rule}")
        for rule in sorted(set(metas) - {rel.split("/")[1] for rel in expected if rel.startswith("must-match/")}):
            problems.append(f"rule {rule}: no sample under samples/must-match/{rule}/")

        listed = sorted(rel for rel in expected if rel in present)
        scan_list = os.path.join(tmp, "scan-list")
        with open(scan_list, "w", encoding="utf-8") as f:
            f.write("".join(os.path.join(sdir, rel) + "\n" for rel in listed))
        r = subprocess.run([yara, "-C", compiled, "--scan-list", scan_list], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append(f"yara --scan-list: exit {r.returncode}: {r.stderr.strip()}")
        got = {rel: set() for rel in listed}
        for line in r.stdout.splitlines():
            rule, _, path = line.partition(" ")
            rel = os.path.relpath(path, sdir).replace(os.sep, "/")
            if rel in got:
                got[rel].add(rule)
        checked = 0
        for rel in listed:
            checked += 1
            if got[rel] != expected[rel]:
                problems.append(f"samples/{rel}: yara matched {sorted(got[rel])}, expected {sorted(expected[rel])}")

    enc = subprocess.run([sys.executable, os.path.join(ydir, "tools", "legacy_encodings.py"), "--check"] + rule_files,
                         capture_output=True, text=True)
    if enc.returncode != 0:
        problems.append("legacy_encodings.py --check:\n" + enc.stdout.strip())

    for p in problems:
        print("FAIL:", p)
    print(f"{len(rule_files)} rule files, {len(metas)} rules, {checked} samples checked with yara, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
