import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type Engine, testEngines } from '../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../test/helpers/http-client.js';
import {
  buildTestApp,
  failOnErrorLogs,
  LogCollector,
  type TestApp,
  testConfig,
} from '../../test/helpers/test-app.js';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/connection.js';
import { SQLite } from '../db/sqlite-native.js';
import { buildApp } from '../server/build-app.js';
import { claimClusterTask } from './cluster-tasks.js';
import { countHit, purgeEndedWindows } from './shared-rate-limit.js';

const PER_IP = 8;
const ATTEMPTS = 20;
const THROTTLE: Config['throttle'] = {
  signInFailuresPerAccount: 1_000,
  signInAttemptsPerIp: PER_IP,
  registrationsPerIp: 3,
  windowSeconds: 900,
};

/** A second app (another instance) on the first one's database, through its own connections. */
async function secondInstance(t: TestContext, first: TestApp, overrides: Partial<Config> = {}) {
  const handle = openDatabase(first.database.config);
  const logs = new LogCollector();
  const app = await buildApp(
    testConfig(first.database.config, { dataDir: first.config.dataDir, ...overrides }),
    { database: handle, logStream: logs },
  );
  t.after(async () => {
    await app.close();
    await handle.close();
  });
  failOnErrorLogs(t, logs);
  return { app, logs };
}

function statusCounts(responses: readonly LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { statusCode } of responses) counts[statusCode] = (counts[statusCode] ?? 0) + 1;
  return counts;
}

/** Wrong passwords for distinct unknown accounts: only the per-IP limit can refuse them. */
function wrongPasswords(app: FastifyInstance, from: number, count: number) {
  return Array.from({ length: count }, (_, index) =>
    app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: `nobody${from + index}@limits.test`, password: 'wrong-password' },
    }),
  );
}

const isTaskRun = (task: string) => (line: Record<string, unknown>) =>
  line.msg === 'cluster task ran' && line.task === task;

for (const engine of testEngines()) {
  test(`two app instances on one ${engine} database share one per-IP sign-in limit`, async (t) => {
    const first = await buildTestApp(t, engine, { throttle: THROTTLE });
    const second = await secondInstance(t, first, { throttle: THROTTLE });
    const half = ATTEMPTS / 2;
    const responses = await Promise.all([
      ...wrongPasswords(first.app, 0, half),
      ...wrongPasswords(second.app, half, half),
    ]);
    assert.deepEqual(statusCounts(responses), { 401: PER_IP, 429: ATTEMPTS - PER_IP });
    for (const refused of responses.filter((response) => response.statusCode === 429)) {
      assert.ok(Number(refused.headers['retry-after']) > 0, 'the 429 says when to retry');
    }
  });

  test(`the sign-in form and the sign-in API share one per-IP count on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine, { throttle: THROTTLE });
    const viaApi = await Promise.all(wrongPasswords(app, 0, PER_IP / 2));
    assert.deepEqual(statusCounts(viaApi), { 401: PER_IP / 2 });
    const browser = new TestClient(app);
    const viaForm = [];
    for (let index = 0; index <= PER_IP / 2; index += 1) {
      const answer = await browser.submit('/login', '/login', {
        email: `form${index}@limits.test`,
        password: 'wrong-password',
      });
      viaForm.push(answer.statusCode);
    }
    assert.deepEqual(viaForm, [...Array(PER_IP / 2).fill(401), 429]);
  });

  test(`registrations per IP are counted across instances on ${engine}`, async (t) => {
    const first = await buildTestApp(t, engine, { throttle: THROTTLE });
    const second = await secondInstance(t, first, { throttle: THROTTLE });
    const register = (app: FastifyInstance, index: number) =>
      new TestClient(app).submit('/register', '/register', {
        email: `r${index}@limits.test`,
        name: 'R',
        password: STRONG_PASSWORD,
      });
    const statuses = [];
    for (let index = 0; index < 5; index += 1)
      statuses.push((await register(index % 2 === 0 ? first.app : second.app, index)).statusCode);
    assert.deepEqual(statuses, [303, 303, 303, 429, 429]);
  });

  test(`periodic purges run once across two instances on ${engine}`, async (t) => {
    const first = await buildTestApp(t, engine, { logLevel: 'info' });
    const second = await secondInstance(t, first, { logLevel: 'info' });
    await Promise.all([first.app.ready(), second.app.ready()]);
    const lines = [...first.logs.lines, ...second.logs.lines];
    for (const task of ['session-purge', 'rate-limit-purge'])
      assert.equal(lines.filter(isTaskRun(task)).length, 1, `${task} ran once`);
    const row = await first.database.handle.db
      .selectFrom('cluster_tasks')
      .select('name')
      .orderBy('name')
      .execute();
    assert.deepEqual(
      row.map(({ name }) => name),
      ['rate-limit-purge', 'session-purge'],
    );
  });

  test(`a task is claimed once per interval, by one of many claimants, on ${engine}`, async (t) => {
    const { database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    const other = openDatabase(database.config);
    t.after(() => other.close());
    const lease = 60_000;
    const start = Date.parse('2026-10-31T00:00:00.000Z');
    const claimAll = (now: number) =>
      Promise.all(
        [db, other.db, db, other.db].map((claimant) =>
          claimClusterTask(claimant, 'test-task', now, lease),
        ),
      );
    const wins = (claims: boolean[]) => claims.filter(Boolean).length;
    assert.equal(wins(await claimAll(start)), 1, 'the first run');
    assert.equal(wins(await claimAll(start + lease / 2)), 0, 'within the lease: nobody');
    assert.equal(wins(await claimAll(start + lease)), 1, 'the next interval: one');
    assert.equal(wins(await claimAll(start + lease + 1)), 0);
  });

  test(`hit counters: a window that ended starts afresh; ended windows are purged, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await app.ready();
    const { db } = database.handle;
    const start = Date.now();
    assert.deepEqual(await countHit(db, 'k', start, 1_000), { current: 1, ttl: 1_000 });
    assert.deepEqual(await countHit(db, 'k', start + 400, 1_000), { current: 2, ttl: 600 });
    assert.deepEqual(await countHit(db, 'k', start + 1_000, 1_000), { current: 1, ttl: 1_000 });
    await countHit(db, 'gone', start - 5_000, 1_000);
    assert.equal(await purgeEndedWindows(db, start + 1_500), 1, 'only the ended window');
    assert.deepEqual(await countHit(db, 'k', start + 1_500, 1_000), { current: 2, ttl: 500 });
  });

  test(`a database failure during the limit check is a 503 with Retry-After, never a 500, on ${engine}`, async (t) => {
    const context = await buildTestApp(t, engine, { throttle: THROTTLE });
    await context.app.ready();
    const release = await lockRateLimitCounters(t, engine, context);
    try {
      const answer = await context.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'nobody@limits.test', password: 'wrong-password' },
      });
      assert.equal(answer.statusCode, 503, answer.body);
      assert.ok(Number(answer.headers['retry-after']) > 0, 'it says when to retry');
      assert.ok(
        context.logs.lines.some((line) => line.msg === 'database unavailable'),
        'logged as an outage',
      );
    } finally {
      await release();
    }
    const [after] = await Promise.all(wrongPasswords(context.app, 0, 1));
    assert.equal(after?.statusCode, 401, 'counted again once the database answers');
  });
}

/** Another connection holds the lock the counter needs; resolves with the function that releases it. */
async function lockRateLimitCounters(
  t: TestContext,
  engine: Engine,
  { database }: TestApp,
): Promise<() => Promise<void>> {
  if (engine === 'sqlite') {
    const { filename } = database.config as { filename: string };
    const outsider = new SQLite(filename);
    t.after(() => outsider.close());
    outsider.exec('begin immediate');
    return async () => {
      outsider.exec('rollback');
    };
  }
  const locker = new pg.Client({ connectionString: (database.config as { url: string }).url });
  // Dropping the test database at the end terminates this connection: not a failure.
  locker.on('error', () => {});
  await locker.connect();
  t.after(() => locker.end());
  await locker.query('begin');
  await locker.query('lock table rate_limit_hits in access exclusive mode');
  await sleep(0);
  return async () => {
    await locker.query('rollback');
  };
}
