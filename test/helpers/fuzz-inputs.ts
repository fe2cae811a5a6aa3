import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { csrfTokenIn, type TestClient } from './http-client.js';
import { multipartBody, type UploadFile } from './multipart.js';

/** Test app settings without the sign-in and registration throttles: a fuzz signs in hundreds of times. */
export const UNTHROTTLED = {
  throttle: {
    signInFailuresPerAccount: 100_000,
    signInAttemptsPerIp: 100_000,
    registrationsPerIp: 100_000,
    windowSeconds: 900,
  },
};
/**
 * Text anyone can put in a form field: empty, control characters, markup,
 * SQL, path tricks, non-ASCII, numbers in every disguise, redirect tricks,
 * and values just over the app's length limits.
 */
export const NASTY_TEXT: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\u0007\u001b[31m',
  '\r\nSet-Cookie: evil=1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '%00',
  '%ff%fe',
  '../../etc/passwd',
  '€',
  '😈',
  '\u202eevil',
  'ñ'.repeat(300),
  '0',
  '-1',
  '1.5',
  ' 7 ',
  '1e9',
  '0x10',
  '9'.repeat(40),
  'NaN',
  '[]',
  '{}',
  '__proto__',
  '/€',
  '//evil.example',
  '/\\evil.example',
  '/ok?x=<y>',
  'javascript:alert(1)',
  'https://evil.example/',
  'x'.repeat(1001),
  'x'.repeat(2049),
];

/**
 * Malformed percent-encoding, sent as is in a urlencoded body (a browser
 * never does, a script may): invalid UTF-8, a lone surrogate, cut sequences.
 */
export const RAW_ENCODED: readonly string[] = [
  '%ff',
  '%E0%A4%A',
  '%ED%A0%80',
  '%',
  '%zz',
  '%C0%AF',
];

/** A field value: text (encoded here) or `raw` bytes already in urlencoded form. */
export type FieldValue = string | { readonly raw: string };

export function urlencoded(fields: Readonly<Record<string, FieldValue>>): string {
  return Object.entries(fields)
    .map(([name, value]) =>
      typeof value === 'string'
        ? new URLSearchParams({ [name]: value }).toString()
        : `${name}=${value.raw}`,
    )
    .join('&');
}

/** Posts a urlencoded form with the CSRF token of the page it comes from, as a browser does. */
export async function submitForm(
  client: TestClient,
  pageUrl: string,
  action: string,
  fields: Readonly<Record<string, FieldValue>>,
): Promise<LightMyRequestResponse> {
  const token = csrfTokenIn((await client.get(pageUrl)).body);
  return client.request({
    method: 'POST',
    url: action,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: urlencoded({ _csrf: token, ...fields }),
  });
}

/** Posts a multipart form (and file) with the CSRF token of the page it comes from. */
export async function submitMultipart(
  client: TestClient,
  pageUrl: string,
  action: string,
  fields: Readonly<Record<string, string>>,
  file?: UploadFile,
): Promise<LightMyRequestResponse> {
  const token = csrfTokenIn((await client.get(pageUrl)).body);
  const { payload, contentType } = multipartBody({ _csrf: token, ...fields }, file);
  return client.request({
    method: 'POST',
    url: action,
    headers: { 'content-type': contentType },
    payload,
  });
}

/**
 * The contract for redirect targets: a same-site path of printable ASCII
 * (no `//host`, no backslash), anything else falls back.
 */
export function expectedTarget(next: string, fallback: string): string {
  const sameSitePath =
    next.startsWith('/') &&
    !next.startsWith('//') &&
    /^[\x21-\x7e]*$/.test(next) &&
    !next.includes('\\');
  return sameSitePath ? next : fallback;
}

/** C0 controls and DEL; with `linesAllowed`, tab, line feed and carriage return are fine. */
export function hasControl(text: string, linesAllowed: boolean): boolean {
  return [...text].some((character) => {
    const code = character.charCodeAt(0);
    if (linesAllowed && (code === 0x09 || code === 0x0a || code === 0x0d)) return false;
    return code < 0x20 || code === 0x7f;
  });
}

/** What one submission must answer: a status, where a 303 leads, the exact body if it matters. */
export interface Expected {
  readonly status: number;
  readonly location?: string | RegExp;
  readonly body?: string;
}

export const tooLong = (text: string, max: number): boolean => text.length > max;
export const redirect = (location: string | RegExp): Expected => ({ status: 303, location });

export function describeAnswer(response: LightMyRequestResponse): string {
  const location = response.headers.location ? ` → ${response.headers.location}` : '';
  return `${response.statusCode}${location} ${response.body.slice(0, 160).replaceAll('\n', ' ')}`;
}

function matchesExpected(response: LightMyRequestResponse, expected: Expected): boolean {
  if (response.statusCode !== expected.status) return false;
  if (expected.body !== undefined && response.body !== expected.body) return false;
  if (expected.location === undefined) return true;
  const location = String(response.headers.location ?? '');
  return typeof expected.location === 'string'
    ? location === expected.location
    : expected.location.test(location);
}

/** Shows a value readably in a failure message. */
function show(value: FieldValue): string {
  const text = typeof value === 'string' ? value : `raw:${value.raw}`;
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 20)}…(${text.length})` : text);
  return shown;
}

/** Every nasty value, the malformed escapes included. */
export const ALL_VALUES: readonly FieldValue[] = [
  ...NASTY_TEXT,
  ...RAW_ENCODED.map((raw) => ({ raw })),
];

/** One field of one form, fuzzed: how to send a value, and what the contract says comes back. */
export interface FieldFuzz {
  readonly name: string;
  /** ALL_VALUES unless given. */
  readonly values?: readonly FieldValue[];
  readonly send: (value: FieldValue) => Promise<LightMyRequestResponse>;
  /** `text` is the value as the server reads it. */
  readonly expect: (text: string) => Expected;
}

/** The text the server reads for a value: a malformed escape is measured through `POST /whois`. */
async function readAs(app: FastifyInstance, value: FieldValue): Promise<string> {
  if (typeof value === 'string') return value;
  const echo = await app.inject({
    method: 'POST',
    url: '/whois',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `name=${value.raw}`,
  });
  return echo.body;
}

/** Sends every value of every fuzz; returns one readable line per answer that broke the contract. */
export async function runFuzz(
  app: FastifyInstance,
  fuzzes: readonly FieldFuzz[],
): Promise<string[]> {
  const mismatches: string[] = [];
  for (const fuzz of fuzzes) {
    for (const value of fuzz.values ?? ALL_VALUES) {
      const expected = fuzz.expect(await readAs(app, value));
      const response = await fuzz.send(value);
      if (!matchesExpected(response, expected)) {
        const where = expected.location ? ` → ${expected.location}` : '';
        mismatches.push(
          `${fuzz.name} = ${show(value)}: expected ${expected.status}${where}, got ${describeAnswer(response)}`,
        );
      }
    }
  }
  return mismatches;
}
