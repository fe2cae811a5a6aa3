import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openChromium } from '../helpers/browser.js';
import { STRONG_PASSWORD } from '../helpers/http-client.js';
import { startLiveServer } from '../helpers/live-server.js';
import { createTestUser } from '../helpers/sign-in.js';
import {
  AUDIT_LANGS,
  AUDIT_WIDTHS,
  AUDITED_PAGES,
  auditSite,
  type Measurement,
  problemsOf,
} from './audit.js';

// Every page, at 320, 390 and 1366 px, in English and French: no sideways
// scrolling and no axe-core violation of any impact (WCAG 2.2 AA and best
// practices). No allow-list: every finding fails its page's assertion.
// `npm run audit:pages` prints the same measurements as a table.
test(`every page at ${AUDIT_WIDTHS.join(', ')} px in ${AUDIT_LANGS.join(' and ')}: no sideways scroll, no axe violation`, async (t) => {
  const { baseUrl, app } = await startLiveServer(t);
  const admin = { email: 'ada@example.com', password: STRONG_PASSWORD };
  await createTestUser(app.database.db, {
    email: admin.email,
    name: 'Ada Lovelace',
    role: 'admin',
  });
  // Closed here, not in a t.after hook: a hook failing before it (an unexpected
  // error log) would leave Chromium running and the test process waiting.
  const browser = await openChromium();
  let measurements: Measurement[];
  try {
    measurements = await auditSite(browser, { baseUrl, admin, customerPassword: STRONG_PASSWORD });
  } finally {
    await browser.close();
  }

  for (const { name } of AUDITED_PAGES) {
    await t.test(name, () => {
      const ofPage = measurements.filter((m) => m.page === name);
      assert.equal(ofPage.length, AUDIT_WIDTHS.length * AUDIT_LANGS.length, 'measured everywhere');
      const problems = problemsOf(ofPage);
      assert.deepEqual(problems, [], `${name} (${ofPage[0]?.path}):\n  ${problems.join('\n  ')}`);
    });
  }
});
