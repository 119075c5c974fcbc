# Shared by bin/nsqd, bin/nsqlookupd and bin/nsqadmin: find the checkout, build the runnable jar if
# it is missing or older than the sources, then exec the JVM (so signals reach it directly).
# Environment: RINGNSQ_JAVA_OPTS (extra JVM options; one that picks a collector replaces the default, ZGC),
# RINGNSQ_NO_BUILD=1 (never build), JAVA (java binary).

RINGNSQ_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
RINGNSQ_JAR="$RINGNSQ_HOME/dist/target/ringnsq.jar"
RINGNSQ_JVM_OPTIONS="$RINGNSQ_HOME/dist/target/jvm.options"
# class-data sharing archive of what start-up loads (TLS included): made once per jar, halves the time to listen
RINGNSQ_CDS="$RINGNSQ_HOME/dist/target/ringnsq.jsa"

ringnsq_stale() {
  [ -f "$RINGNSQ_JAR" ] && [ -f "$RINGNSQ_JVM_OPTIONS" ] || return 0
  # benchmarks/ is not in the jar: editing a load tool must not rebuild it
  [ -n "$(find "$RINGNSQ_HOME"/pom.xml "$RINGNSQ_HOME"/*/pom.xml "$RINGNSQ_HOME"/*/src/main \
      -not -path "$RINGNSQ_HOME/benchmarks/*" -newer "$RINGNSQ_JAR" -print -quit 2>/dev/null)" ]
}

ringnsq_build() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "ringnsq: $RINGNSQ_JAR is missing and Maven (mvn) is not on PATH to build it" >&2
    exit 1
  fi
  # one build at a time, even when several launchers start together
  (
    flock 9
    if ringnsq_stale; then
      echo "ringnsq: building $RINGNSQ_JAR (once) ..." >&2
      local log="$RINGNSQ_HOME/dist/build.log"
      mkdir -p "$RINGNSQ_HOME/dist"
      (cd "$RINGNSQ_HOME" && mvn -B -Dstyle.color=never -DskipTests -pl dist -am package) >"$log" 2>&1 \
        || { tail -40 "$log" >&2; echo "ringnsq: build failed (full log: $log)" >&2; exit 1; }
    fi
  ) 9>"$RINGNSQ_HOME/.build.lock"
}

# The archive holds the jar's classes only while the jar is the one it was made from: the JVM checks the jar's
# size and time and silently ignores the archive otherwise. A jar built by Maven directly (not by this script) left
# the old archive in place, and every start paid full class loading; so train whenever the jar is newer.
ringnsq_cds_stale() {
  [ -f "$RINGNSQ_JAR" ] && [ -w "$(dirname "$RINGNSQ_CDS")" ] || return 1
  [ ! -f "$RINGNSQ_CDS" ] || [ "$RINGNSQ_JAR" -nt "$RINGNSQ_CDS" ] || return 1
  # a training run that failed is not retried on every start: only for the next jar
  [ ! -f "$RINGNSQ_CDS.failed" ] || [ "$RINGNSQ_JAR" -nt "$RINGNSQ_CDS.failed" ]
}

# The collector when RINGNSQ_JAVA_OPTS names none: ZGC. Its pauses stay under a millisecond with a million messages
# queued in memory, where G1 stopped for 50-60 ms at a time and published 6% less (README, performance). The archive
# below is made with it: the JVM ignores an archive made with other compressed-oops settings (G1, Serial, Parallel).
RINGNSQ_DEFAULT_GC="-XX:+UseZGC"

ringnsq_gc() {
  case " ${RINGNSQ_JAVA_OPTS:-} " in
    *" -XX:+Use"*"GC "*) ;;
    *) echo "$RINGNSQ_DEFAULT_GC" ;;
  esac
}

ringnsq_train() {
  (
    flock 9
    if ringnsq_cds_stale; then
      local fresh="$RINGNSQ_CDS.$$"
      rm -f "$RINGNSQ_CDS" "$RINGNSQ_CDS.failed"
      # written aside and renamed: a JVM starting meanwhile never maps half an archive
      if "${JAVA:-java}" "@$RINGNSQ_JVM_OPTIONS" $RINGNSQ_DEFAULT_GC -XX:ArchiveClassesAtExit="$fresh" -Xlog:cds=off -Xlog:cds+dynamic=off \
          -cp "$RINGNSQ_JAR" io.ringnsq.transport.nsqd.StartupTraining >/dev/null 2>&1 && [ -s "$fresh" ]; then
        mv -f "$fresh" "$RINGNSQ_CDS"
      else
        rm -f "$fresh"
        touch "$RINGNSQ_CDS.failed"   # start-up is only slower without it
      fi
    fi
  ) 9>"$RINGNSQ_HOME/.build.lock"
}

ringnsq_exec() {
  local main_class="$1"
  shift
  if [ "${RINGNSQ_NO_BUILD:-}" != "1" ] && ringnsq_stale; then
    ringnsq_build || exit 1
  fi
  # the jar is used as it is even with RINGNSQ_NO_BUILD=1; only the archive beside it is made
  if ringnsq_cds_stale; then
    ringnsq_train
  fi
  local cds=()
  [ -f "$RINGNSQ_CDS" ] && cds=(-XX:SharedArchiveFile="$RINGNSQ_CDS" -Xlog:cds=off -Xlog:cds+dynamic=off)
  # an OutOfMemoryError ends the process (exit code 3), as Go's runtime ends nsqd: a JVM that lives on after its
  # engine thread died would hold the port and answer nothing, and no supervisor would restart it
  # shellcheck disable=SC2086
  exec "${JAVA:-java}" "@$RINGNSQ_JVM_OPTIONS" -Xshare:auto "${cds[@]}" -XX:+ExitOnOutOfMemoryError $(ringnsq_gc) ${RINGNSQ_JAVA_OPTS:-} \
    -cp "$RINGNSQ_JAR" "$main_class" "$@"
}
