#!/usr/bin/env bash
# Ingestion benchmark: inletd serve against nginx's static 200, same requests,
# same run. See docs/benchmarks.md.
#
#   bench/ingest/run.sh                 # every variant (a few minutes)
#   DURATION=5 SCHEMES=stripe SIZES=1024 CONNS=64 bench/ingest/run.sh
#
# Environment knobs (defaults in brackets):
#   DURATION   seconds per wrk run [8]
#   SCHEMES    stripe svix none [all three]
#   SIZES      body sizes in bytes [1024 20480]
#   CONNS      connection counts [1 64]
#   COUNT      pre-signed requests per (scheme, size) [200000]
#   SKIP_BUILD 1 = use the existing build/bench/app/inletd
#   INLETD     path of an inletd to test instead of building one
#   KEEP       1 = keep the temporary directory (databases, logs)
#   RESULTS    also append the table to this file
#   INLET_ENV  extra environment for inletd, e.g. "QT_NO_GLIB=1"
#   DATABASE   a postgresql:// URL: inletd stores on PostgreSQL (a fresh schema
#              per run, dropped afterwards; needs psql) instead of SQLite.
#              The write volume shown is then inletd's own, not the server's.
#   PROFILE    perf: sample inletd with `perf record -e cpu-clock` (DWARF call
#              graphs) during each Inlet run and print its top functions;
#              callgrind: run inletd under valgrind --tool=callgrind (slow:
#              use with a short DURATION and one variant). Reports are kept
#              in PROFILE_DIR [bench/ingest/profiles, not committed].
#
# For each variant: nginx (one worker, static 200, access log off) first, then
# a fresh inletd (new database, config imported) with a Stripe, a Svix and an
# unverified source, each with idempotency on body.id, an identify and a
# workflow-trigger mapping on invoice.paid. After each Inlet run the script
# waits until no event is left `accepted` and checks that every acknowledged
# event was stored and processed, with its two successful actions.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/ingest"
DURATION=${DURATION:-8}
SCHEMES=${SCHEMES:-"stripe svix none"}
SIZES=${SIZES:-"1024 20480"}
CONNS=${CONNS:-"1 64"}
COUNT=${COUNT:-200000}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-300}
PROFILE=${PROFILE:-}
PROFILE_DIR=${PROFILE_DIR:-$HERE/profiles}

log() { printf '%s\n' "$*" >&2; }

# --- tools --------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v python3 >/dev/null || missing+=(python3)
[ "$PROFILE" = perf ] && { command -v perf >/dev/null || missing+=(linux-perf); }
[ "$PROFILE" = callgrind ] && { command -v valgrind >/dev/null || missing+=(valgrind); }
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- build --------------------------------------------------------------------
if [ -n "${INLETD:-}" ]; then
    :
elif [ "${SKIP_BUILD:-0}" = 1 ] && [ -x "$ROOT/build/bench/app/inletd" ]; then
    INLETD="$ROOT/build/bench/app/inletd"
else
    log "building inletd (Release) in build/bench"
    cmake -S "$ROOT" -B "$ROOT/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DINLET_BUILD_GUI=OFF \
        -DINLET_BUILD_TESTS=OFF >/dev/null
    cmake --build "$ROOT/build/bench" -j2 --target inletd >/dev/null
    INLETD="$ROOT/build/bench/app/inletd"
fi

# --- scratch space and cleanup ------------------------------------------------
WORK=$(mktemp -d /tmp/inlet-bench.XXXXXX)
INLET_PID=""
NGINX_PID=""
PERF_PID=""
cleanup() {
    if [ -n "$PERF_PID" ]; then kill -INT "$PERF_PID" 2>/dev/null || true; wait "$PERF_PID" 2>/dev/null || true; fi
    if [ -n "$INLET_PID" ]; then kill "$INLET_PID" 2>/dev/null || true; wait "$INLET_PID" 2>/dev/null || true; fi
    if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

STRIPE_SECRET="whsec_benchStripeSigningSecret0123456789"
SVIX_SECRET="whsec_$(printf 'bench-svix-signing-key-32-bytes!' | base64)"
token_for() { echo "tok_bench_${1}_0123456789abcdef"; }

cat >"$WORK/inlet.json" <<JSON
{ "version": 1,
  "environments": [ {"key": "development", "name": "Development"} ],
  "workflows": { "development": ["invoice-paid"] },
  "sources": [
    { "key": "bench_stripe", "name": "Stripe (bench)", "template": "stripe",
      "environments": { "development": {
        "token": "$(token_for stripe)",
        "settings": { "idempotency_key_path": "body.id", "enforce_verification": true,
                      "verification": { "scheme": "stripe", "secrets": ["$STRIPE_SECRET"], "tolerance_s": 300 } },
        "mappings": MAPPINGS } } },
    { "key": "bench_svix", "name": "Svix (bench)", "template": "custom",
      "environments": { "development": {
        "token": "$(token_for svix)",
        "settings": { "event_type_path": "body.type", "idempotency_key_path": "body.id", "enforce_verification": true,
                      "verification": { "scheme": "svix", "secrets": ["$SVIX_SECRET"], "tolerance_s": 300 } },
        "mappings": MAPPINGS } } },
    { "key": "bench_none", "name": "Unverified (bench)", "template": "custom",
      "environments": { "development": {
        "token": "$(token_for none)",
        "settings": { "event_type_path": "body.type", "idempotency_key_path": "body.id", "enforce_verification": false,
                      "verification": { "scheme": "none" } },
        "mappings": MAPPINGS } } } ] }
JSON
MAPPINGS='[
  { "event_type": "invoice.paid", "action_type": "users_identify", "active": true,
    "action_parameters": { "id": "body.data.object.customer", "email": "body.data.object.customer_email",
                           "name": "body.data.object.customer_name" } },
  { "event_type": "invoice.paid", "action_type": "workflows_trigger", "active": true,
    "action_parameters": { "key": "invoice-paid", "recipients": "body.data.object.customer", "data": "body" } } ]'
python3 - "$WORK/inlet.json" "$MAPPINGS" <<'PY'
import sys
p, m = sys.argv[1], sys.argv[2]
s = open(p).read().replace("MAPPINGS", m)
open(p, "w").write(s)
PY

# --- helpers ------------------------------------------------------------------
# CPU time (utime + stime, in clock ticks) of a process.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
TICKS=$(getconf CLK_TCK)

# Bytes a process handed to write(2) (sockets included) and sent to the disk:
# "wchar write_bytes".
io_bytes() { awk '/^wchar:/ { w = $2 } /^write_bytes:/ { d = $2 } END { print w + 0, d + 0 }' "/proc/$1/io" 2>/dev/null || echo "0 0"; }

# CPU ticks per thread name of a process: "name ticks" lines.
thread_ticks() {
    local f
    for f in /proc/"$1"/task/*/stat; do
        sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (([^ ]+ ){10})([0-9]+) ([0-9]+).*/\1 \4 \5/' "$f" 2>/dev/null
    done | awk '{ t[$1] += $2 + $3 } END { for (n in t) print n, t[n] }'
}

# thread_usage BEFORE AFTER SECONDS: "name 97%" for threads that used >= 1% of a core.
thread_usage() {
    awk -v secs="$3" -v tck="$TICKS" 'NR == FNR { b[$1] = $2; next }
        { u = ($2 - b[$1]) / tck / secs * 100; if (u >= 1) printf "%s %.0f%% ", $1, u }' \
        <(echo "$1") <(echo "$2")
}

# wrk_run URL DIR CONNS -> sets R_* from the RESULT line.
wrk_run() {
    local url=$1 dir=$2 conns=$3 threads=2
    [ "$conns" -lt 2 ] && threads=1
    local out
    out=$(wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s -s "$HERE/requests.lua" "$url" -- "$dir" 2>&1) || {
        log "$out"
        return 1
    }
    local line
    line=$(grep '^RESULT ' <<<"$out") || { log "$out"; return 1; }
    R_REQ=0 R_DUR=1 R_OK=0 R_NON2XX=0 R_SOCK=0 R_TIMEOUT=0 R_P50=0 R_P99=0 R_MAX=0 R_WRAPS=0
    local kv
    for kv in ${line#RESULT }; do
        case $kv in
        requests=*) R_REQ=${kv#*=} ;;
        duration_us=*) R_DUR=${kv#*=} ;;
        ok2xx=*) R_OK=${kv#*=} ;;
        non2xx=*) R_NON2XX=${kv#*=} ;;
        socket_errors=*) R_SOCK=${kv#*=} ;;
        timeouts=*) R_TIMEOUT=${kv#*=} ;;
        p50_us=*) R_P50=${kv#*=} ;;
        p99_us=*) R_P99=${kv#*=} ;;
        max_us=*) R_MAX=${kv#*=} ;;
        wraps=*) R_WRAPS=${kv#*=} ;;
        esac
    done
    R_RPS=$(awk -v n="$R_REQ" -v d="$R_DUR" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
}

start_nginx() {
    mkdir -p "$WORK/nginx/logs"
    cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    keepalive_requests 1000000000;
    keepalive_timeout 75s;
    client_max_body_size 10m;
    client_body_buffer_size 64k;
    server {
        listen 127.0.0.1:0;
        location / {
            default_type application/json;
            return 200 '{"id":"evt_01JBENCHXXXXXXXXXXXXXXXXXXXX","status":"accepted"}';
        }
    }
}
NGINX
    # nginx cannot listen on port 0 and report it: pick a free port.
    NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    sed -i "s/listen 127.0.0.1:0;/listen 127.0.0.1:$NGINX_PORT;/" "$WORK/nginx/nginx.conf"
    "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
    NGINX_PID=$!
    local i
    for i in $(seq 100); do
        if curl -s -o /dev/null -X POST "http://127.0.0.1:$NGINX_PORT/" 2>/dev/null; then break; fi
        sleep 0.05
    done
    NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -1)
    [ -n "$NGINX_WORKER" ] || { log "nginx did not start"; cat "$WORK/nginx/error.log" >&2; exit 1; }
}

start_inlet() {
    INLET_DIR="$WORK/inlet-$1"
    rm -rf "$INLET_DIR"
    mkdir -p "$INLET_DIR"
    DB_ARGS=()
    if [ -n "${DATABASE:-}" ]; then
        PG_SCHEMA="bench_$(printf '%s' "$1" | tr -c 'a-zA-Z0-9' '_')_$$"
        local sep='?'
        [[ $DATABASE == *\?* ]] && sep='&'
        DB_ARGS=(--database "$DATABASE${sep}schema=$PG_SCHEMA")
    fi
    "$INLETD" --data-dir "$INLET_DIR" "${DB_ARGS[@]}" config import "$WORK/inlet.json" >/dev/null
    local prefix=()
    if [ "$PROFILE" = callgrind ]; then
        prefix=(valgrind --tool=callgrind --callgrind-out-file="$INLET_DIR/callgrind.out")
    fi
    local extra=()
    [ -n "${INLET_ENV:-}" ] && read -r -a extra <<<"$INLET_ENV"
    env "${extra[@]}" "${prefix[@]}" "$INLETD" --data-dir "$INLET_DIR" "${DB_ARGS[@]}" serve --listen 127.0.0.1:0 \
        >"$INLET_DIR/serve.out" 2>"$INLET_DIR/serve.err" &
    INLET_PID=$!
    local i
    INLET_PORT=""
    for i in $(seq 2400); do
        INLET_PORT=$(sed -n 's|^listening on http://[^:]*:\([0-9]*\).*|\1|p' "$INLET_DIR/serve.out" 2>/dev/null || true)
        [ -n "$INLET_PORT" ] && break
        kill -0 "$INLET_PID" 2>/dev/null || break
        sleep 0.025
    done
    [ -n "$INLET_PORT" ] || { log "inletd did not start"; cat "$INLET_DIR/serve.err" >&2; exit 1; }
}

stop_inlet() {
    kill "$INLET_PID" 2>/dev/null || true
    wait "$INLET_PID" 2>/dev/null || true
    INLET_PID=""
}

profile_start() {
    [ "$PROFILE" = perf ] || return 0
    perf record -q -e cpu-clock -F 999 --call-graph dwarf,8192 -p "$INLET_PID" -o "$INLET_DIR/perf.data" \
        >/dev/null 2>&1 &
    PERF_PID=$!
    sleep 0.5
}

# profile_report NAME: after the run (perf) or after inletd exited (callgrind).
profile_report() {
    local name=$1 out
    mkdir -p "$PROFILE_DIR"
    out="$PROFILE_DIR/$name.txt"
    if [ "$PROFILE" = perf ] && [ -n "$PERF_PID" ]; then
        kill -INT "$PERF_PID" 2>/dev/null || true
        wait "$PERF_PID" 2>/dev/null || true
        PERF_PID=""
        (
            set +e +o pipefail # head closes the pipes early
            echo "== $name: samples by thread"
            perf report -i "$INLET_DIR/perf.data" --stdio --no-children --sort comm -g none 2>/dev/null |
                grep -v '^#' | grep -v '^$' | head -10
            echo "== $name: self time by function (top 40)"
            perf report -i "$INLET_DIR/perf.data" --stdio --no-children --sort comm,dso,sym -g none \
                --percent-limit 0.4 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40
            echo "== $name: inclusive time by function (top 60)"
            perf report -i "$INLET_DIR/perf.data" --stdio --children --sort comm,sym -g none \
                --percent-limit 1.5 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60
        ) >"$out"
        mv "$INLET_DIR/perf.data" "$PROFILE_DIR/$name.perf.data"
    elif [ "$PROFILE" = callgrind ] && [ -f "$INLET_DIR/callgrind.out" ]; then
        (
            set +e +o pipefail
            echo "== $name: callgrind, inclusive instructions (top 60)"
            callgrind_annotate --inclusive=yes "$INLET_DIR/callgrind.out" 2>/dev/null | head -80
            echo "== $name: callgrind, self instructions (top 40)"
            callgrind_annotate "$INLET_DIR/callgrind.out" 2>/dev/null | head -60
        ) >"$out"
        cp "$INLET_DIR/callgrind.out" "$PROFILE_DIR/$name.callgrind.out"
    else
        return 0
    fi
    log "profile: $out"
    sed -n 1,60p "$out" >&2
}

sql1() {
    if [ -n "${DATABASE:-}" ]; then
        psql "${DATABASE%%\?*}" -X -q -At -c "SET search_path TO $PG_SCHEMA; $1" | tail -1
    else
        sqlite3 -batch -noheader "$INLET_DIR/inlet.sqlite" "PRAGMA busy_timeout=10000; $1" | tail -1
    fi
}
drop_pg_schema() {
    [ -n "${DATABASE:-}" ] && psql "${DATABASE%%\?*}" -X -q -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null
    return 0
}

# Waits until no event is left `accepted`; sets DRAIN_S.
wait_processed() {
    local start now left
    start=$(date +%s.%N)
    while :; do
        left=$(sql1 "SELECT count(*) FROM events WHERE status = 'accepted';")
        [ "$left" = 0 ] && break
        now=$(date +%s.%N)
        if awk -v s="$start" -v n="$now" -v t="$DRAIN_TIMEOUT" 'BEGIN { exit !(n - s > t) }'; then
            log "still $left events accepted after ${DRAIN_TIMEOUT}s"
            break
        fi
        sleep 0.1
    done
    now=$(date +%s.%N)
    DRAIN_S=$(awk -v s="$start" -v n="$now" 'BEGIN { printf "%.1f", n - s }')
}

# Every acknowledged event stored and processed with its two actions; sets CHECK.
check_stored() {
    local conns=$1 rows processed idem other actions_ok actions_bad runs
    rows=$(sql1 "SELECT count(*) FROM events;")
    processed=$(sql1 "SELECT count(*) FROM events WHERE status = 'processed';")
    idem=$(sql1 "SELECT count(*) FROM events WHERE status = 'idempotent';")
    other=$(sql1 "SELECT count(*) FROM events WHERE status NOT IN ('processed', 'idempotent');")
    actions_ok=$(sql1 "SELECT count(*) FROM actions WHERE status = 'success';")
    actions_bad=$(sql1 "SELECT count(*) FROM actions WHERE status <> 'success';")
    runs=$(sql1 "SELECT count(*) FROM workflow_runs;")
    local verdict="OK"
    # Requests in flight when wrk stopped may be stored without being counted.
    if [ "$rows" -lt "$R_OK" ] || [ "$((rows - R_OK))" -gt "$conns" ]; then verdict="FAIL(rows)"; fi
    if [ "$other" -ne 0 ] || [ "$actions_bad" -ne 0 ]; then verdict="FAIL(status)"; fi
    if [ "$actions_ok" -ne "$((2 * processed))" ] || [ "$runs" -ne "$processed" ]; then verdict="FAIL(actions)"; fi
    if [ "$R_WRAPS" = 0 ] && [ "$idem" -ne 0 ]; then verdict="FAIL(idempotent)"; fi
    STORED=$rows
    CHECK="$verdict acked=$R_OK stored=$rows processed=$processed idempotent=$idem other=$other actions=$actions_ok runs=$runs"
    [ "$verdict" = OK ]
}

fmt_ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }

# --- runs ---------------------------------------------------------------------
start_nginx
log "nginx on 127.0.0.1:$NGINX_PORT (pid $NGINX_PID, worker $NGINX_WORKER); inletd: $INLETD"

ROWS=()
CHECKS=()
FAILED=0
header=$(printf '%-7s %6s %5s  %-6s %9s %8s %8s %7s %6s %9s %8s %7s %9s %9s' \
    variant body conns server "req/s" "p50 ms" "p99 ms" non2xx sockerr "vs nginx" "cpu us/r" "drain s" "pipe ev/s" "cpu us/ev")

for scheme in $SCHEMES; do
    for size in $SIZES; do
        req_dir="$WORK/req-$scheme-$size"
        secret=""
        [ "$scheme" = stripe ] && secret=$STRIPE_SECRET
        [ "$scheme" = svix ] && secret=$SVIX_SECRET
        count=$COUNT
        log "signing $count $scheme requests of $size bytes"
        python3 "$HERE/make_requests.py" --scheme "$scheme" --secret "$secret" --size "$size" --count "$count" \
            --threads 2 --path "/integrations/receive/$(token_for "$scheme")" --run-id "$(date +%s)" --out "$req_dir"
        for conns in $CONNS; do
            # nginx, the ceiling
            c0=$(cpu_ticks "$NGINX_WORKER")
            wrk_run "http://127.0.0.1:$NGINX_PORT" "$req_dir" "$conns"
            c1=$(cpu_ticks "$NGINX_WORKER")
            n_rps=$R_RPS
            n_cpu=$(awk -v c=$((c1 - c0)) -v t="$TICKS" -v n="$R_REQ" 'BEGIN { printf "%.1f", n ? c / t * 1e6 / n : 0 }')
            ROWS+=("$(printf '%-7s %6s %5s  %-6s %9s %8s %8s %7s %6s %9s %8s %7s %9s' \
                "$scheme" "$size" "$conns" nginx "$R_RPS" "$(fmt_ms "$R_P50")" "$(fmt_ms "$R_P99")" \
                "$R_NON2XX" "$((R_SOCK + R_TIMEOUT))" "" "$n_cpu" "" "")")
            log "${ROWS[-1]}"

            # inletd, the whole pipeline
            start_inlet "$scheme-$size-$conns"
            profile_start
            c0=$(cpu_ticks "$INLET_PID")
            t0=$(thread_ticks "$INLET_PID")
            io0=$(io_bytes "$INLET_PID")
            wrk_run "http://127.0.0.1:$INLET_PORT" "$req_dir" "$conns"
            c1=$(cpu_ticks "$INLET_PID")
            t1=$(thread_ticks "$INLET_PID")
            threads=$(thread_usage "$t0" "$t1" "$(awk -v d="$R_DUR" 'BEGIN { print d / 1e6 }')")
            [ "$PROFILE" = perf ] && profile_report "inlet-$scheme-$size-c$conns"
            wait_processed
            c2=$(cpu_ticks "$INLET_PID")
            io2=$(io_bytes "$INLET_PID")
            i_cpu=$(awk -v c=$((c1 - c0)) -v t="$TICKS" -v n="$R_REQ" 'BEGIN { printf "%.1f", n ? c / t * 1e6 / n : 0 }')
            ratio=$(awk -v a="$R_RPS" -v b="$n_rps" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
            rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$INLET_PID/status" 2>/dev/null || echo "?")
            if check_stored "$conns"; then :; else FAILED=1; fi
            # Events stored and processed per second, from wrk's start to the last one processed.
            pipe=$(awk -v n="$STORED" -v d="$R_DUR" -v s="$DRAIN_S" 'BEGIN { printf "%.0f", n / (d / 1e6 + s) }')
            # All the CPU an event cost, acknowledging and processing: the
            # figure a busy neighbour disturbs least.
            ev_cpu=$(awk -v c=$((c2 - c0)) -v t="$TICKS" -v n="$STORED" 'BEGIN { printf "%.1f", n ? c / t * 1e6 / n : 0 }')
            # Write volume per event: the WAL (and the responses) through
            # write(2), and what reached the disk (WAL, checkpoints).
            written=$(awk -v a="$io0" -v b="$io2" -v n="$STORED" 'BEGIN { split(a, x, " "); split(b, y, " ");
                if (n) printf "%.1f KB written, %.1f KB to disk", (y[1] - x[1]) / 1024 / n, (y[2] - x[2]) / 1024 / n }')
            stop_inlet
            drop_pg_schema
            [ "$PROFILE" = callgrind ] && profile_report "inlet-$scheme-$size-c$conns"
            ROWS+=("$(printf '%-7s %6s %5s  %-6s %9s %8s %8s %7s %6s %9s %8s %7s %9s %9s' \
                "$scheme" "$size" "$conns" inlet "$R_RPS" "$(fmt_ms "$R_P50")" "$(fmt_ms "$R_P99")" \
                "$R_NON2XX" "$((R_SOCK + R_TIMEOUT))" "$ratio" "$i_cpu" "$DRAIN_S" "$pipe" "$ev_cpu")")
            CHECKS+=("$scheme $size c$conns: $CHECK (peak RSS ${rss} MB, wraps $R_WRAPS; per event: $written; CPU by thread: $threads)")
            log "${ROWS[-1]}"
            log "  check: ${CHECKS[-1]}"
        done
        rm -rf "$req_dir"
    done
done

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo
    echo "Inlet ingestion vs nginx static 200 ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $cpu_model, ${DURATION}s per run)"
    echo "$header"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "stored-and-processed check (after the run, once no event is left 'accepted'):"
    printf '  %s\n' "${CHECKS[@]}"
    echo
    echo "vs nginx = Inlet req/s / nginx req/s of the same variant, measured just before;"
    echo "cpu us/r = server CPU time (user+system) per answered request while wrk ran;"
    echo "drain s  = time after wrk stopped until no event was left 'accepted';"
    echo "pipe ev/s = events stored and processed per second, wrk's start to the last one processed;"
    echo "cpu us/ev = inletd CPU time (user+system) per stored event, wrk's start to the last one processed."
} | tee -a "${RESULTS:-/dev/null}"
exit $FAILED
