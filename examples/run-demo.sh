#!/usr/bin/env bash
# Audits the bundled example site (examples/site.yaml, examples/captures/) and
# signs the report with a demo key that says so in its certificate.
#   examples/run-demo.sh BUILD_DIR OUT_DIR
set -euo pipefail
build=${1:-build}
out=${2:-$build/demo/report}
root="$(cd "$(dirname "$0")/.." && pwd)"
vcaudit="$build/vcaudit"
keys="$build/demo-keys"

if [[ ! -f "$keys/demo-key.pem" ]]; then
  "$vcaudit" keys init --key "$keys/demo-key.pem" --cert "$keys/demo-cert.pem" \
    --cn "vcaudit DEMO key - not for real audits" --days 365
fi
rm -rf "$out"   # the demo's own previous output; real audits never overwrite
set +e
"$vcaudit" audit --site "$root/examples/site.yaml" \
  --pcap "$root/examples/captures/tls10-openssl.pcap" \
  --pcap "$root/examples/captures/tls13-openssl.pcap" \
  --pcap "$root/examples/captures/sip-udp-sipp.pcap" \
  --pcap "$root/examples/captures/sip-udp-sdes.pcap" \
  --pcap "$root/examples/captures/http-basic-curl.pcap" \
  --pcap "$root/examples/captures/sip-register-kamailio.pcap" \
  --key "$keys/demo-key.pem" --cert "$keys/demo-cert.pem" --out "$out"
code=$?
set -e
# 0 = no failed rule, 1 = failed rules (the example site is meant to fail some).
if [[ $code -gt 1 ]]; then echo "demo audit failed (exit $code)" >&2; exit "$code"; fi
"$vcaudit" verify "$out" --trust "$keys/demo-cert.pem"
echo
echo "Demo report (signed with the DEMO key): $out/report.html"
echo "Check the signature with stock OpenSSL:"
echo "  openssl cms -verify -binary -inform PEM -in $out/manifest.json.p7s -content $out/manifest.json -CAfile $keys/demo-cert.pem -out /dev/null"
