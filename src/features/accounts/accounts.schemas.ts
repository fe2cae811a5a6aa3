import { Type } from 'typebox';
import { NextPath, PageNumber } from '../../shared/schemas.js';

/** The longest address SMTP carries (RFC 5321). */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_USER_NAME_LENGTH = 100;
export const PASSWORD_MIN_LENGTH = 8;
/** No account has a longer password: nothing longer can sign in either. */
export const PASSWORD_MAX_LENGTH = 128;
/** Far above a session handle of either store (a hex digest, or `current`). */
const MAX_SESSION_HANDLE_LENGTH = 64;

/**
 * An address as typed at sign-in: any address an account may hold, whatever
 * rule it was registered under, so it is not held to today's format.
 */
const Email = Type.String({ minLength: 1, maxLength: MAX_EMAIL_LENGTH });
/** A new account's address: what a browser's e-mail field accepts, with a dot in the domain. */
const NewEmail = Type.String({ format: 'email', maxLength: MAX_EMAIL_LENGTH });
const Name = Type.String({ minLength: 1, maxLength: MAX_USER_NAME_LENGTH });
/** A password is read as typed (`verbatim`): its spaces are part of it. */
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH, verbatim: true });
const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  verbatim: true,
});
/** The honeypot (see `Honeypot` in views/form.tsx): any character in it, even a space, is a bot's. */
const Website = Type.Optional(Type.String({ verbatim: true }));

/** What an account is made of, wherever it comes from (the form, the CLI). */
export const Registration = Type.Object({ email: NewEmail, name: Name, password: NewPassword });

/** The forms (read by readForm): the API's fields, plus where to go next and the honeypot. */
export const LoginForm = Type.Object({
  email: Email,
  password: Password,
  next: Type.Optional(NextPath),
  website: Website,
});

export const RegisterForm = Type.Object({
  ...Registration.properties,
  next: Type.Optional(NextPath),
  website: Website,
});

export const EndSessionForm = Type.Object({
  session: Type.String({ maxLength: MAX_SESSION_HANDLE_LENGTH }),
});

export const NextQuery = Type.Object({ next: Type.Optional(NextPath) });

/** `GET /account`: the page of the order history. */
export const AccountQuery = Type.Object({ page: Type.Optional(PageNumber) });

/** The JSON API is strict: exact types, no unknown field. */
export const Credentials = Type.Object(
  { email: Email, password: Password },
  {
    additionalProperties: false,
    examples: [{ email: 'ada@example.com', password: 'correct horse battery staple' }],
  },
);

const USER_EXAMPLE = { id: 7, email: 'ada@example.com', name: 'Ada Lovelace', role: 'admin' };

export const UserJson = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: Type.Union([Type.Literal('customer'), Type.Literal('admin')]),
  },
  { additionalProperties: false, examples: [USER_EXAMPLE] },
);

/** The answer to a sign-in. */
export const SignedInJson = Type.Object({ user: UserJson }, { examples: [{ user: USER_EXAMPLE }] });

export const SessionJson = Type.Object(
  {
    user: Type.Union([UserJson, Type.Null()]),
    csrf_token: Type.String({
      description:
        'Send as X-CSRF-Token on cookie-authenticated writes from another origin. Bound to the session: read it again after signing in or out.',
    }),
  },
  {
    examples: [
      {
        user: USER_EXAMPLE,
        csrf_token:
          'Qx7vN2cLpA9eR4tY8uW1zK3mH6sD0fG5-jB2nV8cX4zL7qP1wE9rT6yU3iO0aS5dF2gH8jK4lZ7xC1vB6nM9',
      },
    ],
  },
);
