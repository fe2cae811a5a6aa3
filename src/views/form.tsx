import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/i18n.js';
import { type DomainError, fieldTexts } from '../shared/domain-error.js';
import type { ViewContext } from './view-context.js';

interface PostFormProps {
  readonly ctx: ViewContext;
  readonly action: string;
  readonly children: ComponentChildren;
  readonly class?: string;
  /** Names the form, e.g. for a refusal carried back to it. */
  readonly id?: string;
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

/** What a form control needs to be wired to its label, hint and error. */
export interface ControlWiring {
  readonly id: string;
  readonly name: string;
  readonly 'aria-invalid': 'true' | undefined;
  readonly 'aria-describedby': string | undefined;
}

interface FieldFrameProps {
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly children: (wiring: ControlWiring) => ComponentChildren;
}

/**
 * Label, hint and error around any control (input, textarea, file), wired
 * with aria-invalid / aria-describedby: the one place that markup is written.
 */
export function FieldFrame({ name, label, hint, error, children }: FieldFrameProps) {
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
      {children({
        id,
        name,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy,
      })}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A text-like input that re-shows the value typed. Callers never pass a password back as value. */
export function Field({ label, hint, error, type = 'text', value, ...attributes }: FieldProps) {
  return (
    <FieldFrame name={attributes.name} label={label} hint={hint} error={error}>
      {(wiring) => (
        // Preact types each input type in its own branch; all of these accept the same attributes.
        <input {...attributes} {...wiring} type={type as 'text'} value={value} />
      )}
    </FieldFrame>
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

/** Why a form was refused, in the visitor's language: one message, and one per field. */
export interface Refusal {
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

export function refusalOf(error: DomainError, lang: Lang): Refusal {
  return { message: error.text(lang), fields: fieldTexts(error.fields, lang) };
}

interface FormErrorProps {
  readonly message: string | undefined;
  /** Per-field messages, listed as links to their fields (`#field-<name>`). */
  readonly fields?: Readonly<Record<string, string>> | undefined;
}

/**
 * The error summary of a refused submission: announced to screen readers and
 * focused on load (`autofocus` on a focusable box needs no script), with a
 * link to each refused field.
 */
export function FormError({ message, fields = {} }: FormErrorProps) {
  if (!message) return null;
  const refusedFields = Object.entries(fields).filter(([, text]) => text !== message);
  return (
    <div class="form-error" role="alert" tabIndex={-1} autofocus id="error-summary">
      <p>{message}</p>
      {refusedFields.length > 0 && (
        <ul>
          {refusedFields.map(([name, text]) => (
            <li key={name}>
              <a href={`#field-${name}`}>{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
