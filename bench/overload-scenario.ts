// The overload scenario of `npm run bench` (docs/requirements.md §8 "Overload"): hundreds of
// connections hammering one page, and a health check on a new connection
// meanwhile.
import { request } from 'node:http';
import { HTML, probe, probeFailure, type Settings } from './measure.js';
import { cpuSeconds, processTree, rssBytes, stop } from './processes.js';
import { median, type Row, type Target } from './report.js';
import { startApp } from './servers.js';
import { lateOrLost, runTraffic } from './traffic.js';

const LATE_TARGET: Target = { op: '<=', value: 0, unit: 'late' };
const STATUS_TARGET: Target = { op: '<', value: 1000, unit: 'ms' };
const PAGE = '/monsters/cosmic/1';
const PROBE_EVERY_MS = 250;
const PROBE_TIMEOUT_MS = 10_000;

export interface OverloadSettings {
  readonly connections: number;
  readonly seconds: number;
}

interface StatusProbe {
  readonly status: number;
  readonly ms: number;
}

/**
 * A fresh app, `connections` clients sending `GET /monsters/cosmic/1` as fast
 * as it answers, for `seconds`. Every request must be answered within 2 s (a
 * page or a 503), a new connection to `/status` within 1 s, and the process
 * must stay up.
 */
export async function overloadScenario(
  ctx: { readonly settings: Settings; readonly workdir: string; readonly demoDb: string },
  overload: OverloadSettings,
): Promise<Row[]> {
  const burst = `O. ${overload.connections} connections on GET ${PAGE} (HTML, ${overload.seconds} s)`;
  const health = 'O. new connection to /status during the burst';
  const server = await startApp({
    name: 'overload',
    dbPath: ctx.demoDb,
    workdir: ctx.workdir,
    cpus: ctx.settings.serverCpus,
  });
  try {
    const probed = await probe(server, { paths: [PAGE], headers: HTML });
    if (!probed.ok) return [{ scenario: burst, unavailable: probeFailure(probed) }];
    const cpuBefore = cpuSeconds(processTree(server.spawned.pid));
    const traffic = runTraffic({
      url: server.url,
      connections: overload.connections,
      seconds: overload.seconds,
      requests: [{ method: 'GET', path: PAGE, headers: HTML }],
      cpus: ctx.settings.clientCpus,
    });
    const probes = probeStatusUntil(server.url, traffic);
    const [result, statusProbes] = await Promise.all([traffic, probes]);
    const cpu = cpuSeconds(processTree(server.spawned.pid)) - cpuBefore;
    const rss = rssBytes(processTree(server.spawned.pid)) / 2 ** 20;
    const alive =
      server.spawned.child.exitCode === null && server.spawned.child.signalCode === null;
    const after = alive ? await probe(server, { paths: ['/status'] }) : undefined;

    const requests = result.answered + result.errors;
    const share = requests > 0 ? result.answeredWithin / requests : Number.NaN;
    const unavailable = result.statuses['503'] ?? 0;
    const ramp = result.timeline
      .slice(0, 3)
      .map(
        (second, index) =>
          `${index}–${index + 1} s: ${second.answers} (${second.unavailable}× 503, slowest ${second.maxMs} ms)`,
      )
      .join('; ');
    const times = statusProbes.map((statusProbe) => statusProbe.ms);
    const healthy =
      statusProbes.length > 0 && statusProbes.every((statusProbe) => statusProbe.status === 200);
    const slowest = Math.max(...times);
    return [
      {
        scenario: burst,
        rps: result.answered / result.seconds,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        cpuUsPerRequest: result.answered > 0 ? (cpu * 1e6) / result.answered : Number.NaN,
        rssMb: rss,
        target: LATE_TARGET,
        measured: lateOrLost(result),
        rounds: [result],
        notes: [
          `Answered within 2 s: ${result.answeredWithin} of ${requests} requests (${(100 * share).toFixed(2)}%); late (the measure against the target): ${lateOrLost(result)} answered after 2 s or never (${result.timeouts} timed out after 10 s). ${unavailable} answers were 503 (${((100 * unavailable) / Math.max(1, result.answered)).toFixed(1)}%); slowest answer ${Math.round(result.maxMs)} ms. Answers per status: ${JSON.stringify(result.statuses)}.`,
          `First seconds (connections being accepted): ${ramp}.`,
          `The server logged ${server.spawned.errorLines()} error-level lines; the load generator used ${Math.round(result.clientCpuPercent)}% of its core.`,
        ],
      },
      {
        scenario: `${health} (${statusProbes.length} probes)`,
        p50Ms: median(times),
        p99Ms: slowest,
        target: STATUS_TARGET,
        measured: healthy && alive && after?.status === 200 ? slowest : Number.NaN,
        notes: [
          `One new connection every ${PROBE_EVERY_MS} ms during the burst; p50 = median, p99 column = slowest, from connect to the end of the answer. Statuses: ${summarise(statusProbes.map((statusProbe) => statusProbe.status))}.`,
          alive
            ? `The process stayed up; /status after the burst: ${after?.status}.`
            : `The process exited during the burst: ${server.spawned.output().split('\n').slice(-3).join(' / ')}`,
        ],
      },
    ];
  } finally {
    await stop(server.spawned);
  }
}

/** New-connection health checks every PROBE_EVERY_MS until `done` settles. */
async function probeStatusUntil(baseUrl: string, done: Promise<unknown>): Promise<StatusProbe[]> {
  let finished = false;
  done.then(
    () => {
      finished = true;
    },
    () => {
      finished = true;
    },
  );
  const pending: Promise<StatusProbe>[] = [];
  await sleep(PROBE_EVERY_MS);
  while (!finished) {
    pending.push(statusOnNewConnection(baseUrl));
    await sleep(PROBE_EVERY_MS);
  }
  return Promise.all(pending);
}

/** GET /status on a connection of its own (no keep-alive agent): connect, ask, read it all. */
function statusOnNewConnection(baseUrl: string): Promise<StatusProbe> {
  const started = performance.now();
  return new Promise((resolve) => {
    const settle = (status: number) => resolve({ status, ms: performance.now() - started });
    const asked = request(
      `${baseUrl}/status`,
      { agent: false, timeout: PROBE_TIMEOUT_MS },
      (response) => {
        response.resume();
        response.on('end', () => settle(response.statusCode ?? 0));
        response.on('error', () => settle(0));
      },
    );
    asked.on('timeout', () => asked.destroy(new Error('timeout')));
    asked.on('error', () => settle(0));
    asked.end();
  });
}

function summarise(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count}× ${status || 'no answer'}`).join(', ');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
