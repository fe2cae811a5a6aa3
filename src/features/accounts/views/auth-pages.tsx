import type { ComponentChildren } from 'preact';
import { Field, FormError, Honeypot, PostForm, type Refusal } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { accountsMessages } from '../accounts.messages.js';
import {
  MAX_EMAIL_LENGTH,
  MAX_USER_NAME_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../accounts.schemas.js';
import { LOGIN_PATH, loginPath, REGISTER_PATH, registerPath } from '../accounts-paths.js';

/** What a sign-in or registration page shows again: never the password. */
export interface AuthFormState {
  readonly email?: string | undefined;
  readonly name?: string | undefined;
  /** A same-site path to go to once signed in. */
  readonly next?: string | undefined;
  /** Why the last submission was refused. */
  readonly refusal?: Refusal | undefined;
}

interface AuthFormProps {
  readonly ctx: ViewContext;
  readonly title: string;
  readonly action: string;
  readonly submit: string;
  readonly form: AuthFormState;
  /** The form's fields in order, name → label, for the error summary's links. */
  readonly labels: Readonly<Record<string, string>>;
  /** The link under the form (to the other of the two pages). */
  readonly aside: ComponentChildren;
  readonly children: ComponentChildren;
}

/** The frame both account forms share: message, `next`, honeypot, CSRF (through PostForm). */
function AuthForm({ ctx, title, action, submit, form, labels, aside, children }: AuthFormProps) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="auth-page">
        <h1>{title}</h1>
        <FormError
          message={form.refusal?.message}
          fields={form.refusal?.fields}
          labels={labels}
          lang={ctx.lang}
        />
        <PostForm ctx={ctx} action={action} class="auth-form">
          {form.next && <input type="hidden" name="next" value={form.next} />}
          {children}
          <Honeypot />
          <button type="submit">{submit}</button>
        </PostForm>
        <p class="auth-aside">{aside}</p>
      </div>
    </Layout>
  );
}

export function LoginPage({
  ctx,
  form,
}: {
  readonly ctx: ViewContext;
  readonly form: AuthFormState;
}) {
  const t = accountsMessages[ctx.lang];
  const errors = form.refusal?.fields ?? {};
  return (
    <AuthForm
      ctx={ctx}
      title={t.signInTitle}
      action={LOGIN_PATH}
      submit={t.signInButton}
      form={form}
      labels={{ email: t.email, password: t.password }}
      aside={
        <>
          {t.noAccount} <a href={registerPath(form.next)}>{t.createOne}</a>
        </>
      }
    >
      <Field
        name="email"
        type="email"
        label={t.email}
        value={form.email}
        error={errors.email}
        autocomplete="username"
        required
        maxLength={MAX_EMAIL_LENGTH}
      />
      <Field
        name="password"
        type="password"
        label={t.password}
        error={errors.password}
        autocomplete="current-password"
        required
        maxLength={PASSWORD_MAX_LENGTH}
      />
    </AuthForm>
  );
}

export function RegisterPage({
  ctx,
  form,
}: {
  readonly ctx: ViewContext;
  readonly form: AuthFormState;
}) {
  const t = accountsMessages[ctx.lang];
  const errors = form.refusal?.fields ?? {};
  return (
    <AuthForm
      ctx={ctx}
      title={t.registerTitle}
      action={REGISTER_PATH}
      submit={t.registerButton}
      form={form}
      labels={{ email: t.email, name: t.name, password: t.password }}
      aside={
        <>
          {t.haveAccount} <a href={loginPath(form.next)}>{t.signInButton}</a>
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
        maxLength={MAX_EMAIL_LENGTH}
      />
      <Field
        name="name"
        label={t.name}
        value={form.name}
        error={errors.name}
        autocomplete="name"
        required
        maxLength={MAX_USER_NAME_LENGTH}
      />
      <Field
        name="password"
        type="password"
        label={t.password}
        hint={t.passwordHint(PASSWORD_MIN_LENGTH)}
        error={errors.password}
        autocomplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
      />
    </AuthForm>
  );
}
