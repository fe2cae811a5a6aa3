import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

/**
 * The layout's rules (docs/architecture.md "Boundaries"), checked on every
 * source file: a feature shows one face, its `index.ts`, and cross-cutting
 * code (plugins, shared, views, db, i18n, config) imports no feature.
 */

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

const sourceFiles = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .map((file) => join(src, file));

const IMPORT = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g;

/** The source files a file imports, as paths relative to src/ (`features/cart/index.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? '')
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) =>
      relative(src, resolve(dirname(file), specifier))
        .replace(/\.js$/, '.ts')
        .split(sep)
        .join('/'),
    );
}

const featureOf = (path: string) => /^features\/([^/]+)\//.exec(path)?.[1];
const isFeatureFace = (path: string) => /^features\/[^/]+\/index\.tsx?$/.test(path);
const CROSS_CUTTING = ['plugins/', 'shared/', 'views/', 'db/', 'i18n/', 'config/'];

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles) {
    const from = relative(src, file).split(sep).join('/');
    for (const target of importsOf(file)) {
      const targetFeature = featureOf(target);
      if (targetFeature === undefined) continue;
      if (CROSS_CUTTING.some((folder) => from.startsWith(folder))) {
        found.push(`${from} imports the feature file ${target}`);
      } else if (featureOf(from) !== targetFeature && !isFeatureFace(target)) {
        found.push(`${from} reaches into ${target} (import features/${targetFeature}/index.js)`);
      }
    }
  }
  return found;
}

test('features import each other only through index.ts, and cross-cutting code no feature', () => {
  assert.deepEqual(violations(), []);
});

test('the boundary check sees the imports it judges', () => {
  const buildApp = join(src, 'server', 'build-app.ts');
  assert.ok(
    importsOf(buildApp).some((path) => path.startsWith('features/')),
    'build-app.ts registers the features: the import scan must find them',
  );
});

test('every feature folder shows its face', () => {
  const features = readdirSync(join(src, 'features'));
  const faceless = features.filter(
    (feature) => !readdirSync(join(src, 'features', feature)).includes('index.ts'),
  );
  assert.deepEqual(faceless, []);
});
