import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser } from '../helpers/browser.js';
import { startLiveServer } from '../helpers/live-server.js';

/** The smallest phone the shop is made for, held upright. */
const PHONE = { width: 320, height: 640 };
/** The share of the first screen the banner and the header may take together. */
const MAX_SHARE = 0.41;

test('on a 320×640 phone the first-visit banner is compact and both choices stay equal, in en and fr', async (t) => {
  const browser = await launchBrowser(t);
  const { baseUrl } = await startLiveServer(t);
  for (const lang of ['en', 'fr']) {
    const page = await browser.newPage();
    await page.setViewportSize(PHONE);
    await page.setExtraHTTPHeaders({ 'accept-language': lang });
    await page.goto(`${baseUrl}/monsters`);
    const look = await page.evaluate(() => {
      const choices = [...document.querySelectorAll('.consent-banner .consent-choice')].map(
        (button) => {
          const { top, width, height } = button.getBoundingClientRect();
          const lineHeight = Number.parseFloat(getComputedStyle(button).lineHeight);
          const range = document.createRange();
          range.selectNodeContents(button);
          return {
            top: Math.round(top),
            width: Math.round(width),
            height: Math.round(height),
            lines: Math.round(range.getBoundingClientRect().height / lineHeight),
          };
        },
      );
      // No named helper here: the test runner's transform would name it with a function the page lacks.
      const covered = ['.consent-banner', '.site-header']
        .map((selector) => document.querySelector(selector)?.getBoundingClientRect().height ?? 0)
        .reduce((sum, height) => sum + height, 0);
      return { share: covered / innerHeight, choices };
    });
    assert.ok(look.share <= MAX_SHARE, `${lang}: banner and header take ${look.share}`);
    const [accept, reject] = look.choices;
    assert.ok(accept && reject, lang);
    assert.deepEqual(accept, reject, `${lang}: accept and reject look alike`);
    assert.equal(accept.lines, 1, `${lang}: each choice on one line`);
    assert.ok(accept.height >= 24, `${lang}: a tap target of 24 px at least`);
    await page.close();
  }
});
