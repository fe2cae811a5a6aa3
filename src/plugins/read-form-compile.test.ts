import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv from 'ajv';
import { Type } from 'typebox';
import { readForm } from './read-form.js';

const Quantity = Type.Object({ quantity: Type.Integer({ minimum: 1, maximum: 99 }) });
const Note = Type.Object({ note: Type.String({ maxLength: 5 }) });

/**
 * A form schema is compiled on its first submission and kept, keyed by the
 * schema object (docs/decisions/012-performance-tricks.md): compiling costs
 * about a millisecond, checking a fraction of a microsecond.
 */
test('each form schema is compiled once, then checks every submission with its own rules', (t) => {
  const compile = t.mock.method(Ajv.default.prototype, 'compile');
  const compilations = (schema: object) =>
    compile.mock.calls.filter((call) => call.arguments[0] === schema).length;

  const verdicts = [
    readForm(Quantity, { quantity: '3' }),
    readForm(Note, { note: 'hello' }),
    readForm(Quantity, { quantity: '100' }),
    readForm(Note, { note: 'too long' }),
    readForm(Quantity, { quantity: '99' }),
  ];
  assert.deepEqual(
    verdicts.map((form) => (form.ok ? form.value : Object.keys(form.error.fields))),
    [{ quantity: 3 }, { note: 'hello' }, ['quantity'], ['note'], { quantity: 99 }],
  );
  assert.equal(compilations(Quantity), 1);
  assert.equal(compilations(Note), 1);
});
