import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../shared/http-error.js';
import { isApiPath } from '../shared/negotiation.js';
import { fieldErrors } from './field-issues.js';
import { platformTexts } from './platform-texts.js';

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
 * types, so `{"quantity": "3"}` is a 400 there, not a silent fix.
 * Unknown fields are never dropped silently (Ajv's defaults would): schemas
 * that forbid them say `additionalProperties: false` and get a 400.
 */
type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/**
 * Compiles a route's schema when the route is first used rather than at
 * start-up (docs/decisions/012-performance-tricks.md): compiling them all
 * costs about a fifth of the start-up's CPU time. So a schema Ajv cannot
 * compile fails on its route's first request, not at start-up. One wrapper
 * per route can carry `errors` because Fastify reads them right after the call.
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

const NUL = '\u0000';

/**
 * The dotted paths (`items.0.name`, as the schema errors name fields) of
 * every string or key holding a NUL in a parsed value. Iterative: a JSON
 * body nested thousands of levels deep must not overflow the stack.
 */
function pathsHoldingNul(value: unknown): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (current.includes(NUL)) found.push(path);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        // A field name holding a NUL is named with U+FFFD: the answer never echoes a NUL.
        const name = key.replaceAll(NUL, '\ufffd');
        const innerPath = path === '' ? name : `${path}.${name}`;
        if (key.includes(NUL)) found.push(innerPath);
        else pending.push([inner, innerPath]);
      }
    }
  }
  return found;
}

/**
 * No value of this app holds a NUL character, and PostgreSQL refuses one in
 * text: wherever it comes from, it is refused here, once, before any handler
 * reads it. A path holding one names no resource (404); a query or body
 * field holding one is a 400 naming it. Only a `%00` in the URL decodes to a
 * NUL (Node refuses a raw one, and any in a header), so a URL without it
 * costs one scan of the URL. Multipart bodies are read later, by the admin
 * forms, whose schemas refuse every control character (a 422 with the form).
 */
function nulRefusal(request: FastifyRequest): HttpError | undefined {
  const { body, url } = request;
  const inUrl = url.includes('%00') || url.includes(NUL);
  const parsedBody = (typeof body === 'object' && body !== null) || typeof body === 'string';
  // An unrouted request is a 404 whatever it carries: nothing reads it.
  if ((!inUrl && !parsedBody) || request.routeOptions.url === undefined) return undefined;
  if (inUrl && pathsHoldingNul(request.params).length > 0) return new HttpError(404);
  const fields = [
    ...(inUrl ? pathsHoldingNul(request.query) : []),
    ...(parsedBody ? pathsHoldingNul(body) : []),
  ];
  if (fields.length === 0) return undefined;
  return new HttpError(400, {
    detail: platformTexts.invalidFields,
    fields: Object.fromEntries(fields.map((field) => [field || 'body', fieldErrors.holdsNul()])),
  });
}

/** The validator of text inputs (forms, query strings): `"3"` becomes 3 where a number is wanted. */
export function coercingValidator(): Ajv.default {
  return addFormats.default(new Ajv.default({ ...SHARED, coerceTypes: 'array' }));
}

export const validation = fp(
  async (app: FastifyInstance) => {
    const coercing = coercingValidator();
    const strict = addFormats.default(new Ajv.default({ ...SHARED, coerceTypes: false }));
    app.setValidatorCompiler(({ schema, httpPart, url }) =>
      compiledOnFirstUse(httpPart === 'body' && isApiPath(url) ? strict : coercing, schema),
    );

    // Forms arrive urlencoded or multipart; plain text is no body format of this app.
    app.removeContentTypeParser('text/plain');

    // The JSON API reads JSON only: a form body there is a 415, not a guess.
    app.addHook('preValidation', (request, _reply, done) => {
      const formBody =
        request.body !== undefined &&
        !request.headers['content-type']?.startsWith('application/json');
      if (formBody && isApiPath(request.url)) {
        return done(new HttpError(415, { detail: platformTexts.jsonOnly }));
      }
      done(nulRefusal(request));
    });
  },
  { name: 'validation' },
);
