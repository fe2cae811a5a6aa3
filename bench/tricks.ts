// The gain of each performance trick of docs/decisions/012-performance-tricks.md,
// measured against the same app without it, side by side in one run:
//
//   node --import tsx bench/tricks.ts                 # about 6 minutes

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTool } from './load.js';
import {
  HTML,
  JSON_ACCEPT,
  type Measured,
  measureInterleaved,
  probe,
  probeFailure,
  type RequestShape,
  type Round,
  type Settings,
} from './measure.js';
//   node --import tsx bench/tricks.ts --only api,cold # some parts: api page cold micro
//
// - api, page: the app as shipped and one bundle per trick undone
//   (bench/trick-variants.ts), each on its own copy of the demo catalogue,
//   all pinned to CPU 0, wrk on CPU 1, measured in interleaved rounds.
// - cold: spawn → first 200 on /status, as shipped vs validators compiled at
//   start-up, alternating, pinned to CPU 0: wall time and the server's CPU time.
// - micro: bench/tricks-micro.ts, the tricks in isolation, pinned to CPU 0.
//
// Knobs: BENCH_SECONDS (5), BENCH_ROUNDS (5), BENCH_WARMUP (3),
// BENCH_CONNECTIONS (10), BENCH_COLD_RUNS (11), BENCH_MICRO_ROUNDS (9).
// Prints one markdown report and saves it as bench/results/tricks-<time>.md and .json.
import { parseOnly } from './only-option.js';
import {
  canPin,
  cpuSeconds,
  freePort,
  killAll,
  processTree,
  runToEnd,
  type Spawned,
  start,
  stop,
  waitForOutput,
} from './processes.js';
import { markdownTable, median, timestampForFile } from './report.js';
import { appEnv, monsterIds, type Server, sqliteUrl } from './servers.js';
import {
  AS_IS,
  buildVariant,
  HELMET_EACH_REQUEST,
  PROJECT_ROOT,
  prepareBundleRoot,
  QUERY_BUILT_EACH_TIME,
  STATEMENTS_PREPARED_EACH_TIME,
  VALIDATORS_COMPILED_AT_START,
  type Variant,
} from './trick-variants.js';
import type { MicroResult } from './tricks-micro.js';

const PARTS = ['api', 'page', 'cold', 'micro'] as const;
type Part = (typeof PARTS)[number];
const TIME_BUDGET_MS = 20 * 60_000;

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const settings: Settings = {
  seconds: numberFromEnv('BENCH_SECONDS', 5),
  rounds: numberFromEnv('BENCH_ROUNDS', 5),
  warmupSeconds: numberFromEnv('BENCH_WARMUP', 3),
  connections: numberFromEnv('BENCH_CONNECTIONS', 10),
  serverCpus: canPin ? '0' : undefined,
  clientCpus: canPin ? '1' : undefined,
};
const coldRuns = numberFromEnv('BENCH_COLD_RUNS', 11);
const THROUGHPUT_VARIANTS = [
  AS_IS,
  STATEMENTS_PREPARED_EACH_TIME,
  QUERY_BUILT_EACH_TIME,
  HELMET_EACH_REQUEST,
];

const only = parseOnly('tricks', process.argv.slice(2), PARTS);
const wanted = (part: Part) => only?.has(part) ?? true;
const startedAt = new Date();
const clock = performance.now();
const say = (line: string) =>
  console.error(`[${`${Math.round((performance.now() - clock) / 1000)}s`.padStart(5)}] ${line}`);

setTimeout(() => {
  console.error(`tricks: over the ${TIME_BUDGET_MS / 60_000} min budget, stopping everything`);
  killAll();
  process.exit(1);
}, TIME_BUDGET_MS).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

interface Section {
  readonly title: string;
  readonly text: string;
  readonly raw: unknown;
}

/** `12,345 (11,900–12,800)`: the median and the range of the values. */
function spread(values: readonly number[], digits = 0): string {
  const format = (value: number) =>
    value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (values.length === 0) return '';
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

function cpuUsPerRequest(round: Round): number {
  return ((round.serverCpuPercent / 100) * round.seconds * 1e6) / Math.max(1, round.requests);
}

/** Per round: a[i] ÷ b[i]. */
const ratios = (a: readonly number[], b: readonly number[]) =>
  a.flatMap((value, index) => {
    const other = b[index];
    return other !== undefined && other > 0 ? [value / other] : [];
  });

async function startVariant(
  variant: Variant,
  main: string,
  dbPath: string,
  workdir: string,
): Promise<Server> {
  const spawned = start(
    process.execPath,
    [main, 'serve', '--host', '127.0.0.1', '--port', '0', '--database', sqliteUrl(dbPath)],
    { cpus: settings.serverCpus, env: appEnv(), cwd: workdir },
  );
  try {
    const match = await waitForOutput(spawned, /running on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    return { name: variant.name, url: match[1] as string, spawned };
  } catch (error) {
    await stop(spawned);
    throw new Error(`${variant.name} did not start: ${(error as Error).message}`);
  }
}

/** One throughput scenario over every server; the first one is the app as shipped. */
async function throughput(
  title: string,
  servers: readonly Server[],
  request: RequestShape,
): Promise<Section> {
  for (const server of servers) {
    const probed = await probe(server, request);
    if (!probed.ok) throw new Error(`${server.name}: ${probeFailure(probed)} on ${title}`);
  }
  const measured = await measureInterleaved(
    servers.map((server) => ({ label: server.name, server, request })),
    settings,
  );
  const [asIs] = measured as [Measured];
  const asIsRps = asIs.rounds.map((round) => round.rps);
  const asIsCpu = asIs.rounds.map(cpuUsPerRequest);
  const body = measured.map((target, index) => {
    const rps = target.rounds.map((round) => round.rps);
    const cpu = target.rounds.map(cpuUsPerRequest);
    const variant = THROUGHPUT_VARIANTS[index] as Variant;
    return [
      variant.label,
      spread(rps),
      spread(cpu),
      index === 0 ? '' : spread(ratios(asIsRps, rps), 2),
      index === 0 ? '' : spread(ratios(cpu, asIsCpu), 2),
      index === 0
        ? ''
        : spread(
            cpu.map((value, round) => value - (asIsCpu[round] ?? 0)),
            1,
          ),
      `${Math.round(target.serverCpuPercent)}%`,
      String(target.badStatus + target.socketErrors),
    ];
  });
  const table = markdownTable(
    [
      'variant',
      'req/s',
      'server CPU µs/req',
      'req/s: as shipped ÷ variant',
      'CPU/req: variant ÷ as shipped',
      'CPU µs/req saved',
      'server core share',
      'errors',
    ],
    body,
  );
  return { title, text: table, raw: measured };
}

interface ColdStart {
  /** Spawn → first 200 on /status. */
  readonly ms: number;
  /** The server's CPU time until then. */
  readonly cpuMs: number;
}

async function coldStart(main: string, dbPath: string, workdir: string): Promise<ColdStart> {
  const port = await freePort();
  const started = performance.now();
  const spawned: Spawned = start(
    process.execPath,
    [main, 'serve', '--port', String(port), '--database', sqliteUrl(dbPath)],
    { cpus: settings.serverCpus, env: appEnv(), cwd: workdir },
  );
  try {
    while (performance.now() - started < 20_000) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/status`, {
          signal: AbortSignal.timeout(1_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) {
          const ms = performance.now() - started;
          return { ms, cpuMs: cpuSeconds(processTree(spawned.pid)) * 1_000 };
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${main} did not answer /status within 20 s`);
  } finally {
    await stop(spawned);
  }
}

async function coldStarts(
  mains: ReadonlyMap<Variant, string>,
  dbPath: string,
  workdir: string,
): Promise<Section> {
  const sides = { lazy: AS_IS, eager: VALIDATORS_COMPILED_AT_START } as const;
  const runs = { lazy: [] as ColdStart[], eager: [] as ColdStart[] };
  for (let run = 0; run < coldRuns; run += 1) {
    const order = run % 2 === 0 ? (['lazy', 'eager'] as const) : (['eager', 'lazy'] as const);
    for (const side of order) {
      runs[side].push(await coldStart(mains.get(sides[side]) as string, dbPath, workdir));
    }
  }
  const of = (side: keyof typeof runs, key: keyof ColdStart) => runs[side].map((run) => run[key]);
  const difference = (key: keyof ColdStart) =>
    of('eager', key).map((value, run) => value - (of('lazy', key)[run] ?? 0));
  const text = markdownTable(
    [
      'variant',
      'ms to first 200',
      'server CPU ms until then',
      'per run: eager − lazy, ms',
      'per run: eager − lazy, CPU ms',
    ],
    [
      [AS_IS.label, spread(of('lazy', 'ms')), spread(of('lazy', 'cpuMs')), '', ''],
      [
        VALIDATORS_COMPILED_AT_START.label,
        spread(of('eager', 'ms')),
        spread(of('eager', 'cpuMs')),
        spread(difference('ms')),
        spread(difference('cpuMs')),
      ],
    ],
  );
  return {
    title: `Cold start: spawn to the first 200 on /status, ${coldRuns} runs each, alternating`,
    text,
    raw: runs,
  };
}

async function micro(dbPath: string): Promise<Section> {
  const run = await runToEnd(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'tricks-micro.ts'), dbPath],
    { cpus: settings.serverCpus, cwd: PROJECT_ROOT, timeoutMs: 300_000 },
  );
  if (run.code !== 0) throw new Error(`tricks-micro exited with ${run.code}: ${run.output}`);
  const results = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as MicroResult);
  const text = markdownTable(
    ['operation', 'with the trick, ns/op', 'without, ns/op', 'per round: without ÷ with'],
    results.map((result) => [
      result.name,
      spread(result.with),
      spread(result.without),
      spread(ratios(result.without, result.with), 2),
    ]),
  );
  return {
    title: 'In isolation (bench/tricks-micro.ts), one process on CPU 0',
    text,
    raw: results,
  };
}

/** A part that throws becomes a section saying so; the other parts still run. */
async function guarded(title: string, part: () => Promise<Section>): Promise<Section> {
  say(title);
  try {
    return await part();
  } catch (error) {
    console.error(error);
    const first = ((error as Error).message ?? String(error)).split('\n', 1)[0] ?? '';
    return { title, text: `Not measured: ${first.slice(0, 300)}`, raw: null };
  }
}

async function main(): Promise<number> {
  const workdir = mkdtempSync(join(tmpdir(), 'monsters-tricks-'));
  const sections: Section[] = [];
  const servers: Server[] = [];
  try {
    const bundles = join(workdir, 'bundles');
    prepareBundleRoot(bundles);
    const variants = [
      ...(wanted('api') || wanted('page') ? THROUGHPUT_VARIANTS : [AS_IS]),
      ...(wanted('cold') ? [VALIDATORS_COMPILED_AT_START] : []),
    ];
    const mains = new Map<Variant, string>();
    for (const variant of variants) {
      say(`bundling ${variant.name}`);
      mains.set(variant, await buildVariant(variant, bundles));
    }
    say('preparing the demo database');
    const demoDb = join(workdir, 'demo.db');
    const seeded = await runToEnd(
      process.execPath,
      [mains.get(AS_IS) as string, 'db', 'seed', '--database', sqliteUrl(demoDb)],
      { env: appEnv(), cwd: workdir, timeoutMs: 120_000 },
    );
    if (seeded.code !== 0) throw new Error(`db seed failed: ${seeded.output}`);

    const ids = monsterIds(demoDb, 25);
    if (wanted('api') || wanted('page')) {
      for (const variant of THROUGHPUT_VARIANTS) {
        const dbPath = join(workdir, `${variant.name}.db`);
        copyFileSync(demoDb, dbPath);
        servers.push(await startVariant(variant, mains.get(variant) as string, dbPath, workdir));
      }
      if (wanted('api')) {
        const title = 'GET /api/monsters/:id (JSON), rotating over 25 ids, over HTTP';
        sections.push(
          await guarded(title, () =>
            throughput(title, servers, {
              paths: ids.map((id) => `/api/monsters/${id}`),
              headers: JSON_ACCEPT,
            }),
          ),
        );
      }
      if (wanted('page')) {
        const title = 'GET /monsters/cosmic/1 (HTML monster page), over HTTP';
        sections.push(
          await guarded(title, () =>
            throughput(title, servers, { paths: ['/monsters/cosmic/1'], headers: HTML }),
          ),
        );
      }
      for (const server of servers.splice(0)) await stop(server.spawned);
    }
    if (wanted('cold')) {
      sections.push(
        await guarded('Cold start, lazy vs eager validators', () =>
          coldStarts(mains, demoDb, workdir),
        ),
      );
    }
    if (wanted('micro')) {
      sections.push(await guarded('The tricks in isolation', () => micro(demoDb)));
    }
  } finally {
    for (const server of servers) await stop(server.spawned);
    rmSync(workdir, { recursive: true, force: true });
  }
  const facts = [
    `Node ${process.version}; ${loadTool}, ${settings.connections} connections, ${settings.rounds} interleaved rounds × ${settings.seconds} s after ${settings.warmupSeconds} s of warm-up per target`,
    canPin
      ? 'servers pinned to CPU 0, load generator to CPU 1'
      : 'taskset not found: nothing pinned',
    'figures: median (min–max) over the rounds; ratios are per round, so noise shared by a round cancels',
  ];
  const text = [
    `# Performance tricks, with and without, ${startedAt.toISOString()}`,
    '',
    ...facts.map((fact) => `- ${fact}`),
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', section.text, '']),
  ].join('\n');
  console.log(text);
  const results = join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const stamp = `tricks-${timestampForFile(startedAt)}`;
  writeFileSync(join(results, `${stamp}.md`), text);
  writeFileSync(
    join(results, `${stamp}.json`),
    `${JSON.stringify({ startedAt, settings, coldRuns, facts, sections }, null, 2)}\n`,
  );
  say(`saved bench/results/${stamp}.md and .json`);
  return 0;
}

process.exit(await main());
