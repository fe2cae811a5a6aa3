import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import Fastify from 'fastify';
import { bodyLimits } from '../src/plugins/body-limits.js';
import { csrfTokenIn } from './helpers/http-client.js';
import { startLiveServer } from './helpers/live-server.js';
import { multipartBody, TINY_PNG } from './helpers/multipart.js';
import { type RawUpload, uploadThenRead } from './helpers/raw-upload.js';
import { signedInClient } from './helpers/sign-in.js';

/** Far beyond the socket buffers: the client is still writing when the server answers. */
const OVERSIZED = 6 * 1024 * 1024;
const TRIES = 10;

async function assertAnswered413(
  upload: RawUpload,
  label: string,
  page: RegExp = /./,
): Promise<void> {
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const answer = await uploadThenRead(upload);
    assert.ok('status' in answer, `${label}, try ${attempt}: ${'error' in answer && answer.error}`);
    assert.equal(answer.status, 413, `${label}, try ${attempt}`);
    assert.ok(answer.complete, `${label}, try ${attempt}: the whole 413 was received`);
    assert.match(answer.body.toString(), page, `${label}, try ${attempt}`);
  }
}

test('an oversized body sent without Expect: 100-continue always gets its 413', async (t) => {
  const { app } = await startLiveServer(t);
  const { port } = app.server.address() as { port: number };
  const json = Buffer.alloc(OVERSIZED, ' ');
  const form = Buffer.from(`email=${'a'.repeat(OVERSIZED)}`);

  await assertAnswered413(
    {
      port,
      path: '/api/cart/items',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: json,
    },
    'JSON over 1 MB, keep-alive',
  );
  await assertAnswered413(
    {
      port,
      path: '/api/cart/items',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: json,
      chunked: true,
    },
    'chunked JSON over 1 MB (refused half-way through)',
  );
  await assertAnswered413(
    {
      port,
      path: '/login',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        connection: 'close',
      },
      body: form,
    },
    'form over 1 MB, Connection: close',
  );
});

test('an admin picture over the limit always gets the form back over real HTTP', async (t) => {
  const { app } = await startLiveServer(t);
  const { port } = app.server.address() as { port: number };
  const { client: admin } = await signedInClient(app, {
    email: 'admin@shop.test',
    name: 'Admin',
    role: 'admin',
  });
  const token = csrfTokenIn((await admin.get('/admin/monsters/new')).body);
  const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const fields = {
    _csrf: token,
    name: 'Mothra',
    height: '5000',
    category: 'kaiju',
    price: '9',
    stock: '1',
  };
  // Read and shown again with its values (6 MB), or refused unread (20 MB): a 413 every time.
  for (const size of [6, 20]) {
    const { payload, contentType } = multipartBody(fields, {
      field: 'image',
      filename: 'big.png',
      contentType: 'image/png',
      content: Buffer.concat([TINY_PNG, Buffer.alloc(size * 1024 * 1024)]),
    });
    await assertAnswered413(
      {
        port,
        path: '/admin/monsters',
        headers: { 'content-type': contentType, accept: 'text/html', cookie },
        body: payload,
      },
      `a ${size} MB picture`,
      /<p class="field-error" id="field-image-error">This picture is larger than 2 MB/,
    );
  }
});

/** Writes `total` bytes of body after `head` while reading the answer; resolves when the server closes. */
function uploadUntilClosed(
  port: number,
  head: string,
  total: number,
): Promise<{ written: number; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const received: Buffer[] = [];
    let written = 0;
    let open = true;
    const finish = () => {
      if (!open) return;
      open = false;
      socket.destroy();
      resolve({ written, answer: Buffer.concat(received).toString('latin1') });
    };
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(head);
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const pump = () => {
      while (open && written < total) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

test('the body read after an early answer is bounded in bytes', async (t) => {
  const { app } = await startLiveServer(t);
  const { port } = app.server.address() as { port: number };
  const total = 256 * 1024 * 1024;
  const { written, answer } = await uploadUntilClosed(
    port,
    `POST /api/cart/items HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${total}\r\n\r\n`,
    total,
  );
  assert.match(answer, /^HTTP\/1\.1 413 /);
  assert.ok(written < total, `the server closed the connection (after ${written} bytes)`);
});

test('the body read after an early answer is bounded in time', { timeout: 60_000 }, async (t) => {
  const app = Fastify({ bodyLimit: 1024, forceCloseConnections: true });
  await app.register(bodyLimits, { linger: { maxBytes: 1024 * 1024, maxMs: 200 } });
  app.post('/echo', async (request) => request.body);
  t.after(() => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  // Announces 10 MB, sends 10 kB, then stalls: the server must give up and close.
  const { answer } = await uploadUntilClosed(
    port,
    `POST /echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${10 * 1024 * 1024}\r\n\r\n`,
    10 * 1024,
  );
  assert.match(answer, /^HTTP\/1\.1 413 /);
  assert.match(answer, /connection: close/i);
});

test('stopping the server ends the draining at once', { timeout: 30_000 }, async (t) => {
  const app = Fastify({ bodyLimit: 1024 });
  await app.register(bodyLimits, { linger: { maxBytes: 1024 * 1024, maxMs: 10 * 60_000 } });
  app.post('/echo', async (request) => request.body);
  t.after(() => app.server.closeAllConnections());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const socket = connect({ port, host: '127.0.0.1' });
  socket.write(
    'POST /echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000000\r\n\r\n{',
  );
  // The client stalls once the 413 has arrived: only the server's stop can end the draining.
  await new Promise((resolve) => socket.once('data', resolve));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await app.close();
  await closed;
});
