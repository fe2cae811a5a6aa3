import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startLiveServer } from '../helpers/live-server.js';

const NECESSARY = new Set(['session', '__Host-session', '_csrf', '__Host-csrf', 'consent', 'lang']);

async function buttonLook(page: Page, name: string) {
  return page
    .getByRole('button', { name, exact: true })
    .first()
    .evaluate((button) => {
      const style = getComputedStyle(button);
      const box = button.getBoundingClientRect();
      return {
        tag: button.tagName,
        width: Math.round(box.width),
        height: Math.round(box.height),
        font: `${style.fontSize} ${style.fontWeight} ${style.fontFamily}`,
        colours: `${style.color} on ${style.backgroundColor}`,
        border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor} ${style.borderRadius}`,
        padding: style.padding,
      };
    });
}

for (const javaScriptEnabled of [true, false]) {
  const mode = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

  test(`Accept all and Reject all look the same; refusing leaves only necessary cookies; the site stays usable (${mode})`, async (t) => {
    const { baseUrl } = await startLiveServer(t);
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/monsters/cosmic/1`);

    const banner = page.getByRole('region', { name: 'Cookie consent' });
    await banner.waitFor();
    const accept = await buttonLook(page, 'Accept all');
    const reject = await buttonLook(page, 'Reject all');
    assert.deepEqual(accept, reject, 'same element, size and style');
    // No cookie wall: a trial click waits until the button could take a real one (visible,
    // enabled, not covered).
    await page.getByRole('button', { name: 'Add to cart' }).click({ trial: true });

    await page.getByRole('button', { name: 'Reject all', exact: true }).click();
    await banner.waitFor({ state: 'detached' });
    await page.goto(`${baseUrl}/monsters/curcubitaceous/666`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(`${baseUrl}/cart`);
    // The cart works after refusing.
    await page.getByRole('link', { name: 'Cart (1)' }).waitFor();

    const names = (await browser.cookies()).map((cookie) => cookie.name);
    assert.ok(names.includes('consent'));
    for (const name of names) assert.ok(NECESSARY.has(name), `${name} is not strictly necessary`);
    const consent = (await browser.cookies()).find((cookie) => cookie.name === 'consent');
    const days = ((consent?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
    assert.ok(days > 179 && days <= 180, `consent kept for 180 days, not ${days}`);
  });

  test(`accepting preferences shows "recently viewed"; withdrawing removes the cookie (${mode})`, async (t) => {
    const { baseUrl } = await startLiveServer(t);
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Customise' }).click();
    await page.waitForURL(`${baseUrl}/privacy#choices`);
    await page.getByLabel(/Preferences/).check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.waitForURL(`${baseUrl}/privacy?saved=1`);

    await page.goto(`${baseUrl}/monsters/cosmic/2`);
    await page.goto(`${baseUrl}/`);
    const recent = page.getByRole('region', { name: 'Recently viewed' });
    await recent.getByRole('link', { name: 'Nyarlathotep' }).waitFor();
    let names = (await browser.cookies()).map((cookie) => cookie.name);
    assert.ok(names.includes('recently_viewed'));
    assert.ok(!names.includes('visitor'), 'statistics were not accepted');

    await page.getByRole('link', { name: 'Cookie preferences' }).click();
    await page.getByLabel(/Preferences/).uncheck();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.waitForURL(`${baseUrl}/privacy?saved=1`);
    names = (await browser.cookies()).map((cookie) => cookie.name);
    assert.ok(!names.includes('recently_viewed'), 'withdrawing deletes the cookie at once');
    await page.goto(`${baseUrl}/`);
    await page.getByRole('region', { name: 'Recently viewed' }).waitFor({ state: 'detached' });
  });
}
