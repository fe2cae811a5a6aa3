/**
 * `npm run screenshots`: pictures of the real app for the README, made from
 * a running instance so they can be refreshed with one command. Starts a
 * fresh instance of this checkout (a temporary SQLite database with the demo
 * catalogue), makes a customer through the site's own forms (registered, one
 * order placed, two monsters in the cart, cookie banner answered), then saves
 * viewport-sized PNGs at desktop (1366×900) and phone (390×844) sizes, in
 * English and French, to docs/screenshots/.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { PROJECT_ROOT } from '../src/shared/project.js';
import { decideConsent, makeCustomer } from '../test/browser/audit.js';
import { openChromium } from '../test/helpers/browser.js';
import { STRONG_PASSWORD } from '../test/helpers/http-client.js';
import { startDemoInstance } from './demo-instance.js';

const OUTPUT = join(PROJECT_ROOT, 'docs', 'screenshots');

const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
type ViewportName = keyof typeof VIEWPORTS;
type Lang = 'en' | 'fr';

const PAGES = {
  home: '/',
  catalogue: '/monsters',
  monster: '/monsters/curcubitaceous/666',
  cart: '/cart',
} as const;
type PageName = keyof typeof PAGES;

/** The pictures taken: each page at each size in English, the French ones where French shows most. */
const SHOTS: readonly { viewport: ViewportName; lang: Lang; page: PageName }[] = [
  { viewport: 'desktop', lang: 'en', page: 'home' },
  { viewport: 'desktop', lang: 'en', page: 'catalogue' },
  { viewport: 'desktop', lang: 'en', page: 'monster' },
  { viewport: 'desktop', lang: 'en', page: 'cart' },
  { viewport: 'phone', lang: 'en', page: 'catalogue' },
  { viewport: 'phone', lang: 'en', page: 'cart' },
  { viewport: 'desktop', lang: 'fr', page: 'catalogue' },
  { viewport: 'desktop', lang: 'fr', page: 'monster' },
  { viewport: 'phone', lang: 'fr', page: 'home' },
  { viewport: 'phone', lang: 'fr', page: 'monster' },
];

/** The customer's context in each language (the French one shares the same session). */
async function customerContexts(
  browser: Browser,
  baseUrl: string,
): Promise<Record<Lang, BrowserContext>> {
  const en = await browser.newContext({ locale: 'en-GB' });
  await decideConsent(en, baseUrl);
  await makeCustomer(en, baseUrl, STRONG_PASSWORD);
  const fr = await browser.newContext({ locale: 'fr-FR', storageState: await en.storageState() });
  return { en, fr };
}

const instance = await startDemoInstance();
const browser = await openChromium();
try {
  mkdirSync(OUTPUT, { recursive: true });
  const contexts = await customerContexts(browser, instance.baseUrl);
  for (const shot of SHOTS) {
    const page = await contexts[shot.lang].newPage();
    await page.setViewportSize(VIEWPORTS[shot.viewport]);
    await page.goto(`${instance.baseUrl}${PAGES[shot.page]}`, { waitUntil: 'networkidle' });
    const file = join(OUTPUT, `${shot.viewport}-${shot.lang}-${shot.page}.png`);
    await page.screenshot({ path: file, type: 'png' });
    await page.close();
    process.stdout.write(`${file} (${Math.round(statSync(file).size / 1024)} KB)\n`);
  }
} finally {
  await browser.close();
  await instance.stop();
}
