import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API_HEADERS,
  adminSetup,
  FRENCH_PAGES,
  fieldMessagesIn,
  MOTHRA_FORM,
  pictureOf,
  postForm,
} from '../../../test/helpers/admin-client.js';
import { testEngines } from '../../../test/helpers/databases.js';
import { shownValue } from '../../../test/helpers/form-values.js';

const NEW_CATEGORY = {
  category: '_new',
  new_category_slug: 'kaiju',
  new_category_name_en: 'Giant monsters',
  new_category_name_fr: 'Monstres géants',
};

/** The picker's options as [value, label, selected]. */
function optionsIn(html: string): [string, string, boolean][] {
  const select = /<select[^>]*name="category"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? '';
  return [
    ...select.matchAll(/<option value(?:="([^"]*)")?( selected)?[^>]*>([^<]*)<\/option>/g),
  ].map(([, value = '', selected, label = '']) => [value, label, selected !== undefined]);
}

test('the category is picked from a list named in the admin’s language, or created', async (t) => {
  const { admin, signedIn } = await adminSetup(t, 'sqlite');
  const english = optionsIn((await admin.get('/admin/monsters/new')).body);
  assert.deepEqual(english[0], ['', 'Choose a category', true]);
  assert.ok(english.some(([value, label]) => value === 'cosmic' && label === 'Cosmic horrors'));
  assert.deepEqual(english.at(-1), ['_new', 'New category…', false]);

  const french = await signedIn('admin', FRENCH_PAGES);
  const edit = await french.get('/admin/monsters/1/edit');
  const options = optionsIn(edit.body);
  assert.ok(
    options.some(
      ([value, label, selected]) =>
        value === 'cosmic' && label === 'Horreurs cosmiques' && selected,
    ),
  );
  assert.ok(
    options.some(([value, label]) => value === 'curcubitaceous' && label === 'Cucurbitacées'),
  );
  assert.deepEqual(options.at(-1), ['_new', 'Nouvelle catégorie…', false]);
  // Without JavaScript the new category's fields are there to fill; the script only hides them.
  assert.match(
    edit.body,
    /<fieldset class="new-category"[^>]*>\s*<legend>Nouvelle catégorie<\/legend>/,
  );
  for (const field of ['new_category_slug', 'new_category_name_en', 'new_category_name_fr']) {
    assert.match(edit.body, new RegExp(`name="${field}"`), field);
  }
  assert.match(edit.body, /<script src="\/static\/js\/admin-category\.js\?v=[0-9a-f]+" defer/);
});

for (const engine of testEngines()) {
  test(`a new category is created with the monster, named in both languages, on ${engine}`, async (t) => {
    const { app, admin, signedIn } = await adminSetup(t, engine);
    const created = await postForm(admin, '/admin/monsters', { ...MOTHRA_FORM, ...NEW_CATEGORY });
    assert.equal(created.statusCode, 303);
    const { db } = app.database;
    const category = await db
      .selectFrom('categories')
      .selectAll()
      .where('slug', '=', 'kaiju')
      .executeTakeFirstOrThrow();
    assert.deepEqual(category, {
      slug: 'kaiju',
      name_en: 'Giant monsters',
      name_fr: 'Monstres géants',
    });
    const monster = await db
      .selectFrom('monsters')
      .select(['id', 'category'])
      .where('name', '=', 'Mothra')
      .executeTakeFirstOrThrow();
    assert.equal(monster.category, 'kaiju');

    const french = await signedIn('admin', FRENCH_PAGES);
    const list = await french.get('/admin/monsters?q=mothra');
    assert.match(list.body, /<td data-label="Catégorie">Monstres géants<\/td>/);
    const picker = optionsIn((await french.get(`/admin/monsters/${monster.id}/edit`)).body);
    assert.ok(
      picker.some(
        ([value, label, selected]) => value === 'kaiju' && label === 'Monstres géants' && selected,
      ),
    );

    // The same slug again is no new category: it is picked from the list.
    const again = await postForm(admin, '/admin/monsters', {
      ...MOTHRA_FORM,
      ...NEW_CATEGORY,
      name: 'Mothra II',
      new_category_name_en: 'Other name',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(
      fieldMessagesIn(again.body).new_category_slug,
      'The category “kaiju” already exists: choose it in the list.',
    );
    const unchanged = await db
      .selectFrom('categories')
      .select('name_en')
      .where('slug', '=', 'kaiju')
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.name_en, 'Giant monsters');
  });

  test(`a typo never creates a category on ${engine}`, async (t) => {
    const { app, admin, signedIn } = await adminSetup(t, engine);
    const { db } = app.database;
    const categoriesBefore = await db.selectFrom('categories').select('slug').execute();

    const typo = await postForm(admin, '/admin/monsters', { ...MOTHRA_FORM, category: 'cosmik' });
    assert.equal(typo.statusCode, 422);
    assert.match(
      fieldMessagesIn(typo.body).category ?? '',
      /^There is no category “cosmik”\. Known categories: beast, cosmic, /,
    );
    const typoEdit = await postForm(admin, '/admin/monsters/1', {
      ...MOTHRA_FORM,
      category: 'cosmik',
    });
    assert.equal(typoEdit.statusCode, 422);

    // New category fields typed, but "New category" not chosen: said, not ignored nor created.
    const forgot = await postForm(admin, '/admin/monsters', {
      ...MOTHRA_FORM,
      ...NEW_CATEGORY,
      category: 'cosmic',
    });
    assert.equal(forgot.statusCode, 400);
    assert.equal(
      fieldMessagesIn(forgot.body).category,
      'To create the category typed below, choose “New category…” here (or empty its fields).',
    );
    for (const [field, value] of Object.entries(NEW_CATEGORY).slice(1)) {
      assert.equal(shownValue(forgot.body, field), value, `${field} kept`);
    }

    const french = await signedIn('admin', FRENCH_PAGES);
    const incomplete = await postForm(french, '/admin/monsters', {
      ...MOTHRA_FORM,
      category: '_new',
      new_category_slug: 'Kaiju Monsters',
    });
    assert.equal(incomplete.statusCode, 400);
    assert.deepEqual(fieldMessagesIn(incomplete.body), {
      new_category_slug:
        'Utilisez des lettres minuscules sans accent, des chiffres et des tirets, comme « serpent-de-mer ».',
      new_category_name_en: 'Saisissez le nom de la catégorie en anglais.',
      new_category_name_fr: 'Saisissez le nom de la catégorie en français.',
    });

    assert.deepEqual(await db.selectFrom('categories').select('slug').execute(), categoriesBefore);
    assert.equal(
      await db.selectFrom('monsters').select('id').where('name', '=', 'Mothra').executeTakeFirst(),
      undefined,
    );
    const cthulhu = await db
      .selectFrom('monsters')
      .select('category')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(cthulhu.category, 'cosmic');
  });

  test(`both descriptions are saved and shown on the edit form on ${engine}`, async (t) => {
    const { app, admin, signedIn } = await adminSetup(t, engine);
    const created = await postForm(admin, '/admin/monsters', MOTHRA_FORM);
    assert.equal(created.statusCode, 303);
    const row = await app.database.db
      .selectFrom('monsters')
      .select(['id', 'description', 'description_fr'])
      .where('name', '=', 'Mothra')
      .executeTakeFirstOrThrow();
    assert.equal(row.description, MOTHRA_FORM.description);
    assert.equal(row.description_fr, MOTHRA_FORM.description_fr);

    const french = await signedIn('admin', FRENCH_PAGES);
    const edit = await french.get(`/admin/monsters/${row.id}/edit`);
    assert.equal(shownValue(edit.body, 'description'), MOTHRA_FORM.description);
    assert.equal(shownValue(edit.body, 'description_fr'), MOTHRA_FORM.description_fr);
    assert.match(edit.body, /<label for="field-description">Description \(anglais\)<\/label>/);
    assert.match(edit.body, /<label for="field-description_fr">Description \(français\)<\/label>/);

    const changed = await postForm(admin, `/admin/monsters/${row.id}`, {
      ...MOTHRA_FORM,
      description_fr: 'Une mite géante, douce et lumineuse.',
    });
    assert.equal(changed.statusCode, 303);
    const page = await french.get(`/monsters/${MOTHRA_FORM.category}/${row.id}`);
    assert.match(page.body, /Une mite géante, douce et lumineuse\./);
  });

  test(`the write API takes the French description and refuses unknown categories on ${engine}`, async (t) => {
    const { app, signedIn } = await adminSetup(t, engine);
    const api = await signedIn('admin', API_HEADERS);
    const json = {
      name: 'Mothra',
      height: 500,
      category: 'cryptid',
      description: 'A gentle giant moth.',
      description_fr: 'Une gentille mite géante.',
      price_cents: 1250,
      stock: 4,
    };
    const created = await api.request({ method: 'POST', url: '/api/monsters', payload: json });
    assert.equal(created.statusCode, 201);
    const { id } = created.json();
    const inFrench = await app.inject({
      url: `/api/monsters/${id}`,
      headers: { accept: 'application/json', 'accept-language': 'fr' },
    });
    assert.equal(inFrench.json().description, json.description_fr);

    // PUT from a client that does not know description_fr leaves the French text alone.
    const { description_fr: _french, ...withoutFrench } = json;
    const replaced = await api.request({
      method: 'PUT',
      url: `/api/monsters/${id}`,
      payload: { ...withoutFrench, name: 'Mothra II' },
    });
    assert.equal(replaced.statusCode, 200);
    const patched = await api.request({
      method: 'PATCH',
      url: `/api/monsters/${id}`,
      payload: { description_fr: 'Une mite.' },
    });
    assert.equal(patched.statusCode, 200);
    const stored = await app.database.db
      .selectFrom('monsters')
      .select(['name', 'description_fr'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { name: 'Mothra II', description_fr: 'Une mite.' });

    const unknownField = await api.request({
      method: 'POST',
      url: '/api/monsters',
      payload: { ...json, description_de: 'Eine Motte.' },
    });
    assert.equal(unknownField.statusCode, 400);
    assert.deepEqual(Object.keys(unknownField.json().errors), ['description_de']);

    for (const [method, url] of [
      ['POST', '/api/monsters'],
      ['PATCH', `/api/monsters/${id}`],
    ] as const) {
      const typo = await api.request({ method, url, payload: { ...json, category: 'cryptd' } });
      assert.equal(typo.statusCode, 422, method);
      const problem = typo.json();
      assert.equal(problem.code, 'admin.unknown_category');
      assert.match(problem.detail, /^There is no category “cryptd”\. Known categories: beast, /);
      assert.match(problem.errors.category, /cryptid/);
    }
    const categories = await app.database.db
      .selectFrom('categories')
      .select('slug')
      .where('slug', '=', 'cryptd')
      .execute();
    assert.deepEqual(categories, [], 'no category created');

    const openapi = (await app.inject('/api/openapi.json')).json();
    const body = openapi.paths['/api/monsters'].post.requestBody.content['application/json'].schema;
    assert.ok(body.properties.description_fr, 'the French description is documented');
    assert.match(JSON.stringify(openapi.paths['/api/monsters'].post.responses['422']), /categor/);
  });
}

test('a picture over 2 MB keeps both descriptions and the new category typed, in English and French', async (t) => {
  const { admin, signedIn } = await adminSetup(t, 'sqlite');
  const french = await signedIn('admin', FRENCH_PAGES);
  const typed = { ...MOTHRA_FORM, ...NEW_CATEGORY };
  for (const client of [admin, french]) {
    const refused = await postForm(client, '/admin/monsters', typed, pictureOf(3 * 1024 * 1024));
    assert.equal(refused.statusCode, 413);
    for (const [field, value] of Object.entries(typed)) {
      if (field === 'category') continue;
      assert.equal(shownValue(refused.body, field), value, `${field} kept`);
    }
    assert.ok(optionsIn(refused.body).some(([value, , selected]) => value === '_new' && selected));
  }
});
