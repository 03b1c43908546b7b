#!/usr/bin/env python3
"""Checks the module dependency rules of DESIGN.md "Layout" on the sources:
which folders may include the third-party headers, and which project modules
each module may include. CMake link lists enforce the same graph at link
time; this names the offending line at review time.
"""
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))

# third-party header prefix -> folders allowed to include it
EXCLUSIVE = {
    "sqlite3.h": ["auditor/store/"],
    "pcap": ["probes/capture/"],
    "yara": ["auditor/scan/"],
    "openssl/": ["reports/sign/", "probes/tls/x509_adapter.cpp", "probes/creds/secret_guard.cpp",
                 "probes/creds/digest_compute.cpp"],
    "pugixml": ["probes/config/"],
    "zlib.h": ["probes/content/"],
    "boost/program_options": ["auditor/cli/"],
    "cairo": ["reports/render/"],
    "pango/": ["reports/render/"],
}

# module -> project folders it may include (besides itself)
ALLOWED = {
    "auditor/core": [],
    "auditor/facts": ["auditor/core"],
    "auditor/store": ["auditor/core", "auditor/facts"],
    "auditor/engine": ["auditor/core", "auditor/facts", "auditor/store"],
    "auditor/scan": ["auditor/core", "auditor/facts"],
    "probes/capture": ["auditor/core"],
    "probes/decode": ["auditor/core"],
    "probes/flow": ["auditor/core", "probes/decode"],
    "probes/tls": ["auditor/core", "auditor/facts", "probes/flow", "probes/decode"],
    "probes/sip": ["auditor/core", "auditor/facts", "probes/flow", "probes/decode"],
    "probes/stun": ["auditor/core", "auditor/facts"],
    "probes/creds": ["auditor/core"],
    "probes/content": ["auditor/core", "auditor/facts", "probes/creds"],
    "probes/rtp": ["auditor/core", "auditor/facts"],
    "probes/websocket": ["auditor/core"],
    "probes/h323": ["auditor/core", "auditor/facts"],
    "probes/rtsp": ["auditor/core", "auditor/facts", "probes/sip"],
    "probes/config": ["auditor/core", "auditor/facts", "probes/creds"],
    "probes/traffic": ["auditor/core", "auditor/facts", "probes/decode", "probes/flow", "probes/tls", "probes/sip",
                       "probes/stun", "probes/creds", "probes/rtp", "probes/websocket", "probes/h323", "probes/content",
                       "probes/rtsp"],
    "reports/sign": ["auditor/core"],
    "auditor/service": ["auditor/core", "auditor/facts", "auditor/store", "auditor/engine", "auditor/pipeline",
                        "probes/capture", "probes/decode", "probes/creds", "probes/traffic", "reports/sign"],
    "auditor/investigate": ["auditor/core", "auditor/facts", "auditor/store", "auditor/engine", "auditor/pipeline",
                            "probes/capture", "probes/decode", "probes/flow", "reports/model", "reports/render",
                            "reports/sign"],
    "reports/model": ["auditor/core", "auditor/facts", "auditor/store", "auditor/engine"],
    "reports/json": [],
    "reports/render": ["auditor/core", "auditor/facts", "auditor/store", "auditor/engine", "reports/model",
                       "reports/json"],
    "reports/export": ["auditor/core", "auditor/facts", "auditor/store", "auditor/engine", "reports/model",
                       "reports/json"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def module_of(rel):
    parts = rel.split("/")
    return "/".join(parts[:2]) if len(parts) >= 3 else None


def main():
    problems = []
    checked = 0
    for top in ("auditor", "probes", "reports"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, top)):
            for name in files:
                if not name.endswith((".cpp", ".hpp", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
                mod = module_of(rel)
                with open(path, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        checked += 1
                        header = m.group(1)
                        for prefix, allowed in EXCLUSIVE.items():
                            if header.startswith(prefix) and not any(rel.startswith(a) for a in allowed):
                                problems.append(f"{rel}:{lineno}: includes <{header}>, reserved to {', '.join(allowed)}")
                        target = module_of(header)
                        if mod in ALLOWED and target and target != mod and target.split("/")[0] in ("auditor", "probes", "reports"):
                            if target not in ALLOWED[mod]:
                                problems.append(f"{rel}:{lineno}: module {mod} may not include {header}")
    for p in problems:
        print(p)
    print(f"{checked} includes checked, {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
