import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type TestContext, test } from 'node:test';
import helmet from 'helmet';
import { buildTestApp } from '../../test/helpers/test-app.js';
import { helmetOptions, securityHeaderValues } from './security-headers.js';

/** Headers Node itself adds to any response, whatever helmet does. */
const TRANSPORT = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

/** A real node:http server running helmet's middleware on every request, as a plugin would. */
async function helmetServer(t: TestContext, production: boolean): Promise<string> {
  const middleware = helmet(helmetOptions(production));
  const server: Server = createServer((request, response) => {
    middleware(request, response, () => response.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function helmetHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => !TRANSPORT.has(name)));
}

/**
 * The headers are computed once, by running helmet on stand-in request and
 * response objects (docs/decisions/012-performance-tricks.md). That holds
 * while helmet, with these options, sets the same headers whatever the
 * request, synchronously, through setHeader/removeHeader only.
 */
for (const production of [false, true]) {
  test(`security headers computed once are those helmet sets on every real response (production: ${production})`, async (t) => {
    const precomputed = securityHeaderValues(helmetOptions(production));
    assert.match(precomputed['content-security-policy'] ?? '', /default-src 'self'/);
    const base = await helmetServer(t, production);
    const requests: [string, RequestInit][] = [
      ['/', { headers: { accept: 'text/html' } }],
      [
        '/api/monsters/1?x=1',
        { headers: { accept: 'application/json', 'x-forwarded-proto': 'https' } },
      ],
      ['/cart/items', { method: 'POST', body: 'a=1', headers: { 'user-agent': 'Mozilla/5.0' } }],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${base}${path}`, init);
      await response.arrayBuffer();
      assert.deepEqual(helmetHeaders(response), { ...precomputed }, path);
    }
  });
}

test('every app response carries exactly the headers helmet would have set', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const precomputed = securityHeaderValues(helmetOptions(false));
  for (const url of ['/', '/api/monsters/1', '/no-such-page']) {
    const response = await app.inject({ url });
    for (const [name, value] of Object.entries(precomputed)) {
      assert.equal(response.headers[name], value, `${url}: ${name}`);
    }
  }
});
