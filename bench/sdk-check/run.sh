#!/usr/bin/env bash
# Runs the official OpenAI Node SDK and LangChain JS, unchanged, through the packaged gateway against a scripted
# fake upstream. Needs: node + npm, and `./mvnw -B package` done first (it uses target/quarkus-app). Loopback only.
# Installs the pinned versions of package-lock.json (npm ci) when they are missing. Every step is bounded in time
# (install 5 min, start-up 60 s, each check 2 min), and every process it starts is stopped on the way out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 2; }
cd "$here"
if [ ! -d node_modules/openai ] || [ ! -d node_modules/@langchain/openai ] || [ ! -d node_modules/@langchain/core ]; then
  timeout 300 npm ci --no-audit --no-fund --silent
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

node fake-upstream.mjs > "$work/upstream.port" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/upstream.port" ] && break; sleep 0.1; done
upstream_port=$(cat "$work/upstream.port")
# The SDKs run with a client key, as users run them; the admin key only creates it.
admin_key="cg_sdkcheck_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
gateway_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# Readiness includes seeding the demo knowledge base, so the wait for it is generous.
(cd "$work" && exec java -Dquarkus.http.port="$gateway_port" -Dquarkus.http.host=127.0.0.1 \
  -Dgateway.data-dir="$work/data" -Dgateway.providers.openai.base-url="http://127.0.0.1:$upstream_port/v1" \
  -Dgateway.providers.openai.api-key=sk-fake -Dgateway.access.admin-key="$admin_key" \
  -jar "$jar" > "$work/gateway.log" 2>&1) &
pids+=($!)
ready() { curl -fs --max-time 2 "http://127.0.0.1:$gateway_port/q/health/ready" > /dev/null 2>&1; }
deadline=$((SECONDS + 60))
until ready; do
  ((SECONDS < deadline)) || { cat "$work/gateway.log"; echo "the gateway was not ready within 60 s" >&2; exit 1; }
  sleep 0.2
done

export GATEWAY_URL="http://127.0.0.1:$gateway_port/v1"
GATEWAY_KEY=$(curl -fsS --max-time 10 "http://127.0.0.1:$gateway_port/v1/keys" -H "Authorization: Bearer $admin_key" \
  -H 'content-type: application/json' -d '{"name": "sdk-check", "role": "client"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
export GATEWAY_KEY
timeout 120 node check.mjs
timeout 120 node langchain.mjs
