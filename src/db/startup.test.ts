import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { test } from 'node:test';
import { serverUrl, spawnMonsters } from '../../test/helpers/cli-process.js';

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/** The child's exit, or a failure when it is still running after `ms` (it served instead). */
async function exitWithin(child: ChildProcess, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([exitOf(child), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const lines = (text: string) => text.trim().split('\n').filter(Boolean);

test('sqlite://:memory: serves the demo catalogue from the one database it migrated', async (t) => {
  const child = spawnMonsters(['serve', '--port', '0'], {
    env: { DATABASE_URL: 'sqlite://:memory:' },
  });
  t.after(() => child.kill('SIGKILL'));
  child.stdin?.end();
  const url = await serverUrl(child);

  const monster = await fetch(`${url}/api/monsters/1`);
  assert.equal(monster.status, 200);
  assert.equal(((await monster.json()) as { name: string }).name, 'Cthulhu');
  const added = await fetch(`${url}/api/cart/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ monster_id: 2, quantity: 1 }),
  });
  assert.equal(added.status, 200, 'writes reach the same in-memory database');
  assert.equal((await fetch(`${url}/status`)).status, 200);
});

test('sqlite://:memory: with --workers 2 is refused: one line, exit code 2', async (t) => {
  const child = spawnMonsters(['serve', '--port', '0', '--workers', '2'], {
    env: { DATABASE_URL: 'sqlite://:memory:' },
  });
  t.after(() => child.kill('SIGKILL'));
  child.stdin?.end();
  const { code, stderr } = await exitWithin(child, 30_000);
  assert.equal(code, 2, stderr);
  assert.equal(lines(stderr).length, 1, stderr);
  assert.match(stderr, /^monsters: .*:memory:.*--workers/);
});
