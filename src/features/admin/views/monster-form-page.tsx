import type { Monster } from '../../../db/monsters.queries.js';
import type { TypedValues } from '../../../plugins/read-form.js';
import { Field, FieldFrame, FormError, PostForm, type Refusal } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { Category } from '../../catalogue/index.js';
import { adminMessages, monsterFieldErrors } from '../admin.messages.js';
import {
  CHECKED,
  MAX_DESCRIPTION_LENGTH,
  MAX_HEIGHT_CM,
  MAX_MONSTER_NAME_LENGTH,
  MAX_STOCK,
  MIN_HEIGHT_CM,
  MIN_STOCK,
} from '../admin.schemas.js';
import { ADMIN_MONSTERS_PATH, adminMonsterPath, deleteMonsterPath } from '../admin-paths.js';
import { MAX_PICTURE_MEGABYTES } from '../pictures.js';
import { CategoryPicker } from './category-picker.js';

const CHOOSE_AGAIN_ID = 'field-image-notice';

/** The monster an edit form is about. */
export type EditedMonster = Pick<Monster, 'id' | 'name' | 'image'>;

export interface MonsterFormPageProps {
  readonly ctx: ViewContext;
  /** Undefined for a new monster. */
  readonly monster?: EditedMonster | undefined;
  readonly values: TypedValues;
  /** The categories the picker offers. */
  readonly categories: readonly Category[];
  /** Why the last save was refused: its message, and one per field. */
  readonly refusal?: Refusal | undefined;
  /** The refused form carried a picture, not kept: it has to be chosen again (it was not wrong). */
  readonly chooseImageAgain?: boolean | undefined;
}

/** New and edit forms: the values typed are kept and every error sits next to its field. */
export function MonsterFormPage({
  ctx,
  monster,
  values,
  categories,
  refusal,
  chooseImageAgain = false,
}: MonsterFormPageProps) {
  const t = adminMessages[ctx.lang];
  const f = t.fields;
  const errors = refusal?.fields ?? {};
  const title = monster ? t.editTitle(monster.name) : t.newTitle;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a class="back-link" href={ADMIN_MONSTERS_PATH}>
          ← {t.title}
        </a>
      </p>
      <h1>{title}</h1>
      <FormError
        message={refusal?.message}
        fields={refusal?.fields}
        labels={{
          name: f.name,
          height: f.height,
          category: f.category,
          new_category_slug: f.newCategorySlug,
          new_category_name_en: f.newCategoryNameEn,
          new_category_name_fr: f.newCategoryNameFr,
          description: f.description,
          description_fr: f.descriptionFr,
          price: f.price,
          stock: f.stock,
          image: f.image,
          remove_image: f.removeImage,
        }}
        lang={ctx.lang}
      />
      <PostForm
        ctx={ctx}
        action={monster ? adminMonsterPath(monster.id) : ADMIN_MONSTERS_PATH}
        enctype="multipart/form-data"
        class="admin-form"
      >
        <Field
          name="name"
          label={f.name}
          value={values.name}
          error={errors.name}
          required
          maxLength={MAX_MONSTER_NAME_LENGTH}
        />
        <Field
          name="height"
          type="number"
          label={f.height}
          value={values.height}
          error={errors.height}
          required
          min={MIN_HEIGHT_CM}
          max={MAX_HEIGHT_CM}
        />
        <CategoryPicker ctx={ctx} categories={categories} values={values} errors={errors} />
        <FieldFrame name="description" label={f.description} error={errors.description}>
          {(wiring) => (
            <textarea {...wiring} lang="en" rows={4} maxLength={MAX_DESCRIPTION_LENGTH}>
              {values.description ?? ''}
            </textarea>
          )}
        </FieldFrame>
        <FieldFrame
          name="description_fr"
          label={f.descriptionFr}
          hint={f.descriptionFrHint}
          error={errors.description_fr}
        >
          {(wiring) => (
            <textarea {...wiring} lang="fr" rows={4} maxLength={MAX_DESCRIPTION_LENGTH}>
              {values.description_fr ?? ''}
            </textarea>
          )}
        </FieldFrame>
        <Field
          name="price"
          label={f.price}
          hint={f.priceHint}
          value={values.price}
          error={errors.price}
          required
        />
        <Field
          name="stock"
          type="number"
          label={f.stock}
          value={values.stock}
          error={errors.stock}
          required
          min={MIN_STOCK}
          max={MAX_STOCK}
        />
        <FieldFrame
          name="image"
          label={f.image}
          hint={
            monster?.image
              ? `${f.imageHint(MAX_PICTURE_MEGABYTES)} ${f.keepImageHint}`
              : f.imageHint(MAX_PICTURE_MEGABYTES)
          }
          error={errors.image}
        >
          {(wiring) => (
            <>
              {monster?.image && (
                <img
                  src={monster.image}
                  alt={f.currentImage}
                  width="96"
                  height="96"
                  class="current-picture"
                />
              )}
              <input
                {...wiring}
                type="file"
                accept="image/png,image/jpeg,image/webp"
                aria-describedby={
                  chooseImageAgain
                    ? [wiring['aria-describedby'], CHOOSE_AGAIN_ID].filter(Boolean).join(' ')
                    : wiring['aria-describedby']
                }
              />
              {chooseImageAgain && (
                <p class="field-notice" id={CHOOSE_AGAIN_ID}>
                  {monsterFieldErrors.chooseImageAgain().text(ctx.lang)}
                </p>
              )}
            </>
          )}
        </FieldFrame>
        {monster?.image && (
          <div class="checkbox-field">
            <input
              type="checkbox"
              id="field-remove_image"
              name="remove_image"
              value={CHECKED}
              checked={values.remove_image === CHECKED}
            />
            <label for="field-remove_image">{f.removeImage}</label>
          </div>
        )}
        <div class="form-actions">
          <button type="submit">{monster ? t.save : t.create}</button>
          <a class="button secondary" href={ADMIN_MONSTERS_PATH}>
            {t.cancel}
          </a>
        </div>
      </PostForm>
      {monster && (
        <p class="danger-zone">
          <a class="button danger" href={deleteMonsterPath(monster.id)}>
            {t.deleteMonster(monster.name)}
          </a>
        </p>
      )}
    </Layout>
  );
}
