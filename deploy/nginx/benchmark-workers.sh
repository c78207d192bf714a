#!/bin/sh
# The workers benchmark (docs/decisions/0024): `aragora serve --workers N` on PostgreSQL behind
# this directory's nginx configuration, started on the loopback with the upstreams moved to this
# run's ports. wrk requests URL_PATH (by default authenticated debate listings, read from
# PostgreSQL) for DURATION s at up to RATE requests/s while worker 2 is killed with SIGKILL at
# KILL_AT s and started again by the supervisor. Prints wrk's report and the errors it counted
# (non-2xx answers, socket errors; an answer later than 10 s is a timeout). Exit 0: no errors.
#
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<fresh db> deploy/nginx/benchmark-workers.sh [distribution]
#
# Needs nginx and wrk (Debian: nginx-light, wrk). Settings: WORKERS (3), RATE (200), DURATION (60),
# KILL_AT (20), URL_PATH, CONNECTIONS (40; requests keep a fixed schedule of RATE/s, so enough
# connections must be free to cover the latency), API_PORT (28080), WS_PORT
# (28765), LB_PORT (28000).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=${1:-$root/features/target/aragora-0.1.0-SNAPSHOT}
: "${DATABASE_URL:?set DATABASE_URL to a fresh PostgreSQL database}"
path=${URL_PATH:-/api/v1/debates?limit=20}
workers=${WORKERS:-3}; rate=${RATE:-200}; duration=${DURATION:-60}; kill_at=${KILL_AT:-20}
api=${API_PORT:-28080}; ws=${WS_PORT:-28765}; lb=${LB_PORT:-28000}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
work=$(mktemp -d /tmp/aragora-workers-bench-XXXXXX)
supervisor=""
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$supervisor" ] && kill -TERM "$supervisor" 2>/dev/null && wait "$supervisor" 2>/dev/null || true
}
trap cleanup EXIT

ARAGORA_DATA_DIR="$work/data" ARAGORA_TEMP_DIR="$work/tmp" ARAGORA_STORAGE_MODE=postgres DATABASE_URL="$DATABASE_URL" \
  ARAGORA_FEATURES=core,http,sqlite,demo \
  "$dist/bin/aragora" serve --workers "$workers" --api-port "$api" --ws-port "$ws" >"$work/aragora.log" 2>&1 &
supervisor=$!

# The repo's configuration: its upstream servers replaced by this run's ports, plain HTTP on the loopback.
awk -v api="$api" -v ws="$ws" -v n="$workers" -v lb="$lb" '
  /^[ \t]*server 127\.0\.0\.1:/ { next }
  /ssl_certificate/ { next }
  /listen 443/ { print "    listen 127.0.0.1:" lb ";"; next }
  { print }
  /least_conn;/ { for (i = 0; i < n; i++) print "    server 127.0.0.1:" api + i " max_fails=1 fail_timeout=5s;" }
  /ip_hash;/ { for (i = 0; i < n; i++) print "    server 127.0.0.1:" ws + i " max_fails=1 fail_timeout=5s;" }
' "$here/aragora.conf" >"$work/aragora.conf"
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  include $work/aragora.conf;
}
CONF

ready() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz" 2>/dev/null | grep -q 200; }
i=0
while [ $i -lt "$workers" ]; do
  t=0
  until ready $((api + i)); do
    t=$((t + 1)); [ $t -lt 600 ] || { echo "worker $((i + 1)) not ready; log: $work/aragora.log" >&2; exit 1; }
    sleep 0.5
  done
  i=$((i + 1))
done
"$nginx" -p "$work" -e "$work/error.log" -c "$work/nginx.conf"

token=$(cat "$work/data/state/admin_token")
connections=${CONNECTIONS:-40}
cat >"$work/load.lua" <<LUA
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $token"
-- A fixed schedule per wrk thread: each request takes the thread's next slot, $rate/s in all, so
-- the rate does not sink as the latency rises (as long as enough connections are free).
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } aragora_timespec; int clock_gettime(int, aragora_timespec *); ]]
local ts = ffi.new("aragora_timespec")
local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
local interval = 2 * 1000 / $rate
local slot = nil
function delay()
  local now = now_ms()
  if slot == nil or slot < now - 1000 then slot = now end
  slot = slot + interval
  return math.max(0, math.floor(slot - now))
end
LUA

(sleep "$kill_at"
 pid=$(sed -n 's/.*worker 2 of [0-9]* (pid \([0-9]*\)).*/\1/p' "$work/aragora.log" | tail -n 1)
 echo "$(date -u +%T) kill -9 worker 2 (pid $pid)"; kill -9 "$pid"; killed=$(date +%s)
 sleep 1
 until ready $((api + 1)); do sleep 0.2; done
 echo "$(date -u +%T) worker 2 ready again after $(( $(date +%s) - killed )) s") &
killer=$!
wrk -t 2 -c "$connections" -d "${duration}s" --timeout 10s --latency -s "$work/load.lua" "http://127.0.0.1:$lb$path" | tee "$work/wrk.txt"
wait "$killer"
non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$work/wrk.txt")
socket=$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' "$work/wrk.txt")
errors=$(( ${non2xx:-0} + ${socket:-0} ))
echo "errors: $errors (non-2xx ${non2xx:-0}, socket ${socket:-0}); supervisor: $(grep -c 'starting it again' "$work/aragora.log") restart(s); files in $work"
[ "$errors" -eq 0 ]
