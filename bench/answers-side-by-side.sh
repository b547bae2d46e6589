#!/usr/bin/env bash
# CPU per product answer of several packaged gateways, measured side by side so that they share the machine's load:
# all run at once on core 0, and one-connection POST /v1/answers rounds (wrk + post.lua, product support-copilot)
# take turns, so a busier minute hits every build alike. Then their idle CPU over the same minute. Loopback only.
#   bench/answers-side-by-side.sh old=/path/to/old/worktree new=.:US   # label=root[:region of the answerer]
#   ROUNDS=4 ROUND=20 WARMUP=90 IDLE=60 PROFILE=1 bench/answers-side-by-side.sh ...
# Each root must hold target/quarkus-app (./mvnw -B package -DskipTests). PROFILE=1 records a JFR (execution
# samples every 10 ms, from start) per gateway into $OUT/<label>/rec.jfr. Every process started here is stopped by PID.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(mktemp -d /tmp/answers-side-by-side.XXXXXX)}
ROUNDS=${ROUNDS:-4}; ROUND=${ROUND:-20}; WARMUP=${WARMUP:-90}; IDLE=${IDLE:-60}
export MALLOC_ARENA_MAX=2
API_KEY="cg_bench_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"; export API_KEY
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
free_port() { local p; for _ in $(seq 200); do p=$(( 20000 + RANDOM % 10000 )); [ -z "$(ss -Hltn "sport = :$p")" ] && { echo "$p"; return; }; done; exit 1; }
UP=$(free_port)
mkdir -p "$OUT/up/tmp"
cat > "$OUT/up/nginx.conf" <<NG
worker_processes 1; daemon off; pid $OUT/up/nginx.pid; error_log $OUT/up/error.log warn;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $OUT/up/tmp/body; proxy_temp_path $OUT/up/tmp/proxy;
  fastcgi_temp_path $OUT/up/tmp/f; uwsgi_temp_path $OUT/up/tmp/u; scgi_temp_path $OUT/up/tmp/s;
  keepalive_requests 1000000; keepalive_timeout 120s;
  server { listen 127.0.0.1:$UP;
    location = /v1/chat/completions { default_type application/json; return 200 '$(cat "$here/fixtures/completion.json")'; }
    location = /answer/v1/chat/completions { default_type application/json; return 200 '$(cat "$here/fixtures/answer.json")'; } } }
NG
taskset -c 1 "$(command -v nginx || echo /usr/sbin/nginx)" -p "$OUT/up" -c "$OUT/up/nginx.conf" & pids+=($!)
declare -A GP PORT
labels=()
jfc=$OUT/exec.jfc
cat > "$jfc" <<'J'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="exec"><event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event></configuration>
J
for spec in "$@"; do
  label=${spec%%=*}; rest=${spec#*=}; root=$(cd "${rest%%:*}" && pwd); region=; [[ $rest == *:* ]] && region=${rest#*:}
  labels+=("$label"); mkdir -p "$OUT/$label"; PORT[$label]=$(free_port)
  jfr=(); [ -n "${PROFILE:-}" ] && jfr=(-XX:StartFlightRecording=settings="$jfc",filename="$OUT/$label/rec.jfr")
  (cd "$OUT/$label" && exec taskset -c 0 java -XX:+UseSerialGC -Xmx112m -Xss512k "${jfr[@]}" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="${PORT[$label]}" -Dgateway.data-dir="$OUT/$label/data" \
    -Dgateway.providers.openai.base-url="http://127.0.0.1:$UP/v1" -Dgateway.providers.openai.api-key=sk-fake \
    -Dgateway.providers.answerer.type=openai -Dgateway.providers.answerer.base-url="http://127.0.0.1:$UP/answer/v1" \
    -Dgateway.providers.answerer.api-key=sk-fake ${region:+-Dgateway.providers.answerer.region=$region} \
    -Dgateway.models.gpt-4o.provider=answerer -Dgateway.models.gpt-4o.model=gpt-4o \
    -Dgateway.access.admin-key="$API_KEY" -jar "$root/target/quarkus-app/quarkus-run.jar" > "$OUT/$label/gw.log" 2>&1) &
  GP[$label]=$!; pids+=($!)
  for _ in $(seq 1200); do curl -fs -o /dev/null "http://127.0.0.1:${PORT[$label]}/q/health/ready" && break; sleep 0.05; done
done
TCK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/${GP[$1]}/stat"; }
ANSWER='{"product":"support-copilot","question":"How long is the refund window?"}'
run() { # label seconds: one wrk connection, CPU of that gateway over the run / answers
  local c0 c1 o; c0=$(ticks "$1")
  o=$(BODY="$ANSWER" THINK_MS=0 timeout $(( $2 + 30 )) taskset -c 1 wrk -t1 -c1 -d"$2s" --timeout 5s -s "$here/post.lua" \
    "http://127.0.0.1:${PORT[$1]}/v1/answers" | grep '^RESULT')
  c1=$(ticks "$1")
  awk -v l="$1" -v t=$((c1 - c0)) -v k="$TCK" -v o="$o" -v la="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
    n = split(o, kv, /[ =]/); for (i = 2; i < n; i += 2) r[kv[i]] = kv[i + 1]
    printf "%-8s answers=%d cpu_us_per_answer=%.0f p50_us=%d non2xx=%d load=%s\n", l, r["requests"], t / k * 1e6 / r["requests"], r["p50_us"], r["status"], la }'
}
for l in "${labels[@]}"; do echo "warmup ${WARMUP}s $(run "$l" "$WARMUP")"; done
for r in $(seq "$ROUNDS"); do for l in "${labels[@]}"; do echo "round$r $(run "$l" "$ROUND")"; done; done
sleep 15
declare -A I0; for l in "${labels[@]}"; do I0[$l]=$(ticks "$l"); done
sleep "$IDLE"
for l in "${labels[@]}"; do
  awk -v l="$l" -v t=$(( $(ticks "$l") - ${I0[$l]} )) -v k="$TCK" -v d="$IDLE" 'BEGIN{printf "idle %-8s cpu_ms_per_s=%.2f\n", l, t / k * 1000 / d}'
done
for l in "${labels[@]}"; do echo "$l: $(grep -c ' ERROR ' "$OUT/$l/gw.log" || true) ERROR lines; output in $OUT/$l"; done
