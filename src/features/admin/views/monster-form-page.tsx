import type { FieldErrors } from '../../../shared/http-error.js';
import { Field, FieldFrame, FormError, PostForm } from '../../../views/form.js';
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
        <FieldFrame name="description" label={f.description} error={errors.description}>
          {(wiring) => (
            <textarea {...wiring} rows={4} maxLength={5000}>
              {values.description ?? ''}
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
          min={0}
        />
        <FieldFrame name="image" label={f.image} hint={f.imageHint} error={errors.image}>
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
              <input {...wiring} type="file" accept="image/png,image/jpeg,image/webp" />
            </>
          )}
        </FieldFrame>
        <button type="submit">{monster ? t.save : t.create}</button>
      </PostForm>
    </Layout>
  );
}
