-- A cache hit of POST /api/v1/decisions, paced: each connection sends one request every
-- DELAY_MS, so the rate is connections * 1000 / DELAY_MS requests per second.
wrk.method = "POST"
wrk.body = '{"input":"Should we adopt exponential backoff with jitter?","config":{"seed":1}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local pause = tonumber(os.getenv("DELAY_MS") or "10")

function delay()
  return pause
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, non-2xx %d, rate %.0f/s\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%g %.3f ms\n", p, latency:percentile(p) / 1000))
  end
end
