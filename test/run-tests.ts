/**
 * `npm test`: every *.test.ts(x) file under src/ and test/ (browser tests
 * with --browser), on SQLite and on PostgreSQL. Without TEST_DATABASE_URL a
 * throwaway PostgreSQL cluster is started for the run and stopped after it.
 * The tests that run the `monsters` bin run the production bundle: it is
 * rebuilt first when a source changed after the last build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { bundleStaleness } from './helpers/bundle-freshness.js';
import { type PostgresCluster, startPostgresCluster } from './helpers/postgres-cluster.js';

const root = join(import.meta.dirname, '..');
const browser = process.argv.includes('--browser');

function testFiles(): string[] {
  const folders = browser ? ['test/browser'] : ['src', 'test'];
  return folders
    .flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) =>
        join(folder, file),
      ),
    )
    .filter((file) => /\.test\.tsx?$/.test(file))
    .filter((file) => browser || !file.startsWith(`test${sep}browser${sep}`))
    .sort();
}

// Once, before any test file runs: no test ever sees a half-written bundle.
const staleness = bundleStaleness();
if (staleness) {
  process.stdout.write(`Building the production bundle: ${staleness}.\n`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('npm run build failed: the tests need the production bundle\n');
    process.exit(1);
  }
}

let cluster: PostgresCluster | undefined;
const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  cluster = await startPostgresCluster();
  env.TEST_DATABASE_URL = cluster.url;
}

const files = testFiles();
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${browser ? 1 : 3}`,
    '--test-timeout=300000',
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
const stopCluster = () => cluster?.stop();
process.on('SIGINT', () => child.kill('SIGINT'));
child.on('exit', (code, signal) => {
  stopCluster();
  process.exitCode = code ?? (signal ? 1 : 0);
});
