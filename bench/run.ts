// `npm run bench` (SPEC §8): builds nothing itself (the npm script compiled
// dist/ just before), prepares the databases, runs every scenario with the
// servers pinned to CPU 0 and the load generator to CPU 1, then prints one
// table and saves it under bench/results/. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cartScenario } from './cart-scenario.js';
import { loadTool } from './load.js';
import type { Settings } from './measure.js';
import { coldStartScenario, idleRssScenario, workersScenario } from './process-scenarios.js';
import { canPin, cpuCounters, killAll, stop } from './processes.js';
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
  htmlScenario,
  listScenario,
  pageScenario,
  searchScenario,
} from './scenarios.js';
import {
  APP_MAIN,
  countMonsters,
  monsterIds,
  PROJECT_ROOT,
  prepareDemoDb,
  prepareLargeDb,
  type Server,
  startApp,
  startBaseline,
} from './servers.js';

const TIME_BUDGET_MS = 9.5 * 60_000;
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
const largeCount = numberFromEnv('BENCH_LARGE_COUNT', 100_000);
const largeDb = process.env.BENCH_LARGE_DB ?? join(tmpdir(), 'monsters-bench-100k.db');

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
    say(`preparing the ${largeCount.toLocaleString('en')}-monster database (${largeDb})`);
    largeRebuilt = await prepareLargeDb(largeDb, largeCount, workdir);
    const base = { settings, workdir, demoDb };

    rows.set('7', await guarded('7. cold start', () => coldStartScenario(base)));

    say('starting the app (demo and large catalogues) and the baseline');
    const app = await startApp({ name: 'app', dbPath: demoDb, workdir, cpus: settings.serverCpus });
    servers.push(app);
    const baseline = await startBaseline({ dbPath: demoDb, cpus: settings.serverCpus });
    servers.push(baseline);
    const largeApp = await startApp({
      name: 'app-large',
      dbPath: largeDb,
      workdir,
      cpus: settings.serverCpus,
    });
    servers.push(largeApp);
    const ctx: BenchContext = {
      ...base,
      demoCount: countMonsters(demoDb),
      largeCount: countMonsters(largeDb),
      demoIds: monsterIds(demoDb, 25),
      app,
      baseline,
      largeApp,
    };

    rows.set('1', await guarded('1. API read', () => apiScenario(ctx)));
    rows.set('2', await guarded('2. HTML monster page', () => htmlScenario(ctx)));
    rows.set('3', await guarded('3. HTML list page', () => listScenario(ctx)));
    rows.set('4a', await guarded('4a. search, demo vs large', () => searchScenario(ctx)));
    rows.set('4b', await guarded('4b. list page 3, demo vs large', () => pageScenario(ctx)));
    rows.set('8', await guarded('8. idle RSS', () => idleRssScenario(ctx)));
    rows.set('5', await guarded('5. signed-in cart add', () => cartScenario(ctx)));
    for (const server of servers.splice(0)) await stop(server.spawned);

    rows.set('6', await guarded('6. workers 1 vs 2 (unpinned)', () => workersScenario(base)));
  } finally {
    for (const server of servers) await stop(server.spawned);
    rmSync(workdir, { recursive: true, force: true });
  }

  const ordered = ['1', '2', '3', '4a', '4b', '5', '6', '7', '8'].flatMap(
    (key) => rows.get(key) ?? [],
  );
  const seconds = Math.round((performance.now() - clock) / 1000);
  const report: Report = {
    title: `Monster Shop benchmark, ${startedAt.toISOString()}`,
    facts: [
      `${machine()}; Node ${process.version}; ${gitRevision()}`,
      `${loadTool} ${settings.connections} connections; ${settings.rounds} interleaved rounds × ${settings.seconds} s after ${settings.warmupSeconds} s of warm-up per target; medians over rounds`,
      canPin
        ? 'servers pinned to CPU 0, load generator to CPU 1 (scenario 6: nothing pinned)'
        : 'taskset not found: nothing pinned',
      `large catalogue ${largeDb} ${largeRebuilt ? 'built for this run' : 'reused from an earlier run'}; total run time ${seconds} s`,
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
  writeFileSync(join(RESULTS, 'latest.md'), text);
  const json = {
    startedAt: startedAt.toISOString(),
    durationSeconds: seconds,
    settings,
    loadTool,
    facts: report.facts,
    rows: report.rows.map((row) => ({ ...row, result: verdict(row) })),
  };
  writeFileSync(join(RESULTS, `${stamp}.json`), `${JSON.stringify(json, null, 2)}\n`);
  say(`saved bench/results/${stamp}.md, .json and latest.md`);
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
