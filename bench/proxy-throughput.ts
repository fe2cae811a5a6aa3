// Requests per second through nginx (deploy/) to one app instance against
// two, measured in the same run on the same instances, PostgreSQL and
// machine (docs/deployment.md "Sizing"). Not part of `npm run bench`:
//
//   npm run build && node --import tsx bench/proxy-throughput.ts
//
// It runs as one node:test test only to reuse the end-to-end test's stack
// (test/helpers/proxy-stack.ts) and its clean-up of every process it starts.
// autocannon runs in a child process, over HTTPS, keep-alive connections.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../src/shared/project.js';
import { startNginx } from '../test/helpers/nginx-proxy.js';
import { PROXY_ADDRESS, startProxyStack } from '../test/helpers/proxy-stack.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PATHS = ['/api/monsters/1', '/monsters'];

interface Measure {
  readonly rps: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

function autocannon(url: string, seconds: number): Measure {
  const output = execFileSync(
    process.execPath,
    [
      join(PROJECT_ROOT, 'node_modules', 'autocannon', 'autocannon.js'),
      '--json',
      '-c',
      String(CONNECTIONS),
      '-d',
      String(seconds),
      '-H',
      'accept-encoding=gzip',
      url,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(output) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

test('throughput through nginx: one instance against two', { timeout: 600_000 }, async (t) => {
  const stack = await startProxyStack(t, { count: 2 });
  const [first] = stack.instances;
  if (!first) throw new Error('no instance');
  const single = await startNginx(t, {
    upstreams: [new URL(first.url).host],
    proxyBind: PROXY_ADDRESS,
  });
  const proxies = { '1 instance': single.httpsUrl, '2 instances': stack.nginx.httpsUrl };
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds alternating, medians`,
  );
  for (const path of PATHS) {
    for (const url of Object.values(proxies)) autocannon(`${url}${path}`, 2); // warm-up
    const runs = new Map<string, Measure[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of Object.entries(proxies))
        runs.set(name, [...(runs.get(name) ?? []), autocannon(`${url}${path}`, SECONDS)]);
    }
    for (const [name, measures] of runs) {
      const rps = median(measures.map((m) => m.rps));
      const p99 = median(measures.map((m) => m.p99));
      const bad = measures.reduce((sum, m) => sum + m.non2xx + m.errors, 0);
      console.log(
        `GET ${path.padEnd(16)} ${name.padEnd(12)} ${rps.toFixed(0).padStart(6)} req/s  p99 ${p99} ms  non-2xx/errors ${bad}`,
      );
    }
  }
});
