import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRONG_PASSWORD } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { messagesFor } from '../../i18n/i18n.js';
import { createUser } from './accounts.service.js';
import { PASSWORD_MAX_LENGTH, passwordWeakness } from './passwords.js';

const t = messagesFor('en').accounts;
const MESSAGES = {
  tooShort: t.passwordTooShort,
  tooLong: t.passwordTooLong,
  tooGuessable: t.passwordTooGuessable,
};
const CONTEXT = { email: 'mina@harker.uk', name: 'Mina' };
const weaknessOf = (password: string) => passwordWeakness(password, CONTEXT, 'en', MESSAGES);

/** The penetration test's input: a digit sequence of the longest length allowed. */
const DIGIT_SEQUENCE = '0123456789'.repeat(13).slice(0, PASSWORD_MAX_LENGTH);
/** Random-looking, no words, no l33t: strong on its own. */
const RANDOM_TAIL = 'Kq7vWzR2mXbN8pLdTg4HcYfJ6sQeVu3A'.repeat(2);

test('the costliest inputs of the longest length get a verdict, the same every time', async () => {
  assert.equal(DIGIT_SEQUENCE.length, 128);
  const verdicts = [await weaknessOf(DIGIT_SEQUENCE), await weaknessOf(DIGIT_SEQUENCE)];
  assert.match(verdicts[0] ?? '', /too easy to guess/);
  assert.equal(verdicts[1], verdicts[0]);
  assert.equal(await weaknessOf(`${RANDOM_TAIL}${DIGIT_SEQUENCE}`.slice(0, 128)), undefined);
});

test('strength is judged on the first 64 characters: what follows them costs nothing and counts for nothing', async () => {
  const weakStart = DIGIT_SEQUENCE.slice(0, 64);
  assert.match((await weaknessOf(weakStart)) ?? '', /too easy to guess/);
  assert.match(
    (await weaknessOf(`${weakStart}${RANDOM_TAIL}`)) ?? '',
    /too easy to guess/,
    'a strong tail after 64 guessable characters is not scored',
  );
  assert.equal(await weaknessOf(`${RANDOM_TAIL}${weakStart}`), undefined);
});

test('a taken e-mail is answered without judging the password', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const db = app.database.db;
  await createUser(
    db,
    { email: 'mina@harker.uk', name: 'Mina', password: STRONG_PASSWORD },
    'customer',
    'en',
  );
  // A guessable password would be refused (422) if it were judged: the address decides first.
  await assert.rejects(
    createUser(
      db,
      { email: 'Mina@Harker.uk', name: 'Mina', password: 'password' },
      'customer',
      'en',
    ),
    (error: { status?: number; message?: string }) =>
      error.status === 409 && /already exists/.test(error.message ?? ''),
  );
  await assert.rejects(
    createUser(db, { email: 'Mina@Harker.uk', name: '', password: 'password' }, 'customer', 'en'),
    (error: { status?: number; errors?: Record<string, string> }) =>
      error.status === 422 && error.errors?.name !== undefined,
    'other field errors are still reported first',
  );
});
