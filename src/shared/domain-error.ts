import type { Lang } from '../i18n/i18n.js';
import { frenchTypography } from '../i18n/typography.js';

/**
 * What went wrong, in the domain's words. Services throw a kind, never a
 * status: the error handler maps each kind to one HTTP status
 * (`STATUS_OF_KIND` in plugins/errors.tsx) and the CLI to an exit line.
 */
export type ErrorKind =
  | 'bad_request'
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'too_large';

/** A text every interface language can say: a stable code and its wording. */
export interface Translatable {
  readonly code: string;
  text(lang: Lang): string;
}

type Wording<P> = (params: P) => string;

export interface ErrorSpec<P> {
  readonly kind: ErrorKind;
  readonly en: Wording<P>;
  readonly fr: Wording<P>;
}

export interface DomainErrorOptions {
  /** The form or JSON field the error is about; its message shows next to it. */
  readonly field?: string;
  /** One message per field, when several fields are refused at once. */
  readonly fields?: Readonly<Record<string, Translatable>>;
  /** For `rate_limited`: when to try again. */
  readonly retryAfterSeconds?: number;
}

/**
 * The one error type of services: a code (`cart.not_enough_stock`), its
 * parameters and, optionally, the field it concerns. It knows nothing of
 * HTTP nor of the visitor's language: the text is chosen at the edge.
 */
export class DomainError<P = unknown> extends Error implements Translatable {
  readonly field: string | undefined;
  readonly fields: Readonly<Record<string, Translatable>>;
  readonly retryAfterSeconds: number | undefined;
  readonly kind: ErrorKind;
  readonly #say: (lang: Lang) => string;

  constructor(
    readonly code: string,
    readonly params: P,
    spec: ErrorSpec<P>,
    options: DomainErrorOptions = {},
  ) {
    super(`${code}: ${spec.en(params)}`);
    this.name = 'DomainError';
    this.kind = spec.kind;
    this.#say = (lang) => (lang === 'fr' ? frenchTypography(spec.fr(params)) : spec.en(params));
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fields = options.fields ?? (options.field === undefined ? {} : { [options.field]: this });
  }

  text(lang: Lang): string {
    return this.#say(lang);
  }
}

/** Makes the error; its `code` lets a caller tell which error it caught (`error.code === f.code`). */
type Factory<P> = (unknown extends P
  ? (options?: DomainErrorOptions) => DomainError<P>
  : (params: P, options?: DomainErrorOptions) => DomainError<P>) & { readonly code: string };

type Factories<S> = {
  readonly [K in keyof S]: S[K] extends ErrorSpec<infer P> ? Factory<P> : never;
};

const snakeCase = (name: string) =>
  name.replaceAll(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * A feature's errors, each with its kind and its wording in every language:
 * `cartErrors.notEnoughStock({ name, stock }, { field: 'quantity' })` throws
 * the code `cart.not_enough_stock`.
 */
export function defineErrors<const S extends Record<string, ErrorSpec<never>>>(
  namespace: string,
  specs: S,
): Factories<S> {
  const factories: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const code = `${namespace}.${snakeCase(name)}`;
    const withParams = spec.en.length > 0 || spec.fr.length > 0;
    const factory = withParams
      ? (params: unknown, options?: DomainErrorOptions) =>
          new DomainError(code, params, spec as ErrorSpec<unknown>, options)
      : (options?: DomainErrorOptions) =>
          new DomainError(code, undefined, spec as ErrorSpec<unknown>, options);
    factories[name] = Object.assign(factory, { code });
  }
  return factories as Factories<S>;
}

/** A caught error as the domain error it is; anything else (a bug, an outage) goes on up. */
export function asDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  throw error;
}

/** Field messages in one language, for a page or a problem+json body. */
export function fieldTexts(
  fields: Readonly<Record<string, Translatable>>,
  lang: Lang,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, issue]) => [field, issue.text(lang)]),
  );
}

/**
 * Fixed texts with a code, for failures that are not a service's (a request
 * the platform refuses before any feature reads it).
 */
export function defineTexts<const S extends Record<string, { en: string; fr: string }>>(
  namespace: string,
  specs: S,
): { readonly [K in keyof S]: Translatable } {
  const texts: Record<string, Translatable> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const said = { en: spec.en, fr: frenchTypography(spec.fr) };
    texts[name] = { code: `${namespace}.${snakeCase(name)}`, text: (lang) => said[lang] };
  }
  return texts as { readonly [K in keyof S]: Translatable };
}
