import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from './helpers/monsters-process.js';

const SQLITE = { DATABASE_URL: 'sqlite:///data/halloween.db' };
const PER_IP = 6;
const REAL_PROCESS = { timeout: 120_000 };

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

test(
  'serve --workers 2: the per-IP sign-in limit answers 429 at the configured count + 1, not twice it',
  REAL_PROCESS,
  async (t) => {
    const server = await startServer(t, ['--workers', '2'], {
      env: { ...SQLITE, LOG_LEVEL: 'info', SIGNIN_ATTEMPTS_PER_IP: String(PER_IP) },
    });
    const listening = () => (server.stdout().match(/"msg":"listening on/g) ?? []).length;
    for (let wait = 0; wait < 750 && listening() < 2; wait += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(listening(), 2, 'two workers listen');

    const refused = await firstRefusedAttempt(server.url, PER_IP * 2 + 2);
    assert.equal(refused.attempt, PER_IP + 1, server.stderr());
    assert.ok(Number(refused.retryAfter) > 0, 'the 429 says when to retry');
  },
);
