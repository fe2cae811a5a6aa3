/**
 * French typography: a no-break space before `: ; ! ? »` and after `«`, so
 * that a sign never starts a line on its own. The narrow one (U+202F) goes
 * before `; ! ?`, the full one (U+00A0) before `:` and `»` and after `«`, as
 * the Imprimerie nationale's rules say.
 *
 * Only a space already written becomes a no-break one: nothing is added, so
 * an address (`https://…?q=`), a time (`10:30`) or an English name typed by a
 * visitor (`Hello Ada!`) come out unchanged.
 */
const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

export function frenchTypography(text: string): string {
  return text
    .replaceAll(/ (?=[;!?])/g, NARROW_NBSP)
    .replaceAll(/ (?=[:»])/g, NBSP)
    .replaceAll('« ', `«${NBSP}`);
}

/**
 * A whole catalogue of French texts with its typography applied once, when
 * the catalogue is defined: plain texts now, and the result of each text
 * that takes parameters (`(name) => …`) every time it is said.
 */
export function typesetFrench<T>(texts: T): T {
  return typeset(texts) as T;
}

function typeset(value: unknown): unknown {
  if (typeof value === 'string') return frenchTypography(value);
  if (typeof value === 'function') {
    const say = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => typeset(say(...args));
  }
  if (Array.isArray(value)) return value.map(typeset);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, typeset(inner)]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
