#!/bin/sh
# An installed vcaudit (cmake --install into a scratch prefix, away from the
# source tree) finds its rule packs, catalogue, levels, weak-secret list and
# bundled YARA rules, audits the example site and verifies its own report.
# usage: install_smoke.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/vcaudit-install.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cmake --install "$build" --prefix "$work/prefix" >/dev/null
bin="$work/prefix/bin/vcaudit"
export VCAUDIT_HOME="$work/home"
# Run from elsewhere so nothing can be found relative to the source tree.
cd "$work"
"$bin" rules lint
"$bin" rules coverage --level 3 >/dev/null
caps="$src/examples/captures"
set +e
"$bin" audit --site "$src/examples/site.yaml" --pcap "$caps/http-basic-curl.pcap" --pcap "$caps/sip-udp-sdes.pcap" \
    --yara --out "$work/report" >"$work/audit.log" 2>&1
code=$?
set -e
# 0 = pass, 1 = findings; anything else is a failed run.
if [ "$code" -gt 1 ]; then cat "$work/audit.log"; echo "installed audit failed with exit $code"; exit 1; fi
"$bin" verify "$work/report" --no-record
grep -q '"kind": "yara_rules"' "$work/report/report.json" || { echo "the bundled YARA rules were not found by the installed binary"; exit 1; }
echo "installed vcaudit works"
