#!/usr/bin/env bash
# Publishing and draining through bin/nsqd in memory, spilled to disk and durable, in one run, so the
# figures can be compared as ratios (see shared notes on measuring: ±30% between runs on these machines).
#
# For each round and each mode: a fresh nsqd on 127.0.0.1 (unique ports, fresh --data-path, started from
# this shell's session); a warm-up (WARMUP messages published and drained through a topic "warm", then
# deleted, so that the figures are of compiled code); topic and channel "load" created; COUNT messages
# published with TcpPubLoad (MPUB); the wait until /stats shows them all moved from the topic to the
# channel ("settle": nsqd acknowledges a spilled publish before it is written, and copies it to the
# channel after); the backlog drained with TcpConsumeLoad; COUNT more published while a consumer takes
# them (the "live" figures); nsqd stopped and its data path deleted. The table at the end gives each
# mode's rates and their ratio to the in-memory mode of the same round. "stored" = COUNT / (publish +
# settle seconds): the rate at which published messages reach the channel's queue.
#
# Usage: benchmarks/disk-load.sh            (builds nothing: run `mvn -B -o -DskipTests -pl dist -am package`
#                                            and the benchmarks jar first; BENCH_JAR says where it is)
# Environment (defaults): COUNT=2000000 DURABLE_COUNT=COUNT SIZE=200 ROUNDS=2 MODES="memory spill0 spill10k durable"
#   PUB_CONNECTIONS=2 PUB_WINDOW=4 BATCH=200 SUB_CONNECTIONS=2 RDY=2500 LIMIT=600 (seconds, per step)
#   WARMUP=200000 BROKER_JAVA_OPTS="-Xmx4g" LIVE=1 (0 skips the live step) BENCH_JAR=benchmarks/target/benchmarks.jar
#   WORK_DIR=${TMPDIR:-/tmp} (where the data paths go)
set -euo pipefail

HOME_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
COUNT=${COUNT:-2000000}
DURABLE_COUNT=${DURABLE_COUNT:-$COUNT}
SIZE=${SIZE:-200}
ROUNDS=${ROUNDS:-2}
MODES=${MODES:-memory spill0 spill10k durable}
PUB_CONNECTIONS=${PUB_CONNECTIONS:-2}
PUB_WINDOW=${PUB_WINDOW:-4}
BATCH=${BATCH:-200}
SUB_CONNECTIONS=${SUB_CONNECTIONS:-2}
RDY=${RDY:-2500}
LIMIT=${LIMIT:-600}
LIVE=${LIVE:-1}
WARMUP=${WARMUP:-200000}
BROKER_JAVA_OPTS=${BROKER_JAVA_OPTS:--Xmx4g}
BENCH_JAR=${BENCH_JAR:-$HOME_DIR/benchmarks/target/benchmarks.jar}
LOAD="io.ringnsq.benchmarks.load"

[ -f "$BENCH_JAR" ] || { echo "no $BENCH_JAR: build the benchmarks module first (or set BENCH_JAR)" >&2; exit 1; }
[ -f "$HOME_DIR/dist/target/ringnsq.jar" ] \
  || { echo "no dist/target/ringnsq.jar: mvn -B -o -DskipTests -pl dist -am package" >&2; exit 1; }

RUN_DIR=$(mktemp -d "${WORK_DIR:-${TMPDIR:-/tmp}}/ringnsq-disk-load.XXXXXX")
BROKER=""
CONSUMER=""
cleanup() {
  [ -n "$CONSUMER" ] && kill "$CONSUMER" 2>/dev/null || true
  if [ -n "$BROKER" ]; then
    kill -KILL "$BROKER" 2>/dev/null || true
    wait "$BROKER" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mode_flags() {
  case "$1" in
    memory)   echo "--mem-queue-size=10000000" ;;
    spill0)   echo "--mem-queue-size=0 --sync-every=2500" ;;
    spill10k) echo "--mem-queue-size=10000 --sync-every=2500" ;;
    durable)  echo "--mem-queue-size=0 --sync-every=1" ;;
    *) echo "unknown mode $1" >&2; exit 2 ;;
  esac
}

# PORT := a port nothing listens on; the ports handed out in this run are not handed out again
NEXT_PORT=$((20000 + RANDOM % 20000))
free_port() {
  while (exec 3<>"/dev/tcp/127.0.0.1/$NEXT_PORT") 2>/dev/null; do NEXT_PORT=$((NEXT_PORT + 1)); done
  PORT=$NEXT_PORT
  NEXT_PORT=$((NEXT_PORT + 1))
}

start_broker() { # mode name: sets BROKER, TCP, HTTP, DATA, LOG
  free_port; TCP=$PORT
  free_port; HTTP=$PORT
  DATA="$RUN_DIR/$2"; LOG="$RUN_DIR/$2.log"
  mkdir -p "$DATA"
  # shellcheck disable=SC2046
  RINGNSQ_NO_BUILD=1 RINGNSQ_JAVA_OPTS="$BROKER_JAVA_OPTS" "$HOME_DIR/bin/nsqd" --tcp-address="127.0.0.1:$TCP" \
    --http-address="127.0.0.1:$HTTP" --data-path="$DATA" $(mode_flags "$1") >"$LOG" 2>&1 &
  BROKER=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$HTTP/ping" >/dev/null && break
    kill -0 "$BROKER" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.1
  done
}

create() { # topic: the topic and its channel of the same name
  curl -sf -X POST "http://127.0.0.1:$HTTP/topic/create?topic=$1" >/dev/null
  curl -sf -X POST "http://127.0.0.1:$HTTP/channel/create?topic=$1&channel=$1" >/dev/null
}

stop_broker() {
  kill -TERM "$BROKER" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$BROKER" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$BROKER" 2>/dev/null || true
  wait "$BROKER" 2>/dev/null || true
  BROKER=""
  rm -rf "$DATA"
  # what went wrong in nsqd shows beside the figures
  grep -m3 -E "ERROR|FATAL|Exception" "$LOG" | sed 's/^/   nsqd log: /' || true
}

depths() { # topic: "<topic depth> <channel depth in memory> <channel depth on disk>"
  curl -sf "http://127.0.0.1:$HTTP/stats?format=json&topic=$1&channel=$1" \
    | jq -r '.topics[0] | "\(.depth) \(.channels[0].depth - .channels[0].backend_depth) \(.channels[0].backend_depth)"'
}

settle() { # topic: waits until it has handed every message to its channel; prints the seconds it took
  local t0 depth
  t0=$(date +%s%N)
  while read -r depth _ <<<"$(depths "$1")" && [ "$depth" != 0 ]; do
    if [ $(($(date +%s%N) - t0)) -gt $((LIMIT * 1000000000)) ]; then
      echo "topic $1 still holds $depth messages after $LIMIT s: $(depths "$1")" >&2
      exit 1
    fi
    sleep 0.02
  done
  awk -v ns=$(($(date +%s%N) - t0)) 'BEGIN {printf "%.2f", ns / 1e9}'
}

rates() { # the "<seconds> <msg/s> <MB/s>" of a tool's summary line
  sed -n 's/.* in \([0-9.]*\) s = \([0-9.]*\) msg\/s, \([0-9.]*\) MB\/s.*/\1 \2 \3/p' <<<"$1"
}

publish() { # count [topic]
  java -cp "$BENCH_JAR" "$LOAD.TcpPubLoad" "127.0.0.1:$TCP" "$PUB_CONNECTIONS" "$PUB_WINDOW" "$SIZE" "$LIMIT" \
    --batch="$BATCH" --count="$1" --topic="${2:-load}"
}

consume() { # count [clock [topic]]
  java -cp "$BENCH_JAR" "$LOAD.TcpConsumeLoad" "127.0.0.1:$TCP" "$SUB_CONNECTIONS" "$RDY" "$1" "$LIMIT" --clock="${2:-connect}" \
    --topic="${3:-load}" --channel="${3:-load}"
}

warm_up() {
  [ "$WARMUP" -gt 0 ] || return 0
  create warm
  publish "$WARMUP" warm >/dev/null
  settle warm >/dev/null
  consume "$WARMUP" connect warm >/dev/null
  curl -sf -X POST "http://127.0.0.1:$HTTP/topic/delete?topic=warm" >/dev/null
}

echo "disk-load: $(date -u +%FT%TZ), $(nproc) cores, COUNT=$COUNT DURABLE_COUNT=$DURABLE_COUNT SIZE=$SIZE B, publish:" \
  "$PUB_CONNECTIONS connections x $PUB_WINDOW MPUB x $BATCH in flight; drain: $SUB_CONNECTIONS connections x RDY $RDY;" \
  "warm-up $WARMUP; nsqd JVM: $BROKER_JAVA_OPTS; data under $RUN_DIR; broker and load tools in this session"
RESULTS=()
for round in $(seq "$ROUNDS"); do
  for mode in $MODES; do
    count=$COUNT; [ "$mode" = durable ] && count=$DURABLE_COUNT
    start_broker "$mode" "$mode-$round"
    warm_up
    create load
    echo "== round $round, $mode: nsqd $(mode_flags "$mode") on 127.0.0.1:$TCP (pid $BROKER)"
    pub=$(publish "$count"); echo "   $pub"
    settled=$(settle load)
    read -r _ mem disk <<<"$(depths load)"
    size=$(du -sm "$DATA" | cut -f1)
    echo "   all in the channel ${settled} s after the publisher's last OK: $mem in memory, $disk on disk; data path ${size} MB"
    drain=$(consume "$count"); echo "   $drain"
    live_pub="- - -"; live_sub="- - -"
    if [ "$LIVE" = 1 ]; then
      consume "$count" first >"$RUN_DIR/live.out" & CONSUMER=$!
      sleep 0.5 # connected and subscribed before the first message
      lp=$(publish "$count"); echo "   live: $lp"
      wait "$CONSUMER"; CONSUMER=""
      ls=$(cat "$RUN_DIR/live.out"); echo "   live: $ls"
      live_pub=$(rates "$lp"); live_sub=$(rates "$ls")
    fi
    stop_broker
    RESULTS+=("$round $mode $count $(rates "$pub") $settled $(rates "$drain") $live_pub $live_sub $disk")
  done
done

echo
echo "MB = 10^6 bytes of message bodies; x mem = ratio to the in-memory mode of the same round;"
echo "stored = messages / (publish + settle seconds); on disk = the channel's backend depth after settling"
printf '%-5s %-9s %8s | %10s %6s %5s | %6s %10s %5s | %10s %6s %5s | %10s %10s | %8s\n' round mode messages \
  "pub msg/s" "MB/s" "x mem" "settle" "stored/s" "x mem" "drain/s" "MB/s" "x mem" "live pub/s" "live sub/s" "on disk"
ratio() { [ "$2" = - ] && echo - || awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
for r in "${RESULTS[@]}"; do
  read -r round mode count ps pm pb settled _ dm db _ lpm _ _ lsm _ disk <<<"$r"
  stored=$(awk -v n="$count" -v a="$ps" -v b="$settled" 'BEGIN {printf "%.0f", n / (a + b)}')
  ref=$(printf '%s\n' "${RESULTS[@]}" | awk -v r="$round" '$1 == r && $2 == "memory" {print $5, $9, $3 / ($4 + $7); exit}')
  read -r rp rd rs <<<"${ref:-- - -}"
  printf '%-5s %-9s %8s | %10.0f %6.1f %5s | %6s %10s %5s | %10.0f %6.1f %5s | %10s %10s | %8s\n' "$round" "$mode" "$count" \
    "$pm" "$pb" "$(ratio "$pm" "$rp")" "$settled" "$stored" "$(ratio "$stored" "$rs")" "$dm" "$db" "$(ratio "$dm" "$rd")" \
    "$lpm" "$lsm" "$disk"
done
