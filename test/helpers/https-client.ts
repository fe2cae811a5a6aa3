import { Agent, request } from 'node:https';
import { gunzipSync } from 'node:zlib';

/**
 * A browser-like client over real HTTPS (node:https), for the app behind a
 * proxy: it trusts one CA (the test's throwaway certificate), keeps cookies
 * between requests, and may connect from another loopback address so that
 * the proxy sees a client of its own (per-IP limits).
 */

export interface HttpsResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body, decompressed when it came gzipped. */
  readonly body: string;
  /** The Set-Cookie lines, as sent. */
  readonly setCookies: readonly string[];
  json<T>(): T;
}

export interface HttpsRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Sent urlencoded, as a browser sends a form. */
  readonly form?: Record<string, string>;
  /** Sent as JSON, as an API client does, with `Origin` as a browser's fetch adds. */
  readonly json?: unknown;
}

export class HttpsClient {
  readonly cookies = new Map<string, string>();
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    ca: string,
    private readonly localAddress?: string,
  ) {
    this.agent = new Agent({ ca, keepAlive: true, maxSockets: 4 });
  }

  close(): void {
    this.agent.destroy();
  }

  async fetch(path: string, options: HttpsRequest = {}): Promise<HttpsResponse> {
    const method = options.method ?? (options.form || options.json !== undefined ? 'POST' : 'GET');
    const headers: Record<string, string> = { 'accept-encoding': 'gzip', ...options.headers };
    let payload: string | undefined;
    if (options.form) {
      payload = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      payload = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
      headers.accept ??= 'application/json';
      headers.origin ??= this.baseUrl;
    }
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.cookie = cookie;
    const response = await this.send(path, method, headers, payload);
    this.keepCookies(response.setCookies);
    return response;
  }

  /** Fetches a page and submits its form (the first `_csrf` field) with `fields`. */
  async submit(
    pageUrl: string,
    action: string,
    fields: Record<string, string>,
  ): Promise<HttpsResponse> {
    const page = await this.fetch(pageUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token in ${pageUrl} (${page.status})`);
    return this.fetch(action, { form: { _csrf: token, ...fields } });
  }

  private keepCookies(lines: readonly string[]): void {
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private send(
    path: string,
    method: string,
    headers: Record<string, string>,
    payload: string | undefined,
  ): Promise<HttpsResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        new URL(path, this.baseUrl),
        {
          method,
          headers,
          agent: this.agent,
          ...(this.localAddress && { localAddress: this.localAddress }),
          timeout: 30_000,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const raw = Buffer.concat(chunks);
            const gzipped = incoming.headers['content-encoding'] === 'gzip';
            const body = (gzipped ? gunzipSync(raw) : raw).toString('utf8');
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body,
              setCookies: incoming.headers['set-cookie'] ?? [],
              json: <T>() => JSON.parse(body) as T,
            });
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out`)));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }
}
