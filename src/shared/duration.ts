const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * Parses a human duration such as `30m`, `12h`, `7d`, `45s` or a bare number
 * of seconds. Returns the number of seconds, or `undefined` when the text is
 * not a positive whole duration.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  const seconds = Number(amount) * UNIT_SECONDS[(unit || 's') as keyof typeof UNIT_SECONDS];
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : undefined;
}
