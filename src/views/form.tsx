import type { ComponentChildren } from 'preact';
import type { ViewContext } from './view-context.js';

interface PostFormProps {
  readonly ctx: ViewContext;
  readonly action: string;
  readonly children: ComponentChildren;
  readonly class?: string;
  readonly enctype?: string;
  /** Hook for the progressive-enhancement script of the consent banner. */
  readonly 'data-consent-form'?: boolean;
}

/** The one way to write a state-changing form: it always carries the CSRF token. */
export function PostForm({
  ctx,
  action,
  children,
  class: className,
  enctype,
  ...data
}: PostFormProps) {
  return (
    <form method="post" action={action} class={className} enctype={enctype} {...data}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      {children}
    </form>
  );
}

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'url';
  readonly value?: string | number | undefined;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly required?: boolean;
  readonly autocomplete?: string;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly minLength?: number;
}

/**
 * A labelled input that re-shows the value typed and its error, wired with
 * aria-invalid / aria-describedby. Callers never pass a password back as value.
 */
export function Field({
  name,
  label,
  type = 'text',
  value,
  error,
  hint,
  required,
  autocomplete,
  min,
  max,
  maxLength,
  minLength,
}: FieldProps) {
  const id = `field-${name}`;
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        // Preact types each input type in its own branch; all of these accept the same attributes.
        type={type as 'text'}
        value={value}
        required={required}
        autocomplete={autocomplete}
        min={min}
        max={max}
        maxLength={maxLength}
        minLength={minLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A field people never see: bots that fill every input give themselves away. */
export function Honeypot() {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for="field-website">Website</label>
      <input id="field-website" name="website" type="text" tabIndex={-1} autocomplete="off" />
    </div>
  );
}

/** The form-level message of a refused submission, announced to screen readers. */
export function FormError({ message }: { readonly message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  );
}
