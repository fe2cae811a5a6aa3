import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { PROJECT_ROOT } from '../../src/shared/project.js';

const MAIN = join(PROJECT_ROOT, 'src', 'main.ts');
const TSX = import.meta.resolve('tsx');
export const CLI_SECRET = 'cli-test-secret-key-of-at-least-32-bytes';

/** What `npm start` and the `monsters` bin run, once built. */
export const BUNDLE = join(PROJECT_ROOT, 'dist', 'bundle', 'monsters.mjs');

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Run the built bundle instead of the TypeScript sources. */
  readonly bundle?: boolean;
}

/** The real `monsters` command in its own process, from a temporary folder by default. */
export function spawnMonsters(args: readonly string[], options: CliOptions = {}): ChildProcess {
  const entry = options.bundle ? [BUNDLE] : ['--import', TSX, MAIN];
  return spawn(process.execPath, [...entry, ...args], {
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'monsters-cli-')),
    env: {
      PATH: process.env.PATH ?? '',
      // The CLI runs from a temporary folder: tell tsx where the project's JSX settings are.
      TSX_TSCONFIG_PATH: join(PROJECT_ROOT, 'tsconfig.json'),
      SECRET_KEY: CLI_SECRET,
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export interface MonstersRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `monsters ARGS` in its own process until it ends, with nothing on
 * stdin; killed if the test ends first.
 */
export function runMonsters(
  t: TestContext,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<MonstersRun> {
  const child = spawnMonsters(args, { env });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child.stdin?.end();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the URL `serve` prints once it listens; collects stdout into `output.text`. */
export function serverUrl(
  child: ChildProcess,
  output: { text: string } = { text: '' },
): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output.text += chunk;
      const match = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.text);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
}
