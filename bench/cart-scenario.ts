// Scenario 5 of `npm run bench`: a signed-in customer adding to the cart.
import { probe, probeAll, probeFailure, type RequestShape } from './measure.js';
import type { Row } from './report.js';
import { appOnly, type BenchContext } from './scenarios.js';
import { setStock } from './servers.js';
import { csrfTokenOf, signIn } from './session.js';

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
  const signedIn = await signIn(ctx.app, { dbPath: ctx.demoDb, workdir: ctx.workdir }, json);
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
