// Probing a URL, and measuring several targets in interleaved rounds
// (A B, B A, A B…) so that the machine's drift hits each of them alike.
import {
  type LoadResult,
  type LoadSpec,
  type RequestShape,
  runLoad,
  type Step,
  stepsOf,
} from './load.js';
import {
  type CpuCounters,
  type CpuList,
  cpuCounters,
  cpuSeconds,
  processTree,
  rssBytes,
} from './processes.js';
import { median } from './report.js';
import type { Server } from './servers.js';

export interface Settings {
  readonly seconds: number;
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly serverCpus: CpuList;
  readonly clientCpus: CpuList;
}

export type { RequestShape };

export interface MeasureTarget {
  readonly label: string;
  readonly server: Server;
  readonly request: RequestShape;
}

/** One measured run, and what the server's core did meanwhile. */
export interface Round extends LoadResult {
  /** utime + stime of the server's processes during the round. */
  readonly serverCpuSeconds: number;
  /** Server CPU time ÷ wall time (100 = one full core; up to 200 for two workers). */
  readonly serverCpuPercent: number;
  /** Idle share of the server's CPU (of all CPUs when unpinned) during the run. */
  readonly idlePercent: number;
  /** Time stolen by the hypervisor, same scope. */
  readonly stealPercent: number;
}

export interface Measured {
  readonly label: string;
  readonly rounds: readonly Round[];
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU (all its processes) over the measured rounds ÷ requests answered. */
  readonly cpuUsPerRequest: number;
  /** Server RSS (all its processes) right after the last round. */
  readonly rssMb: number;
  readonly badStatus: number;
  readonly socketErrors: number;
  /** The busiest round of the load generator (100 = one core). */
  readonly clientCpuPercent: number;
  /** Median over the rounds of the server's share of CPU time. */
  readonly serverCpuPercent: number;
}

export interface ProbeResult {
  readonly status: number;
  readonly ok: boolean;
  readonly setsCookie: boolean;
  readonly headers: Headers | undefined;
  readonly text: string;
  readonly error?: string;
}

const HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
export const HTML: Readonly<Record<string, string>> = { Accept: HTML_ACCEPT };
export const JSON_ACCEPT: Readonly<Record<string, string>> = { Accept: 'application/json' };

/** One request, exactly as the load generator will send it (its first step). */
export function probe(server: Server, request: RequestShape): Promise<ProbeResult> {
  const [first = { method: 'GET', path: '/' }] = stepsOf(request);
  return probeStep(server, first, request.headers);
}

/** Every step of the shape once, in order: the first failure, or the last answer. */
export async function probeAll(server: Server, request: RequestShape): Promise<ProbeResult> {
  let last: ProbeResult | undefined;
  for (const step of stepsOf(request)) {
    last = await probeStep(server, step, request.headers);
    if (!last.ok) return last;
  }
  return last ?? probe(server, request);
}

async function probeStep(
  server: Server,
  step: Step,
  headers: Readonly<Record<string, string>> | undefined,
): Promise<ProbeResult> {
  try {
    const response = await fetch(`${server.url}${step.path}`, {
      method: step.method,
      headers: { ...headers },
      ...(step.body !== undefined && { body: step.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      ok: response.status >= 200 && response.status < 300,
      setsCookie: response.headers.getSetCookie().length > 0,
      headers: response.headers,
      text,
    };
  } catch (error) {
    return {
      status: 0,
      ok: false,
      setsCookie: false,
      headers: undefined,
      text: '',
      error: (error as Error).message,
    };
  }
}

/** "HTTP 404" or the network error, for an n/a row. */
export function probeFailure(result: ProbeResult): string {
  return result.status === 0 ? `probe failed: ${result.error}` : `probe: HTTP ${result.status}`;
}

function loadSpec(
  target: MeasureTarget,
  settings: Settings,
  seconds: number,
  extra: Partial<LoadSpec>,
): LoadSpec {
  return {
    baseUrl: target.server.url,
    ...target.request,
    connections: settings.connections,
    seconds,
    cpus: settings.clientCpus,
    ...extra,
  };
}

/**
 * Warms every target up, then measures them in `settings.rounds` rounds whose
 * order alternates; reports medians over the rounds, CPU per request over all
 * of them, and RSS after the last.
 */
export async function measureInterleaved(
  targets: readonly MeasureTarget[],
  settings: Settings,
  extra: Partial<LoadSpec> = {},
): Promise<Measured[]> {
  for (const target of targets) {
    if (settings.warmupSeconds > 0) {
      await runLoad(loadSpec(target, settings, settings.warmupSeconds, extra));
    }
  }
  const rounds = targets.map(() => [] as Round[]);
  const cpu = targets.map(() => 0);
  const serverCpu = singleCpu(settings.serverCpus);
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = targets.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const target = targets[index] as MeasureTarget;
      const pid = target.server.spawned.pid;
      const before = cpuSeconds(processTree(pid));
      const core = cpuCounters(serverCpu);
      const result = await runLoad(loadSpec(target, settings, settings.seconds, extra));
      const used = cpuSeconds(processTree(pid)) - before;
      cpu[index] = (cpu[index] ?? 0) + used;
      rounds[index]?.push({
        ...result,
        serverCpuSeconds: used,
        ...coreShares(used, result.seconds, core, serverCpu),
      });
    }
  }
  return targets.map((target, index) => {
    const results = rounds[index] ?? [];
    const requests = results.reduce((sum, result) => sum + result.requests, 0);
    return {
      label: target.label,
      rounds: results,
      rps: median(results.map((result) => result.rps)),
      p50Ms: median(results.map((result) => result.p50Ms)),
      p99Ms: median(results.map((result) => result.p99Ms)),
      cpuUsPerRequest: requests > 0 ? ((cpu[index] ?? 0) * 1e6) / requests : Number.NaN,
      rssMb: rssBytes(processTree(target.server.spawned.pid)) / 2 ** 20,
      badStatus: results.reduce((sum, result) => sum + result.badStatus, 0),
      socketErrors: results.reduce((sum, result) => sum + result.socketErrors, 0),
      clientCpuPercent: Math.max(0, ...results.map((result) => result.clientCpuPercent)),
      serverCpuPercent: median(results.map((result) => result.serverCpuPercent)),
    };
  });
}

/** Server CPU µs per answered request of each round. */
export function cpuPerRequestByRound(measured: Measured): number[] {
  return measured.rounds.map((round) =>
    round.requests > 0 ? (round.serverCpuSeconds * 1e6) / round.requests : Number.NaN,
  );
}

/** `'0'` → 0; a list or a range → undefined (the whole machine is watched). */
function singleCpu(cpus: CpuList): number | undefined {
  return cpus !== undefined && /^\d+$/.test(cpus) ? Number(cpus) : undefined;
}

function coreShares(
  serverSeconds: number,
  wallSeconds: number,
  before: CpuCounters,
  cpu: number | undefined,
): Pick<Round, 'serverCpuPercent' | 'idlePercent' | 'stealPercent'> {
  const after = cpuCounters(cpu);
  const total = after.total - before.total;
  const share = (delta: number) => (total > 0 ? (100 * delta) / total : Number.NaN);
  return {
    serverCpuPercent: wallSeconds > 0 ? (100 * serverSeconds) / wallSeconds : Number.NaN,
    idlePercent: share(after.idle - before.idle),
    stealPercent: share(after.steal - before.steal),
  };
}

/** Notes every reader of a measured row should see: failed requests, a saturated generator. */
export function healthNotes(measured: Measured, clientBoundAt = 90): string[] {
  const notes: string[] = [];
  const total = measured.rounds.reduce((sum, result) => sum + result.requests, 0);
  if (measured.badStatus > 0) {
    notes.push(`${measured.label}: ${measured.badStatus} of ${total} responses were HTTP ≥ 400.`);
  }
  if (measured.socketErrors > 0) {
    notes.push(`${measured.label}: ${measured.socketErrors} socket errors or timeouts.`);
  }
  const starved = measured.rounds.filter(
    (round) => round.serverCpuPercent < 85 && round.idlePercent < 10,
  );
  if (measured.rounds.length > 0 && clientBoundAt < 1_000 && starved.length > 0) {
    const shares = starved.map((round) => Math.round(round.serverCpuPercent)).join(', ');
    notes.push(
      `${measured.label}: in ${starved.length} of ${measured.rounds.length} rounds the server had only ${shares}% of its busy core (other processes or interrupts took the rest): trust CPU µs/req over req/s.`,
    );
  }
  if (measured.clientCpuPercent >= clientBoundAt) {
    notes.push(
      `${measured.label}: the load generator used ${Math.round(measured.clientCpuPercent)}% of its core: the client may be the limit.`,
    );
  }
  return notes;
}
