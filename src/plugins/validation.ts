import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../shared/http-error.js';

const SHARED: Options = {
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
  allowUnionTypes: true,
  strict: false,
};

/**
 * Two validators: HTML forms and query strings only ever carry strings, so
 * they are coerced (`"3"` → 3); JSON API bodies must already have the right
 * types, so `{"quantity": "3"}` is a 400 there (SPEC §5), not a silent fix.
 * Unknown fields are never dropped silently (STACK.md gotcha 9): schemas
 * that forbid them say `additionalProperties: false` and get a 400.
 */
type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/**
 * Compiles a route's schema when the route is first used rather than at
 * start-up: compiling every schema of the app cost a good part of the cold
 * start (SPEC §8: first response under 1 s).
 */
function compiledOnFirstUse(ajv: Ajv.default, schema: object): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= ajv.compile(schema);
    const valid = compiled(data);
    validate.errors = compiled.errors as FastifySchemaValidationError[] | null;
    return valid;
  };
  return validate;
}

export const validation = fp(
  async (app: FastifyInstance) => {
    const coercing = addFormats.default(new Ajv.default({ ...SHARED, coerceTypes: 'array' }));
    const strict = addFormats.default(new Ajv.default({ ...SHARED, coerceTypes: false }));
    app.setValidatorCompiler(({ schema, httpPart, url }) =>
      compiledOnFirstUse(
        httpPart === 'body' && url.startsWith('/api/') ? strict : coercing,
        schema,
      ),
    );

    // Forms arrive urlencoded or multipart; plain text is no body format of this app.
    app.removeContentTypeParser('text/plain');

    // The JSON API reads JSON only (SPEC §5): a form body there is a 415, not a guess.
    app.addHook('preValidation', (request, _reply, done) => {
      const formBody =
        request.body !== undefined &&
        !request.headers['content-type']?.startsWith('application/json');
      if (formBody && request.url.startsWith('/api/')) {
        return done(new HttpError(415, 'The API accepts application/json bodies only.'));
      }
      done();
    });
  },
  { name: 'validation' },
);
