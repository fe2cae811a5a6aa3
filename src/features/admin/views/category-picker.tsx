import type { TypedValues } from '../../../plugins/read-form.js';
import { Field, FieldFrame } from '../../../views/form.js';
import type { ViewContext } from '../../../views/view-context.js';
import { type Category, inNameOrder, MAX_CATEGORY_LENGTH } from '../../catalogue/index.js';
import { adminMessages } from '../admin.messages.js';
import { MAX_CATEGORY_NAME_LENGTH, NEW_CATEGORY_CHOICE } from '../admin.schemas.js';

interface CategoryPickerProps {
  readonly ctx: ViewContext;
  /** Every category a monster may name. */
  readonly categories: readonly Category[];
  readonly values: TypedValues;
  readonly errors: Readonly<Record<string, string>>;
}

/**
 * The category: one of the list, named in the administrator's language, or
 * "New category…" with its slug and both names typed in the fieldset below.
 * Without JavaScript the fieldset is always shown; admin-category.js hides
 * it until "New category…" is chosen.
 */
export function CategoryPicker({ ctx, categories, values, errors }: CategoryPickerProps) {
  const f = adminMessages[ctx.lang].fields;
  const typed = values.category?.trim() ?? '';
  // A slug the list does not hold (a forged form) chooses nothing: the placeholder shows.
  const listed = typed === NEW_CATEGORY_CHOICE || categories.some(({ slug }) => slug === typed);
  const chosen = listed ? typed : '';
  const nameOf = (category: Category) => (ctx.lang === 'fr' ? category.name_fr : category.name_en);
  return (
    <>
      <FieldFrame name="category" label={f.category} error={errors.category}>
        {(wiring) => (
          <select {...wiring} required data-new-category-choice={NEW_CATEGORY_CHOICE}>
            <option value="" selected={chosen === ''}>
              {f.chooseCategory}
            </option>
            {inNameOrder(categories, ctx.lang).map((category) => (
              <option key={category.slug} value={category.slug} selected={chosen === category.slug}>
                {nameOf(category)}
              </option>
            ))}
            <option value={NEW_CATEGORY_CHOICE} selected={chosen === NEW_CATEGORY_CHOICE}>
              {f.newCategoryChoice}
            </option>
          </select>
        )}
      </FieldFrame>
      <fieldset class="new-category" id="new-category" aria-describedby="new-category-hint">
        <legend>{f.newCategory}</legend>
        <p class="field-hint" id="new-category-hint">
          {f.newCategoryHint}
        </p>
        <Field
          name="new_category_slug"
          label={f.newCategorySlug}
          hint={f.newCategorySlugHint}
          value={values.new_category_slug}
          error={errors.new_category_slug}
          maxLength={MAX_CATEGORY_LENGTH}
        />
        <Field
          name="new_category_name_en"
          label={f.newCategoryNameEn}
          value={values.new_category_name_en}
          error={errors.new_category_name_en}
          maxLength={MAX_CATEGORY_NAME_LENGTH}
        />
        <Field
          name="new_category_name_fr"
          label={f.newCategoryNameFr}
          value={values.new_category_name_fr}
          error={errors.new_category_name_fr}
          maxLength={MAX_CATEGORY_NAME_LENGTH}
        />
      </fieldset>
      <script src={ctx.staticUrl('js/admin-category.js')} defer />
    </>
  );
}
