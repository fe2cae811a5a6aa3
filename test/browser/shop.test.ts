import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../../src/features/accounts/accounts.service.js';
import { launchBrowser } from '../helpers/browser.js';
import { STRONG_PASSWORD } from '../helpers/http-client.js';
import { startLiveServer } from '../helpers/live-server.js';

for (const javaScriptEnabled of [true, false]) {
  test(`browse, add to cart, sign in, check out, see the order (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async (t) => {
    const { baseUrl, app } = await startLiveServer(t);
    await createUser(
      app.database.db,
      { email: 'shopper@example.com', name: 'Shopper', password: STRONG_PASSWORD },
      'customer',
      'en',
    );
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const page = await browser.newPage();

    await page.goto(`${baseUrl}/monsters/curcubitaceous/666`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(`${baseUrl}/cart`);
    assert.ok(await page.getByText("Added 2 × Jack O'Lantern to your cart.").isVisible());
    assert.ok(await page.getByRole('link', { name: 'Cart (2)' }).isVisible());

    await page.getByRole('button', { name: 'Sign in to place the order' }).click();
    await page.waitForURL(/\/login\?next=%2Fcart$/);
    await page.getByLabel('E-mail address').fill('shopper@example.com');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/cart`);
    assert.ok(
      await page.getByRole('link', { name: 'Cart (2)' }).isVisible(),
      'the cart survived the sign-in',
    );

    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.waitForURL(/\/orders\/\d+$/);
    assert.ok(await page.getByText(/Thank you! Order #\d+ is placed\./).isVisible());
    assert.ok(await page.getByRole('heading', { name: /Order #\d+/ }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Cart (0)' }).isVisible());
    assert.ok(await page.getByRole('rowheader', { name: "Jack O'Lantern" }).isVisible());
  });
}
