import Ajv from 'ajv';
import { type Lang, messagesFor } from '../../i18n/i18n.js';
import type { FieldErrors } from '../../shared/http-error.js';
import { MonsterFields, type MonsterForm, type MonsterInput } from './admin.schemas.js';

const validateFields = new Ajv.default({ allErrors: true, strict: false }).compile<MonsterInput>(
  MonsterFields,
);

/** `12.50`, `12,50`, `12` → cents; anything else → NaN (reported as an invalid price). */
export function eurosToCents(text: string): number {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

export function centsToEuros(cents: number): string {
  return (cents / 100).toFixed(2);
}

const integer = (text: string | undefined) =>
  text !== undefined && /^\s*\d{1,12}\s*$/.test(text) ? Number(text) : Number.NaN;

/**
 * Reads an admin form into the API's shape and validates it with the API's
 * schema, so both paths accept exactly the same monsters. Errors are per
 * field, in the admin's language.
 */
export function readMonsterForm(
  form: MonsterForm,
  lang: Lang,
): { value: MonsterInput } | { errors: FieldErrors } {
  const candidate = {
    name: (form.name ?? '').trim(),
    height: integer(form.height),
    category: (form.category ?? '').trim(),
    description: (form.description ?? '').trim(),
    price_cents: eurosToCents(form.price ?? ''),
    stock: integer(form.stock),
  };
  const errors = fieldErrorsOf(candidate, lang);
  return Object.keys(errors).length > 0 ? { errors } : { value: candidate };
}

/** Translated messages for every invalid field (NaN counts as invalid). */
export function fieldErrorsOf(candidate: Record<string, unknown>, lang: Lang): FieldErrors {
  const t = messagesFor(lang).admin.fieldErrors;
  const cleaned = Object.fromEntries(
    Object.entries(candidate).map(([key, value]) => [key, Number.isNaN(value) ? null : value]),
  );
  if (validateFields(cleaned)) return {};
  const errors: Record<string, string> = {};
  for (const issue of validateFields.errors ?? []) {
    const field =
      issue.instancePath.replace(/^\//, '') ||
      String((issue.params as { missingProperty?: string }).missingProperty ?? '');
    const formField = field === 'price_cents' ? 'price' : field;
    if (formField in t) errors[formField] ??= t[formField as keyof typeof t];
  }
  return errors;
}
