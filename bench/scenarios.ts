// The throughput scenarios of docs/requirements.md §8 (1–4), each turning measurements into
// table rows. A route that does not answer 2xx yet gives an "n/a" row, never
// a failed run. Scenario 5 is in cart-scenario.ts, 6–8 in process-scenarios.ts.
import { isDeepStrictEqual } from 'node:util';
import {
  cpuPerRequestByRound,
  HTML,
  healthNotes,
  JSON_ACCEPT,
  type Measured,
  type MeasureTarget,
  measureInterleaved,
  type ProbeResult,
  probe,
  probeFailure,
  type RequestShape,
  type Settings,
} from './measure.js';
import { cpuRatioFields, pairedRatios, type Row, ratioFields, type Target } from './report.js';
import type { Server } from './servers.js';

export interface BenchContext {
  readonly settings: Settings;
  readonly workdir: string;
  readonly demoDb: string;
  readonly demoCount: number;
  readonly largeCount: number;
  readonly demoIds: readonly number[];
  /** The app on the demo catalogue, pinned like the baseline. */
  readonly app: Server;
  /** Started for scenarios 1 and 2 only. */
  readonly baseline?: Server;
  /** The app on the large catalogue, started for scenario 4 only. */
  readonly largeApp?: Server;
}

const API_TARGET: Target = { op: '>=', value: 0.75 };
const HTML_TARGET: Target = { op: '>=', value: 0.5 };
const SCALE_TARGET: Target = { op: '<=', value: 2 };

export function metrics(measured: Measured): Partial<Row> {
  return {
    rps: measured.rps,
    p50Ms: measured.p50Ms,
    p99Ms: measured.p99Ms,
    cpuUsPerRequest: measured.cpuUsPerRequest,
    rssMb: measured.rssMb,
    rounds: measured.rounds,
  };
}

function running(server: Server | undefined, what: string): Server {
  if (!server) throw new Error(`${what} was not started for this run`);
  return server;
}

/**
 * The row of a route that did not answer 2xx: "route not built yet" for a
 * 404, else the status, with the server's last error log line for a 5xx.
 */
export function unavailable(
  scenario: string,
  server: Server,
  probed: ProbeResult,
  target?: Target,
): Row {
  if (probed.ok) return { scenario, unavailable: 'not measured: see the other row', target };
  const reason = probed.status === 404 ? 'route not built yet' : probeFailure(probed);
  const logged = probed.status >= 500 ? lastErrorLine(server) : undefined;
  return {
    scenario,
    unavailable: reason,
    target,
    notes: logged ? [`${server.name} logged: ${logged}`] : undefined,
  };
}

function lastErrorLine(server: Server): string | undefined {
  const lines = server.spawned.output().split('\n');
  const line = lines.reverse().find((entry) => /"level":(50|60)|error/i.test(entry));
  if (!line) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return `${entry.msg ?? ''}: ${entry.err?.message ?? ''}`.slice(0, 300);
  } catch {
    return line.slice(0, 300);
  }
}

/** Scenarios 1 and 2: the app against the bare baseline on the same request and database. */
export async function appVersusBaseline(
  ctx: BenchContext,
  options: { name: string; request: RequestShape; target: Target },
): Promise<Row[]> {
  const baseline = running(ctx.baseline, 'the baseline');
  const appRow = `${options.name}: app`;
  const baseRow = `${options.name}: bare baseline`;
  const [appProbe, baseProbe] = [
    await probe(ctx.app, options.request),
    await probe(baseline, options.request),
  ];
  if (!appProbe.ok) {
    return [
      unavailable(appRow, ctx.app, appProbe, options.target),
      { scenario: baseRow, unavailable: 'not measured without the app route' },
    ];
  }
  if (!baseProbe.ok) throw new Error(`the baseline answered ${probeFailure(baseProbe)}`);
  const notes = compareBodies(appProbe, baseProbe);
  if (appProbe.setsCookie) notes.push('The app sets a cookie on this anonymous response.');

  const [app, base] = (await measureInterleaved(
    [
      { label: 'app', server: ctx.app, request: options.request },
      { label: 'baseline', server: baseline, request: options.request },
    ],
    ctx.settings,
  )) as [Measured, Measured];
  const ratios = pairedRatios(
    app.rounds.map((round) => round.rps),
    base.rounds.map((round) => round.rps),
  );
  // Per round: baseline µs/req ÷ app µs/req, the throughput ratio a core with nothing else to do would give.
  const cpuRatios = pairedRatios(cpuPerRequestByRound(base), cpuPerRequestByRound(app));
  const ratio = ratioFields(ratios);
  return [
    {
      scenario: appRow,
      ...metrics(app),
      ...ratio,
      ...cpuRatioFields(cpuRatios),
      target: options.target,
      measured: ratio.ratio,
      notes: [
        'Ratio: app ÷ baseline req/s per round; CPU ratio: baseline ÷ app server CPU µs/req per round (insensitive to neighbours); both must meet the target.',
        ...notes,
        ...healthNotes(app),
      ],
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
  if (!probed.ok) return [unavailable(name, server, probed)];
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
  const largeApp = running(ctx.largeApp, 'the app on the large catalogue');
  const large = `${name}: ${ctx.largeCount.toLocaleString('en')} monsters`;
  const probes = [await probe(ctx.app, request), await probe(largeApp, request)] as const;
  if (!probes[0].ok || !probes[1].ok) {
    return [
      unavailable(small, ctx.app, probes[0]),
      unavailable(large, largeApp, probes[1], SCALE_TARGET),
    ];
  }
  const targets: MeasureTarget[] = [
    { label: 'demo', server: ctx.app, request },
    { label: 'large', server: largeApp, request },
  ];
  const [demo, big] = (await measureInterleaved(targets, ctx.settings)) as [Measured, Measured];
  const ratio = ratioFields(
    pairedRatios(
      big.rounds.map((round) => round.p50Ms),
      demo.rounds.map((round) => round.p50Ms),
    ),
  );
  const cpuRatios = pairedRatios(cpuPerRequestByRound(big), cpuPerRequestByRound(demo));
  return [
    { scenario: small, ...metrics(demo), notes: healthNotes(demo) },
    {
      scenario: large,
      ...metrics(big),
      ...ratio,
      ...cpuRatioFields(cpuRatios),
      target: SCALE_TARGET,
      measured: ratio.ratio,
      notes: [
        'Ratio: p50 on the large catalogue ÷ p50 on the demo one per round; CPU ratio: large ÷ demo server CPU µs/req per round (lower is better for both; both must meet the target).',
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

/** A broad search: one letter matches most of the catalogue, so counting every match would scale with it. */
export const broadSearchScenario = (ctx: BenchContext) =>
  scaleScenario(ctx, '4c. GET /search?q=a (HTML)', {
    paths: ['/search?q=a'],
    headers: HTML,
  });

export const pageScenario = (ctx: BenchContext) =>
  scaleScenario(ctx, '4b. GET /monsters?page=2 (HTML)', {
    paths: ['/monsters?page=2'],
    headers: HTML,
  });
