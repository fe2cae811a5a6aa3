// The one definition of "the production bundle is stale", shared by
// `npm start` (scripts/build-if-stale.mjs) and the test runner.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const PROJECT_ROOT = join(import.meta.dirname, '..');

/** The bundle `npm start` runs, under `root`. */
export function bundlePath(root = PROJECT_ROOT) {
  return join(root, 'dist', 'bundle', 'monsters.mjs');
}

/** The files the bundle is built from (tests excluded: editing a test needs no rebuild). */
function bundleInputs(root) {
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(tsx?|json)$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(root, 'src', file));
  return [
    ...sources,
    join(root, 'package.json'),
    join(root, 'tsconfig.json'),
    join(root, 'tsconfig.build.json'),
    join(root, 'scripts', 'clean-dist.mjs'),
    join(root, 'scripts', 'bundle.mjs'),
  ];
}

/**
 * Why the production bundle under `root` cannot be trusted to hold the current
 * sources (missing, or older than one of them), or undefined when it is up to date.
 *
 * @param {string} [root]
 * @returns {string | undefined}
 */
export function bundleStaleness(root = PROJECT_ROOT) {
  const bundle = bundlePath(root);
  if (!existsSync(bundle)) return 'dist/bundle/monsters.mjs is missing';
  const builtAt = statSync(bundle).mtimeMs;
  const newer = bundleInputs(root).find(
    (file) => existsSync(file) && statSync(file).mtimeMs > builtAt,
  );
  return newer && `${relative(root, newer)} changed after the last build`;
}
