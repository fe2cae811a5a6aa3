/**
 * Reading the runnable blocks of docs/course.md and comparing what they print
 * with what the guide shows. The conventions are the guide's own (its
 * "How to read this guide" section): a ```console block holds `$ command`
 * lines, each followed by the output it prints; placeholders such as
 * `<token>` stand for what changes from one run to the next.
 */

export type Engine = 'sqlite' | 'postgres';

export interface GuideCommand {
  /** The command as the guide writes it (continuation lines joined). */
  readonly command: string;
  /** The lines the guide shows after it. */
  readonly expected: readonly string[];
  /** Where it is in the guide, for failure messages. */
  readonly line: number;
  /** The heading of the section it belongs to. */
  readonly section: string;
  /** The line of its block's opening fence: commands of one block share it. */
  readonly blockLine: number;
  /** The one engine whose pass runs it (its block says so, or its client does), or null for both. */
  readonly engine: Engine | null;
}

/** The info string of the runnable blocks; any other fenced block is only read. */
export const RUNNABLE_INFO = 'console';

/**
 * Every `$ command` of every ```console block, in the guide's order. A block
 * whose info string names an engine (```console postgres) runs in that
 * engine's pass only.
 */
export function guideCommands(markdown: string): GuideCommand[] {
  const lines = markdown.split('\n');
  const commands: GuideCommand[] = [];
  let section = '';
  let block: { fence: string; runnable: boolean; engine: Engine | null; line: number } | null =
    null;
  let current: (Omit<GuideCommand, 'expected'> & { expected: string[] }) | null = null;
  const flush = () => {
    if (current) commands.push({ ...current, expected: trimTrailingBlank(current.expected) });
    current = null;
  };
  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index] ?? '';
    if (block === null) {
      const heading = /^#{1,6}\s+(.*)$/.exec(text);
      if (heading) section = heading[1] ?? '';
      const opening = /^(`{3,})\s*(\S*)\s*(\S*)/.exec(text);
      if (opening) {
        const engine = opening[3];
        block = {
          fence: opening[1] ?? '```',
          runnable: opening[2] === RUNNABLE_INFO,
          engine: engine === 'sqlite' || engine === 'postgres' ? engine : null,
          line: index + 1,
        };
      }
      continue;
    }
    if (text.trim() === block.fence) {
      block = null;
      flush();
      continue;
    }
    if (!block.runnable) continue;
    if (text.startsWith('$ ')) {
      flush();
      let command = text.slice(2);
      const line = index + 1;
      while (command.endsWith('\\') && index + 1 < lines.length) {
        index += 1;
        command = `${command.slice(0, -1)}\n${lines[index] ?? ''}`;
      }
      current = {
        command,
        expected: [],
        line,
        section,
        blockLine: block.line,
        engine: block.engine ?? engineOf(command),
      };
    } else if (current) {
      current.expected.push(text);
    } else if (text.trim() !== '') {
      throw new Error(`docs/course.md:${index + 1}: a console block must start with "$ "`);
    }
  }
  if (block !== null) throw new Error('docs/course.md: a fenced block is never closed');
  return commands;
}

function trimTrailingBlank(lines: string[]): string[] {
  const copy = [...lines];
  while (copy.length > 0 && copy[copy.length - 1]?.trim() === '') copy.pop();
  return copy;
}

/** A command for one engine's client runs only in that engine's pass. */
function engineOf(command: string): Engine | null {
  if (/^sqlite3\s/.test(command)) return 'sqlite';
  if (/^psql\s/.test(command)) return 'postgres';
  return null;
}

/**
 * What each placeholder of the guide stands for. A line made of `…` alone
 * stands for any number of lines (none included).
 */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '<token>': '[A-Za-z0-9_%.~+/=-]+',
  '<sha256>': '[0-9a-f]{64}',
  '<request-id>': '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '<date>':
    '(?:\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d(?::?\\d\\d)?)?|[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT)',
  '<n>': '\\d+',
  '<any>': '.*',
};

const ANY_LINES = '…';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One expected line as a pattern: literal text, placeholders as their patterns. */
function linePattern(expected: string): RegExp {
  const names = Object.keys(PLACEHOLDERS).map(escapeRegExp).join('|');
  const parts = expected.split(new RegExp(`(${names})`));
  const body = parts.map((part) => PLACEHOLDERS[part] ?? escapeRegExp(part)).join('');
  return new RegExp(`^${body}$`);
}

/** Whether `actual` (lines printed, trailing blanks ignored) is what the guide shows. */
export function outputMatches(expected: readonly string[], actual: readonly string[]): boolean {
  const got = trimTrailingBlank([...actual]).map((line) => line.trimEnd());
  const want = expected.map((line) => line.trimEnd());
  const match = (w: number, g: number): boolean => {
    if (w === want.length) return g === got.length;
    const line = want[w] ?? '';
    if (line === ANY_LINES) {
      for (let skip = g; skip <= got.length; skip += 1) if (match(w + 1, skip)) return true;
      return false;
    }
    return g < got.length && linePattern(line).test(got[g] ?? '') && match(w + 1, g + 1);
  };
  return match(0, 0);
}
