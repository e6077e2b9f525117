#!/bin/sh
# Runs the end-to-end backtest benchmark (dev.ballast.bench.EndToEndBenchmark) with the JVM flags it
# needs, building ballast-bench.jar first when it is missing or older than the sources; with --jmh
# also runs the JMH component benchmarks (short runs); --postgres runs only the PostgreSQL journal store's
# throughput (PostgresJournalBenchmark, which starts an embedded PostgreSQL itself); --live runs only the live-path
# latency benchmark (LiveLatencyBenchmark: tick to order out, the write-ahead durability wait, report to fill booked),
# passing it the other options. Selects a JDK 25 like ./ballast does.
#
#   ballast-bench/run-benchmarks.sh [--jmh] [--jmh-only] [--postgres] [EndToEndBenchmark options...]
#   ballast-bench/run-benchmarks.sh --live [LiveLatencyBenchmark options...]   e.g. --live --events 1000000
#   e.g. ballast-bench/run-benchmarks.sh --runs 5 --memory-only
#   (in memory, the Java strategy is also run with a RunJournal attached, alternating with the unjournaled runs,
#   printing e2e_backtest_journaled_bars_per_sec and journaled_ratio; --no-journal skips that)
#
# Heap: the in-memory mode holds 10M bars (~1.6 GB live after generation); each run allocates about
# 1 GB more (orders, events, fills). The young generation is sized (-Xmn3g) so that a timed run does
# not collect at all, and the heap is fixed and pre-touched: on this VM first-touch page faults made
# young pauses take seconds, which would be measured as engine time. Override with
# BALLAST_BENCH_JAVA_OPTS (e.g. add -verbose:gc).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/.mvn/select-jdk.sh"
jar="$root/ballast-bench/target/ballast-bench.jar"
jmh=0
e2e=1
postgres=0
live=0
for arg in "$@"; do
  case "$arg" in
    --live) live=1; e2e=0 ;;
    --jmh) jmh=1 ;;
    --jmh-only) jmh=1; e2e=0 ;;
    --postgres) postgres=1; e2e=0 ;;
  esac
done
stale=0
if [ ! -f "$jar" ]; then
  stale=1
elif [ -n "$(find "$root/pom.xml" "$root/ballast-model" "$root/ballast-engine" "$root/ballast-journal-postgres" "$root/ballast-examples" "$root/adapters" "$root/ballast-runtime" \
        "$root/ballast-cli" "$root/ballast-bench" \
        -path '*/target' -prune -o -newer "$jar" \( -name '*.java' -o -name 'pom.xml' \) -print 2>/dev/null | head -n 1)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  echo "run-benchmarks: building (jar missing or sources changed)..." >&2
  (cd "$root" && ./mvnw -q -B package -DskipTests) >&2
fi
if [ "$e2e" = 1 ]; then
  # Drop our own flags; pass the rest to the benchmark.
  args=""
  for arg in "$@"; do
    case "$arg" in --jmh|--jmh-only|--postgres) ;; *) args="$args $arg" ;; esac
  done
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -Xms6g -Xmx6g -Xmn3g -XX:+AlwaysPreTouch -XX:+UseParallelGC ${BALLAST_BENCH_JAVA_OPTS:-} \
    -cp "$jar" dev.ballast.bench.EndToEndBenchmark $args
fi
if [ "$live" = 1 ]; then
  args=""
  for arg in "$@"; do
    case "$arg" in --live) ;; *) args="$args $arg" ;; esac
  done
  # Every order of a run stays in the engine's books (about 4 GB for 1.1M orders); the heap is fixed and pre-touched
  # so that first-touch page faults do not show as latency. G1, the JVM's default, as a live run uses.
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -Xms6g -Xmx6g -XX:+AlwaysPreTouch ${BALLAST_BENCH_JAVA_OPTS:-} \
    -cp "$jar" dev.ballast.bench.LiveLatencyBenchmark $args
fi
if [ "$jmh" = 1 ]; then
  "$JAVA_HOME/bin/java" ${BALLAST_BENCH_JAVA_OPTS:-} -jar "$jar" 'CsvParseBenchmark|ComponentBenchmark' \
    -f 1 -wi 3 -i 5 -w 1s -r 1s
fi
if [ "$postgres" = 1 ]; then
  "$JAVA_HOME/bin/java" ${BALLAST_BENCH_JAVA_OPTS:-} -jar "$jar" PostgresJournalBenchmark -f 1 -wi 2 -i 3
fi
