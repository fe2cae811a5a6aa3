import type { Translatable } from './domain-error.js';

export interface HttpErrorOptions {
  /** The client-facing explanation, said in the visitor's language at the edge. */
  readonly detail?: Translatable;
  readonly fields?: Readonly<Record<string, Translatable>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A refusal that only exists at the HTTP level (a missing Content-Length, a
 * body the API cannot read, an overloaded server): plugins throw it. Services
 * throw a DomainError instead (docs/requirements.md §4 "Errors").
 */
export class HttpError extends Error {
  readonly detail: Translatable | undefined;
  readonly fields: Readonly<Record<string, Translatable>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly status: number,
    options: HttpErrorOptions = {},
  ) {
    super(options.detail?.code ?? `HTTP ${status}`);
    this.detail = options.detail;
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
  }
}
