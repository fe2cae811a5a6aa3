import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { SQLite } from '../src/db/sqlite-native.js';
import { csrfTokenIn, type TestClient } from './helpers/http-client.js';
import { multipartBody, TINY_PNG } from './helpers/multipart.js';
import { signedInClient } from './helpers/sign-in.js';
import { buildTestApp, type LogCollector } from './helpers/test-app.js';

const WARN = 40;

async function signedInAs(app: FastifyInstance, role: 'admin' | 'customer') {
  return (await signedInClient(app, { email: `${role}@shop.test`, name: role, role })).client;
}

function cookieHeader(client: TestClient): string {
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Waits (bounded) until a log line matches; fails the test when none comes. */
async function logLine(
  logs: LogCollector,
  matches: (line: Record<string, unknown>) => boolean,
  what: string,
): Promise<Record<string, unknown>> {
  for (let tries = 0; tries < 200; tries += 1) {
    const line = logs.lines.find(matches);
    if (line) return line;
    await sleep(50);
  }
  assert.fail(`no log line: ${what}`);
}

/**
 * A listening app whose SQLite file another connection holds the write lock
 * of (`outsider`, closed when the test ends), and a socket open to it: a
 * write sent there waits on the database.
 */
async function serverBehindWriteLock(t: TestContext) {
  const { app, database, logs } = await buildTestApp(t, 'sqlite', { logLevel: 'info' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const { filename } = database.config as { filename: string };
  const outsider = new SQLite(filename);
  t.after(() => outsider.close());
  outsider.exec('begin immediate');
  return { app, logs, outsider, socket: await openSocket(port) };
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.on('error', reject);
  });
}

test('PostgreSQL: a signed-in page stuck on the database gets its 503 after one wait, logged in one short line', {
  skip: !process.env.TEST_DATABASE_URL && 'no PostgreSQL here',
}, async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'postgres');
  const client = await signedInAs(app, 'customer');
  const locker = new pg.Client({ connectionString: (database.config as { url: string }).url });
  locker.on('error', () => {});
  await locker.connect();
  t.after(() => locker.end());
  await locker.query('begin');
  // The catalogue and the sessions both wait: the error page must not wait a second time.
  await locker.query('lock table monsters, sessions in access exclusive mode');
  const before = logs.lines.length;
  try {
    const response = await client.get('/monsters');
    assert.equal(response.statusCode, 503, response.body);
    assert.match(response.body, /<!DOCTYPE html>/, 'the branded error page');
  } finally {
    await locker.query('rollback');
  }
  const warnings = logs.lines.slice(before).filter((line) => Number(line.level) >= WARN);
  assert.deepEqual(
    warnings.map((line) => line.msg),
    ['database unavailable'],
    'one database wait, one warning',
  );
  const [warning] = warnings;
  assert.equal(warning?.code, '57014', 'the cause is named by its code');
  assert.equal(warning?.err, undefined, 'no stack trace');
  assert.ok(JSON.stringify(warning).length < 400, `one short line: ${JSON.stringify(warning)}`);
  const after = await client.get('/monsters');
  assert.equal(after.statusCode, 200, 'served again');
  assert.match(after.body, /customer/i, 'still signed in');
});

test('a 503 sent while the server stops is logged as a restart, not as overload', async (t) => {
  // A write waits on the lock, keeping its keep-alive connection busy while the server stops.
  const { app, logs, outsider, socket } = await serverBehindWriteLock(t);
  t.after(() => socket.destroy());
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  // The 503 says `Connection: close`: the server ends the connection after it.
  socket.on('error', () => {});
  const ended = new Promise((resolve) => socket.once('close', resolve));
  const body = JSON.stringify({ monster_id: 2, quantity: 1 });
  socket.write(
    `POST /api/cart/items HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
  );
  await sleep(200);
  const closed = app.close();
  await sleep(200);
  socket.write('GET /hello/ghost HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: application/json\r\n\r\n');
  await sleep(200);
  outsider.exec('rollback');
  await closed;
  await ended;
  const answers = Buffer.concat(received).toString('latin1');
  assert.match(answers, /HTTP\/1\.1 503/, answers);
  assert.match(answers, /restarting/, answers);
  assert.ok(
    logs.lines.some((line) => line.msg === 'restarting'),
    'logged as a restart',
  );
  assert.ok(!logs.lines.some((line) => line.msg === 'overloaded'), 'not as overload');
});

test('an admin upload cut off mid-body by its client is no server error', async (t) => {
  const { app, logs } = await buildTestApp(t, 'sqlite', { logLevel: 'info' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const admin = await signedInAs(app, 'admin');
  const token = csrfTokenIn((await admin.get('/admin/monsters/new')).body);
  const { payload, contentType } = multipartBody(
    { _csrf: token, name: 'Mothra', height: '5000', category: 'kaiju', price: '9', stock: '1' },
    {
      field: 'image',
      filename: 'big.png',
      contentType: 'image/png',
      content: Buffer.concat([TINY_PNG, Buffer.alloc(1024 * 1024)]),
    },
  );
  const socket = await openSocket(port);
  socket.on('error', () => {});
  socket.write(
    `POST /admin/monsters HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: ${contentType}\r\ncontent-length: ${payload.length}\r\naccept: text/html\r\ncookie: ${cookieHeader(admin)}\r\n\r\n`,
  );
  // Half of the body, then the client hangs up.
  socket.write(payload.subarray(0, payload.length / 2));
  await sleep(200);
  socket.destroy();
  await logLine(
    logs,
    (line) => line.msg === 'request abandoned by the client' && line.path === '/admin/monsters',
    'the abandon',
  );
  // Whatever the parser made of the cut body is handled by now.
  assert.equal((await app.inject('/hello/ghost')).statusCode, 200);
  await sleep(200);
  const serverErrors = logs.lines.filter((line) => Number(line.level) >= WARN);
  assert.deepEqual(serverErrors, [], 'no warning or error for a client leaving');
});

test('an upload answered before it was read, then cut off by its client, is logged with its status', async (t) => {
  const { app, logs } = await buildTestApp(t, 'sqlite', { logLevel: 'info' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const socket = await openSocket(port);
  socket.on('error', () => {});
  const answered = new Promise<string>((resolve) =>
    socket.on('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))),
  );
  // An anonymous visitor's upload to an admin form is answered (sent to sign in) unread.
  socket.write(
    `POST /admin/monsters HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: multipart/form-data; boundary=x\r\ncontent-length: ${8 * 1024 * 1024}\r\naccept: text/html\r\n\r\n`,
  );
  socket.write(Buffer.alloc(64 * 1024, '-'));
  assert.match(await answered, /^HTTP\/1\.1 303 /);
  socket.destroy();
  const line = await logLine(logs, (entry) => entry.path === '/admin/monsters', 'its request line');
  assert.equal(line.msg, 'request answered, its upload cut off by the client');
  assert.equal(line.status, 303);
});

test('a client leaving while its request waits on the database is logged as abandoned', async (t) => {
  const { logs, outsider, socket } = await serverBehindWriteLock(t);
  const body = JSON.stringify({ monster_id: 2, quantity: 1 });
  socket.write(
    `POST /api/cart/items HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
  );
  await sleep(300);
  socket.destroy();
  try {
    await logLine(
      logs,
      (line) => line.msg === 'request abandoned by the client' && line.path === '/api/cart/items',
      'the abandon of a request whose body was read',
    );
  } finally {
    outsider.exec('rollback');
  }
});

test('an answered request is logged once, as completed, never as abandoned', async (t) => {
  const { app, logs } = await buildTestApp(t, 'sqlite', { logLevel: 'info' });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  assert.equal((await app.inject('/hello/ghost')).statusCode, 200);
  assert.equal((await fetch(`${baseUrl}/hello/ghost`)).status, 200);
  await sleep(100);
  const requestLines = logs.lines.filter((line) => line.path === '/hello/ghost');
  assert.deepEqual(
    requestLines.map((line) => line.msg),
    ['request completed', 'request completed'],
  );
});
