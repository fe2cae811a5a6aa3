import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { pageAfterRefusal } from '../../../test/helpers/refused-forms.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import type { DB } from '../../db/connection.js';
import { createUser } from './accounts.service.js';

/** A customer whose password is STRONG_PASSWORD. */
const customer = (db: DB, email: string) =>
  createUser(
    db,
    { email, name: email.split('@')[0] ?? email, password: STRONG_PASSWORD },
    'customer',
  );

const FRENCH_PAGES = { accept: 'text/html', 'accept-language': 'fr-FR,fr;q=0.9' };
const FRENCH_API = {
  accept: 'application/json',
  'accept-language': 'fr-FR,fr;q=0.9',
  'sec-fetch-site': 'same-origin',
};

/** The message shown beside a field, as the form partial writes it. */
const besideField = (body: string, name: string) =>
  new RegExp(`id="field-${name}-error">([^<]+)<`).exec(body)?.[1];
/** The form-level message of a refused form. */
const formMessage = (body: string) => /class="form-error"[^>]*><p>([^<]+)</.exec(body)?.[1];

for (const engine of testEngines()) {
  test(`a refused registration is explained in French beside each field, typed values kept, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await customer(database.handle.db, 'lucy@westenra.uk');
    const visitor = new TestClient(app, FRENCH_PAGES);

    const malformed = await visitor.submit('/register', '/register', {
      email: 'pas-une-adresse',
      name: '   ',
      password: 'Xy7!',
      next: '/cart',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(formMessage(malformed.body), 'Veuillez corriger les champs signalés.');
    assert.equal(
      besideField(malformed.body, 'email'),
      'Saisissez une adresse e-mail comme nom@exemple.fr.',
    );
    assert.equal(besideField(malformed.body, 'name'), 'Ce champ est obligatoire.');
    assert.equal(besideField(malformed.body, 'password'), 'Utilisez au moins 8 caractères.');
    assert.match(malformed.body, /name="email"[^>]*value="pas-une-adresse"/);
    assert.match(malformed.body, /name="next" value="\/cart"/, 'where to go after is kept');
    assert.doesNotMatch(malformed.body, /Xy7!/, 'the password is never shown again');

    const weak = await visitor.submit('/register', '/register', {
      email: 'mina@exemple.fr',
      name: 'Mina',
      password: 'motdepasse',
    });
    assert.equal(weak.statusCode, 422);
    assert.equal(formMessage(weak.body), 'Choisissez un mot de passe plus difficile à deviner.');
    assert.match(
      besideField(weak.body, 'password') ?? '',
      /^Ce mot de passe est trop facile à deviner\. \S/,
      'the reason, and zxcvbn’s advice, in French',
    );
    assert.doesNotMatch(besideField(weak.body, 'password') ?? '', /\b(the|is|easy|Add)\b/);
    assert.match(weak.body, /name="email"[^>]*value="mina@exemple\.fr"/);

    const taken = await visitor.submit('/register', '/register', {
      email: 'LUCY@westenra.uk',
      name: 'Lucy',
      password: STRONG_PASSWORD,
    });
    assert.equal(taken.statusCode, 409);
    assert.match(
      besideField(taken.body, 'email') ?? '',
      /^Un compte existe déjà avec cette adresse/,
    );
    const users = await database.handle.db.selectFrom('users').select('email').execute();
    assert.deepEqual(users, [{ email: 'lucy@westenra.uk' }], 'no account was created');
  });

  test(`a refused sign-in form is explained in French, the e-mail kept, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await customer(database.handle.db, 'arthur@holmwood.uk');
    const visitor = new TestClient(app, FRENCH_PAGES);

    const empty = await visitor.submit('/login', '/login', { email: ' ', password: '' });
    assert.equal(empty.statusCode, 400);
    assert.equal(besideField(empty.body, 'email'), 'Ce champ est obligatoire.');
    assert.equal(besideField(empty.body, 'password'), 'Ce champ est obligatoire.');

    const wrong = await visitor.submit('/login?next=%2Fcart', '/login', {
      email: 'arthur@holmwood.uk',
      password: 'pas-le-bon-mot-de-passe',
      next: '/cart',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(formMessage(wrong.body), 'Adresse e-mail ou mot de passe incorrect.');
    assert.match(wrong.body, /name="email"[^>]*value="arthur@holmwood\.uk"/);
    assert.match(wrong.body, /name="next" value="\/cart"/);
    assert.doesNotMatch(wrong.body, /pas-le-bon-mot-de-passe/);

    const bot = await visitor.submit('/login', '/login', {
      email: 'arthur@holmwood.uk',
      password: STRONG_PASSWORD,
      website: 'http://spam.example',
    });
    assert.equal(bot.statusCode, 400);
    assert.equal(formMessage(bot.body), 'Ce formulaire n’a pas pu être accepté.');
    assert.equal(visitor.cookies.get('session'), undefined, 'the bot is not signed in');
  });

  test(`the session API refuses with a code and a detail in the client's language on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine, {
      throttle: {
        signInFailuresPerAccount: 1,
        signInAttemptsPerIp: 100,
        registrationsPerIp: 50,
        windowSeconds: 900,
      },
    });
    await customer(database.handle.db, 'quincey@morris.us');
    const client = new TestClient(app, FRENCH_API);
    const signIn = (payload: Record<string, unknown>) =>
      client.request({ method: 'POST', url: '/api/session', payload });

    const missing = await signIn({ email: 'quincey@morris.us' });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json().errors, { password: 'Ce champ est obligatoire.' });

    const wrong = await signIn({ email: 'quincey@morris.us', password: 'not-his-password' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(wrong.json().code, 'accounts.bad_credentials');
    assert.equal(wrong.json().detail, 'Adresse e-mail ou mot de passe incorrect.');

    const throttled = await signIn({ email: 'quincey@morris.us', password: STRONG_PASSWORD });
    assert.equal(throttled.statusCode, 429);
    assert.equal(throttled.json().code, 'accounts.too_many_attempts');
    assert.match(throttled.json().detail, /^Trop de tentatives .* Réessayez dans 15 minutes\.$/);
    const retryAfter = Number(throttled.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 900, `Retry-After: ${retryAfter}`);
  });

  test(`a refused "sign out this session" leads back to the account page with its reason on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await customer(database.handle.db, 'jonathan@harker.uk');
    const visitor = new TestClient(app, FRENCH_PAGES);
    await visitor.submit('/login', '/login', {
      email: 'jonathan@harker.uk',
      password: STRONG_PASSWORD,
    });

    for (const session of ['', 'x'.repeat(65), 'no-such-session']) {
      const refused = await pageAfterRefusal(
        visitor,
        await visitor.submit('/account', '/account/sessions/end', { session }),
        '/account',
      );
      assert.equal(refused.statusCode, 400, JSON.stringify(session));
      assert.match(refused.body, /<h1>Mon compte<\/h1>/);
      assert.match(
        formMessage(refused.body) ?? '',
        /^Cette session est introuvable\s:\saucune session n’a été déconnectée\.$/,
      );
      assert.doesNotMatch(refused.body, /Cette session est déconnectée/, JSON.stringify(session));
    }
    assert.equal((await visitor.get('/account')).statusCode, 200, 'still signed in');
  });
}
