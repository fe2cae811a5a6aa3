/** Per-field validation messages, keyed by form or JSON field name. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface HttpErrorOptions {
  readonly errors?: FieldErrors;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one error type services throw: the error handler turns it into a
 * branded HTML page or an RFC 9457 problem (docs/requirements.md §4 "Errors").
 */
export class HttpError extends Error {
  readonly status: number;
  readonly errors: FieldErrors | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, detail?: string, options: HttpErrorOptions = {}) {
    super(detail ?? `HTTP ${status}`);
    this.status = status;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  /** The client-facing explanation, when one was given. */
  get detail(): string | undefined {
    return this.message === `HTTP ${this.status}` ? undefined : this.message;
  }
}

export const notFound = (detail?: string) => new HttpError(404, detail);
