import { Type } from 'typebox';
import { MAX_PAGE } from '../catalogue/catalogue.schemas.js';

const optionalText = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/**
 * HTML forms are read leniently (every field optional) so a bad submission
 * re-shows the form with per-field messages instead of a bare 400.
 */
export const LoginForm = Type.Object({
  email: optionalText(1024),
  password: optionalText(1024),
  next: optionalText(2048),
  website: optionalText(1024),
});

export const RegisterForm = Type.Object({
  email: optionalText(1024),
  name: optionalText(1024),
  password: optionalText(1024),
  next: optionalText(2048),
  website: optionalText(1024),
});

export const NextQuery = Type.Object({ next: optionalText(2048) });

export const EndSessionForm = Type.Object({ session: Type.String({ maxLength: 64 }) });

/** The JSON API is strict: exact types, no unknown field. */
export const Credentials = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const UserJson = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: Type.Union([Type.Literal('customer'), Type.Literal('admin')]),
  },
  { additionalProperties: false },
);

export const SessionJson = Type.Object({
  user: Type.Union([UserJson, Type.Null()]),
  csrf_token: Type.String({
    description:
      'Send as X-CSRF-Token on cookie-authenticated writes from another origin. Bound to the session: read it again after signing in or out.',
  }),
});

/** `GET /account`: the page of the order history. */
export const AccountQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
});
