#!/usr/bin/env bash
# make_creds_captures.sh - record credential exchanges of real clients and
# servers on loopback, one capture per scenario, plus truth.json describing
# every login attempt (user, outcome, the fake secret used, weak or not).
#
# Usage:  tests/lab/creds/make_creds_captures.sh OUT_DIR
#
# Scenarios (see README.md beside this file):
#   http_basic http_digest http_form   curl -> http_auth_server.py       tcp/18080
#   telnet                             telnet (pexpect) -> socat+telnetd tcp/2323
#   ftp                                curl -> vsftpd                    tcp/2121 (+pasv 2130-2139)
#   snmp                               snmpget v1/v2c -> snmpd           udp/1161
#   sip_register                       sipp UAC -> kamailio              udp/5070
#   sipvicious_svwar sipvicious_svcrack  svwar/svcrack -> kamailio       udp/5070
#
# Runs as root on Debian 12 (.ci/install-deps test installs what it needs).
# Every server gets its own config in a temporary directory, listens on
# 127.0.0.1 only, and is stopped on exit, even on failure. The telnet/FTP
# scenarios need a real local account: a temporary user is created with
# useradd and deleted on exit. All secrets are fake and never printed.

set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
PATH="$PATH:/usr/sbin:/sbin" # servers and useradd live there; some root shells lack it
[[ $# -eq 1 ]] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
OUT_DIR=$1

LOOP4=127.0.0.1
HTTP_PORT=18080
TELNET_PORT=2323
FTP_PORT=2121
FTP_PASV_MIN=2130
FTP_PASV_MAX=2139
SNMP_PORT=1161
SIP_PORT=5070
SIPP_PORT=5071
SVWAR_PORT=5072
SVCRACK_PORT=5073

LAB_USER=vcalab # temporary local account for telnet and FTP

# ------------------------------------------------------------ fake secrets
# "weak" in truth.json means: listed here. Every other secret must look
# long and random (checked by check_secret_shape).
WEAK_SECRETS=(123456 1234 0000 admin password public private qwerty letmein 111111 abc123 12345678 1q2w3e4r
              admin123 matkhau)

HTTP_ADMIN_PW="admin"
HTTP_OPERATOR_PW=fake-Op7Qm2xW9rTz4Kp8
HTTP_WRONG_STRONG=fake-Wr0ngKey5Tb9Xq2
LAB_USER_PW=fake-Tn4Vq8Lw2Rz7Xc5M
SNMP_COMMUNITY=fake-Sn7Kq2Wm9Xr4Tz6
SNMP_WRONG_STRONG=fake-Bad3Xk8Qw2Lm7Rv
SIP_1001_PW=1234
SIP_1002_PW=fake-Sp5Xw8Kq3Rm9Tz2L
SIP_1003_PW=password
SIP_WRONG_STRONG=fake-Nope4Kx7Wq2Rm8T
SVWAR_RANGE=1000-1010
SVCRACK_USER=1003
# A dozen wrong guesses, as a real dictionary run makes: more than the default
# burst threshold of the brute-force rules (10). The right one last: svcrack stops there.
SVCRACK_WORDS=(123456 admin 0000 1234 qwerty 111111 abc123 12345678 letmein 1q2w3e4r admin123 matkhau password)

log() { printf '[make_creds_captures] %s\n' "$*" >&2; }
die() { printf '[make_creds_captures] ERROR: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------ tools
PY=""
MODULES_DIR=""

check_tools() {
    local missing=() t
    # program:debian-package
    for t in tcpdump:tcpdump tshark:tshark curl:curl socat:socat telnet:inetutils-telnet \
             /usr/sbin/telnetd:inetutils-telnetd /usr/sbin/vsftpd:vsftpd /usr/sbin/snmpd:snmpd \
             snmpget:snmp kamailio:kamailio sipp:sip-tester svwar:sipvicious svcrack:sipvicious \
             useradd:passwd chpasswd:passwd userdel:passwd timeout:coreutils; do
        command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("$t")
    done
    for PY in /usr/bin/python3 python3 ""; do
        [[ -n $PY ]] && command -v "$PY" >/dev/null 2>&1 && "$PY" -c 'import pexpect' 2>/dev/null && break
    done
    [[ -n $PY ]] || missing+=("python3 with pexpect:python3-pexpect")
    if ((${#missing[@]})); then
        for t in "${missing[@]}"; do log "missing program: ${t%%:*} (Debian package: ${t#*:})"; done
        die "install the missing packages first, e.g.: apt-get install -y $(
            printf '%s\n' "${missing[@]}" | sed 's/.*://' | sort -u | tr '\n' ' ')(or run: .ci/install-deps test)"
    fi
    [[ $(id -u) -eq 0 ]] || die "must run as root (tcpdump on lo, a temporary local user for telnet/FTP)"
    for MODULES_DIR in /usr/lib/*/kamailio/modules /usr/lib/kamailio/modules ""; do
        [[ -n $MODULES_DIR && -r $MODULES_DIR/auth_db.so && -r $MODULES_DIR/db_text.so ]] && break
    done
    [[ -n $MODULES_DIR ]] || die "kamailio modules auth_db.so/db_text.so not found (Debian package: kamailio)"
    local f
    for f in http_auth_server.py telnet_login.py kamailio.cfg.in vsftpd.conf.in snmpd.conf.in \
             sipp/uac_register_accepted.xml sipp/uac_register_rejected.xml; do
        [[ -r $SCRIPT_DIR/$f ]] || die "missing lab file: $SCRIPT_DIR/$f"
    done
}

is_weak() {
    local s
    for s in "${WEAK_SECRETS[@]}"; do [[ $1 == "$s" ]] && return 0; done
    return 1
}

# Secrets go into URLs, forms, shell words and SIP headers unquoted: keep them plain.
check_secret_shape() {
    [[ $1 =~ ^[A-Za-z0-9-]+$ ]] || die "secret of length ${#1} has characters other than [A-Za-z0-9-]"
    is_weak "$1" || ((${#1} >= 16)) || die "secret of length ${#1} is neither weak-listed nor long"
}

# ------------------------------------------------------------ processes
BG_PIDS=()
WORK=""
USER_CREATED=0

remove_lab_user() {
    ((USER_CREATED)) || return 0
    local uid i=0
    uid=$(id -u "$LAB_USER" 2>/dev/null) || { USER_CREATED=0; return 0; }
    # the login session of the telnet scenario may take a moment to go away
    while ((i < 50)) && grep -qs "^Uid:[[:space:]]*${uid}[[:space:]]" /proc/[0-9]*/status; do
        sleep 0.1
        i=$((i + 1))
    done
    if ! userdel "$LAB_USER" 2>/dev/null; then
        userdel -f "$LAB_USER" || log "WARNING: could not delete temporary user $LAB_USER"
    fi
    USER_CREATED=0
}

stop_pid() { # stop_pid PID: TERM, at most 3 s, then KILL
    local pid=$1 i=0
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && ((i < 30)); do sleep 0.1; i=$((i + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

forget_pid() {
    local p=$1 keep=() q
    for q in "${BG_PIDS[@]+"${BG_PIDS[@]}"}"; do [[ $q == "$p" ]] || keep+=("$q"); done
    BG_PIDS=("${keep[@]+"${keep[@]}"}")
}

cleanup() {
    local rc=$? i
    # reverse order: captures stop last
    for ((i = ${#BG_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${BG_PIDS[i]}"; done
    BG_PIDS=()
    remove_lab_user
    if [[ -n $WORK && -d $WORK ]]; then rm -rf -- "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_bg() { # start_bg LOGFILE CMD...: run CMD in the background, remember its pid
    local logf=$1
    shift
    "$@" </dev/null >"$logf" 2>&1 &
    BG_PIDS+=("$!")
    LAST_PID=$!
}

stop_bg() { stop_pid "$1"; forget_pid "$1"; }

# port_bound tcp|udp PORT: something is listening on 127.0.0.1:PORT
# (reads /proc so that no extra tool is needed)
port_bound() {
    local hex
    hex=$(printf '0100007F:%04X' "$2")
    if [[ $1 == tcp ]]; then
        awk -v a="$hex" '$2 == a && $4 == "0A" { f = 1 } END { exit !f }' /proc/net/tcp
    else
        awk -v a="$hex" '$2 == a { f = 1 } END { exit !f }' /proc/net/udp
    fi
}

wait_bound() { # wait_bound tcp|udp PORT SECONDS PID LOG
    local i=0 limit=$(($3 * 10))
    while ! port_bound "$1" "$2"; do
        kill -0 "$4" 2>/dev/null || { show_log "$5"; die "server for $1/$2 exited early"; }
        ((i < limit)) || { show_log "$5"; die "nothing listening on $1/$2 after $3 s"; }
        sleep 0.1
        i=$((i + 1))
    done
}

require_free() {
    ! port_bound "$1" "$2" || die "$1 port $2 on $LOOP4 already in use"
}

# show_log FILE: print a log with every lab secret masked (first char + length)
show_log() {
    [[ -r $1 ]] || return 0
    log "---- ${1##*/} (secrets masked) ----"
    "$PY" - "$WORK/secrets.txt" "$1" <<'EOF' >&2 || true
import sys
secrets = [s for s in open(sys.argv[1], encoding="utf-8").read().split("\n") if s]
text = open(sys.argv[2], encoding="utf-8", errors="replace").read()
for s in sorted(secrets, key=len, reverse=True):
    text = text.replace(s, "%s***(%d)" % (s[0], len(s)))
sys.stderr.write("\n".join(text.splitlines()[-40:]) + "\n")
EOF
}

# ------------------------------------------------------------ capture
CAP_PID=""

start_capture() { # start_capture NAME FILTER
    local file="$WORK/$1.pcap" errlog="$WORK/$1.tcpdump.log" i=0
    # -U --immediate-mode: every packet reaches the file at once; -Z root keeps
    # write access to the 0700-style work dir
    tcpdump -i lo -n -U --immediate-mode -s 0 -Z root -w "$file" "$2" 2>"$errlog" &
    CAP_PID=$!
    BG_PIDS+=("$CAP_PID")
    while ! grep -q 'listening on' "$errlog" 2>/dev/null; do
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$errlog" >&2; die "tcpdump exited early"; }
        ((i < 100)) || { cat "$errlog" >&2; die "tcpdump not capturing after 10 s"; }
        sleep 0.1
        i=$((i + 1))
    done
    sleep 0.3 # the filter is attached once "listening on" is printed; margin for the ring
}

stop_capture() { # stop_capture NAME
    local i=0
    sleep 0.5 # let the last packets reach the capture
    kill -INT "$CAP_PID" 2>/dev/null || true
    while kill -0 "$CAP_PID" 2>/dev/null && ((i < 50)); do sleep 0.1; i=$((i + 1)); done
    kill -0 "$CAP_PID" 2>/dev/null && die "tcpdump did not stop within 5 s"
    wait "$CAP_PID" 2>/dev/null || true
    forget_pid "$CAP_PID"
    CAP_PID=""
    [[ -s $WORK/$1.pcap ]] || die "$1: empty capture"
    local n
    n=$(timeout 30 tshark -n -r "$WORK/$1.pcap" -T fields -e frame.number 2>/dev/null | wc -l)
    ((n > 0)) || die "$1: capture holds no packets"
    log "$1: $(stat -c %s "$WORK/$1.pcap") bytes, $n packets"
}

# ------------------------------------------------------------ truth
# truth.tsv rows: S name capture protocol transport port server client
#                 A name username outcome secret extra
truth_scenario() { printf 'S\t%s\t%s.pcap\t%s\t%s\t%s\t%s\t%s\n' "$1" "$1" "$2" "$3" "$4" "$5" "$6" >>"$WORK/truth.tsv"; }
truth_attempt() {
    check_secret_shape "$4"
    printf 'A\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" >>"$WORK/truth.tsv"
}
truth_note() { printf 'N\t%s\t%s\t%s\n' "$1" "$2" "$3" >>"$WORK/truth.tsv"; }

write_truth() {
    local weak
    weak=$(printf '%s\n' "${WEAK_SECRETS[@]}")
    "$PY" - "$WORK/truth.tsv" "$OUT_DIR/truth.json" "$weak" <<'EOF'
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
weak = set(sys.argv[3].split("\n"))
scenarios, by_name = [], {}
for r in rows:
    if r[0] == "S":
        s = {"name": r[1], "capture": r[2], "protocol": r[3], "transport": r[4],
             "server_ip": "127.0.0.1", "server_port": int(r[5]), "server": r[6],
             "client": r[7], "attempts": []}
        scenarios.append(s)
        by_name[r[1]] = s
    elif r[0] == "A":
        a = {"username": r[2], "outcome": r[3], "secret": r[4], "weak": r[4] in weak}
        if r[5]:
            k, _, v = r[5].partition("=")
            a[k] = int(v) if k.endswith(("_status", "_reply")) else v
        by_name[r[1]]["attempts"].append(a)
    elif r[0] == "N":
        by_name[r[1]][r[2]] = json.loads(r[3])
doc = {
    "generator": "tests/lab/creds/make_creds_captures.sh",
    "note": "all secrets are fake lab values; 'weak' = in the lab's weak list",
    "weak_list": sorted(weak),
    "scenarios": scenarios,
}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
EOF
}

# ------------------------------------------------------------ HTTP
HTTP_PID=""

start_http() {
    require_free tcp "$HTTP_PORT"
    printf '{"admin": "%s", "operator": "%s"}\n' "$HTTP_ADMIN_PW" "$HTTP_OPERATOR_PW" >"$WORK/http_users.json"
    start_bg "$WORK/http.log" "$PY" "$SCRIPT_DIR/http_auth_server.py" --bind "$LOOP4" --port "$HTTP_PORT" \
        --users "$WORK/http_users.json"
    HTTP_PID=$LAST_PID
    wait_bound tcp "$HTTP_PORT" 10 "$HTTP_PID" "$WORK/http.log"
}

# http_attempt SCENARIO USER PASSWORD OUTCOME
http_attempt() {
    local sc=$1 user=$2 pw=$3 outcome=$4 want code url=http://$LOOP4:$HTTP_PORT
    local args=(-sS --max-time 10 -o /dev/null -w '%{http_code}')
    case $sc in
    http_basic)
        [[ $outcome == success ]] && want=200 || want=401
        code=$(curl "${args[@]}" --basic -u "$user:$pw" "$url/basic/") || true
        ;;
    http_digest)
        [[ $outcome == success ]] && want=200 || want=401
        code=$(curl "${args[@]}" --digest -u "$user:$pw" "$url/digest/") || true
        ;;
    http_form)
        [[ $outcome == success ]] && want=302 || want=200
        code=$(curl "${args[@]}" -d "username=$user&password=$pw" "$url/login") || true
        ;;
    esac
    [[ $code == "$want" ]] || { show_log "$WORK/http.log"; die "$sc: user $user got HTTP '$code', expected $want"; }
    truth_attempt "$sc" "$user" "$outcome" "$pw" "http_status=$code"
}

scenario_http() { # scenario_http NAME PROTOCOL CLIENT
    local sc=$1
    log "scenario $sc"
    truth_scenario "$sc" "$2" tcp "$HTTP_PORT" http_auth_server.py "$3"
    start_capture "$sc" "tcp port $HTTP_PORT"
    http_attempt "$sc" admin 123456 failure
    http_attempt "$sc" admin "$HTTP_ADMIN_PW" success
    http_attempt "$sc" operator "$HTTP_WRONG_STRONG" failure
    http_attempt "$sc" operator "$HTTP_OPERATOR_PW" success
    stop_capture "$sc"
}

# ------------------------------------------------------------ lab user
create_lab_user() {
    if getent passwd "$LAB_USER" >/dev/null; then
        die "user $LAB_USER already exists (left over from an interrupted run? remove it with: userdel $LAB_USER)"
    fi
    mkdir -p "$WORK/home"
    USER_CREATED=1
    useradd -M -d "$WORK/home" -s /bin/sh -c "vcaudit lab (temporary)" "$LAB_USER" ||
        { USER_CREATED=0; die "useradd $LAB_USER failed"; }
    chown "$LAB_USER:" "$WORK/home"
    printf '%s:%s\n' "$LAB_USER" "$LAB_USER_PW" | chpasswd || die "chpasswd for $LAB_USER failed"
}

# ------------------------------------------------------------ telnet
scenario_telnet() {
    local sc=telnet pid
    log "scenario $sc"
    require_free tcp "$TELNET_PORT"
    # inetd style: socat accepts, forks, and (nofork) execs telnetd with the
    # TCP socket itself as stdin/stdout, which is what telnetd expects
    start_bg "$WORK/socat.log" socat "TCP-LISTEN:$TELNET_PORT,bind=$LOOP4,reuseaddr,fork" \
        "EXEC:/usr/sbin/telnetd -h,nofork"
    pid=$LAST_PID
    wait_bound tcp "$TELNET_PORT" 10 "$pid" "$WORK/socat.log"

    truth_scenario "$sc" telnet tcp "$TELNET_PORT" "inetutils telnetd (via socat)" "inetutils telnet (pexpect)"
    printf '[{"username": "%s", "password": "123456", "expect": "failure"},
              {"username": "%s", "password": "%s", "expect": "success"}]\n' \
        "$LAB_USER" "$LAB_USER" "$LAB_USER_PW" >"$WORK/telnet_attempts.json"
    start_capture "$sc" "tcp port $TELNET_PORT"
    timeout 60 "$PY" "$SCRIPT_DIR/telnet_login.py" "$LOOP4" "$TELNET_PORT" "$WORK/telnet_attempts.json" \
        2>"$WORK/telnet_client.log" || { show_log "$WORK/telnet_client.log"; die "telnet login scenario failed"; }
    stop_capture "$sc"
    truth_attempt "$sc" "$LAB_USER" failure 123456
    truth_attempt "$sc" "$LAB_USER" success "$LAB_USER_PW"
    rm -f "$WORK/telnet_attempts.json"
    stop_bg "$pid"
}

# ------------------------------------------------------------ FTP
ftp_attempt() { # ftp_attempt USER PASSWORD OUTCOME
    local rc=0
    timeout 30 curl -sS --max-time 15 -u "$1:$2" "ftp://$LOOP4:$FTP_PORT/" \
        >"$WORK/ftp_list.txt" 2>"$WORK/ftp_client.log" || rc=$?
    case $3:$rc in
    success:0) grep -q readme.txt "$WORK/ftp_list.txt" || die "ftp: listing lacks readme.txt" ;;
    failure:67) ;; # 67 = login denied
    *) show_log "$WORK/ftp_client.log"; show_log "$WORK/vsftpd.log"; die "ftp: user $1 curl exit $rc, expected $3" ;;
    esac
    truth_attempt ftp "$1" "$3" "$2" "ftp_reply=$([[ $3 == success ]] && echo 230 || echo 530)"
}

scenario_ftp() {
    local sc=ftp pid
    log "scenario $sc"
    require_free tcp "$FTP_PORT"
    mkdir -p "$WORK/ftproot" "$WORK/empty"
    echo "vcaudit lab file" >"$WORK/ftproot/readme.txt"
    chmod 755 "$WORK/ftproot" "$WORK/empty"
    chmod 644 "$WORK/ftproot/readme.txt"
    sed -e "s|@LISTEN_IP@|$LOOP4|g" -e "s|@LISTEN_PORT@|$FTP_PORT|g" -e "s|@FTP_ROOT@|$WORK/ftproot|g" \
        -e "s|@EMPTY_DIR@|$WORK/empty|g" -e "s|@PASV_MIN@|$FTP_PASV_MIN|g" -e "s|@PASV_MAX@|$FTP_PASV_MAX|g" \
        -e "s|@LOG_FILE@|$WORK/vsftpd.log|g" "$SCRIPT_DIR/vsftpd.conf.in" >"$WORK/vsftpd.conf"
    start_bg "$WORK/vsftpd.out" /usr/sbin/vsftpd "$WORK/vsftpd.conf"
    pid=$LAST_PID
    wait_bound tcp "$FTP_PORT" 10 "$pid" "$WORK/vsftpd.out"

    truth_scenario "$sc" ftp tcp "$FTP_PORT" vsftpd curl
    start_capture "$sc" "tcp port $FTP_PORT or tcp portrange $FTP_PASV_MIN-$FTP_PASV_MAX"
    ftp_attempt admin admin failure # no such account
    ftp_attempt "$LAB_USER" password failure
    ftp_attempt "$LAB_USER" "$LAB_USER_PW" success
    stop_capture "$sc"
    stop_bg "$pid"
}

# ------------------------------------------------------------ SNMP
snmp_env() {
    # keep net-snmp away from /etc/snmp, /var/lib/snmp and the MIB files
    env SNMPCONFPATH="$WORK/snmp" SNMP_PERSISTENT_DIR="$WORK/snmp/persist" MIBDIRS="$WORK/snmp/nomibs" MIBS= "$@"
}

snmp_attempt() { # snmp_attempt VERSION COMMUNITY OUTCOME
    local rc=0 oid=.1.3.6.1.2.1.1.5.0 # sysName.0, inside the view of both communities
    snmp_env timeout 10 snmpget -v "$1" -c "$2" -r 0 -t 1 -On "$LOOP4:$SNMP_PORT" "$oid" \
        >"$WORK/snmp_out.txt" 2>&1 || rc=$?
    case $3:$rc in
    success:0) grep -q 'vcaudit-lab-agent' "$WORK/snmp_out.txt" || die "snmp v$1: unexpected answer" ;;
    failure:1) grep -q 'Timeout' "$WORK/snmp_out.txt" || die "snmp v$1: failure without timeout" ;;
    *) show_log "$WORK/snmp_out.txt"; die "snmp v$1 community of length ${#2}: exit $rc, expected $3" ;;
    esac
    truth_attempt snmp "" "$3" "$2" "snmp_version=$1"
}

scenario_snmp() {
    local sc=snmp pid
    log "scenario $sc"
    require_free udp "$SNMP_PORT"
    mkdir -p "$WORK/snmp/persist" "$WORK/snmp/nomibs"
    sed -e "s|@LISTEN_IP@|$LOOP4|g" -e "s|@LISTEN_PORT@|$SNMP_PORT|g" -e "s|@COMMUNITY@|$SNMP_COMMUNITY|g" \
        "$SCRIPT_DIR/snmpd.conf.in" >"$WORK/snmp/snmpd.conf"
    # -f foreground, -C only our config, -Lo log to stdout
    # env execs snmpd, so the remembered pid is snmpd's own
    start_bg "$WORK/snmpd.log" env SNMPCONFPATH="$WORK/snmp" SNMP_PERSISTENT_DIR="$WORK/snmp/persist" \
        MIBDIRS="$WORK/snmp/nomibs" MIBS= /usr/sbin/snmpd -f -C -c "$WORK/snmp/snmpd.conf" -Lo \
        -p "$WORK/snmp/snmpd.pid"
    pid=$LAST_PID
    wait_bound udp "$SNMP_PORT" 10 "$pid" "$WORK/snmpd.log"

    truth_scenario "$sc" snmp udp "$SNMP_PORT" "net-snmp snmpd" "net-snmp snmpget"
    start_capture "$sc" "udp port $SNMP_PORT"
    snmp_attempt 1 "$SNMP_COMMUNITY" success
    snmp_attempt 2c "$SNMP_COMMUNITY" success
    snmp_attempt 2c private failure
    snmp_attempt 1 public success
    snmp_attempt 2c "$SNMP_WRONG_STRONG" failure
    stop_capture "$sc"
    stop_bg "$pid"
}

# ------------------------------------------------------------ SIP
KAM_PID=""

start_kamailio() {
    require_free udp "$SIP_PORT"
    mkdir -p "$WORK/kamdb" "$WORK/kamrun"
    # db_text tables: "name(type[,null])" header line, then ':'-separated rows
    printf 'table_name(str) table_version(int) \nsubscriber:7\nlocation:9\n' >"$WORK/kamdb/version"
    {
        printf 'id(int,auto) username(str) domain(str) password(str) ha1(str,null) ha1b(str,null) rpid(str,null) \n'
        printf '1:1001:%s:%s:::\n' "$LOOP4" "$SIP_1001_PW"
        printf '2:1002:%s:%s:::\n' "$LOOP4" "$SIP_1002_PW"
        printf '3:1003:%s:%s:::\n' "$LOOP4" "$SIP_1003_PW"
    } >"$WORK/kamdb/subscriber"
    sed -e "s|@LISTEN_IP@|$LOOP4|g" -e "s|@LISTEN_PORT@|$SIP_PORT|g" -e "s|@MODULES_DIR@|$MODULES_DIR|g" \
        -e "s|@DB_DIR@|$WORK/kamdb|g" "$SCRIPT_DIR/kamailio.cfg.in" >"$WORK/kamailio.cfg"
    kamailio -c -f "$WORK/kamailio.cfg" >"$WORK/kamailio-check.log" 2>&1 ||
        { show_log "$WORK/kamailio-check.log"; die "kamailio rejects the lab config"; }
    # -DD: stay in the foreground (children still forked), -E: log to stderr
    start_bg "$WORK/kamailio.log" kamailio -f "$WORK/kamailio.cfg" -DD -E -Y "$WORK/kamrun" \
        -P "$WORK/kamrun/kamailio.pid" -m 32 -M 4
    KAM_PID=$LAST_PID
    wait_bound udp "$SIP_PORT" 15 "$KAM_PID" "$WORK/kamailio.log"
}

sipp_attempt() { # sipp_attempt USER PASSWORD OUTCOME
    local kind=accepted code=200 rc=0
    [[ $3 == failure ]] && kind=rejected code=403
    mkdir -p "$WORK/sipp"
    # sipp writes its error/trace files into the current directory
    (
        cd "$WORK/sipp"
        exec timeout 20 sipp -sf "$SCRIPT_DIR/sipp/uac_register_$kind.xml" "$LOOP4:$SIP_PORT" -i "$LOOP4" \
            -p "$SIPP_PORT" -m 1 -s "$1" -au "$1" -ap "$2" -timeout 10s -timeout_error -nostdin \
            </dev/null >uac.log 2>&1
    ) || rc=$?
    ((rc == 0)) || { show_log "$WORK/sipp/uac.log"; show_log "$WORK/kamailio.log"; die "sipp: user $1 (expected $code) exit $rc"; }
    truth_attempt sip_register "$1" "$3" "$2" "sip_status=$code"
}

scenario_sip_register() {
    local sc=sip_register
    log "scenario $sc"
    require_free udp "$SIPP_PORT"
    truth_scenario "$sc" sip udp "$SIP_PORT" kamailio "sipp (uac_register_*.xml)"
    start_capture "$sc" "udp port $SIP_PORT"
    sipp_attempt 1001 "$SIP_1001_PW" success
    sipp_attempt 1002 "$SIP_1002_PW" success
    sipp_attempt 1001 "$SIP_WRONG_STRONG" failure
    sipp_attempt 1002 0000 failure
    stop_capture "$sc"
}

scenario_svwar() {
    local sc=sipvicious_svwar found
    log "scenario $sc"
    require_free udp "$SVWAR_PORT"
    truth_scenario "$sc" sip udp "$SIP_PORT" kamailio "sipvicious svwar"
    start_capture "$sc" "udp port $SIP_PORT"
    # HOME: sipvicious keeps its session files under ~/.sipvicious
    HOME="$WORK" timeout 60 svwar -e "$SVWAR_RANGE" -b "$LOOP4" -P "$SVWAR_PORT" -p "$SIP_PORT" "$LOOP4" \
        </dev/null >"$WORK/svwar.log" 2>&1 || { show_log "$WORK/svwar.log"; die "svwar failed"; }
    stop_capture "$sc"
    found=$(grep -oE '^\| *[0-9]+ *\| *reqauth' "$WORK/svwar.log" | grep -oE '[0-9]+' | sort | tr '\n' ' ')
    [[ $found == "1001 1002 1003 " ]] || { show_log "$WORK/svwar.log"; die "svwar found '$found', expected 1001 1002 1003"; }
    truth_note "$sc" scan "{\"tool\": \"svwar\", \"method\": \"REGISTER\", \"extensions_tried\": \"$SVWAR_RANGE\", \"extensions_found\": [\"1001\", \"1002\", \"1003\"], \"user_agent\": \"friendly-scanner\"}"
}

scenario_svcrack() {
    local sc=sipvicious_svcrack w n=0
    log "scenario $sc"
    require_free udp "$SVCRACK_PORT"
    truth_scenario "$sc" sip udp "$SIP_PORT" kamailio "sipvicious svcrack"
    printf '%s\n' "${SVCRACK_WORDS[@]}" >"$WORK/svcrack_words.txt"
    [[ ${SVCRACK_WORDS[-1]} == "$SIP_1003_PW" ]] || die "svcrack wordlist must end with the right password"
    start_capture "$sc" "udp port $SIP_PORT"
    HOME="$WORK" timeout 60 svcrack -u "$SVCRACK_USER" -d "$WORK/svcrack_words.txt" -b "$LOOP4" \
        -P "$SVCRACK_PORT" -p "$SIP_PORT" "$LOOP4" </dev/null >"$WORK/svcrack.log" 2>&1 ||
        { show_log "$WORK/svcrack.log"; die "svcrack failed"; }
    stop_capture "$sc"
    # svcrack prints the cracked password: check it quietly
    grep -qE "^\| *$SVCRACK_USER *\| *$SIP_1003_PW *\|" "$WORK/svcrack.log" ||
        { show_log "$WORK/svcrack.log"; die "svcrack did not find the password of $SVCRACK_USER"; }
    for w in "${SVCRACK_WORDS[@]}"; do
        n=$((n + 1))
        if ((n == ${#SVCRACK_WORDS[@]})); then
            truth_attempt "$sc" "$SVCRACK_USER" success "$w" "sip_status=200"
        else
            truth_attempt "$sc" "$SVCRACK_USER" failure "$w" "sip_status=403"
        fi
    done
    truth_note "$sc" scan '{"tool": "svcrack", "method": "REGISTER", "user_agent": "friendly-scanner"}'
}

# ------------------------------------------------------------ main
main() {
    local t0=$SECONDS f
    check_tools
    mkdir -p -- "$OUT_DIR"
    OUT_DIR=$(cd -- "$OUT_DIR" && pwd)
    WORK=$(mktemp -d /tmp/vcaudit-creds.XXXXXX)
    chmod 711 "$WORK" # the lab user must reach its home and the FTP root below
    : >"$WORK/truth.tsv"
    printf '%s\n' "$HTTP_ADMIN_PW" "$HTTP_OPERATOR_PW" "$HTTP_WRONG_STRONG" "$LAB_USER_PW" "$SNMP_COMMUNITY" \
        "$SNMP_WRONG_STRONG" "$SIP_1002_PW" "$SIP_WRONG_STRONG" "${WEAK_SECRETS[@]}" >"$WORK/secrets.txt"
    log "work dir $WORK, output $OUT_DIR"

    start_http
    scenario_http http_basic http-basic "curl --basic"
    scenario_http http_digest http-digest "curl --digest"
    scenario_http http_form http-form "curl -d (POST form)"
    stop_bg "$HTTP_PID"

    create_lab_user
    scenario_telnet
    scenario_ftp
    remove_lab_user

    scenario_snmp

    start_kamailio
    scenario_sip_register
    scenario_svwar
    scenario_svcrack
    stop_bg "$KAM_PID"

    for f in "$WORK"/*.pcap; do install -m 0644 "$f" "$OUT_DIR/"; done
    write_truth
    log "done in $((SECONDS - t0)) s: $(cd "$WORK" && echo *.pcap) truth.json in $OUT_DIR"
}

main "$@"
