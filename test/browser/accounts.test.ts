import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser } from '../helpers/browser.js';
import { STRONG_PASSWORD } from '../helpers/http-client.js';
import { startLiveServer } from '../helpers/live-server.js';

test('a visitor registers, signs out, signs in again and sees the account page', async (t) => {
  const { baseUrl } = await startLiveServer(t);
  const browser = await launchBrowser(t);
  const page = await browser.newPage();

  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Create one' }).click();
  await page.getByLabel('E-mail address').fill('mina@example.com');
  await page.getByLabel('Name').fill('Mina');
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();

  await page.waitForURL(`${baseUrl}/account`);
  assert.ok(await page.getByText('Welcome, Mina! Your account is ready.').isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Your account' }).isVisible());

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(`${baseUrl}/`);
  assert.ok(await page.getByText('You are signed out').isVisible());
  const jar = await browser.cookies();
  const session = jar.find((cookie) => cookie.name === 'session');
  assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  assert.equal(session?.sameSite, 'Lax');

  await page.goto(`${baseUrl}/account`);
  await page.waitForURL(/\/login\?next=%2Faccount$/);
  await page.getByLabel('E-mail address').fill('mina@example.com');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.ok(
    await page
      .getByRole('alert')
      .filter({ hasText: 'Incorrect e-mail address or password.' })
      .isVisible(),
  );

  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/account`);
  assert.ok(await page.getByText('Welcome back, Mina!').isVisible());
  assert.ok(await page.getByText('mina@example.com').isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Active sessions' }).isVisible());
});
