const MAX_TARGET_LENGTH = 2048;

/**
 * Printable ASCII without the space: what a `Location` header can carry as
 * is. Node refuses a header value holding a character above U+00FF (it
 * throws ERR_INVALID_CHAR while sending), and anything outside this range
 * would have been percent-encoded by a browser anyway.
 */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** True when `target` can go into a `Location` header unchanged. */
export function isPrintableAscii(target: string): boolean {
  return PRINTABLE_ASCII.test(target);
}

/**
 * Accepts only a same-site relative path (`/cart?x=1`) of printable ASCII
 * as a redirect target: no scheme, no `//host`, no backslash trick, no
 * control or non-ASCII character. Anything else yields `fallback` (the
 * target is never repaired: a mangled `next` is not worth guessing at).
 */
export function safeNextPath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || candidate.length > MAX_TARGET_LENGTH) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
  if (!isPrintableAscii(candidate) || candidate.includes('\\')) return fallback;
  return candidate;
}

/**
 * `encodeURIComponent` for any string: a lone surrogate (possible in a JSON
 * body) becomes U+FFFD instead of throwing a URIError.
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\ufffd'));
}
