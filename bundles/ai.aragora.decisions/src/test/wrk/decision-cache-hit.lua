-- A cache hit of POST /api/v1/decisions at a fixed rate: RATE requests per second in all (2,000
-- unless set), spread over wrk's threads (THREADS, default 2: pass the same -t), each request
-- taking its thread's next slot, so the rate does not sink as the latency rises.
wrk.method = "POST"
wrk.body = '{"input":"Should we adopt exponential backoff with jitter?","config":{"seed":1}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } aragora_timespec; int clock_gettime(int, aragora_timespec *); ]]
local ts = ffi.new("aragora_timespec")
local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
local interval = tonumber(os.getenv("THREADS") or "2") * 1000 / tonumber(os.getenv("RATE") or "2000")
local slot = nil

function delay()
  local now = now_ms()
  if slot == nil or slot < now - 1000 then slot = now end
  slot = slot + interval
  return math.max(0, math.floor(slot - now))
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, non-2xx %d, rate %.0f/s\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%g %.3f ms\n", p, latency:percentile(p) / 1000))
  end
end
