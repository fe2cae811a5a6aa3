import type { TestContext } from 'node:test';
import type { Engine } from './databases.js';
import { csrfTokenIn, TestClient } from './http-client.js';
import { multipartBody, TINY_PNG, type UploadFile } from './multipart.js';
import { createTestUser, signIn } from './sign-in.js';
import { buildTestApp, type TestAppOptions } from './test-app.js';

/** JSON API calls as a same-origin script makes them. */
export const API_HEADERS = { accept: 'application/json', 'sec-fetch-site': 'same-origin' };
export const FRENCH_PAGES = { accept: 'text/html', 'accept-language': 'fr' };

/** A valid new-monster form, as an administrator fills it (a French decimal comma included). */
export const MOTHRA_FORM = {
  name: 'Mothra',
  height: '500',
  category: 'cryptid',
  description: 'A gentle giant moth.',
  description_fr: 'Une gentille mite géante.',
  price: '12,50',
  stock: '4',
};

/** An app with an administrator and a customer, each signed in on a client of their own. */
export async function adminSetup(t: TestContext, engine: Engine, options: TestAppOptions = {}) {
  const built = await buildTestApp(t, engine, {}, options);
  const { app } = built;
  const { db } = app.database;
  const users = {
    admin: await createTestUser(db, { email: 'admin@shop.test', name: 'Admin', role: 'admin' }),
    customer: await createTestUser(db, { email: 'customer@shop.test', name: 'Customer' }),
  };
  /** A client signed in as the administrator or the customer, sending these headers. */
  const signedIn = async (who: keyof typeof users, headers?: Record<string, string>) => {
    const client = new TestClient(app, headers);
    await signIn(app, client, users[who]);
    return client;
  };
  return {
    ...built,
    admin: await signedIn('admin'),
    customer: await signedIn('customer'),
    signedIn,
  };
}

/** Posts an admin form as multipart, with the CSRF token of a page the client may see. */
export async function postForm(
  client: TestClient,
  action: string,
  fields: Record<string, string>,
  file?: UploadFile,
) {
  const token = csrfTokenIn((await client.get('/cart')).body);
  const { payload, contentType } = multipartBody({ _csrf: token, ...fields }, file);
  return client.request({
    method: 'POST',
    url: action,
    payload,
    headers: { 'content-type': contentType },
  });
}

/**
 * The message shown beside each refused field of a rendered form, entities
 * decoded and non-breaking spaces (French typography, digit groups) read as spaces.
 */
export function fieldMessagesIn(html: string): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [, field = '', text = ''] of html.matchAll(
    /<p class="field-error" id="field-([a-z_]+)-error">([^<]*)<\/p>/g,
  )) {
    shown[field] = text
      .replaceAll('&#39;', "'")
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll(/[\u00a0\u202f]/g, ' ');
  }
  return shown;
}

/** A real PNG of this many bytes (padded): over 2 MB it is refused. */
export const pictureOf = (bytes: number): UploadFile => ({
  field: 'image',
  filename: 'big.png',
  contentType: 'image/png',
  content: Buffer.concat([TINY_PNG, Buffer.alloc(bytes - TINY_PNG.length)]),
});

export const SMALL_PICTURE: UploadFile = {
  field: 'image',
  filename: 'mothra.png',
  contentType: 'image/png',
  content: TINY_PNG,
};

/** The value of the category picker's selected option ('' for "Choose a category"). */
export function chosenCategory(html: string): string | undefined {
  const select = /<select[^>]*name="category"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? '';
  const selected = /<option value(?:="([^"]*)")? selected/.exec(select);
  return selected ? (selected[1] ?? '') : undefined;
}
