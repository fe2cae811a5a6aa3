// Scenario C of `npm run bench`: checkouts per second, on SQLite and on
// PostgreSQL. Each wrk thread is one signed-in session looping over "add a
// monster to the cart" then "check the cart out"; the orders are counted in
// the database, so the figure is orders committed, not requests answered.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { SQLite } from '../src/db/sqlite-native.js';
import { adminQuery, startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { loadTool, runLoad } from './load.js';
import {
  healthNotes,
  type Measured,
  measureInterleaved,
  probe,
  probeAll,
  probeFailure,
  type RequestShape,
  type Settings,
} from './measure.js';
import { stop } from './processes.js';
import type { Row } from './report.js';
import { metrics } from './scenarios.js';
import { prepareDemoDb, type Server, startApp } from './servers.js';
import { BENCH_USER, CookieJar, csrfTokenOf, signIn } from './session.js';

type Engine = 'SQLite' | 'PostgreSQL';
type Query = (sql: string, values?: readonly unknown[]) => Promise<{ n: number }[]>;

interface CheckoutContext {
  readonly settings: Settings;
  readonly workdir: string;
}

/** One database of the run: where it is, and how the bench reads and writes it directly. */
interface BenchDatabase {
  readonly location: string;
  readonly query: Query;
  close(): Promise<void>;
}

const MONSTER_ID = 1;

export async function checkoutScenario(ctx: CheckoutContext, engine: Engine): Promise<Row[]> {
  const name = `C. checkout: orders/s on ${engine}`;
  if (loadTool !== 'wrk')
    return [{ scenario: name, unavailable: 'needs wrk (one session per thread)' }];
  const database = engine === 'SQLite' ? sqliteDatabase(ctx.workdir) : await postgresDatabase();
  try {
    await prepareDemoDb(database.location, ctx.workdir);
    const app = await startApp({
      name: `checkout-${engine}`,
      dbPath: database.location,
      workdir: ctx.workdir,
      cpus: ctx.settings.serverCpus,
    });
    try {
      return await measureCheckouts(ctx, name, app, database);
    } finally {
      await stop(app.spawned);
    }
  } finally {
    await database.close();
  }
}

async function measureCheckouts(
  ctx: CheckoutContext,
  name: string,
  app: Server,
  database: BenchDatabase,
): Promise<Row[]> {
  const json = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    Origin: app.url,
    'Sec-Fetch-Site': 'same-origin',
  };
  const sessions = await signedInSessions(
    app,
    { database, workdir: ctx.workdir },
    json,
    ctx.settings.connections,
  );
  if (typeof sessions === 'string') return [{ scenario: name, unavailable: sessions }];
  // A stock that no run can exhaust.
  await database.query('update monsters set stock = $1 where id = $2', [1_000_000_000, MONSTER_ID]);
  const shape: RequestShape = {
    paths: [],
    headers: json,
    threadHeaders: sessions,
    steps: [
      {
        method: 'POST',
        path: '/api/cart/items',
        body: JSON.stringify({ monster_id: MONSTER_ID, quantity: 1 }),
      },
      { method: 'POST', path: '/api/checkout', body: '{}' },
    ],
  };
  const checked = await probeAll(app, { ...shape, headers: { ...json, ...sessions[0] } });
  if (!checked.ok) return [{ scenario: name, unavailable: `signed in, ${probeFailure(checked)}` }];

  const { settings } = ctx;
  if (settings.warmupSeconds > 0) {
    await runLoad({
      ...shape,
      baseUrl: app.url,
      connections: sessions.length,
      seconds: settings.warmupSeconds,
      cpus: settings.clientCpus,
    });
  }
  const before = await orderCount(database);
  const [measured] = (await measureInterleaved([{ label: name, server: app, request: shape }], {
    ...settings,
    warmupSeconds: 0,
  })) as [Measured];
  const orders = (await orderCount(database)) - before;
  const seconds = measured.rounds.reduce((sum, round) => sum + round.seconds, 0);
  const cpuSeconds = measured.rounds.reduce((sum, round) => sum + round.serverCpuSeconds, 0);
  return [
    {
      scenario: name,
      ...metrics(measured),
      rps: orders / seconds,
      cpuUsPerRequest: orders > 0 ? (cpuSeconds * 1e6) / orders : Number.NaN,
      notes: [
        `${sessions.length} signed-in sessions (one wrk thread and connection each) loop over POST /api/cart/items then POST /api/checkout; req/s here is orders committed per second (${orders} orders counted in the database over ${seconds.toFixed(1)} s), CPU µs per order (its add-to-cart request included); p50 and p99 cover both requests.`,
        ...healthNotes(measured),
      ],
    },
  ];
}

/** `count` sessions of the bench customer, each with its cookies and CSRF token as headers. */
async function signedInSessions(
  app: Server,
  where: { readonly database: BenchDatabase; readonly workdir: string },
  json: Record<string, string>,
  count: number,
): Promise<Record<string, string>[] | string> {
  const first = await signIn(
    app,
    { dbPath: where.database.location, workdir: where.workdir },
    json,
  );
  if (typeof first === 'string') return first;
  const sessions = [await sessionHeaders(app, first, json)];
  while (sessions.length < count) {
    const response = await probe(app, {
      paths: ['/api/session'],
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: BENCH_USER.email, password: BENCH_USER.password }),
    });
    if (!response.ok) return `sign-in ${sessions.length + 1}: ${probeFailure(response)}`;
    const jar = new CookieJar();
    jar.take(response.headers);
    sessions.push(await sessionHeaders(app, jar, json));
  }
  return sessions;
}

async function sessionHeaders(
  app: Server,
  jar: CookieJar,
  json: Record<string, string>,
): Promise<Record<string, string>> {
  const session = await probe(app, {
    paths: ['/api/session'],
    headers: { ...json, Cookie: jar.header() },
  });
  jar.take(session.headers);
  const token = csrfTokenOf(session.text);
  return { Cookie: jar.header(), ...(token && { 'X-CSRF-Token': token }) };
}

async function orderCount(database: BenchDatabase): Promise<number> {
  const [row] = await database.query('select count(*) as n from orders');
  return Number(row?.n ?? 0);
}

function sqliteDatabase(workdir: string): BenchDatabase {
  const location = join(workdir, 'checkout.db');
  const open = () => {
    const db = new SQLite(location, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  };
  return {
    location,
    query: async (sql, values = []) => {
      const db = open();
      try {
        const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
        if (statement.reader) return statement.all(...values) as { n: number }[];
        statement.run(...values);
        return [];
      } finally {
        db.close();
      }
    },
    close: async () => {},
  };
}

/**
 * A fresh database on `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` (a server's
 * admin URL) when set, else on a throwaway cluster started for the scenario;
 * dropped (or the cluster removed) at the end.
 */
async function postgresDatabase(): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const cluster = given ? undefined : await startPostgresCluster();
  const adminUrl = given ?? (cluster?.url as string);
  const name = `monsters_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  let connected = false;
  return {
    location: url.toString(),
    query: async (sql, values = []) => {
      if (!connected) {
        await client.connect();
        connected = true;
      }
      return (await client.query<{ n: number }>(sql, [...values])).rows;
    },
    close: async () => {
      if (connected) await client.end();
      if (cluster) cluster.stop();
      else await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
