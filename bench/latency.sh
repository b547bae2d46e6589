#!/usr/bin/env bash
# Scoring latency: one ~150-word answer against 5 passages, single thread, pinned to one core when possible.
#   bench/latency.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=target/eval.classpath -Dmdep.includeScope=runtime
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
exec "${pin[@]}" java -XX:ActiveProcessorCount=1 -cp "target/classes:$(cat target/eval.classpath)" \
  io.confidencegateway.confidence.eval.ScoringBenchmark "$@"
