import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { startServer } from '../../test/helpers/monsters-process.js';

const lines = (text: string) => text.trim().split('\n').filter(Boolean);

test('sqlite://:memory: serves the demo catalogue from the one database it migrated', {
  timeout: 120_000,
}, async (t) => {
  // Serving needs a process of its own: the bundle, killed when the test ends.
  const { url } = await startServer(t, [], { env: { DATABASE_URL: 'sqlite://:memory:' } });

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

test('sqlite://:memory: with --workers 2 is refused: one line, exit code 2', async () => {
  const { code, stderr } = await runCliInProcess(['serve', '--port', '0', '--workers', '2'], {
    env: { DATABASE_URL: 'sqlite://:memory:' },
  });
  assert.equal(code, 2, stderr);
  assert.equal(lines(stderr).length, 1, stderr);
  assert.match(stderr, /^monsters: .*:memory:.*--workers/);
});

test('production never serves a new, empty SQLite file: one line, exit code 1, nothing created', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'monsters-startup-'));
  const missing = join(folder, 'releases', 'v2', 'data', 'halloween.db');
  try {
    const { code, stderr } = await runCliInProcess(['serve', '--port', '0'], {
      env: { NODE_ENV: 'production', DATABASE_URL: `sqlite:///${missing}` },
    });
    assert.equal(code, 1, stderr);
    assert.equal(lines(stderr).length, 1, stderr);
    assert.match(
      stderr,
      /^monsters: .*there is no database at .*releases\/v2\/data\/halloween\.db, and NODE_ENV=production never serves a new, empty one: create it with `monsters db migrate`/,
    );
    assert.equal(existsSync(join(folder, 'releases')), false, 'no folder made either');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('db migrate says when it sets up a new, empty database, and only then', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'monsters-startup-'));
  const file = join(folder, 'shop.db');
  try {
    const env = { DATABASE_URL: `sqlite:///${file}` };
    const first = await runCliInProcess(['db', 'migrate'], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      new RegExp(`^set up a new, empty database: ${file}\\napplied 0001-initial-schema`),
    );

    const again = await runCliInProcess(['db', 'migrate'], { env });
    assert.equal(again.stdout, 'already up to date\n');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
