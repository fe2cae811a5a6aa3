import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminSetup, FRENCH_PAGES } from '../../../test/helpers/admin-client.js';
import { testEngines } from '../../../test/helpers/databases.js';

for (const engine of testEngines()) {
  test(`an admin viewing a customer's order sees who placed it and goes back to the admin, on ${engine}`, async (t) => {
    const { app, admin, customer, signedIn } = await adminSetup(t, engine);
    const { db } = app.database;
    const { id: customerId } = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'customer@shop.test')
      .executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto('orders')
      .values({
        user_id: customerId,
        total_cents: 1250,
        status: 'placed',
        created_at: new Date(Date.UTC(2024, 9, 1)).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const seen = await admin.get(`/orders/${id}`);
    assert.equal(seen.statusCode, 200);
    assert.match(seen.body, /Ordered by/);
    assert.match(seen.body, /Customer/);
    assert.match(seen.body, /customer@shop\.test/);
    assert.match(seen.body, /<a href="\/admin\/monsters">Back to the administration<\/a>/);
    assert.doesNotMatch(seen.body, /Back to your account/);

    const french = await signedIn('admin', FRENCH_PAGES);
    const frenchSeen = await french.get(`/orders/${id}`);
    assert.match(frenchSeen.body, /Commandé par/);
    assert.match(frenchSeen.body, /customer@shop\.test/);
    assert.match(frenchSeen.body, /Retour à l’administration/);
    assert.doesNotMatch(frenchSeen.body, /Retour à mon compte/);

    // The customer sees their own order as before: no name to tell, the way back to the account.
    const own = await customer.get(`/orders/${id}`);
    assert.match(own.body, /Back to your account/);
    assert.doesNotMatch(own.body, /Ordered by/);
  });
}
