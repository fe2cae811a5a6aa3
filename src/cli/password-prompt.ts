import { createInterface } from 'node:readline';
import { UsageError } from './cli-io.js';

/** Reads the first line of a piped stdin (`echo secret | monsters user add …`). */
export async function readPasswordLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new UsageError(
    'no password on standard input: pipe one line, or run in a terminal to be prompted',
  );
}

/** Asks for a password on a terminal without echoing it. */
function askHidden(
  question: string,
  stdin: NodeJS.ReadableStream,
  write: (text: string) => void,
): Promise<string> {
  const prompt = createInterface({ input: stdin, output: process.stderr, terminal: true });
  const muted = prompt as unknown as { _writeToOutput: (text: string) => void };
  write(question);
  muted._writeToOutput = () => {};
  return new Promise((resolve) => {
    prompt.question('', (answer) => {
      prompt.close();
      write('\n');
      resolve(answer);
    });
  });
}

/** Prompts twice and insists both entries match (docs/requirements.md §2). */
export async function promptNewPassword(
  stdin: NodeJS.ReadableStream,
  write: (text: string) => void,
): Promise<string> {
  const first = await askHidden('Password: ', stdin, write);
  const second = await askHidden('Repeat the password: ', stdin, write);
  if (first !== second) throw new UsageError('the two passwords differ: nothing was created');
  return first;
}
