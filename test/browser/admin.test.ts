import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { assertEventually, launchBrowser } from '../helpers/browser.js';
import { startLiveServer } from '../helpers/live-server.js';
import { TINY_PNG } from '../helpers/multipart.js';
import { createTestUser, signInBrowser } from '../helpers/sign-in.js';

/** A live shop with an administrator, Ada, signed in on a page of a real Chromium. */
async function adminInBrowser(t: TestContext) {
  const { baseUrl, app } = await startLiveServer(t);
  const ada = await createTestUser(app.database.db, {
    email: 'ada@example.com',
    name: 'Ada',
    role: 'admin',
  });
  const browser = await launchBrowser(t);
  await signInBrowser(browser, app, baseUrl, ada);
  return { baseUrl, app, page: await browser.newPage() };
}

test('an admin creates a monster with a picture and finds it in the catalogue', async (t) => {
  const { baseUrl, page } = await adminInBrowser(t);

  await page.goto(`${baseUrl}/account`);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('link', { name: 'Add a monster' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Mothra');
  await page.getByLabel('Height (cm)').fill('5000');
  await page.getByLabel('Category').selectOption({ label: 'New category…' });
  await page.getByLabel('Slug').fill('kaiju');
  await page.getByLabel('Name in English').fill('Kaiju');
  await page.getByLabel('Name in French').fill('Kaijū');
  await page.getByLabel('Description (English)').fill('A gentle giant moth from Infant Island.');
  await page.getByLabel('Description (French)').fill('Une gentille mite géante de l’île Infant.');
  await page.getByLabel('Price (€)').fill('99.90');
  await page.getByLabel('Stock').fill('3');
  await page
    .getByLabel('Picture')
    .setInputFiles({ name: 'mothra.png', mimeType: 'image/png', buffer: TINY_PNG });
  await page.getByRole('button', { name: 'Create the monster' }).click();
  await page.waitForURL(`${baseUrl}/admin/monsters`);
  await page.getByText('Mothra joined the catalogue.').waitFor();

  await page.goto(`${baseUrl}/monsters?category=kaiju`);
  await page.getByRole('link', { name: 'Mothra' }).first().click();
  await page.waitForURL(/\/monsters\/kaiju\/\d+$/);
  await page.getByRole('heading', { name: 'Mothra' }).waitFor();
  await page.locator('.breadcrumb').getByText('Kaiju').waitFor();
  const picture = page.locator('main img[src^="/uploads/"]');
  await assertEventually(
    () => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1),
    true,
    'the uploaded picture loads',
  );
  await page.getByText('€99.90').first().waitFor();
});

test('a category typed then given up for another one is not sent with the form', async (t) => {
  const { baseUrl, app, page } = await adminInBrowser(t);

  await page.goto(`${baseUrl}/admin/monsters/new`);
  const slug = page.getByLabel('Slug');
  assert.equal(await slug.isVisible(), false, 'hidden until "New category…" is chosen');
  await page.getByLabel('Name', { exact: true }).fill('Mothra');
  await page.getByLabel('Height (cm)').fill('5000');
  await page.getByLabel('Category').selectOption({ label: 'New category…' });
  await slug.fill('kaiju');
  await page.getByLabel('Name in English').fill('Kaiju');
  await page.getByLabel('Name in French').fill('Kaijū');
  // The admin changes their mind: an existing category after all.
  await page.getByLabel('Category').selectOption({ label: 'Cryptids' });
  assert.equal(await slug.isVisible(), false);
  assert.equal(await slug.isDisabled(), true);
  await page.getByLabel('Price (€)').fill('99.90');
  await page.getByLabel('Stock').fill('3');
  await page.getByRole('button', { name: 'Create the monster' }).click();
  await page.waitForURL(`${baseUrl}/admin/monsters`);
  await page.getByText('Mothra joined the catalogue.').waitFor();
  const { db } = app.database;
  const mothra = await db
    .selectFrom('monsters')
    .select('category')
    .where('name', '=', 'Mothra')
    .executeTakeFirstOrThrow();
  assert.equal(mothra.category, 'cryptid');
  const kaiju = await db
    .selectFrom('categories')
    .select('slug')
    .where('slug', '=', 'kaiju')
    .executeTakeFirst();
  assert.equal(kaiju, undefined, 'no category was made');

  // Chosen again, the fields come back, with what was typed, and are sent.
  await page.goto(`${baseUrl}/admin/monsters/new`);
  await page.getByLabel('Category').selectOption({ label: 'New category…' });
  assert.equal(await slug.isEnabled(), true);
  await page.getByLabel('Category').selectOption({ label: 'Cryptids' });
  await page.getByLabel('Category').selectOption({ label: 'New category…' });
  assert.equal(await slug.isEnabled(), true);
  assert.equal(await slug.isVisible(), true);
});

test('a monster with a 100-character name fits a 320 px screen on every admin page', async (t) => {
  const { baseUrl, app, page } = await adminInBrowser(t);
  const name = 'N'.repeat(100);
  const { id } = await app.database.db
    .insertInto('monsters')
    .values({
      name,
      height: 100,
      category: 'cryptid',
      description: '',
      description_fr: '',
      price_cents: 100,
      stock: 1,
      image: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of [
    `/admin/monsters/${id}/edit`,
    `/admin/monsters/${id}/delete`,
    `/admin/monsters?q=${name}`,
  ]) {
    await page.goto(`${baseUrl}${path}`);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: window.innerWidth,
    }));
    assert.ok(
      widths.page <= widths.screen,
      `${path}: ${widths.page} px wide at ${widths.screen} px`,
    );
  }
});
