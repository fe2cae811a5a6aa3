/**
 * `npm run audit:pages`: every page at 320, 390 and 1366 px in English and
 * French, measured for sideways scrolling and axe-core violations
 * (test/browser/audit.ts); prints the findings as a Markdown table.
 *
 * By default it audits a fresh instance of this checkout (a temporary SQLite
 * database with the demo catalogue). `--url URL --admin-email E
 * --admin-password P` audits a running instance instead (any version of the
 * app: comparing before and after a change). `--json FILE` also saves every
 * measurement, `--markdown FILE` the table.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditSite, markdownReport } from '../test/browser/audit.js';
import { openChromium } from '../test/helpers/browser.js';
import { STRONG_PASSWORD } from '../test/helpers/http-client.js';
import { startDemoInstance } from './demo-instance.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-password': { type: 'string' },
    json: { type: 'string' },
    markdown: { type: 'string' },
  },
});

const instance = values.url ? undefined : await startDemoInstance();
const target = instance
  ? { baseUrl: instance.baseUrl, admin: instance.admin, customerPassword: STRONG_PASSWORD }
  : {
      baseUrl: (values.url ?? '').replace(/\/$/, ''),
      admin: { email: values['admin-email'] ?? '', password: values['admin-password'] ?? '' },
      customerPassword: STRONG_PASSWORD,
    };
if (!instance && !(target.admin.email && target.admin.password)) {
  process.stderr.write('audit-pages: --url needs --admin-email and --admin-password\n');
  process.exit(2);
}

const browser = await openChromium();
try {
  const started = Date.now();
  const measurements = await auditSite(browser, target, {
    onPage: ([first]) => process.stderr.write(`measured ${first?.lang} ${first?.page}\n`),
  });
  const report = markdownReport(measurements);
  process.stdout.write(report);
  process.stderr.write(`audit took ${Math.round((Date.now() - started) / 1000)} s\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(measurements, null, 2)}\n`);
  if (values.markdown) writeFileSync(values.markdown, report);
} finally {
  await browser.close();
  await instance?.stop();
}
