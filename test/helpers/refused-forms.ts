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
