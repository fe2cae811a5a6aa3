/**
 * `--only a,b` or `--only=a,b`: the parts of a benchmark to run, among
 * `allowed` (undefined: all of them). A wrong list is one line and exit 2.
 */
export function parseOnly<Key extends string>(
  command: string,
  args: readonly string[],
  allowed: readonly Key[],
): ReadonlySet<Key> | undefined {
  const index = args.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index === -1) return undefined;
  const arg = args[index] as string;
  const list = arg.startsWith('--only=') ? arg.slice('--only='.length) : (args[index + 1] ?? '');
  const keys = list
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const unknown = keys.filter((key) => !(allowed as readonly string[]).includes(key));
  if (keys.length === 0 || unknown.length > 0) {
    const named = unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : '';
    console.error(
      `${command}: --only takes a comma-separated list of ${allowed.join(', ')}${named}`,
    );
    process.exit(2);
  }
  return new Set(keys as Key[]);
}
