// Scenario 5 of `npm run bench`: a signed-in customer adding to the cart.
import { HTML, probe, probeAll, probeFailure, type RequestShape } from './measure.js';
import type { Row } from './report.js';
import { appOnly, type BenchContext } from './scenarios.js';
import { monstersCli, setStock, sqliteUrl } from './servers.js';

/**
 * Scenario 5: a signed-in customer adding to the cart (database session store:
 * every request reads and writes the session row). Adds alternate with a PUT
 * setting the line back to 1, so the cart stays one line under the
 * 99-per-line cap however long the run. n/a until `POST /api/cart/items` exists.
 */
export async function cartScenario(ctx: BenchContext): Promise<Row[]> {
  const name = '5. POST /api/cart/items ⇄ PUT (signed in, DB sessions)';
  const monsterId = ctx.demoIds[0] ?? 1;
  const json = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    Origin: ctx.app.url,
    'Sec-Fetch-Site': 'same-origin',
  };
  const request = (headers: Record<string, string>): RequestShape => ({
    paths: [],
    headers,
    steps: [
      {
        method: 'POST',
        path: '/api/cart/items',
        body: JSON.stringify({ monster_id: monsterId, quantity: 1 }),
      },
      {
        method: 'PUT',
        path: `/api/cart/items/${monsterId}`,
        body: JSON.stringify({ quantity: 1 }),
      },
    ],
  });
  const anonymous = await probe(ctx.app, request(json));
  if (anonymous.status === 404 || anonymous.status === 405) {
    return [{ scenario: name, unavailable: 'route not built yet' }];
  }
  const signedIn = await signIn(ctx, json);
  if (typeof signedIn === 'string') return [{ scenario: name, unavailable: signedIn }];
  // The bench's own database: a stock that no interleaving of adds can exhaust.
  setStock(ctx.demoDb, monsterId, 1_000_000_000);
  const session = await probe(ctx.app, {
    paths: ['/api/session'],
    headers: { ...json, Cookie: signedIn.header() },
  });
  signedIn.take(session.headers);
  const headers: Record<string, string> = { ...json, Cookie: signedIn.header() };
  const token = csrfTokenOf(session.text);
  if (token) headers['X-CSRF-Token'] = token;
  const shape = request(headers);
  const checked = await probeAll(ctx.app, shape);
  if (!checked.ok) return [{ scenario: name, unavailable: `signed in, ${probeFailure(checked)}` }];
  const [row] = (await appOnly(ctx, name, shape)) as [Row];
  return [
    {
      ...row,
      notes: [
        'Requests alternate POST /api/cart/items {quantity: 1} and PUT /api/cart/items/:id {quantity: 1} on one signed-in session; each loads the session row, prices the cart and saves the session.',
        ...(row.notes ?? []),
      ],
    },
  ];
}

const BENCH_USER = {
  email: 'bench@example.com',
  name: 'Bench',
  password: 'Bench-password-Pumpkin-2024!',
};

/**
 * A signed-in session: `monsters user add` then `POST /api/session` when the
 * CLI has the command, else the registration form. A string says why not.
 */
async function signIn(
  ctx: BenchContext,
  json: Record<string, string>,
): Promise<CookieJar | string> {
  const jar = new CookieJar();
  try {
    await monstersCli(
      [
        'user',
        'add',
        BENCH_USER.email,
        '--name',
        BENCH_USER.name,
        '--database',
        sqliteUrl(ctx.demoDb),
      ],
      { workdir: ctx.workdir, input: `${BENCH_USER.password}\n`, timeoutMs: 30_000 },
    );
    const response = await probe(ctx.app, {
      paths: ['/api/session'],
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: BENCH_USER.email, password: BENCH_USER.password }),
    });
    if (!response.ok) return `sign-in: ${probeFailure(response)}`;
    jar.take(response.headers);
    return jar;
  } catch {
    // No `user add` command yet: register through the form.
  }
  const form = await probe(ctx.app, { paths: ['/register'], headers: HTML });
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
  if (!form.ok || !token)
    return `cannot create a user (no \`user add\`, /register ${probeFailure(form)})`;
  jar.take(form.headers);
  const registered = await probe(ctx.app, {
    paths: ['/register'],
    method: 'POST',
    headers: {
      ...HTML,
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ctx.app.url,
      Cookie: jar.header(),
    },
    body: new URLSearchParams({ ...BENCH_USER, _csrf: token }).toString(),
  });
  if (registered.status !== 303) return `registration: ${probeFailure(registered)}`;
  jar.take(registered.headers);
  return jar;
}

/** Just enough of a cookie jar for one client on one origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers | undefined): void {
    for (const line of headers?.getSetCookie() ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const cookieName = pair.slice(0, separator).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(cookieName);
      else this.cookies.set(cookieName, pair.slice(separator + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([cookieName, value]) => `${cookieName}=${value}`).join('; ');
  }
}

/** The token `GET /api/session` hands API clients, for apps that want `X-CSRF-Token`. */
function csrfTokenOf(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const token = json.csrf_token ?? json.csrfToken;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}
