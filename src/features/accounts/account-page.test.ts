import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { pageAfterRefusal } from '../../../test/helpers/refused-forms.js';
import { createTestUser, signIn } from '../../../test/helpers/sign-in.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import {
  CHROME_ON_LINUX,
  FIREFOX_ON_ANDROID,
  SAFARI_ON_IOS,
} from '../../../test/helpers/user-agents.js';
import { deviceName } from './device-names.js';

const HTML = { accept: 'text/html' };
const FRENCH = { accept: 'text/html', 'accept-language': 'fr' };

/** The names of the session cards, in the order the page lists them. */
const deviceNames = (html: string) =>
  [...html.matchAll(/<p class="session-device"><strong>([^<]+)<\/strong>/g)].map(
    (match) => match[1],
  );

test('a session is named from its browser and system, or plainly when the agent says nothing', () => {
  const en = {
    browserOn: (browser: string, system: string) => `${browser} on ${system}`,
    unknownBrowserOn: (system: string) => `A browser on ${system}`,
    unknownDevice: 'Unknown device',
  };
  assert.equal(deviceName(CHROME_ON_LINUX, en), 'Chrome on Linux');
  assert.equal(deviceName(FIREFOX_ON_ANDROID, en), 'Firefox on Android');
  assert.equal(deviceName(SAFARI_ON_IOS, en), 'Safari on iOS');
  assert.equal(deviceName('curl/8.5.0', en), 'Unknown device');
  assert.equal(deviceName('', en), 'Unknown device');
  assert.equal(deviceName(null, en), 'Unknown device');
  assert.equal(deviceName('   ', en), 'Unknown device');
});

for (const engine of testEngines()) {
  test(`with no other session, the account page offers no "sign out everywhere else" on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const mina = await createTestUser(app.database.db, { email: 'mina@harker.uk', name: 'Mina' });
    const laptop = new TestClient(app, { ...HTML, 'user-agent': CHROME_ON_LINUX });
    await signIn(app, laptop, mina, { userAgent: CHROME_ON_LINUX });

    const alone = await laptop.get('/account');
    assert.equal(deviceNames(alone.body).length, 1);
    assert.doesNotMatch(alone.body, /Sign out everywhere else/);

    const phone = new TestClient(app, { ...HTML, 'user-agent': FIREFOX_ON_ANDROID });
    await signIn(app, phone, mina, { userAgent: FIREFOX_ON_ANDROID });
    assert.match((await laptop.get('/account')).body, /Sign out everywhere else/);
  });

  test(`the account page names each session, this device first, with a sign-out each, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const lucy = await createTestUser(app.database.db, {
      email: 'lucy@westenra.uk',
      name: 'Lucy Westenra',
    });
    const phone = new TestClient(app, { ...HTML, 'user-agent': FIREFOX_ON_ANDROID });
    await signIn(app, phone, lucy, { userAgent: FIREFOX_ON_ANDROID });
    const script = new TestClient(app, { ...HTML, 'user-agent': 'curl/8.5.0' });
    await signIn(app, script, lucy, { userAgent: 'curl/8.5.0' });
    // The laptop signs in last: the page still lists it first, as this device.
    const laptop = new TestClient(app, { ...HTML, 'user-agent': CHROME_ON_LINUX });
    await signIn(app, laptop, lucy, { userAgent: CHROME_ON_LINUX });

    const account = await laptop.get('/account');
    assert.equal(account.statusCode, 200);
    const names = deviceNames(account.body);
    assert.equal(names[0], 'Chrome on Linux');
    assert.deepEqual([...names].sort(), [
      'Chrome on Linux',
      'Firefox on Android',
      'Unknown device',
    ]);
    assert.match(
      account.body,
      /<strong>Chrome on Linux<\/strong><span class="badge">This device<\/span>/,
    );
    assert.doesNotMatch(account.body, /Mozilla\/5\.0/, 'no raw user-agent string');
    assert.equal(
      [...account.body.matchAll(/aria-label="Sign out [^"]+, last seen [^"]+">Sign out</g)].length,
      2,
      'a "Sign out" button for each other session, named for screen readers',
    );
    assert.match(account.body, /Sign out everywhere else/);
    assert.match(account.body, /<dt>Last seen<\/dt>/);

    const french = await laptop.get('/account', FRENCH);
    assert.equal(deviceNames(french.body)[0], 'Chrome sur Linux');
    assert.match(french.body, /<span class="badge">Cet appareil<\/span>/);
    assert.match(french.body, /Firefox sur Android/);
  });

  test(`signing out a listed session says so; an unknown one says nothing was signed out on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const lucy = await createTestUser(app.database.db, { email: 'lucy@westenra.uk' });
    const phone = new TestClient(app, { ...HTML, 'user-agent': FIREFOX_ON_ANDROID });
    await signIn(app, phone, lucy, { userAgent: FIREFOX_ON_ANDROID });
    const laptop = new TestClient(app, { ...HTML, 'user-agent': CHROME_ON_LINUX });
    await signIn(app, laptop, lucy, { userAgent: CHROME_ON_LINUX });

    const handle = /name="session" value="([^"]+)"/.exec((await laptop.get('/account')).body)?.[1];
    assert.ok(handle, 'the phone has a sign-out form');
    const ended = await laptop.submit('/account', '/account/sessions/end', { session: handle });
    assert.equal(ended.statusCode, 303);
    const after = await laptop.get('/account');
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /That session is signed out\./);
    assert.deepEqual(deviceNames(after.body), ['Chrome on Linux']);

    // The same form again (another tab): that session is gone, nothing is signed out.
    for (const [lang, message] of [
      ['en', /This session cannot be found: no session was signed out\./],
      ['fr', /Cette session est introuvable\s:\saucune session n’a été déconnectée\./],
    ] as const) {
      laptop.cookies.set('lang', lang);
      const again = await laptop.submit('/account', '/account/sessions/end', { session: handle });
      const page = await pageAfterRefusal(laptop, again, '/account');
      assert.equal(page.statusCode, 400);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, message);
      assert.doesNotMatch(page.body, /is signed out\.|est déconnectée\./);
      const reload = await laptop.get('/account');
      assert.equal(reload.statusCode, 200, 'a reload is a clean page');
    }
  });

  test(`the account page shows the profile and the orders as a table on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const mina = await createTestUser(app.database.db, {
      email: 'mina@harker.uk',
      name: 'Mina Harker',
    });
    const client = new TestClient(app);
    await signIn(app, client, mina);
    await client.submit('/cart', '/cart/items', { monster_id: '666', quantity: '2' });
    const placed = await client.submit('/cart', '/checkout', {});
    const orderId = String(placed.headers.location).split('/').pop();

    for (const [headers, texts] of [
      [HTML, ['Name', 'Mina Harker', 'E-mail address', 'Member since', 'Placed', '€13.32']],
      [FRENCH, ['Nom', 'Adresse e-mail', 'Membre depuis', 'Enregistrée', '13,32']],
    ] as const) {
      const account = await client.get('/account', headers);
      assert.equal(account.statusCode, 200);
      for (const text of texts) assert.ok(account.body.includes(text), text);
      const table = /<table class="order-history[^"]*">.*?<\/table>/s.exec(account.body)?.[0];
      assert.ok(table, 'the orders are a table');
      assert.match(table, new RegExp(`<a href="/orders/${orderId}" aria-label="[^"]+${orderId}"`));
      assert.match(table, /<time datetime="[^"]+">[^<]+ (CES?T|UTC[+-]\d+)<\/time>/);
      assert.equal((table.match(/data-label="/g) ?? []).length, 4, 'each cell names itself');
    }
  });

  test(`the order page shows status, date with its zone, items, totals and a way back to shopping on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const van = await createTestUser(app.database.db, { email: 'abe@vanhelsing.nl' });
    const client = new TestClient(app);
    await signIn(app, client, van);
    await client.submit('/cart', '/cart/items', { monster_id: '666', quantity: '2' });
    await client.submit('/cart', '/cart/items', { monster_id: '1', quantity: '1' });
    const placed = await client.submit('/cart', '/checkout', {});
    const orderUrl = String(placed.headers.location);
    const orderId = Number(orderUrl.split('/').pop());
    const summer = '2024-07-01T12:30:00.000Z';
    await database.handle.db
      .updateTable('orders')
      .set({ created_at: summer })
      .where('id', '=', orderId)
      .execute();

    const english = await client.get(orderUrl);
    assert.equal(english.statusCode, 200);
    assert.equal(english.headers['cache-control'], 'no-store');
    assert.match(english.body, new RegExp(`<h1>Order #${orderId}</h1>`));
    assert.match(
      english.body,
      /<dt>Status<\/dt><dd><span class="order-status[^"]*">Placed<\/span>/,
    );
    assert.match(english.body, /<time datetime="2024-07-01T12:30:00.000Z">1 Jul 2024, 14:30 CEST/);
    assert.doesNotMatch(english.body, /Placed on .* · Placed/);
    assert.match(english.body, /Jack O(&#39;|')Lantern<\/a>/);
    assert.match(english.body, /<span class="amount">€13\.32<\/span>/, 'a line total');
    assert.match(english.body, /<a class="button" href="\/monsters">Continue shopping<\/a>/);
    assert.match(english.body, /<a href="\/account">Back to your account<\/a>/);

    const french = await client.get(orderUrl, FRENCH);
    assert.match(french.body, /<h1>Commande n°\s\d+<\/h1>/);
    assert.match(french.body, /<dt>État<\/dt><dd><span class="order-status[^"]*">Enregistrée</);
    assert.match(french.body, /1 juil\. 2024, 14:30 UTC\+2/);
    assert.match(french.body, /href="\/monsters">Continuer mes achats<\/a>/);
  });
}
