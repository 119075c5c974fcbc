#!/usr/bin/env bash
# The README's harness round for issue 6's targets, ROUNDS times, all from this shell's session (see the shared notes
# on measuring: broker and load tools in one session, figures compared as ratios within a round):
#   1. limit: the writer and the reader against the one-thread NIO sink and source (the machine's ceiling);
#   2. bin/nsqd --mem-queue-size=1000000 with topic sub_bench and channel ch made first: writer 10 s (most of it
#      spills to disk), then the reader draining exactly what was acknowledged; both again on the same (now warm) nsqd;
#   2b. as upstream's bench.sh (the source of its figures): a fresh bin/nsqd with nothing made first, the writer 10 s
#      into a topic without channels, then the reader, whose SUB makes the channel the topic's backlog then moves to;
#   3. a fresh bin/nsqd: pubsub 10 s (writer and reader together, every acknowledged message delivered), latency at
#      50,000 msg/s through the one-thread relay (the floor), then through bin/nsqd; both again with the harness on one
#      busy-polling thread (--one-thread).
# Each step prints the harness's line and writes its JSON under OUT.
#
# Usage: benchmarks/harness-round.sh   (builds nothing when RINGNSQ_NO_BUILD=1; otherwise bin/ runs Maven once)
# Environment (defaults): ROUNDS=2 PORT=4350 (TCP; HTTP is PORT+1) OUT=${TMPDIR:-/tmp}/ringnsq-round NSQD_FLAGS=""
set -euo pipefail

HOME_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-4350}
HTTP_PORT=$((PORT + 1))
OUT=${OUT:-${TMPDIR:-/tmp}/ringnsq-round}
BENCH="$HOME_DIR/bin/ringnsq-bench"
TARGET="--nsqd-tcp-address=127.0.0.1:$PORT"
mkdir -p "$OUT"

nsqd_pid=""
data=""
start_nsqd() {
  data=$(mktemp -d "${TMPDIR:-/tmp}/ringnsq-round-data.XXXX")
  # shellcheck disable=SC2086
  "$HOME_DIR/bin/nsqd" --tcp-address=127.0.0.1:$PORT --http-address=127.0.0.1:$HTTP_PORT --data-path="$data" \
    --mem-queue-size=1000000 ${NSQD_FLAGS:-} >"$data.log" 2>&1 &
  nsqd_pid=$!
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$HTTP_PORT/ping" >/dev/null && return 0
    kill -0 "$nsqd_pid" 2>/dev/null || { cat "$data.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "nsqd did not answer /ping in 30 s" >&2
  exit 1
}
stop_nsqd() {
  if [ -n "$nsqd_pid" ]; then
    kill "$nsqd_pid" 2>/dev/null || true
    wait "$nsqd_pid" 2>/dev/null || true
    rm -rf "$data" "$data.log"
    nsqd_pid=""
  fi
}
trap stop_nsqd EXIT

for round in $(seq "$ROUNDS"); do
  echo "# round $round, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$BENCH" limit --runfor=10s --json="$OUT/$round-limit.json"
  start_nsqd
  curl -sf -X POST "http://127.0.0.1:$HTTP_PORT/topic/create?topic=sub_bench" >/dev/null
  curl -sf -X POST "http://127.0.0.1:$HTTP_PORT/channel/create?topic=sub_bench&channel=ch" >/dev/null
  "$BENCH" writer "$TARGET" --runfor=10s --size=200 --batch-size=200 --json="$OUT/$round-writer.json"
  written=$(grep -o '"messages" : [0-9]*' "$OUT/$round-writer.json" | grep -o '[0-9]*$')
  "$BENCH" reader "$TARGET" --count="$written" --runfor=60s --json="$OUT/$round-reader.json"
  # the same again on the now warm broker: the first drain also pays for the JIT compiling the read path
  "$BENCH" writer "$TARGET" --runfor=10s --size=200 --batch-size=200 --json="$OUT/$round-writer-warm.json"
  written=$(grep -o '"messages" : [0-9]*' "$OUT/$round-writer-warm.json" | grep -o '[0-9]*$')
  "$BENCH" reader "$TARGET" --count="$written" --runfor=60s --json="$OUT/$round-reader-warm.json"
  stop_nsqd
  start_nsqd
  "$BENCH" writer "$TARGET" --runfor=10s --size=200 --batch-size=200 --json="$OUT/$round-writer-bench-sh.json"
  written=$(grep -o '"messages" : [0-9]*' "$OUT/$round-writer-bench-sh.json" | grep -o '[0-9]*$')
  "$BENCH" reader "$TARGET" --count="$written" --runfor=60s --json="$OUT/$round-reader-bench-sh.json"
  stop_nsqd
  start_nsqd
  "$BENCH" pubsub "$TARGET" --runfor=10s --json="$OUT/$round-pubsub.json"
  "$BENCH" latency --relay --rate=50000 --runfor=10s --json="$OUT/$round-relay.json"
  "$BENCH" latency "$TARGET" --rate=50000 --runfor=10s --json="$OUT/$round-latency.json"
  "$BENCH" latency --relay --one-thread --rate=50000 --runfor=10s --json="$OUT/$round-relay-one-thread.json"
  "$BENCH" latency "$TARGET" --one-thread --rate=50000 --runfor=10s --json="$OUT/$round-latency-one-thread.json"
  stop_nsqd
done
