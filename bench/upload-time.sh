#!/usr/bin/env bash
# Time from upload to searchable for a generated markdown manual (issue 11, finding 4):
#   ./mvnw -B package -DskipTests && bench/upload-time.sh [bytes]      # 2000000 by default
# Starts the packaged gateway (JAR=path/to/quarkus-run.jar for another build, JAVA_OPTS for more -D options, e.g.
# -Dgateway.knowledge.indexing-threads=1) with the README's small-host JVM
# options on a free loopback port and a temp data dir, uploads the file, polls the document until it is ready (an
# old build answers 201 when done), prints the times, the CPU the gateway spent from upload to ready (all threads;
# on a shared machine the wall time also counts waiting for a core) and its peak RSS, and stops it by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
bytes=${1:-2000000}
jar=${JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
[ -f target/test-classes/io/confidencegateway/knowledge/LargeMarkdown.class ] || ./mvnw -B -q test-compile

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=
for candidate in $(shuf -i 20000-29999 -n 50); do
  if ! ss -ltn | awk '{print $4}' | grep -q ":$candidate\$"; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free port" >&2; exit 1; }
base=http://127.0.0.1:$port

java -cp target/test-classes io.confidencegateway.knowledge.LargeMarkdown "$work/manual.md" "$bytes"
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmx112m -Xss512k ${JAVA_OPTS:-} -Dquarkus.http.port="$port" \
  -Dquarkus.http.host=127.0.0.1 -Dgateway.data-dir="$work/data" -jar "$jar" >"$work/gateway.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  curl -sf --max-time 2 "$base/q/health/ready" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/gateway.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf --max-time 2 "$base/q/health/ready" >/dev/null || { echo "gateway not ready" >&2; exit 1; }

curl -sf --max-time 10 -X PUT "$base/v1/products/upload-bench" -H 'content-type: application/json' -d '{
  "name": "Upload bench", "user_persona": "Agents", "job_to_be_done": "Answer from a large manual",
  "input_types": ["text"], "output_format": "text", "max_latency_seconds": 4, "context_window_needs": "short",
  "hallucination_risk": "medium", "requires_citations": true, "human_review_required": false,
  "accuracy_target": 0.9, "daily_requests_estimate": 100, "concurrent_users_peak": 5, "data_residency": "EU",
  "pii_handling": "redact", "eligible_users": 50, "on_latency_budget": "best_effort",
  "thresholds": {"high": 0.85, "medium": 0.6, "review": 0.6, "fallback": 0.3}}' >/dev/null

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks=$(getconf CLK_TCK)
cpu_start=$(cpu)
start=$(date +%s.%N)
code=$(curl -s --max-time 900 -o "$work/upload.json" -w '%{http_code}' \
  -F "file=@$work/manual.md;type=text/markdown" "$base/v1/products/upload-bench/documents")
answered=$(date +%s.%N)
[ "$code" = 201 ] || [ "$code" = 202 ] || { echo "upload answered $code: $(cat "$work/upload.json")" >&2; exit 1; }
id=$(jq -r .id "$work/upload.json")
status=$(jq -r '.status // "ready"' "$work/upload.json")
while [ "$status" = indexing ]; do
  sleep 0.5
  status=$(curl -sf --max-time 5 "$base/v1/products/upload-bench/documents/$id" | tee "$work/doc.json" | jq -r .status)
done
ready=$(date +%s.%N)
cpu_ready=$(cpu)
[ "$status" = ready ] || { echo "indexing ended $status: $(cat "$work/doc.json")" >&2; exit 1; }
passages=$(curl -sf --max-time 5 "$base/v1/products/upload-bench/documents/$id" | jq -r .passages)
hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")
printf 'file %d bytes, %s passages: answered %s in %.1f s, ready after %.1f s, %.1f s CPU; peak RSS %s MB (load %s)\n' \
  "$(stat -c %s "$work/manual.md")" "$passages" "$code" "$(echo "$answered - $start" | bc)" \
  "$(echo "$ready - $start" | bc)" "$(echo "($cpu_ready - $cpu_start) / $ticks" | bc -l)" "$hwm" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
grep -o 'Indexed document.*' "$work/gateway.log" | tail -1 || true
