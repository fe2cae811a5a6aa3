/**
 * A node:test reporter for test/run-tests.ts: each shard writes, one JSON
 * object a line, when each top-level test starts and ends, what failed, and
 * the run's counts. The runner adds them up over the shards and names what
 * failed or hung. (People read the spec reporter's output, which each shard
 * also prints.)
 */
import { relative } from 'node:path';
import type { TestEvent } from 'node:test/reporters';

export type ShardRecord =
  | { readonly kind: 'started'; readonly file: string; readonly test: string }
  | {
      readonly kind: 'ended';
      readonly file: string;
      readonly test: string;
      readonly durationMs: number;
    }
  | {
      readonly kind: 'failed';
      readonly file: string;
      readonly test: string;
      /** The first line of the error. */
      readonly failure: string;
    }
  | { readonly kind: 'count'; readonly name: string; readonly value: number }
  /** Something node:test said about the whole run, such as a rejection after a test ended. */
  | { readonly kind: 'note'; readonly message: string };

type Failed = Extract<TestEvent, { type: 'test:fail' }>;
type Diagnostic = Extract<TestEvent, { type: 'test:diagnostic' }>;

/** The counts node:test prints at the end of a run ("tests 12", "pass 11", ...). */
const RUN_COUNT = /^(tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/;

function projectPath(file: string | undefined): string {
  return file ? relative(process.cwd(), file) : '(unknown file)';
}

/**
 * A test that failed by itself; not a suite or test that failed only because
 * a subtest did (the subtest is reported), nor a `todo` test, which may fail.
 */
function failureOf({ data }: Failed): ShardRecord | undefined {
  const { error } = data.details;
  const failureType: unknown = (error as { failureType?: unknown }).failureType;
  if (failureType === 'subtestsFailed' || data.todo !== undefined) return undefined;
  const cause: unknown = error.cause;
  const message = cause instanceof Error ? cause.message : error.message;
  const failure = message.split('\n')[0] ?? '';
  return { kind: 'failed', file: projectPath(data.file), test: data.name, failure };
}

/** The run's own diagnostics have no file; a test's diagnostics have one. */
function runDiagnostic({ data }: Diagnostic): ShardRecord | undefined {
  if (data.file || data.nesting !== 0) return undefined;
  const count = RUN_COUNT.exec(data.message);
  if (count) return { kind: 'count', name: count[1] ?? '', value: Number(count[2]) };
  if (data.message.startsWith('duration_ms ')) return undefined;
  return { kind: 'note', message: data.message };
}

function recordsOf(event: TestEvent): ShardRecord[] {
  switch (event.type) {
    case 'test:dequeue': {
      const { nesting, file, name } = event.data;
      return nesting === 0 ? [{ kind: 'started', file: projectPath(file), test: name }] : [];
    }
    case 'test:pass':
    case 'test:fail': {
      const { nesting, file, name, details } = event.data;
      const ended: ShardRecord[] =
        nesting === 0
          ? [
              {
                kind: 'ended',
                file: projectPath(file),
                test: name,
                durationMs: details.duration_ms,
              },
            ]
          : [];
      const failure = event.type === 'test:fail' ? failureOf(event) : undefined;
      return failure ? [...ended, failure] : ended;
    }
    case 'test:diagnostic': {
      const record = runDiagnostic(event);
      return record ? [record] : [];
    }
    default:
      return [];
  }
}

/**
 * Node 22 and later end a run with `test:summary` events (one per file, then
 * the run's) instead of the diagnostics Node 20 prints; `@types/node` 20 does
 * not know them.
 */
interface RunSummary {
  readonly type: 'test:summary';
  readonly data: { readonly counts: Readonly<Record<string, number>> };
}

const SUMMARY_COUNTS: Readonly<Record<string, string>> = {
  tests: 'tests',
  suites: 'suites',
  pass: 'passed',
  fail: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
  todo: 'todo',
};

function isRunSummary(event: { readonly type: string }): event is RunSummary {
  return event.type === 'test:summary';
}

function summaryCounts({ data }: RunSummary): ShardRecord[] {
  return Object.entries(SUMMARY_COUNTS).map(([name, key]) => ({
    kind: 'count',
    name,
    value: data.counts[key] ?? 0,
  }));
}

export default async function* shardReporter(
  source: AsyncIterable<TestEvent>,
): AsyncGenerator<string> {
  let countsPrinted = false;
  let lastSummary: RunSummary | undefined;
  for await (const event of source) {
    if (isRunSummary(event)) lastSummary = event;
    for (const record of recordsOf(event)) {
      if (record.kind === 'count') countsPrinted = true;
      yield `${JSON.stringify(record)}\n`;
    }
  }
  // The last summary is the run's: counted only where no diagnostic gave the counts.
  if (!countsPrinted && lastSummary) {
    for (const record of summaryCounts(lastSummary)) yield `${JSON.stringify(record)}\n`;
  }
}
