import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../../test/helpers/databases.js';
import { shownValue } from '../../../test/helpers/form-values.js';
import { csrfTokenIn, STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { multipartBody, TINY_PNG, type UploadFile } from '../../../test/helpers/multipart.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { createUser } from '../accounts/accounts.service.js';

const API = { accept: 'application/json', 'sec-fetch-site': 'same-origin' };
const VALID_FORM = {
  name: 'Mothra',
  height: '500',
  category: 'kaiju',
  description: 'A gentle giant moth.',
  price: '12,50',
  stock: '4',
};
const VALID_JSON = {
  name: 'Mothra',
  height: 500,
  category: 'kaiju',
  description: 'A gentle giant moth.',
  price_cents: 1250,
  stock: 4,
};

async function adminSetup(
  t: Parameters<typeof buildTestApp>[0],
  engine: Parameters<typeof buildTestApp>[1],
  options: Parameters<typeof buildTestApp>[3] = {},
) {
  const built = await buildTestApp(t, engine, {}, options);
  const { app } = built;
  await createUser(
    app.database.db,
    { email: 'admin@shop.test', name: 'Admin', password: STRONG_PASSWORD },
    'admin',
    'en',
  );
  await createUser(
    app.database.db,
    { email: 'customer@shop.test', name: 'Customer', password: STRONG_PASSWORD },
    'customer',
    'en',
  );
  const signedIn = async (email: string, headers?: Record<string, string>) => {
    const client = new TestClient(app, headers);
    const response = await client.submit('/login', '/login', { email, password: STRONG_PASSWORD });
    assert.equal(response.statusCode, 303);
    return client;
  };
  return {
    ...built,
    admin: await signedIn('admin@shop.test'),
    customer: await signedIn('customer@shop.test'),
    signedIn,
  };
}

/** Posts an admin form as multipart, with the CSRF token of a page the client may see. */
async function postForm(
  client: TestClient,
  action: string,
  fields: Record<string, string>,
  file?: UploadFile,
) {
  const token = csrfTokenIn((await client.get('/cart')).body);
  const { payload, contentType } = multipartBody({ _csrf: token, ...fields }, file);
  return client.request({
    method: 'POST',
    url: action,
    payload,
    headers: { 'content-type': contentType },
  });
}

const uploadedFiles = (dataDir: string) => readdirSync(join(dataDir, 'uploads'));

for (const engine of testEngines()) {
  test(`only admins reach the admin pages and the write API on ${engine}`, async (t) => {
    const { app, admin, customer } = await adminSetup(t, engine);
    const anonymous = new TestClient(app);
    for (const url of [
      '/admin/monsters',
      '/admin/monsters/new',
      '/admin/monsters/1/edit',
      '/admin/monsters/1/delete',
    ]) {
      const out = await anonymous.get(url);
      assert.equal(out.statusCode, 303, url);
      assert.equal(out.headers.location, `/login?next=${encodeURIComponent(url)}`);
      assert.equal((await customer.get(url)).statusCode, 403, url);
      assert.equal((await admin.get(url)).statusCode, 200, url);
    }
    for (const action of ['/admin/monsters', '/admin/monsters/1', '/admin/monsters/1/delete']) {
      assert.equal((await postForm(anonymous, action, VALID_FORM)).statusCode, 303, action);
      assert.equal((await postForm(customer, action, VALID_FORM)).statusCode, 403, action);
    }
    assert.ok(
      await app.database.db
        .selectFrom('monsters')
        .select('id')
        .where('id', '=', 1)
        .executeTakeFirst(),
      'Cthulhu survived',
    );

    const writes: [string, string, object | undefined][] = [
      ['POST', '/api/monsters', VALID_JSON],
      ['PUT', '/api/monsters/1', VALID_JSON],
      ['PATCH', '/api/monsters/1', { stock: 3 }],
      ['DELETE', '/api/monsters/1', undefined],
    ];
    const apiCustomer = new TestClient(app, API);
    await apiCustomer.request({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'customer@shop.test', password: STRONG_PASSWORD },
    });
    for (const [method, url, payload] of writes) {
      const request = { method: method as 'POST', url, ...(payload && { payload }) };
      assert.equal(
        (await app.inject({ ...request, headers: API })).statusCode,
        401,
        `${method} ${url} anonymous`,
      );
      assert.equal(
        (await apiCustomer.request(request)).statusCode,
        403,
        `${method} ${url} customer`,
      );
    }
    const untouched = await app.database.db
      .selectFrom('monsters')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(untouched.name, 'Cthulhu');
  });

  test(`the write API creates, replaces, patches and deletes, rejecting unknown fields on ${engine}`, async (t) => {
    const { app } = await adminSetup(t, engine);
    const api = new TestClient(app, API);
    await api.request({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'admin@shop.test', password: STRONG_PASSWORD },
    });

    const created = await api.request({
      method: 'POST',
      url: '/api/monsters',
      payload: VALID_JSON,
    });
    assert.equal(created.statusCode, 201);
    const monster = created.json();
    assert.equal(created.headers.location, `/api/monsters/${monster.id}`);
    assert.deepEqual({ ...monster, id: 0 }, { id: 0, ...VALID_JSON, image: null });
    assert.equal((await app.inject(`/api/monsters/${monster.id}`)).json().name, 'Mothra');

    const massAssignment = await api.request({
      method: 'POST',
      url: '/api/monsters',
      payload: { ...VALID_JSON, id: 9999, image: '/evil.svg' },
    });
    assert.equal(massAssignment.statusCode, 400);
    assert.deepEqual(Object.keys(massAssignment.json().errors).sort(), ['id', 'image']);
    assert.equal((await app.inject('/api/monsters/9999')).statusCode, 404, 'nothing stored');
    const wrongTypes = await api.request({
      method: 'POST',
      url: '/api/monsters',
      payload: { ...VALID_JSON, price_cents: '12.50', category: 'Kaiju!' },
    });
    assert.equal(wrongTypes.statusCode, 400);
    assert.ok(wrongTypes.json().errors.price_cents && wrongTypes.json().errors.category);

    const replaced = await api.request({
      method: 'PUT',
      url: `/api/monsters/${monster.id}`,
      payload: { ...VALID_JSON, name: 'Mothra II' },
    });
    assert.equal(replaced.json().name, 'Mothra II');
    const partialPut = await api.request({
      method: 'PUT',
      url: `/api/monsters/${monster.id}`,
      payload: { name: 'x' },
    });
    assert.equal(partialPut.statusCode, 400, 'PUT replaces every field');
    const patched = await api.request({
      method: 'PATCH',
      url: `/api/monsters/${monster.id}`,
      payload: { stock: 0 },
    });
    assert.equal(patched.json().stock, 0);
    assert.equal(patched.json().name, 'Mothra II');
    assert.equal(
      (await api.request({ method: 'PATCH', url: `/api/monsters/${monster.id}`, payload: {} }))
        .statusCode,
      400,
    );
    assert.equal(
      (await api.request({ method: 'PATCH', url: '/api/monsters/424242', payload: { stock: 1 } }))
        .statusCode,
      404,
    );

    const deleted = await api.request({ method: 'DELETE', url: `/api/monsters/${monster.id}` });
    assert.equal(deleted.statusCode, 204);
    assert.equal((await app.inject(`/api/monsters/${monster.id}`)).statusCode, 404);
    assert.equal(
      (await api.request({ method: 'DELETE', url: `/api/monsters/${monster.id}` })).statusCode,
      404,
    );
  });

  test(`deleting a monster that was ordered keeps the orders intact on ${engine}`, async (t) => {
    const { admin, customer } = await adminSetup(t, engine);
    await customer.submit('/login', '/cart/items', { monster_id: '1', quantity: '2' });
    const checkout = await customer.submit('/cart', '/checkout', {});
    const orderUrl = String(checkout.headers.location);
    await customer.submit('/login', '/cart/items', { monster_id: '1', quantity: '1' });

    const confirm = await admin.get('/admin/monsters/1/delete');
    assert.match(confirm.body, /Delete Cthulhu\?/);
    const deleted = await postForm(admin, '/admin/monsters/1/delete', {});
    assert.equal(deleted.statusCode, 303);
    assert.match((await admin.get('/admin/monsters')).body, /Cthulhu was deleted\./);

    const order = await customer.get(orderUrl);
    assert.equal(order.statusCode, 200);
    assert.match(order.body, /Cthulhu/);
    const cart = await customer.get('/cart');
    assert.equal(cart.statusCode, 200);
    assert.match(cart.body, /Your cart is empty/, 'the deleted monster left the cart gracefully');
  });
}

test('admin forms validate with per-field messages and keep what was typed', async (t) => {
  const { admin } = await adminSetup(t, 'sqlite');
  const response = await postForm(admin, '/admin/monsters', {
    name: '',
    height: '-4',
    category: 'Bad Slug',
    description: 'ok',
    price: 'free',
    stock: '1.5',
  });
  assert.equal(response.statusCode, 422);
  for (const message of [
    'Enter a name of 1 to 100 characters.',
    'Enter the height as a whole number of centimetres',
    'Use lower-case letters, digits and dashes only',
    'Enter a price in euros, like 12.50',
    'Enter the stock as a whole number',
  ]) {
    assert.ok(response.body.includes(message), message);
  }
  assert.match(
    response.body,
    /id="field-category"[^>]*value="Bad Slug"|value="Bad Slug"[^>]*id="field-category"/,
  );
  assert.match(
    response.body,
    /id="field-price"[^>]*aria-invalid="true"[^>]*aria-describedby="field-price-hint field-price-error"/,
  );
});

test('pictures: a real PNG is stored and served; fakes, SVG and oversized files are refused without leftovers', async (t) => {
  const { app, admin, config } = await adminSetup(t, 'sqlite');
  const png = await postForm(admin, '/admin/monsters', VALID_FORM, {
    field: 'image',
    filename: 'mothra.png',
    contentType: 'image/png',
    content: TINY_PNG,
  });
  assert.equal(png.statusCode, 303);
  const row = await app.database.db
    .selectFrom('monsters')
    .selectAll()
    .where('name', '=', 'Mothra')
    .executeTakeFirstOrThrow();
  assert.match(String(row.image), /^\/uploads\/[0-9a-f]{32}\.png$/);
  assert.equal(row.price_cents, 1250);
  const served = await app.inject(String(row.image));
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/png');
  assert.equal(served.headers['x-content-type-options'], 'nosniff');
  assert.deepEqual(served.rawPayload, TINY_PNG);

  const refusals: [UploadFile, number][] = [
    [
      {
        field: 'image',
        filename: 'fake.png',
        contentType: 'image/png',
        content: Buffer.from('<html><script>alert(1)</script></html>'),
      },
      422,
    ],
    [
      {
        field: 'image',
        filename: 'logo.svg',
        contentType: 'image/svg+xml',
        content: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
      },
      422,
    ],
    [
      {
        field: 'image',
        filename: 'huge.png',
        contentType: 'image/png',
        content: Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]),
      },
      413,
    ],
  ];
  for (const [file, status] of refusals) {
    const response = await postForm(
      admin,
      '/admin/monsters',
      { ...VALID_FORM, name: `Refused ${file.filename}` },
      file,
    );
    assert.equal(response.statusCode, status, file.filename);
    const stored = await app.database.db
      .selectFrom('monsters')
      .select('id')
      .where('name', '=', `Refused ${file.filename}`)
      .executeTakeFirst();
    assert.equal(stored, undefined, `${file.filename}: no row`);
  }
  assert.equal(uploadedFiles(config.dataDir).length, 1, 'only the accepted picture is on disk');
});

test('a failed save leaves no orphan picture', async (t) => {
  const { app, admin, config } = await adminSetup(t, 'sqlite', {
    expectedErrors: /request failed/,
  });
  await sql`create trigger refuse_monsters before insert on monsters begin select raise(abort, 'refused'); end`.execute(
    app.database.db,
  );
  const response = await postForm(admin, '/admin/monsters', VALID_FORM, {
    field: 'image',
    filename: 'm.png',
    contentType: 'image/png',
    content: TINY_PNG,
  });
  assert.equal(response.statusCode, 500);
  assert.doesNotMatch(response.body, /refused|trigger/, 'no SQL detail leaks');
  assert.deepEqual(uploadedFiles(config.dataDir), [], 'the staged picture was removed');
});

/** A real PNG padded past the 2 MB limit. */
const pictureOf = (bytes: number): UploadFile => ({
  field: 'image',
  filename: 'big.png',
  contentType: 'image/png',
  content: Buffer.concat([TINY_PNG, Buffer.alloc(bytes - TINY_PNG.length)]),
});

const PICTURE_TOO_LARGE = {
  en: 'This picture is larger than 2 MB: choose a smaller PNG, JPEG or WebP file.',
  fr: 'Cette image dépasse 2 Mo : choisissez un fichier PNG, JPEG ou WebP plus léger.',
};

const TYPED = {
  name: 'Mothra <the Queen> & "Co"',
  height: '5000',
  category: 'kaiju',
  description: 'A gentle giant moth,\nfrom Infant Island.',
  price: '99,90',
  stock: '3',
};

/** The form page re-shown: every value typed, and the message under the picture field. */
function assertFormReshown(body: string, message: string, values: Record<string, string>) {
  assert.match(body, /<form[^>]*enctype="multipart\/form-data"/, 'the admin form');
  assert.match(body, /id="field-image"[^>]*aria-invalid="true"/);
  assert.ok(body.includes(`<p class="field-error" id="field-image-error">${message}</p>`), message);
  for (const [field, value] of Object.entries(values)) {
    assert.equal(shownValue(body, field), value, `${field} kept`);
  }
}

test('a picture over 2 MB re-shows the form with every value typed, in English and French', async (t) => {
  const { app, admin, config, signedIn } = await adminSetup(t, 'sqlite');
  const french = await signedIn('admin@shop.test', {
    accept: 'text/html',
    'accept-language': 'fr',
  });
  for (const [client, message] of [
    [admin, PICTURE_TOO_LARGE.en],
    [french, PICTURE_TOO_LARGE.fr],
  ] as const) {
    const created = await postForm(client, '/admin/monsters', TYPED, pictureOf(3 * 1024 * 1024));
    assert.equal(created.statusCode, 413);
    assertFormReshown(created.body, message, TYPED);
    assert.match(created.body, /action="\/admin\/monsters"/);

    const edited = await postForm(
      client,
      '/admin/monsters/1',
      TYPED,
      pictureOf(2 * 1024 * 1024 + 1),
    );
    assert.equal(edited.statusCode, 413);
    assertFormReshown(edited.body, message, TYPED);
    assert.match(edited.body, /action="\/admin\/monsters\/1"/);
  }
  const stored = await app.database.db
    .selectFrom('monsters')
    .select(['name', 'image'])
    .where((eb) => eb.or([eb('id', '=', 1), eb('category', '=', 'kaiju')]))
    .execute();
  assert.deepEqual(
    stored.map((row) => row.name),
    ['Cthulhu'],
    'nothing created or changed',
  );
  assert.deepEqual(uploadedFiles(config.dataDir), [], 'no file kept');

  // Still a refused picture, with a wrong field beside it: both messages, still a 413.
  const both = await postForm(
    admin,
    '/admin/monsters',
    { ...TYPED, stock: 'many' },
    pictureOf(3 * 1024 * 1024),
  );
  assert.equal(both.statusCode, 413);
  assert.ok(both.body.includes('Enter the stock as a whole number'));
  assertFormReshown(both.body, PICTURE_TOO_LARGE.en, { ...TYPED, stock: 'many' });
});

test('an upload far over the limit is refused early, still on the form, and the address bar can reload', async (t) => {
  const { app, admin, customer } = await adminSetup(t, 'sqlite');
  const anonymous = new TestClient(app);
  const tooLarge = pictureOf(20 * 1024 * 1024);
  assert.equal((await postForm(anonymous, '/admin/monsters', TYPED, tooLarge)).statusCode, 303);
  assert.equal((await postForm(customer, '/admin/monsters', TYPED, tooLarge)).statusCode, 403);
  const { payload, contentType } = multipartBody(TYPED);
  const unannounced = await admin.request({
    method: 'POST',
    url: '/admin/monsters',
    payload: Readable.from([payload]),
    headers: { 'content-type': contentType },
  });
  assert.equal(unannounced.statusCode, 411, 'a multipart body of unknown length is not read');

  const huge = await postForm(admin, '/admin/monsters/1', TYPED, tooLarge);
  assert.equal(huge.statusCode, 413);
  // Too large to be read: the values typed are unknown, the stored ones are shown.
  assertFormReshown(huge.body, PICTURE_TOO_LARGE.en, { name: 'Cthulhu', category: 'cosmic' });

  // The edit form's action answers GET too: reloading or switching language after a refusal works.
  const reload = await admin.get('/admin/monsters/1');
  assert.equal(reload.statusCode, 303);
  assert.equal(reload.headers.location, '/admin/monsters/1/edit');
});
