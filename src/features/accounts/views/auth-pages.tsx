import type { ComponentChildren } from 'preact';
import { Field, FormError, Honeypot, PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';

interface AuthFormProps {
  readonly ctx: ViewContext;
  readonly title: string;
  readonly action: '/login' | '/register';
  readonly submit: string;
  readonly next: string | undefined;
  readonly error: string | undefined;
  /** The link under the form (to the other of the two pages). */
  readonly aside: ComponentChildren;
  readonly children: ComponentChildren;
}

/** The frame both account forms share: message, `next`, honeypot, CSRF (through PostForm). */
function AuthForm({ ctx, title, action, submit, next, error, aside, children }: AuthFormProps) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FormError message={error} />
      <PostForm ctx={ctx} action={action} class="auth-form">
        {next && <input type="hidden" name="next" value={next} />}
        {children}
        <Honeypot />
        <button type="submit">{submit}</button>
      </PostForm>
      <p>{aside}</p>
    </Layout>
  );
}

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
  const registerUrl = form.next ? `/register?next=${encodeURIComponent(form.next)}` : '/register';
  return (
    <AuthForm
      ctx={ctx}
      title={t.signInTitle}
      action="/login"
      submit={t.signInButton}
      next={form.next}
      error={form.error}
      aside={
        <>
          {t.noAccount} <a href={registerUrl}>{t.createOne}</a>
        </>
      }
    >
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
    </AuthForm>
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
    <AuthForm
      ctx={ctx}
      title={t.registerTitle}
      action="/register"
      submit={t.registerButton}
      next={form.next}
      error={form.error}
      aside={
        <>
          {t.haveAccount} <a href="/login">{t.signInButton}</a>
        </>
      }
    >
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
    </AuthForm>
  );
}
