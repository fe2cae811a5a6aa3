import type { MonsterRow } from '../../db/tables.js';
import { fieldErrors } from '../../plugins/field-issues.js';
import {
  type FormResult,
  formErrors,
  readForm,
  type TypedValues,
} from '../../plugins/read-form.js';
import type { Translatable } from '../../shared/domain-error.js';
import { monsterFieldErrors } from './admin.messages.js';
import {
  CENTS_PER_EURO,
  MAX_DESCRIPTION_LENGTH,
  MAX_HEIGHT_CM,
  MAX_MONSTER_NAME_LENGTH,
  MAX_PRICE_CENTS,
  MAX_STOCK,
  MIN_HEIGHT_CM,
  MIN_STOCK,
  MonsterForm,
  type MonsterInput,
} from './admin.schemas.js';

/** What a valid monster form asks for: the monster's fields, and what to do with its picture. */
export interface MonsterSubmission {
  readonly monster: MonsterInput;
  /** The "remove the current picture" box was ticked. */
  readonly removeImage: boolean;
}

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
  return monsterFieldErrors.priceTooHigh({ maxCents: MAX_PRICE_CENTS });
}

const is = (issue: Translatable, factory: { readonly code: string }) => issue.code === factory.code;

/**
 * Each field's plain sentence for whatever rule its value broke. A field
 * sent twice (no browser does that) keeps the generic message.
 */
const SPECIFIC_ISSUE: Readonly<Record<string, (issue: Translatable) => Translatable>> = {
  name: (issue) => {
    if (is(issue, fieldErrors.tooLong)) {
      return monsterFieldErrors.tooLong({ max: MAX_MONSTER_NAME_LENGTH });
    }
    return is(issue, fieldErrors.badFormat)
      ? monsterFieldErrors.noControl()
      : monsterFieldErrors.name();
  },
  height: () => monsterFieldErrors.height({ min: MIN_HEIGHT_CM, max: MAX_HEIGHT_CM }),
  stock: () => monsterFieldErrors.stock({ min: MIN_STOCK, max: MAX_STOCK }),
  price: () => monsterFieldErrors.price(),
  category: () => monsterFieldErrors.category(),
  description: (issue) =>
    is(issue, fieldErrors.tooLong)
      ? monsterFieldErrors.tooLong({ max: MAX_DESCRIPTION_LENGTH })
      : monsterFieldErrors.descriptionControl(),
};

function specificIssues(
  fields: Readonly<Record<string, Translatable>>,
): Record<string, Translatable> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, issue]) => {
      const specific = SPECIFIC_ISSUE[name];
      return [name, specific && !is(issue, fieldErrors.sentTwice) ? specific(issue) : issue];
    }),
  );
}

function refused(
  fields: Readonly<Record<string, Translatable>>,
  values: TypedValues,
): FormResult<MonsterSubmission> {
  return { ok: false, error: formErrors.invalid({ fields }), values };
}

/**
 * The admin form read as the API's fields (docs/architecture.md "Reading a
 * form"): the same schemas and limits, the price typed in euros, and a
 * plain message per refused field.
 */
export function readMonsterForm(body: unknown): FormResult<MonsterSubmission> {
  const form = readForm(MonsterForm, body);
  if (!form.ok) {
    if (form.error.code !== formErrors.invalid.code) return form;
    // A well-formed price over the ceiling is said along with the other fields.
    const fields = specificIssues(form.error.fields);
    const issue = 'price' in fields ? undefined : priceIssue(form.values.price?.trim() ?? '');
    return refused(issue ? { ...fields, price: issue } : fields, form.values);
  }
  const { price, description = '', remove_image, ...fields } = form.value;
  const issue = priceIssue(price);
  if (issue) return refused({ price: issue }, form.values);
  const monster = { ...fields, description, price_cents: eurosToCents(price) };
  return {
    ok: true,
    value: { monster, removeImage: remove_image !== undefined },
    values: form.values,
  };
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
