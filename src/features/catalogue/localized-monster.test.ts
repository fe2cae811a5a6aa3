import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Category } from '../../db/categories.queries.js';
import {
  categoryLabel,
  contentLanguageOf,
  descriptionIn,
  inNameOrder,
  monsterJsonIn,
} from './localized-monster.js';

const UNDEAD: Category = { slug: 'undead', name_en: 'Undead', name_fr: 'Morts-vivants' };
const SPIRITS: Category = { slug: 'spirit', name_en: 'Spirits', name_fr: 'Esprits' };
const BEASTS: Category = { slug: 'beast', name_en: 'Beasts', name_fr: 'Bestiaire' };
const SCARECROWS: Category = { slug: 'scarecrows', name_en: 'Scarecrows', name_fr: 'Épouvantails' };
const NAMES = new Map([UNDEAD, SPIRITS].map((category) => [category.slug, category]));

test('a category shows its name in the language asked, or words read from its slug', () => {
  assert.equal(categoryLabel(NAMES, 'undead', 'fr'), 'Morts-vivants');
  assert.equal(categoryLabel(NAMES, 'undead', 'en'), 'Undead');
  assert.equal(categoryLabel(NAMES, 'sea-serpents', 'fr'), 'Sea serpents');
  assert.equal(categoryLabel(NAMES, 'constructor', 'en'), 'Constructor');
});

test('a description falls back to the other language and says so', () => {
  const both = { description: 'A pumpkin.', description_fr: 'Une citrouille.' };
  assert.deepEqual(descriptionIn(both, 'fr'), { text: 'Une citrouille.', lang: 'fr' });
  assert.deepEqual(descriptionIn(both, 'en'), { text: 'A pumpkin.', lang: 'en' });
  const english = { description: 'A pumpkin.', description_fr: ' ' };
  assert.deepEqual(descriptionIn(english, 'fr'), { text: 'A pumpkin.', lang: 'en' });
  const french = { description: '', description_fr: 'Une citrouille.' };
  assert.deepEqual(descriptionIn(french, 'en'), { text: 'Une citrouille.', lang: 'fr' });
  assert.deepEqual(descriptionIn({ description: '', description_fr: '' }, 'fr'), {
    text: '',
    lang: 'fr',
  });
});

test('the JSON of a monster has one description, in the language it is really in', () => {
  const monster = {
    id: 666,
    name: "Jack O'Lantern",
    height: 30,
    category: 'curcubitaceous',
    description: 'A pumpkin.',
    price_cents: 100,
    stock: 1,
    image: null,
    description_fr: '',
  };
  const { description_fr: _french, ...json } = monster;
  assert.deepEqual(monsterJsonIn(monster, 'fr'), { json, lang: 'en' });
  assert.equal(contentLanguageOf('fr', ['en']), 'en');
  assert.equal(contentLanguageOf('fr', ['en', 'fr', 'fr']), 'fr, en');
  assert.equal(contentLanguageOf('fr', []), 'fr');
});

test('pickers sort categories by their name in the visitor language', () => {
  const slugs = (lang: 'en' | 'fr') =>
    inNameOrder([UNDEAD, SPIRITS, BEASTS, SCARECROWS], lang).map((category) => category.slug);
  assert.deepEqual(slugs('en'), ['beast', 'scarecrows', 'spirit', 'undead']);
  // Bestiaire, Épouvantails, Esprits, Morts-vivants: `É` sorts with `E`, not after `z`.
  assert.deepEqual(slugs('fr'), ['beast', 'scarecrows', 'spirit', 'undead']);
});
