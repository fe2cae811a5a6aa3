import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { fieldTexts } from '../shared/domain-error.js';
import { readForm } from './read-form.js';

const Order = Type.Object({
  monster_id: Type.Integer({ minimum: 1 }),
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 99, default: 1 })),
  note: Type.Optional(Type.String({ maxLength: 5 })),
  password: Type.Optional(Type.String({ verbatim: true })),
});

test('a form reads as the schema types it: numbers coerced, text trimmed, empty or unknown fields absent', () => {
  const body = {
    monster_id: ' 12 ',
    quantity: '',
    note: '  hi  ',
    password: '  spaced  ',
    _csrf: 'token',
  };
  assert.deepEqual(readForm(Order, body), {
    ok: true,
    value: { monster_id: 12, quantity: 1, note: 'hi', password: '  spaced  ' },
    values: body,
  });
});

test('numbers are decimal only: hex, exponents and infinities are refused like words', () => {
  for (const text of ['0x10', '1e3', 'Infinity', 'many', '1.5']) {
    const form = readForm(Order, { monster_id: text });
    assert.equal(form.ok, false, text);
    if (form.ok) continue;
    assert.deepEqual(fieldTexts(form.error.fields, 'en'), { monster_id: 'Enter a whole number.' });
  }
});

test('a refused form names each field in both languages and gives back the values typed', () => {
  const body = { monster_id: '0', quantity: '100', note: 'too long' };
  const form = readForm(Order, body);
  assert.equal(form.ok, false);
  if (form.ok) return;
  assert.equal(form.error.code, 'form.invalid');
  assert.equal(form.error.kind, 'bad_request');
  assert.deepEqual(form.values, body);
  assert.deepEqual(fieldTexts(form.error.fields, 'en'), {
    monster_id: 'Enter 1 or more.',
    quantity: 'Enter 99 or less.',
    note: 'Use at most 5 characters.',
  });
  assert.deepEqual(fieldTexts(form.error.fields, 'fr'), {
    monster_id: 'Saisissez 1 ou plus.',
    quantity: 'Saisissez 99 ou moins.',
    note: 'Utilisez au plus 5 caractères.',
  });
  assert.equal(form.error.text('fr'), 'Veuillez corriger les champs signalés.');
});

test('a missing required field is named', () => {
  const form = readForm(Order, {});
  assert.equal(form.ok, false);
  if (!form.ok) {
    assert.deepEqual(fieldTexts(form.error.fields, 'en'), {
      monster_id: 'This field is required.',
    });
  }
});

test('a field sent twice is refused; a JSON body reads like the form it stands for', () => {
  const twice = readForm(Order, { monster_id: ['7', '8'] });
  assert.equal(twice.ok, false);
  if (!twice.ok) {
    assert.deepEqual(twice.values, { monster_id: '7' });
    assert.deepEqual(fieldTexts(twice.error.fields, 'fr'), {
      monster_id: 'Ce champ a été envoyé plusieurs fois.',
    });
  }
  assert.deepEqual(readForm(Order, { monster_id: 7, quantity: 2 }), {
    ok: true,
    value: { monster_id: 7, quantity: 2 },
    values: { monster_id: '7', quantity: '2' },
  });
  assert.equal(readForm(Order, { monster_id: Number.POSITIVE_INFINITY }).ok, false);
});

test('a body that holds no named fields is no form, even when every field is optional', () => {
  const Search = Type.Object({ q: Type.Optional(Type.String()) });
  for (const body of [[1, 2, 3], null, 42, 'q=a']) {
    const form = readForm(Search, body);
    assert.equal(form.ok, false, JSON.stringify(body));
    if (form.ok) continue;
    assert.equal(form.error.code, 'form.not_a_form');
    assert.equal(form.error.kind, 'bad_request');
    assert.deepEqual(form.values, {});
  }
  const empty = { ok: true, value: {}, values: {} };
  assert.deepEqual(readForm(Search, undefined), empty, 'no body: an empty form');
  assert.deepEqual(readForm(Search, {}), empty);
});

test('field names that are object internals are unknown fields, not schema lookups', () => {
  const body = JSON.parse('{"monster_id":"3","__proto__":"x","constructor":"y","toString":"z"}');
  const form = readForm(Order, body);
  assert.equal(form.ok, true);
  if (form.ok) assert.deepEqual(form.value, { monster_id: 3, quantity: 1 });
  if (form.ok) assert.equal(Object.getPrototypeOf(form.value), Object.prototype);
});
