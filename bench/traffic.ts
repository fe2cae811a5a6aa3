// Runs bench/traffic-client.mjs (autocannon keeping every answer's latency and
// status) in its own process, pinned like the other load generators, and reads
// its one-line summary.
import { join } from 'node:path';
import type { Method } from './load.js';
import { type CpuList, runToEnd, sampleCpu } from './processes.js';

const CLIENT = join(import.meta.dirname, 'traffic-client.mjs');

export interface TrafficRequest {
  readonly method: Method;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface TrafficSpec {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** Each connection sends these in turn, over and over. */
  readonly requests: readonly TrafficRequest[];
  /** An answer slower than this is "late" (default 2,000 ms). */
  readonly withinMs?: number;
  readonly cpus: CpuList;
}

export interface TrafficResult {
  readonly seconds: number;
  readonly answered: number;
  /** Answers that came within `withinMs`. */
  readonly answeredWithin: number;
  readonly withinMs: number;
  /** Answers per HTTP status. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Requests that never got an answer: connection errors and 10 s timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Per second of the run: answers, 503s, slowest answer. */
  readonly timeline: readonly { answers: number; unavailable: number; maxMs: number }[];
  /** CPU time of the client ÷ wall time (100 = one full core). */
  readonly clientCpuPercent: number;
}

export async function runTraffic(spec: TrafficSpec): Promise<TrafficResult> {
  const { cpus, ...clientSpec } = spec;
  const args = [CLIENT, JSON.stringify({ timeoutSeconds: 10, ...clientSpec })];
  if (process.env.BENCH_DEBUG) console.error(`$ node ${args.join(' ')}`);
  let readCpu = () => 0;
  const run = await runToEnd(process.execPath, args, {
    cpus,
    timeoutMs: (spec.seconds + 30) * 1000,
    onStart: (pid) => {
      readCpu = sampleCpu(pid);
    },
  });
  const cpuSeconds = readCpu();
  const line = /^TRAFFIC_JSON (.+)$/m.exec(run.stdout)?.[1];
  if (run.code !== 0 || !line) {
    throw new Error(`traffic client exited with ${run.code}:\n${run.output}`);
  }
  const result = JSON.parse(line) as Omit<TrafficResult, 'clientCpuPercent'>;
  return {
    ...result,
    clientCpuPercent: result.seconds > 0 ? (100 * cpuSeconds) / result.seconds : 0,
  };
}

/** Requests that got no answer within `withinMs`, or none at all. */
export function lateOrLost(result: TrafficResult): number {
  return result.answered - result.answeredWithin + result.errors;
}
