import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { MAX_ROW_ID } from '../src/db/tables.js';
import { type Engine, testEngines } from './helpers/databases.js';
import {
  ALL_VALUES,
  describeAnswer,
  type Expected,
  expectedTarget,
  type FieldFuzz,
  type FieldValue,
  NASTY_TEXT,
  RAW_ENCODED,
  redirect,
  runFuzz,
  submitForm,
  tooLong,
  UNTHROTTLED,
  urlencoded,
} from './helpers/fuzz-inputs.js';
import { STRONG_PASSWORD, TestClient } from './helpers/http-client.js';
import { answerSeenBy } from './helpers/refused-forms.js';
import { signedInClient } from './helpers/sign-in.js';
import { buildTestApp } from './helpers/test-app.js';

const CUSTOMER = 'fuzz@example.com';
/** The per-line ceiling of a cart. */
const MAX_PER_LINE = 99;
const PUMPKIN = '666';
const PUMPKIN_PAGE = '/monsters/curcubitaceous/666';
/**
 * The pages a form refused on a POST-only URL leads back to (Post/Redirect/Get):
 * the page then answers with the refusal's status.
 */
const REFUSAL_PAGES: readonly string[] = [PUMPKIN_PAGE, '/cart', '/account', '/privacy'];

/** What a visitor ends up seeing: the page a refusal was carried to, if any. */
async function seenBy(
  client: TestClient,
  sent: Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  return answerSeenBy(client, await sent, REFUSAL_PAGES);
}

/** The one fuzz whose value goes into the URL's path rather than a field. */
const IN_THE_URL = 'cart line monster id (in the URL)';

/** A field's length as a schema measures it: in characters, not UTF-16 units. */
const characters = (text: string) => [...text].length;
/** A text field as readForm reads it: trimmed, and empty means not given (required fields: 400). */
const missingOrLonger = (text: string, max: number) =>
  text.trim() === '' || characters(text.trim()) > max;
/** The `email` format of the registration form: ASCII, a dot in the domain (as ajv-formats has it). */
const EMAIL_FORMAT =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Sign-in: a missing or over-long field is a 400 beside the field; any other
 * wrong value the same generic 401; `next` only ever leads to a same-site path.
 */
function signInFuzzes(app: FastifyInstance): FieldFuzz[] {
  const signIn = (fields: Record<string, FieldValue>) =>
    submitForm(new TestClient(app), '/login', '/login', {
      email: CUSTOMER,
      password: STRONG_PASSWORD,
      ...fields,
    });
  return [
    {
      name: 'login email',
      send: (email) => signIn({ email }),
      expect: (text) => ({ status: missingOrLonger(text, 254) ? 400 : 401 }),
    },
    {
      name: 'login password',
      send: (password) => signIn({ password }),
      // A password is read as typed: spaces count.
      expect: (text) => ({ status: text === '' || characters(text) > 128 ? 400 : 401 }),
    },
    {
      name: 'login next',
      send: (next) => signIn({ next }),
      expect: (text) =>
        tooLong(text, 2048) ? { status: 400 } : redirect(expectedTarget(text, '/account')),
    },
    {
      name: 'login honeypot',
      send: (website) => signIn({ website }),
      expect: (text) => (text === '' ? redirect('/account') : { status: 400 }),
    },
  ];
}

const EMAIL_LIKE: readonly string[] = [
  'new@example.com',
  ' NEW@Example.COM ',
  CUSTOMER.toUpperCase(),
  '<script>@example.com',
  "o'hara@example.com",
  'a\u0000b@example.com',
  'ünïcode@exämple.com',
  'a@b',
  '@example.com',
  'a b@example.com',
  `${'a'.repeat(250)}@example.com`,
];

/** 400: outside 8 to 128 characters (the form's schema); 422: judged too easy to guess. */
const PASSWORDS: readonly [string, number][] = [
  ['', 400],
  [' ', 400],
  ['\u0000', 400],
  ['😈😈😈😈', 400],
  ['1234567', 400],
  ['password', 422],
  ['aaaaaaaaaaaa', 422],
  ['x'.repeat(129), 400],
  ['x'.repeat(1025), 400],
  [`${STRONG_PASSWORD}\u0000😈`, 400],
];

/**
 * Registration: 400 with the form for a malformed field, 409 for a taken
 * address, 422 for a guessable password, else an account.
 */
function registrationFuzzes(app: FastifyInstance): FieldFuzz[] {
  const taken = new Set([CUSTOMER]);
  let serial = 0;
  const register = (fields: Record<string, FieldValue>) =>
    submitForm(new TestClient(app), '/register', '/register', {
      email: `someone${++serial}@example.com`,
      name: 'Someone',
      password: STRONG_PASSWORD,
      ...fields,
    });
  const normalised = (email: string) => email.normalize('NFC').trim().toLowerCase();
  return [
    {
      name: 'register email',
      values: [...ALL_VALUES, ...EMAIL_LIKE],
      send: (email) => register({ email }),
      expect: (text) => {
        if (missingOrLonger(text, 254) || !EMAIL_FORMAT.test(text.trim())) return { status: 400 };
        const email = normalised(text);
        if (taken.has(email)) return { status: 409 };
        taken.add(email);
        return redirect('/account');
      },
    },
    {
      name: 'register name',
      send: (name) => register({ name }),
      expect: (text) => (missingOrLonger(text, 100) ? { status: 400 } : redirect('/account')),
    },
    ...PASSWORDS.map(
      ([password, status]): FieldFuzz => ({
        name: 'register password',
        values: [password],
        send: () => register({ password }),
        expect: () => (status === 303 ? redirect('/account') : { status }),
      }),
    ),
    {
      name: 'register next',
      send: (next) => register({ next }),
      expect: (text) =>
        tooLong(text, 2048) ? { status: 400 } : redirect(expectedTarget(text, '/account')),
    },
    {
      name: 'register honeypot',
      send: (website) => register({ website }),
      expect: (text) => (text === '' ? redirect('/account') : { status: 400 }),
    },
  ];
}

/**
 * A whole number as a form field may spell it (decimal digits, a sign, spaces around)
 * within [min, max], as readForm reads it; otherwise undefined.
 */
function integerFieldIn(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

/**
 * The cart forms: 400 for a malformed field (a monster id or quantity that is not a whole
 * number in range, as the API refuses it), 404 for an unknown monster (a malformed id in
 * the URL names no monster either), 409 beyond the stock; each shown on the page the
 * form came from, after a 303 (`seenBy`).
 */
function cartFuzzes(app: FastifyInstance, stock: ReadonlyMap<number, number>): FieldFuzz[] {
  const add = (client: TestClient, fields: Record<string, FieldValue>) =>
    seenBy(
      client,
      submitForm(client, PUMPKIN_PAGE, '/cart/items', {
        monster_id: PUMPKIN,
        quantity: '1',
        back: PUMPKIN_PAGE,
        ...fields,
      }),
    );
  /** A cart holding one pumpkin, then its line changed. */
  const change = async (monsterId: FieldValue, quantity: FieldValue) => {
    const client = new TestClient(app);
    await add(client, {});
    const id = typeof monsterId === 'string' ? encodeURIComponent(monsterId) : monsterId.raw;
    return seenBy(client, submitForm(client, '/cart', `/cart/items/${id}`, { quantity }));
  };
  const available = (id: number) => Math.min(MAX_PER_LINE, stock.get(id) ?? 0);
  /** An empty quantity when adding means one. */
  const quantityOutcome = (text: string, id: number, adding: boolean): Expected => {
    const typed = adding && text.trim() === '' ? '1' : text;
    const quantity = integerFieldIn(typed, adding ? 1 : 0, MAX_PER_LINE);
    if (quantity === undefined) return { status: 400 };
    return quantity <= available(id) ? redirect('/cart') : { status: 409 };
  };
  const addedMonsterOutcome = (text: string): Expected => {
    const id = integerFieldIn(text, 1, MAX_ROW_ID);
    if (id === undefined) return { status: 400 };
    return stock.has(id) ? quantityOutcome('1', id, true) : { status: 404 };
  };
  const lineMonsterOutcome = (text: string): Expected => {
    const id = integerFieldIn(text, 1, MAX_ROW_ID);
    return id !== undefined && stock.has(id) ? quantityOutcome('1', id, true) : { status: 404 };
  };
  return [
    {
      name: 'cart add monster_id',
      send: (monster_id) => add(new TestClient(app), { monster_id }),
      expect: addedMonsterOutcome,
    },
    {
      name: 'cart add quantity',
      values: [...ALL_VALUES, '31', '32', '99', '100', '999999999'],
      send: (quantity) => add(new TestClient(app), { quantity }),
      expect: (text) => quantityOutcome(text, Number(PUMPKIN), true),
    },
    {
      name: 'cart add next',
      send: (next) => add(new TestClient(app), { next }),
      expect: (text) =>
        tooLong(text, 2048) ? { status: 400 } : redirect(expectedTarget(text, '/cart')),
    },
    {
      // A refused add (one over the stock) goes back to this page, when it is a same-site path.
      name: 'cart add back',
      send: (back) =>
        add(new TestClient(app), { quantity: String(available(Number(PUMPKIN)) + 1), back }),
      expect: (text) => {
        if (tooLong(text, 2048)) return { status: 400 };
        const target = expectedTarget(text, '/cart');
        return REFUSAL_PAGES.includes(target) ? { status: 409 } : redirect(target);
      },
    },
    {
      name: IN_THE_URL,
      // An empty id is the collection's URL with a trailing slash: redirected to it.
      values: NASTY_TEXT.filter((value) => value !== ''),
      send: (monsterId) => change(monsterId, '1'),
      // The router refuses a path segment over 100 characters: 414 URI Too Long.
      expect: (text) => (tooLong(text, 100) ? { status: 414 } : lineMonsterOutcome(text)),
    },
    {
      name: 'cart line monster id (malformed escape in the URL)',
      values: RAW_ENCODED.map((raw) => ({ raw })),
      send: (monsterId) => change(monsterId, '1'),
      expect: () => ({ status: 400 }),
    },
    {
      name: 'cart line quantity',
      values: [...ALL_VALUES, '31', '32', '100'],
      send: (quantity) => change(PUMPKIN, quantity),
      expect: (text) => quantityOutcome(text, Number(PUMPKIN), false),
    },
  ];
}

/** A consent choice from the policy page by a new visitor, as that visitor sees its answer. */
function consentSent(
  app: FastifyInstance,
  fields: Record<string, FieldValue>,
): Promise<LightMyRequestResponse> {
  const visitor = new TestClient(app);
  return seenBy(visitor, submitForm(visitor, '/privacy', '/consent', fields));
}

/** Checkout, the consent and language choices, search and whois. */
function smallFormFuzzes(app: FastifyInstance, customer: TestClient): FieldFuzz[] {
  return [
    {
      name: 'checkout token, empty cart',
      send: (checkout_token) =>
        seenBy(customer, submitForm(customer, '/cart', '/checkout', { checkout_token })),
      expect: () => ({ status: 400 }),
    },
    {
      name: 'consent choice',
      send: (choice) => consentSent(app, { choice }),
      expect: (text) =>
        ['accept', 'reject', 'custom'].includes(text) ? redirect('/') : { status: 400 },
    },
    ...['preferences', 'statistics'].map(
      (field): FieldFuzz => ({
        name: `consent ${field}`,
        send: (value) => consentSent(app, { choice: 'custom', [field]: value }),
        expect: (text) => (tooLong(text, 10) ? { status: 400 } : redirect('/')),
      }),
    ),
    {
      name: 'consent next',
      send: (next) => consentSent(app, { choice: 'reject', next }),
      expect: (text) =>
        tooLong(text, 2048) ? { status: 400 } : redirect(expectedTarget(text, '/')),
    },
    {
      name: 'language',
      send: (lang) => submitForm(new TestClient(app), '/', '/lang', { lang }),
      expect: (text) => (['en', 'fr'].includes(text) ? redirect('/') : { status: 400 }),
    },
    {
      name: 'language next',
      send: (next) => submitForm(new TestClient(app), '/', '/lang', { lang: 'fr', next }),
      expect: (text) =>
        tooLong(text, 2048) ? { status: 400 } : redirect(expectedTarget(text, '/')),
    },
    {
      name: 'search',
      send: (q) => submitForm(new TestClient(app), '/', '/search', { q }),
      expect: (text) => {
        if (tooLong(text, 200)) return { status: 400 };
        const q = text.trim();
        return redirect(q === '' ? '/search' : `/search?q=${encodeURIComponent(q)}`);
      },
    },
    {
      name: 'whois',
      send: (name) => submitForm(new TestClient(app), '/', '/whois', { name }),
      expect: (text) =>
        tooLong(text, 1000) ? { status: 400 } : { status: 200, body: text.trim() || 'John Doe' },
    },
  ];
}

/**
 * The account page's sign-out forms: a handle that names none of the
 * customer's sessions (malformed, unknown) signs nothing out and says so (400).
 */
function accountFuzzes(customer: TestClient): FieldFuzz[] {
  return [
    {
      name: 'end a session',
      send: (session) =>
        seenBy(customer, submitForm(customer, '/account', '/account/sessions/end', { session })),
      expect: () => ({ status: 400 }),
    },
    {
      name: 'end the other sessions (extra field)',
      send: (extra) =>
        seenBy(
          customer,
          submitForm(customer, '/account', '/account/sessions/end-others', { extra }),
        ),
      expect: () => redirect('/account'),
    },
  ];
}

/** Every urlencoded form refuses a field sent twice (a 400), whatever its value. */
async function repeatedFields(app: FastifyInstance, customer: TestClient): Promise<string[]> {
  const forms: [TestClient, string, string, Record<string, string>, string][] = [
    [new TestClient(app), '/login', '/login', { email: CUSTOMER, password: 'x' }, 'email'],
    [new TestClient(app), '/register', '/register', { email: 'x@example.com' }, 'name'],
    [new TestClient(app), PUMPKIN_PAGE, '/cart/items', { monster_id: PUMPKIN }, 'quantity'],
    [new TestClient(app), '/privacy', '/consent', { choice: 'accept' }, 'choice'],
    [new TestClient(app), '/', '/lang', { lang: 'fr' }, 'lang'],
    [new TestClient(app), '/', '/search', { q: 'a' }, 'q'],
    [new TestClient(app), '/', '/whois', { name: 'a' }, 'name'],
    [customer, '/account', '/account/sessions/end', { session: 'a' }, 'session'],
  ];
  const mismatches: string[] = [];
  for (const [client, page, action, fields, repeated] of forms) {
    const token = csrfOf((await client.get(page)).body);
    const payload = `${urlencoded({ _csrf: token, ...fields })}&${repeated}=1&${repeated}=2`;
    const response = await seenBy(
      client,
      client.request({
        method: 'POST',
        url: action,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      }),
    );
    if (response.statusCode !== 400) {
      mismatches.push(
        `${action} with ${repeated} twice: expected 400, got ${describeAnswer(response)}`,
      );
    }
  }
  return mismatches;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * A NUL character is refused wherever it comes, before any handler or query
 * reads it (PostgreSQL refuses it in text): a field holding one is a 400, a
 * path holding one a 404, on both engines alike.
 */
function refusingNul(fuzz: FieldFuzz): FieldFuzz {
  const refused: Expected = { status: fuzz.name === IN_THE_URL ? 404 : 400 };
  return { ...fuzz, expect: (text) => (text.includes('\u0000') ? refused : fuzz.expect(text)) };
}

async function fuzzApp(t: TestContext, engine: Engine) {
  const { app } = await buildTestApp(t, engine, UNTHROTTLED);
  // Signed in by the fixture: the sign-in form is fuzzed on its own below.
  const { client: customer } = await signedInClient(app, { email: CUSTOMER, name: 'Fuzz' });
  const rows = await app.database.db.selectFrom('monsters').select(['id', 'stock']).execute();
  const stock = new Map(rows.map((row) => [row.id, row.stock]));
  const fuzzes = [
    ...signInFuzzes(app),
    ...registrationFuzzes(app),
    ...cartFuzzes(app, stock),
    ...smallFormFuzzes(app, customer),
    ...accountFuzzes(customer),
  ].map(refusingNul);
  return { app, customer, fuzzes };
}

/** No input produces a 500; each one gets the answer the contract gives it. */
for (const engine of testEngines()) {
  test(`nasty values in every field of every form get their exact answer on ${engine}`, async (t) => {
    const { app, customer, fuzzes } = await fuzzApp(t, engine);
    const mismatches = await runFuzz(app, fuzzes);
    mismatches.push(...(await repeatedFields(app, customer)));
    assert.deepEqual(mismatches, []);
  });
}

/**
 * Every route an HTML form posts to, and the fuzz that covers its fields
 * here, or why none does. A new form route fails this test until it is
 * fuzzed or its exemption is written down (docs/architecture.md).
 */
const FORM_ROUTES: Readonly<Record<string, { fuzz: string } | { exempt: string }>> = {
  '/login': { fuzz: 'login email' },
  '/register': { fuzz: 'register email' },
  '/logout': { exempt: 'no field: signing out reads nothing but the CSRF token' },
  '/cart/items': { fuzz: 'cart add quantity' },
  '/cart/items/:monster_id': { fuzz: 'cart line quantity' },
  '/checkout': { fuzz: 'checkout token, empty cart' },
  '/consent': { fuzz: 'consent choice' },
  '/lang': { fuzz: 'language' },
  '/search': { fuzz: 'search' },
  '/whois': { fuzz: 'whois' },
  '/account/sessions/end': { fuzz: 'end a session' },
  '/account/sessions/end-others': { fuzz: 'end the other sessions (extra field)' },
  '/admin/monsters': { exempt: 'multipart: test/admin-form-fuzz.test.ts fuzzes it' },
  '/admin/monsters/:id': { exempt: 'multipart: test/admin-form-fuzz.test.ts fuzzes it' },
  '/admin/monsters/:id/delete': { exempt: 'no field: test/admin-form-fuzz.test.ts posts it' },
};

/** The POST routes of Fastify's route tree (`printRoutes`), as full paths. */
function postRoutesOf(tree: string): string[] {
  const paths: string[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    const depth = (node[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + (node[2] ?? '');
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    if (node[3]?.includes('POST')) paths.push(path);
  }
  return paths;
}

test('every form route is fuzzed here or its exemption is written down', async (t) => {
  const { app, fuzzes } = await fuzzApp(t, 'sqlite');
  await app.ready();
  const formRoutes = postRoutesOf(app.printRoutes({ commonPrefix: false, method: 'POST' }))
    .filter((path) => !path.startsWith('/api/'))
    .sort();
  assert.deepEqual(formRoutes, Object.keys(FORM_ROUTES).sort());
  const fuzzNames = new Set(fuzzes.map((fuzz) => fuzz.name));
  const unknown = Object.values(FORM_ROUTES).flatMap((entry) =>
    'fuzz' in entry && !fuzzNames.has(entry.fuzz) ? [entry.fuzz] : [],
  );
  assert.deepEqual(unknown, [], 'each route names a fuzz of this file');
});
