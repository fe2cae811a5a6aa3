import { type Static, type TSchema, Type } from 'typebox';
import { PageNumber } from '../../shared/schemas.js';
import { CategorySlug, MAX_QUERY_LENGTH } from '../catalogue/index.js';

/**
 * The limits of a monster's fields: the API, the form and its page share
 * them (the category's are the catalogue's, `CategorySlug`).
 */
export const MAX_MONSTER_NAME_LENGTH = 100;
export const MIN_HEIGHT_CM = 0;
export const MAX_HEIGHT_CM = 10_000_000;
export const MAX_DESCRIPTION_LENGTH = 5000;
export const MAX_CATEGORY_NAME_LENGTH = 100;
export const MAX_PRICE_CENTS = 100_000_000;
export const MIN_STOCK = 0;
export const MAX_STOCK = 1_000_000;
export const CENTS_PER_EURO = 100;

/** Monsters per page of the administration's list. */
export const ADMIN_LIST_PER_PAGE = 25;

/**
 * The bounds of the monster form's multipart body, the picture aside
 * (MAX_PICTURE_BYTES): a few more fields and parts than the form has. A
 * longer text field is cut at MAX_FORM_FIELD_BYTES, still far past the
 * longest value the schema accepts: readForm refuses it with its message.
 */
export const MAX_FORM_FIELDS = 20;
export const MAX_FORM_FIELD_BYTES = 100_000;
export const MAX_FORM_PARTS = 25;

/**
 * No control characters: they are invisible, and PostgreSQL cannot store a
 * NUL at all (SQLite's `length()` stops at one). Descriptions keep tabs and line breaks.
 */
const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f]*$';
const NO_CONTROL_BUT_LINES = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';

const Name = Type.String({ minLength: 1, maxLength: MAX_MONSTER_NAME_LENGTH, pattern: NO_CONTROL });
const Height = Type.Integer({
  minimum: MIN_HEIGHT_CM,
  maximum: MAX_HEIGHT_CM,
  description: 'centimetres',
});
const Description = Type.String({
  maxLength: MAX_DESCRIPTION_LENGTH,
  pattern: NO_CONTROL_BUT_LINES,
});
const CategoryName = Type.String({
  minLength: 1,
  maxLength: MAX_CATEGORY_NAME_LENGTH,
  pattern: NO_CONTROL,
});
const PriceCents = Type.Integer({
  minimum: 0,
  maximum: MAX_PRICE_CENTS,
  description: 'euro cents',
});
const Stock = Type.Integer({ minimum: MIN_STOCK, maximum: MAX_STOCK });

/**
 * A price as an administrator types it: euros, with a dot or a comma before
 * at most two decimals (`12`, `12.5`, `12,50`). Its ceiling is MAX_PRICE_CENTS,
 * checked once the text is read (monster-form.ts).
 */
const EuroText = Type.String({ pattern: '^\\d{1,9}(?:[.,]\\d{1,2})?$' });

/** The same schema, with its OpenAPI description. */
const described = <T extends TSchema>(schema: T, description: string): T => ({
  ...schema,
  description,
});

/**
 * The editable fields of a monster: the JSON API's body. Unknown fields
 * (id, image, created_at…) are rejected.
 */
export const MonsterFields = Type.Object(
  {
    name: Name,
    height: Height,
    category: described(
      CategorySlug,
      'The slug of an existing category (one the catalogue lists). An unknown slug is refused with 422 `admin.unknown_category`, which names the known ones: the API never creates a category, so a typo cannot make one.',
    ),
    description: described(Description, 'In English.'),
    description_fr: Type.Optional(
      described(
        Description,
        'In French; empty shows the English one to French readers. Omitted: empty on POST, left as it is on PUT, so a client that does not know it erases nothing.',
      ),
    ),
    price_cents: PriceCents,
    stock: Stock,
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: 'Cthulhu',
        height: 47,
        category: 'cosmic',
        description:
          'Sleeps at the bottom of the Pacific and dreams in tentacles. This cuddly-sized edition fits on any bookshelf and only whispers on Tuesdays.',
        description_fr:
          'Il sommeille au fond du Pacifique et rêve en tentacules. Cette édition format doudou trouve sa place sur n’importe quelle étagère et ne chuchote que le mardi.',
        price_cents: 4700,
        stock: 12,
      },
    ],
  },
);
export type MonsterInput = Static<typeof MonsterFields>;

export const MonsterPatch = Type.Partial(MonsterFields, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ price_cents: 3900, stock: 20 }],
});

/** A ticked checkbox's value (an unticked one is not sent). */
export const CHECKED = '1';

/**
 * A new category's slug: the catalogue's slug, beginning and ending with a
 * letter or a digit (`-`, `-a` or `a-` read as nothing in a link).
 */
const NewCategorySlug = Type.String({
  ...CategorySlug,
  pattern: '^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$',
});

/** The picker's choice that creates the category typed in the form (not a slug: `_` is none's). */
export const NEW_CATEGORY_CHOICE = '_new';

/**
 * The admin form, read by readForm: the API's fields, the price in euros,
 * empty descriptions allowed, a category picked from the list or created
 * (NEW_CATEGORY_CHOICE and the new_category_ fields), and the edit form's
 * "remove the current picture" box. The picture is no text field: the
 * route takes it apart.
 */
export const MonsterForm = Type.Object({
  name: Name,
  height: Height,
  category: Type.Union([CategorySlug, Type.Literal(NEW_CATEGORY_CHOICE)]),
  new_category_slug: Type.Optional(NewCategorySlug),
  new_category_name_en: Type.Optional(CategoryName),
  new_category_name_fr: Type.Optional(CategoryName),
  description: Type.Optional(Description),
  description_fr: Type.Optional(Description),
  price: EuroText,
  stock: Stock,
  remove_image: Type.Optional(Type.Literal(CHECKED)),
});

export const AdminListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH })),
  page: Type.Optional(PageNumber),
});
