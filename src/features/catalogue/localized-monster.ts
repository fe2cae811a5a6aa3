import type { Category, CategoryNames } from '../../db/categories.queries.js';
import { nameFromSlug } from '../../db/category-names.js';
import type { Monster } from '../../db/monsters.queries.js';
import type { Lang } from '../../i18n/i18n.js';

export type { Category, CategoryNames };

/**
 * The catalogue's data in the visitor's language, chosen at the edge: the
 * services and queries return both languages, a view or an API route picks
 * one (docs/requirements.md §3).
 */

/** A text and the language it is really in (a missing translation falls back). */
export interface LocalizedText {
  readonly text: string;
  readonly lang: Lang;
}

/** A category's name in `lang`; a slug nobody named reads as words (`sea-serpents` → `Sea serpents`). */
export function categoryLabel(names: CategoryNames, slug: string, lang: Lang): string {
  const category = names.get(slug);
  const name = category && (lang === 'fr' ? category.name_fr : category.name_en);
  return name || nameFromSlug(slug);
}

/**
 * A monster's description in `lang`, else in the other language when only
 * that one is written: `lang` then says which, so a page can mark the
 * paragraph (`lang="en"` inside a French page).
 */
export function descriptionIn(
  monster: Pick<Monster, 'description' | 'description_fr'>,
  lang: Lang,
): LocalizedText {
  const texts: Record<Lang, string> = { en: monster.description, fr: monster.description_fr };
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  if (texts[lang].trim() === '' && texts[other].trim() !== '') {
    return { text: texts[other], lang: other };
  }
  return { text: texts[lang], lang };
}

/** The JSON object of a monster (docs/requirements.md §4): one `description`, in `lang` when written. */
export interface MonsterJson {
  readonly id: number;
  readonly name: string;
  readonly height: number;
  readonly category: string;
  readonly description: string;
  readonly price_cents: number;
  readonly stock: number;
  readonly image: string | null;
}

/** A monster as the JSON of `lang` shows it, and the language its description is in. */
export function monsterJsonIn(
  monster: Monster,
  lang: Lang,
): { readonly json: MonsterJson; readonly lang: Lang } {
  const description = descriptionIn(monster, lang);
  const { description_fr: _french, ...shared } = monster;
  return { json: { ...shared, description: description.text }, lang: description.lang };
}

/**
 * The `Content-Language` of a body whose descriptions are in these
 * languages: the wanted one first, then any a missing translation fell back
 * to; a body without any description is in the wanted language.
 */
export function contentLanguageOf(wanted: Lang, used: readonly Lang[]): string {
  if (used.length === 0) return wanted;
  const other: Lang = wanted === 'fr' ? 'en' : 'fr';
  return [wanted, other].filter((lang) => used.includes(lang)).join(', ');
}

const collators = new Map<Lang, Intl.Collator>();

/** Categories in the alphabetical order of their names in `lang` (for pickers and filters). */
export function inNameOrder(categories: readonly Category[], lang: Lang): Category[] {
  let collator = collators.get(lang);
  if (!collator) {
    collator = new Intl.Collator(lang, { sensitivity: 'base' });
    collators.set(lang, collator);
  }
  const nameOf = (category: Category) => (lang === 'fr' ? category.name_fr : category.name_en);
  const compare = collator.compare;
  return categories.toSorted((a, b) => compare(nameOf(a), nameOf(b)) || compare(a.slug, b.slug));
}
