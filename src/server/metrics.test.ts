import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { type TestContext, test } from 'node:test';
import {
  runMonsters,
  startServer,
  waitUntil,
  within,
} from '../../test/helpers/monsters-process.js';

const SQLITE = { DATABASE_URL: 'sqlite:///data/halloween.db' };
const REAL_PROCESS = { timeout: 120_000 };

/** Every family docs/deployment.md lists, as its samples appear in the text format. */
const FAMILIES = [
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_p99_seconds',
  'nodejs_eventloop_utilization',
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
  'db_pool_connections',
  'db_pool_idle_connections',
  'db_pool_waiting_queries',
  'db_query_duration_seconds_bucket',
];

/** A port on 127.0.0.1 held busy by the test. */
async function heldPort(t: TestContext): Promise<number> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.after(() => holder.close());
  const address = holder.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** The value of one sample line (`name{labels} value`), summed over the lines that match. */
function sampleTotal(text: string, name: string, labels: readonly string[] = []): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const hasSample = (text: string, name: string) =>
  text.split('\n').some((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

async function scrape(metricsUrl: string): Promise<string> {
  const answer = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) });
  assert.equal(answer.status, 200);
  assert.match(answer.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return answer.text();
}

const get = (url: string) =>
  fetch(url, { headers: { connection: 'close' }, signal: AbortSignal.timeout(10_000) });

test(
  'serve --metrics-port: /metrics shows every family, routes by template, never on the public port; SIGTERM closes it',
  REAL_PROCESS,
  async (t) => {
    const server = await startServer(t, ['--metrics-port', '0'], { env: SQLITE });
    const [, metricsUrl = ''] = await server.waitForStdout(
      /Metrics \(Prometheus\) on (http:\/\/127\.0\.0\.1:\d+\/metrics)/,
    );
    assert.equal((await get(`${server.url}/monsters/cosmic/1`)).status, 200);
    assert.equal((await get(`${server.url}/monsters/cosmic/2`)).status, 200);
    assert.equal((await get(`${server.url}/no-such-page-4711`)).status, 404);
    const publicMetrics = await get(`${server.url}/metrics`);
    assert.equal(publicMetrics.status, 404, 'the public port has no /metrics');

    const text = await scrape(metricsUrl);
    for (const family of FAMILIES) assert.ok(hasSample(text, family), `${family} in:\n${text}`);
    const pages = ['method="GET"', 'route="/monsters/:category/:id"', 'status_code="200"'];
    assert.equal(sampleTotal(text, 'http_requests_total', pages), 2);
    assert.equal(
      sampleTotal(text, 'http_request_duration_seconds_count', pages),
      2,
      'one latency observation per request',
    );
    assert.equal(
      sampleTotal(text, 'http_requests_total', ['route="unmatched"', 'status_code="404"']),
      2,
      'the unknown page and the public /metrics share one label value',
    );
    assert.doesNotMatch(text, /cosmic|no-such-page|route="\/metrics"/, 'never a raw URL');
    assert.equal(sampleTotal(text, 'db_pool_connections'), 1, "SQLite's one connection");
    assert.ok(sampleTotal(text, 'db_query_duration_seconds_count', ['operation="select"']) >= 2);
    assert.equal((await get(metricsUrl.replace('/metrics', '/'))).status, 404);

    server.signalGroup('SIGTERM');
    const exit = await within(server.exited, 20_000, 'the server to exit');
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    await assert.rejects(get(metricsUrl), 'the metrics port is closed');
  },
);

test(
  'serve --workers 2 --metrics-port: the primary serves the sum of both workers',
  REAL_PROCESS,
  async (t) => {
    const server = await startServer(t, ['--workers', '2', '--metrics-port', '0'], {
      env: SQLITE,
    });
    const [, metricsUrl = ''] = await server.waitForStdout(
      /Metrics \(Prometheus\) on (http:\/\/127\.0\.0\.1:\d+\/metrics)/,
    );
    // One connection each: the cluster hands connections to the workers in turn.
    const requests = 12;
    for (let index = 0; index < requests; index += 1) {
      assert.equal((await get(`${server.url}/status`)).status, 200);
    }
    const status = ['route="/status"', 'status_code="200"'];
    let text = '';
    await waitUntil(
      async () => {
        text = await scrape(metricsUrl);
        return sampleTotal(text, 'http_requests_total', status) === requests;
      },
      15_000,
      `${requests} requests counted`,
    ).catch((error: Error) => assert.fail(`${error.message}:\n${text}`));
    for (const family of FAMILIES) assert.ok(hasSample(text, family), `${family} in:\n${text}`);
    assert.equal(
      sampleTotal(text, 'db_pool_connections'),
      2,
      "both workers reported (each has SQLite's one connection)",
    );
    assert.equal((await get(`${server.url}/metrics`)).status, 404);

    server.signalGroup('SIGTERM');
    const exit = await within(server.exited, 20_000, 'the server to exit');
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    await assert.rejects(get(metricsUrl), 'the metrics port is closed');
  },
);

for (const workers of [1, 2]) {
  test(
    `serve --workers ${workers} with METRICS_PORT in use: one line on stderr, exit code 1`,
    REAL_PROCESS,
    async (t) => {
      const port = await heldPort(t);
      const run = await runMonsters(t, ['serve', '--port', '0', '--workers', String(workers)], {
        env: { ...SQLITE, METRICS_PORT: String(port) },
      });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(
        run.stderr,
        new RegExp(`^monsters: .*127\\.0\\.0\\.1:${port} for metrics \\(METRICS_PORT\\).*in use`),
      );
    },
  );
}
