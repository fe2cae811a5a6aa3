import { Field, FormError, Honeypot, PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';

export interface LoginFormState {
  readonly email?: string;
  readonly next?: string;
  readonly error?: string;
}

export function LoginPage({
  ctx,
  form,
}: {
  readonly ctx: ViewContext;
  readonly form: LoginFormState;
}) {
  const t = ctx.t.accounts;
  return (
    <Layout ctx={ctx} title={t.signInTitle}>
      <h1>{t.signInTitle}</h1>
      <FormError message={form.error} />
      <PostForm ctx={ctx} action="/login" class="auth-form">
        {form.next && <input type="hidden" name="next" value={form.next} />}
        <Field
          name="email"
          type="email"
          label={t.email}
          value={form.email}
          autocomplete="username"
          required
          maxLength={254}
        />
        <Field
          name="password"
          type="password"
          label={t.password}
          autocomplete="current-password"
          required
          maxLength={1024}
        />
        <Honeypot />
        <button type="submit">{t.signInButton}</button>
      </PostForm>
      <p>
        {t.noAccount}{' '}
        <a href={form.next ? `/register?next=${encodeURIComponent(form.next)}` : '/register'}>
          {t.createOne}
        </a>
      </p>
    </Layout>
  );
}

export interface RegisterFormState {
  readonly email?: string;
  readonly name?: string;
  readonly next?: string;
  readonly error?: string;
  readonly errors?: Readonly<Record<string, string>>;
}

export function RegisterPage({
  ctx,
  form,
}: {
  readonly ctx: ViewContext;
  readonly form: RegisterFormState;
}) {
  const t = ctx.t.accounts;
  const errors = form.errors ?? {};
  return (
    <Layout ctx={ctx} title={t.registerTitle}>
      <h1>{t.registerTitle}</h1>
      <FormError message={form.error} />
      <PostForm ctx={ctx} action="/register" class="auth-form">
        {form.next && <input type="hidden" name="next" value={form.next} />}
        <Field
          name="email"
          type="email"
          label={t.email}
          value={form.email}
          error={errors.email}
          autocomplete="email"
          required
          maxLength={254}
        />
        <Field
          name="name"
          label={t.name}
          value={form.name}
          error={errors.name}
          autocomplete="name"
          required
          maxLength={100}
        />
        <Field
          name="password"
          type="password"
          label={t.password}
          hint={t.passwordHint}
          error={errors.password}
          autocomplete="new-password"
          required
          minLength={8}
          maxLength={128}
        />
        <Honeypot />
        <button type="submit">{t.registerButton}</button>
      </PostForm>
      <p>
        {t.haveAccount} <a href="/login">{t.signInButton}</a>
      </p>
    </Layout>
  );
}
