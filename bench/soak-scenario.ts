// The soak scenario of `npm run bench`: rounds of mixed traffic, signed-in
// pages included, and the server's RSS after each (docs/requirements.md §8 "Memory").
import { join } from 'node:path';
import { SQLite } from '../src/db/sqlite-native.js';
import { HTML, JSON_ACCEPT, probeAll, probeFailure, type Settings } from './measure.js';
import { cpuSeconds, processTree, rssBytes, stop } from './processes.js';
import type { Row, Target } from './report.js';
import { prepareDemoDb, type Server, setStock, startApp } from './servers.js';
import { BENCH_USER, csrfTokenOf, signIn } from './session.js';
import { lateOrLost, runTraffic, type TrafficRequest } from './traffic.js';

const RSS_TARGET: Target = { op: '<', value: 300, unit: 'MB' };
const GROWTH_TARGET: Target = { op: '<=', value: 1.5 };
/** A customer with a long history: the account page shows 20 of them a page. */
const ORDER_COUNT = 500;

export interface SoakSettings {
  readonly rounds: number;
  readonly seconds: number;
  readonly connections: number;
}

/**
 * Rounds of the same mixed traffic on a fresh app: a signed-in customer with
 * 500 orders browsing their account (in English and French), an order, the
 * cart, adding to it through the API, and anonymous visitors on the
 * catalogue, a monster, search and the API. RSS is read after each round:
 * under 300 MB, and no more than 1.5 × its value after the first round.
 */
export async function soakScenario(
  ctx: { readonly settings: Settings; readonly workdir: string },
  soak: SoakSettings,
): Promise<Row[]> {
  const name = (label: string) => `S. soak ${label}`;
  const dbPath = join(ctx.workdir, 'soak.db');
  await prepareDemoDb(dbPath, ctx.workdir);
  const server = await startApp({
    name: 'soak',
    dbPath,
    workdir: ctx.workdir,
    cpus: ctx.settings.serverCpus,
  });
  try {
    const requests = await signedInMix(server, dbPath, ctx.workdir);
    if (typeof requests === 'string') return [{ scenario: name('rounds'), unavailable: requests }];
    const startRss = mb(rssBytes(processTree(server.spawned.pid)));
    const rows: Row[] = [];
    const rss: number[] = [];
    for (let round = 1; round <= soak.rounds; round += 1) {
      const pids = processTree(server.spawned.pid);
      const cpuBefore = cpuSeconds(pids);
      const result = await runTraffic({
        url: server.url,
        connections: soak.connections,
        seconds: soak.seconds,
        requests,
        cpus: ctx.settings.clientCpus,
      });
      const cpu = cpuSeconds(processTree(server.spawned.pid)) - cpuBefore;
      const roundRss = mb(rssBytes(processTree(server.spawned.pid)));
      rss.push(roundRss);
      const failed = refused(result.statuses);
      rows.push({
        scenario: name(
          `round ${round} of ${soak.rounds}: mixed traffic, signed in (${soak.seconds} s)`,
        ),
        rps: result.answered / result.seconds,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        cpuUsPerRequest: result.answered > 0 ? (cpu * 1e6) / result.answered : Number.NaN,
        rssMb: roundRss,
        target: RSS_TARGET,
        measured: roundRss,
        rounds: [result],
        notes: [
          ...(round === 1
            ? [
                `${soak.connections} connections, each looping over ${requests.length} requests: ${requests.map((request) => `${request.method} ${request.path}`).join(', ')}. The customer has ${ORDER_COUNT} orders. RSS after start-up: ${startRss.toFixed(1)} MB.`,
              ]
            : []),
          ...(failed > 0 || lateOrLost(result) > 0
            ? [
                `Round ${round}: ${failed} answers were HTTP ≥ 400 (${JSON.stringify(result.statuses)}); ${lateOrLost(result)} came after 2 s or never.`,
              ]
            : []),
        ],
      });
    }
    const growth = Math.max(...rss) / (rss[0] ?? Number.NaN);
    rows.push({
      scenario: name('RSS growth: largest round ÷ round 1'),
      ratio: growth,
      target: GROWTH_TARGET,
      measured: growth,
      notes: [`RSS after each round (MB): ${rss.map((value) => value.toFixed(1)).join(', ')}.`],
    });
    return rows;
  } finally {
    await stop(server.spawned);
  }
}

/** Signs the bench customer in, gives it its orders, and returns the mix (a string says why not). */
async function signedInMix(
  server: Server,
  dbPath: string,
  workdir: string,
): Promise<TrafficRequest[] | string> {
  const json = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    Origin: server.url,
    'Sec-Fetch-Site': 'same-origin',
  };
  const jar = await signIn(server, { dbPath, workdir }, json);
  if (typeof jar === 'string') return jar;
  const latestOrder = insertOrders(dbPath, BENCH_USER.email, ORDER_COUNT);
  setStock(dbPath, 1, 1_000_000_000);
  const session = await probeAll(server, {
    paths: ['/api/session'],
    headers: { ...json, Cookie: jar.header() },
  });
  jar.take(session.headers);
  const token = csrfTokenOf(session.text);
  const cookie = jar.header();
  const page = { ...HTML, Cookie: cookie };
  const api = { ...json, Cookie: cookie, ...(token && { 'X-CSRF-Token': token }) };
  const french = { 'Accept-Language': 'fr-FR,fr;q=0.9' };
  const requests: TrafficRequest[] = [
    { method: 'GET', path: '/account', headers: page },
    { method: 'GET', path: '/account?page=7', headers: { ...page, ...french } },
    { method: 'GET', path: `/orders/${latestOrder}`, headers: page },
    { method: 'GET', path: '/cart', headers: page },
    {
      method: 'POST',
      path: '/api/cart/items',
      headers: api,
      body: JSON.stringify({ monster_id: 1, quantity: 1 }),
    },
    {
      method: 'PUT',
      path: '/api/cart/items/1',
      headers: api,
      body: JSON.stringify({ quantity: 1 }),
    },
    { method: 'GET', path: '/monsters/cosmic/1', headers: page },
    { method: 'GET', path: '/monsters', headers: HTML },
    { method: 'GET', path: '/search?q=bete', headers: { ...HTML, ...french } },
    { method: 'GET', path: '/api/monsters/1', headers: JSON_ACCEPT },
  ];
  for (const request of requests) {
    const checked = await probeAll(server, {
      paths: [],
      headers: request.headers,
      steps: [
        request.body === undefined
          ? { method: request.method, path: request.path }
          : { method: request.method, path: request.path, body: request.body },
      ],
    });
    if (!checked.ok) return `${request.method} ${request.path}: ${probeFailure(checked)}`;
  }
  return requests;
}

/** `count` orders of one line each for the user, written directly; returns the newest order's id. */
function insertOrders(dbPath: string, email: string, count: number): number {
  const db = new SQLite(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const user = db.prepare('select id from users where email = ?').get(email) as { id: number };
    const monster = db.prepare('select id, name, price_cents from monsters where id = 1').get() as {
      id: number;
      name: string;
      price_cents: number;
    };
    const order = db.prepare(
      'insert into orders (user_id, status, total_cents, created_at) values (?, ?, ?, ?)',
    );
    const line = db.prepare(
      'insert into order_items (order_id, monster_id, name, unit_price_cents, quantity) values (?, ?, ?, ?, 1)',
    );
    const start = Date.UTC(2024, 9, 1);
    let newest = 0;
    db.transaction(() => {
      for (let index = 0; index < count; index += 1) {
        const createdAt = new Date(start + index * 3_600_000).toISOString();
        const id = Number(
          order.run(user.id, 'placed', monster.price_cents, createdAt).lastInsertRowid,
        );
        line.run(id, monster.id, monster.name, monster.price_cents);
        newest = id;
      }
    })();
    return newest;
  } finally {
    db.close();
  }
}

const mb = (bytes: number) => bytes / 2 ** 20;
/** Answers with an HTTP status of 400 or more. */
const refused = (statuses: Readonly<Record<string, number>>) =>
  Object.entries(statuses)
    .filter(([status]) => Number(status) >= 400)
    .reduce((sum, [, count]) => sum + count, 0);
