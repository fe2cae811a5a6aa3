/**
 * The names of the demo catalogue's categories, in both languages: the seed
 * loads them into a new database, migration 0008 into an existing one. The
 * slugs are the course's own (including its "curcubitaceous").
 */
import type { Category } from '../categories.queries.js';

export const DEMO_CATEGORY_NAMES: Readonly<Record<string, Omit<Category, 'slug'>>> = {
  beast: { name_en: 'Beasts', name_fr: 'Bestiaire' },
  cosmic: { name_en: 'Cosmic horrors', name_fr: 'Horreurs cosmiques' },
  cryptid: { name_en: 'Cryptids', name_fr: 'Cryptides' },
  curcubitaceous: { name_en: 'Cucurbits', name_fr: 'Cucurbitacées' },
  folklore: { name_en: 'Folklore', name_fr: 'Folklore' },
  spirit: { name_en: 'Spirits', name_fr: 'Esprits' },
  undead: { name_en: 'Undead', name_fr: 'Morts-vivants' },
};
