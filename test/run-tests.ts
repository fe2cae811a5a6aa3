/**
 * `npm test`: every *.test.ts(x) file under src/ and test/ (browser tests
 * with --browser), on SQLite and on PostgreSQL. Without TEST_DATABASE_URL a
 * throwaway PostgreSQL cluster is started for the run and stopped after it.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
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
