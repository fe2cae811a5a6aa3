import type { Static, TSchema } from 'typebox';
import { type DomainError, defineErrors, type Translatable } from '../shared/domain-error.js';
import { fieldErrors, fieldIssuesOf } from './field-issues.js';
import { coercingValidator } from './validation.js';

/** What the visitor typed, to show again beside the messages (never a password). */
export type TypedValues = Readonly<Record<string, string>>;

export type FormResult<T> =
  | { readonly ok: true; readonly value: T; readonly values: TypedValues }
  | { readonly ok: false; readonly error: DomainError; readonly values: TypedValues };

export const formErrors = defineErrors('form', {
  invalid: {
    kind: 'bad_request',
    en: () => 'Please correct the highlighted fields.',
    fr: () => 'Veuillez corriger les champs signalés.',
  },
  notAForm: {
    kind: 'bad_request',
    en: () => 'This request carries no form fields.',
    fr: () => 'Cette requête ne porte aucun champ de formulaire.',
  },
});

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

const validator = coercingValidator();
/**
 * Each form schema is compiled once, on its first submission, keyed by the
 * schema object (docs/decisions/012-performance-tricks.md): schemas are
 * module constants, never built per request.
 */
const compiled = new WeakMap<TSchema, Validate>();

function validatorFor(schema: TSchema): Validate {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = validator.compile(schema) as Validate;
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * A field whose schema says `verbatim: true` (a password) is read exactly
 * as typed; every other text loses its surrounding spaces.
 */
type FieldSchema = { readonly verbatim?: unknown; readonly type?: unknown };

/** The schema of a field the form declares (never an inherited name such as `constructor`). */
function fieldSchema(schema: TSchema, name: string): FieldSchema | undefined {
  const { properties } = schema as { properties?: Record<string, FieldSchema> };
  return properties !== undefined && Object.hasOwn(properties, name) ? properties[name] : undefined;
}

/**
 * Numbers are typed in decimal: Ajv's coercion would also read `0x10`,
 * `1e3` or `Infinity` as numbers. Any other spelling stays text, which the
 * schema then refuses as "not a number".
 */
const DECIMAL: Readonly<Record<string, RegExp>> = {
  integer: /^[+-]?\d+$/,
  number: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
};
const NOT_A_NUMBER = 'NaN';

function readField(field: FieldSchema, text: string): string {
  if (field.verbatim === true) return text;
  const trimmed = text.trim();
  const decimal = DECIMAL[String(field.type)];
  return decimal === undefined || trimmed === '' || decimal.test(trimmed) ? trimmed : NOT_A_NUMBER;
}

/** A field's texts: a form field may be sent several times; a JSON body's scalars read as text. */
function textsOf(value: unknown): string[] {
  const texts = Array.isArray(value) ? value : [value];
  return texts.flatMap((text) =>
    ['string', 'number', 'boolean'].includes(typeof text) ? [String(text)] : [],
  );
}

const fieldsOf = (body: unknown): object => (typeof body === 'object' && body !== null ? body : {});

/**
 * A body that is no set of named fields (a JSON array, `null`, a number):
 * refused, even by a form whose fields are all optional. No body at all is
 * an empty form.
 */
const isNotAForm = (body: unknown): boolean =>
  body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body));

/**
 * What the schema checks: its own fields, trimmed; an empty field counts as
 * not given; a field sent twice stays a list, which no field schema accepts.
 */
function candidateOf(schema: TSchema, body: unknown): Record<string, string | string[]> {
  const candidate: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(fieldsOf(body))) {
    const field = fieldSchema(schema, name);
    if (field === undefined) continue;
    const texts = textsOf(value).map((text) => readField(field, text));
    if (texts.length > 1) candidate[name] = texts;
    else if (texts[0] !== undefined && texts[0] !== '') candidate[name] = texts[0];
  }
  return candidate;
}

/** Each field's text as typed (the first, when a field was sent twice). */
function typedValues(body: unknown): TypedValues {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fieldsOf(body))) {
    const [text] = textsOf(value);
    if (text !== undefined) values[name] = text;
  }
  return values;
}

/**
 * The one way to read an HTML form (docs/requirements.md §4 "Forms"): the
 * body is checked against the route's real schema, the same constraints the
 * JSON API applies, with text coerced to numbers where the schema wants one.
 * Either the typed value, or a `form.invalid` error with one message per
 * refused field and the values as typed, for the page to show again.
 * Unknown fields (`_csrf`, a submit button's name) are ignored; an empty
 * field is a field not given (its default applies, or `required` refuses it).
 */
export function readForm<S extends TSchema>(schema: S, body: unknown): FormResult<Static<S>> {
  if (isNotAForm(body)) return { ok: false, error: formErrors.notAForm(), values: {} };
  const values = typedValues(body);
  const candidate = candidateOf(schema, body);
  const validate = validatorFor(schema);
  if (validate(candidate)) return { ok: true, value: candidate as Static<S>, values };
  const issues = (validate.errors ?? []) as Parameters<typeof fieldIssuesOf>[0];
  const fields = { ...fieldIssuesOf(issues), ...sentTwice(candidate) };
  return { ok: false, error: formErrors.invalid({ fields }), values };
}

/** A field sent more than once is refused as such, whatever its schema said of the list. */
function sentTwice(candidate: Record<string, string | string[]>): Record<string, Translatable> {
  const repeated = Object.keys(candidate).filter((name) => Array.isArray(candidate[name]));
  return Object.fromEntries(repeated.map((name) => [name, fieldErrors.sentTwice()]));
}
