import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { startLiveServer } from '../helpers/live-server.js';

/** Ways out of static/ towards files the app must never serve (package.json, the database, /etc). */
const TRAVERSALS = [
  '/static/../package.json',
  '/static/css/../../package.json',
  '/static/%2e%2e/package.json',
  '/static/%2E%2E/package.json',
  '/static/.%2e/package.json',
  '/static/%2e./package.json',
  '/static/..%2fpackage.json',
  '/static/..%2Fpackage.json',
  '/static/%2e%2e%2fpackage.json',
  '/static/css/..%2f..%2fpackage.json',
  '/static/..\\package.json',
  '/static/..%5cpackage.json',
  '/static/..%5Cpackage.json',
  '/static/%2e%2e%5cpackage.json',
  '/static/css\\..\\..\\package.json',
  '/static/%252e%252e/package.json',
  '/static/%252e%252e%252fpackage.json',
  '/static/..%252fpackage.json',
  '/static/....//package.json',
  '/static/.../package.json',
  '/static//etc/passwd',
  '/static/%2fetc%2fpasswd',
  '/static/../../../../etc/passwd',
  '/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/static/css/./../../package.json',
  '/static/./css/app.css/../../../package.json',
  // Overlong UTF-8 for "." and "/": not even a valid URL.
  '/static/%c0%ae%c0%ae/package.json',
  '/static/..%c0%afpackage.json',
];

/** A raw request: the path goes on the wire exactly as written (fetch would normalise it). */
function rawGet(baseUrl: string, path: string, accept: string) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers: { accept } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body,
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

test('every /static traversal variant answers 404, never a file nor a 403', async (t) => {
  const { baseUrl } = await startLiveServer(t);
  for (const path of TRAVERSALS) {
    for (const accept of ['text/html', 'application/json']) {
      const answer = await rawGet(baseUrl, path, accept);
      assert.equal(answer.status, 404, `${path} (${accept}): ${answer.body.slice(0, 200)}`);
      assert.doesNotMatch(answer.body, /"name": "monster|root:x:0/, `${path} leaks nothing`);
      if (accept === 'text/html') assert.match(answer.type, /^text\/html/, path);
      else assert.match(answer.type, /^application\/problem\+json/, path);
    }
  }
  const asset = await rawGet(baseUrl, '/static/css/app.css', 'text/css');
  assert.equal(asset.status, 200, 'real assets are still served');
});
