#!/usr/bin/env python3
"""Runs the built vcaudit on the bundled example site the way
examples/run-demo.sh does (demo key, same captures), in a temporary folder,
then checks its OSCAL and OCSF exports with validate_exports.py.

  run_demo_exports.py valid  --vcaudit BIN --project DIR --schemas DIR
      both exports valid, bound to report.json, listed in the signed manifest.
  run_demo_exports.py broken --vcaudit BIN --project DIR --schemas DIR
      the validator must REJECT each deliberately broken copy of the exports
      (and still accept the unbroken ones): passes only if every mutation fails
      validation with an error naming the broken path.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
VALIDATOR = os.path.join(HERE, "validate_exports.py")
CAPTURES = ["tls10-openssl.pcap", "tls13-openssl.pcap", "sip-udp-sipp.pcap", "sip-udp-sdes.pcap",
            "http-basic-curl.pcap", "sip-register-kamailio.pcap"]


def run(cmd, env=None):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def demo_audit(vcaudit, project, work):
    env = dict(os.environ, VCAUDIT_HOME=os.path.join(work, "home"))
    keys = os.path.join(work, "keys")
    r = run([vcaudit, "keys", "init", "--key", os.path.join(keys, "demo-key.pem"), "--cert",
             os.path.join(keys, "demo-cert.pem"), "--cn", "vcaudit DEMO key - not for real audits", "--days", "365"],
            env)
    if r.returncode != 0:
        sys.exit(f"keys init failed ({r.returncode}):\n{r.stdout}")
    out = os.path.join(work, "report")
    cmd = [vcaudit, "audit", "--site", os.path.join(project, "examples", "site.yaml")]
    for c in CAPTURES:
        cmd += ["--pcap", os.path.join(project, "examples", "captures", c)]
    cmd += ["--key", os.path.join(keys, "demo-key.pem"), "--cert", os.path.join(keys, "demo-cert.pem"), "--out", out]
    r = run(cmd, env)
    if r.returncode > 1:  # 1 = failed rules, which the example site is meant to have
        sys.exit(f"demo audit failed ({r.returncode}):\n{r.stdout}")
    r = run([vcaudit, "verify", out, "--trust", os.path.join(keys, "demo-cert.pem")], env)
    if r.returncode != 0:
        sys.exit(f"verify of the demo output failed ({r.returncode}):\n{r.stdout}")
    return out


def validate(schemas, oscal=None, ocsf=None, report_json=None):
    cmd = [sys.executable, VALIDATOR, "--schemas", schemas]
    if oscal:
        cmd += ["--oscal", oscal]
    if ocsf:
        cmd += ["--ocsf", ocsf]
    if report_json:
        cmd += ["--report-json", report_json]
    return run(cmd)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def check_valid(args, out):
    oscal, ocsf, report = (os.path.join(out, n) for n in ("report.oscal.json", "report.ocsf.jsonl", "report.json"))
    r = validate(args.schemas, oscal, ocsf, report)
    print(r.stdout, end="")
    problems = [] if r.returncode == 0 else ["validator rejected the demo exports"]
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    listed = json.dumps(manifest)
    for name in ("report.oscal.json", "report.ocsf.jsonl"):
        if name not in listed or sha256(os.path.join(out, name)) not in listed:
            problems.append(f"{name} is not listed with its SHA-256 in manifest.json")
    # The demo site fails rules: each violation of report.json must be an OCSF event.
    with open(report, encoding="utf-8") as f:
        violations = sum(len(a["findings"]) for a in json.load(f)["assessments"])
    with open(ocsf, encoding="utf-8") as f:
        events = [json.loads(line) for line in f]
    kinds = [e["unmapped"]["vcaudit"]["event_kind"] for e in events]
    if violations == 0 or kinds.count("violation") != violations:
        problems.append(f"{violations} violation(s) in report.json, {kinds.count('violation')} OCSF violation event(s)")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


def mutations():
    """(name, which file, mutate(doc or events), text the validator must print)."""
    def oscal_drop_reviewed(doc):
        del doc["assessment-results"]["results"][0]["reviewed-controls"]

    def oscal_unknown_key(doc):
        doc["assessment-results"]["metadata"]["colour"] = "blue"

    def oscal_bad_state(doc):
        doc["assessment-results"]["results"][0]["findings"][0]["target"]["status"]["state"] = "passed"

    def oscal_bad_time(doc):
        doc["assessment-results"]["results"][0]["start"] = "2026-11-28 05:27:37"

    def ocsf_drop_finding_uid(events):
        del events[0]["finding_info"]["uid"]

    def ocsf_bad_enum(events):
        events[1]["compliance"]["status_id"] = 7

    def ocsf_unknown_attr(events):
        events[2]["compliance"]["verdict_vi"] = "không đạt"

    def ocsf_time_string(events):
        events[-1]["time"] = "2026-11-28T05:27:37Z"

    def ocsf_wrong_class(events):
        events[0]["class_uid"] = 2004

    return [
        ("OSCAL without reviewed-controls", "oscal", oscal_drop_reviewed, "'reviewed-controls' is a required property"),
        ("OSCAL unknown metadata key", "oscal", oscal_unknown_key, "/assessment-results/metadata"),
        ("OSCAL finding state outside the enum", "oscal", oscal_bad_state, "/target/status/state"),
        ("OSCAL start without timezone", "oscal", oscal_bad_time, "/assessment-results/results/0/start"),
        ("OCSF finding_info.uid removed", "ocsf", ocsf_drop_finding_uid, "line 1: /finding_info/uid: required"),
        ("OCSF compliance.status_id 7", "ocsf", ocsf_bad_enum, "line 2: /compliance/status_id"),
        ("OCSF unknown attribute", "ocsf", ocsf_unknown_attr, "line 3: /compliance/verdict_vi: unknown attribute"),
        ("OCSF time as a string", "ocsf", ocsf_time_string, "/time: '2026-11-28T05:27:37Z' is not a timestamp_t"),
        ("OCSF class_uid of another class", "ocsf", ocsf_wrong_class, "line 1: /class_uid"),
    ]


def check_broken(args, out, work):
    oscal_path, ocsf_path = os.path.join(out, "report.oscal.json"), os.path.join(out, "report.ocsf.jsonl")
    control = validate(args.schemas, oscal_path, ocsf_path)
    if control.returncode != 0:
        print(control.stdout)
        print("FAIL: the unbroken exports must validate before the broken ones mean anything")
        return 1
    failures = 0
    for name, which, mutate, expected in mutations():
        if which == "oscal":
            with open(oscal_path, encoding="utf-8") as f:
                doc = json.load(f)
            mutate(doc)
            path = os.path.join(work, "broken.oscal.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f)
            r = validate(args.schemas, oscal=path)
        else:
            with open(ocsf_path, encoding="utf-8") as f:
                events = [json.loads(line) for line in f]
            mutate(events)
            path = os.path.join(work, "broken.ocsf.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
            r = validate(args.schemas, ocsf=path)
        if r.returncode != 0 and expected in r.stdout:
            print(f"ok: rejected {name}")
        else:
            failures += 1
            print(f"FAIL: {name}: validator exit {r.returncode}, expected an error containing {expected!r}:\n{r.stdout}")
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["valid", "broken"])
    ap.add_argument("--vcaudit", required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--schemas", required=True)
    args = ap.parse_args()
    if not os.path.isdir(args.schemas):
        sys.exit(f"schemas folder {args.schemas} not found (shared/schemas beside the project)")
    with tempfile.TemporaryDirectory(prefix="vcaudit-export-") as work:
        out = demo_audit(args.vcaudit, args.project, work)
        return check_valid(args, out) if args.mode == "valid" else check_broken(args, out, work)


if __name__ == "__main__":
    sys.exit(main())
