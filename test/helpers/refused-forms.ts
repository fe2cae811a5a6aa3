import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { TestClient } from './http-client.js';

/**
 * A form refused on a POST-only URL answers 303 (Post/Redirect/Get); the
 * page it leads to shows the refusal, with its status. Returns that page.
 */
export async function pageAfterRefusal(
  client: TestClient,
  response: LightMyRequestResponse,
  target?: string,
): Promise<LightMyRequestResponse> {
  assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  const location = String(response.headers.location);
  if (target !== undefined) assert.equal(location, target);
  return client.get(location);
}

/**
 * What a visitor ends up seeing: a 303 to one of `refusalPages` is followed,
 * and when that page answers with an error status (a refusal carried to it),
 * that page is the answer. Any other answer is itself.
 */
export async function answerSeenBy(
  client: TestClient,
  response: LightMyRequestResponse,
  refusalPages: readonly string[],
): Promise<LightMyRequestResponse> {
  const location = String(response.headers.location ?? '');
  if (response.statusCode !== 303 || !refusalPages.includes(location)) return response;
  const page = await client.get(location);
  return page.statusCode >= 400 ? page : response;
}
