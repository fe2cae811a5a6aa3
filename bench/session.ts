// A signed-in customer for the scenarios that need one (5, soak): the user,
// its session cookie, and the CSRF token API writes send.
import { HTML, probe, probeFailure } from './measure.js';
import { databaseUrl, monstersCli, type Server } from './servers.js';

export const BENCH_USER = {
  email: 'bench@example.com',
  name: 'Bench',
  password: 'Bench-password-Pumpkin-2024!',
};

/**
 * A signed-in session: `monsters user add` then `POST /api/session` when the
 * CLI has the command, else the registration form. A string says why not.
 */
export async function signIn(
  server: Server,
  database: { readonly dbPath: string; readonly workdir: string },
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
        databaseUrl(database.dbPath),
      ],
      { workdir: database.workdir, input: `${BENCH_USER.password}\n`, timeoutMs: 30_000 },
    );
    const response = await probe(server, {
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
  const form = await probe(server, { paths: ['/register'], headers: HTML });
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
  if (!form.ok || !token)
    return `cannot create a user (no \`user add\`, /register ${probeFailure(form)})`;
  jar.take(form.headers);
  const registered = await probe(server, {
    paths: ['/register'],
    method: 'POST',
    headers: {
      ...HTML,
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: server.url,
      Cookie: jar.header(),
    },
    body: new URLSearchParams({ ...BENCH_USER, _csrf: token }).toString(),
  });
  if (registered.status !== 303) return `registration: ${probeFailure(registered)}`;
  jar.take(registered.headers);
  return jar;
}

/** Just enough of a cookie jar for one client on one origin. */
export class CookieJar {
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
export function csrfTokenOf(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const token = json.csrf_token ?? json.csrfToken;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}
