import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { csrfTokenIn, STRONG_PASSWORD } from '../../../test/helpers/http-client.js';
import {
  buildTestApp,
  failOnErrorLogs,
  LogCollector,
  testConfig,
} from '../../../test/helpers/test-app.js';
import { openDatabase } from '../../db/connection.js';
import { buildApp } from '../../server/build-app.js';
import { authenticate, createUser } from './accounts.service.js';

const LIMIT = 10;
const ATTEMPTS = 25;

function statusCounts(responses: readonly LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { statusCode } of responses) counts[statusCode] = (counts[statusCode] ?? 0) + 1;
  return counts;
}

function wrongPasswordsViaApi(app: FastifyInstance, email: string, count: number) {
  return Array.from({ length: count }, () =>
    app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password: 'not-the-password' },
    }),
  );
}

async function wrongPasswordsViaForm(app: FastifyInstance, email: string, count: number) {
  const page = await app.inject({ url: '/login', headers: { accept: 'text/html' } });
  const csrfCookie = page.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const body = new URLSearchParams({
    _csrf: csrfTokenIn(page.body),
    email,
    password: 'not-the-password',
  }).toString();
  return Array.from({ length: count }, () =>
    app.inject({
      method: 'POST',
      url: '/login',
      headers: {
        accept: 'text/html',
        cookie: csrfCookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: body,
    }),
  );
}

for (const engine of testEngines()) {
  test(`the per-account limit holds under ${ATTEMPTS} simultaneous wrong passwords (API and form) on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const email of ['api@throttle.test', 'form@throttle.test']) {
      await createUser(
        app.database.db,
        { email, name: 'Target', password: STRONG_PASSWORD },
        'customer',
      );
    }

    const api = await Promise.all(wrongPasswordsViaApi(app, 'api@throttle.test', ATTEMPTS));
    assert.deepEqual(
      statusCounts(api),
      { 401: LIMIT, 429: ATTEMPTS - LIMIT },
      'exactly the limit of attempts reached a password check',
    );
    for (const response of api.filter((r) => r.statusCode === 429))
      assert.ok(Number(response.headers['retry-after']) > 0);

    const form = await Promise.all(
      await wrongPasswordsViaForm(app, 'form@throttle.test', ATTEMPTS),
    );
    assert.deepEqual(statusCounts(form), { 401: LIMIT, 429: ATTEMPTS - LIMIT });

    const rightPassword = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'api@throttle.test', password: STRONG_PASSWORD },
    });
    assert.equal(rightPassword.statusCode, 429, 'the right password waits for the window too');
  });

  test(`success clears the account's count; the window reopens by itself on ${engine}`, async (t) => {
    const { app, config } = await buildTestApp(t, engine);
    const email = 'clears@throttle.test';
    await createUser(app.database.db, { email, name: 'C', password: STRONG_PASSWORD }, 'customer');
    const signIn = (password: string) =>
      app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
    for (let i = 0; i < LIMIT - 1; i += 1)
      assert.equal((await signIn('wrong-one')).statusCode, 401);
    assert.equal((await signIn(STRONG_PASSWORD)).statusCode, 200);
    const again = await Promise.all(Array.from({ length: LIMIT }, () => signIn('wrong-two')));
    assert.deepEqual(statusCounts(again), { 401: LIMIT }, 'a fresh allowance after success');
    assert.equal((await signIn(STRONG_PASSWORD)).statusCode, 429);

    const afterTheWindow = Date.now() + 900_000 + 1_000;
    const user = await authenticate(
      app.database.db,
      config.throttle,
      { email, password: STRONG_PASSWORD },
      afterTheWindow,
    );
    assert.equal(user.email, email, 'the window passed: the right password works again');
  });
}

if (testEngines().includes('postgres')) {
  test('two app instances sharing PostgreSQL share one per-account limit', async (t) => {
    const { app, database, config } = await buildTestApp(t, 'postgres');
    const otherHandle = openDatabase(database.config);
    const otherLogs = new LogCollector();
    const other = await buildApp(testConfig(database.config, { dataDir: config.dataDir }), {
      database: otherHandle,
      logStream: otherLogs,
    });
    t.after(async () => {
      await other.close();
      await otherHandle.close();
    });
    failOnErrorLogs(t, otherLogs);
    const email = 'shared@throttle.test';
    await createUser(app.database.db, { email, name: 'S', password: STRONG_PASSWORD }, 'customer');
    const half = Math.ceil(ATTEMPTS / 2);
    const responses = await Promise.all([
      ...wrongPasswordsViaApi(app, email, half),
      ...wrongPasswordsViaApi(other, email, ATTEMPTS - half),
    ]);
    assert.deepEqual(statusCounts(responses), { 401: LIMIT, 429: ATTEMPTS - LIMIT });
  });
}
