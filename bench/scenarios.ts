// The scenarios of SPEC §8, each turning measurements into table rows. A
// route that does not answer 2xx yet gives an "n/a" row, never a failed run.
import { isDeepStrictEqual } from 'node:util';
import {
  HTML,
  healthNotes,
  JSON_ACCEPT,
  type Measured,
  type MeasureTarget,
  measureInterleaved,
  probe,
  probeFailure,
  type RequestShape,
  type Settings,
} from './measure.js';
import { freePort, processTree, rssBytes, start, stop } from './processes.js';
import { median, pairedRatio, type Row, type Target } from './report.js';
import {
  APP_MAIN,
  appEnv,
  monstersCli,
  type Server,
  setStock,
  sqliteUrl,
  startApp,
} from './servers.js';

export interface BenchContext {
  readonly settings: Settings;
  readonly workdir: string;
  readonly demoDb: string;
  readonly demoCount: number;
  readonly largeCount: number;
  readonly demoIds: readonly number[];
  /** The app on the demo catalogue, pinned like the baseline. */
  readonly app: Server;
  readonly baseline: Server;
  /** The app on the large catalogue. */
  readonly largeApp: Server;
}

const API_TARGET: Target = { op: '>=', value: 0.75 };
const HTML_TARGET: Target = { op: '>=', value: 0.5 };
const SCALE_TARGET: Target = { op: '<=', value: 2 };
const WORKERS_TARGET: Target = { op: '>=', value: 1.7 };
const COLD_START_TARGET: Target = { op: '<', value: 1000, unit: 'ms' };
const IDLE_RSS_TARGET: Target = { op: '<', value: 100, unit: 'MB' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function metrics(measured: Measured): Partial<Row> {
  return {
    rps: measured.rps,
    p50Ms: measured.p50Ms,
    p99Ms: measured.p99Ms,
    cpuUsPerRequest: measured.cpuUsPerRequest,
    rssMb: measured.rssMb,
    rounds: measured.rounds,
  };
}

/** Scenarios 1 and 2: the app against the bare baseline on the same request and database. */
export async function appVersusBaseline(
  ctx: BenchContext,
  options: { name: string; request: RequestShape; target: Target },
): Promise<Row[]> {
  const appRow = `${options.name}: app`;
  const baseRow = `${options.name}: bare baseline`;
  const [appProbe, baseProbe] = [
    await probe(ctx.app, options.request),
    await probe(ctx.baseline, options.request),
  ];
  if (!appProbe.ok) {
    const reason = appProbe.status === 404 ? 'route not built yet' : probeFailure(appProbe);
    return [
      { scenario: appRow, unavailable: reason, target: options.target },
      { scenario: baseRow, unavailable: 'not measured without the app route' },
    ];
  }
  if (!baseProbe.ok) throw new Error(`the baseline answered ${probeFailure(baseProbe)}`);
  const notes = compareBodies(appProbe, baseProbe);
  if (appProbe.setsCookie) notes.push('The app sets a cookie on this anonymous response.');

  const [app, base] = (await measureInterleaved(
    [
      { label: 'app', server: ctx.app, request: options.request },
      { label: 'baseline', server: ctx.baseline, request: options.request },
    ],
    ctx.settings,
  )) as [Measured, Measured];
  const ratio = pairedRatio(
    app.rounds.map((round) => round.rps),
    base.rounds.map((round) => round.rps),
  );
  return [
    {
      scenario: appRow,
      ...metrics(app),
      ratio,
      target: options.target,
      measured: ratio,
      notes: [...notes, ...healthNotes(app)],
    },
    { scenario: baseRow, ...metrics(base), notes: healthNotes(base) },
  ];
}

/** JSON bodies must be the same object; HTML bodies are only compared by size. */
function compareBodies(
  app: { text: string; headers: Headers | undefined },
  base: { text: string; headers: Headers | undefined },
): string[] {
  const type = app.headers?.get('content-type') ?? '';
  if (type !== base.headers?.get('content-type')) {
    return [
      `Content types differ: app "${type}", baseline "${base.headers?.get('content-type')}".`,
    ];
  }
  if (!type.startsWith('application/json')) {
    return [`Body sizes: app ${app.text.length} B, baseline ${base.text.length} B.`];
  }
  const [a, b] = [JSON.parse(app.text), JSON.parse(base.text)];
  if (!isDeepStrictEqual(a, b)) return ['The app and the baseline return different JSON objects.'];
  if (Object.keys(a).join() !== Object.keys(b).join())
    return ['Same JSON object, other key order.'];
  return [];
}

export const apiScenario = (ctx: BenchContext) =>
  appVersusBaseline(ctx, {
    name: '1. GET /api/monsters/:id',
    request: { paths: ctx.demoIds.map((id) => `/api/monsters/${id}`), headers: JSON_ACCEPT },
    target: API_TARGET,
  });

export const htmlScenario = (ctx: BenchContext) =>
  appVersusBaseline(ctx, {
    name: '2. GET /monsters/cosmic/1 (HTML)',
    request: { paths: ['/monsters/cosmic/1'], headers: HTML },
    target: HTML_TARGET,
  });

/** Scenario 3: the app alone on one page. */
export async function appOnly(
  ctx: BenchContext,
  name: string,
  request: RequestShape,
  server: Server = ctx.app,
): Promise<Row[]> {
  const probed = await probe(server, request);
  if (!probed.ok) {
    return [
      {
        scenario: name,
        unavailable: probed.status === 404 ? 'route not built yet' : probeFailure(probed),
      },
    ];
  }
  const [measured] = (await measureInterleaved(
    [{ label: name, server, request }],
    ctx.settings,
  )) as [Measured];
  return [{ scenario: name, ...metrics(measured), notes: healthNotes(measured) }];
}

export const listScenario = (ctx: BenchContext) =>
  appOnly(ctx, '3. GET /monsters (HTML list)', { paths: ['/monsters'], headers: HTML });

/** Scenario 4: the same page on the demo and the large catalogue; p50 ratio ≤ 2. */
export async function scaleScenario(
  ctx: BenchContext,
  name: string,
  request: RequestShape,
): Promise<Row[]> {
  const small = `${name}: ${ctx.demoCount} monsters`;
  const large = `${name}: ${ctx.largeCount.toLocaleString('en')} monsters`;
  const probes = [await probe(ctx.app, request), await probe(ctx.largeApp, request)];
  const failed = probes.find((result) => !result.ok);
  if (failed) {
    const reason = failed.status === 404 ? 'route not built yet' : probeFailure(failed);
    return [
      { scenario: small, unavailable: reason },
      { scenario: large, unavailable: reason, target: SCALE_TARGET },
    ];
  }
  const targets: MeasureTarget[] = [
    { label: 'demo', server: ctx.app, request },
    { label: 'large', server: ctx.largeApp, request },
  ];
  const [demo, big] = (await measureInterleaved(targets, ctx.settings)) as [Measured, Measured];
  const ratio = pairedRatio(
    big.rounds.map((round) => round.p50Ms),
    demo.rounds.map((round) => round.p50Ms),
  );
  return [
    { scenario: small, ...metrics(demo), notes: healthNotes(demo) },
    {
      scenario: large,
      ...metrics(big),
      ratio,
      target: SCALE_TARGET,
      measured: ratio,
      notes: [
        'Ratio: p50 on the large catalogue ÷ p50 on the demo one (lower is better).',
        `Body sizes: demo ${probes[0]?.text.length} B, large ${probes[1]?.text.length} B.`,
        ...healthNotes(big),
      ],
    },
  ];
}

export const searchScenario = (ctx: BenchContext) =>
  scaleScenario(ctx, '4a. GET /search?q=bete (HTML)', {
    paths: ['/search?q=bete'],
    headers: HTML,
  });

export const pageScenario = (ctx: BenchContext) =>
  scaleScenario(ctx, '4b. GET /monsters?page=3 (HTML)', {
    paths: ['/monsters?page=3'],
    headers: HTML,
  });

/**
 * Scenario 5: a signed-in customer adding to the cart (database session store:
 * every request reads and writes the session row). n/a until
 * `POST /api/cart/items` exists.
 */
export async function cartScenario(ctx: BenchContext): Promise<Row[]> {
  const name = '5. POST /api/cart/items (signed in, database sessions)';
  const monsterId = ctx.demoIds[0] ?? 1;
  const json = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    Origin: ctx.app.url,
    'Sec-Fetch-Site': 'same-origin',
  };
  const body = JSON.stringify({ monster_id: monsterId, quantity: 1 });
  const request = (headers: Record<string, string>): RequestShape => ({
    paths: ['/api/cart/items'],
    method: 'POST',
    headers,
    body,
  });
  const anonymous = await probe(ctx.app, request(json));
  if (anonymous.status === 404 || anonymous.status === 405) {
    return [{ scenario: name, unavailable: 'route not built yet' }];
  }
  const signedIn = await signIn(ctx, json);
  if (typeof signedIn === 'string') return [{ scenario: name, unavailable: signedIn }];
  // The bench's own database: a stock that thousands of adds cannot exhaust.
  setStock(ctx.demoDb, monsterId, 1_000_000_000);
  const headers: Record<string, string> = { ...json, Cookie: signedIn.header() };
  const session = await probe(ctx.app, { paths: ['/api/session'], headers: json });
  const token = csrfTokenOf(session.text);
  if (token) headers['X-CSRF-Token'] = token;
  return appOnly(ctx, name, request(headers));
}

const BENCH_USER = {
  email: 'bench@example.com',
  name: 'Bench',
  password: 'Bench-password-Pumpkin-2024!',
};

/**
 * A signed-in session: `monsters user add` then `POST /api/session` when the
 * CLI has the command, else the registration form. A string says why not.
 */
async function signIn(
  ctx: BenchContext,
  json: Record<string, string>,
): Promise<CookieJar | string> {
  const jar = new CookieJar();
  try {
    await monstersCli(
      [
        'user',
        'add',
        BENCH_USER.email,
        '--name',
        BENCH_USER.name,
        '--database',
        sqliteUrl(ctx.demoDb),
      ],
      { workdir: ctx.workdir, input: `${BENCH_USER.password}\n`, timeoutMs: 30_000 },
    );
    const response = await probe(ctx.app, {
      paths: ['/api/session'],
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: BENCH_USER.email, password: BENCH_USER.password }),
    });
    if (!response.ok) return `sign-in: ${probeFailure(response)}`;
    jar.take(response.headers);
    return jar;
  } catch {
    // No `user add` command yet: register through the form.
  }
  const form = await probe(ctx.app, { paths: ['/register'], headers: HTML });
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
  if (!form.ok || !token)
    return `cannot create a user (no \`user add\`, /register ${probeFailure(form)})`;
  jar.take(form.headers);
  const registered = await probe(ctx.app, {
    paths: ['/register'],
    method: 'POST',
    headers: {
      ...HTML,
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ctx.app.url,
      Cookie: jar.header(),
    },
    body: new URLSearchParams({ ...BENCH_USER, _csrf: token }).toString(),
  });
  if (registered.status !== 303) return `registration: ${probeFailure(registered)}`;
  jar.take(registered.headers);
  return jar;
}

/** Just enough of a cookie jar for one client on one origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers | undefined): void {
    for (const line of headers?.getSetCookie() ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const cookieName = pair.slice(0, separator).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(cookieName);
      else this.cookies.set(cookieName, pair.slice(separator + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([cookieName, value]) => `${cookieName}=${value}`).join('; ');
  }
}

/** The token `GET /api/session` hands API clients, for apps that want `X-CSRF-Token`. */
function csrfTokenOf(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const token = json.csrf_token ?? json.csrfToken;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Scenario 6: `--workers 1` against `--workers 2`, nothing pinned: with two
 * cores the load generator competes with the workers, and that is reported as is.
 */
export async function workersScenario(
  ctx: Pick<BenchContext, 'settings' | 'workdir' | 'demoDb'>,
): Promise<Row[]> {
  const settings: Settings = {
    ...ctx.settings,
    serverCpus: '0-1',
    clientCpus: '0-1',
    connections: ctx.settings.connections * 2,
  };
  const one = await startApp({
    name: 'workers-1',
    dbPath: ctx.demoDb,
    workdir: ctx.workdir,
    cpus: '0-1',
    workers: 1,
  });
  try {
    const two = await startApp({
      name: 'workers-2',
      dbPath: ctx.demoDb,
      workdir: ctx.workdir,
      cpus: '0-1',
      workers: 2,
    });
    try {
      let request: RequestShape = { paths: ['/api/monsters/1'], headers: JSON_ACCEPT };
      const notes: string[] = [];
      if (!(await probe(one, request)).ok) {
        request = { paths: ['/status'] };
        notes.push('Measured on GET /status: GET /api/monsters/1 did not answer 2xx.');
      }
      const [w1, w2] = (await measureInterleaved(
        [
          { label: 'workers 1', server: one, request },
          { label: 'workers 2', server: two, request },
        ],
        settings,
        { threads: 2 },
      )) as [Measured, Measured];
      const ratio = pairedRatio(
        w2.rounds.map((round) => round.rps),
        w1.rounds.map((round) => round.rps),
      );
      const clientNote = `Load generator (2 threads, ${settings.connections} connections, unpinned) used up to ${Math.round(w2.clientCpuPercent)}% CPU on the same 2 cores.`;
      return [
        {
          scenario: `6. ${request.paths[0]} --workers 1 (unpinned)`,
          ...metrics(w1),
          notes: healthNotes(w1, 1_000),
        },
        {
          scenario: `6. ${request.paths[0]} --workers 2 (unpinned)`,
          ...metrics(w2),
          ratio,
          target: WORKERS_TARGET,
          measured: ratio,
          notes: [
            ...notes,
            'Ratio: workers 2 ÷ workers 1 throughput; RSS and CPU include the cluster primary.',
            clientNote,
            ...healthNotes(w2, 1_000),
          ],
        },
      ];
    } finally {
      await stop(two.spawned);
    }
  } finally {
    await stop(one.spawned);
  }
}

/** Scenario 7: spawn of `serve` on a migrated database → first 200 on /status; median of `runs`. */
export async function coldStartScenario(
  ctx: Pick<BenchContext, 'settings' | 'workdir' | 'demoDb'>,
  runs = 5,
): Promise<Row[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const port = await freePort();
    const started = performance.now();
    const spawned = start(
      process.execPath,
      [APP_MAIN, 'serve', '--port', String(port), '--database', sqliteUrl(ctx.demoDb)],
      { cpus: ctx.settings.serverCpus, env: appEnv(), cwd: ctx.workdir },
    );
    try {
      times.push(await firstOk(`http://127.0.0.1:${port}/status`, started, 20_000));
    } finally {
      await stop(spawned);
    }
  }
  const value = median(times);
  return [
    {
      scenario: `7. cold start to first 200 on /status (median of ${runs})`,
      p50Ms: value,
      target: COLD_START_TARGET,
      measured: value,
      notes: [
        `Cold start runs (ms): ${times.map((time) => Math.round(time)).join(', ')}; server pinned to CPU ${ctx.settings.serverCpus ?? 'any'}.`,
      ],
    },
  ];
}

async function firstOk(url: string, since: number, timeoutMs: number): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Scenario 8: RSS of the app after it has served every page above, once idle for 2 s. */
export async function idleRssScenario(ctx: BenchContext): Promise<Row[]> {
  await sleep(2_000);
  const rss = rssBytes(processTree(ctx.app.spawned.pid)) / 2 ** 20;
  return [
    {
      scenario: '8. idle RSS of the app after start + warm-up',
      rssMb: rss,
      target: IDLE_RSS_TARGET,
      measured: rss,
      notes: ['Read from /proc VmRSS 2 s after the single-core scenarios above.'],
    },
  ];
}
