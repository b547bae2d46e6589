-- wrk script: POST the JSON in $BODY; optional fixed think time $THINK_MS between a connection's requests
-- (wrk's delay() hook: latency is timed from the write, so the think time is not counted in it).
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"
-- The gateway's API key (bench/run.sh exports it); upstreams ignore the header.
local key = os.getenv("API_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
local think = tonumber(os.getenv("THINK_MS") or "0")
if think > 0 then
  function delay() return think end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d status=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
