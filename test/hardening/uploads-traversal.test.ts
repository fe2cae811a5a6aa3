import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { startLiveServer } from '../helpers/live-server.js';

/** A picture as the admin forms store it: a generated name, its real extension. */
const PICTURE = `${'0123456789abcdef'.repeat(2)}.png`;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** Beside the uploads folder, in the data folder: the app must never serve it. */
const SECRET = 'do-not-serve.txt';
const SECRET_TEXT = 'the database password';
/** A picture still being written (staged beside its final place). */
const STAGED = `.${'f'.repeat(32)}.png.part`;

const TRAVERSALS = [
  `/uploads/../${SECRET}`,
  `/uploads/x/../../${SECRET}`,
  `/uploads/%2e%2e/${SECRET}`,
  `/uploads/%2E%2E/${SECRET}`,
  `/uploads/.%2e/${SECRET}`,
  `/uploads/..%2f${SECRET}`,
  `/uploads/..%2F${SECRET}`,
  `/uploads/%2e%2e%2f${SECRET}`,
  `/uploads/..\\${SECRET}`,
  `/uploads/..%5c${SECRET}`,
  `/uploads/%252e%252e/${SECRET}`,
  `/uploads/..%252f${SECRET}`,
  `/uploads/....//${SECRET}`,
  `/uploads//etc/passwd`,
  '/uploads/%2fetc%2fpasswd',
  '/uploads/../../../../etc/passwd',
  `/uploads/./${PICTURE}`,
  `/uploads/.//${PICTURE}`,
  `/uploads/${PICTURE}/`,
  `/uploads/${PICTURE}/..`,
  `/uploads/x/../${PICTURE}`,
  `/uploads/${STAGED}`,
  '/uploads/',
  '/uploads/%c0%ae%c0%ae/package.json',
  `/uploads/${PICTURE.toUpperCase()}`,
  `/uploads/${PICTURE}.txt`,
];

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw request: the path goes on the wire exactly as written (fetch would normalise it). */
function rawRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, method, headers }, (response) => {
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

async function uploadsServer(t: Parameters<typeof startLiveServer>[0]) {
  const server = await startLiveServer(t);
  const { dataDir } = server.config;
  writeFileSync(join(dataDir, 'uploads', PICTURE), PNG);
  writeFileSync(join(dataDir, 'uploads', STAGED), PNG);
  writeFileSync(join(dataDir, SECRET), SECRET_TEXT);
  return server;
}

test('every /uploads traversal variant answers the branded 404, never a file nor a 403', async (t) => {
  const { baseUrl } = await uploadsServer(t);
  for (const path of TRAVERSALS) {
    for (const accept of ['text/html', 'application/json']) {
      const answer = await rawRequest(baseUrl, path, { accept });
      assert.equal(answer.status, 404, `${path} (${accept}): ${answer.body.slice(0, 200)}`);
      assert.ok(!answer.body.includes(SECRET_TEXT), `${path} leaks nothing`);
      assert.doesNotMatch(answer.body, /root:x:0|IHDR/, `${path} leaks nothing`);
      assert.ok(answer.headers['content-security-policy'], `${path}: security headers`);
      const type = String(answer.headers['content-type']);
      if (accept === 'text/html') assert.match(type, /^text\/html/, path);
      else assert.match(type, /^application\/problem\+json/, path);
    }
  }
});

test('an uploaded picture is served with its type, nosniff, a year of caching and 304s', async (t) => {
  const { baseUrl } = await uploadsServer(t);
  const url = `/uploads/${PICTURE}`;
  const picture = await rawRequest(baseUrl, url, { accept: 'image/*' });
  assert.equal(picture.status, 200);
  assert.equal(picture.headers['content-type'], 'image/png');
  assert.equal(picture.headers['x-content-type-options'], 'nosniff');
  assert.match(String(picture.headers['cache-control']), /max-age=31536000.*immutable/);
  assert.equal(Buffer.from(picture.body, 'latin1').compare(PNG), 0, 'the very bytes');
  const etag = String(picture.headers.etag);
  assert.ok(picture.headers.etag, 'an ETag');

  const revalidated = await rawRequest(baseUrl, url, { 'if-none-match': etag });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.body, '');

  const head = await rawRequest(baseUrl, url, {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-type'], 'image/png');

  const missing = await rawRequest(baseUrl, `/uploads/${'9'.repeat(32)}.png`, {
    accept: 'text/html',
  });
  assert.equal(missing.status, 404, 'a well-formed name of no file');
  assert.match(String(missing.headers['content-type']), /^text\/html/);
});
