#!/usr/bin/env bash
# Scoring latency: one ~150-word answer against 5 passages, single thread, pinned to one core when possible.
#   bench/latency.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
# The tools live in test scope (src/test/java: they are not shipped in the jar), so they run from test-classes.
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/eval.classpath -Dmdep.includeScope=test
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
exec "${pin[@]}" java -XX:ActiveProcessorCount=1 -cp "target/test-classes:target/classes:$(cat target/eval.classpath)" \
  io.confidencegateway.confidence.eval.ScoringBenchmark "$@"
