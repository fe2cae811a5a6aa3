import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fts5Query } from './search.queries.js';
import { searchTerms } from './search-terms.js';
import { pageWindow } from './views/pagination.js';

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

test('SQLite gets a quoted prefix query', () => {
  assert.equal(fts5Query(['bete', 'gev'], 'anywhere'), '"bete"* AND "gev"*');
  assert.equal(fts5Query(['bete'], 'nameExact'), 'name : "bete"');
  assert.equal(fts5Query(['bete', 'gev'], 'namePrefix'), 'name : "bete"* AND name : "gev"*');
});

test('pageWindow shows the ends and the neighbourhood, with gaps', () => {
  assert.deepEqual(pageWindow(1, 1), [1]);
  assert.deepEqual(pageWindow(1, 5), [1, 2, 3, 4, 5]);
  assert.deepEqual(pageWindow(1, 10), [1, 2, 3, null, 10]);
  assert.deepEqual(pageWindow(6, 12), [1, null, 4, 5, 6, 7, 8, null, 12]);
  assert.deepEqual(pageWindow(4, 12), [1, 2, 3, 4, 5, 6, null, 12]);
  assert.deepEqual(pageWindow(12, 12), [1, null, 10, 11, 12]);
});
