import { Type } from 'typebox';
import { LANGUAGES } from '../../i18n/i18n.js';
import { NextPath } from '../../shared/schemas.js';

/** The footer's language switch (read by readForm): the page to come back to in `next`. */
export const LanguageForm = Type.Object({
  lang: Type.Enum(LANGUAGES),
  next: Type.Optional(NextPath),
});
