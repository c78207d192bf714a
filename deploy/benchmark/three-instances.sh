#!/bin/sh
# The engine benchmark on several instances sharing one PostgreSQL database (decision 0027):
# N `aragora benchmark` processes, each a whole instance (engine, PostgreSQL store, job queue,
# receipt chain), split the debates and the concurrency between them, start their timed runs at
# one moment after their warm-ups, and their per-debate times are reported as one run.
#
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/aragora_bench3 deploy/benchmark/three-instances.sh
#
# The database must exist and should be empty (a grown one is slower). Settings (environment):
#   INSTANCES (3), DEBATES (4000), CONCURRENT (1000), ROUNDS (3), LATENCY_MS (500),
#   START_SECONDS (300: boot and warm-up before the timed runs start; each warm-up runs batches of
#   WARMUP (500) debates until its JIT settles, ~190 s for three instances on two cores),
#   ARAGORA (the launcher; default ./aragora of this checkout), OUT (a new directory under /tmp).
set -eu
: "${DATABASE_URL:?set DATABASE_URL to an empty PostgreSQL database the instances share}"
here=$(cd "$(dirname "$0")/../.." && pwd -P)
INSTANCES=${INSTANCES:-3}
DEBATES=${DEBATES:-4000}
CONCURRENT=${CONCURRENT:-1000}
ROUNDS=${ROUNDS:-3}
LATENCY_MS=${LATENCY_MS:-500}
START_SECONDS=${START_SECONDS:-300}
WARMUP=${WARMUP:-500}
ARAGORA=${ARAGORA:-$here/aragora}
OUT=${OUT:-$(mktemp -d /tmp/aragora-bench-XXXXXX)}
mkdir -p "$OUT"

start_at=$(( $(date +%s) * 1000 + START_SECONDS * 1000 ))
echo "benchmark: $INSTANCES instances on $DATABASE_URL, $DEBATES debates, $CONCURRENT at a time, $ROUNDS rounds," \
  "latency $LATENCY_MS ms; timed runs start at $(date -u -d "@$((start_at / 1000))" +%H:%M:%S) UTC; files in $OUT" >&2
pids=""
times=""
i=1
while [ "$i" -le "$INSTANCES" ]; do
  debates=$(( DEBATES / INSTANCES + (i <= DEBATES % INSTANCES ? 1 : 0) ))
  concurrent=$(( CONCURRENT / INSTANCES + (i <= CONCURRENT % INSTANCES ? 1 : 0) ))
  mkdir -p "$OUT/instance-$i"
  ARAGORA_DATA_DIR="$OUT/instance-$i" ARAGORA_STORAGE_MODE=postgres DATABASE_URL="$DATABASE_URL" \
    "$ARAGORA" benchmark --features core,postgres,demo --debates "$debates" --concurrent "$concurrent" \
    --rounds "$ROUNDS" --latency-ms "$LATENCY_MS" --warmup "$WARMUP" --start-at "$start_at" \
    --times "$OUT/times-$i" >"$OUT/report-$i" 2>"$OUT/log-$i" &
  pids="$pids $!"
  times="${times:+$times,}$OUT/times-$i"
  i=$(( i + 1 ))
done
failed=0
for pid in $pids; do
  wait "$pid" || failed=1
done
i=1
while [ "$i" -le "$INSTANCES" ]; do
  echo "--- instance $i"
  grep -h "after --start-at" "$OUT/log-$i" >&2 || true
  cat "$OUT/report-$i"
  i=$(( i + 1 ))
done
if [ "$failed" -ne 0 ]; then
  echo "benchmark: an instance failed; see $OUT/log-*" >&2
  exit 1
fi
echo "--- all $INSTANCES instances as one run"
"$ARAGORA" benchmark --features core,demo --merge "$times"
