-- A copy of ../shared/peers/bench/stk.lua (the shared script) in which every callback names a new, valid Kenyan
-- mobile number (2547 + thread digit + run digit + counter), so that none is THROTTLED by contract §2 rule 13 and each one
-- is queued for a call: one JMS send per callback, as in real traffic. Only the phone number differs.
-- wrk script: every request POSTs a unique, valid, successful Daraja STK callback
-- (ResultCode 0, Amount 1500, PhoneNumber 254708374149, unique CheckoutRequestID and receipt).
--
-- The path is taken from, in order: the first script argument, the STK_PATH environment
-- variable, the path in the URL, else /mpesa/callback. Examples:
--   wrk -t2 -c32 -d10s -s peers/bench/stk.lua http://127.0.0.1:3000                    # seed-node peer
--   wrk -t2 -c32 -d10s -s peers/bench/stk.lua http://127.0.0.1:8080 -- /thibitisha/api/daraja/174379/sandbox/stk
--   STK_PATH=/thibitisha/api/daraja/174379/sandbox/stk wrk -t2 -c32 -d10s -s peers/bench/stk.lua http://127.0.0.1:8080
-- Uniqueness: CheckoutRequestID = ws_CO_<run>_<thread>_<n>; receipt = 10 uppercase
-- alphanumerics built from (run, thread, n); up to 36 threads and 36^6 requests per thread.
-- CheckoutRequestIDs never repeat across runs (the run tag holds the start second plus a random
-- part); a receipt repeats across two runs only with a 1-in-1296 chance.
-- done() prints the latency percentiles (also without --latency) and the non-2xx count.

local B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

local function base36(n, width)
  local s = ""
  repeat
    local d = n % 36
    s = string.sub(B36, d + 1, d + 1) .. s
    n = math.floor(n / 36)
  until n == 0
  while #s < width do s = "0" .. s end
  return string.sub(s, -width)
end

-- ---- main state: give every thread its id and the run id --------------------------------
-- (globals, not locals: setup() overwrites them in each thread's Lua state)
thread_count = 0
math.randomseed(os.time())
run_id = math.random(0, 36 * 36 - 1)              -- 2 base-36 characters in the receipt
run_tag = tostring(os.time()) .. base36(run_id, 2)
thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_count)
  thread:set("run_id", run_id)
  thread:set("run_tag", run_tag)
  thread_count = thread_count + 1
end

-- ---- per-thread state --------------------------------------------------------------------
local counter = 0
local path = nil
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  path = (args and args[1]) or os.getenv("STK_PATH")
  if path == nil or path == "" then
    if wrk.path ~= nil and wrk.path ~= "" and wrk.path ~= "/" then path = wrk.path else path = "/mpesa/callback" end
  end
  if thread_id == 0 then io.write("stk.lua: POST " .. path .. "\n") end
end

local BODY = '{"Body":{"stkCallback":{"MerchantRequestID":"%s","CheckoutRequestID":"%s",'
  .. '"ResultCode":0,"ResultDesc":"The service request is processed successfully.",'
  .. '"CallbackMetadata":{"Item":[{"Name":"Amount","Value":1500},'
  .. '{"Name":"MpesaReceiptNumber","Value":"%s"},{"Name":"Balance"},'
  .. '{"Name":"TransactionDate","Value":%s},{"Name":"PhoneNumber","Value":2547%s}]}}}}'

function request()
  counter = counter + 1
  local id = string.format("%s_%d_%d", run_tag, thread_id, counter)
  -- receipt (10 chars): 'S' + run (2) + thread (1) + counter (6, unique up to 36^6 per thread)
  local receipt = "S" .. base36(run_id, 2) .. base36(thread_id, 1) .. base36(counter, 6)
  local body = string.format(BODY,
    "29115-" .. id, "ws_CO_" .. id, receipt, os.date("%Y%m%d%H%M%S"), string.format("%d%d%06d", thread_id % 10, run_id % 10, counter % 1000000))
  return wrk.format("POST", path, headers, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format(
    "stk.lua: %d requests in %.2fs = %.1f req/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; "
      .. "non-2xx/3xx %d, socket errors connect %d read %d write %d timeout %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    non2xx, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
