import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser } from '../helpers/browser.js';
import { STRONG_PASSWORD } from '../helpers/http-client.js';
import { startLiveServer } from '../helpers/live-server.js';

// The one browser journey through the real registration and sign-in forms;
// the other journeys sign in with the fixture (test/helpers/sign-in.ts).
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
  await page.getByText('Welcome, Mina! Your account is ready.').waitFor();
  await page.getByRole('heading', { name: 'Your account' }).waitFor();

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByText('You are signed out').waitFor();
  const jar = await browser.cookies();
  const session = jar.find((cookie) => cookie.name === 'session');
  assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  assert.equal(session?.sameSite, 'Lax');

  await page.goto(`${baseUrl}/account`);
  await page.waitForURL(/\/login\?next=%2Faccount$/);
  await page.getByLabel('E-mail address').fill('mina@example.com');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'Incorrect e-mail address or password.' })
    .waitFor();

  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/account`);
  await page.getByText('Welcome back, Mina!').waitFor();
  await page.getByText('mina@example.com').waitFor();
  await page.getByRole('heading', { name: 'Active sessions' }).waitFor();
});
