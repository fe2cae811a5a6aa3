import { Type } from 'typebox';

/** Longer than any name anyone has; keeps the echoed answer small. */
const MAX_WHOIS_NAME_LENGTH = 1000;

/** `/whois?name=` and the `POST /whois` form (read by readForm) take the same field. */
export const WhoisFields = Type.Object({
  name: Type.Optional(Type.String({ maxLength: MAX_WHOIS_NAME_LENGTH })),
});

export const HelloParams = Type.Object({ login: Type.String() });
