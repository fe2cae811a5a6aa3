import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { BUNDLE, serverUrl, spawnMonsters } from './helpers/cli-process.js';
import { STRONG_PASSWORD } from './helpers/http-client.js';
import { multipartBody, TINY_PNG } from './helpers/multipart.js';

const built = existsSync(BUNDLE);

/**
 * `npm start` runs the esbuild bundle, not the sources the other tests run:
 * this walks the paths that depend on files outside it (native modules, the
 * password worker, Swagger UI's assets, static files, multipart).
 */
test('the production bundle serves pages, the API, the docs, registration and uploads', {
  skip: !built && process.env.CI !== 'true' && 'run npm run build first',
}, async (t) => {
  const child = spawnMonsters(['serve', '--port', '0'], {
    bundle: true,
    env: { DATABASE_URL: 'sqlite:///data/halloween.db' },
  });
  t.after(() => child.kill('SIGKILL'));
  const url = await serverUrl(child);

  assert.equal(await (await fetch(`${url}/status`)).text(), 'The server is running!');
  assert.equal(
    (await (await fetch(`${url}/monsters/curcubitaceous/666`)).json()).name,
    "Jack O'Lantern",
  );
  const page = await fetch(`${url}/monsters/cosmic/1`, { headers: { accept: 'text/html' } });
  assert.match(await page.text(), /<h1[^>]*>Cthulhu<\/h1>/);
  assert.equal((await fetch(`${url}/api/docs/`, { redirect: 'follow' })).status, 200);
  assert.equal((await (await fetch(`${url}/api/openapi.json`)).json()).openapi, '3.1.0');
  const css = await fetch(`${url}/static/css/app.css`);
  assert.equal(css.status, 200);

  // Registration runs the password strength worker.
  const form = await fetch(`${url}/register`, { headers: { accept: 'text/html' } });
  const csrf = form.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const weak = await fetch(`${url}/register`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: csrf,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    body: new URLSearchParams({
      _csrf: token,
      email: 'weak@example.com',
      name: 'Weak',
      password: 'password1',
    }),
  });
  assert.equal(weak.status, 422);
  const registered = await fetch(`${url}/register`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: token,
      email: 'bundle@example.com',
      name: 'Bundle',
      password: STRONG_PASSWORD,
    }),
  });
  assert.equal(registered.status, 303);
  const session = /session=[^;]+/.exec(registered.headers.getSetCookie().join('\n'))?.[0] ?? '';
  assert.ok(session);
  // Tokens are bound to the session: the signed-in customer's pages carry new ones.
  const account = await fetch(`${url}/account`, {
    headers: { cookie: `${csrf}; ${session}`, accept: 'text/html' },
  });
  const signedInToken = /name="_csrf" value="([^"]+)"/.exec(await account.text())?.[1] ?? '';
  assert.ok(signedInToken);

  // A customer's upload reaches the multipart parser and the admin guard.
  const { payload, contentType } = multipartBody(
    {
      _csrf: signedInToken,
      name: 'x',
      height: '1',
      category: 'x',
      description: '',
      price: '1',
      stock: '1',
    },
    { field: 'image', filename: 'x.png', contentType: 'image/png', content: TINY_PNG },
  );
  const upload = await fetch(`${url}/admin/monsters`, {
    method: 'POST',
    headers: { cookie: `${csrf}; ${session}`, 'content-type': contentType },
    body: new Uint8Array(payload),
  });
  assert.equal(upload.status, 403, 'parsed, CSRF-checked, then refused to a customer');
});
