-- The shared ../shared/peers/bench/stk.lua, paced: every connection waits PACE_MS after each answer before it sends
-- its next callback, so that C connections offer about C * 1000 / (PACE_MS + latency) callbacks/s. wrk cannot hold
-- an exact rate (it is closed-loop), but paced like this it measures the latency at a given load, where the bench's
-- own Java generator saturates first. Everything else (bodies, uniqueness, the summary line) is the shared script's.
--   STK_SCRIPT=../shared/peers/bench/stk.lua PACE_MS=100 wrk -t2 -c50 -d30s -s src/test/resources/bench/stk-paced.lua \
--     http://127.0.0.1:8080 -- /thibitisha/api/daraja/174379/sandbox/stk        # about 480 callbacks/s
dofile(os.getenv("STK_SCRIPT") or "../shared/peers/bench/stk.lua")

local pace = tonumber(os.getenv("PACE_MS") or "100")

function delay()
  return pace
end
