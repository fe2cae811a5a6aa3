// Pure functions: statistics, targets, and the one results table (markdown,
// printed as is and saved under bench/results/).

export interface Target {
  readonly op: '>=' | '<=' | '<';
  readonly value: number;
  readonly unit?: string;
}

export interface Row {
  readonly scenario: string;
  readonly rps?: number | undefined;
  readonly p50Ms?: number | undefined;
  readonly p99Ms?: number | undefined;
  readonly cpuUsPerRequest?: number | undefined;
  readonly rssMb?: number | undefined;
  /** Median of the per-round ratios (throughput, or p50 latency for the scale rows). */
  readonly ratio?: number | undefined;
  /** Min and max of those per-round ratios. */
  readonly ratioRange?: readonly [number, number] | undefined;
  /** The same ratio computed from server CPU µs per request, round by round. */
  readonly cpuRatio?: number | undefined;
  readonly cpuRatioRange?: readonly [number, number] | undefined;
  /** Both ratios are judged against it: the row passes only when both meet it. */
  readonly target?: Target | undefined;
  /** The value compared with the target (a ratio, milliseconds, megabytes). */
  readonly measured?: number | undefined;
  /** Set when the row could not be measured: "route not built yet", an error. */
  readonly unavailable?: string | undefined;
  readonly notes?: readonly string[] | undefined;
  /** Raw load results per round, for the JSON file only. */
  readonly rounds?: readonly unknown[] | undefined;
}

export interface Report {
  readonly title: string;
  readonly facts: readonly string[];
  readonly rows: readonly Row[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The per-round ratios a[i] ÷ b[i]: noise shared by a round cancels out. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  return a.flatMap((value, index) => {
    const other = b[index];
    return other !== undefined && other > 0 && Number.isFinite(value) ? [value / other] : [];
  });
}

/** Median of the per-round ratios a[i] ÷ b[i]. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(pairedRatios(a, b));
}

/** The median and the range (min–max) of per-round ratios, as Row fields. */
export function ratioFields(ratios: readonly number[]): {
  ratio: number;
  ratioRange: readonly [number, number] | undefined;
} {
  return { ratio: median(ratios), ratioRange: rangeOf(ratios) };
}

export function cpuRatioFields(ratios: readonly number[]): {
  cpuRatio: number;
  cpuRatioRange: readonly [number, number] | undefined;
} {
  return { cpuRatio: median(ratios), cpuRatioRange: rangeOf(ratios) };
}

function rangeOf(values: readonly number[]): readonly [number, number] | undefined {
  return values.length > 0 ? [Math.min(...values), Math.max(...values)] : undefined;
}

export function meets(target: Target, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (target.op === '>=') return value >= target.value;
  if (target.op === '<=') return value <= target.value;
  return value < target.value;
}

export function formatTarget(target: Target): string {
  const op = { '>=': '≥', '<=': '≤', '<': '<' }[target.op];
  return `${op} ${target.value}${target.unit ? ` ${target.unit}` : ''}`;
}

/** PASS only when the measured value and, when there is one, the CPU ratio both meet the target. */
export function verdict(row: Row): string {
  if (row.unavailable !== undefined) return row.target ? 'n/a' : '';
  if (!row.target) return '';
  if (row.measured === undefined) return 'n/a';
  const cpuMeets = row.cpuRatio === undefined || meets(row.target, row.cpuRatio);
  return meets(row.target, row.measured) && cpuMeets ? 'PASS' : 'FAIL';
}

const COLUMNS = [
  'scenario',
  'req/s',
  'p50 ms',
  'p99 ms',
  'server CPU µs/req',
  'RSS MB',
  'ratio (min–max)',
  'CPU ratio (min–max)',
  'target',
  'result',
] as const;

const fixed = (digits: number) => (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '' : value.toFixed(digits);
const integer = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '' : Math.round(value).toLocaleString('en');

/** `0.81 (0.78–0.84)`; the median alone when there was one round. */
function withRange(
  value: number | undefined,
  range: readonly [number, number] | undefined,
): string {
  const text = fixed(2)(value);
  if (!text || !range || range[0] === range[1]) return text;
  return `${text} (${range[0].toFixed(2)}–${range[1].toFixed(2)})`;
}

/** The cells of one row, in COLUMNS order; a footnote marker links the row to its notes. */
export function cells(row: Row, footnote?: number): string[] {
  const name = footnote === undefined ? row.scenario : `${row.scenario} [${footnote}]`;
  if (row.unavailable !== undefined) {
    return [
      name,
      `n/a (${row.unavailable})`,
      '',
      '',
      '',
      '',
      '',
      '',
      row.target ? formatTarget(row.target) : '',
      verdict(row),
    ];
  }
  return [
    name,
    integer(row.rps),
    fixed(2)(row.p50Ms),
    fixed(2)(row.p99Ms),
    integer(row.cpuUsPerRequest),
    fixed(1)(row.rssMb),
    withRange(row.ratio, row.ratioRange),
    withRange(row.cpuRatio, row.cpuRatioRange),
    row.target ? formatTarget(row.target) : '',
    verdict(row),
  ];
}

/** A markdown table whose columns are padded, so it reads as well in a terminal. */
export function markdownTable(header: readonly string[], body: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => (line[column] ?? '').length)),
  );
  const numeric = header.map(
    (_, column) => column > 0 && body.every((line) => /^[-\d.,]*$/.test(line[column] ?? '')),
  );
  const pad = (text: string, column: number) =>
    numeric[column] ? text.padStart(widths[column] ?? 0) : text.padEnd(widths[column] ?? 0);
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => pad(value, column)).join(' | ')} |`;
  const rule = `|${widths
    .map((width, column) => (numeric[column] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2)))
    .join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function formatReport(report: Report): string {
  const notes: string[] = [];
  const body = report.rows.map((row) => {
    if (!row.notes?.length) return cells(row);
    notes.push(row.notes.join(' '));
    return cells(row, notes.length);
  });
  return [
    `# ${report.title}`,
    '',
    ...report.facts.map((fact) => `- ${fact}`),
    '',
    markdownTable(COLUMNS, body),
    '',
    ...notes.map((note, index) => `[${index + 1}] ${note}`),
    '',
  ].join('\n');
}

/** `2026-11-25T20-55-57Z`: sortable, and valid in a file name everywhere. */
export function timestampForFile(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}
