import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/shared/project.js';
import { BUNDLE } from './cli-process.js';

/** The files the bundle is built from (tests excluded: editing a test needs no rebuild). */
function bundleInputs(): string[] {
  const sources = readdirSync(join(PROJECT_ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(PROJECT_ROOT, 'src', file));
  return [
    ...sources,
    join(PROJECT_ROOT, 'package.json'),
    join(PROJECT_ROOT, 'tsconfig.json'),
    join(PROJECT_ROOT, 'tsconfig.build.json'),
    join(PROJECT_ROOT, 'scripts', 'bundle.mjs'),
  ];
}

/**
 * Why the production bundle cannot be trusted to hold the current sources
 * (missing, or older than one of them), or undefined when it is up to date.
 */
export function bundleStaleness(): string | undefined {
  if (!existsSync(BUNDLE)) return 'dist/bundle/monsters.mjs is missing';
  const builtAt = statSync(BUNDLE).mtimeMs;
  const newer = bundleInputs().find((file) => existsSync(file) && statSync(file).mtimeMs > builtAt);
  return newer && `${newer.slice(PROJECT_ROOT.length + 1)} changed after the last build`;
}
