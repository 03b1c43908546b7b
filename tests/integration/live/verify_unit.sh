#!/bin/sh
# systemd-analyze verify on the packaged capture unit, with ExecStart pointed
# at the binary just built (verify checks that the program exists).
# usage: verify_unit.sh UNIT VCAUDIT     exit 77: skipped (not under CI)
set -eu
unit=$1 bin=$2
if ! command -v systemd-analyze >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then echo "systemd-analyze is missing (required under CI)"; exit 1; fi
  echo "skipped: systemd-analyze is not installed"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s|^ExecStart=/usr/local/bin/vcaudit |ExecStart=$bin |" "$unit" > "$tmp/vcaudit-capture.service"
grep -q "^ExecStart=$bin " "$tmp/vcaudit-capture.service" || { echo "ExecStart line not found in $unit"; exit 1; }
out=$(systemd-analyze verify --man=no "$tmp/vcaudit-capture.service" 2>&1) || { echo "$out"; exit 1; }
# verify prints warnings and still exits 0: any line about our unit fails the test.
if printf '%s\n' "$out" | grep -q "vcaudit-capture.service"; then echo "$out"; exit 1; fi
echo "systemd-analyze verify: ok"
