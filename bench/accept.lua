-- wrk script: updateCustomerData mutations as a frontend sends them (one query text, values in variables), each for a customer of its own (so no two share a resource), with
-- six attributes, which makes the stored operation's payload about 400 bytes. done() prints one line the
-- benchmark reads: every figure in microseconds.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1] or "run"
  wrk.method = "POST"
  wrk.path = "/graphql"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local customer = string.format("cust_%s_%d_%d", prefix, id, counter)
  local body = '{"query":"mutation Update($customerId: String!, $data: [KeyValueInput!]!) { '
    .. 'updateCustomerData(customerId: $customerId, personalizationData: $data) '
    .. '{ success customerId operationId status } }",'
    .. '"variables":{"customerId":"' .. customer .. '","data":['
    .. '{"key":"communication_preference","value":"email_only"},{"key":"loyalty_tier","value":"gold"},'
    .. '{"key":"preferred_language","value":"en-GB"},{"key":"lifetimeValueNum","value":"1249.50"},'
    .. '{"key":"newsletter_topics","value":"product updates, offers"},'
    .. '{"key":"last_campaign","value":"spring-2024-loyalty"}]}}'
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
