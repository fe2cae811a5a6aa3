import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase, type Engine, testEngines } from './helpers/databases.js';
import { startServer, waitUntil } from './helpers/monsters-process.js';

const PER_IP = 6;
const REAL_PROCESS = { timeout: 120_000 };

/** A database URL of the engine that the test drops afterwards. */
async function databaseUrl(t: test.TestContext, engine: Engine): Promise<string> {
  if (engine === 'sqlite') return 'sqlite:///data/halloween.db';
  const database = await createTestDatabase('postgres');
  t.after(() => database.destroy());
  return (database.config as { url: string }).url;
}

/**
 * One wrong password per new connection (`Connection: close`), so the
 * primary hands the attempts to its workers in turn; the per-account limit
 * never fires (another address each time). Returns the number of the first
 * attempt answered 429, with its Retry-After.
 */
async function firstRefusedAttempt(url: string, attempts: number) {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const answer = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ email: `nobody${attempt}@limits.test`, password: 'wrong-password' }),
      signal: AbortSignal.timeout(15_000),
    });
    await answer.arrayBuffer();
    if (answer.status === 429) return { attempt, retryAfter: answer.headers.get('retry-after') };
    assert.equal(answer.status, 401, `attempt ${attempt}`);
  }
  return { attempt: undefined, retryAfter: null };
}

for (const engine of testEngines()) {
  test(
    `serve --workers 2 on ${engine}: the purges run once, the per-IP limit answers 429 at the configured count + 1`,
    REAL_PROCESS,
    async (t) => {
      const server = await startServer(t, ['--workers', '2'], {
        env: {
          DATABASE_URL: await databaseUrl(t, engine),
          LOG_LEVEL: 'info',
          SIGNIN_ATTEMPTS_PER_IP: String(PER_IP),
        },
      });
      const listening = () => (server.stdout().match(/"msg":"listening on/g) ?? []).length;
      await waitUntil(() => listening() === 2, 15_000, 'two listening workers');
      // Each worker tried both purges when it became ready: one won each.
      for (const task of ['session-purge', 'rate-limit-purge']) {
        const runs = server
          .stdout()
          .split('\n')
          .filter((line) => line.includes(`"task":"${task}"`) && line.includes('cluster task ran'));
        assert.equal(runs.length, 1, `${task} ran once: ${server.stdout()}`);
      }

      const refused = await firstRefusedAttempt(server.url, PER_IP * 2 + 2);
      assert.equal(refused.attempt, PER_IP + 1, server.stderr());
      assert.ok(Number(refused.retryAfter) > 0, 'the 429 says when to retry');
    },
  );
}
