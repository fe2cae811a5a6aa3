// Child processes of the benchmark: spawn (optionally pinned with taskset),
// wait for readiness, stop by process group, and read CPU time and RSS from
// /proc. Every process started here is tracked and killed when the
// orchestrator exits, whatever the reason.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A CPU list for taskset (`'0'`, `'1'`, `'0-1'`); undefined = not pinned. */
export type CpuList = string | undefined;

export interface Spawned {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Last lines of stdout and stderr, for error messages. */
  output(): string;
  /** Error-level (or worse) JSON log lines printed so far. */
  errorLines(): number;
  readonly exited: Promise<number | null>;
}

const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((path) => existsSync(path));
const CLOCK_TICKS = readClockTicks();
const PAGE_LIMIT = 60;
const TAIL_CHARS = 64 * 1024;
// A line split across two chunks may be missed: error lines are rare and only counted.
const ERROR_LINE = /"level":(50|60)[,}]/g;
const live = new Set<number>();

export const canPin = TASKSET !== undefined;

/**
 * Pins this process (all its threads) to `cpus`: the harness drains every
 * server's log pipe, and must not take the servers' core to do it.
 */
export function pinSelf(cpus: CpuList): void {
  if (cpus === undefined || !TASKSET) return;
  execFileSync(TASKSET, ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

/** Spawns `command args` in its own process group, pinned to `cpus` when taskset exists. */
export function start(
  command: string,
  args: readonly string[],
  options: { cpus?: CpuList; env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): Spawned {
  const [file, argv] =
    options.cpus !== undefined && TASKSET
      ? [TASKSET, ['-c', options.cpus, command, ...args]]
      : [command, [...args]];
  // detached: a new process group, so a cluster primary and its workers stop together.
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  if (child.pid === undefined) throw new Error(`cannot start ${command}`);
  const pid = child.pid;
  live.add(pid);
  // In production every request logs a line: keep only a tail and count
  // error-level lines per chunk, so draining costs the harness little.
  let tail = '';
  let errorLines = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    errorLines += text.match(ERROR_LINE)?.length ?? 0;
    tail = (tail + text).slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      live.delete(pid);
      resolve(code);
    });
    child.on('error', (error) => {
      keep(Buffer.from(String(error)));
      live.delete(pid);
      resolve(null);
    });
  });
  const output = () => tail.split('\n').filter(Boolean).slice(-PAGE_LIMIT).join('\n');
  return { child, pid, output, errorLines: () => errorLines, exited };
}

/** Resolves with the first match of `pattern` in the child's stdout; rejects on exit or timeout. */
export function waitForOutput(
  spawned: Spawned,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => fail(new Error(`no ${pattern} within ${timeoutMs} ms:\n${spawned.output()}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = pattern.exec(text);
      if (match) done(() => resolve(match));
    };
    const onExit = (code: number | null) =>
      fail(new Error(`exited (${code}) before printing ${pattern}:\n${spawned.output()}`));
    const done = (then: () => void) => {
      clearTimeout(timer);
      spawned.child.stdout?.off('data', onData);
      spawned.child.off('exit', onExit);
      then();
    };
    const fail = (error: Error) => done(() => reject(error));
    spawned.child.stdout?.on('data', onData);
    spawned.child.once('exit', onExit);
  });
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader has exited. */
export async function stop(spawned: Spawned, graceMs = 5_000): Promise<void> {
  if (!live.has(spawned.pid)) return;
  signalGroup(spawned.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(spawned.pid, 'SIGKILL'), graceMs);
  await spawned.exited;
  clearTimeout(timer);
  // Workers of a cluster may outlive their primary by a moment.
  signalGroup(spawned.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Kills every process group still alive: on exit, on Ctrl+C, on a watchdog timeout. */
export function killAll(): void {
  for (const pid of live) signalGroup(pid, 'SIGKILL');
  live.clear();
}

process.on('exit', killAll);

/** Runs a command to completion (bounded in time) and returns its stdout. */
export async function runToEnd(
  command: string,
  args: readonly string[],
  options: {
    cpus?: CpuList;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    timeoutMs: number;
    input?: string;
    onStart?: (pid: number) => void;
  },
): Promise<{ code: number | null; stdout: string; output: string }> {
  const spawned = start(command, args, options);
  options.onStart?.(spawned.pid);
  let stdout = '';
  spawned.child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const timer = setTimeout(() => signalGroup(spawned.pid, 'SIGKILL'), options.timeoutMs);
  const code = await spawned.exited;
  clearTimeout(timer);
  return { code, stdout, output: spawned.output() };
}

/** A free TCP port on 127.0.0.1 (for servers whose port must be known before they print it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The process and all its descendants (a cluster primary and its workers). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields) continue;
    const parent = Number(fields[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** utime + stime of the processes, in seconds (/proc/<pid>/stat fields 14 and 15). */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    // fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** Resident set size of the processes (VmRSS summed), in bytes. */
export function rssBytes(pids: readonly number[]): number {
  let kib = 0;
  for (const pid of pids) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match?.[1]) kib += Number(match[1]);
    } catch {
      // exited meanwhile
    }
  }
  return kib * 1024;
}

export interface CpuCounters {
  readonly idle: number;
  readonly steal: number;
  readonly total: number;
}

/** Jiffies of one CPU (`cpu0`…) or of the whole machine (undefined), from /proc/stat. */
export function cpuCounters(cpu?: number): CpuCounters {
  const name = cpu === undefined ? 'cpu' : `cpu${cpu}`;
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name} `));
  const values = (line ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    values;
  return {
    idle: idle + iowait,
    steal,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}

/** The fields of /proc/<pid>/stat after the command name, starting at the state (field 3). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function readClockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** Samples a process tree's CPU time while it runs, for processes read only after they exit. */
export function sampleCpu(pid: number, everyMs = 250): () => number {
  let last = 0;
  const timer = setInterval(() => {
    const seconds = cpuSeconds(processTree(pid));
    if (seconds > 0) last = seconds;
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    return last;
  };
}
