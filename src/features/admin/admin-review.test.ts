import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API_HEADERS,
  adminSetup,
  FRENCH_PAGES,
  fieldMessagesIn,
  MOTHRA_FORM,
  postForm,
  SMALL_PICTURE,
} from '../../../test/helpers/admin-client.js';
import { testEngines } from '../../../test/helpers/databases.js';

/** Text as a reader sees it: French typography's non-breaking spaces read as spaces. */
const plain = (text: string) => text.replaceAll(/[\u00a0\u202f]/g, ' ').replaceAll('&#39;', "'");

const newCategory = (slug: string, name_en: string, name_fr: string) => ({
  category: '_new',
  new_category_slug: slug,
  new_category_name_en: name_en,
  new_category_name_fr: name_fr,
});

for (const engine of testEngines()) {
  test(`a new category may not take another one's name, in either language, on ${engine}`, async (t) => {
    const { app, admin, signedIn } = await adminSetup(t, engine);
    const english = await postForm(admin, '/admin/monsters', {
      ...MOTHRA_FORM,
      ...newCategory('cosmic-2', 'COSMIC horrors', 'Horreurs venues d’ailleurs'),
    });
    assert.equal(english.statusCode, 409);
    assert.deepEqual(fieldMessagesIn(english.body), {
      new_category_name_en:
        'The category “Cosmic horrors” already has this name: choose it in the list.',
    });

    const french = await signedIn('admin', FRENCH_PAGES);
    // Accents and case aside, "Cucurbitacées" is taken.
    const accentless = await postForm(french, '/admin/monsters', {
      ...MOTHRA_FORM,
      ...newCategory('gourds', 'Gourds', 'cucurbitacees'),
    });
    assert.equal(accentless.statusCode, 409);
    assert.deepEqual(fieldMessagesIn(accentless.body), {
      new_category_name_fr:
        'La catégorie « Cucurbitacées » porte déjà ce nom : choisissez-la dans la liste.',
    });
    const slugs = await app.database.db.selectFrom('categories').select('slug').execute();
    assert.ok(!slugs.some(({ slug }) => slug === 'cosmic-2' || slug === 'gourds'));
    const mothra = await app.database.db
      .selectFrom('monsters')
      .select('id')
      .where('name', '=', 'Mothra')
      .executeTakeFirst();
    assert.equal(mothra, undefined, 'nothing was saved');

    // The picker still lists each name once.
    const picker = (await admin.get('/admin/monsters/new')).body;
    assert.equal(picker.match(/>Cosmic horrors</g)?.length, 1);
  });
}

test('a new slug starts and ends with a letter or a digit', async (t) => {
  const { admin, signedIn } = await adminSetup(t, 'sqlite');
  const french = await signedIn('admin', FRENCH_PAGES);
  for (const slug of ['-', '-a', 'a-']) {
    const refused = await postForm(admin, '/admin/monsters', {
      ...MOTHRA_FORM,
      ...newCategory(slug, `Name ${slug}`, `Nom ${slug}`),
    });
    assert.equal(refused.statusCode, 400, slug);
    assert.equal(
      fieldMessagesIn(refused.body).new_category_slug,
      'Use lower-case letters without accents, digits and dashes, like “sea-serpent”.',
      slug,
    );
  }
  const refused = await postForm(french, '/admin/monsters', {
    ...MOTHRA_FORM,
    ...newCategory('a-', 'Name', 'Nom'),
  });
  // The French example is the hint's.
  assert.equal(
    fieldMessagesIn(refused.body).new_category_slug,
    'Utilisez des lettres minuscules sans accent, des chiffres et des tirets, comme « serpent-de-mer ».',
  );
  assert.match(plain(refused.body), /par exemple « serpent-de-mer »/);
  const accepted = await postForm(admin, '/admin/monsters', {
    ...MOTHRA_FORM,
    ...newCategory('a-1', 'A one', 'Un A'),
  });
  assert.equal(accepted.statusCode, 303);
});

for (const engine of testEngines()) {
  test(`the public filter leaves out emptied categories, the admin picker keeps them, on ${engine}`, async (t) => {
    const { app, admin } = await adminSetup(t, engine);
    const filterBefore = (await admin.get('/monsters')).body;
    assert.match(filterBefore, /<option value="cosmic"/);
    const cosmic = await app.database.db
      .selectFrom('monsters')
      .select('id')
      .where('category', '=', 'cosmic')
      .execute();
    assert.ok(cosmic.length > 0);
    for (const { id } of cosmic) {
      const deleted = await admin.submit(
        `/admin/monsters/${id}/delete`,
        `/admin/monsters/${id}/delete`,
        {},
      );
      assert.equal(deleted.statusCode, 303);
    }
    const filter = (await admin.get('/monsters')).body;
    assert.doesNotMatch(filter, /<option value="cosmic"/);
    assert.match(filter, /<option value="cryptid"/);
    assert.match((await admin.get('/admin/monsters/new')).body, /<option value="cosmic"/);
  });
}

for (const engine of testEngines()) {
  test(`API writes answer in the client's language, as reads do, on ${engine}`, async (t) => {
    const { admin } = await adminSetup(t, engine);
    const french = { ...API_HEADERS, 'accept-language': 'fr' };
    const created = await admin.request({
      method: 'POST',
      url: '/api/monsters',
      headers: french,
      payload: {
        name: 'Mothra',
        height: 500,
        category: 'cryptid',
        description: 'A gentle giant moth.',
        description_fr: 'Une gentille mite géante.',
        price_cents: 1250,
        stock: 4,
      },
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().description, 'Une gentille mite géante.');
    assert.equal(created.headers['content-language'], 'fr');
    assert.match(String(created.headers.vary), /Accept-Language/);
    const url = String(created.headers.location);
    const read = await admin.request({ method: 'GET', url, headers: french });
    assert.deepEqual(created.json(), read.json());

    for (const method of ['PUT', 'PATCH'] as const) {
      const changed = await admin.request({
        method,
        url,
        headers: french,
        payload: method === 'PATCH' ? { stock: 5 } : REPLACED,
      });
      assert.equal(changed.statusCode, 200, `${method} ${changed.body}`);
      assert.equal(changed.headers['content-language'], 'fr', method);
      assert.match(String(changed.headers.vary), /Accept-Language/, method);
      assert.match(changed.json().description, /^Une /, method);
    }
    const english = await admin.request({
      method: 'PATCH',
      url,
      headers: { ...API_HEADERS, 'accept-language': 'en' },
      payload: { stock: 6 },
    });
    assert.equal(english.headers['content-language'], 'en');
    assert.equal(english.json().description, 'A gentle giant moth.');
  });
}

/** PUT's body: every editable field. */
const REPLACED = {
  name: 'Mothra',
  height: 600,
  category: 'cryptid',
  description: 'A gentle giant moth.',
  description_fr: 'Une mite géante.',
  price_cents: 1300,
  stock: 4,
};

const NOT_A_PICTURE = {
  field: 'image',
  filename: 'notes.png',
  contentType: 'image/png',
  content: Buffer.from('just some text, renamed'),
};

test('a non-image file is said to be one even when another field is refused', async (t) => {
  const { admin, signedIn } = await adminSetup(t, 'sqlite');
  const refused = await postForm(
    admin,
    '/admin/monsters',
    { ...MOTHRA_FORM, name: '' },
    NOT_A_PICTURE,
  );
  assert.equal(refused.statusCode, 400);
  assert.deepEqual(fieldMessagesIn(refused.body), {
    name: 'Enter the monster’s name.',
    image: 'Choose a PNG, JPEG or WebP picture (SVG and other files are not accepted).',
  });
  assert.match(refused.body, /<input[^>]*id="field-image"[^>]*aria-invalid="true"/);

  const french = await signedIn('admin', FRENCH_PAGES);
  const frenchRefused = await postForm(
    french,
    '/admin/monsters',
    { ...MOTHRA_FORM, name: '' },
    NOT_A_PICTURE,
  );
  assert.equal(
    fieldMessagesIn(frenchRefused.body).image,
    'Choisissez une image PNG, JPEG ou WebP (SVG et autres fichiers refusés).',
  );

  // A good picture is not wrong: the notice stays, the field is not marked invalid.
  const good = await postForm(
    admin,
    '/admin/monsters',
    { ...MOTHRA_FORM, name: '' },
    SMALL_PICTURE,
  );
  assert.equal(good.statusCode, 400);
  assert.match(
    plain(good.body),
    /Your picture was not saved with the refused form: choose it again\./,
  );
  assert.doesNotMatch(good.body, /<input[^>]*id="field-image"[^>]*aria-invalid/);
  assert.deepEqual(Object.keys(fieldMessagesIn(good.body)), ['name']);
  assert.doesNotMatch(good.body, /href="#field-image"/, 'the summary does not list the picture');
  const goodFrench = await postForm(
    french,
    '/admin/monsters',
    { ...MOTHRA_FORM, name: '' },
    SMALL_PICTURE,
  );
  assert.match(plain(goodFrench.body), /choisissez-la à nouveau\./);
});

test('a search matching no monster says so, with a way to clear it, in both languages', async (t) => {
  const { admin, signedIn } = await adminSetup(t, 'sqlite');
  const empty = await admin.get('/admin/monsters?q=zzzz');
  assert.equal(empty.statusCode, 200);
  assert.match(plain(empty.body), /No monster matches “zzzz”\./);
  assert.match(empty.body, /<a href="\/admin\/monsters">Clear the search<\/a>/);
  assert.doesNotMatch(empty.body, /<table/);
  const french = await signedIn('admin', FRENCH_PAGES);
  const frenchEmpty = await french.get('/admin/monsters?q=zzzz');
  assert.match(plain(frenchEmpty.body), /Aucun monstre ne correspond à « zzzz »\./);
  assert.match(frenchEmpty.body, /<a href="\/admin\/monsters">Effacer la recherche<\/a>/);
  // A search that matches keeps its table.
  assert.match((await admin.get('/admin/monsters?q=a')).body, /<table/);
});

test('the edit form shows the price as the page’s language writes it', async (t) => {
  const { app, admin, signedIn } = await adminSetup(t, 'sqlite');
  await app.database.db
    .updateTable('monsters')
    .set({ price_cents: 4700 })
    .where('id', '=', 1)
    .execute();
  const priceIn = (html: string) => /<input[^>]*name="price"[^>]*value="([^"]*)"/.exec(html)?.[1];
  assert.equal(priceIn((await admin.get('/admin/monsters/1/edit')).body), '47.00');
  const french = await signedIn('admin', FRENCH_PAGES);
  assert.equal(priceIn((await french.get('/admin/monsters/1/edit')).body), '47,00');
});
