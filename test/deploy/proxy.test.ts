import assert from 'node:assert/strict';
import { request } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { type TestContext, test } from 'node:test';
import { STRONG_PASSWORD } from '../helpers/http-client.js';
import type { HttpsClient } from '../helpers/https-client.js';
import { assertNginx, nginxSkipReason } from '../helpers/nginx-proxy.js';
import { type ProxyStack, startProxyStack } from '../helpers/proxy-stack.js';

/**
 * The deployment of docs/deployment.md, end to end: PostgreSQL, two
 * instances of the built bundle and nginx rendered from deploy/, over HTTPS
 * with a throwaway certificate. Each part uses its own client address
 * (127.0.0.x) so the per-IP limits of one do not spend another's.
 */

const SIGN_IN_LIMIT = 6;
const SHOPPERS = 3;
const ROUNDS = 6;

// Skipped, saying why, only outside CI when nginx is not installed.
const skip = nginxSkipReason();

/**
 * How one request ends: its status, or the code of the error that ended it
 * (a connection nginx closes without an answer).
 */
function outcome(url: string | URL, options: RequestOptions, body = ''): Promise<string> {
  const send = String(url).startsWith('https:') ? httpsRequest : request;
  return new Promise((resolve) => {
    const outgoing = send(url, { timeout: 15_000, ...options }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve(String(incoming.statusCode)));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.end(body);
  });
}

/** A sign-in sent straight to an instance, bypassing nginx, from `localAddress`. */
async function direct(
  url: string,
  localAddress: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  const status = await outcome(
    new URL('/api/session', url),
    { method: 'POST', localAddress, headers },
    body,
  );
  return Number(status);
}

async function register(client: HttpsClient, email: string): Promise<void> {
  const registered = await client.submit('/register', '/register', {
    email,
    name: 'Proxy Shopper',
    password: STRONG_PASSWORD,
    website: '',
  });
  assert.equal(registered.status, 303, registered.body);
}

const sessionUser = async (client: HttpsClient) =>
  (await client.fetch('/api/session', { headers: { accept: 'application/json' } })).json<{
    user: { email: string } | null;
  }>().user;

/** Sends `send` again while the proxy answers 502/503 (an instance went away mid-request). */
async function retryingGatewayErrors(
  send: () => ReturnType<HttpsClient['fetch']>,
  onRetry: () => void,
): ReturnType<HttpsClient['fetch']> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (![502, 503].includes(response.status) || attempt === 20) return response;
    onRetry();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function redirectsAndHeaders(t: TestContext, stack: ProxyStack): Promise<void> {
  const plain = await fetch(`${stack.nginx.httpUrl}/monsters?page=2`, { redirect: 'manual' });
  assert.equal(plain.status, 301);
  assert.equal(plain.headers.get('location'), `${stack.nginx.httpsUrl}/monsters?page=2`);

  const client = stack.client();
  t.diagnostic(`nginx at ${stack.nginx.httpsUrl}`);
  for (const path of ['/monsters', '/api/monsters']) {
    const response = await client.fetch(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers['content-encoding'], 'gzip', `${path} is compressed`);
    assert.match(String(response.headers.vary), /accept-encoding/i);
    // One HSTS header (the app's in production, or nginx's), never two.
    assert.match(
      String(response.headers['strict-transport-security']),
      /^max-age=\d+(; includeSubDomains)?$/,
    );
  }
}

/** A request whose Host header names `host`; over HTTPS the certificate is checked against `localhost`. */
const requestFor = (url: string, host: string, ca: string) =>
  outcome(url, { headers: { host }, ca, servername: 'localhost' });

async function unknownHosts(stack: ProxyStack): Promise<void> {
  const { httpUrl, httpsUrl, ca } = stack.nginx;
  assert.equal(await requestFor(`${httpUrl}/status`, 'localhost', ca), '301');
  assert.equal(await requestFor(`${httpUrl}/status`, 'evil.example', ca), 'ECONNRESET');
  assert.equal(await requestFor(`${httpsUrl}/status`, 'localhost', ca), '200');
  assert.equal(await requestFor(`${httpsUrl}/status`, 'evil.example', ca), 'ECONNRESET');
  const answer = await stack.client().fetch('/status');
  assert.equal(answer.headers.server, 'nginx', 'no version in the Server header');
}

async function shopperJourney(stack: ProxyStack): Promise<void> {
  const client = stack.client();
  const email = 'journey@proxy.test';
  const registered = await client.submit('/register', '/register', {
    email,
    name: 'Proxy Shopper',
    password: STRONG_PASSWORD,
    website: '',
  });
  assert.equal(registered.status, 303, registered.body);
  const session = registered.setCookies.find((line) => line.startsWith('__Host-session='));
  assert.ok(session, `a __Host-session cookie: ${registered.setCookies.join(' | ')}`);
  assert.match(session, /;\s*Secure/i);
  assert.match(session, /;\s*HttpOnly/i);
  assert.match(session, /;\s*Path=\//i);
  assert.doesNotMatch(session, /;\s*Domain=/i);
  for (const line of registered.setCookies) assert.match(line, /;\s*Secure/i, line);

  // A JSON write with the session cookie passes the same-origin check only if the
  // app sees the browser's origin, https://127.0.0.1:PORT, through the proxy's headers.
  const added = await client.fetch('/api/cart/items', { json: { monster_id: 666, quantity: 2 } });
  assert.equal(added.status, 200, added.body);
  const cart = await client.fetch('/cart');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(cart.body)?.[1] ?? '';
  const token = /name="checkout_token" value="([^"]+)"/.exec(cart.body)?.[1] ?? '';
  const ordered = await client.fetch('/checkout', {
    form: { _csrf: csrf, checkout_token: token },
  });
  assert.equal(ordered.status, 303, ordered.body);
  const orderPath = String(ordered.headers.location);
  assert.match(orderPath, /^\/orders\/\d+$/);
  const orderPage = await client.fetch(orderPath);
  assert.equal(orderPage.status, 200);
  assert.match(orderPage.body, new RegExp(`Order #${orderPath.split('/')[2]} is placed`));
  const [row] = await stack.query<{ count: string }>(
    'select count(*) from orders join users on users.id = orders.user_id where users.email = $1',
    [email],
  );
  assert.equal(Number(row?.count), 1);
}

async function perIpSignInLimit(stack: ProxyStack): Promise<void> {
  // Through nginx, alternately on both instances, each with a forged X-Forwarded-For
  // that nginx replaces: all of them count for 127.0.0.5.
  const client = stack.client('127.0.0.5');
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= SIGN_IN_LIMIT + 1; attempt++) {
    const response = await client.fetch('/api/session', {
      json: { email: `nobody${attempt}@proxy.test`, password: 'not-the-password' },
      headers: { 'x-forwarded-for': `198.51.100.${attempt}` },
    });
    statuses.push(response.status);
  }
  assert.deepEqual(
    statuses,
    [...Array<number>(SIGN_IN_LIMIT).fill(401), 429],
    `the first 429 at attempt ${SIGN_IN_LIMIT + 1}, counted over both instances`,
  );
}

async function directForgedHeaders(stack: ProxyStack): Promise<void> {
  // Straight to one instance from 127.0.0.6, each with another forged X-Forwarded-For:
  // only nginx (127.0.0.2) is trusted, so they all count for 127.0.0.6.
  const [instance] = stack.instances;
  assert.ok(instance);
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= SIGN_IN_LIMIT + 1; attempt++) {
    const body = JSON.stringify({ email: `direct${attempt}@proxy.test`, password: 'wrong-one' });
    statuses.push(
      await direct(
        instance.url,
        '127.0.0.6',
        {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-forwarded-for': `203.0.113.${attempt}`,
        },
        body,
      ),
    );
  }
  assert.deepEqual(statuses, [...Array<number>(SIGN_IN_LIMIT).fill(401), 429]);
}

async function signOutEverywhere(stack: ProxyStack): Promise<void> {
  const email = 'everywhere@proxy.test';
  const laptop = stack.client('127.0.0.3');
  await register(laptop, email);
  const phone = stack.client('127.0.0.3');
  const signedIn = await phone.fetch('/api/session', {
    json: { email, password: STRONG_PASSWORD },
  });
  assert.equal(signedIn.status, 200, signedIn.body);
  for (let i = 0; i < 2; i++) assert.equal((await sessionUser(phone))?.email, email);

  const ended = await laptop.submit('/account', '/account/sessions/end-others', {});
  assert.equal(ended.status, 303, ended.body);
  // Round robin: these reach both instances; neither still knows the phone's session.
  for (let i = 0; i < 4; i++) {
    assert.equal(await sessionUser(phone), null, `phone request ${i + 1}`);
    assert.equal((await sessionUser(laptop))?.email, email, `laptop request ${i + 1}`);
  }
}

interface LoopOutcome {
  readonly orderIds: number[];
  retries: number;
}

async function checkoutLoop(
  client: HttpsClient,
  shopper: number,
  monsterId: number,
  outcome: LoopOutcome,
  onOrder: () => void,
): Promise<void> {
  for (let round = 1; round <= ROUNDS; round++) {
    const retry = () => outcome.retries++;
    const set = await retryingGatewayErrors(
      () =>
        client.fetch(`/api/cart/items/${monsterId}`, {
          method: 'PUT',
          json: { quantity: 1 },
        }),
      retry,
    );
    assert.equal(set.status, 200, set.body);
    const key = `shopper-${shopper}-round-${round}`;
    const placed = await retryingGatewayErrors(
      () => client.fetch('/api/checkout', { json: {}, headers: { 'idempotency-key': key } }),
      retry,
    );
    assert.equal(placed.status, 201, `${key}: ${placed.body}`);
    outcome.orderIds.push(placed.json<{ id: number }>().id);
    onOrder();
  }
}

async function instanceKilledDuringCheckouts(t: TestContext, stack: ProxyStack): Promise<void> {
  const [top] = await stack.query<{ id: number; stock: number }>(
    'select id, stock from monsters order by stock desc, id limit 1',
  );
  assert.ok(top && top.stock >= SHOPPERS * ROUNDS, 'a monster with stock enough');
  const clients = [];
  for (let shopper = 1; shopper <= SHOPPERS; shopper++) {
    const client = stack.client('127.0.0.4');
    await register(client, `loop${shopper}@proxy.test`);
    clients.push(client);
  }
  const victim = stack.instances[1];
  assert.ok(victim);
  const outcome: LoopOutcome = { orderIds: [], retries: 0 };
  let killed = false;
  const killAfterSomeOrders = () => {
    if (killed || outcome.orderIds.length < SHOPPERS) return;
    killed = true;
    victim.signalGroup('SIGKILL');
  };
  await Promise.all(
    clients.map((client, index) =>
      checkoutLoop(client, index + 1, top.id, outcome, killAfterSomeOrders),
    ),
  );
  assert.ok(killed);
  assert.equal((await victim.exited).signal, 'SIGKILL');
  t.diagnostic(`${outcome.retries} requests retried after a 502/503 from the proxy`);

  assert.equal(new Set(outcome.orderIds).size, SHOPPERS * ROUNDS, 'one order per round');
  const orders = await stack.query<{ email: string; count: string }>(
    `select users.email, count(*) from orders join users on users.id = orders.user_id
      where users.email like 'loop%' group by users.email order by users.email`,
  );
  assert.deepEqual(
    orders.map(({ email, count }) => [email, Number(count)]),
    clients.map((_, index) => [`loop${index + 1}@proxy.test`, ROUNDS]),
    'no failed and no duplicated order',
  );
  const [after] = await stack.query<{ stock: number }>('select stock from monsters where id = $1', [
    top.id,
  ]);
  assert.equal(after?.stock, top.stock - SHOPPERS * ROUNDS);
}

test('two instances behind nginx over HTTPS', { skip, timeout: 110_000 }, async (t) => {
  assertNginx();
  const stack = await startProxyStack(t, {
    env: { SIGNIN_ATTEMPTS_PER_IP: String(SIGN_IN_LIMIT) },
  });
  await t.test('HTTP redirects to HTTPS; answers carry HSTS and come gzipped', (t) =>
    redirectsAndHeaders(t, stack),
  );
  await t.test('another host name never reaches the app; nginx shows no version', () =>
    unknownHosts(stack),
  );
  await t.test('the shopper journey over HTTPS with __Host-session; Secure cookies', () =>
    shopperJourney(stack),
  );
  await t.test('a direct request cannot choose its client address with X-Forwarded-For', () =>
    directForgedHeaders(stack),
  );
  await t.test('the per-IP sign-in limit is counted across both instances', () =>
    perIpSignInLimit(stack),
  );
  await t.test('signing out everywhere holds on both instances', () => signOutEverywhere(stack));
  await t.test('one instance killed during checkouts: no failed and no duplicated order', (t) =>
    instanceKilledDuringCheckouts(t, stack),
  );
});
