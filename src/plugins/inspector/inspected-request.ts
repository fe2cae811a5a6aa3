import type { ConsentState } from '../consent/consent-state.js';

/** Where the inspector lives, in debug mode only. */
export const INSPECTOR_PATH = '/_inspector';

/** How many finished requests the inspector keeps: the oldest goes when a new one comes. */
export const INSPECTED_REQUESTS_KEPT = 50;

export interface ReceivedCookie {
  readonly name: string;
  readonly value: string;
}

/** One `Set-Cookie` header, its attributes spelled as sent (`Max-Age`, `HttpOnly`, …). */
export interface SetCookie {
  readonly name: string;
  readonly value: string;
  readonly attributes: Readonly<Record<string, string | true>>;
}

export interface InspectedQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly durationMs: number;
  /** The driver's message when the statement failed. */
  readonly error: string | null;
}

/** The session as the store keeps it, read by the inspector without going through the app. */
export type SessionSnapshot =
  | {
      readonly store: 'database';
      /** The cookie's value: the token itself. */
      readonly token: string;
      /** The `sessions` row id: the SHA-256 of the token, never the token. */
      readonly rowId: string;
      /** The row as stored, or null when no row has that id. */
      readonly row: Readonly<Record<string, unknown>> | null;
    }
  | {
      readonly store: 'cookie';
      /** The decrypted payload, or null when the cookie does not open (tampered, foreign key). */
      readonly payload: unknown;
      /** Bytes of `name=value`, which browsers cap at 4096. */
      readonly cookieBytes: number;
      readonly limitBytes: number;
    };

export interface InspectedRequest {
  readonly id: string;
  readonly startedAt: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly cookiesReceived: readonly ReceivedCookie[];
  readonly cookiesSet: readonly SetCookie[];
  readonly sessionBefore: SessionSnapshot | null;
  readonly sessionAfter: SessionSnapshot | null;
  readonly queries: readonly InspectedQuery[];
  readonly consent: ConsentState;
}

/** The last requests, newest first; bounded, so a long debug session does not grow memory. */
export class InspectedRequests {
  readonly #kept: InspectedRequest[] = [];

  constructor(private readonly capacity = INSPECTED_REQUESTS_KEPT) {}

  add(request: InspectedRequest): void {
    this.#kept.unshift(request);
    if (this.#kept.length > this.capacity) this.#kept.length = this.capacity;
  }

  newestFirst(): readonly InspectedRequest[] {
    return [...this.#kept];
  }

  find(id: string): InspectedRequest | undefined {
    return this.#kept.find((request) => request.id === id);
  }
}

/** `name=value; Path=/; Max-Age=600; HttpOnly` → its name, value and attributes. */
export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...parts] = header.split(';');
  const equals = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const at = trimmed.indexOf('=');
    if (at === -1) attributes[trimmed] = true;
    else attributes[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  }
  return equals === -1
    ? { name: '', value: pair.trim(), attributes }
    : { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), attributes };
}

/** Header values as one string each (several `Set-Cookie` lines joined by a newline). */
export function flattenHeaders(
  headers: Readonly<Record<string, string | number | readonly string[] | undefined>>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join('\n') : String(value);
  }
  return flat;
}

/** Bound values as JSON can show them (a Buffer or a Date as text). */
export function showableParameter(value: unknown): unknown {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  return String(value);
}
