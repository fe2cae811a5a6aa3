import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { assertEventually, launchBrowser } from '../helpers/browser.js';
import { startLiveServer } from '../helpers/live-server.js';
import { createTestUser, signInBrowser } from '../helpers/sign-in.js';
import { submitAndWait } from './audit.js';

/** What the focused element shows: its focus indicator's colour and its contrast with what surrounds it. */
interface FocusLook {
  readonly element: string;
  /** The outline's or box-shadow's colour; null when neither shows. */
  readonly indicator: string | null;
  /** The lowest contrast ratio of the indicator against the backgrounds around it. */
  readonly contrast: number | null;
  readonly insideMain: boolean;
}

/** The WCAG 2.2 minimum for a focus indicator against adjacent colours (non-text contrast). */
const MIN_FOCUS_CONTRAST = 3;
/** Tab presses allowed to reach a target: a page with more stops before it is unusable by keyboard. */
const MAX_TABS = 80;

/**
 * Reads the focused element's focus indicator in the page: an outline, or
 * else a box-shadow; its colour is compared with what lies under the ring
 * (sampled in the middle of its stroke on each side with elementsFromPoint, backgrounds stacked
 * through a 1×1 canvas, so any CSS colour syntax and transparency count),
 * and the contrast ratio is WCAG's. Only anonymous callbacks inside: tsx
 * would wrap a named function in a helper the page does not have.
 */
function focusLook(page: Page): Promise<FocusLook | null> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) return null;
    const style = getComputedStyle(focused);
    const label = (focused.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const element = `${focused.tagName.toLowerCase()}${focused.id ? `#${focused.id}` : ''}${[
      ...focused.classList,
    ]
      .map((name) => `.${name}`)
      .join('')}${label ? ` "${label}"` : ''}`;
    const insideMain = focused.closest('main') !== null;
    const outlineWidth = Number.parseFloat(style.outlineWidth) || 0;
    const hasOutline = style.outlineStyle !== 'none' && outlineWidth > 0;
    const shadowColour =
      style.boxShadow === 'none'
        ? null
        : (/(rgba?\([^)]*\)|oklch\([^)]*\)|color\([^)]*\)|#[0-9a-f]{3,8})/i.exec(
            style.boxShadow,
          )?.[0] ?? null);
    const indicator = hasOutline ? style.outlineColor : shadowColour;
    if (!indicator) return { element, indicator: null, contrast: null, insideMain };

    const box = focused.getBoundingClientRect();
    const offset = hasOutline ? Number.parseFloat(style.outlineOffset) || 0 : 0;
    // The middle of the ring's stroke: what the ring is drawn on there.
    const reach = hasOutline ? offset + outlineWidth / 2 : 1.5;
    const middle = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    // A ring drawn inside the box (negative offset) sits on the element's own background.
    const points =
      offset < 0
        ? [[middle.x, middle.y]]
        : [
            [box.left - reach, middle.y],
            [box.right + reach, middle.y],
            [middle.x, box.top - reach],
            [middle.x, box.bottom + reach],
          ];
    const stacks: string[][] = [];
    for (const [x = 0, y = 0] of points) {
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
      const under =
        offset < 0
          ? focused
          : document
              .elementsFromPoint(x, y)
              .find((candidate) => candidate !== focused && !focused.contains(candidate));
      const layers: string[] = [];
      for (let at = under ?? null; at; at = at.parentElement) {
        layers.unshift(getComputedStyle(at).backgroundColor);
      }
      stacks.push(layers);
    }
    if (stacks.length === 0) stacks.push([getComputedStyle(document.body).backgroundColor]);

    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const paint = canvas.getContext('2d', { willReadFrequently: true });
    if (!paint) return { element, indicator, contrast: null, insideMain };
    const luminances = [...stacks, [...(stacks[0] ?? []), indicator]].map((layers) => {
      paint.fillStyle = '#ffffff';
      paint.fillRect(0, 0, 1, 1);
      for (const layer of layers) {
        paint.fillStyle = layer;
        paint.fillRect(0, 0, 1, 1);
      }
      const [red = 0, green = 0, blue = 0] = paint.getImageData(0, 0, 1, 1).data;
      const [r = 0, g = 0, b = 0] = [red, green, blue].map((channel) => {
        const c = channel / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    });
    const ring = luminances.pop() ?? 0;
    const contrast = Math.min(
      ...luminances.map(
        (around) => (Math.max(ring, around) + 0.05) / (Math.min(ring, around) + 0.05),
      ),
    );
    return { element, indicator, contrast: Math.round(contrast * 100) / 100, insideMain };
  });
}

/** Presses Tab and reads what got focus, failing when it shows no indicator of at least 3:1. */
async function tabAndCheck(page: Page, before: readonly FocusLook[] = []): Promise<FocusLook> {
  await page.keyboard.press('Tab');
  const look = await focusLook(page);
  assert.ok(
    look,
    `Tab left the page after ${before.length} stops: ${before.map((stop) => stop.element).join(', ')}`,
  );
  assert.ok(look.indicator, `${look.element} shows a focus indicator (outline or box-shadow)`);
  assert.ok(
    (look.contrast ?? 0) >= MIN_FOCUS_CONTRAST,
    `${look.element}: focus indicator ${look.indicator} has a contrast of ${look.contrast}:1 with its surroundings, below ${MIN_FOCUS_CONTRAST}:1`,
  );
  return look;
}

/** Tabs (checking every stop) until the focused element matches `selector`; returns the stops passed. */
async function tabUntil(page: Page, selector: string, what: string): Promise<FocusLook[]> {
  const stops: FocusLook[] = [];
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    stops.push(await tabAndCheck(page, stops));
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      return stops;
    }
  }
  assert.fail(
    `${MAX_TABS} presses of Tab never reached ${what}; stops: ${stops.map((s) => s.element).join(', ')}`,
  );
}

async function decideConsent(context: BrowserContext, baseUrl: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Reject all' }).first().click();
  await assertEventually(
    async () => (await context.cookies()).some((cookie) => cookie.name === 'consent'),
    true,
    'the banner stores the choice',
  );
  await page.close();
}

const activeElementId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test('keyboard only: skip link, header search, catalogue, add to cart, all with a visible focus ring', async (t) => {
  const browser = await launchBrowser(t);
  const { baseUrl } = await startLiveServer(t);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });

  // A first visit: the skip link comes before the consent banner.
  await page.goto(`${baseUrl}/`);
  const skip = await tabAndCheck(page);
  assert.match(skip.element, /^a\.skip-link/, 'the first Tab focuses the skip link');
  const skipBox = await page.locator('.skip-link').boundingBox();
  assert.ok(skipBox && skipBox.y >= 0 && skipBox.height > 0, 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  await assertEventually(() => activeElementId(page), 'main', 'Enter moves focus to <main>');

  await decideConsent(browser, baseUrl);
  await page.goto(`${baseUrl}/`);
  const toCatalogue = await tabUntil(
    page,
    'header a[href="/monsters"]',
    "the header's catalogue link",
  );
  const toSearch = await tabUntil(page, 'header input[name=q]', 'the header search box');
  const first = [...toCatalogue, ...toSearch];
  assert.ok(
    first.every((stop) => !stop.insideMain),
    `the header comes before the page's content: ${first.map((stop) => stop.element).join(', ')}`,
  );

  await page.goto(`${baseUrl}/`);
  await tabUntil(page, 'header a[href="/monsters"]', "the header's catalogue link");
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/monsters`);
  await tabUntil(
    page,
    'main form[action="/cart/items"] button[type=submit]',
    'an add-to-cart button in the catalogue',
  );
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Cart (1)' }).waitFor();
});

test('keyboard only: a refused form puts focus on its error summary', async (t) => {
  const browser = await launchBrowser(t);
  const { baseUrl } = await startLiveServer(t);
  await decideConsent(browser, baseUrl);
  const page = await browser.newPage();

  await page.goto(`${baseUrl}/login`);
  await tabUntil(page, 'main input[name=email]', 'the e-mail field');
  await page.keyboard.type('nobody@example.com');
  await tabUntil(page, 'main input[name=password]', 'the password field');
  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  await page
    .getByRole('alert')
    .filter({ hasText: 'Incorrect e-mail address or password.' })
    .waitFor();
  await assertEventually(
    () => activeElementId(page),
    'error-summary',
    'focus is on the error summary of the refused sign-in',
  );
  const summary = await focusLook(page);
  assert.ok(
    summary?.indicator && (summary.contrast ?? 0) >= MIN_FOCUS_CONTRAST,
    `the focused error summary shows it: ${JSON.stringify(summary)}`,
  );

  // A refused registration: focus on the summary, and the next Tab goes on into the form.
  await page.goto(`${baseUrl}/register`);
  await tabUntil(page, 'main input[name=email]', 'the e-mail field');
  await page.keyboard.type('mina@example.com');
  await tabUntil(page, 'main input[name=name]', 'the name field');
  await page.keyboard.type('Mina');
  await tabUntil(page, 'main input[name=password]', 'the password field');
  await page.keyboard.type('password1234');
  await page.keyboard.press('Enter');
  await page.locator('#error-summary').waitFor();
  await assertEventually(
    () => activeElementId(page),
    'error-summary',
    'focus is on the error summary of the refused registration',
  );
  const next = await tabAndCheck(page);
  assert.ok(next.insideMain, `Tab goes on from the summary into the form, not to ${next.element}`);
  assert.equal(
    await page.locator('main input[name=password]').getAttribute('aria-invalid'),
    'true',
    'the refused field is marked invalid',
  );
});

test('keyboard only: the catalogue filter waits for Enter, then keeps focus on the choice', async (t) => {
  const browser = await launchBrowser(t);
  const { baseUrl } = await startLiveServer(t);
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/monsters`);
  const category = page.getByLabel('Category');

  await category.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(new URL(page.url()).search, '', 'arrow keys alone do not reload the list');
  await page.getByRole('button', { name: 'Apply' }).waitFor();

  await page.keyboard.press('Enter');
  await page.waitForURL(/category=/);
  await assertEventually(
    () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? null),
    'category',
    'focus is back on the select that was changed',
  );

  await page.getByLabel('Per page').selectOption('50');
  await page.waitForURL(/per_page=50/);
});

test('keyboard only: after adding to the cart, focus is on the message saying so', async (t) => {
  const browser = await launchBrowser(t);
  const { baseUrl } = await startLiveServer(t);
  await decideConsent(browser, baseUrl);
  const page = await browser.newPage();

  await page.goto(`${baseUrl}/monsters/curcubitaceous/666`);
  await tabUntil(page, 'main form[action="/cart/items"] button[type=submit]', 'Add to cart');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/cart`);
  await assertEventually(
    () => page.evaluate(() => document.activeElement?.getAttribute('role') ?? null),
    'status',
    'focus is on the status message, so a screen reader reads it',
  );
  const flash = await focusLook(page);
  assert.match(flash?.element ?? '', /Added 1 × Jack O’?'?Lantern/);
  assert.ok(
    flash?.indicator && (flash.contrast ?? 0) >= MIN_FOCUS_CONTRAST,
    `the focused message shows it: ${JSON.stringify(flash)}`,
  );
  // The next Tab goes on from the message into the page, not back to the header.
  const next = await tabAndCheck(page);
  assert.ok(next.insideMain, `Tab goes on from the message into the cart, not to ${next.element}`);
});

/** The edge a control shows: its top border's width and colour. */
const edgeOf = (control: Locator) =>
  control.evaluate((element) => {
    const style = getComputedStyle(element);
    return `${style.borderTopWidth} ${style.borderTopColor}`;
  });

/** `--danger`, 2 px: the edge of a refused field. */
const REFUSED_EDGE = '2px rgb(163, 0, 27)';

test('a refused form on a phone: each summary link shows its field with its label, marked in red', async (t) => {
  const browser = await launchBrowser(t);
  const { baseUrl, app } = await startLiveServer(t);
  const ada = await createTestUser(app.database.db, {
    email: 'ada@example.com',
    name: 'Ada',
    role: 'admin',
  });
  await signInBrowser(browser, app, baseUrl, ada);
  await decideConsent(browser, baseUrl);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });

  await page.goto(`${baseUrl}/admin/monsters/new`);
  const form = page.locator('main form[enctype="multipart/form-data"]');
  // The server's checks, not the browser's: the required fields are sent empty.
  await form.evaluate((element) => element.setAttribute('novalidate', ''));
  await form.locator('[name=stock]').fill('3');
  await submitAndWait(page, () => form.locator('button[type=submit]').first().click());
  await assertEventually(() => activeElementId(page), 'error-summary', 'focus on the summary');

  for (const name of ['name', 'category', 'price']) {
    const link = page.locator(`#error-summary a[href="#field-${name}"]`);
    const label = page.locator(`label[for="field-${name}"]`);
    const labelText = ((await label.textContent()) ?? '').trim();
    assert.ok(
      ((await link.textContent()) ?? '').startsWith(`${labelText}: `),
      `the ${name} link starts with its label "${labelText}"`,
    );
    await page.keyboard.press('Home');
    await link.click();
    await page.waitForURL(new RegExp(`#field-${name}$`));
    await assertEventually(
      () => label.evaluate((element) => element.getBoundingClientRect().top >= 0),
      true,
      `after following the ${name} link, its label shows above it`,
    );
    const control = page.locator(`#field-${name}`);
    assert.equal(await control.getAttribute('aria-invalid'), 'true');
    assert.equal(await edgeOf(control), REFUSED_EDGE, `the refused ${name} has a red edge`);
  }
  const priceHint = page.locator('#field-price-hint');
  assert.ok(
    await priceHint.evaluate((element) => element.getBoundingClientRect().top >= 0),
    'the price hint shows too',
  );

  // Each kind of control shows the same edge when marked refused (a textarea, a file input).
  for (const name of ['description', 'image']) {
    const control = page.locator(`#field-${name}`);
    await control.evaluate((element) => element.setAttribute('aria-invalid', 'true'));
    assert.equal(await edgeOf(control), REFUSED_EDGE, `a refused ${name} has a red edge`);
  }
});
