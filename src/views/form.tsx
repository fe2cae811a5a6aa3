import type { ComponentChildren } from 'preact';
import { type Lang, messagesFor } from '../i18n/i18n.js';
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

/** How a refused form names its fields in the error summary: by label, in the page's order. */
interface SummaryFields {
  /** Per-field messages of the refusal (`Refusal.fields`). */
  readonly fields: Readonly<Record<string, string>> | undefined;
  /** The form's fields in the page's order: name → label. The summary links them in this order. */
  readonly labels: Readonly<Record<string, string>>;
  /** The id of a field's control; `field-<name>` (what `FieldFrame` gives) by default. */
  readonly fieldId?: (name: string) => string;
  readonly lang: Lang;
}

type FormErrorProps = { readonly message: string | undefined } & (
  | { readonly fields?: undefined }
  | SummaryFields
);

/** A refused field as the summary shows it: "Label: why", a link to the control. */
interface SummaryItem {
  readonly name: string;
  readonly href: string;
  readonly text: string;
}

export const fieldIdOf = (name: string): string => `field-${name}`;

/**
 * The refused fields in the page's order, each saying which field it concerns;
 * a field the labels do not name comes last, with its text alone.
 */
function summaryItems({
  fields = {},
  labels,
  fieldId = fieldIdOf,
  lang,
}: SummaryFields): SummaryItem[] {
  const t = messagesFor(lang);
  const named = Object.entries(labels).flatMap(([name, label]) => {
    const text = fields[name];
    return text === undefined ? [] : [{ name, text: t.form.fieldProblem(label, text) }];
  });
  const unnamed = Object.entries(fields)
    .filter(([name]) => !Object.hasOwn(labels, name))
    .map(([name, text]) => ({ name, text }));
  return [...named, ...unnamed].map((item) => ({ ...item, href: `#${fieldId(item.name)}` }));
}

/**
 * The error summary of a refused submission: announced to screen readers and
 * focused on load (`autofocus` on a focusable box needs no script), with a
 * link to each refused field. When the message is all the one refused field
 * has to say, the message itself is the link.
 */
export function FormError(props: FormErrorProps) {
  const { message } = props;
  if (!message) return null;
  const items = props.fields === undefined ? [] : summaryItems(props);
  const [only] = items;
  const messageIsTheField =
    items.length === 1 && only !== undefined && props.fields?.[only.name] === message;
  return (
    <div class="form-error" role="alert" tabIndex={-1} autofocus id="error-summary">
      {messageIsTheField ? (
        <p>
          <a href={only.href}>{only.text}</a>
        </p>
      ) : (
        <p>{message}</p>
      )}
      {!messageIsTheField && items.length > 0 && (
        <ul>
          {items.map(({ name, href, text }) => (
            <li key={name}>
              <a href={href}>{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
