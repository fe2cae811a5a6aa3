import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

/**
 * Every feature reads the same way (docs/architecture.md "How a feature is
 * built"): its pages and its API are each a typed Fastify plugin, and the
 * schemas come from TypeBox itself, whichever file declares them.
 */

const src = join(import.meta.dirname, '..', 'src');
const features = join(src, 'features');

const pluginFiles = readdirSync(features, { recursive: true, encoding: 'utf8' }).filter((file) =>
  /\.(routes\.tsx?|api\.ts)$/.test(file),
);

test('every routes and api file exports its plugin as a FastifyPluginAsyncTypebox const', () => {
  const unlike = pluginFiles.filter(
    (file) =>
      !/^export const \w+: FastifyPluginAsyncTypebox\b/m.test(
        readFileSync(join(features, file), 'utf8'),
      ),
  );
  assert.ok(pluginFiles.length >= 10, 'the scan finds the features’ plugins');
  assert.deepEqual(unlike, []);
});

test("TypeBox's values are imported from 'typebox', the type provider only for its types", () => {
  const sources = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) =>
    /\.tsx?$/.test(file),
  );
  const offending = sources.filter((file) =>
    /^import \{[^}]*\} from '@fastify\/type-provider-typebox'/m.test(
      readFileSync(join(src, file), 'utf8'),
    ),
  );
  assert.deepEqual(offending, []);
});
