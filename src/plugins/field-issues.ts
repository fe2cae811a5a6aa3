import type { FastifySchemaValidationError } from 'fastify';
import { defineErrors, type Translatable } from '../shared/domain-error.js';

/**
 * What a schema says of a refused field, in both languages: the same words
 * for an HTML form, a query string and a JSON body (docs/requirements.md §4).
 */
export const fieldErrors = defineErrors('field', {
  required: {
    kind: 'bad_request',
    en: () => 'This field is required.',
    fr: () => 'Ce champ est obligatoire.',
  },
  notAllowed: {
    kind: 'bad_request',
    en: () => 'This field is not allowed here.',
    fr: () => 'Ce champ n’est pas permis ici.',
  },
  notWholeNumber: {
    kind: 'bad_request',
    en: () => 'Enter a whole number.',
    fr: () => 'Saisissez un nombre entier.',
  },
  notNumber: { kind: 'bad_request', en: () => 'Enter a number.', fr: () => 'Saisissez un nombre.' },
  sentTwice: {
    kind: 'bad_request',
    en: () => 'This field was sent more than once.',
    fr: () => 'Ce champ a été envoyé plusieurs fois.',
  },
  notObject: {
    kind: 'bad_request',
    en: () => 'Send a JSON object.',
    fr: () => 'Envoyez un objet JSON.',
  },
  notText: { kind: 'bad_request', en: () => 'Enter some text.', fr: () => 'Saisissez du texte.' },
  tooSmall: {
    kind: 'bad_request',
    en: ({ limit }: { limit: number }) => `Enter ${limit} or more.`,
    fr: ({ limit }: { limit: number }) => `Saisissez ${limit} ou plus.`,
  },
  tooLarge: {
    kind: 'bad_request',
    en: ({ limit }: { limit: number }) => `Enter ${limit} or less.`,
    fr: ({ limit }: { limit: number }) => `Saisissez ${limit} ou moins.`,
  },
  tooShort: {
    kind: 'bad_request',
    en: ({ limit }: { limit: number }) =>
      limit === 1 ? 'This field is required.' : `Use at least ${limit} characters.`,
    fr: ({ limit }: { limit: number }) =>
      limit === 1 ? 'Ce champ est obligatoire.' : `Utilisez au moins ${limit} caractères.`,
  },
  tooLong: {
    kind: 'bad_request',
    en: ({ limit }: { limit: number }) => `Use at most ${limit} characters.`,
    fr: ({ limit }: { limit: number }) => `Utilisez au plus ${limit} caractères.`,
  },
  notAChoice: {
    kind: 'bad_request',
    en: ({ allowed }: { allowed: string }) => `Choose one of: ${allowed}.`,
    fr: ({ allowed }: { allowed: string }) => `Choisissez parmi : ${allowed}.`,
  },
  badEmail: {
    kind: 'bad_request',
    en: () => 'Enter an e-mail address such as name@example.com.',
    fr: () => 'Saisissez une adresse e-mail comme nom@exemple.fr.',
  },
  badFormat: {
    kind: 'bad_request',
    en: () => 'This value is not in the expected format.',
    fr: () => 'Cette valeur n’a pas le format attendu.',
  },
  holdsNul: {
    kind: 'bad_request',
    en: () => 'This value must not contain a NUL character (U+0000).',
    fr: () => 'Cette valeur ne doit pas contenir de caractère NUL (U+0000).',
  },
  invalid: {
    kind: 'bad_request',
    en: () => 'This value is invalid.',
    fr: () => 'Cette valeur n’est pas valide.',
  },
});

type Issue = Pick<FastifySchemaValidationError, 'keyword' | 'instancePath' | 'params'>;

function issueOf({ keyword, params }: Issue): Translatable {
  const limit = Number((params as { limit?: unknown }).limit);
  switch (keyword) {
    case 'required':
      return fieldErrors.required();
    case 'additionalProperties':
      return fieldErrors.notAllowed();
    case 'type': {
      const type = String((params as { type?: unknown }).type);
      if (type === 'integer') return fieldErrors.notWholeNumber();
      if (type === 'number') return fieldErrors.notNumber();
      if (type === 'object') return fieldErrors.notObject();
      return type === 'string' ? fieldErrors.notText() : fieldErrors.invalid();
    }
    case 'minimum':
      return fieldErrors.tooSmall({ limit });
    case 'maximum':
      return fieldErrors.tooLarge({ limit });
    case 'minLength':
      return fieldErrors.tooShort({ limit });
    case 'maxLength':
      return fieldErrors.tooLong({ limit });
    case 'enum': {
      const allowed = (params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return fieldErrors.notAChoice({ allowed: allowed.map(String).join(', ') });
    }
    case 'format':
      return (params as { format?: unknown }).format === 'email'
        ? fieldErrors.badEmail()
        : fieldErrors.badFormat();
    case 'pattern':
      return fieldErrors.badFormat();
    default:
      return fieldErrors.invalid();
  }
}

/** The dotted name (`items.0.name`) of the field an issue is about. */
function fieldOf({ instancePath, params }: Issue, context: string | undefined): string {
  const named = params as { missingProperty?: string; additionalProperty?: string };
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const child = named.missingProperty ?? named.additionalProperty;
  if (child !== undefined) return path === '' ? child : `${path}.${child}`;
  return path || context || 'body';
}

/** One message per refused field (the first issue of each), keyed by field name. */
export function fieldIssuesOf(
  issues: readonly Issue[],
  context?: string,
): Record<string, Translatable> {
  const fields: Record<string, Translatable> = {};
  for (const issue of issues) fields[fieldOf(issue, context)] ??= issueOf(issue);
  return fields;
}
