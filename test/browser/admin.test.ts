import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../../src/features/accounts/accounts.service.js';
import { launchBrowser } from '../helpers/browser.js';
import { STRONG_PASSWORD } from '../helpers/http-client.js';
import { startLiveServer } from '../helpers/live-server.js';
import { TINY_PNG } from '../helpers/multipart.js';

test('an admin creates a monster with a picture and finds it in the catalogue', async (t) => {
  const { baseUrl, app } = await startLiveServer(t);
  await createUser(
    app.database.db,
    { email: 'ada@example.com', name: 'Ada', password: STRONG_PASSWORD },
    'admin',
    'en',
  );
  const browser = await launchBrowser(t);
  const page = await browser.newPage();

  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail address').fill('ada@example.com');
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/account`);

  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('link', { name: 'Add a monster' }).click();
  await page.getByLabel('Name').fill('Mothra');
  await page.getByLabel('Height (cm)').fill('5000');
  await page.getByLabel('Category').fill('kaiju');
  await page.getByLabel('Description').fill('A gentle giant moth from Infant Island.');
  await page.getByLabel('Price (€)').fill('99.90');
  await page.getByLabel('Stock').fill('3');
  await page
    .getByLabel('Picture')
    .setInputFiles({ name: 'mothra.png', mimeType: 'image/png', buffer: TINY_PNG });
  await page.getByRole('button', { name: 'Create the monster' }).click();
  await page.waitForURL(`${baseUrl}/admin/monsters`);
  assert.ok(await page.getByText('Mothra joined the catalogue.').isVisible());

  await page.goto(`${baseUrl}/monsters?category=kaiju`);
  await page.getByRole('link', { name: 'Mothra' }).first().click();
  await page.waitForURL(/\/monsters\/kaiju\/\d+$/);
  assert.ok(await page.getByRole('heading', { name: 'Mothra' }).isVisible());
  const picture = page.locator('main img[src^="/uploads/"]');
  assert.ok(
    await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1),
    'the uploaded picture loads',
  );
  assert.ok(await page.getByText('€99.90').first().isVisible());
});
