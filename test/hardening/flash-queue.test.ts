import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionStoreKind } from '../../src/config/config.js';
import { sessionIdOf } from '../../src/plugins/sessions/database-store.js';
import { MAX_FLASH_MESSAGES } from '../../src/plugins/sessions/session.js';
import { testEngines } from '../helpers/databases.js';
import { csrfTokenIn, TestClient } from '../helpers/http-client.js';
import { buildTestApp } from '../helpers/test-app.js';

const STORES: SessionStoreKind[] = ['database', 'cookie'];
const POSTS = 40;

for (const engine of testEngines()) {
  for (const store of STORES) {
    test(`flash messages nobody reads do not pile up in the session (${store} store, ${engine})`, async (t) => {
      const { app, database } = await buildTestApp(t, engine, { sessionStore: store });
      const client = new TestClient(app);
      const token = csrfTokenIn((await client.get('/cart')).body);
      // A client that never follows the redirects: every post leaves a message behind.
      const added = await client.post('/cart/items', { _csrf: token, monster_id: '1' });
      assert.equal(added.statusCode, 303, added.body.slice(0, 200));
      for (let post = 1; post <= POSTS; post += 1) {
        const quantity = String((post % 3) + 1);
        const updated = await client.post('/cart/items/1', { _csrf: token, quantity });
        assert.equal(updated.statusCode, 303, `post ${post}: ${updated.body.slice(0, 200)}`);
      }

      if (store === 'database') {
        const row = await database.handle.db
          .selectFrom('sessions')
          .select('data')
          .where('id', '=', sessionIdOf(client.cookies.get('session') ?? ''))
          .executeTakeFirstOrThrow();
        const stored = JSON.parse(row.data) as { flash?: unknown[] };
        assert.ok(
          (stored.flash?.length ?? 0) <= MAX_FLASH_MESSAGES,
          `the stored queue is bounded (${stored.flash?.length} messages)`,
        );
      }

      const cart = await client.get('/cart');
      const shown = cart.body.match(/<p class="flash success"/g) ?? [];
      assert.equal(shown.length, MAX_FLASH_MESSAGES, 'only the latest messages are shown');
      assert.doesNotMatch(cart.body, /Added 1 ×/, 'the oldest message made room');
      assert.match(cart.body, /Your cart is updated\./, 'the latest ones are kept');
      const again = await client.get('/cart');
      assert.equal((again.body.match(/class="flash /g) ?? []).length, 0, 'shown once');
    });
  }
}
