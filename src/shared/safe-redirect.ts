/**
 * Accepts only a same-site relative path (`/cart?x=1`) as a redirect target:
 * no scheme, no `//host`, no backslash trick, no control characters
 * (STACK.md gotcha 13). Anything else yields `fallback`.
 */
export function safeNextPath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || candidate.length > 2048) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) {
    return fallback;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback;
  return candidate;
}
