-- wrk script for bench/ingest/run.sh: sends the pre-signed requests written
-- by make_requests.py (each request once; when a run outlasts them it starts
-- over and counts the wrap, which the server logs as idempotent duplicates).
-- Usage: wrk -t T -c C -d D -s requests.lua URL -- DIR
-- Prints one machine-readable "RESULT ..." line at the end.

local counter = 0
local threads = {}

function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

local heads = {}
local n = 0
local i = 0
local tail = ""
wraps = 0

local function slurp(path)
    local f = assert(io.open(path, "rb"))
    local data = f:read("*a")
    f:close()
    return data
end

function init(args)
    local dir = args[1]
    tail = slurp(dir .. "/tail.bin")
    local data = slurp(dir .. "/heads_" .. tid .. ".bin")
    local pos = 1
    while true do
        local z = string.find(data, "\0", pos, true)
        if not z then break end
        n = n + 1
        heads[n] = string.sub(data, pos, z - 1)
        pos = z + 1
    end
    assert(n > 0, "no requests in " .. dir)
end

function request()
    i = i + 1
    if i > n then
        i = 1
        wraps = wraps + 1
    end
    return heads[i] .. tail
end

function done(summary, latency, requests)
    local w = 0
    for _, t in ipairs(threads) do
        w = w + t:get("wraps")
    end
    -- wrk counts responses with a status above 399 as status errors; no
    -- response() callback, so wrk need not hand every response to Lua.
    local bad = summary.errors.status
    local good = summary.requests - bad
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d duration_us=%d ok2xx=%d non2xx=%d socket_errors=%d timeouts=%d p50_us=%d p99_us=%d max_us=%d wraps=%d\n",
        summary.requests, summary.duration, good, bad, e.connect + e.read + e.write, e.timeout,
        latency:percentile(50), latency:percentile(99), latency.max, w))
end
