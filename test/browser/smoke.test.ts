import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser } from '../helpers/browser.js';
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
  assert.ok(await page.getByRole('search').first().isVisible(), 'header search box');
  assert.ok(await page.getByRole('link', { name: 'Cookie preferences' }).isVisible());
  const stylesheetApplied = await page.evaluate(() => getComputedStyle(document.body).display);
  assert.equal(stylesheetApplied, 'flex', 'the self-hosted stylesheet is applied under the CSP');

  await page.getByRole('link', { name: 'Halloween', exact: true }).click();
  await page.waitForURL(`${baseUrl}/halloween`);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(0, 0, 0)');
  const pumpkin = page.getByRole('img', { name: "Jack O'Lantern" });
  assert.ok(await pumpkin.isVisible());
  assert.ok(
    await pumpkin.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    'the pumpkin loads',
  );

  await page.getByRole('button', { name: 'Français' }).click();
  await page.waitForURL(`${baseUrl}/halloween`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.ok(await page.getByRole('link', { name: 'Préférences cookies' }).isVisible());

  assert.deepEqual(problems, [], 'no console error, CSP violation or failed request');
});
