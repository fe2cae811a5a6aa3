import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRONG_PASSWORD } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { DomainError } from '../../shared/domain-error.js';
import { accountsErrors } from './accounts.messages.js';
import { PASSWORD_MAX_LENGTH } from './accounts.schemas.js';
import { createUser } from './accounts.service.js';
import { passwordWeakness } from './passwords.js';

const CONTEXT = { email: 'mina@harker.uk', name: 'Mina' };
/** The verdict as a visitor reads it: undefined for a strong password, else the reason. */
const weaknessOf = async (password: string) => {
  const weakness = await passwordWeakness(password, CONTEXT);
  return weakness && accountsErrors.tooGuessable(weakness).text('en');
};

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

test("the worker answers with codes: the reason is worded in the visitor's language", async () => {
  const weakness = await passwordWeakness('mina1234', CONTEXT);
  assert.deepEqual(weakness, { warning: 'userInputs', suggestion: 'anotherWord' });
  const reason = accountsErrors.tooGuessable({ warning: 'userInputs', suggestion: 'anotherWord' });
  assert.equal(reason.code, 'accounts.too_guessable');
  assert.equal(
    reason.text('en'),
    'This password is too easy to guess. Your name or e-mail address should not be part of it. Add more words that are less common.',
  );
  assert.equal(
    reason.text('fr'),
    'Ce mot de passe est trop facile à deviner. Votre nom ou votre adresse e-mail ne doivent pas en faire partie. Ajoutez des mots moins courants.',
  );
});

test('a taken e-mail is answered without judging the password', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const db = app.database.db;
  await createUser(
    db,
    { email: 'mina@harker.uk', name: 'Mina', password: STRONG_PASSWORD },
    'customer',
  );
  // A guessable password would be refused if it were judged: the address decides first.
  await assert.rejects(
    createUser(db, { email: 'Mina@Harker.uk', name: 'Mina', password: 'password' }, 'customer'),
    (error) =>
      error instanceof DomainError &&
      error.code === 'accounts.email_taken' &&
      Object.keys(error.fields).join() === 'email',
  );
  await assert.rejects(
    createUser(db, { email: 'Mina@Harker.uk', name: '', password: 'password' }, 'customer'),
    (error) =>
      error instanceof DomainError &&
      error.code === 'form.invalid' &&
      Object.keys(error.fields).join() === 'name',
    'other field errors are still reported first',
  );
});
