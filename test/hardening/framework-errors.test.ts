import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { parseHttpHead } from '../helpers/http-head.js';
import { startLiveServer } from '../helpers/live-server.js';

/** Headers every answer carries, whoever produced it (SPEC: framework-level errors included). */
const SECURITY_HEADERS = {
  'content-security-policy': /default-src 'self'/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^SAMEORIGIN$/,
  'referrer-policy': /^no-referrer$/,
  'cross-origin-opener-policy': /^same-origin$/,
};

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Sends bytes exactly as given over a fresh connection and reads the answer
 * until the server closes it (`Connection: close`): the only way to send a
 * malformed request line or an oversized header.
 */
function rawExchange(baseUrl: string, request: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      const head = parseHttpHead(bytes);
      if (head === undefined) return reject(new Error(`no answer (${bytes.length} bytes)`));
      const { status, headers, bodyStart } = head;
      resolve({ status, headers, body: bytes.subarray(bodyStart).toString('utf8') });
    });
    socket.end(request);
  });
}

function get(path: string, accept: string, extra = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: localhost\r\nAccept: ${accept}\r\nConnection: close\r\n${extra}\r\n`;
}

function post(path: string, type: string, body: string): string {
  return [
    `POST ${path} HTTP/1.1`,
    'Host: localhost',
    'Accept: application/json',
    `Content-Type: ${type}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

function assertSecured(answer: RawAnswer, label: string): void {
  for (const [name, expected] of Object.entries(SECURITY_HEADERS)) {
    assert.match(answer.headers[name] ?? '(missing)', expected, `${label}: ${name}`);
  }
  // The app's own problem codes (`"code":"http.bad_json"`) are part of its answer; Fastify's are not.
  assert.doesNotMatch(
    answer.body,
    /FST_|"code":"(?!http\.)|statusCode/,
    `${label}: no framework wording`,
  );
}

test('framework-level failures answer a clear 4xx with the security headers', async (t) => {
  const { baseUrl } = await startLiveServer(t);
  const cases: [string, string, number, string][] = [
    ['malformed percent-encoding (HTML)', get('/monsters/%zz', 'text/html'), 400, 'text/html'],
    ['malformed percent-encoding (JSON)', get('/monsters/%E0%A4%A', '*/*'), 400, 'problem'],
    [
      'invalid UTF-8 under /static (a traversal spelling)',
      get('/static/%c0%ae%c0%ae/package.json', '*/*'),
      404,
      'problem',
    ],
    [
      'a path parameter too long',
      get(`/monsters/${'x'.repeat(300)}`, 'text/html'),
      414,
      'text/html',
    ],
    ['invalid JSON body', post('/api/session', 'application/json', '{"email":'), 400, 'problem'],
    ['unsupported content type', post('/api/session', 'text/xml', '<a/>'), 415, 'problem'],
    ['page not found', get('/nowhere', 'text/html'), 404, 'text/html'],
    [
      'wrong method',
      'DELETE /monsters HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      405,
      'problem',
    ],
    [
      'oversized header',
      get('/', 'text/html', `X-Padding: ${'a'.repeat(20_000)}\r\n`),
      431,
      'problem',
    ],
    [
      'malformed request line',
      'GET /has space HTTP/1.1\r\nHost: localhost\r\n\r\n',
      400,
      'problem',
    ],
    [
      'invalid header',
      'GET / HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\nConnection: close\r\n\r\n',
      400,
      'problem',
    ],
    // Node answers these itself unless the server takes them over.
    [
      'HTTP/1.1 without a Host header',
      'GET / HTTP/1.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n',
      400,
      'text/html',
    ],
    [
      'HTTP/1.1 without a Host header (JSON)',
      'GET /api/monsters HTTP/1.1\r\nConnection: close\r\n\r\n',
      400,
      'problem',
    ],
    [
      'an expectation the server cannot meet',
      post('/whois', 'application/x-www-form-urlencoded', 'name=a').replace(
        'Connection: close',
        'Expect: weird\r\nConnection: close',
      ),
      417,
      'problem',
    ],
    [
      'a CONNECT request (this server is no proxy)',
      'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n',
      400,
      'problem',
    ],
  ];
  for (const [label, request, status, kind] of cases) {
    const answer = await rawExchange(baseUrl, request);
    assert.equal(answer.status, status, `${label}: ${answer.body.slice(0, 300)}`);
    assertSecured(answer, label);
    if (kind === 'text/html') {
      assert.match(answer.headers['content-type'] ?? '', /^text\/html/, label);
      assert.match(answer.body, /<html lang="en"/, `${label}: the branded page`);
    } else {
      assert.match(answer.headers['content-type'] ?? '', /^application\/problem\+json/, label);
      assert.equal(JSON.parse(answer.body).status, status, `${label}: RFC 9457 problem`);
    }
  }
  const oldClient = await rawExchange(baseUrl, 'GET /status HTTP/1.0\r\n\r\n');
  assert.equal(oldClient.status, 200, 'HTTP/1.0 needs no Host header');
});

test('a refused CONNECT client that keeps its side open is still disconnected', async (t) => {
  const { baseUrl } = await startLiveServer(t);
  const { port } = new URL(baseUrl);
  // Keeps its side open after the server's end, as a client that means harm does.
  const socket = connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true });
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write('CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n');
  // And keeps sending, as a tunnel would.
  const tunnel = setInterval(() => socket.write('\x16\x03\x01'), 100);
  let patience: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      closed,
      new Promise((resolve) => {
        patience = setTimeout(resolve, 15_000, 'still open');
      }),
    ]);
    assert.notEqual(outcome, 'still open', 'the server closed the connection');
    assert.match(received, /^HTTP\/1\.1 400 /);
  } finally {
    // Before the app closes: it waits for every open connection.
    clearTimeout(patience);
    clearInterval(tunnel);
    socket.destroy();
  }
});
