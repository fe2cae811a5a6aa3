import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { MAX_ROW_ID } from '../src/db/tables.js';
import type { SessionUser } from '../src/plugins/sessions/session.js';
import { type Engine, testEngines } from './helpers/databases.js';
import {
  type Expected,
  type FieldFuzz,
  type FieldValue,
  hasControl,
  runFuzz,
  UNTHROTTLED,
} from './helpers/fuzz-inputs.js';
import { STRONG_PASSWORD, TestClient } from './helpers/http-client.js';
import { createTestUser, signIn } from './helpers/sign-in.js';
import { buildTestApp } from './helpers/test-app.js';

const CUSTOMER = 'customer@example.com';
const ADMIN = 'admin@example.com';
const MAX_PER_LINE = 99;
const PUMPKIN = 666;

/** JSON values of every type and edge, written as JSON text. */
const JSON_VALUES: readonly string[] = [
  'null',
  'true',
  '0',
  '-0',
  '1',
  '-1',
  '1.5',
  '1.0',
  '1e2',
  '1e400',
  '-1e400',
  '2147483647',
  '2147483648',
  '9007199254740993',
  '"1"',
  '""',
  '" "',
  '"x"',
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\ud800"',
  '"\\t\\n"',
  '"😈"',
  '"<script>alert(1)</script>"',
  '"ñ-ñ"',
  '"kaiju-2"',
  JSON.stringify('x'.repeat(101)),
  JSON.stringify('ñ'.repeat(300)),
  JSON.stringify('x'.repeat(5001)),
  '[]',
  '[1]',
  '{}',
  '{"$gt":""}',
];

const integerIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
/** Lengths in code points, as the schemas count them. */
const stringIn = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && [...value].length >= min && [...value].length <= max;
const parsed = (json: string): unknown => JSON.parse(json);
/**
 * A string without a NUL: one holding a NUL is refused (400) before any
 * handler or query reads it (PostgreSQL refuses it in text), on both engines.
 */
const withoutNul = (value: unknown) => typeof value !== 'string' || !value.includes('\u0000');

/** An API client, signed in as `user` when given, sending its CSRF token on every write. */
async function apiClient(app: FastifyInstance, user?: SessionUser): Promise<TestClient> {
  const probe = new TestClient(app, { accept: 'application/json' });
  if (user) await signIn(app, probe, user);
  const token = (await probe.get('/api/session')).json().csrf_token;
  const client = new TestClient(app, { accept: 'application/json', 'x-csrf-token': token });
  for (const [name, value] of probe.cookies) client.cookies.set(name, value);
  return client;
}

function sendJson(
  client: TestClient,
  method: string,
  url: string,
  json: string,
): Promise<LightMyRequestResponse> {
  return client.request({
    method: method as 'POST',
    url,
    payload: json,
    headers: { 'content-type': 'application/json' },
  });
}

const text = (value: FieldValue) => (typeof value === 'string' ? value : value.raw);

/** The cart: 400 for a wrong type or bound, 404 for no such monster, 409 beyond the stock. */
function cartFuzzes(customer: TestClient, stock: ReadonlyMap<number, number>): FieldFuzz[] {
  const cart = new Map<number, number>();
  const available = (id: number) => Math.min(MAX_PER_LINE, stock.get(id) ?? 0);
  /** The oracle follows the cart: each accepted add or change is remembered. */
  const add = (id: number, quantity: number): Expected => {
    if (!stock.has(id)) return { status: 404 };
    const wanted = (cart.get(id) ?? 0) + quantity;
    if (wanted > available(id)) return { status: 409 };
    cart.set(id, wanted);
    return { status: 200 };
  };
  const set = (id: number, quantity: number): Expected => {
    if (quantity === 0) {
      cart.delete(id);
      return { status: 200 };
    }
    if (!stock.has(id)) return { status: 404 };
    if (quantity > available(id)) return { status: 409 };
    cart.set(id, quantity);
    return { status: 200 };
  };
  const PATH_IDS = ['0', '-1', '1.5', 'abc', '2147483648', '99999', String(PUMPKIN)];
  const pathId = (id: string) =>
    /^\d+$/.test(id) && integerIn(Number(id), 1, MAX_ROW_ID) ? Number(id) : undefined;
  return [
    {
      // First, while the cart is empty: 400 for a malformed key, and 400 (empty cart) for a good one.
      name: 'POST /api/checkout Idempotency-Key',
      values: [
        '',
        ' ',
        'a b',
        'é',
        'x'.repeat(256),
        '"open',
        'k\\1',
        'good-key-1',
        '"quoted"',
        '<script>',
      ],
      send: (key) =>
        customer.request({
          method: 'POST',
          url: '/api/checkout',
          headers: { 'idempotency-key': text(key) },
        }),
      expect: () => ({ status: 400 }),
    },
    {
      name: 'POST /api/cart/items monster_id',
      values: JSON_VALUES,
      send: (value) =>
        sendJson(customer, 'POST', '/api/cart/items', `{"monster_id":${text(value)},"quantity":1}`),
      expect: (json) => {
        const id = parsed(json);
        return integerIn(id, 1, MAX_ROW_ID) ? add(id as number, 1) : { status: 400 };
      },
    },
    {
      name: 'POST /api/cart/items quantity',
      values: JSON_VALUES,
      send: (value) =>
        sendJson(
          customer,
          'POST',
          '/api/cart/items',
          `{"monster_id":${PUMPKIN},"quantity":${text(value)}}`,
        ),
      expect: (json) => {
        const quantity = parsed(json);
        return integerIn(quantity, 1, MAX_PER_LINE)
          ? add(PUMPKIN, quantity as number)
          : { status: 400 };
      },
    },
    {
      name: 'PUT /api/cart/items/666 quantity',
      values: JSON_VALUES,
      send: (value) =>
        sendJson(customer, 'PUT', `/api/cart/items/${PUMPKIN}`, `{"quantity":${text(value)}}`),
      expect: (json) => {
        const quantity = parsed(json);
        return integerIn(quantity, 0, MAX_PER_LINE)
          ? set(PUMPKIN, quantity as number)
          : { status: 400 };
      },
    },
    {
      name: 'PUT /api/cart/items/:monster_id',
      values: PATH_IDS,
      send: (id) => sendJson(customer, 'PUT', `/api/cart/items/${text(id)}`, '{"quantity":1}'),
      expect: (id) => {
        const monsterId = pathId(id);
        return monsterId === undefined ? { status: 400 } : set(monsterId, 1);
      },
    },
    {
      name: 'DELETE /api/cart/items/:monster_id',
      values: PATH_IDS,
      send: (id) => customer.request({ method: 'DELETE', url: `/api/cart/items/${text(id)}` }),
      expect: (id) => {
        const monsterId = pathId(id);
        return monsterId === undefined ? { status: 400 } : set(monsterId, 0);
      },
    },
  ];
}

/** Sign-in: 400 for a wrong type, an empty or too long value or an unknown field; else 401. */
function sessionFuzzes(app: FastifyInstance): FieldFuzz[] {
  const signIn = async (body: string) =>
    sendJson(await apiClient(app), 'POST', '/api/session', body);
  return [
    {
      name: 'POST /api/session email',
      values: JSON_VALUES,
      send: (value) => signIn(`{"email":${text(value)},"password":"wrong password"}`),
      expect: (json) => {
        const email = parsed(json);
        return { status: stringIn(email, 1, 254) && withoutNul(email) ? 401 : 400 };
      },
    },
    {
      name: 'POST /api/session password',
      values: JSON_VALUES,
      send: (value) => signIn(`{"email":"${CUSTOMER}","password":${text(value)}}`),
      expect: (json) => {
        const password = parsed(json);
        return { status: stringIn(password, 1, 128) && withoutNul(password) ? 401 : 400 };
      },
    },
    {
      name: 'POST /api/session with a role',
      values: ['"admin"', 'true'],
      send: (value) =>
        signIn(`{"email":"${CUSTOMER}","password":"${STRONG_PASSWORD}","role":${text(value)}}`),
      expect: () => ({ status: 400 }),
    },
  ];
}

/** The monster fields as the write API's schema states them. */
const MONSTER_RULES: Readonly<Record<string, (value: unknown) => boolean>> = {
  name: (value) => stringIn(value, 1, 100) && !hasControl(value, false),
  height: (value) => integerIn(value, 0, 10_000_000),
  category: (value) => stringIn(value, 1, 50) && /^[a-z0-9-]+$/.test(value),
  description: (value) => stringIn(value, 0, 5000) && !hasControl(value, true),
  description_fr: (value) => stringIn(value, 0, 5000) && !hasControl(value, true),
  price_cents: (value) => integerIn(value, 0, 100_000_000),
  stock: (value) => integerIn(value, 0, 1_000_000),
};
const VALID_MONSTER = {
  name: 'Mothra',
  height: 500,
  category: 'cosmic',
  description: 'A gentle giant moth.',
  description_fr: 'Une gentille mite géante.',
  price_cents: 1250,
  stock: 4,
};

/**
 * The write API: 201 / 200 for a valid field, 400 for anything else, and 422
 * for a well-formed category the shop does not have (the API never makes one).
 */
function monsterFuzzes(admin: TestClient, categories: ReadonlySet<string>): FieldFuzz[] {
  const statusOf = (field: string, value: unknown, success: number) => {
    if (!MONSTER_RULES[field]?.(value)) return 400;
    return field === 'category' && !categories.has(value as string) ? 422 : success;
  };
  return Object.keys(MONSTER_RULES).flatMap((field): FieldFuzz[] => {
    /** A valid monster whose `field` holds the fuzzed JSON text. */
    const withField = (value: FieldValue) =>
      `{${Object.entries(VALID_MONSTER)
        .map(([name, valid]) => `"${name}":${name === field ? text(value) : JSON.stringify(valid)}`)
        .join(',')}}`;
    return [
      {
        name: `POST /api/monsters ${field}`,
        values: JSON_VALUES,
        send: (value) => sendJson(admin, 'POST', '/api/monsters', withField(value)),
        expect: (json) => ({ status: statusOf(field, parsed(json), 201) }),
      },
      {
        name: `PATCH /api/monsters/2 ${field}`,
        values: JSON_VALUES,
        send: (value) => sendJson(admin, 'PATCH', '/api/monsters/2', `{"${field}":${text(value)}}`),
        expect: (json) => ({ status: statusOf(field, parsed(json), 200) }),
      },
    ];
  });
}

async function fuzzApp(t: TestContext, engine: Engine) {
  const { app } = await buildTestApp(t, engine, UNTHROTTLED);
  const customer = await createTestUser(app.database.db, { email: CUSTOMER, name: 'Fuzz' });
  const admin = await createTestUser(app.database.db, {
    email: ADMIN,
    name: 'Fuzz',
    role: 'admin',
  });
  const rows = await app.database.db.selectFrom('monsters').select(['id', 'stock']).execute();
  const stock = new Map(rows.map((row) => [row.id, row.stock]));
  const categories = await app.database.db.selectFrom('categories').select('slug').execute();
  const fuzzes = [
    ...cartFuzzes(await apiClient(app, customer), stock),
    ...sessionFuzzes(app),
    ...monsterFuzzes(
      await apiClient(app, admin),
      new Set(categories.map((category) => category.slug)),
    ),
  ];
  return { app, fuzzes };
}

/** The JSON API, signed in, with a valid CSRF token: every field gets its exact answer. */
for (const engine of testEngines()) {
  test(`nasty JSON values in every API field get their exact answer on ${engine}`, async (t) => {
    const { app, fuzzes } = await fuzzApp(t, engine);
    assert.deepEqual(await runFuzz(app, fuzzes), []);
  });
}
