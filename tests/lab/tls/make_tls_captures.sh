#!/usr/bin/env bash
# make_tls_captures.sh - record real OpenSSL TLS handshakes on loopback, one
# port per scenario, into one capture, plus truth.json saying what each
# scenario asked OpenSSL for (versions, suites, certificate, SNI, ALPN,
# resumption). The checks in audit_tls_lab.py compare vcaudit with tshark
# and with this truth.
#
# Usage:  tests/lab/tls/make_tls_captures.sh OUT_DIR
#
# Scenarios (openssl s_server <- openssl s_client, 127.0.0.1):
#   47301 tls10       TLS 1.0, self-signed RSA-1024 certificate signed with SHA-1, SNI sip.lab.example
#   47302 tls11       TLS 1.1, an expired certificate (2020-2021)
#   47303 tls12_weak  TLS 1.2; the client also offers NULL and anonymous suites, the
#                     server only allows AES128-SHA (RSA key exchange, CBC, SHA-1 MAC); ALPN http/1.1
#   47304 tls13       TLS 1.3, SNI meet.lab.example, ALPN h2,http/1.1 offered (the server's
#                     choice travels encrypted in TLS 1.3: server_alpn stays NULL)
#   47305 resume_id   TLS 1.2 twice, no tickets: the second resumes by session id
#   47306 resume_tkt  TLS 1.2 twice with tickets: the second resumes by ticket
#   47307 resume_psk  TLS 1.3 twice: the second resumes with a PSK
#   47308 reuse       TLS 1.3 twice from the same client port (47390 or the next free one): the first
#                     connection ends with a RST, the second reuses the 4-tuple
#                     (two tcp.streams in tshark, two flows in vcaudit)
# 3DES is not offered: Debian's OpenSSL 3.0 no longer builds any 3DES suite.
#
# Runs as root (tcpdump on lo). Servers listen on 127.0.0.1 only and are
# stopped on exit, even on failure. Keys are made fresh in a temporary folder.

set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
OUT_DIR=$1
PATH="$PATH:/usr/sbin:/sbin"

LOOP4=127.0.0.1
PORT_FIRST=47301
PORT_LAST=47308
FIRST_REUSED_CLIENT_PORT=47390  # or one of the next nine, if taken
SNI_SIP=sip.lab.example
SNI_MEET=meet.lab.example

log() { printf '[make_tls_captures] %s\n' "$*" >&2; }
die() { printf '[make_tls_captures] ERROR: %s\n' "$*" >&2; exit 1; }

for t in openssl tcpdump timeout ss python3; do
    command -v "$t" >/dev/null 2>&1 || die "missing program: $t (.ci/install-deps test installs it)"
done
[[ $(id -u) -eq 0 ]] || die "must run as root (tcpdump on lo)"

mkdir -p "$OUT_DIR"
OUT_DIR=$(cd -- "$OUT_DIR" && pwd)
TMP=$(mktemp -d /tmp/vca-tls-lab.XXXXXX)
PIDS=()
cleanup() {
    local rc=$?
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT

# ------------------------------------------------------------ certificates
cd "$TMP"
# Self-signed RSA-1024 with a SHA-1 signature: weak key and weak signature.
openssl req -x509 -newkey rsa:1024 -sha1 -nodes -days 3650 -subj "/CN=weak.lab.example" \
    -keyout weak.key -out weak.pem 2>/dev/null
# Self-signed RSA-2048, SHA-256: only "self-signed" is wrong with it.
openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days 3650 -subj "/CN=server.lab.example" \
    -keyout good.key -out good.pem 2>/dev/null
# Expired: valid 2020-01-01 .. 2021-01-01. `req -days` takes no past dates,
# so a throw-away `openssl ca -selfsign` sets them.
cat > ca.cnf <<CNF
[ca]
default_ca = lab
[lab]
database = $TMP/index.txt
new_certs_dir = $TMP
serial = $TMP/serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
CNF
: > index.txt
echo 01 > serial
openssl req -new -newkey rsa:2048 -nodes -subj "/CN=expired.lab.example" -keyout expired.key -out expired.csr 2>/dev/null
openssl ca -batch -config ca.cnf -selfsign -keyfile expired.key -in expired.csr -out expired.pem -notext \
    -startdate 20200101000000Z -enddate 20210101000000Z 2>/dev/null
openssl x509 -in expired.pem -noout -enddate | grep -q 2021 || die "could not make the expired certificate"

# ------------------------------------------------------------ helpers
wait_listen() {  # port pid
    for _ in $(seq 100); do
        ss -ltn "sport = :$1" | grep -q ":$1" && return 0
        kill -0 "$2" 2>/dev/null || die "s_server on $1 exited early: $(cat "$TMP/server-$1.log")"
        sleep 0.1
    done
    die "s_server on $1 does not listen"
}

# server PORT NACCEPT ARGS...: an s_server that exits after NACCEPT connections.
server() {
    local port=$1 n=$2
    shift 2
    openssl s_server -accept "$LOOP4:$port" -naccept "$n" -quiet "$@" </dev/null >"$TMP/server-$port.log" 2>&1 &
    PIDS+=($!)
    wait_listen "$port" "$!"
}

# client PORT ARGS...: one handshake; stdin stays open a moment so TLS 1.3
# session tickets (sent after the handshake) reach -sess_out.
client() {
    local port=$1
    shift
    (sleep 0.5) | timeout 20 openssl s_client -connect "$LOOP4:$port" "$@" >"$TMP/client-$port.log" 2>&1 ||
        die "s_client to $port failed: $(tail -5 "$TMP/client-$port.log")"
    grep -q "Cipher is" "$TMP/client-$port.log" || die "no handshake on $port: $(tail -5 "$TMP/client-$port.log")"
}

# ------------------------------------------------------------ capture
PCAP="$OUT_DIR/tls_lab.pcap"
# --immediate-mode: without it packets wait in the kernel ring for up to a
# second, and those still waiting when tcpdump is stopped never reach the file.
# -Z root: Debian's tcpdump otherwise drops to a user that may not write OUT_DIR.
tcpdump -i lo -n -U --immediate-mode -s 0 -Z root -w "$PCAP" "tcp portrange $PORT_FIRST-$PORT_LAST" \
    2>"$TMP/tcpdump.log" &
TCPDUMP=$!
PIDS+=("$TCPDUMP")
for _ in $(seq 50); do grep -q "listening on" "$TMP/tcpdump.log" && break; sleep 0.1; done
grep -q "listening on" "$TMP/tcpdump.log" || die "tcpdump did not start: $(cat "$TMP/tcpdump.log")"

WEAK="@SECLEVEL=0"
log "tls10: TLS 1.0, RSA-1024/SHA-1 self-signed"
server 47301 1 -tls1 -cipher "DEFAULT:$WEAK" -cert weak.pem -key weak.key
client 47301 -tls1 -cipher "DEFAULT:$WEAK" -servername "$SNI_SIP"

log "tls11: TLS 1.1, expired certificate"
server 47302 1 -tls1_1 -cipher "DEFAULT:$WEAK" -cert expired.pem -key expired.key
client 47302 -tls1_1 -cipher "DEFAULT:$WEAK" -servername "$SNI_MEET"

log "tls12_weak: NULL and anon offered, AES128-SHA chosen"
server 47303 1 -tls1_2 -cipher "AES128-SHA:$WEAK" -cert good.pem -key good.key -alpn http/1.1
client 47303 -tls1_2 -cipher "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:NULL-SHA256:ADH-AES128-SHA:$WEAK" \
    -servername "$SNI_MEET" -alpn http/1.1

log "tls13: TLS 1.3 with ALPN"
server 47304 1 -tls1_3 -cert good.pem -key good.key -alpn h2,http/1.1
client 47304 -tls1_3 -servername "$SNI_MEET" -alpn h2,http/1.1

log "resume_id: TLS 1.2 resumed by session id"
server 47305 2 -tls1_2 -no_ticket -cert good.pem -key good.key
client 47305 -tls1_2 -no_ticket -sess_out "$TMP/id.sess"
client 47305 -tls1_2 -no_ticket -sess_in "$TMP/id.sess"
grep -q "^Reused" "$TMP/client-47305.log" || die "resume_id: OpenSSL did not resume"

log "resume_tkt: TLS 1.2 resumed by ticket"
server 47306 2 -tls1_2 -cert good.pem -key good.key
client 47306 -tls1_2 -sess_out "$TMP/tkt.sess"
client 47306 -tls1_2 -sess_in "$TMP/tkt.sess"
grep -q "^Reused" "$TMP/client-47306.log" || die "resume_tkt: OpenSSL did not resume"

log "resume_psk: TLS 1.3 resumed with a PSK"
server 47307 2 -tls1_3 -cert good.pem -key good.key
client 47307 -tls1_3 -sess_out "$TMP/psk.sess"
client 47307 -tls1_3 -sess_in "$TMP/psk.sess"
grep -q "^Reused" "$TMP/client-47307.log" || die "resume_psk: OpenSSL did not resume"

log "reuse: two connections from one client port"
server 47308 2 -tls1_3 -cert good.pem -key good.key
# s_client cannot bind its source port; Python's ssl module can. The first
# connection is reset (SO_LINGER 0) so no TIME_WAIT blocks the second.
timeout 20 python3 - "$LOOP4" 47308 "$FIRST_REUSED_CLIENT_PORT" >"$TMP/client-47308.log" 2>&1 <<'PY' ||
import errno, socket, ssl, struct, sys
host, port, local = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
candidates = range(local, local + 10)  # the first free one, should another program hold it
for reset in (True, False):
    for candidate in candidates:
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            raw.bind((host, candidate))
            break
        except OSError as e:
            raw.close()
            if e.errno != errno.EADDRINUSE:
                raise
    candidates = [candidate]  # the second connection reuses the first one's port
    raw.connect((host, port))
    tls = ctx.wrap_socket(raw, server_hostname="reuse.lab.example")
    print(tls.version(), tls.getsockname()[1], flush=True)
    if reset:
        tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        tls.close()
    else:
        tls.unwrap().close()
PY
    die "reuse: the client failed: $(tail -5 "$TMP/client-47308.log")"
REUSED_CLIENT_PORT=$(awk '/^TLSv1.3 /{print $2; exit}' "$TMP/client-47308.log")
[[ -n $REUSED_CLIENT_PORT && $(grep -c "^TLSv1.3 $REUSED_CLIENT_PORT\$" "$TMP/client-47308.log") -eq 2 ]] ||
    die "reuse: expected two TLS 1.3 handshakes from one client port: $(cat "$TMP/client-47308.log")"

sleep 0.5
kill -INT "$TCPDUMP"
wait "$TCPDUMP" 2>/dev/null || true

cat > "$OUT_DIR/truth.json" <<JSON
{
  "capture": "tls_lab.pcap",
  "connections": [
    {"port": 47301, "nth": 1, "version": "TLS1.0", "sni": "$SNI_SIP", "resumed": "full",
     "app_guess": "sip", "app_basis": "sni", "cert_cn": "weak.lab.example",
     "cert_problems": ["self-signed certificate", "RSA 1024-bit key", "signature"]},
    {"port": 47302, "nth": 1, "version": "TLS1.1", "sni": "$SNI_MEET", "resumed": "full",
     "cert_cn": "expired.lab.example", "cert_problems": ["expired certificate", "self-signed certificate"]},
    {"port": 47303, "nth": 1, "version": "TLS1.2", "cipher": "TLS_RSA_WITH_AES_128_CBC_SHA", "resumed": "full",
     "alpn": "http/1.1", "server_alpn": "http/1.1", "app_guess": "https", "app_basis": "alpn",
     "offers": ["TLS_RSA_WITH_NULL_SHA256", "TLS_DH_anon_WITH_AES_128_CBC_SHA"]},
    {"port": 47304, "nth": 1, "version": "TLS1.3", "alpn": "h2,http/1.1", "resumed": "full",
     "app_guess": "https", "app_basis": "alpn"},
    {"port": 47305, "nth": 1, "version": "TLS1.2", "resumed": "full", "offered": 0},
    {"port": 47305, "nth": 2, "version": "TLS1.2", "resumed": "session_id", "offered": 1},
    {"port": 47306, "nth": 1, "version": "TLS1.2", "resumed": "full", "offered": 0},
    {"port": 47306, "nth": 2, "version": "TLS1.2", "resumed": "ticket", "offered": 1},
    {"port": 47307, "nth": 1, "version": "TLS1.3", "resumed": "full", "offered": 0},
    {"port": 47307, "nth": 2, "version": "TLS1.3", "resumed": "psk", "offered": 1},
    {"port": 47308, "nth": 1, "version": "TLS1.3", "sni": "reuse.lab.example", "resumed": "full",
     "client_port": $REUSED_CLIENT_PORT},
    {"port": 47308, "nth": 2, "version": "TLS1.3", "sni": "reuse.lab.example", "resumed": "full",
     "client_port": $REUSED_CLIENT_PORT}
  ],
  "findings": {
    "VC-TLS-001": [47301, 47302],
    "VC-TLS-002": [47303],
    "VC-TLS-004": [47303],
    "VC-TLS-003": ["weak.lab.example", "expired.lab.example"]
  }
}
JSON
log "wrote $PCAP and truth.json"
