// The bench's judgement and its load generator (bench/README.md): a ratio
// target passes only when the CPU ratio meets it too, the table shows the
// spread of the per-round ratios, and per-thread headers reach the server.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { loadTool, runLoad } from '../bench/load.js';
import {
  cells,
  cpuRatioFields,
  pairedRatios,
  type Row,
  ratioFields,
  verdict,
} from '../bench/report.js';

const TARGET = { op: '>=', value: 0.75 } as const;

function apiRow(throughputRatios: number[], cpuRatios: number[]): Row {
  const ratio = ratioFields(throughputRatios);
  return {
    scenario: '1. GET /api/monsters/:id: app',
    ...ratio,
    ...cpuRatioFields(cpuRatios),
    target: TARGET,
    measured: ratio.ratio,
  };
}

test('a ratio row passes only when req/s and CPU per request both meet the target', () => {
  assert.equal(verdict(apiRow([0.8, 0.82, 0.79], [0.8, 0.81, 0.8])), 'PASS');
  assert.equal(verdict(apiRow([0.8, 0.82, 0.79], [0.6, 0.62, 0.61])), 'FAIL');
  assert.equal(verdict(apiRow([0.6, 0.62, 0.61], [0.8, 0.81, 0.8])), 'FAIL');
});

test('the table shows the median and the min–max of the per-round ratios', () => {
  const ratios = pairedRatios([800, 900, 700], [1000, 1000, 1000]);
  assert.deepEqual(ratios, [0.8, 0.9, 0.7]);
  const row = cells(apiRow(ratios, [0.5, 0.55, 0.6]));
  assert.ok(row.includes('0.80 (0.70–0.90)'), row.join(' | '));
  assert.ok(row.includes('0.55 (0.50–0.60)'), row.join(' | '));
  assert.equal(row.at(-1), 'FAIL');
});

test('wrk sends each thread its own headers (one signed-in session per thread)', {
  skip: loadTool !== 'wrk' && 'wrk is not installed',
  timeout: 30_000,
}, async (t) => {
  const seen = new Map<string, number>();
  const server = createServer((request, response) => {
    const session = `${request.headers.cookie} ${request.headers['x-csrf-token']}`;
    seen.set(session, (seen.get(session) ?? 0) + 1);
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const sessions = ['a', 'b', 'c'].map((id) => ({
    Cookie: `__Host-session=${id}`,
    'X-CSRF-Token': `token-${id}`,
  }));
  const result = await runLoad({
    baseUrl: `http://127.0.0.1:${port}`,
    paths: [],
    steps: [
      { method: 'POST', path: '/add', body: '{}' },
      { method: 'POST', path: '/checkout', body: '{}' },
    ],
    threadHeaders: sessions,
    connections: 1,
    seconds: 1,
    cpus: undefined,
  });
  assert.ok(result.requests > 0);
  assert.deepEqual([...seen.keys()].sort(), [
    '__Host-session=a token-a',
    '__Host-session=b token-b',
    '__Host-session=c token-c',
  ]);
});
