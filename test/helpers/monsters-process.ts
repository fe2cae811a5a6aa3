import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { bundleStaleness } from './bundle-freshness.js';
import { BUNDLE, CLI_SECRET } from './cli-process.js';

/**
 * The `monsters` bin as users run it: the production bundle, in a process
 * group of its own (so a test can signal the whole group as Ctrl+C or systemd
 * do), always killed afterwards, every wait bounded.
 */

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface MonstersOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly input?: string;
  /** Runs it as this user (through `runuser`, so as root only): a process that cannot write what root can. */
  readonly runAs?: string;
  /** Another copy of the bundle to run (one whose code a test may change). */
  readonly entry?: string;
}

export interface MonstersProcess {
  readonly pid: number;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Settles when the process has exited and its output is read. */
  readonly exited: Promise<Exit>;
  /** Sends `signal` to the bin and every process it started (its process group). */
  readonly signalGroup: (signal: NodeJS.Signals) => void;
  /** Resolves with the first match of `pattern` in stdout, waiting at most `timeoutMs`. */
  readonly waitForStdout: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  /**
   * Stops reading its stdout, as a slow log reader does: once the pipe is
   * full, its writes to stdout fail with EAGAIN until `resumeStdout`.
   */
  readonly pauseStdout: () => void;
  readonly resumeStdout: () => void;
}

const DEFAULT_WAIT_MS = 30_000;
const running = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

// A detached group does not get the terminal's Ctrl+C: kill what is left if the test process ends early.
function killEverything(): void {
  for (const pid of running) killGroup(pid, 'SIGKILL');
  running.clear();
}
process.once('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killEverything();
    process.exit(1);
  });
}

let checkedBundle = false;

function assertFreshBundle(): void {
  if (checkedBundle) return;
  const staleness = bundleStaleness();
  if (staleness) throw new Error(`${staleness}: run \`npm run build\` (npm test does it)`);
  checkedBundle = true;
}

/** Rejects after `timeoutMs` with a message naming what was awaited. */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`gave up waiting ${timeoutMs} ms for ${what}`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every 20 ms until it holds; rejects after `timeoutMs` naming what was awaited. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const failure = () => new Error(`gave up waiting ${timeoutMs} ms for ${what}`);
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw failure();
    if (await within(Promise.resolve(condition()), remaining, what).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts `monsters ARGS` from the bundle; the test kills its process group when it ends. */
export function startMonsters(
  t: TestContext,
  args: readonly string[],
  options: MonstersOptions = {},
): MonstersProcess {
  assertFreshBundle();
  const command = [process.execPath, options.entry ?? BUNDLE, ...args];
  const [program = '', ...programArgs] = options.runAs
    ? ['runuser', '-u', options.runAs, '--', ...command]
    : command;
  const child = spawn(program, programArgs, {
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'monsters-cli-')),
    env: {
      PATH: process.env.PATH ?? '',
      SECRET_KEY: CLI_SECRET,
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${BUNDLE}`);
  running.add(pid);
  t.after(() => {
    killGroup(pid, 'SIGKILL');
    running.delete(pid);
  });
  child.stdin?.end(options.input ?? '');
  return watchOutput(child, pid);
}

function watchOutput(child: ChildProcess, pid: number): MonstersProcess {
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const check of waiters) check();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );

  const waitForStdout = (pattern: RegExp, timeoutMs = DEFAULT_WAIT_MS) => {
    let check = () => {};
    const found = new Promise<RegExpExecArray>((resolve, reject) => {
      check = () => {
        const match = new RegExp(pattern.source, pattern.flags).exec(stdout);
        if (match) resolve(match);
      };
      waiters.add(check);
      check();
      void exited.then(({ code, signal }) =>
        reject(
          new Error(`monsters exited (${signal ?? code}) before printing ${pattern}: ${stderr}`),
        ),
      );
    });
    return within(found, timeoutMs, `${pattern} on stdout`).finally(() => waiters.delete(check));
  };

  return {
    pid,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    signalGroup: (signal) => killGroup(pid, signal),
    waitForStdout,
    pauseStdout: () => child.stdout?.pause(),
    resumeStdout: () => child.stdout?.resume(),
  };
}

/** Starts `monsters serve ARGS` and resolves with the URL it prints once listening. */
export async function startServer(
  t: TestContext,
  args: readonly string[],
  options: MonstersOptions = {},
): Promise<MonstersProcess & { readonly url: string }> {
  const server = startMonsters(t, ['serve', '--port', '0', ...args], options);
  const [, url = ''] = await server.waitForStdout(/running on (http:\/\/127\.0\.0\.1:\d+)/);
  return { ...server, url };
}

export interface Run extends Exit {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `monsters ARGS` to completion (at most `timeoutMs`). */
export async function runMonsters(
  t: TestContext,
  args: readonly string[],
  options: MonstersOptions & { readonly timeoutMs?: number } = {},
): Promise<Run> {
  const run = startMonsters(t, args, options);
  const exit = await within(
    run.exited,
    options.timeoutMs ?? DEFAULT_WAIT_MS,
    `monsters ${args.join(' ')} to exit`,
  );
  return { ...exit, stdout: run.stdout(), stderr: run.stderr() };
}

/** The live processes of process group `pgid`, read from /proc (Linux). */
export function processGroup(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return state !== 'Z' && Number(group) === pgid ? [Number(pid)] : [];
      } catch {
        return []; // it exited while being read
      }
    });
}
