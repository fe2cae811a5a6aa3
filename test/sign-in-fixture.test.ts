import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from './helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from './helpers/http-client.js';
import { createTestUser, signedInClient } from './helpers/sign-in.js';
import { buildTestApp } from './helpers/test-app.js';

async function whoAmI(client: TestClient): Promise<string | null> {
  const response = await client.get('/api/session', { accept: 'application/json' });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { user: { email: string } | null }).user?.email ?? null;
}

async function assertSignedInAsTheFormWouldSignIn(app: FastifyInstance): Promise<void> {
  const { client } = await signedInClient(app, { email: 'mina@harker.uk', name: 'Mina' });
  assert.equal(await whoAmI(client), 'mina@harker.uk');
  const account = await client.get('/account');
  assert.equal(account.statusCode, 200, 'the account page opens without a sign-in');
  assert.match(account.body, /mina@harker\.uk/);

  // A fixture session is a real one: signing out through the form ends it.
  const copy = new TestClient(app, { accept: 'text/html' });
  for (const [name, value] of client.cookies) copy.cookies.set(name, value);
  assert.equal((await client.submit('/account', '/logout', {})).statusCode, 303);
  assert.equal(await whoAmI(client), null);
  assert.equal(await whoAmI(copy), null, 'a copy of the signed-out cookie is anonymous');
}

for (const engine of testEngines()) {
  for (const sessionStore of ['database', 'cookie'] as const) {
    test(`the sign-in fixture gives a ${sessionStore} session the app honours and revokes (${engine})`, async (t) => {
      const { app } = await buildTestApp(t, engine, { sessionStore });
      await assertSignedInAsTheFormWouldSignIn(app);
    });
  }
}

test('a fixture user signs in through the real form with STRONG_PASSWORD', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await createTestUser(app.database.db, { email: 'lucy@westenra.uk', role: 'admin' });
  const client = new TestClient(app);
  const wrong = await client.submit('/login', '/login', {
    email: 'lucy@westenra.uk',
    password: `${STRONG_PASSWORD}!`,
  });
  assert.equal(wrong.statusCode, 401);
  const signedIn = await client.submit('/login', '/login', {
    email: 'lucy@westenra.uk',
    password: STRONG_PASSWORD,
  });
  assert.equal(signedIn.statusCode, 303, signedIn.body);
  assert.equal(await whoAmI(client), 'lucy@westenra.uk');
  assert.equal((await client.get('/admin/monsters')).statusCode, 200, 'with the role it was given');
});
