import { Type } from 'typebox';
import { NextPath } from '../../shared/schemas.js';

/** The consent form's buttons: every optional category, none, or the boxes ticked. */
const CONSENT_CHOICES = ['accept', 'reject', 'custom'] as const;

/** A ticked box sends `on`; any other short value is a box left unticked. */
const MAX_CHECKBOX_VALUE_LENGTH = 10;
const Checkbox = Type.Optional(Type.String({ maxLength: MAX_CHECKBOX_VALUE_LENGTH }));

/** The banner's and the policy page's form (read by readForm). */
export const ConsentForm = Type.Object({
  choice: Type.Enum(CONSENT_CHOICES),
  preferences: Checkbox,
  statistics: Checkbox,
  next: Type.Optional(NextPath),
});

/** The policy page's `?saved=1` once a choice is saved: any other short value shows no notice. */
const MAX_SAVED_FLAG_LENGTH = 5;

export const PrivacyQuery = Type.Object({
  saved: Type.Optional(Type.String({ maxLength: MAX_SAVED_FLAG_LENGTH })),
});
