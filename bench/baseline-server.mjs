#!/usr/bin/env node
// The bare baseline of `npm run bench` (docs/requirements.md §8): plain node:http and
// better-sqlite3 prepared statements on the SAME database file as the app, no
// framework, no template engine. It answers the two routes the app is compared
// on, with the same content (a CSRF token included) and the same security
// headers, so the ratio app ÷ baseline prices what Fastify, Kysely, Preact
// and the app's plugins add.
//
//   node bench/baseline-server.mjs --database /tmp/x.db [--port 0] [--host 127.0.0.1]
//
// Plain JavaScript on purpose: it runs on bare node, with no loader in the way.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

// The driver built for this runtime, as src/db/sqlite-native.ts chooses it
// (docs/decisions/016-node-runtimes.md).
const SQLite = createRequire(import.meta.url)(
  Number(process.versions.node.split('.')[0]) >= 22 ? 'better-sqlite3' : 'better-sqlite3-node20',
);

const { values: options } = parseArgs({
  options: {
    database: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (!options.database) {
  console.error('baseline-server: --database <path to the SQLite file> is required');
  process.exit(2);
}

const db = new SQLite(options.database, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
const findMonster = db.prepare(
  'select id, name, height, category, description, price_cents, stock, image from monsters where id = ?',
);
// The page names the category as the app does, from the categories table.
const findMonsterPage = db.prepare(
  'select m.id, m.name, m.height, m.category, m.description, m.price_cents, m.stock, m.image, c.name_en as category_name from monsters m join categories c on c.slug = m.category where m.id = ?',
);
/** The app versions its asset URLs with 12 hex digits of a hash: the same length here. */
const ASSET_VERSION = '000000000000';

// What @fastify/helmet sends with the app's policy: an honest bare server sends them too.
const SECURITY_HEADERS = [
  [
    'Content-Security-Policy',
    "default-src 'self';base-uri 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';style-src 'self'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

const API_PATH = /^\/api\/monsters\/(\d{1,15})$/;
const PAGE_PATH = /^\/monsters\/([a-z0-9-]{1,50})\/(\d{1,15})$/;

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(response);

  if (path === '/status') return send(response, 200, 'text/plain; charset=utf-8', 'ok');

  let match = API_PATH.exec(path);
  if (match) {
    const monster = findMonster.get(Number(match[1]));
    if (!monster) return notFound(response);
    return send(response, 200, 'application/json; charset=utf-8', JSON.stringify(monster));
  }

  match = PAGE_PATH.exec(path);
  if (match) {
    const monster = findMonsterPage.get(Number(match[2]));
    if (!monster || monster.category !== match[1]) return notFound(response);
    if (!(request.headers.accept ?? '').includes('text/html')) {
      return send(response, 200, 'application/json; charset=utf-8', JSON.stringify(monster), true);
    }
    const csrf = csrfFor(request);
    if (csrf.cookie) response.setHeader('Set-Cookie', csrf.cookie);
    return send(response, 200, 'text/html; charset=utf-8', monsterPage(monster, csrf.token), true);
  }

  return notFound(response);
});

function send(response, status, type, body, varyOnAccept = false) {
  const headers = [...SECURITY_HEADERS, ['Content-Type', type]];
  if (type.startsWith('text/html')) headers.push(['Content-Language', 'en']);
  if (varyOnAccept) headers.push(['Vary', 'Accept']);
  headers.push(['Content-Length', String(Buffer.byteLength(body))]);
  response.writeHead(status, headers.flat());
  response.end(body);
}

function notFound(response) {
  send(
    response,
    404,
    'application/problem+json; charset=utf-8',
    '{"type":"about:blank","title":"Not Found","status":404}',
  );
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (char) => ESCAPES[char]);

const price = (cents) => `€${(cents / 100).toFixed(2)}`;

/**
 * A CSRF token the plain way, as the app's forms carry one: a random secret in
 * an HttpOnly cookie (set when the request has none) and a salted SHA-256 of it.
 */
function csrfFor(request) {
  const existing = /(?:^|;\s*)_csrf=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  const secret = existing ?? randomBytes(18).toString('base64url');
  const salt = randomBytes(6).toString('base64url');
  const token = `${salt}-${createHash('sha256').update(`${salt}-${secret}`).digest('base64url')}`;
  const cookie = existing ? undefined : `_csrf=${secret}; Path=/; HttpOnly; SameSite=Lax`;
  return { token, cookie };
}

/** The app's stock badge: a symbol and words, "Only N left" at 5 or fewer. */
function stockBadge(stock) {
  if (stock <= 0)
    return '<p class="stock-badge stock-none"><span class="stock-symbol" aria-hidden="true">✕</span>Sold out</p>';
  if (stock <= 5)
    return `<p class="stock-badge stock-few"><span class="stock-symbol" aria-hidden="true">!</span>Only ${stock} left</p>`;
  return `<p class="stock-badge stock-plenty"><span class="stock-symbol" aria-hidden="true">✓</span>${stock} in stock</p>`;
}

/**
 * The same page as the app's detail page, markup for markup (consent banner,
 * header, breadcrumb, facts, stock badge, add-to-cart form, links, language
 * switch; asset URLs with a version of the same length), from one template
 * string. The footnote of the HTML row compares the two body sizes.
 */
function monsterPage(m, csrf) {
  const name = escapeHtml(m.name);
  const category = escapeHtml(m.category_name);
  const categoryUrl = `/monsters?category=${encodeURIComponent(m.category)}`;
  const path = `/monsters/${encodeURIComponent(m.category)}/${m.id}`;
  const picture = m.image
    ? `<img src="${escapeHtml(m.image)}" alt="Picture of ${name}" width="320" height="320"/>`
    : '<span class="monster-placeholder" aria-hidden="true">?</span>';
  const form = `add-to-cart-${m.id}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${name} · Monster Shop</title><link rel="stylesheet" href="/static/css/app.css?v=${ASSET_VERSION}"/><link rel="icon" href="/static/favicon.svg?v=${ASSET_VERSION}" type="image/svg+xml"/><script src="/static/js/consent.js?v=${ASSET_VERSION}" defer></script></head><body><a class="skip-link" href="#main">Skip to content</a><section class="consent-banner" aria-label="Cookie consent" data-consent-banner="true"><form method="post" action="/consent" class="consent-form" data-consent-form="true"><input type="hidden" name="_csrf" value="${csrf}"/><input type="hidden" name="next" value="${escapeHtml(path)}"/><p id="consent-text"><span class="consent-text-long">Necessary cookies keep your session and cart. With your consent, we also remember the monsters you view and count visits.</span><span class="consent-text-short">Necessary cookies only, unless you accept: viewed monsters, visit counts.</span> <a href="/privacy#choices" class="consent-customise">Customise</a></p><div class="consent-actions"><button type="submit" name="choice" value="accept" class="consent-choice">Accept all</button><button type="submit" name="choice" value="reject" class="consent-choice">Reject all</button><button type="submit" name="choice" value="reject" class="consent-close" aria-label="Close (refuses optional cookies)" title="Close (refuses optional cookies)">×</button></div></form></section><header class="site-header"><a class="brand" href="/"><img src="/static/favicon.svg?v=${ASSET_VERSION}" alt width="32" height="32"/><span>Monster Shop</span></a><nav aria-label="Main"><ul class="nav-links"><li><a href="/monsters">Monsters</a></li><li><a href="/halloween">Halloween</a></li><li><a href="/cart">Cart (0)</a></li><li><a href="/login">Sign in</a></li></ul></nav><form class="search-box" role="search" aria-label="Search the shop" method="get" action="/search"><label for="site-search" class="visually-hidden">Search monsters</label><input id="site-search" type="search" name="q" placeholder="Cthulhu, pumpkin, bête…" maxlength="200"/><button type="submit"><svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24"><circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.5"></circle><path d="m15 15 6 6" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"></path></svg><span class="search-box-submit">Search</span></button></form></header><main id="main" tabindex="-1"><nav aria-label="Breadcrumb"><ol class="breadcrumb"><li><a href="/monsters">Monsters</a></li><li><a href="${categoryUrl}">${category}</a></li><li aria-current="page">${name}</li></ol></nav><article class="monster-detail"><figure class="monster-picture">${picture}</figure><div class="monster-info"><h1>${name}</h1><p class="monster-description">${escapeHtml(m.description)}</p><dl class="monster-facts"><dt>Height</dt><dd>${m.height.toLocaleString('en')}\u00a0cm</dd><dt>Category</dt><dd><a href="${categoryUrl}">${category}</a></dd><dt>Price</dt><dd class="monster-price price">${price(m.price_cents)}</dd><dt>Availability</dt><dd>${stockBadge(m.stock)}</dd></dl><form method="post" action="/cart/items" class="add-to-cart" id="${form}"><input type="hidden" name="_csrf" value="${csrf}"/><input type="hidden" name="monster_id" value="${m.id}"/><input type="hidden" name="back" value="${escapeHtml(path)}"/><div class="add-to-cart-fields"><label for="${form}-quantity">Quantity</label><input id="${form}-quantity" type="number" name="quantity" inputmode="numeric" min="1" max="${m.stock}" value="1" required/><button type="submit">Add to cart</button></div></form><p><a href="${categoryUrl}">More monsters: ${category}</a></p><p><a href="/api/monsters/${m.id}" type="application/json">This monster as JSON</a></p></div></article></main><footer class="site-footer"><p>A reference application of the Web / BD course. <a href="/course">The course, route by route</a></p><a href="/privacy">Cookie preferences</a><form class="language-switch" method="post" action="/lang"><input type="hidden" name="next" value="${escapeHtml(path)}"/><fieldset><legend>Language</legend><button type="submit" name="lang" value="en" lang="en" aria-pressed="true">English</button><button type="submit" name="lang" value="fr" lang="fr" aria-pressed="false">Français</button></fieldset></form></footer></body></html>`;
}

server.keepAliveTimeout = 72_000;
server.listen(Number(options.port), options.host, () => {
  const { port } = server.address();
  console.log(`baseline is running on http://${options.host}:${port}`);
});

const stop = () => {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
