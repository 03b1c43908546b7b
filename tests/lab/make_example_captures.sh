#!/usr/bin/env bash
# make_example_captures.sh - regenerate the small example captures of the
# bundled demo site by driving real programs (OpenSSL, SIPp) on loopback and
# recording them with tcpdump.
#
# Usage:  tests/lab/make_example_captures.sh [TARGET_DIR]
#         (TARGET_DIR defaults to examples/captures of this source tree)
#
# Writes into TARGET_DIR:
#   tls10-openssl.pcap   openssl s_server/s_client, TLS 1.0, SNI meeting.example.test,
#                        CBC-SHA1 suite (ECDHE-RSA-AES128-SHA) preferred by the server
#   tls13-openssl.pcap   openssl s_server/s_client, TLS 1.3, SNI mcu.example.test
#   sip-udp-sipp.pcap    sipp -sn uac -> sipp -sn uas over UDP, SDP RTP/AVP offer
#   sip-udp-sdes.pcap    sipp -sf tests/lab/sipp/uac_sdes.xml -> sipp -sn uas over UDP,
#                        SDP RTP/SAVP offer with a=crypto (SDES key in cleartext)
#
# Requirements: Debian 12, run as root (tcpdump on "lo"), packages tcpdump,
# openssl, sip-tester (sipp), tshark, iproute2 (ss), coreutils (timeout).
# Only loopback addresses (127.0.0.1) and high ports are used. Keys and
# certificates are throwaway, generated into a temporary directory that is
# removed on exit. Every capture is checked with tshark before it is moved
# into TARGET_DIR; any mismatch aborts the script with a non-zero status.

set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
OUT_DIR=${1:-"$REPO_ROOT/examples/captures"}
SDES_SCENARIO="$SCRIPT_DIR/sipp/uac_sdes.xml"

LOOP4=127.0.0.1
TLS10_PORT=44310
TLS13_PORT=44313
SIP_UAS_PORT=5070
SIP_UAC_PORT=5071
SDES_UAS_PORT=5080
SDES_UAC_PORT=5081
MAX_CAPTURE_BYTES=20000

log()  { printf '[make_example_captures] %s\n' "$*" >&2; }
die()  { printf '[make_example_captures] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
check_tools() {
    local missing=() t pkg
    # tool:debian-package
    for t in tcpdump:tcpdump openssl:openssl sipp:sip-tester tshark:tshark \
             ss:iproute2 timeout:coreutils; do
        if ! command -v "${t%%:*}" >/dev/null 2>&1; then
            missing+=("$t")
        fi
    done
    if ((${#missing[@]})); then
        for t in "${missing[@]}"; do
            pkg=${t#*:}
            log "missing tool: ${t%%:*} (Debian package: $pkg)"
        done
        die "install the missing packages first, e.g.: apt-get update && apt-get install -y $(
            for t in "${missing[@]}"; do printf '%s ' "${t#*:}"; done)"
    fi
    if [[ $(id -u) -ne 0 ]]; then
        die "must run as root (tcpdump needs to capture on the loopback interface)"
    fi
    [[ -r $SDES_SCENARIO ]] || die "sipp scenario not found: $SDES_SCENARIO"
}

# ---------------------------------------------------------------- processes
BG_PIDS=()
WORK=""

cleanup() {
    local rc=$? pid
    for pid in "${BG_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${BG_PIDS[@]}"; do
        # bounded: give each at most 2 s, then SIGKILL
        local i=0
        while kill -0 "$pid" 2>/dev/null && ((i < 20)); do sleep 0.1; i=$((i + 1)); done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ -n $WORK && -d $WORK ]]; then
        rm -rf -- "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

forget_pid() {
    local p=$1 keep=() q
    for q in "${BG_PIDS[@]}"; do [[ $q == "$p" ]] || keep+=("$q"); done
    BG_PIDS=("${keep[@]+"${keep[@]}"}")
}

# wait_bounded PID SECONDS: wait for a background child to exit; SIGKILL it
# after SECONDS. Sets WAIT_RC to the child's exit status; returns 1 on timeout.
# (Must run in the main shell, not in $(...), so that "wait" sees the child.)
WAIT_RC=0
wait_bounded() {
    local pid=$1 secs=$2 i=0 limit
    limit=$((secs * 10))
    WAIT_RC=0
    while kill -0 "$pid" 2>/dev/null && ((i < limit)); do
        sleep 0.1
        i=$((i + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        forget_pid "$pid"
        WAIT_RC=137
        return 1
    fi
    wait "$pid" || WAIT_RC=$?
    forget_pid "$pid"
}

# port_free PROTO(tcp|udp) PORT
port_free() {
    local flag=-ltn
    [[ $1 == udp ]] && flag=-lun
    ! ss -H "$flag" "sport = :$2" | grep -q .
}

# wait_listen PROTO PORT SECONDS: poll until something listens/binds on PORT.
wait_listen() {
    local flag=-ltn i=0 limit
    [[ $1 == udp ]] && flag=-lun
    limit=$(($3 * 10))
    while ((i < limit)); do
        if ss -H "$flag" "sport = :$2" | grep -q .; then return 0; fi
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# ---------------------------------------------------------------- tcpdump
CAP_PID=""

# start_capture FILE FILTER
start_capture() {
    local file=$1 filter=$2 errlog="$1.tcpdump.log" i=0
    # -Z root: keep root so the file in the 0700 temp dir stays writable;
    # --immediate-mode: no kernel buffering, so nothing is lost at SIGINT.
    tcpdump -i lo -n -U --immediate-mode -s 0 -Z root -w "$file" "$filter" 2>"$errlog" &
    CAP_PID=$!
    BG_PIDS+=("$CAP_PID")
    # bounded wait for "listening on lo, ..." on stderr
    while ! grep -q 'listening on' "$errlog" 2>/dev/null; do
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$errlog" >&2; die "tcpdump exited early"; }
        ((i < 100)) || { cat "$errlog" >&2; die "tcpdump not ready after 10 s"; }
        sleep 0.1
        i=$((i + 1))
    done
    sleep 0.3
}

stop_capture() {
    sleep 0.5 # let the last packets reach the capture buffer
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait_bounded "$CAP_PID" 5 || die "tcpdump did not stop within 5 s"
    [[ $WAIT_RC == 0 ]] || log "tcpdump exit status $WAIT_RC"
    CAP_PID=""
}

# ---------------------------------------------------------------- checks
# tshark wrapper: no name resolution, TCP reassembly on.
# Errors (e.g. a bad display filter) stay visible; only the root warning is dropped.
ts() {
    timeout 60 tshark -n -o tcp.desegment_tcp_streams:TRUE "$@" \
        2> >(grep -v 'Running as user "root"' >&2)
}

check_common() {
    local file=$1 size addrs
    [[ -s $file ]] || die "$file: empty capture"
    size=$(stat -c %s "$file")
    ((size < MAX_CAPTURE_BYTES)) || die "$file: $size bytes, expected < $MAX_CAPTURE_BYTES"
    # nothing but loopback addresses may appear
    addrs=$(ts -r "$file" -T fields -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst |
        tr -s '\t,' '\n' | sed '/^$/d' | sort -u)
    [[ -n $addrs ]] || die "$file: no IP packets"
    if grep -vqxE '127\.0\.0\.1|::1' <<<"$addrs"; then
        die "$file: non-loopback addresses: $(tr '\n' ' ' <<<"$addrs")"
    fi
    log "$(basename "$file"): $size bytes, $(ts -r "$file" -T fields -e frame.number | wc -l) frames"
}

# check_tls FILE EXPECT_VERSION(0x0301|0x0304) EXPECT_SNI
check_tls() {
    local file=$1 want=$2 sni=$3 sh got_sni ver suite sv
    check_common "$file"
    got_sni=$(ts -r "$file" -Y 'tls.handshake.type==1' -T fields -e tls.handshake.extensions_server_name)
    [[ $got_sni == "$sni" ]] || die "$file: ClientHello SNI '$got_sni', expected '$sni'"
    sh=$(ts -r "$file" -Y 'tls.handshake.type==2' -T fields -E occurrence=f \
        -e tls.handshake.version -e tls.handshake.ciphersuite -e tls.handshake.extensions.supported_version)
    [[ $(wc -l <<<"$sh") -eq 1 && -n $sh ]] || die "$file: expected exactly one ServerHello, got: $sh"
    IFS=$'\t' read -r ver suite sv <<<"$sh"
    case $want in
    0x0301)
        [[ $ver == 0x0301 && -z $sv ]] || die "$file: ServerHello version $ver/$sv, expected 0x0301"
        ;;
    0x0304)
        [[ $ver == 0x0303 && $sv == 0x0304 ]] ||
            die "$file: ServerHello legacy version $ver supported_version '$sv', expected 0x0303/0x0304"
        ;;
    esac
    [[ -n $suite ]] || die "$file: ServerHello without cipher suite"
    ts -r "$file" -Y 'tls.record.content_type==23 || tls.record.opaque_type==23' -T fields \
        -e frame.number | grep -q . || die "$file: no TLS application data records"
    ts -r "$file" -Y 'tcp.flags.fin==1' -T fields -e frame.number | grep -q . ||
        die "$file: connection close (FIN) not captured"
    log "$(basename "$file"): SNI=$got_sni version=${sv:-$ver} cipher=$suite"
}

# check_sip FILE SDP_PROTO NEED_CRYPTO(0|1)
check_sip() {
    local file=$1 proto=$2 crypto=$3 msgs m media
    check_common "$file"
    msgs=$(ts -r "$file" -Y 'sip && udp' -T fields -e sip.Method -e sip.Status-Code | tr '\t' ' ' |
        sed 's/^ //; s/ $//')
    for m in INVITE 180 200 ACK BYE; do
        grep -qx "$m" <<<"$msgs" || die "$file: no SIP '$m' found (saw: $(tr '\n' ' ' <<<"$msgs"))"
    done
    media=$(ts -r "$file" -Y 'sip.Method == "INVITE"' -T fields -e sdp.media.proto)
    [[ $media == "$proto" ]] || die "$file: INVITE SDP profile '$media', expected '$proto'"
    if ((crypto)); then
        ts -r "$file" -Y 'sip.Method == "INVITE" && sdp.media_attribute.field == "crypto"' \
            -T fields -E occurrence=a -e sdp.media_attr |
            grep -qE '(^|,)crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/]{40}(,|$)' ||
            die "$file: INVITE without a=crypto AES_CM_128_HMAC_SHA1_80 inline:"
    else
        if ts -r "$file" -Y 'sdp.media_attribute.field == "crypto"' -T fields -e frame.number | grep -q .; then
            die "$file: unexpected a=crypto"
        fi
    fi
    log "$(basename "$file"): SIP $(tr '\n' ' ' <<<"$msgs")| INVITE SDP $media"
}

# ---------------------------------------------------------------- exchanges
# tls_capture NAME PORT SNI VERSION_FLAG SERVER_CIPHER_ARGS... -- CLIENT_CIPHER_ARGS...
tls_capture() {
    local name=$1 port=$2 sni=$3 vflag=$4 srv_pid
    shift 4
    local srv_args=() cli_args=()
    while (($#)) && [[ $1 != -- ]]; do srv_args+=("$1"); shift; done
    (($#)) && shift
    cli_args=("$@")

    port_free tcp "$port" || die "TCP port $port on loopback already in use"
    log "capturing $name"
    start_capture "$WORK/$name" "tcp port $port"

    # -rev: the server echoes each line reversed and never reads its own stdin;
    # -naccept 1: it exits after the single connection.
    timeout 20 openssl s_server -accept "$LOOP4:$port" -naccept 1 -rev \
        -cert "$WORK/cert.pem" -key "$WORK/key.pem" "$vflag" \
        "${srv_args[@]+"${srv_args[@]}"}" \
        </dev/null >"$WORK/$name.server.log" 2>&1 &
    srv_pid=$!
    BG_PIDS+=("$srv_pid")
    wait_listen tcp "$port" 10 || { cat "$WORK/$name.server.log" >&2; die "s_server not listening"; }

    # one line, then EOF: s_client (without -quiet/-ign_eof) closes and quits.
    if ! { printf 'hello from the vcaudit lab\n'; sleep 0.5; } |
        timeout 10 openssl s_client -connect "$LOOP4:$port" -servername "$sni" "$vflag" \
            -no_ign_eof "${cli_args[@]+"${cli_args[@]}"}" \
            >"$WORK/$name.client.log" 2>&1; then
        cat "$WORK/$name.client.log" >&2
        die "s_client failed for $name"
    fi
    # the server's -rev echo proves application data went both ways
    grep -q 'bal tiduacv eht morf olleh' "$WORK/$name.client.log" ||
        { cat "$WORK/$name.client.log" >&2; die "no echo from s_server for $name"; }
    wait_bounded "$srv_pid" 10 || die "s_server did not exit"
    [[ $WAIT_RC == 0 ]] || { cat "$WORK/$name.server.log" >&2; die "s_server exit status $WAIT_RC"; }
    stop_capture
}

# sip_capture NAME UAS_PORT UAC_PORT UAC_SCENARIO_ARGS...
sip_capture() {
    local name=$1 uas_port=$2 uac_port=$3 uas_pid
    shift 3
    port_free udp "$uas_port" || die "UDP port $uas_port on loopback already in use"
    port_free udp "$uac_port" || die "UDP port $uac_port on loopback already in use"
    log "capturing $name"
    start_capture "$WORK/$name" "udp and (port $uas_port or port $uac_port)"

    mkdir -p "$WORK/$name.d"
    # sipp writes its error/trace files into the current directory
    (
        cd "$WORK/$name.d"
        exec timeout 30 sipp -sn uas -i "$LOOP4" -p "$uas_port" -m 1 -timeout 20s -nostdin \
            </dev/null >uas.log 2>&1
    ) &
    uas_pid=$!
    BG_PIDS+=("$uas_pid")
    wait_listen udp "$uas_port" 10 || { cat "$WORK/$name.d/uas.log" >&2; die "sipp uas not bound"; }

    if ! (
        cd "$WORK/$name.d"
        exec timeout 20 sipp "$@" "$LOOP4:$uas_port" -i "$LOOP4" -p "$uac_port" -m 1 \
            -timeout 10s -timeout_error -nostdin </dev/null >uac.log 2>&1
    ); then
        tail -n 30 "$WORK/$name.d/uac.log" >&2 || true
        die "sipp uac failed for $name"
    fi
    # uas ends after its 4 s timewait following the BYE
    wait_bounded "$uas_pid" 15 || die "sipp uas did not exit"
    [[ $WAIT_RC == 0 ]] || { tail -n 30 "$WORK/$name.d/uas.log" >&2; die "sipp uas exit status $WAIT_RC"; }
    stop_capture
}

# ---------------------------------------------------------------- main
main() {
    check_tools
    mkdir -p -- "$OUT_DIR"
    OUT_DIR=$(cd -- "$OUT_DIR" && pwd)
    WORK=$(mktemp -d /tmp/vcaudit-lab.XXXXXX)
    log "work dir $WORK, target $OUT_DIR"

    # throwaway self-signed RSA certificate for both TLS captures
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
        -keyout "$WORK/key.pem" -out "$WORK/cert.pem" \
        -subj '/O=vcaudit lab (throwaway)/CN=meeting.example.test' \
        -addext 'subjectAltName=DNS:meeting.example.test,DNS:mcu.example.test' \
        >/dev/null 2>&1 || die "openssl req failed"

    # a. TLS 1.0. OpenSSL 3 only allows TLS 1.0 at security level 0. The
    # server prefers ECDHE-RSA-AES128-SHA (CBC + HMAC-SHA1) over the rest of
    # DEFAULT so the capture also shows a weak suite.
    tls_capture tls10-openssl.pcap "$TLS10_PORT" meeting.example.test -tls1 \
        -cipher 'ECDHE-RSA-AES128-SHA:DEFAULT:@SECLEVEL=0' -serverpref \
        -- -cipher 'DEFAULT:@SECLEVEL=0'
    check_tls "$WORK/tls10-openssl.pcap" 0x0301 meeting.example.test

    # b. TLS 1.3, default suites.
    tls_capture tls13-openssl.pcap "$TLS13_PORT" mcu.example.test -tls1_3 --
    check_tls "$WORK/tls13-openssl.pcap" 0x0304 mcu.example.test

    # c. SIP over UDP, built-in scenarios, SDP RTP/AVP.
    sip_capture sip-udp-sipp.pcap "$SIP_UAS_PORT" "$SIP_UAC_PORT" -sn uac
    check_sip "$WORK/sip-udp-sipp.pcap" RTP/AVP 0

    # d. SIP over UDP, custom UAC offering RTP/SAVP with an SDES key.
    # AES_CM_128_HMAC_SHA1_80: 16-byte master key + 14-byte salt.
    local key
    key=$(openssl rand -base64 30)
    sip_capture sip-udp-sdes.pcap "$SDES_UAS_PORT" "$SDES_UAC_PORT" \
        -sf "$SDES_SCENARIO" -key srtpkey "$key"
    check_sip "$WORK/sip-udp-sdes.pcap" RTP/SAVP 1

    local f
    for f in tls10-openssl.pcap tls13-openssl.pcap sip-udp-sipp.pcap sip-udp-sdes.pcap; do
        install -m 0644 "$WORK/$f" "$OUT_DIR/$f"
    done
    log "done: 4 captures written to $OUT_DIR"
}

main "$@"
