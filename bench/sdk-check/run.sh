#!/usr/bin/env bash
# Runs the official OpenAI Node SDK, unchanged, through the packaged gateway against a scripted fake upstream.
# Needs: node + npm, and `./mvnw -B package` done first (it uses target/quarkus-app). Loopback only.
# Readiness includes seeding the demo knowledge base, so the wait for it is generous (60 s).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 2; }
cd "$here"
[ -d node_modules/openai ] || npm install --no-audit --no-fund --no-package-lock --silent

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

node fake-upstream.mjs > "$work/upstream.port" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/upstream.port" ] && break; sleep 0.1; done
upstream_port=$(cat "$work/upstream.port")
gateway_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

(cd "$work" && exec java -Dquarkus.http.port="$gateway_port" -Dquarkus.http.host=127.0.0.1 \
  -Dgateway.data-dir="$work/data" -Dgateway.providers.openai.base-url="http://127.0.0.1:$upstream_port/v1" \
  -Dgateway.providers.openai.api-key=sk-fake -jar "$jar" > "$work/gateway.log" 2>&1) &
pids+=($!)
for _ in $(seq 300); do
  curl -fs "http://127.0.0.1:$gateway_port/q/health/ready" > /dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$gateway_port/q/health/ready" > /dev/null || { cat "$work/gateway.log"; exit 1; }

GATEWAY_URL="http://127.0.0.1:$gateway_port/v1" node check.mjs
