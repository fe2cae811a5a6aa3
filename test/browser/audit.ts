import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/**
 * The page audit: every page a shopper or an admin sees, at phone and
 * desktop widths, in both languages, measured for horizontal scrolling and
 * for axe-core violations (WCAG 2.2 AA rules and axe's best practices).
 * Shared by test/browser/pages-audit.test.ts (which fails on any finding)
 * and `npm run audit:pages` (which prints the findings as a table).
 */

export const AUDIT_WIDTHS = [320, 390, 1366] as const;
export const AUDIT_LANGS = ['en', 'fr'] as const;
export type AuditWidth = (typeof AUDIT_WIDTHS)[number];
export type AuditLang = (typeof AUDIT_LANGS)[number];

const VIEWPORT_HEIGHT = 900;
const LOCALES: Record<AuditLang, string> = { en: 'en-GB', fr: 'fr-FR' };

/** axe-core's rule tags for WCAG 2.0–2.2 A and AA (target size included) and its best practices. */
export const AXE_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
  'best-practice',
] as const;

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

/** The password of the accounts the audit signs in with (the customer it registers, the admin it is given). */
export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface AuditTarget {
  readonly baseUrl: string;
  /** An existing admin account: the admin pages are visited signed in as them. */
  readonly admin: Credentials;
  /** The password the audit registers its customer with (strong enough for the register form). */
  readonly customerPassword: string;
}

export interface Violation {
  readonly rule: string;
  readonly impact: Impact;
  readonly help: string;
  readonly nodes: number;
  /** The CSS selectors of the first few offending elements. */
  readonly targets: readonly string[];
}

export interface Overflow {
  /** How far the page scrolls sideways: `scrollWidth - innerWidth`, 0 when it does not. */
  readonly px: number;
  /** The element reaching furthest past the right edge, when the page scrolls. */
  readonly widest: string | null;
}

export interface Measurement {
  readonly page: string;
  readonly lang: AuditLang;
  readonly width: AuditWidth;
  /** The address the page ended on (path and query). */
  readonly path: string;
  readonly status: number;
  /** What the page should have answered (see AuditedPage). */
  readonly expectedStatus: number | 'refused';
  readonly contentType: string;
  readonly overflow: Overflow;
  /** Null for a document that is not HTML (`/whois` answers text/plain): axe judges markup. */
  readonly violations: readonly Violation[] | null;
}

// ---------------------------------------------------------------- the pages

/** Who looks at the page: each is a browser context of its own, per language. */
type Visitor = 'firstVisit' | 'visitor' | 'customer' | 'admin';

/** What the set-up made: the pages whose address is only known once it ran. */
interface SiteState {
  readonly baseUrl: string;
  readonly orderPath: string;
}

export interface AuditedPage {
  readonly name: string;
  readonly visitor: Visitor;
  /** The answer's status: a number, or `refused` for any 4xx of a refused form. */
  readonly status?: number | 'refused';
  /** Brings `page` to the state to audit. */
  readonly open: (page: Page, site: SiteState) => Promise<void>;
}

const visit =
  (path: string) =>
  async (page: Page, site: SiteState): Promise<void> => {
    await page.goto(`${site.baseUrl}${path}`);
  };

/** Every page of the audit, in the order of the report. */
export const AUDITED_PAGES: readonly AuditedPage[] = [
  { name: 'home, first visit (consent banner)', visitor: 'firstVisit', open: visit('/') },
  { name: 'home', visitor: 'visitor', open: visit('/') },
  { name: 'catalogue (cards)', visitor: 'visitor', open: visit('/monsters') },
  { name: 'catalogue (table)', visitor: 'visitor', open: visit('/monsters?view=table') },
  {
    name: 'catalogue, category cosmic',
    visitor: 'visitor',
    open: visit('/monsters?category=cosmic'),
  },
  { name: 'monster page', visitor: 'visitor', open: visit('/monsters/curcubitaceous/666') },
  {
    name: 'monster page, add to cart refused',
    visitor: 'visitor',
    status: 'refused',
    open: async (page, site) => {
      await page.goto(`${site.baseUrl}/monsters/curcubitaceous/666`);
      await submitBeyondMax(page, page.locator('main form[action="/cart/items"]').first());
    },
  },
  { name: 'search results', visitor: 'visitor', open: visit('/search?q=cthulhu') },
  { name: 'search, no query', visitor: 'visitor', open: visit('/search') },
  { name: 'cart, empty', visitor: 'visitor', open: visit('/cart') },
  { name: 'sign in', visitor: 'visitor', open: visit('/login') },
  { name: 'register', visitor: 'visitor', open: visit('/register') },
  { name: 'sign in refused', visitor: 'visitor', status: 401, open: openRefusedSignIn },
  { name: 'privacy', visitor: 'visitor', open: visit('/privacy') },
  { name: 'Halloween', visitor: 'visitor', open: visit('/halloween') },
  { name: 'hello', visitor: 'visitor', open: visit('/hello/') },
  { name: 'whois', visitor: 'visitor', open: visit('/whois?name=Ada') },
  { name: 'course', visitor: 'visitor', open: visit('/course') },
  { name: '404 page', visitor: 'visitor', status: 404, open: visit('/no-such-page') },
  {
    name: '400 page (bad sort)',
    visitor: 'visitor',
    status: 400,
    open: visit('/monsters?sort=bogus'),
  },
  { name: 'cart, 2 items', visitor: 'customer', open: visit('/cart') },
  {
    name: 'cart, quantity change refused',
    visitor: 'customer',
    status: 'refused',
    open: async (page, site) => {
      await page.goto(`${site.baseUrl}/cart`);
      await submitBeyondMax(
        page,
        page
          .locator('main form[action^="/cart/items/"]:has(input[name=quantity]:not([type=hidden]))')
          .first(),
      );
    },
  },
  { name: 'account', visitor: 'customer', open: visit('/account') },
  {
    name: 'order',
    visitor: 'customer',
    open: async (page, site) => {
      await page.goto(`${site.baseUrl}${site.orderPath}`);
    },
  },
  { name: 'admin, monsters', visitor: 'admin', open: visit('/admin/monsters') },
  { name: 'admin, new monster', visitor: 'admin', open: visit('/admin/monsters/new') },
  { name: 'admin, edit monster', visitor: 'admin', open: visit('/admin/monsters/666/edit') },
  {
    name: 'admin, refused form',
    visitor: 'admin',
    status: 'refused',
    open: openRefusedMonsterForm,
  },
];

async function openRefusedSignIn(page: Page, site: SiteState): Promise<void> {
  await page.goto(`${site.baseUrl}/login`);
  const form = page.locator('main form[action^="/login"]');
  await form.locator('[name=email]').fill('nobody@example.com');
  await form.locator('[name=password]').fill('not-the-password');
  await submitAndWait(page, () => form.locator('[type=submit]').click());
}

/**
 * A quantity form sent with one more than its field allows (the stock), past
 * the browser's own check, as happens when someone else bought meanwhile:
 * the app refuses it and the cart stays as it was.
 */
async function submitBeyondMax(page: Page, form: Locator): Promise<void> {
  const quantity = form.locator('input[name=quantity]');
  // Without a maximum on the field, a quantity no stock holds.
  const max = Number((await quantity.getAttribute('max')) ?? 999_999);
  await form.evaluate((element: HTMLFormElement) => {
    element.noValidate = true;
  });
  await quantity.fill(String(max + 1));
  await submitAndWait(page, () => form.locator('[type=submit]').first().click());
}

/** The new-monster form sent empty, past the browser's own checks: the server refuses every field. */
async function openRefusedMonsterForm(page: Page, site: SiteState): Promise<void> {
  await page.goto(`${site.baseUrl}/admin/monsters/new`);
  const form = page.locator('main form[action="/admin/monsters"]');
  await form.evaluate((element: HTMLFormElement) => {
    element.noValidate = true;
  });
  await submitAndWait(page, () => form.locator('[type=submit]').last().click());
}

/** Runs `submit` (a click that sends a form) and waits until the page it leads to has loaded. */
export async function submitAndWait(page: Page, submit: () => Promise<void>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
  });
  await submit();
  await navigated;
  await page.waitForLoadState('load');
}

// ---------------------------------------------------------------- the set-up

interface Visitors {
  readonly contexts: Record<AuditLang, Record<Visitor, BrowserContext>>;
  readonly site: SiteState;
}

function newContext(
  browser: Browser,
  lang: AuditLang,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: AUDIT_WIDTHS[0], height: VIEWPORT_HEIGHT },
    locale: LOCALES[lang],
    ...(storageState && { storageState }),
  });
}

/** A visitor who answered the consent banner ("Reject all"), as most do on their first page. */
export async function decideConsent(context: BrowserContext, baseUrl: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  // With JavaScript the banner answers in place (static/js/consent.js): wait for the cookie.
  await page.locator('button[name=choice][value=reject]').first().click();
  const deadline = Date.now() + 15_000;
  while (!(await context.cookies()).some((cookie) => cookie.name === 'consent')) {
    if (Date.now() > deadline) throw new Error('the consent banner set no consent cookie');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await page.close();
}

async function signInThroughForm(
  context: BrowserContext,
  baseUrl: string,
  account: Credentials,
): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  const form = page.locator('main form[action^="/login"]');
  await form.locator('[name=email]').fill(account.email);
  await form.locator('[name=password]').fill(account.password);
  await submitAndWait(page, () => form.locator('[type=submit]').click());
  if (!new URL(page.url()).pathname.startsWith('/account')) {
    throw new Error(`signing in as ${account.email} led to ${page.url()}, not /account`);
  }
  await page.close();
}

async function addToCart(page: Page, baseUrl: string, monsterPath: string, quantity: number) {
  await page.goto(`${baseUrl}${monsterPath}`);
  const form = page.locator('main form[action="/cart/items"]').first();
  await form.locator('[name=quantity]').fill(String(quantity));
  await submitAndWait(page, () => form.locator('[type=submit]').click());
}

/**
 * A customer as the real forms make one: registered, one order placed,
 * two monsters waiting in the cart. Returns the order's address.
 */
export async function makeCustomer(
  context: BrowserContext,
  baseUrl: string,
  password: string,
): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/register`);
  const form = page.locator('main form[action^="/register"]');
  await form.locator('[name=email]').fill(`shopper-${Date.now()}@example.com`);
  await form.locator('[name=name]').fill('Mina Harker');
  await form.locator('[name=password]').fill(password);
  await submitAndWait(page, () => form.locator('[type=submit]').click());
  if (!new URL(page.url()).pathname.startsWith('/account')) {
    throw new Error(`registering led to ${page.url()}, not /account`);
  }

  await addToCart(page, baseUrl, '/monsters/cosmic/1', 1);
  await page.goto(`${baseUrl}/cart`);
  await submitAndWait(page, () =>
    page.locator('main form[action="/checkout"] [type=submit]').click(),
  );
  const orderPath = new URL(page.url()).pathname;
  if (!/^\/orders\/\d+$/.test(orderPath)) {
    throw new Error(`checking out led to ${page.url()}, not an order page`);
  }

  await addToCart(page, baseUrl, '/monsters/curcubitaceous/666', 2);
  await addToCart(page, baseUrl, '/monsters/cosmic/2', 1);
  await page.close();
  return orderPath;
}

/** One context per visitor and language; the customer and the admin are signed in once and copied. */
async function prepareVisitors(browser: Browser, target: AuditTarget): Promise<Visitors> {
  const { baseUrl } = target;
  const english = {
    firstVisit: await newContext(browser, 'en'),
    visitor: await newContext(browser, 'en'),
    customer: await newContext(browser, 'en'),
    admin: await newContext(browser, 'en'),
  };
  for (const context of [english.visitor, english.customer, english.admin]) {
    await decideConsent(context, baseUrl);
  }
  const orderPath = await makeCustomer(english.customer, baseUrl, target.customerPassword);
  await signInThroughForm(english.admin, baseUrl, target.admin);
  const french = {
    firstVisit: await newContext(browser, 'fr'),
    visitor: await newContext(browser, 'fr', await english.visitor.storageState()),
    customer: await newContext(browser, 'fr', await english.customer.storageState()),
    admin: await newContext(browser, 'fr', await english.admin.storageState()),
  };
  return { contexts: { en: english, fr: french }, site: { baseUrl, orderPath } };
}

// ---------------------------------------------------------------- measuring

let axeSource: string | undefined;

function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * axe-core's violations on the page as it is. The script is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy
 * does not govern, so the page is audited under its real policy.
 */
async function axeViolations(page: Page): Promise<Violation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeScript());
  return page.evaluate(
    async (tags) => {
      type AxeNode = { target: unknown[] };
      type AxeResult = {
        id: string;
        impact: string | null;
        help: string;
        nodes: AxeNode[];
      };
      const axe = (
        window as unknown as {
          axe: {
            run: (context: Document, options: object) => Promise<{ violations: AxeResult[] }>;
          };
        }
      ).axe;
      const results = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((violation) => ({
        rule: violation.id,
        impact: (violation.impact ?? 'minor') as Impact,
        help: violation.help,
        nodes: violation.nodes.length,
        targets: violation.nodes
          .slice(0, 3)
          .map((node) => node.target.map((part) => String(part)).join(' ')),
      }));
    },
    AXE_TAGS as readonly string[] as string[],
  );
}

/**
 * How far the page scrolls sideways, and the element that reaches furthest
 * right (not counting those inside a scrolling or clipping box). No named
 * function inside: tsx would wrap it in a helper the page does not have.
 */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const px = document.documentElement.scrollWidth - window.innerWidth;
    if (px <= 0) return { px: 0, widest: null };
    let widest: Element | null = null;
    let furthest = window.innerWidth;
    for (const element of document.body.querySelectorAll('*')) {
      const right = element.getBoundingClientRect().right + window.scrollX;
      if (right < furthest || right <= window.innerWidth + 0.5) continue;
      let clipped = false;
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') clipped = true;
      }
      if (clipped) continue;
      widest = element;
      furthest = right;
    }
    if (!widest) return { px, widest: null };
    const parts: string[] = [];
    for (
      let at: Element | null = widest;
      at && at !== document.body && parts.length < 3;
      at = at.parentElement
    ) {
      const id = at.id ? `#${at.id}` : '';
      const classes = [...at.classList]
        .slice(0, 2)
        .map((name) => `.${name}`)
        .join('');
      parts.unshift(`${at.tagName.toLowerCase()}${id}${classes}`);
    }
    const width = Math.round(widest.getBoundingClientRect().width);
    return {
      px,
      widest: `${parts.join(' > ')} (${width} px wide, right edge at ${Math.round(furthest)} px)`,
    };
  });
}

/** Two animation frames: the layout after a viewport change is done and painted. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

async function documentFacts(page: Page) {
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as
      | (PerformanceNavigationTiming & { responseStatus?: number })
      | undefined;
    return {
      status: navigation?.responseStatus ?? 0,
      contentType: document.contentType,
      path: `${location.pathname}${location.search}`,
    };
  });
}

/** Measures the page at each width, in the state `open` left it (no reload: a refused form stays refused). */
async function measureAtEachWidth(
  page: Page,
  audited: AuditedPage,
  lang: AuditLang,
): Promise<Measurement[]> {
  const facts = await documentFacts(page);
  const measurements: Measurement[] = [];
  for (const width of AUDIT_WIDTHS) {
    await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
    await settle(page);
    const overflow = await measureOverflow(page);
    const violations = facts.contentType === 'text/html' ? await axeViolations(page) : null;
    const expectedStatus = audited.status ?? 200;
    measurements.push({
      page: audited.name,
      lang,
      width,
      ...facts,
      expectedStatus,
      overflow,
      violations,
    });
  }
  return measurements;
}

export interface AuditOptions {
  /** Told of each page once measured (progress for the command line). */
  readonly onPage?: (measurements: readonly Measurement[]) => void;
  readonly pages?: readonly AuditedPage[];
}

/** Sets up the visitors through the site's own forms, then measures every page. */
export async function auditSite(
  browser: Browser,
  target: AuditTarget,
  options: AuditOptions = {},
): Promise<Measurement[]> {
  const { contexts, site } = await prepareVisitors(browser, target);
  const measurements: Measurement[] = [];
  try {
    for (const lang of AUDIT_LANGS) {
      const pages = new Map<Visitor, Page>();
      for (const audited of options.pages ?? AUDITED_PAGES) {
        const context = contexts[lang][audited.visitor];
        let page = pages.get(audited.visitor);
        if (!page) {
          page = await context.newPage();
          pages.set(audited.visitor, page);
        }
        await page.setViewportSize({ width: AUDIT_WIDTHS[0], height: VIEWPORT_HEIGHT });
        await audited.open(page, site);
        const found = await measureAtEachWidth(page, audited, lang);
        measurements.push(...found);
        options.onPage?.(found);
      }
    }
  } finally {
    for (const byVisitor of Object.values(contexts)) {
      for (const context of Object.values(byVisitor)) await context.close();
    }
  }
  return measurements;
}

// ---------------------------------------------------------------- reporting

export function impactCounts(violations: readonly Violation[] | null): Record<Impact, number> {
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const violation of violations ?? []) counts[violation.impact] += violation.nodes;
  return counts;
}

function statusAsExpected(m: Measurement): boolean {
  return m.expectedStatus === 'refused'
    ? m.status >= 400 && m.status < 500
    : m.status === m.expectedStatus;
}

/** Everything wrong with one page, across widths and languages, one line per distinct problem. */
export function problemsOf(measurements: readonly Measurement[]): string[] {
  const where = new Map<string, string[]>();
  const note = (problem: string, at: string) =>
    where.set(problem, [...(where.get(problem) ?? []), at]);
  for (const m of measurements) {
    const at = `${m.lang} ${m.width}`;
    if (!statusAsExpected(m)) {
      note(`answered ${m.status} at ${m.path}, expected ${m.expectedStatus}`, at);
    }
    if (m.overflow.px > 0) {
      note(`scrolls sideways by ${m.overflow.px} px; widest: ${m.overflow.widest ?? '?'}`, at);
    }
    for (const v of m.violations ?? []) {
      const more = v.nodes > v.targets.length ? ` (+${v.nodes - v.targets.length} more)` : '';
      note(`axe ${v.impact} ${v.rule} (${v.help}): ${v.targets.join(', ')}${more}`, at);
    }
  }
  return [...where].map(([problem, at]) => `[${at.join(', ')}] ${problem}`);
}

function cell(m: Measurement | undefined): string {
  if (!m) return '–';
  const status = statusAsExpected(m) ? '' : `**${m.status}** · `;
  const overflow = m.overflow.px > 0 ? `**+${m.overflow.px} px**` : 'no';
  if (!m.violations) return `${status}${overflow} · n/a`;
  const counts = impactCounts(m.violations);
  return `${status}${overflow} · ${IMPACTS.map((impact) => counts[impact]).join('/')}`;
}

/**
 * The findings as Markdown: per page and width/language, whether the page
 * scrolls sideways (by how much) and the axe violations by impact, counted
 * in offending elements; then the rules that fired.
 */
export function markdownReport(measurements: readonly Measurement[]): string {
  const columns = AUDIT_LANGS.flatMap((lang) => AUDIT_WIDTHS.map((width) => ({ lang, width })));
  const pages = [...new Set(measurements.map((m) => m.page))];
  const lines = [
    'Cells: an unexpected status in bold, then sideways scroll (`no` or by how many px) · axe violations as critical/serious/moderate/minor (offending elements; `n/a`: not an HTML document).',
    '',
    `| page | address | status | ${columns.map((c) => `${c.lang} ${c.width}`).join(' | ')} |`,
    `|---|---|---|${columns.map(() => '---').join('|')}|`,
  ];
  for (const page of pages) {
    const ofPage = measurements.filter((m) => m.page === page);
    const first = ofPage[0];
    const cells = columns.map((c) =>
      cell(ofPage.find((m) => m.lang === c.lang && m.width === c.width)),
    );
    lines.push(
      `| ${page} | \`${first?.path ?? ''}\` | ${first?.status ?? ''} | ${cells.join(' | ')} |`,
    );
  }
  const overflowing = measurements.filter((m) => m.overflow.px > 0).length;
  const totals = impactCounts(measurements.flatMap((m) => m.violations ?? []));
  lines.push(
    '',
    `Totals over ${measurements.length} page × width × language views: ${overflowing} scroll sideways; axe ${IMPACTS.map((impact) => `${totals[impact]} ${impact}`).join(', ')}.`,
    '',
    '| axe rule | impact | views | offending elements | pages |',
    '|---|---|---|---|---|',
  );
  const rules = new Map<
    string,
    { impact: Impact; views: number; nodes: number; pages: Set<string> }
  >();
  for (const m of measurements) {
    for (const v of m.violations ?? []) {
      const rule = rules.get(v.rule) ?? { impact: v.impact, views: 0, nodes: 0, pages: new Set() };
      rule.views += 1;
      rule.nodes += v.nodes;
      rule.pages.add(m.page);
      rules.set(v.rule, rule);
    }
  }
  const byImpact = [...rules].sort(
    ([, a], [, b]) => IMPACTS.indexOf(a.impact) - IMPACTS.indexOf(b.impact) || b.nodes - a.nodes,
  );
  for (const [id, rule] of byImpact) {
    lines.push(
      `| ${id} | ${rule.impact} | ${rule.views} | ${rule.nodes} | ${[...rule.pages].join('; ')} |`,
    );
  }
  if (rules.size === 0) lines.push('| (none) | | | | |');
  return `${lines.join('\n')}\n`;
}
