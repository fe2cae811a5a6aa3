import { test } from 'node:test';
import { assertEventually, launchBrowser } from '../helpers/browser.js';
import { startLiveServer } from '../helpers/live-server.js';
import { TINY_PNG } from '../helpers/multipart.js';
import { createTestUser, signInBrowser } from '../helpers/sign-in.js';

test('an admin creates a monster with a picture and finds it in the catalogue', async (t) => {
  const { baseUrl, app } = await startLiveServer(t);
  const ada = await createTestUser(app.database.db, {
    email: 'ada@example.com',
    name: 'Ada',
    role: 'admin',
  });
  const browser = await launchBrowser(t);
  await signInBrowser(browser, app, baseUrl, ada);
  const page = await browser.newPage();

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
