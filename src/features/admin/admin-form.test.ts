import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  adminSetup,
  FRENCH_PAGES,
  fieldMessagesIn,
  postForm,
  SMALL_PICTURE,
} from '../../../test/helpers/admin-client.js';
import { testEngines } from '../../../test/helpers/databases.js';

const VALID_FORM = {
  name: 'Mothra',
  height: '500',
  category: 'cosmic',
  description: 'A gentle giant moth.',
  price: '12,50',
  stock: '4',
};

/** Every field typed wrong at once. */
const ALL_WRONG = {
  name: '',
  height: 'tall',
  category: 'Bad Slug',
  description: 'ok',
  price: '12.5 €',
  stock: '-1',
};

const uploadedFiles = (dataDir: string) => readdirSync(join(dataDir, 'uploads'));

test('each refused field says plainly what to type, in English and French', async (t) => {
  const { admin, signedIn } = await adminSetup(t, 'sqlite');
  const french = await signedIn('admin', FRENCH_PAGES);

  const english = await postForm(admin, '/admin/monsters', ALL_WRONG);
  assert.equal(english.statusCode, 400);
  assert.deepEqual(fieldMessagesIn(english.body), {
    name: 'Enter the monster’s name.',
    height: 'Enter the height in centimetres, a whole number from 0 to 10,000,000.',
    category: 'Choose a category in the list, or “New category”.',
    price: 'Enter a price in euros, like 12.50.',
    stock: 'Enter the stock, a whole number from 0 to 1,000,000.',
  });
  const inFrench = await postForm(french, '/admin/monsters', ALL_WRONG);
  assert.equal(inFrench.statusCode, 400);
  assert.deepEqual(fieldMessagesIn(inFrench.body), {
    name: 'Saisissez le nom du monstre.',
    height: 'Saisissez la taille en centimètres, un nombre entier de 0 à 10 000 000.',
    category: 'Choisissez une catégorie dans la liste, ou « Nouvelle catégorie ».',
    price: 'Saisissez un prix en euros, comme 12,50.',
    stock: 'Saisissez le stock, un nombre entier de 0 à 1 000 000.',
  });
  assert.doesNotMatch(inFrench.body, /format attendu/);

  const tooExpensive = await postForm(admin, '/admin/monsters', {
    ...VALID_FORM,
    price: '2000000',
  });
  assert.deepEqual(fieldMessagesIn(tooExpensive.body), {
    price: 'Enter a price of at most €1,000,000.00.',
  });
});

test('the error summary links each refused field', async (t) => {
  const { admin } = await adminSetup(t, 'sqlite');
  const refused = await postForm(admin, '/admin/monsters', { ...VALID_FORM, price: 'free' });
  const summary = /<div class="form-error"[^>]*>(.*?)<\/div>/s.exec(refused.body)?.[1] ?? '';
  // The summary may name the field before its message.
  assert.match(
    summary,
    /<a href="#field-price">(?:Price \(€\): )?Enter a price in euros, like 12\.50\.<\/a>/,
  );
});

test('a new monster has no current picture to keep', async (t) => {
  const { admin } = await adminSetup(t, 'sqlite');
  const blank = await admin.get('/admin/monsters/new');
  assert.doesNotMatch(blank.body, /current picture/i);
  assert.doesNotMatch(blank.body, /name="remove_image"/);
  const edit = await admin.get('/admin/monsters/1/edit');
  assert.match(edit.body, /Leave empty to keep the current picture\./);
});

test('a valid picture sent with a refused field is asked for again, plainly', async (t) => {
  const { admin, signedIn, config } = await adminSetup(t, 'sqlite');
  const refused = await postForm(
    admin,
    '/admin/monsters',
    { ...VALID_FORM, price: 'free' },
    SMALL_PICTURE,
  );
  assert.equal(refused.statusCode, 400);
  // A notice beside the field, which is not marked wrong: the picture was fine.
  const noticeIn = (html: string) =>
    /<p class="field-notice" id="field-image-notice">([^<]*)<\/p>/
      .exec(html)?.[1]
      ?.replaceAll(/[\u00a0\u202f]/g, ' ');
  assert.equal(
    noticeIn(refused.body),
    'Your picture was not saved with the refused form: choose it again.',
  );
  assert.equal(fieldMessagesIn(refused.body).image, undefined);
  const french = await signedIn('admin', FRENCH_PAGES);
  const refusedFr = await postForm(
    french,
    '/admin/monsters',
    { ...VALID_FORM, price: 'free' },
    SMALL_PICTURE,
  );
  assert.equal(
    noticeIn(refusedFr.body),
    'Votre image n’a pas été enregistrée avec le formulaire refusé : choisissez-la à nouveau.',
  );
  assert.deepEqual(uploadedFiles(config.dataDir), [], 'nothing half-saved');
});

for (const engine of testEngines()) {
  test(`an administrator removes a monster's picture on ${engine}`, async (t) => {
    const { app, admin, config } = await adminSetup(t, engine);
    const created = await postForm(admin, '/admin/monsters', VALID_FORM, SMALL_PICTURE);
    assert.equal(created.statusCode, 303);
    const { id, image } = await app.database.db
      .selectFrom('monsters')
      .select(['id', 'image'])
      .where('name', '=', 'Mothra')
      .executeTakeFirstOrThrow();
    assert.equal(uploadedFiles(config.dataDir).length, 1);

    const edit = await admin.get(`/admin/monsters/${id}/edit`);
    assert.match(edit.body, new RegExp(`<img src="${image}"`));
    assert.match(
      edit.body,
      /<input[^>]*name="remove_image"[^>]*type="checkbox"|type="checkbox"[^>]*name="remove_image"/,
    );
    assert.match(edit.body, /Remove the current picture/);

    const saved = await postForm(admin, `/admin/monsters/${id}`, {
      ...VALID_FORM,
      remove_image: '1',
    });
    assert.equal(saved.statusCode, 303);
    const row = await app.database.db
      .selectFrom('monsters')
      .select('image')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.image, null);
    assert.deepEqual(uploadedFiles(config.dataDir), [], 'the file is gone too');

    const without = await admin.get(`/admin/monsters/${id}/edit`);
    assert.doesNotMatch(without.body, /name="remove_image"/, 'nothing left to remove');
    assert.doesNotMatch(without.body, /keep the current picture/);

    // A refused form keeps the box as it was ticked.
    const refused = await postForm(admin, '/admin/monsters/1', {
      ...VALID_FORM,
      price: 'free',
      remove_image: '1',
    });
    assert.match(refused.body, /<input[^>]*name="remove_image"[^>]*checked/);
    const cthulhu = await app.database.db
      .selectFrom('monsters')
      .select('image')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    assert.notEqual(cthulhu.image, null, 'a refused form removes nothing');
  });
}

test('deleting is a separate, clearly dangerous step, in English and French', async (t) => {
  const { app, admin, signedIn } = await adminSetup(t, 'sqlite');
  const edit = await admin.get('/admin/monsters/1/edit');
  assert.match(
    edit.body,
    /<a class="button danger" href="\/admin\/monsters\/1\/delete">Delete Cthulhu…<\/a>/,
  );

  const confirm = await admin.get('/admin/monsters/1/delete');
  assert.match(
    confirm.body,
    /<button type="submit" class="button danger">Yes, delete it<\/button>/,
  );
  assert.match(confirm.body, /<div class="form-actions danger-actions">/);
  assert.match(
    confirm.body,
    /<a class="button secondary" href="\/admin\/monsters\/1\/edit">Cancel<\/a>/,
  );
  const french = await signedIn('admin', FRENCH_PAGES);
  const confirmFr = await french.get('/admin/monsters/1/delete');
  assert.match(confirmFr.body, /class="button danger">Oui, le supprimer<\/button>/);

  assert.ok(
    await app.database.db
      .selectFrom('monsters')
      .select('id')
      .where('id', '=', 1)
      .executeTakeFirst(),
    'showing the confirmation deletes nothing',
  );
  const deleted = await postForm(admin, '/admin/monsters/1/delete', {});
  assert.equal(deleted.statusCode, 303);
  assert.equal(
    await app.database.db
      .selectFrom('monsters')
      .select('id')
      .where('id', '=', 1)
      .executeTakeFirst(),
    undefined,
  );
});

test('the admin list stacks on a phone and writes numbers for the reader', async (t) => {
  const { app, signedIn } = await adminSetup(t, 'sqlite');
  await app.database.db.updateTable('monsters').set({ stock: 12000 }).where('id', '=', 1).execute();
  const french = await signedIn('admin', FRENCH_PAGES);
  const list = await french.get('/admin/monsters?q=cthulhu');
  assert.match(list.body, /<table class="stacked-table admin-table">/);
  assert.match(
    list.body,
    /<td class="number" data-label="Stock">12\u202f000<\/td>|<td class="number" data-label="Stock">12 000<\/td>/,
  );
  assert.match(list.body, /<td[^>]*data-label="Prix \(€\)"/);
});
