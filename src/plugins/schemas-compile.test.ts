import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { coercingValidator } from './validation.js';

const SOURCES = join(import.meta.dirname, '..');

/** The modules holding the app's request schemas: each feature's `*.schemas.ts`, and `shared/`. */
function schemaModules(): string[] {
  return readdirSync(SOURCES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.schemas.ts') || file === join('shared', 'schemas.ts'))
    .sort();
}

/** A JSON schema as TypeBox builds them (functions and plain constants are not). */
function isSchema(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return ['type', 'anyOf', 'allOf', 'oneOf', 'enum', 'const', '$ref'].some((key) => key in value);
}

/**
 * Route validators and form validators are compiled on first use, not at
 * start-up (docs/decisions/012-performance-tricks.md): a schema Ajv cannot
 * compile (a bad pattern, a dangling $ref) would only fail on its route's
 * first request. Every exported schema is compiled here instead.
 */
test('every schema the features export compiles with the app’s validator', async () => {
  const ajv = coercingValidator();
  let compiled = 0;
  for (const file of schemaModules()) {
    const module = (await import(pathToFileURL(join(SOURCES, file)).href)) as Record<
      string,
      unknown
    >;
    for (const [name, value] of Object.entries(module)) {
      if (!isSchema(value)) continue;
      assert.doesNotThrow(() => ajv.compile(value), `${file}: ${name}`);
      compiled += 1;
    }
  }
  assert.ok(compiled >= 20, `only ${compiled} schemas found: where did they go?`);
});
