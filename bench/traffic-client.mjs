// A load run that keeps every answer's latency and status: the soak and
// overload scenarios need "how many answers came within 2 s", "how many were
// 503", and the slowest one, which neither wrk's nor autocannon's summary
// gives. It runs autocannon's programmatic API in its own process (pinned by
// the caller), each connection looping over `requests` in order.
//
//   node bench/traffic-client.mjs '<spec as JSON>'
//   spec: { url, connections, seconds, timeoutSeconds, withinMs, requests: [{ method, path, headers, body }] }
//
// Prints one line: TRAFFIC_JSON {…}.
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2] ?? '{}');
const withinMs = spec.withinMs ?? 2_000;

const latencies = [];
// Per second of the run (by answer time): answers, 503s, slowest answer.
const timeline = [];
const startedAt = performance.now();
const statuses = {};
let answeredWithin = 0;
let errorsSeen = 0;

const instance = autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  timeout: spec.timeoutSeconds ?? 10,
  requests: spec.requests,
});
instance.on('response', (_client, status, _bytes, milliseconds) => {
  latencies.push(milliseconds);
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (milliseconds <= withinMs) answeredWithin += 1;
  const second = Math.floor((performance.now() - startedAt) / 1000);
  timeline[second] ??= { answers: 0, unavailable: 0, maxMs: 0 };
  const slot = timeline[second];
  slot.answers += 1;
  if (status === 503) slot.unavailable += 1;
  slot.maxMs = Math.max(slot.maxMs, Math.round(milliseconds));
});
instance.on('reqError', () => {
  errorsSeen += 1;
});
process.once('SIGTERM', () => instance.stop());

const result = await instance;
const sorted = Float64Array.from(latencies).sort();
const percentile = (p) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = {
  seconds: result.duration,
  answered: latencies.length,
  answeredWithin,
  withinMs,
  statuses,
  // Connection errors and timeouts: requests that never got an answer.
  errors: errorsSeen,
  timeouts: result.timeouts,
  p50Ms: percentile(50),
  p99Ms: percentile(99),
  maxMs: sorted.length === 0 ? 0 : sorted[sorted.length - 1],
  timeline: Array.from(timeline, (slot) => slot ?? { answers: 0, unavailable: 0, maxMs: 0 }),
};
process.stdout.write(`\nTRAFFIC_JSON ${JSON.stringify(summary)}\n`);
