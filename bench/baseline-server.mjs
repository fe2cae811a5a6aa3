#!/usr/bin/env node
// The bare baseline of `npm run bench` (SPEC §8): plain node:http and
// better-sqlite3 prepared statements on the SAME database file as the app, no
// framework, no template engine. It answers the two routes the app is compared
// on, with the same bodies and the same security headers, so the ratio
// app ÷ baseline prices exactly what Fastify, Kysely and Preact add.
//
//   node bench/baseline-server.mjs --database /tmp/x.db [--port 0] [--host 127.0.0.1]
//
// Plain JavaScript on purpose: it runs on bare node, with no loader in the way.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';

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
    const monster = findMonster.get(Number(match[2]));
    if (!monster || monster.category !== match[1]) return notFound(response);
    const html = (request.headers.accept ?? '').includes('text/html');
    return html
      ? send(response, 200, 'text/html; charset=utf-8', monsterPage(monster), true)
      : send(response, 200, 'application/json; charset=utf-8', JSON.stringify(monster), true);
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

/** The same content as the app's detail page, in the same kind of layout, from one template string. */
function monsterPage(m) {
  const name = escapeHtml(m.name);
  const picture = m.image
    ? `<img src="${escapeHtml(m.image)}" alt="" width="320" height="320"/>`
    : '<span class="monster-placeholder" aria-hidden="true">?</span>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${name} · Monster Shop</title><link rel="stylesheet" href="/static/css/app.css"/><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/></head><body><a class="skip-link" href="#main">Skip to content</a><header class="site-header"><a class="brand" href="/"><img src="/static/favicon.svg" alt="" width="32" height="32"/><span>Monster Shop</span></a><nav aria-label="Main"><ul class="nav-links"><li><a href="/monsters">Monsters</a></li><li><a href="/halloween">Halloween</a></li><li><a href="/cart">Cart (0)</a></li><li><a href="/login">Sign in</a></li></ul></nav><form class="search-box" role="search" method="get" action="/search"><label for="site-search" class="visually-hidden">Search monsters</label><input id="site-search" type="search" name="q" placeholder="Cthulhu, pumpkin, bête…"/><button type="submit">Search</button></form></header><main id="main" tabindex="-1"><article class="monster-detail"><h1>${name}</h1>${picture}<dl><dt>Category</dt><dd><a href="/monsters?category=${encodeURIComponent(m.category)}">${escapeHtml(m.category)}</a></dd><dt>Height</dt><dd>${m.height} cm</dd><dt>Price</dt><dd>${price(m.price_cents)}</dd><dt>In stock</dt><dd>${m.stock}</dd></dl><p>${escapeHtml(m.description)}</p><form method="post" action="/cart/items"><input type="hidden" name="monster_id" value="${m.id}"/><label for="quantity">Quantity</label><input id="quantity" name="quantity" type="number" min="1" max="${m.stock}" value="1"/><button type="submit">Add to cart</button></form></article></main><footer class="site-footer"><p>A reference application of the Web / BD course.</p><a href="/privacy">Cookie preferences</a></footer></body></html>`;
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
