import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEventually, launchBrowser } from '../helpers/browser.js';
import { startLiveServer } from '../helpers/live-server.js';

test('a visitor browses the home and Halloween pages and switches to French', async (t) => {
  const { baseUrl } = await startLiveServer(t);
  const browser = await launchBrowser(t);
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));

  await page.goto(`${baseUrl}/`);
  assert.equal(await page.title(), 'Halloween monsters · Monster Shop');
  await page.getByRole('search').first().waitFor();
  await page.getByRole('link', { name: 'Cookie preferences' }).waitFor();
  await assertEventually(
    () => page.evaluate(() => getComputedStyle(document.body).display),
    'flex',
    'the self-hosted stylesheet is applied under the CSP',
  );

  await page.getByRole('link', { name: 'Halloween', exact: true }).click();
  await page.waitForURL(`${baseUrl}/halloween`);
  await assertEventually(
    () => page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    'rgb(0, 0, 0)',
    'the Halloween page is black',
  );
  const pumpkin = page.getByRole('img', { name: "Jack O'Lantern" });
  await pumpkin.waitFor();
  await assertEventually(
    () => pumpkin.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    true,
    'the pumpkin loads',
  );

  // The same address in French: wait for the new page, not for the URL.
  await page.getByRole('button', { name: 'Français' }).click();
  await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
  await page.waitForURL(`${baseUrl}/halloween`);
  await page.getByRole('link', { name: 'Préférences cookies' }).waitFor();

  assert.deepEqual(problems, [], 'no console error, CSP violation or failed request');
});
