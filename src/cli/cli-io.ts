/** Where a command writes; tests pass buffers, the bin passes the process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stderrIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** A mistake in how a command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** A failure already reported (by a child process): nothing more on stderr, just its exit code. */
export class ReportedFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`exited with code ${exitCode}`);
  }
}

export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  stderrIsTty: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
