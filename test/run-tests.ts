/**
 * `npm test`: every *.test.ts(x) file under src/ and test/ (browser tests
 * with --browser), on SQLite and on PostgreSQL. Without TEST_DATABASE_URL a
 * throwaway PostgreSQL cluster is started for the run and stopped after it.
 * The tests that run the `monsters` bin run the production bundle: it is
 * rebuilt first when a source changed after the last build.
 *
 * Why shards: `node --test` starts one process per test file, and each
 * process loads the app's modules through tsx again, about 2.4 s of CPU,
 * which was most of what the whole suite cost. So the files run in a few
 * long-lived processes instead ("shards", test/runner/shard.ts), each file's
 * tests one after the other, balanced by how long each file took last time
 * (test/runner/file-costs.json; `npm test -- --record-costs` refreshes it).
 * Files can share a process because each one builds its own app and
 * databases; the few that cannot run apart, listed in APART with the reason.
 * Each shard prints node:test's usual output, and the run ends with the
 * failing tests by file and the counts over all shards.
 *
 * The browser tests run as before: `node --test`, one file at a time.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleStaleness } from './helpers/bundle-freshness.js';
import { type PostgresCluster, startPostgresCluster } from './helpers/postgres-cluster.js';
import type { ShardRecord } from './runner/shard-reporter.js';

const root = join(import.meta.dirname, '..');
const browser = process.argv.includes('--browser');
const recordCosts = process.argv.includes('--record-costs');

/** Shared processes the files are spread over. */
const SHARDS = 2;
/** Test processes running at the same time (the shards and the groups of APART). */
const PROCESSES_AT_ONCE = 3;
/** A test process still running after this is stopped: some test hangs. */
const PROCESS_TIME_LIMIT_MS = 20 * 60_000;
const COSTS_FILE = join(root, 'test', 'runner', 'file-costs.json');

/**
 * Files kept out of the shards, each group in a process of its own, and why:
 * what they do to their process would disturb (or be disturbed by) the other
 * files' tests. A new test file that uses one of these helpers joins its group.
 */
const APART: readonly {
  readonly name: string;
  readonly reason: string;
  readonly files: readonly string[];
}[] = [
  {
    name: 'bin processes',
    reason:
      'their tests run the bin in process groups they signal and kill, through test/helpers/monsters-process.ts, which installs process-wide signal and exit handlers',
    files: [
      'src/cli/cli.test.ts',
      'src/db/read-only-database.test.ts',
      'src/db/startup.test.ts',
      'src/server/lifecycle.test.ts',
      'src/server/metrics.test.ts',
      'test/npm-start.test.ts',
      'test/deploy/proxy.test.ts',
      'test/shared-limits.test.ts',
    ],
  },
  {
    name: 'rejection spy',
    reason:
      "its tests spy on the process's unhandled rejections (test/helpers/unhandled-rejections.ts): one left by another file's test would fail them",
    files: ['test/hardening/redirect-sinks.test.ts'],
  },
];

function testFiles(): string[] {
  const folders = browser ? ['test/browser'] : ['src', 'test'];
  return folders
    .flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) =>
        join(folder, file).split(sep).join('/'),
      ),
    )
    .filter((file) => /\.test\.tsx?$/.test(file))
    .filter((file) => browser || !file.startsWith('test/browser/'))
    .sort();
}

// Once, before any test file runs: no test ever sees a half-written bundle.
function buildBundleIfStale(): void {
  const staleness = bundleStaleness();
  if (!staleness) return;
  process.stdout.write(`Building the production bundle: ${staleness}.\n`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('npm run build failed: the tests need the production bundle\n');
    process.exit(1);
  }
}

// ---------------------------------------------------------------- the plan

interface Job {
  readonly name: string;
  readonly files: readonly string[];
  /** Why these files run apart from the shards; absent for a shard. */
  readonly reason?: string;
  /** Seconds its files took last time, summed. */
  readonly cost: number;
}

type Costs = Readonly<Record<string, number>>;

function storedCosts(): Costs {
  try {
    return JSON.parse(readFileSync(COSTS_FILE, 'utf8')) as Costs;
  } catch {
    return {};
  }
}

/** Seconds a file took last time; a file not measured yet counts as an average one. */
function costOf(file: string, costs: Costs): number {
  const known = Object.values(costs);
  const average = known.length ? known.reduce((sum, cost) => sum + cost, 0) / known.length : 1;
  return costs[file] ?? average;
}

/** Spreads the files over `count` shards, the longest first, each to the least loaded shard. */
function balance(files: readonly string[], count: number, costs: Costs): Job[] {
  const shards = Array.from({ length: count }, () => ({ files: [] as string[], cost: 0 }));
  const longestFirst = [...files].sort((a, b) => costOf(b, costs) - costOf(a, costs));
  for (const file of longestFirst) {
    const lightest = shards.reduce((least, shard) => (shard.cost < least.cost ? shard : least));
    lightest.files.push(file);
    lightest.cost += costOf(file, costs);
  }
  return shards
    .filter((shard) => shard.files.length > 0)
    .map((shard, index) => ({
      name: `shard ${index + 1}`,
      files: shard.files.sort(),
      cost: shard.cost,
    }));
}

function totalCost(files: readonly string[], costs: Costs): number {
  return files.reduce((sum, file) => sum + costOf(file, costs), 0);
}

/** The other files spread over the shards, then the groups of APART (shorter, they start last). */
function planJobs(files: readonly string[], costs: Costs): Job[] {
  const apart = APART.map(({ name, reason, files: groupFiles }) => {
    const present = groupFiles.filter((file) => files.includes(file));
    return { name, reason, files: present, cost: totalCost(present, costs) };
  }).filter((job) => job.files.length > 0);
  const shared = files.filter((file) => !APART.some((group) => group.files.includes(file)));
  return [...balance(shared, SHARDS, costs), ...apart];
}

function fileCount(files: readonly string[]): string {
  return files.length === 1 ? '1 file' : `${files.length} files`;
}

function describePlan(jobs: readonly Job[]): string {
  const files = jobs.reduce((sum, job) => sum + job.files.length, 0);
  const lines = jobs.map((job) => {
    const line = `  ${job.name}: ${fileCount(job.files)}, about ${Math.round(job.cost)} s`;
    return job.reason ? `${line}, apart because ${job.reason}` : line;
  });
  return `${files} test files in ${jobs.length} processes, ${PROCESSES_AT_ONCE} at a time:\n${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- running

interface JobResult {
  readonly job: Job;
  /** The process's stdout and stderr: node:test's spec output. */
  readonly output: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly records: readonly ShardRecord[];
  readonly seconds: number;
}

const running = new Set<ChildProcess>();

function shardArguments(job: Job, reportFile: string): string[] {
  return [
    '--import',
    'tsx',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${pathToFileURL(join(root, 'test', 'runner', 'shard-reporter.ts')).href}`,
    `--test-reporter-destination=${reportFile}`,
    join(root, 'test', 'runner', 'shard.ts'),
    ...job.files,
  ];
}

function readRecords(reportFile: string): ShardRecord[] {
  let text = '';
  try {
    text = readFileSync(reportFile, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ShardRecord);
}

/** Stops a process that runs too long: SIGTERM (its helpers then kill what they started), later SIGKILL. */
function stopWhenOverdue(child: ChildProcess, onStop: () => void): NodeJS.Timeout {
  return setTimeout(() => {
    onStop();
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, PROCESS_TIME_LIMIT_MS);
}

function runJob(job: Job, env: NodeJS.ProcessEnv, reportFile: string): Promise<JobResult> {
  const started = Date.now();
  const child = spawn(process.execPath, shardArguments(job, reportFile), {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let timedOut = false;
  const timer = stopWhenOverdue(child, () => (timedOut = true));
  return new Promise((resolve) => {
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const seconds = (Date.now() - started) / 1000;
      const records = readRecords(reportFile);
      resolve({ job, output, exitCode, signal, timedOut, records, seconds });
    });
  });
}

function printJob(result: JobResult): void {
  const { job, seconds } = result;
  process.stdout.write(
    `\n━━ ${job.name} (${fileCount(job.files)}): ${Math.round(seconds)} s ━━\n${result.output}`,
  );
}

/** Runs the jobs, PROCESSES_AT_ONCE at a time, printing each one's output when it ends. */
async function runJobs(jobs: readonly Job[], env: NodeJS.ProcessEnv): Promise<JobResult[]> {
  const reports = mkdtempSync(join(tmpdir(), 'monsters-test-run-'));
  const waiting = [...jobs];
  const results: JobResult[] = [];
  const takeJobs = async () => {
    for (let job = waiting.shift(); job; job = waiting.shift()) {
      const result = await runJob(job, env, join(reports, `${jobs.indexOf(job)}.jsonl`));
      printJob(result);
      results.push(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: PROCESSES_AT_ONCE }, takeJobs));
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------- the outcome

const COUNT_NAMES = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'] as const;

function totalCounts(results: readonly JobResult[]): Map<string, number> {
  const totals = new Map<string, number>(COUNT_NAMES.map((name) => [name, 0]));
  for (const { records } of results) {
    for (const record of records) {
      if (record.kind === 'count')
        totals.set(record.name, (totals.get(record.name) ?? 0) + record.value);
    }
  }
  return totals;
}

function failingTests(results: readonly JobResult[]): string[] {
  return results.flatMap(({ records }) =>
    records.flatMap((record) =>
      record.kind === 'failed' ? [`${record.file} › ${record.test}\n      ${record.failure}`] : [],
    ),
  );
}

/** The test a process was running when it ended: started, never ended. */
function unfinishedTest(records: readonly ShardRecord[]): string | undefined {
  const ended = new Set(
    records.flatMap((r) => (r.kind === 'ended' ? [`${r.file} › ${r.test}`] : [])),
  );
  const started = records.flatMap((r) => (r.kind === 'started' ? [`${r.file} › ${r.test}`] : []));
  return started.find((test) => !ended.has(test));
}

/** What went wrong with a process itself (beyond failing tests): hung, crashed, or killed. */
function processProblem(result: JobResult): string | undefined {
  const { job, exitCode, signal, timedOut, records } = result;
  const during = unfinishedTest(records);
  const where = during ? `, during ${during}` : '';
  if (timedOut)
    return `${job.name} was stopped after ${PROCESS_TIME_LIMIT_MS / 60_000} min${where}`;
  if (!records.some((record) => record.kind === 'count'))
    return `${job.name} ended (${signal ?? `exit code ${exitCode}`}) before its tests finished${where}`;
  if (exitCode === 0 || records.some((record) => record.kind === 'failed')) return undefined;
  const notes = records.flatMap((record) => (record.kind === 'note' ? [record.message] : []));
  const why = notes.length ? notes.join('\n    ') : 'see its output above';
  return `${job.name} exited with code ${exitCode} while its tests passed:\n    ${why}`;
}

/** Prints the failures and the counts over all processes; true when everything passed. */
function printSummary(results: readonly JobResult[], seconds: number): boolean {
  const failures = failingTests(results);
  const problems = results.flatMap((result) => processProblem(result) ?? []);
  const counts = totalCounts(results);
  let text = '\n';
  if (failures.length) text += `✖ failing tests:\n${failures.map((f) => `  ${f}\n`).join('')}`;
  if (problems.length) text += `✖ test processes:\n${problems.map((p) => `  ${p}\n`).join('')}`;
  for (const [name, value] of counts) text += `# ${name} ${value}\n`;
  text += `# duration_ms ${Math.round(seconds * 1000)}\n`;
  process.stdout.write(text);
  return failures.length === 0 && problems.length === 0 && counts.get('fail') === 0;
}

/** Keeps each file's duration of this run (its tests' durations summed) for the next plan. */
function saveCosts(results: readonly JobResult[]): void {
  const costs: Record<string, number> = {};
  for (const { records } of results) {
    for (const record of records) {
      if (record.kind === 'ended')
        costs[record.file] = (costs[record.file] ?? 0) + record.durationMs / 1000;
    }
  }
  const rounded = Object.keys(costs)
    .sort()
    .map((file) => [file, Math.round((costs[file] ?? 0) * 10) / 10]);
  writeFileSync(COSTS_FILE, `${JSON.stringify(Object.fromEntries(rounded), null, 2)}\n`);
  process.stdout.write(`Saved the files' durations in ${COSTS_FILE}.\n`);
}

async function runInShards(files: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = Date.now();
  const jobs = planJobs(files, storedCosts());
  process.stdout.write(describePlan(jobs));
  const results = await runJobs(jobs, env);
  if (recordCosts) saveCosts(results);
  return printSummary(results, (Date.now() - started) / 1000) ? 0 : 1;
}

/** The browser tests, as before the shards: `node --test`, one file at a time. */
function runWithNodeTest(files: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=300000', ...files],
    { cwd: root, env, stdio: 'inherit' },
  );
  running.add(child);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
}

buildBundleIfStale();
let cluster: PostgresCluster | undefined;
const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  cluster = await startPostgresCluster();
  env.TEST_DATABASE_URL = cluster.url;
}
process.on('SIGINT', () => {
  for (const child of running) child.kill('SIGINT');
});
try {
  const files = testFiles();
  process.exitCode = browser ? await runWithNodeTest(files, env) : await runInShards(files, env);
} finally {
  cluster?.stop();
}
