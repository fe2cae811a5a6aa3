// `prestart`: builds only when the bundle is missing or older than a source
// it is built from. A production install (`npm ci --omit=dev`) has no build
// tools: it starts the bundle it was shipped with, or says in one line why it
// cannot start.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundlePath, bundleStaleness, PROJECT_ROOT } from './bundle-freshness.mjs';

const BUILD_TOOLS = ['typescript', 'esbuild'];

function buildToolsInstalled() {
  const require = createRequire(join(PROJECT_ROOT, 'package.json'));
  return BUILD_TOOLS.every((name) => {
    try {
      require.resolve(`${name}/package.json`);
      return true;
    } catch {
      return false;
    }
  });
}

const staleness = bundleStaleness();
if (staleness) {
  if (buildToolsInstalled()) {
    process.stdout.write(`Building the production bundle: ${staleness}.\n`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    process.exitCode = build.status ?? 1;
  } else if (existsSync(bundlePath())) {
    process.stderr.write(
      `monsters: ${staleness}, but the build tools (${BUILD_TOOLS.join(', ')}) are not installed: starting the existing bundle.\n`,
    );
  } else {
    process.stderr.write(
      `monsters: ${staleness} and cannot be built without the dev dependencies (${BUILD_TOOLS.join(', ')}): run \`npm install\` then \`npm start\`.\n`,
    );
    process.exitCode = 1;
  }
}
