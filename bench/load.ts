// One load run against one server, in a child process (never in the
// orchestrator, docs/pitfalls.md #14), pinned to its own core.
//
// wrk is the default generator: it reports latency in microseconds (autocannon's
// histogram has a 1 ms floor, so every p50 here would read 0 or 1) and spends
// about half the CPU autocannon does per request, so the generator's core is
// not what limits a bare node:http server. autocannon (a devDependency) is the
// fallback when wrk is not installed, or when BENCH_LOADGEN=autocannon.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CpuList, runToEnd, sampleCpu } from './processes.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Step {
  readonly method: Method;
  readonly path: string;
  readonly body?: string;
}

/** What the requests look like: `paths` sent in turn with one method and body, or `steps`. */
export interface RequestShape {
  readonly paths: readonly string[];
  readonly method?: Method;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Requests sent in turn instead of `paths` (wrk; autocannon sends the first only). */
  readonly steps?: readonly Step[];
  /**
   * wrk only: headers of each thread (one signed-in session each, say), added
   * to `headers`; the run then uses one thread and one connection per entry.
   */
  readonly threadHeaders?: readonly Readonly<Record<string, string>>[];
}

/** The requests of a shape, in the order they are sent. */
export function stepsOf(shape: RequestShape): Step[] {
  if (shape.steps?.length) return [...shape.steps];
  const method = shape.method ?? 'GET';
  const body = shape.body;
  return shape.paths.map((path) =>
    body === undefined ? { method, path } : { method, path, body },
  );
}

export interface LoadSpec extends RequestShape {
  readonly baseUrl: string;
  readonly connections: number;
  readonly seconds: number;
  readonly cpus: CpuList;
  /** Generator threads (wrk); one per core it may use. */
  readonly threads?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** wrk: responses with a status ≥ 400; autocannon: any non-2xx. */
  readonly badStatus: number;
  /** Connect, read, write errors and timeouts. */
  readonly socketErrors: number;
  /** CPU time of the generator ÷ wall time (100 = one full core). */
  readonly clientCpuPercent: number;
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((path) => existsSync(path));
const AUTOCANNON = join(import.meta.dirname, '..', 'node_modules', 'autocannon', 'autocannon.js');

export const loadTool: 'wrk' | 'autocannon' =
  process.env.BENCH_LOADGEN === 'autocannon' || !WRK ? 'autocannon' : 'wrk';

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return loadTool === 'wrk' ? runWrk(spec, WRK as string) : runAutocannon(spec);
}

async function runWrk(spec: LoadSpec, wrk: string): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'monsters-bench-wrk-'));
  const script = join(dir, 'load.lua');
  writeFileSync(script, wrkScript(spec));
  try {
    const perThread = spec.threadHeaders?.length;
    const threads = perThread ?? Math.min(spec.threads ?? 1, spec.connections);
    const args = [
      `-t${threads}`,
      `-c${perThread ?? spec.connections}`,
      `-d${spec.seconds}s`,
      '--timeout',
      '10s',
      '-s',
      script,
      spec.baseUrl,
    ];
    const { stdout, output, cpuSeconds } = await runMeasured(wrk, args, spec);
    const line = /^WRK_JSON (.+)$/m.exec(stdout)?.[1];
    if (!line) throw new Error(`wrk printed no result:\n${output}`);
    const raw = JSON.parse(line) as Record<string, number>;
    const get = (key: string) => raw[key] ?? 0;
    const seconds = get('duration_us') / 1e6;
    return {
      requests: get('requests'),
      seconds,
      rps: seconds > 0 ? get('requests') / seconds : 0,
      p50Ms: get('p50_us') / 1000,
      p99Ms: get('p99_us') / 1000,
      badStatus: get('status'),
      socketErrors: get('connect') + get('read') + get('write') + get('timeout'),
      clientCpuPercent: seconds > 0 ? (100 * cpuSeconds) / seconds : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A wrk script: the request(s) to send, and a `done` hook printing one JSON line. */
export function wrkScript(spec: LoadSpec): string {
  const luaTable = (record: Readonly<Record<string, string>>) =>
    `{ ${Object.entries(record)
      .map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`)
      .join(', ')} }`;
  const headers = luaTable(spec.headers ?? {}).slice(2, -2);
  const perThread = (spec.threadHeaders ?? []).map(luaTable).join(',\n  ');
  const requests = stepsOf(spec)
    .map(
      (step) =>
        `{ ${luaString(step.method)}, ${luaString(step.path)}, ${step.body === undefined ? 'nil' : luaString(step.body)} }`,
    )
    .join(',\n  ');
  return `local headers = { ${headers} }
local requests = {
  ${requests}
}
local thread_headers = {
  ${perThread}
}
local index = 0
-- setup runs in the main Lua state for each thread, then init in the thread's own.
local created = 0
setup = function(thread)
  created = created + 1
  thread:set("thread_number", created)
end
init = function(args)
  local extra = thread_headers[thread_number or 0]
  if extra then
    for name, value in pairs(extra) do headers[name] = value end
  end
end
if #requests == 1 and #thread_headers == 0 then
  wrk.method = requests[1][1]
  wrk.path = requests[1][2]
  wrk.body = requests[1][3]
  for name, value in pairs(headers) do wrk.headers[name] = value end
else
  request = function()
    index = index % #requests + 1
    local r = requests[index]
    return wrk.format(r[1], r[2], headers, r[3])
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nWRK_JSON {"requests":%.0f,"duration_us":%.0f,"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f,"p50_us":%.0f,"p99_us":%.0f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;
}

/** A Lua string literal: printable ASCII as is, every other byte as a decimal escape. */
function luaString(text: string): string {
  let literal = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;
    literal += printable ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${literal}"`;
}

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const args = [
    AUTOCANNON,
    '-j',
    '-c',
    String(spec.connections),
    '-d',
    String(spec.seconds),
    '-t',
    '10',
  ];
  const [first] = stepsOf(spec);
  args.push('-m', first?.method ?? 'GET');
  for (const [name, value] of Object.entries(spec.headers ?? {}))
    args.push('-H', `${name}=${value}`);
  if (first?.body !== undefined) args.push('-b', first.body);
  args.push(`${spec.baseUrl}${first?.path ?? '/'}`);
  const { stdout, output, cpuSeconds } = await runMeasured(process.execPath, args, spec);
  const start = stdout.indexOf('{');
  if (start === -1) throw new Error(`autocannon printed no result:\n${output}`);
  const raw = JSON.parse(stdout.slice(start)) as {
    requests: { total: number };
    latency: { p50: number; p99: number };
    duration: number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    requests: raw.requests.total,
    seconds: raw.duration,
    rps: raw.duration > 0 ? raw.requests.total / raw.duration : 0,
    p50Ms: raw.latency.p50,
    p99Ms: raw.latency.p99,
    badStatus: raw.non2xx,
    socketErrors: raw.errors + raw.timeouts,
    clientCpuPercent: raw.duration > 0 ? (100 * cpuSeconds) / raw.duration : 0,
  };
}

/** Runs the generator to its end (bounded in time), sampling its CPU time meanwhile. */
async function runMeasured(
  command: string,
  args: readonly string[],
  spec: LoadSpec,
): Promise<{ stdout: string; output: string; cpuSeconds: number }> {
  const timeoutMs = (spec.seconds + 20) * 1000;
  if (process.env.BENCH_DEBUG) console.error(`$ ${command} ${args.join(' ')}`);
  let readCpu = () => 0;
  const run = runToEnd(command, args, {
    cpus: spec.cpus,
    timeoutMs,
    onStart: (pid) => {
      readCpu = sampleCpu(pid);
    },
  });
  const result = await run;
  const cpuSeconds = readCpu();
  if (result.code !== 0) {
    throw new Error(`${command} exited with ${result.code}:\n${result.output}`);
  }
  return { stdout: result.stdout, output: result.output, cpuSeconds };
}
