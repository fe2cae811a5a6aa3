import type { FieldErrors } from '../../../shared/http-error.js';
import { Field, FormError, PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { MonsterForm } from '../admin.schemas.js';

export interface MonsterFormPageProps {
  readonly ctx: ViewContext;
  /** Undefined for a new monster. */
  readonly monster?: { readonly id: number; readonly name: string; readonly image: string | null };
  readonly values: MonsterForm;
  readonly errors?: FieldErrors;
}

/** New and edit forms: the values typed are kept and every error sits next to its field. */
export function MonsterFormPage({ ctx, monster, values, errors = {} }: MonsterFormPageProps) {
  const t = ctx.t.admin;
  const f = t.fields;
  const title = monster ? t.editTitle(monster.name) : t.newTitle;
  const described = (name: string, hint?: boolean) =>
    [hint && `field-${name}-hint`, errors[name] && `field-${name}-error`]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/admin/monsters">← {t.title}</a>
      </p>
      <h1>{title}</h1>
      <FormError message={Object.keys(errors).length > 0 ? t.fixErrors : undefined} />
      <PostForm
        ctx={ctx}
        action={monster ? `/admin/monsters/${monster.id}` : '/admin/monsters'}
        enctype="multipart/form-data"
        class="admin-form"
      >
        <Field
          name="name"
          label={f.name}
          value={values.name}
          error={errors.name}
          required
          maxLength={100}
        />
        <Field
          name="height"
          type="number"
          label={f.height}
          value={values.height}
          error={errors.height}
          required
          min={0}
        />
        <Field
          name="category"
          label={f.category}
          hint={f.categoryHint}
          value={values.category}
          error={errors.category}
          required
          maxLength={50}
        />
        <div class="field">
          <label for="field-description">{f.description}</label>
          <textarea
            id="field-description"
            name="description"
            rows={4}
            maxLength={5000}
            aria-invalid={errors.description ? 'true' : undefined}
            aria-describedby={described('description')}
          >
            {values.description ?? ''}
          </textarea>
          {errors.description && (
            <p class="field-error" id="field-description-error">
              {errors.description}
            </p>
          )}
        </div>
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
          min={0}
        />
        <div class="field">
          <label for="field-image">{f.image}</label>
          <p class="field-hint" id="field-image-hint">
            {f.imageHint}
          </p>
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
            id="field-image"
            name="image"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-invalid={errors.image ? 'true' : undefined}
            aria-describedby={described('image', true)}
          />
          {errors.image && (
            <p class="field-error" id="field-image-error">
              {errors.image}
            </p>
          )}
        </div>
        <button type="submit">{monster ? t.save : t.create}</button>
      </PostForm>
    </Layout>
  );
}
