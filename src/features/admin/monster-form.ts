import type { Category } from '../../db/categories.queries.js';
import type { MonsterRow } from '../../db/tables.js';
import type { Lang } from '../../i18n/i18n.js';
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
  CHECKED,
  MAX_CATEGORY_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_HEIGHT_CM,
  MAX_MONSTER_NAME_LENGTH,
  MAX_PRICE_CENTS,
  MAX_STOCK,
  MIN_HEIGHT_CM,
  MIN_STOCK,
  MonsterForm,
  type MonsterInput,
  NEW_CATEGORY_CHOICE,
} from './admin.schemas.js';

/** What a valid monster form asks for: the monster's fields, its new category, its picture. */
export interface MonsterSubmission {
  readonly monster: MonsterInput;
  /** The category to create with the monster ("New category…" chosen). */
  readonly newCategory: Category | undefined;
  /** The "remove the current picture" box was ticked. */
  readonly removeImage: boolean;
}

/** The new category's fields, and what each says when left empty. */
const NEW_CATEGORY_FIELDS = {
  new_category_slug: () => monsterFieldErrors.newCategorySlug(),
  new_category_name_en: () => monsterFieldErrors.newCategoryNameEn(),
  new_category_name_fr: () => monsterFieldErrors.newCategoryNameFr(),
} as const;

/**
 * What the category's fields say together: "New category…" needs its three
 * fields; a new category typed without choosing it is said, never dropped
 * nor created (a typo must not make a category).
 */
function categoryIssues(values: TypedValues): Record<string, Translatable> {
  const typed = (name: string) => (values[name] ?? '').trim() !== '';
  const fields = Object.entries(NEW_CATEGORY_FIELDS);
  if (values.category?.trim() !== NEW_CATEGORY_CHOICE) {
    const typedNew = fields.some(([name]) => typed(name));
    return typedNew ? { category: monsterFieldErrors.newCategoryNotChosen() } : {};
  }
  return Object.fromEntries(
    fields.filter(([name]) => !typed(name)).map(([name, missing]) => [name, missing()]),
  );
}

/** `12.50`, `12,50`, `12` (text the form's pattern admitted) → cents. */
function eurosToCents(text: string): number {
  const [euros = '', cents = ''] = text.split(/[.,]/);
  return Number(euros) * CENTS_PER_EURO + Number(cents.padEnd(2, '0'));
}

/** Cents → `12.50`, or `12,50` in French: the form reads both, and shows the page's own. */
function centsToEuros(cents: number, lang: Lang): string {
  const euros = (cents / CENTS_PER_EURO).toFixed(2);
  return lang === 'fr' ? euros.replace('.', ',') : euros;
}

/** The price's ceiling, known only once its euro text is read. */
function priceIssue(euros: string): Translatable | undefined {
  if (eurosToCents(euros) <= MAX_PRICE_CENTS) return undefined;
  return monsterFieldErrors.priceTooHigh({ maxCents: MAX_PRICE_CENTS });
}

const is = (issue: Translatable, factory: { readonly code: string }) => issue.code === factory.code;

/** A category name's plain sentence: what to type, too long, or control characters. */
function categoryNameIssue(missing: () => Translatable) {
  return (issue: Translatable): Translatable => {
    if (is(issue, fieldErrors.tooLong)) {
      return monsterFieldErrors.tooLong({ max: MAX_CATEGORY_NAME_LENGTH });
    }
    return is(issue, fieldErrors.badFormat) ? monsterFieldErrors.noControl() : missing();
  };
}

function descriptionIssue(issue: Translatable): Translatable {
  return is(issue, fieldErrors.tooLong)
    ? monsterFieldErrors.tooLong({ max: MAX_DESCRIPTION_LENGTH })
    : monsterFieldErrors.descriptionControl();
}

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
  new_category_slug: NEW_CATEGORY_FIELDS.new_category_slug,
  new_category_name_en: categoryNameIssue(NEW_CATEGORY_FIELDS.new_category_name_en),
  new_category_name_fr: categoryNameIssue(NEW_CATEGORY_FIELDS.new_category_name_fr),
  description: descriptionIssue,
  description_fr: descriptionIssue,
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
  if (!form.ok && form.error.code !== formErrors.invalid.code) return form;
  const { values } = form;
  // The schema's issues first; then what only the fields together, or the read price, say.
  const fields = {
    ...categoryIssues(values),
    ...(form.ok ? {} : specificIssues(form.error.fields)),
  };
  const price = priceIssue(values.price?.trim() ?? '');
  if (price && !('price' in fields)) fields.price = price;
  if (!form.ok || Object.keys(fields).length > 0) return refused(fields, values);

  const {
    category,
    price: euros,
    description = '',
    description_fr = '',
    remove_image,
  } = form.value;
  const { new_category_slug: slug, new_category_name_en, new_category_name_fr } = form.value;
  const newCategory =
    category === NEW_CATEGORY_CHOICE && slug && new_category_name_en && new_category_name_fr
      ? { slug, name_en: new_category_name_en, name_fr: new_category_name_fr }
      : undefined;
  const monster: MonsterInput = {
    name: form.value.name,
    height: form.value.height,
    category: newCategory?.slug ?? category,
    description,
    description_fr,
    price_cents: eurosToCents(euros),
    stock: form.value.stock,
  };
  return {
    ok: true,
    value: { monster, newCategory, removeImage: remove_image === CHECKED },
    values,
  };
}

/** A stored monster as its edit form shows it, in the page's language. */
export function formValuesOf(
  monster: Pick<
    MonsterRow,
    'name' | 'height' | 'category' | 'description' | 'description_fr' | 'price_cents' | 'stock'
  >,
  lang: Lang,
): TypedValues {
  return {
    name: monster.name,
    height: String(monster.height),
    category: monster.category,
    description: monster.description,
    description_fr: monster.description_fr,
    price: centsToEuros(monster.price_cents, lang),
    stock: String(monster.stock),
  };
}
