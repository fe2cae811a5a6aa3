import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startLiveServer } from '../helpers/live-server.js';
import { TINY_PNG } from '../helpers/multipart.js';
import { createTestUser, signInBrowser } from '../helpers/sign-in.js';
import { submitAndWait } from './audit.js';

// Refused forms stay in the journey, with and without JavaScript: the
// address bar never stays on a URL that only accepts POST (reloading or
// switching language works), the message is next to the field, the field is
// marked and keeps what was typed.

const JACK = { id: 666, path: '/monsters/curcubitaceous/666' };
/** Jack O'Lantern's add-to-cart form (a page may hold others, for other monsters). */
const jackAddForm = `main form[action="/cart/items"]:has(input[name=monster_id][value="${JACK.id}"])`;

/** The status the current document was answered with. */
function documentStatus(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as { responseStatus?: number } | undefined)
        ?.responseStatus ?? 0,
  );
}

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/**
 * The texts that describe a field (its aria-describedby), and whether they
 * are next to it: inside the same table cell or form field (else the same form).
 */
function descriptionOf(field: Locator): Promise<{ text: string; nextToField: boolean }> {
  return field.evaluate((input) => {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const described = ids.flatMap((id) => {
      const element = document.getElementById(id);
      return element ? [element] : [];
    });
    const around = input.closest('td, .field') ?? input.closest('form');
    return {
      text: described.map((element) => (element.textContent ?? '').trim()).join(' '),
      nextToField:
        described.length > 0 && described.some((element) => around?.contains(element) ?? false),
    };
  });
}

/** What a refused field must show: marked, described right beside it, the typed value kept. */
async function assertRefusedField(field: Locator, typed: string, what: string): Promise<string> {
  assert.equal(await field.getAttribute('aria-invalid'), 'true', `${what}: marked invalid`);
  assert.equal(await field.inputValue(), typed, `${what}: keeps the value typed`);
  const { text, nextToField } = await descriptionOf(field);
  assert.ok(text.length > 0, `${what}: described by a message`);
  assert.ok(nextToField, `${what}: the message "${text}" is next to the field`);
  return text;
}

/** Switches to French through the footer and checks the same page came back, in French. */
async function switchToFrench(page: Page, expectedPath: string): Promise<void> {
  await submitAndWait(page, () => page.getByRole('button', { name: 'Français' }).click());
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr', 'the page is in French');
  assert.equal(pathOf(page), expectedPath, 'the language switch came back to the same page');
  assert.equal(await documentStatus(page), 200, 'the page in French answers 200 (not 405)');
}

async function setStock(app: Awaited<ReturnType<typeof startLiveServer>>['app'], stock: number) {
  await app.database.db.updateTable('monsters').set({ stock }).where('id', '=', JACK.id).execute();
}

for (const javaScriptEnabled of [true, false]) {
  const mode = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

  test(`adding more than the stock comes back to the monster page, the quantity marked (${mode})`, async (t) => {
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const { baseUrl, app } = await startLiveServer(t);
    await setStock(app, 3);
    const page = await browser.newPage();
    const form = page.locator(jackAddForm);
    const quantity = form.locator('input[name=quantity]');
    // Two in the cart already; two more would be four of three.
    const addTwo = async () => {
      await page.goto(`${baseUrl}${JACK.path}`);
      await quantity.fill('2');
      await submitAndWait(page, () => form.getByRole('button', { name: 'Add to cart' }).click());
    };
    await addTwo();
    assert.equal(pathOf(page), '/cart', 'the first add leads to the cart');
    await page.getByRole('link', { name: 'Cart (2)' }).waitFor();

    await addTwo();
    assert.equal(
      pathOf(page),
      JACK.path,
      'the address bar shows the monster page, not /cart/items',
    );
    assert.equal(await documentStatus(page), 409, 'the refused add answers 409');
    await assertRefusedField(quantity, '2', 'the quantity');
    await page.getByRole('link', { name: 'Cart (2)' }).waitFor();

    const reloaded = await page.reload();
    assert.equal(reloaded?.status(), 200, 'reloading gives the page again (not 405)');
    assert.equal(await form.locator('[aria-invalid="true"]').count(), 0, 'a clean page');
    assert.equal(await page.locator('#error-summary').count(), 0, 'no error left over');

    await addTwo();
    assert.equal(pathOf(page), JACK.path);
    await switchToFrench(page, JACK.path);
  });

  test(`a quantity change refused on the cart stays on the cart, the line marked (${mode})`, async (t) => {
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const { baseUrl, app } = await startLiveServer(t);
    await setStock(app, 3);
    const page = await browser.newPage();
    await page.goto(`${baseUrl}${JACK.path}`);
    await submitAndWait(page, () =>
      page.locator(jackAddForm).locator('button[type=submit]').click(),
    );
    assert.equal(pathOf(page), '/cart');

    // Someone else buys two while the cart page is open: three is no longer possible.
    const line = page.locator(
      `main form[action="/cart/items/${JACK.id}"]:has(input[name=quantity]:not([type=hidden]))`,
    );
    const quantity = line.locator('input[name=quantity]');
    await setStock(app, 1);
    await quantity.fill('3');
    await submitAndWait(page, () => line.locator('button[type=submit]').click());
    assert.equal(pathOf(page), '/cart', 'the address bar shows the cart, not /cart/items/…');
    assert.equal(await documentStatus(page), 409, 'the refused change answers 409');
    await assertRefusedField(quantity, '3', 'the quantity');

    await setStock(app, 3);
    const reloaded = await page.reload();
    assert.equal(reloaded?.status(), 200, 'reloading gives the cart again (not 405)');
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'a clean cart');

    await setStock(app, 1);
    await quantity.fill('3');
    await submitAndWait(page, () => line.locator('button[type=submit]').click());
    assert.equal(pathOf(page), '/cart');
    await switchToFrench(page, '/cart');
  });

  test(`a picture over 2 MB re-shows the admin form (413) with every value kept, in English and French (${mode})`, async (t) => {
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const { baseUrl, app } = await startLiveServer(t);
    const ada = await createTestUser(app.database.db, {
      email: 'ada@example.com',
      name: 'Ada',
      role: 'admin',
    });
    await signInBrowser(browser, app, baseUrl, ada);
    const page = await browser.newPage();
    // A real PNG made larger than 2 MB by bytes after its end.
    const bigPicture = Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024 + 1024, 0x20)]);
    const typed = {
      name: 'Mothra',
      height: '5000',
      category: 'cosmic',
      description: 'A gentle giant moth from Infant Island.',
      description_fr: 'Une douce phalène géante venue d’Infant Island.',
      price: '99.90',
      stock: '3',
    };

    const messages: string[] = [];
    for (const lang of ['en', 'fr'] as const) {
      await browser.addCookies([{ name: 'lang', value: lang, url: baseUrl }]);
      await page.goto(`${baseUrl}/admin/monsters/new`);
      const form = page.locator('main form[enctype="multipart/form-data"]');
      for (const [name, value] of Object.entries(typed)) {
        const field = form.locator(`[name="${name}"]`);
        if (name === 'category') await field.selectOption(value);
        else await field.fill(value);
      }
      await form
        .locator('input[name=image]')
        .setInputFiles({ name: 'mothra.png', mimeType: 'image/png', buffer: bigPicture });
      await submitAndWait(page, () => form.locator('button[type=submit]').first().click());

      assert.equal(await documentStatus(page), 413, `${lang}: the oversized picture answers 413`);
      assert.equal(
        await page.locator('html').getAttribute('lang'),
        lang,
        `${lang}: the language kept`,
      );
      const reshown = page.locator('main form[enctype="multipart/form-data"]');
      for (const [name, value] of Object.entries(typed)) {
        assert.equal(
          await reshown.locator(`[name="${name}"]`).inputValue(),
          value,
          `${lang}: ${name} keeps what was typed`,
        );
      }
      const picture = reshown.locator('input[name=image]');
      assert.equal(
        await picture.getAttribute('aria-invalid'),
        'true',
        `${lang}: the picture marked`,
      );
      const { text, nextToField } = await descriptionOf(picture);
      assert.ok(text && nextToField, `${lang}: the picture's message "${text}" is next to it`);
      messages.push(text);
    }
    assert.notEqual(messages[1], messages[0], 'the French message is French, not the English one');
  });

  test(`a malformed catalogue address gives a plain-language 400 page with a way back (${mode})`, async (t) => {
    const browser = await launchBrowser(t, { javaScriptEnabled });
    const { baseUrl } = await startLiveServer(t);
    const page = await browser.newPage();
    const texts: string[] = [];
    for (const lang of ['en', 'fr'] as const) {
      await browser.addCookies([{ name: 'lang', value: lang, url: baseUrl }]);
      const response = await page.goto(`${baseUrl}/monsters?sort=bogus`);
      assert.equal(response?.status(), 400);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      const text = ((await page.locator('main').textContent()) ?? '').trim();
      assert.doesNotMatch(
        text,
        /must be equal|allowed values|`sort`|querystring/i,
        `${lang}: plain words, not the validator's`,
      );
      const back = page.locator('main a[href^="/monsters"]');
      assert.ok((await back.count()) > 0, `${lang}: a link back to the catalogue`);
      texts.push(text);
    }
    assert.notEqual(texts[1], texts[0], 'the French page is in French');
    await submitAndWait(page, () => page.locator('main a[href^="/monsters"]').first().click());
    assert.doesNotMatch(pathOf(page), /sort=bogus/, 'the way back leaves the bad address');
    assert.equal(await documentStatus(page), 200, 'the way back leads to a working catalogue');
  });
}
