import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { sql } from 'kysely';
import {
  API_HEADERS,
  adminSetup,
  chosenCategory,
  FRENCH_PAGES,
  fieldMessagesIn,
  pictureOf,
  postForm,
} from '../../../test/helpers/admin-client.js';
import { testEngines } from '../../../test/helpers/databases.js';
import { shownValue } from '../../../test/helpers/form-values.js';
import { csrfTokenIn, TestClient } from '../../../test/helpers/http-client.js';
import { multipartBody, TINY_PNG, type UploadFile } from '../../../test/helpers/multipart.js';
import { MAX_QUERY_LENGTH } from '../catalogue/index.js';

const VALID_FORM = {
  name: 'Mothra',
  height: '500',
  category: 'cryptid',
  description: 'A gentle giant moth.',
  price: '12,50',
  stock: '4',
};
const VALID_JSON = {
  name: 'Mothra',
  height: 500,
  category: 'cryptid',
  description: 'A gentle giant moth.',
  price_cents: 1250,
  stock: 4,
};

const API = API_HEADERS;

const uploadedFiles = (dataDir: string) => readdirSync(join(dataDir, 'uploads'));

for (const engine of testEngines()) {
  test(`only admins reach the admin pages and the write API on ${engine}`, async (t) => {
    const { app, admin, customer, signedIn } = await adminSetup(t, engine);
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
    const apiCustomer = await signedIn('customer', API);
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

  test(`the list's search box takes no more than a search accepts on ${engine}`, async (t) => {
    const { admin } = await adminSetup(t, engine);
    const page = await admin.get('/admin/monsters');
    const box = /<input id="admin-search"[^>]*>/.exec(page.body)?.[0] ?? '';
    assert.match(box, new RegExp(`maxlength="${MAX_QUERY_LENGTH}"`, 'i'));
    const tooLong = await admin.get(`/admin/monsters?q=${'m'.repeat(MAX_QUERY_LENGTH + 1)}`);
    assert.equal(tooLong.statusCode, 400, 'the query schema holds the same limit');
  });

  test(`the list's column headers speak the administrator's language on ${engine}`, async (t) => {
    const { signedIn } = await adminSetup(t, engine);
    const headersOf = async (lang: string) => {
      const admin = await signedIn('admin', { accept: 'text/html', 'accept-language': lang });
      const { body } = await admin.get('/admin/monsters');
      const head = /<thead>(.*?)<\/thead>/s.exec(body)?.[1] ?? '';
      return [...head.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map(([, text]) => text);
    };
    assert.deepEqual(await headersOf('en'), [
      'Id',
      'Name',
      'Category',
      'Price (€)',
      'Stock',
      'Actions',
    ]);
    assert.deepEqual(await headersOf('fr'), [
      'N°',
      'Nom',
      'Catégorie',
      'Prix (€)',
      'Stock',
      'Actions',
    ]);
  });

  test(`the write API creates, replaces, patches and deletes, rejecting unknown fields on ${engine}`, async (t) => {
    const { app, signedIn } = await adminSetup(t, engine);
    const api = await signedIn('admin', API);

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

  test(`a refused monster form in French shows French messages beside the fields, with the typed values, on ${engine}`, async (t) => {
    const { app, signedIn } = await adminSetup(t, engine);
    const french = await signedIn('admin', FRENCH_PAGES);
    const typed = {
      name: 'M'.repeat(101),
      height: '-4',
      category: 'Bad Slug',
      description: 'Une mite géante.',
      price: '2000000',
      stock: '1,5',
    };
    const refused = await postForm(french, '/admin/monsters', typed);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Veuillez corriger les champs signalés\./);
    assert.deepEqual(fieldMessagesIn(refused.body), {
      name: 'Utilisez au plus 100 caractères.',
      height: 'Saisissez la taille en centimètres, un nombre entier de 0 à 10 000 000.',
      category: 'Choisissez une catégorie dans la liste, ou « Nouvelle catégorie ».',
      price: 'Saisissez un prix de 1 000 000,00 € au plus.',
      stock: 'Saisissez le stock, un nombre entier de 0 à 1 000 000.',
    });
    const { category: _notInTheList, ...textFields } = typed;
    for (const [field, value] of Object.entries(textFields)) {
      assert.equal(shownValue(refused.body, field), value, `${field} kept`);
    }
    assert.equal(chosenCategory(refused.body), '', 'a slug not in the list is not chosen');

    const notAPicture = await postForm(french, '/admin/monsters/1', VALID_FORM, {
      field: 'image',
      filename: 'fake.png',
      contentType: 'image/png',
      content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    assert.equal(notAPicture.statusCode, 422);
    assert.deepEqual(fieldMessagesIn(notAPicture.body), {
      image: 'Choisissez une image PNG, JPEG ou WebP (SVG et autres fichiers refusés).',
    });
    assert.equal(shownValue(notAPicture.body, 'price'), VALID_FORM.price);
    const unchanged = await app.database.db
      .selectFrom('monsters')
      .select('name')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.name, 'Cthulhu');
  });

  test(`the write API's refusals carry a code and the client's language on ${engine}`, async (t) => {
    const { signedIn } = await adminSetup(t, engine);
    const api = await signedIn('admin', { ...API, 'accept-language': 'fr' });
    for (const method of ['PATCH', 'DELETE'] as const) {
      const unknown = await api.request({
        method,
        url: '/api/monsters/424242',
        ...(method === 'PATCH' && { payload: { stock: 1 } }),
      });
      assert.equal(unknown.statusCode, 404, method);
      assert.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(unknown.json().code, 'admin.unknown_monster', method);
      assert.equal(unknown.json().detail, 'Ce monstre n’existe pas (ou plus).', method);
    }
    const invalid = await api.request({
      method: 'POST',
      url: '/api/monsters',
      payload: { ...VALID_JSON, name: '', stock: 1_000_001 },
    });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().detail, 'Certains champs sont invalides.');
    assert.deepEqual(invalid.json().errors, {
      name: 'Ce champ est obligatoire.',
      stock: 'Saisissez 1000000 ou moins.',
    });
  });
}

test("a form the shop cannot read is refused in the admin's language", async (t) => {
  const { signedIn } = await adminSetup(t, 'sqlite');
  const french = await signedIn('admin', FRENCH_PAGES);
  const token = csrfTokenIn((await french.get('/admin/monsters/new')).body);
  const { payload, contentType } = multipartBody({ _csrf: token, ...VALID_FORM });
  // The page speaks French; a client that reads problem+json gets the precise reason.
  for (const accept of ['text/html', 'application/json']) {
    const unannounced = await french.request({
      method: 'POST',
      url: '/admin/monsters',
      payload: Readable.from([payload]),
      headers: { 'content-type': contentType, accept },
    });
    assert.equal(unannounced.statusCode, 411);
    const cut = await french.request({
      method: 'POST',
      url: '/admin/monsters',
      payload: payload.subarray(0, payload.length - 40),
      headers: { 'content-type': contentType, accept },
    });
    assert.equal(cut.statusCode, 400);
    if (accept === 'text/html') {
      assert.match(unannounced.body, /<html lang="fr"[^>]*>.*Erreur 411/s);
      assert.match(cut.body, /<html lang="fr"[^>]*>.*Erreur 400/s);
    } else {
      assert.match(
        unannounced.json().detail,
        /^Envoyez le formulaire avec un en-tête Content-Length/,
      );
      assert.match(cut.json().detail, /^Les données du formulaire sont illisibles/);
    }
  }
});

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
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /Please correct the highlighted fields\./);
  assert.deepEqual(fieldMessagesIn(response.body), {
    name: 'Enter the monster’s name.',
    height: 'Enter the height in centimetres, a whole number from 0 to 10,000,000.',
    category: 'Choose a category in the list, or “New category”.',
    price: 'Enter a price in euros, like 12.50.',
    stock: 'Enter the stock, a whole number from 0 to 1,000,000.',
  });
  assert.match(response.body, /<select id="field-category"[^>]*aria-invalid="true"/);
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

const PICTURE_TOO_LARGE = {
  en: 'This picture is larger than 2 MB: choose a smaller PNG, JPEG or WebP file.',
  fr: 'Cette image dépasse 2 Mo : choisissez un fichier PNG, JPEG ou WebP plus léger.',
};

const TYPED = {
  name: 'Mothra <the Queen> & "Co"',
  height: '5000',
  category: 'cryptid',
  description: 'A gentle giant moth,\nfrom Infant Island.',
  price: '99,90',
  stock: '3',
};

/** The form page re-shown: every value typed, and the message under the picture field. */
function assertFormReshown(body: string, message: string, values: Record<string, string>) {
  assert.match(body, /<form[^>]*enctype="multipart\/form-data"/, 'the admin form');
  assert.match(body, /id="field-image"[^>]*aria-invalid="true"/);
  assert.equal(fieldMessagesIn(body).image, message);
  for (const [field, value] of Object.entries(values)) {
    const shown = field === 'category' ? chosenCategory(body) : shownValue(body, field);
    assert.equal(shown, value, `${field} kept`);
  }
}

test('a picture over 2 MB re-shows the form with every value typed, in English and French', async (t) => {
  const { app, admin, config, signedIn } = await adminSetup(t, 'sqlite');
  const french = await signedIn('admin', FRENCH_PAGES);
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
    .where((eb) => eb.or([eb('id', '=', 1), eb('name', '=', TYPED.name)]))
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
  assert.equal(
    fieldMessagesIn(both.body).stock,
    'Enter the stock, a whole number from 0 to 1,000,000.',
  );
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
