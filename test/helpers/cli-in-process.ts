import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import { CLI_SECRET } from './cli-process.js';

export interface CliRun {
  /** What the bin would exit with. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** The working folder; a new temporary one by default. */
  readonly cwd?: string;
  /** Added to (or replacing) a test secret key and silent logs. */
  readonly env?: Record<string, string>;
  /** What the command reads on stdin. */
  readonly input?: string;
}

/**
 * Runs one `monsters` command in this process, as the bin does (`runCli`)
 * but with buffers for its streams and its own environment and folder: no
 * process start-up per command. A command that keeps serving ends its process
 * when stopped: only commands that finish (or fail to start) run here; the
 * rest run the bundle in a process (test/helpers/monsters-process.ts).
 */
export async function runCliInProcess(
  args: readonly string[],
  options: CliRunOptions = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: Readable.from(options.input ? [Buffer.from(options.input)] : []),
    stderrIsTty: false,
    env: { SECRET_KEY: CLI_SECRET, LOG_LEVEL: 'silent', ...options.env },
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'monsters-cli-')),
  });
  return { code, stdout, stderr };
}
