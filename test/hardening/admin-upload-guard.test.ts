import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { csrfTokenIn } from '../helpers/http-client.js';
import { parseHttpHead } from '../helpers/http-head.js';
import { startLiveServer } from '../helpers/live-server.js';
import { multipartBody, TINY_PNG } from '../helpers/multipart.js';
import { uploadThenRead } from '../helpers/raw-upload.js';
import { signedInClient } from '../helpers/sign-in.js';

/** Far beyond the socket buffers: most of it is still unsent when an early answer comes. */
const UPLOAD_BYTES = 8 * 1024 * 1024;
/** What the client sends before it waits for the answer. */
const SENT_FIRST = 256 * 1024;
/** A bound on the wait, not a measure: an answer given early comes within milliseconds. */
const PATIENCE_MS = 10_000;

interface EarlyAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Sends `head` and the first SENT_FIRST bytes of `body`, then waits for a
 * complete answer without sending the rest: only an answer given before the
 * body was read can arrive. Rejects after PATIENCE_MS.
 */
function answerBeforeTheBody(port: number, head: string, body: Buffer): Promise<EarlyAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const settle = (outcome: EarlyAnswer | Error) => {
      clearTimeout(patience);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const patience = setTimeout(
      () => settle(new Error(`no answer while the body was unsent (${PATIENCE_MS} ms)`)),
      PATIENCE_MS,
    );
    socket.on('error', (error) => settle(error));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = completeAnswer(Buffer.concat(chunks));
      if (answer) settle(answer);
    });
    socket.write(head);
    socket.write(body.subarray(0, SENT_FIRST));
  });
}

function completeAnswer(bytes: Buffer): EarlyAnswer | undefined {
  const head = parseHttpHead(bytes);
  if (head === undefined) return undefined;
  const { status, headers, bodyStart } = head;
  const body = bytes.subarray(bodyStart);
  if (body.length < Number(headers['content-length'] ?? 0)) return undefined;
  return { status, headers, body: body.toString('utf8') };
}

test('an anonymous or customer upload to an admin form is refused before its body is read', async (t) => {
  const { app, logs } = await startLiveServer(t);
  const { port } = app.server.address() as { port: number };
  const { client: customer } = await signedInClient(app, { email: 'customer@shop.test' });
  const token = csrfTokenIn((await customer.get('/cart')).body);
  const cookie = [...customer.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const { payload, contentType } = multipartBody(
    { _csrf: token, name: 'Mothra', height: '5000', category: 'kaiju', price: '9', stock: '1' },
    {
      field: 'image',
      filename: 'big.png',
      contentType: 'image/png',
      content: Buffer.concat([TINY_PNG, Buffer.alloc(UPLOAD_BYTES)]),
    },
  );
  const head = (extra: string) =>
    `POST /admin/monsters HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n${extra}\r\n`;

  const refused = await answerBeforeTheBody(port, head(`Cookie: ${cookie}\r\n`), payload);
  assert.equal(refused.status, 403, 'a customer is refused');
  assert.match(refused.body, /administrators only/);
  assert.equal(refused.headers.connection, 'close');

  const anonymous = await answerBeforeTheBody(port, head(''), payload);
  assert.equal(anonymous.status, 303, 'an anonymous visitor is sent to sign in');
  assert.equal(anonymous.headers.location, `/login?next=${encodeURIComponent('/admin/monsters')}`);

  // Announcing more than an admin may send changes nothing: the guard answered, nothing runs after it.
  const announced = `Content-Length: ${payload.length}`;
  const huge = head('').replace(announced, `Content-Length: ${17 * 1024 * 1024}`);
  assert.notEqual(huge, head(''));
  const anonymousHuge = await answerBeforeTheBody(port, huge, payload);
  assert.equal(anonymousHuge.status, 303, 'an anonymous visitor is sent to sign in');

  // Had the parser read it, this body would have been a 400 (malformed multipart).
  const garbage = await uploadThenRead({
    port,
    path: '/admin/monsters/1',
    headers: { 'content-type': contentType, accept: 'text/html', connection: 'close' },
    body: Buffer.alloc(UPLOAD_BYTES, '-'),
  });
  assert.ok('status' in garbage, 'error' in garbage ? garbage.error : '');
  assert.equal(garbage.status, 303, 'an unread body cannot be malformed');
  assert.ok(
    !logs.lines.some((line) => line.msg === 'missing or invalid CSRF token'),
    'the CSRF check, which needs the body, never ran',
  );
});

test('a forged admin form is refused at its CSRF token, before its picture is read', async (t) => {
  const { app } = await startLiveServer(t);
  const { port } = app.server.address() as { port: number };
  const { client: admin } = await signedInClient(app, { email: 'admin@shop.test', role: 'admin' });
  const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  // A page of another site cannot read the admin's token: it sends one of its own.
  const { payload, contentType } = multipartBody(
    { _csrf: 'forged-token', name: 'Mothra', height: '5000', category: 'kaiju', price: '9' },
    {
      field: 'image',
      filename: 'big.png',
      contentType: 'image/png',
      content: Buffer.concat([TINY_PNG, Buffer.alloc(UPLOAD_BYTES)]),
    },
  );
  const head =
    `POST /admin/monsters HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\nCookie: ${cookie}\r\n\r\n`;
  const refused = await answerBeforeTheBody(port, head, payload);
  assert.equal(refused.status, 403);
  assert.match(refused.body, /This page had expired/);
  const count = await app.database.db
    .selectFrom('monsters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name', '=', 'Mothra')
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0, 'nothing was created');
});
