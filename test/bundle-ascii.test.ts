import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { asciiSource } from '../scripts/bundle-ascii.mjs';
import { BUNDLE } from './helpers/cli-process.js';

const NON_ASCII = /[^\0-\x7F]/;

/** Evaluates a function body that returns strings and regular expressions. */
function evaluate(body: string): { texts: string[]; patterns: RegExp[] } {
  return new Function(body)() as { texts: string[]; patterns: RegExp[] };
}

test('an escaped source is ASCII and means the same', () => {
  const source = [
    '// a comment — with a dash',
    'const dash = "a — b";',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template literal
    'const texts = [dash, `« ${dash} » 😀`, "\\\\é"];',
    'const patterns = [/[:»—]/, /😀|é/u, /a\\—b/, /\\\\é/];',
    'return { texts, patterns };',
  ].join('\n');
  const escaped = asciiSource(source);
  assert.doesNotMatch(escaped, NON_ASCII);

  const original = evaluate(source);
  const result = evaluate(escaped);
  assert.deepEqual(result.texts, original.texts);
  const samples = ['»', '—', ':', 'x', '😀', 'é', 'a—b', 'ab', '\\é', 'é\\'];
  for (const [index, pattern] of result.patterns.entries()) {
    const expected = original.patterns[index];
    for (const sample of samples) {
      assert.equal(pattern.test(sample), expected?.test(sample), `${expected} on ${sample}`);
    }
  }
});

/**
 * V8 keeps the bundle's text for the server's whole life, in two bytes per
 * character as soon as one character is above U+00FF: twice the memory.
 */
test('the production bundle is ASCII', {
  skip: !existsSync(BUNDLE) && process.env.CI !== 'true' && 'run npm run build first',
}, () => {
  const text = readFileSync(BUNDLE, 'utf8');
  const at = text.search(NON_ASCII);
  assert.equal(at, -1, `non-ASCII ${JSON.stringify(text.slice(at - 40, at + 10))}`);
});
