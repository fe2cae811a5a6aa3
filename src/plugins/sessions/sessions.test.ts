import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import { migrateToLatest } from '../../db/migrator.js';
import { cookieSessionStore, MAX_COOKIE_BYTES } from './cookie-store.js';
import { databaseSessionStore, sessionIdOf } from './database-store.js';
import { SealedBox } from './sealed-box.js';
import { EMPTY_STATE, Session, SessionTooLargeError } from './session.js';
import { ABSOLUTE_LIFETIME_MS, expiryOf } from './session-store.js';

const DAY = 86_400_000;
const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);

describe('SealedBox', () => {
  test('opens what it sealed, and after a key rotation still opens the old cookies', () => {
    const old = new SealedBox([KEY_A], 'test');
    const sealed = old.seal('{"cart":{"1":2}}');
    assert.equal(old.open(sealed), '{"cart":{"1":2}}');
    const rotated = new SealedBox([KEY_B, KEY_A], 'test');
    assert.equal(rotated.open(sealed), '{"cart":{"1":2}}');
    assert.notEqual(rotated.seal('x').slice(0, 20), old.seal('x').slice(0, 20));
    assert.equal(
      new SealedBox([KEY_B], 'test').open(sealed),
      undefined,
      'a foreign key opens nothing',
    );
    assert.equal(
      new SealedBox([KEY_A], 'other purpose').open(sealed),
      undefined,
      'keys are derived per purpose',
    );
  });

  test('refuses tampered and truncated values', () => {
    const box = new SealedBox([KEY_A], 'test');
    const sealed = box.seal('hello');
    const tampered = `${sealed.slice(0, 5)}${sealed[5] === 'A' ? 'B' : 'A'}${sealed.slice(6)}`;
    for (const bad of [tampered, sealed.slice(0, -2), '', 'not base64 at all!'])
      assert.equal(box.open(bad), undefined);
  });
});

describe('session expiry', () => {
  test('slides with activity but never past 30 days after sign-in', () => {
    const now = Date.UTC(2026, 0, 31);
    assert.equal(expiryOf(EMPTY_STATE, now, 7 * DAY), now + 7 * DAY);
    const signedInLongAgo = { ...EMPTY_STATE, userId: 1, authenticatedAt: now - 28 * DAY };
    assert.equal(expiryOf(signedInLongAgo, now, 7 * DAY), now - 28 * DAY + ABSOLUTE_LIFETIME_MS);
  });
});

describe('cookie store', () => {
  test('a change that would outgrow 4096 bytes is refused and the previous data stays', async (t) => {
    const database = await createTestDatabase('sqlite');
    t.after(() => database.destroy());
    const store = cookieSessionStore(database.handle.db, [KEY_A], 7 * DAY, '__Host-session');
    const session = new Session(EMPTY_STATE, null, (state) => store.fits(state));
    const modestCart = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i + 1), 1]));
    session.update({ cart: modestCart });
    const hugeCart = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [String(i + 1), 99]));
    assert.throws(() => session.update({ cart: hugeCart }), SessionTooLargeError);
    assert.deepEqual(session.data.cart, modestCart, 'the previous cart is intact');

    const outcome = await store.commit(session, null, { now: Date.now(), userAgent: null });
    assert.equal(outcome.action, 'set');
    if (outcome.action === 'set')
      assert.ok(`__Host-session=${outcome.value}`.length <= MAX_COOKIE_BYTES);
  });

  test('an idle cookie expires; a sliding one is re-issued', async (t) => {
    const database = await createTestDatabase('sqlite');
    t.after(() => database.destroy());
    const store = cookieSessionStore(database.handle.db, [KEY_A], 30 * 60_000, 'session');
    const session = new Session(EMPTY_STATE, null, () => true);
    session.update({ cart: { '1': 1 } });
    const start = Date.now();
    const outcome = await store.commit(session, null, { now: start, userAgent: null });
    assert.equal(outcome.action, 'set');
    const value = outcome.action === 'set' ? outcome.value : '';
    assert.deepEqual((await store.load(value, start + 10 * 60_000))?.state.data, {
      cart: { '1': 1 },
    });
    assert.equal(
      await store.load(value, start + 31 * 60_000),
      null,
      'idle for longer than SESSION_LIFETIME',
    );
  });
});

for (const engine of testEngines()) {
  test(`database store: the token is stored hashed, expired rows are invisible then purged on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    await migrateToLatest(database.handle);
    const { db } = database.handle;
    const store = databaseSessionStore(db, 60 * 60_000);
    const session = new Session(EMPTY_STATE, null, () => true);
    session.update({ cart: { '666': 2 } });
    const now = Date.now();
    const outcome = await store.commit(session, null, { now, userAgent: 'Test Agent' });
    assert.equal(outcome.action, 'set');
    const token = outcome.action === 'set' ? outcome.value : '';
    assert.equal(Buffer.from(token, 'base64url').length, 32, 'a 256-bit token');

    const rows = await db.selectFrom('sessions').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.id, sessionIdOf(token));
    assert.notEqual(rows[0]?.id, token, 'the raw token is never stored');
    assert.equal(rows[0]?.user_agent, 'Test Agent');

    assert.deepEqual((await store.load(token, now + 1000))?.state.data, { cart: { '666': 2 } });
    assert.equal(
      await store.load(token, now + 61 * 60_000),
      null,
      'past its expiry the session is gone',
    );
    assert.equal(await store.purgeExpired(now + 61 * 60_000), 1);
    assert.equal((await db.selectFrom('sessions').selectAll().execute()).length, 0);
  });
}
