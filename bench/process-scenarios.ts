// Scenarios 6–8 of `npm run bench`, about processes rather than routes:
// workers, cold start, idle memory.
import {
  cpuPerRequestByRound,
  healthNotes,
  JSON_ACCEPT,
  type Measured,
  measureInterleaved,
  probe,
  type RequestShape,
  type Settings,
} from './measure.js';
import { cpuSeconds, freePort, processTree, rssBytes, start, stop } from './processes.js';
import {
  cpuRatioFields,
  median,
  pairedRatios,
  type Row,
  ratioFields,
  type Target,
} from './report.js';
import { type BenchContext, metrics } from './scenarios.js';
import { APP_MAIN, appEnv, sqliteUrl, startApp } from './servers.js';

const WORKERS_TARGET: Target = { op: '>=', value: 1.7 };
const COLD_START_TARGET: Target = { op: '<', value: 1000, unit: 'ms' };
const IDLE_RSS_TARGET: Target = { op: '<', value: 100, unit: 'MB' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      const ratio = ratioFields(
        pairedRatios(
          w2.rounds.map((round) => round.rps),
          w1.rounds.map((round) => round.rps),
        ),
      );
      // Two cores of work at the two-worker cost per request, against one core at the one-worker cost.
      const cpuRatios = pairedRatios(
        cpuPerRequestByRound(w1).map((micros) => 2 * micros),
        cpuPerRequestByRound(w2),
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
          ...ratio,
          ...cpuRatioFields(cpuRatios),
          target: WORKERS_TARGET,
          measured: ratio.ratio,
          notes: [
            ...notes,
            'Ratio: workers 2 ÷ workers 1 throughput per round; CPU ratio: 2 × (workers 1 CPU µs/req) ÷ (workers 2 CPU µs/req) per round, the gain two fully used cores would give at the measured per-request costs; both must meet the target. RSS and CPU include the cluster primary.',
            clientNote,
            ...crowdedRounds([w1, w2]),
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

/**
 * Rounds where the server and the load generator together had much less than
 * the two cores while no CPU sat idle: other processes ran meanwhile.
 */
function crowdedRounds(measured: readonly Measured[]): string[] {
  const crowded = measured.flatMap((target) =>
    target.rounds
      .map((round, index) => ({
        index,
        others: 200 - round.serverCpuPercent - round.clientCpuPercent,
        idle: round.idlePercent,
      }))
      .filter((round) => round.others > 25 && round.idle < 10)
      .map((round) => `${target.label} round ${round.index + 1} (~${Math.round(round.others)}%)`),
  );
  if (crowded.length === 0) return [];
  return [
    `Other processes took part of the two cores in ${crowded.join(', ')}: this ratio is unreliable, see the rounds in the JSON file.`,
  ];
}

/** Scenario 7: spawn of `serve` on a migrated database → first 200 on /status; median of `runs`. */
export async function coldStartScenario(
  ctx: Pick<BenchContext, 'settings' | 'workdir' | 'demoDb'>,
  runs = 5,
): Promise<Row[]> {
  const times: number[] = [];
  const cpuMs: number[] = [];
  const rssMb: number[] = [];
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
      const tree = processTree(spawned.pid);
      cpuMs.push(cpuSeconds(tree) * 1000);
      rssMb.push(rssBytes(tree) / 2 ** 20);
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
        `Cold start runs (ms): ${times.map((time) => Math.round(time)).join(', ')}; server pinned to CPU ${ctx.settings.serverCpus ?? 'any'}. Server CPU time until then (ms, steadier on a busy machine): ${cpuMs.map((time) => Math.round(time)).join(', ')}; RSS at the first 200: median ${median(rssMb).toFixed(1)} MB.`,
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
