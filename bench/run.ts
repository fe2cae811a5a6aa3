// `npm run bench` (docs/requirements.md §8): builds nothing itself (the npm script compiled
// dist/ just before), prepares the databases, runs every scenario with the
// servers pinned to CPU 0 and the load generator to CPU 1, then prints one
// table and saves it under bench/results/. `npm run bench -- --only soak,overload`
// runs some scenarios only. See bench/README.md.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cartScenario } from './cart-scenario.js';
import { checkoutScenario } from './checkout-scenario.js';
import { loadTool } from './load.js';
import type { Settings } from './measure.js';
import { parseOnly } from './only-option.js';
import { overloadScenario } from './overload-scenario.js';
import { coldStartScenario, idleRssScenario, workersScenario } from './process-scenarios.js';
import { canPin, cpuCounters, killAll, pinSelf, stop } from './processes.js';
import {
  formatReport,
  median,
  type Report,
  type Row,
  timestampForFile,
  verdict,
} from './report.js';
import {
  apiScenario,
  type BenchContext,
  broadSearchScenario,
  htmlScenario,
  listScenario,
  pageScenario,
  searchScenario,
} from './scenarios.js';
import {
  APP_MAIN,
  appConfiguration,
  countMonsters,
  monsterIds,
  PROJECT_ROOT,
  prepareDemoDb,
  prepareLargeDb,
  type Server,
  startApp,
  startBaseline,
} from './servers.js';
import { soakScenario } from './soak-scenario.js';

const TIME_BUDGET_MS = 15 * 60_000;
/** Every scenario, in the order of the table; `--only` takes a comma-separated list of them. */
const SCENARIOS = [
  '1',
  '2',
  '3',
  '4a',
  '4b',
  '4c',
  '5',
  'checkout',
  '6',
  '7',
  '8',
  'soak',
  'overload',
] as const;
type ScenarioKey = (typeof SCENARIOS)[number];
const RESULTS = join(PROJECT_ROOT, 'bench', 'results');

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const quick = process.env.BENCH_QUICK === '1';
const settings: Settings = {
  seconds: numberFromEnv('BENCH_SECONDS', quick ? 1 : 5),
  rounds: numberFromEnv('BENCH_ROUNDS', quick ? 1 : 3),
  warmupSeconds: numberFromEnv('BENCH_WARMUP', quick ? 1 : 3),
  connections: numberFromEnv('BENCH_CONNECTIONS', 10),
  serverCpus: canPin ? '0' : undefined,
  clientCpus: canPin ? '1' : undefined,
};
pinSelf(settings.clientCpus);
const soak = {
  rounds: numberFromEnv('BENCH_SOAK_ROUNDS', quick ? 1 : 3),
  seconds: numberFromEnv('BENCH_SOAK_SECONDS', quick ? 2 : 60),
  connections: numberFromEnv('BENCH_SOAK_CONNECTIONS', 16),
};
const overload = {
  connections: numberFromEnv('BENCH_OVERLOAD_CONNECTIONS', 512),
  seconds: numberFromEnv('BENCH_OVERLOAD_SECONDS', quick ? 3 : 20),
};
const largeCount = numberFromEnv('BENCH_LARGE_COUNT', 100_000);
const largeDb = process.env.BENCH_LARGE_DB ?? join(tmpdir(), 'monsters-bench-100k.db');

const only = parseOnly('bench', process.argv.slice(2), SCENARIOS);
const wanted = (...keys: ScenarioKey[]) => keys.some((key) => only?.has(key) ?? true);

const startedAt = new Date();
const clock = performance.now();
const elapsed = () => `${Math.round((performance.now() - clock) / 1000)}s`.padStart(5);
const say = (line: string) => console.error(`[${elapsed()}] ${line}`);

const watchdog = setTimeout(() => {
  console.error(`bench: over the ${TIME_BUDGET_MS / 60_000} min budget, stopping everything`);
  killAll();
  process.exit(1);
}, TIME_BUDGET_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** A scenario that throws becomes one "error" row; the rest of the run goes on. */
async function guarded(name: string, scenario: () => Promise<Row[]>): Promise<Row[]> {
  say(name);
  try {
    return await scenario();
  } catch (error) {
    console.error(error);
    const first = ((error as Error).message ?? String(error)).split('\n', 1)[0] ?? '';
    return [{ scenario: name, unavailable: `error: ${first.slice(0, 120)}` }];
  }
}

async function main(): Promise<number> {
  if (!existsSync(APP_MAIN)) {
    console.error(`bench: ${APP_MAIN} is missing: run \`npm run build\` (npm run bench does).`);
    return 2;
  }
  const workdir = mkdtempSync(join(tmpdir(), 'monsters-bench-'));
  const servers: Server[] = [];
  const rows = new Map<string, Row[]>();
  let largeRebuilt = false;
  let busyBefore = '';
  try {
    busyBefore = await otherWork();
    say('preparing the demo database');
    const demoDb = join(workdir, 'demo.db');
    await prepareDemoDb(demoDb, workdir);
    const large = wanted('4a', '4b', '4c');
    if (large) {
      say(`preparing the ${largeCount.toLocaleString('en')}-monster database (${largeDb})`);
      largeRebuilt = await prepareLargeDb(largeDb, largeCount, workdir);
    }
    const base = { settings, workdir, demoDb };

    if (wanted('7')) rows.set('7', await guarded('7. cold start', () => coldStartScenario(base)));

    if (wanted('1', '2', '3', '4a', '4b', '4c', '5', '8')) {
      say('starting the app (and the baseline and the large catalogue when needed)');
      const app = await startApp({
        name: 'app',
        dbPath: demoDb,
        workdir,
        cpus: settings.serverCpus,
      });
      servers.push(app);
      const baseline = wanted('1', '2')
        ? await startBaseline({ dbPath: demoDb, cpus: settings.serverCpus })
        : undefined;
      if (baseline) servers.push(baseline);
      const largeApp = large
        ? await startApp({ name: 'app-large', dbPath: largeDb, workdir, cpus: settings.serverCpus })
        : undefined;
      if (largeApp) servers.push(largeApp);
      const ctx: BenchContext = {
        ...base,
        demoCount: countMonsters(demoDb),
        largeCount: large ? countMonsters(largeDb) : 0,
        demoIds: monsterIds(demoDb, 25),
        app,
        baseline,
        largeApp,
      };

      const scenarios: [ScenarioKey, string, () => Promise<Row[]>][] = [
        ['1', '1. API read', () => apiScenario(ctx)],
        ['2', '2. HTML monster page', () => htmlScenario(ctx)],
        ['3', '3. HTML list page', () => listScenario(ctx)],
        ['4a', '4a. search, demo vs large', () => searchScenario(ctx)],
        ['4b', '4b. list page 2, demo vs large', () => pageScenario(ctx)],
        ['4c', '4c. broad search, demo vs large', () => broadSearchScenario(ctx)],
        ['8', '8. idle RSS', () => idleRssScenario(ctx)],
        ['5', '5. signed-in cart add', () => cartScenario(ctx)],
      ];
      for (const [key, label, scenario] of scenarios) {
        if (wanted(key)) rows.set(key, await guarded(label, scenario));
      }
      for (const server of servers.splice(0)) await stop(server.spawned);
    }

    if (wanted('checkout')) {
      rows.set('checkout', [
        ...(await guarded('C. checkout on SQLite', () => checkoutScenario(base, 'SQLite'))),
        ...(await guarded('C. checkout on PostgreSQL', () => checkoutScenario(base, 'PostgreSQL'))),
      ]);
    }
    if (wanted('6')) {
      rows.set('6', await guarded('6. workers 1 vs 2 (unpinned)', () => workersScenario(base)));
    }
    if (wanted('soak')) {
      const label = `soak: ${soak.rounds} rounds of ${soak.seconds} s of mixed traffic`;
      rows.set('soak', await guarded(label, () => soakScenario(base, soak)));
    }
    if (wanted('overload')) {
      const label = `overload: ${overload.connections} connections for ${overload.seconds} s`;
      rows.set('overload', await guarded(label, () => overloadScenario(base, overload)));
    }
  } finally {
    for (const server of servers) await stop(server.spawned);
    rmSync(workdir, { recursive: true, force: true });
  }

  const ordered = SCENARIOS.flatMap((key) => rows.get(key) ?? []);
  const seconds = Math.round((performance.now() - clock) / 1000);
  const report: Report = {
    title: `Monster Shop benchmark, ${startedAt.toISOString()}`,
    facts: [
      `${machine()}; Node ${process.version}; ${gitRevision()}`,
      appConfiguration(),
      ...(wanted('1', '2', '3', '4a', '4b', '4c', '5', 'checkout', '6')
        ? [
            `${loadTool} ${settings.connections} connections; ${settings.rounds} interleaved rounds × ${settings.seconds} s after ${settings.warmupSeconds} s of warm-up per target; medians over rounds`,
          ]
        : []),
      ...(wanted('soak', 'overload')
        ? [
            `soak (S): ${soak.rounds} rounds × ${soak.seconds} s, ${soak.connections} connections; overload (O): ${overload.connections} connections for ${overload.seconds} s; both with autocannon (bench/traffic-client.mjs), each on a fresh app`,
          ]
        : []),
      ...(only ? [`only the scenarios ${[...only].join(', ')} (--only)`] : []),
      canPin
        ? 'servers pinned to CPU 0, load generator to CPU 1 (scenario 6: nothing pinned)'
        : 'taskset not found: nothing pinned',
      `${wanted('4a', '4b', '4c') ? `large catalogue ${largeDb} ${largeRebuilt ? 'built for this run' : 'reused from an earlier run'}; ` : ''}total run time ${seconds} s`,
      `noise: ${busyBefore}; ${coreShare(ordered)}`,
    ],
    rows: ordered,
  };
  const text = formatReport(report);
  console.log(text);
  save(report, text, seconds);
  const failed = ordered.some((row) => verdict(row) === 'FAIL');
  return failed && process.env.BENCH_STRICT === '1' ? 1 : 0;
}

function save(report: Report, text: string, seconds: number): void {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = timestampForFile(startedAt);
  writeFileSync(join(RESULTS, `${stamp}.md`), text);
  // latest.md is the last complete run; an --only run keeps its own files only.
  if (!only) writeFileSync(join(RESULTS, 'latest.md'), text);
  const json = {
    startedAt: startedAt.toISOString(),
    durationSeconds: seconds,
    settings,
    soak,
    overload,
    only: only ? [...only] : undefined,
    loadTool,
    facts: report.facts,
    rows: report.rows.map((row) => ({ ...row, result: verdict(row) })),
  };
  writeFileSync(join(RESULTS, `${stamp}.json`), `${JSON.stringify(json, null, 2)}\n`);
  say(`saved bench/results/${stamp}.md and .json${only ? '' : ' and latest.md'}`);
}

/** How busy the CPUs are with other work, over one second before the run. */
async function otherWork(): Promise<string> {
  const cpuIndexes = cpus().map((_, index) => index);
  const before = cpuIndexes.map((index) => cpuCounters(index));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const busy = cpuIndexes.map((index) => {
    const [start, end] = [before[index], cpuCounters(index)];
    const total = (end.total ?? 0) - (start?.total ?? 0);
    const idle = end.idle - (start?.idle ?? 0);
    return total > 0 ? Math.round((100 * (total - idle)) / total) : 0;
  });
  return `before the run the CPUs were ${busy.map((value) => `${value}%`).join(' / ')} busy with other work`;
}

/** The servers' median share of their core over the pinned rounds: 100% on a quiet machine. */
function coreShare(rows: readonly Row[]): string {
  const shares = rows
    .filter((row) => !row.scenario.startsWith('6.'))
    .flatMap((row) => (row.rounds ?? []) as { serverCpuPercent?: number }[])
    .map((round) => round.serverCpuPercent)
    .filter((share): share is number => share !== undefined && Number.isFinite(share));
  if (shares.length === 0) return 'no pinned round measured';
  const value = Math.round(median(shares));
  const verdict = value >= 85 ? 'quiet enough' : 'other processes took CPU 0: compare CPU µs/req';
  return `the pinned servers had a median ${value}% of CPU 0 while loaded (${verdict})`;
}

function machine(): string {
  const model = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpus().length} × ${model}`;
}

function gitRevision(): string {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();
    const dirty = run(['status', '--porcelain', '--untracked-files=no']) ? ' + local changes' : '';
    return `commit ${run(['rev-parse', '--short', 'HEAD'])}${dirty}`;
  } catch {
    return 'no git revision';
  }
}

// Exit explicitly: an idle keep-alive socket of a probe must not hold the run open.
process.exit(await main());
