import { test } from 'node:test';
import { launchBrowser } from '../helpers/browser.js';
import { STRONG_PASSWORD } from '../helpers/http-client.js';
import { startLiveServer } from '../helpers/live-server.js';
import { createTestUser } from '../helpers/sign-in.js';

for (const javaScriptEnabled of [true, false]) {
  test(`browse, add to cart, sign in, check out, see the order (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async (t) => {
    const { baseUrl, app } = await startLiveServer(t);
    await createTestUser(app.database.db, { email: 'shopper@example.com', name: 'Shopper' });
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const page = await browser.newPage();

    await page.goto(`${baseUrl}/monsters/curcubitaceous/666`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(`${baseUrl}/cart`);
    await page.getByText("Added 2 × Jack O'Lantern to your cart.").waitFor();
    await page.getByRole('link', { name: 'Cart (2)' }).waitFor();

    // Through the real form: the cart must survive the sign-in.
    await page.getByRole('button', { name: 'Sign in to place the order' }).click();
    await page.waitForURL(/\/login\?next=%2Fcart$/);
    await page.getByLabel('E-mail address').fill('shopper@example.com');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/cart`);
    await page.getByRole('link', { name: 'Cart (2)' }).waitFor();

    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.waitForURL(/\/orders\/\d+$/);
    await page.getByText(/Thank you! Order #\d+ is placed\./).waitFor();
    await page.getByRole('heading', { name: /Order #\d+/ }).waitFor();
    await page.getByRole('link', { name: 'Cart (0)' }).waitFor();
    await page.getByRole('rowheader', { name: "Jack O'Lantern" }).waitFor();
  });
}
