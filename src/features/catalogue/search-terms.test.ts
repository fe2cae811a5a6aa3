import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchTerms } from './search-terms.js';

test('searchTerms folds case and accents and keeps only words', () => {
  assert.deepEqual(searchTerms('Chaîne pas très visible ;)'), ['chaine', 'pas', 'tres', 'visible']);
  assert.deepEqual(searchTerms('BÊTE du Gévaudan'), ['bete', 'du', 'gevaudan']);
  assert.deepEqual(searchTerms('"NEAR(a* OR b)" {name}: ^c -d'), [
    'near',
    'a',
    'or',
    'b',
    'name',
    'c',
    'd',
  ]);
  assert.deepEqual(searchTerms("Jack O'Lantern"), ['jack', 'o', 'lantern']);
  assert.deepEqual(searchTerms('bête BETE bete'), ['bete']);
  assert.deepEqual(searchTerms(' ;) '), []);
  assert.equal(searchTerms('a b c d e f g h i j k').length, 8);
  assert.equal(searchTerms('x'.repeat(100))[0]?.length, 40);
});
