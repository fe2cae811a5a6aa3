import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

/**
 * The layout's rules (docs/architecture.md "Boundaries"), checked on every
 * source file: a feature shows one face, its `index.ts`; features depend on
 * each other in one direction; cross-cutting code (plugins, shared, views,
 * db, i18n, config) imports no feature.
 */

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const allFiles = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => join(src, file));
const sourceFiles = allFiles.filter((file) => !isTest(file));

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

/**
 * Tests follow the same rules, except that a test of cross-cutting code may
 * drive a feature through its face (a plugin's test creating a user).
 */
function violations(): string[] {
  const found: string[] = [];
  for (const file of allFiles) {
    const from = relative(src, file).split(sep).join('/');
    for (const target of importsOf(file)) {
      const targetFeature = featureOf(target);
      if (targetFeature === undefined) continue;
      if (CROSS_CUTTING.some((folder) => from.startsWith(folder))) {
        if (isTest(file) && isFeatureFace(target)) continue;
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

/** Which features each feature imports. */
function featureGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles) {
    const from = featureOf(relative(src, file).split(sep).join('/'));
    if (from === undefined) continue;
    const targets = graph.get(from) ?? new Set<string>();
    for (const target of importsOf(file).map(featureOf)) {
      if (target !== undefined && target !== from) targets.add(target);
    }
    graph.set(from, targets);
  }
  return graph;
}

/** Every cycle of the graph, as `a → b → a`, found by a depth-first walk. */
function cyclesOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const walk = (node: string, path: readonly string[]) => {
    if (path.includes(node)) {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
      return;
    }
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) walk(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) walk(node, []);
  return cycles;
}

test('features depend on each other in one direction: no cycle', () => {
  assert.deepEqual(cyclesOf(featureGraph()), []);
});

test('the cycle check finds a cycle', () => {
  const graph = new Map([
    ['cart', new Set(['catalogue'])],
    ['catalogue', new Set(['cart'])],
  ]);
  assert.deepEqual(cyclesOf(graph), ['cart → catalogue → cart']);
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

/** Source files of the app, its tests and its benchmark that load a value from `better-sqlite3`. */
function driverValueImports(): string[] {
  const files = ['src', 'test', 'bench'].flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(tsx?|mjs)$/.test(file) && !file.includes('node_modules'))
      .map((file) => join(root, folder, file)),
  );
  return files
    .filter((file) =>
      /^\s*import\s+(?!type\b)[^;]*from\s+'better-sqlite3'/m.test(readFileSync(file, 'utf8')),
    )
    .map((file) => relative(root, file));
}

test('only src/db/sqlite-native.ts chooses the SQLite driver (docs/decisions/016-node-runtimes.md)', () => {
  assert.deepEqual(driverValueImports(), []);
});
