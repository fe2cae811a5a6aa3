import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { API_PREFIX } from '../src/shared/negotiation.js';
import { SITE_PATHS } from '../src/shared/site-paths.js';
import { UPLOADS_URL_PREFIX } from '../src/shared/uploaded-pictures.js';

/**
 * A path is written once (docs/architecture.md "Messages and paths"): the
 * URL table's paths, the API prefix and the uploads' folder are string
 * literals only where they are defined; everything else builds on the
 * constant, so moving a page is a one-line change.
 */

const src = join(import.meta.dirname, '..', 'src');

/** Each path, and the one file that may spell it out. */
const DEFINED_IN: ReadonlyArray<readonly [string, string]> = [
  // The front page's `/` is every other path's first character: not checked.
  ...Object.values(SITE_PATHS)
    .filter((path) => path !== SITE_PATHS.home)
    .map((path) => [path, 'shared/site-paths.ts'] as const),
  [API_PREFIX, 'shared/negotiation.ts'],
  [UPLOADS_URL_PREFIX.replace(/\/$/, ''), 'shared/uploaded-pictures.ts'],
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The code of a file without its comments, which may show example URLs. */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** `'/login'`, `"/login?x"`, `` `/login/${…}` ``: the path opening a string literal. */
const literalOf = (path: string) => new RegExp(`['"\`]${escapeRegExp(path)}(?=['"\`/?$])`);

function literalPaths(): string[] {
  const found: string[] = [];
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file),
  );
  for (const file of files) {
    const name = relative(src, join(src, file)).split(sep).join('/');
    const code = withoutComments(readFileSync(join(src, file), 'utf8'));
    for (const [path, home] of DEFINED_IN) {
      if (name !== home && literalOf(path).test(code)) found.push(`${name} writes '${path}'`);
    }
  }
  return found;
}

test('no source file spells out a path of the URL table, the API prefix or the uploads folder', () => {
  assert.deepEqual(literalPaths(), []);
});

test('the literal check sees a path written in code, and not in a comment', () => {
  assert.ok(literalOf('/login').test(withoutComments("return back === '' ? '/login' : x;")));
  assert.ok(literalOf('/monsters').test(withoutComments('const route = `/monsters/:id`;')));
  assert.ok(!literalOf('/monsters').test(withoutComments('/** `/monsters?category=x` */')));
  assert.ok(!literalOf('/account').test(withoutComments("const a = '/accounts';")));
});
