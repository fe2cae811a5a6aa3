import type { MonsterRow } from '../../db/tables.js';
import { fieldErrors } from '../../plugins/field-issues.js';
import {
  type FormResult,
  formErrors,
  readForm,
  type TypedValues,
} from '../../plugins/read-form.js';
import type { Translatable } from '../../shared/domain-error.js';
import {
  CENTS_PER_EURO,
  MAX_PRICE_CENTS,
  MonsterForm,
  type MonsterInput,
} from './admin.schemas.js';

/** `12.50`, `12,50`, `12` (text the form's pattern admitted) → cents. */
function eurosToCents(text: string): number {
  const [euros = '', cents = ''] = text.split(/[.,]/);
  return Number(euros) * CENTS_PER_EURO + Number(cents.padEnd(2, '0'));
}

function centsToEuros(cents: number): string {
  return (cents / CENTS_PER_EURO).toFixed(2);
}

/** The price's ceiling, known only once its euro text is read. */
function priceIssue(euros: string): Translatable | undefined {
  if (eurosToCents(euros) <= MAX_PRICE_CENTS) return undefined;
  return fieldErrors.tooLarge({ limit: MAX_PRICE_CENTS / CENTS_PER_EURO });
}

function refused(
  fields: Readonly<Record<string, Translatable>>,
  values: TypedValues,
): FormResult<MonsterInput> {
  return { ok: false, error: formErrors.invalid({ fields }), values };
}

/**
 * The admin form read as the API's fields (docs/architecture.md "Reading a
 * form"): the same schemas and limits, the price typed in euros.
 */
export function readMonsterForm(body: unknown): FormResult<MonsterInput> {
  const form = readForm(MonsterForm, body);
  if (!form.ok) {
    // A well-formed price over the ceiling is said along with the other fields.
    const { fields } = form.error;
    const issue = 'price' in fields ? undefined : priceIssue(form.values.price?.trim() ?? '');
    return issue ? refused({ ...fields, price: issue }, form.values) : form;
  }
  const { price, description = '', ...fields } = form.value;
  const issue = priceIssue(price);
  if (issue) return refused({ price: issue }, form.values);
  const value = { ...fields, description, price_cents: eurosToCents(price) };
  return { ok: true, value, values: form.values };
}

/** A stored monster as its edit form shows it. */
export function formValuesOf(
  monster: Pick<
    MonsterRow,
    'name' | 'height' | 'category' | 'description' | 'price_cents' | 'stock'
  >,
): TypedValues {
  return {
    name: monster.name,
    height: String(monster.height),
    category: monster.category,
    description: monster.description,
    price: centsToEuros(monster.price_cents),
    stock: String(monster.stock),
  };
}
