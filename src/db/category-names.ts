import type { Category } from './categories.queries.js';
import { DEMO_CATEGORY_NAMES } from './seed/demo-categories.js';

/**
 * A readable name for a category nobody named yet, the same in both
 * languages: `sea-serpents` → `Sea serpents`.
 */
export function nameFromSlug(slug: string): string {
  const words = slug
    .split('-')
    .filter((word) => word.length > 0)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The names a category gets by default: the demo catalogue's own, else read from its slug. */
export function defaultCategoryNames(slug: string): Omit<Category, 'slug'> {
  const demo = Object.hasOwn(DEMO_CATEGORY_NAMES, slug) ? DEMO_CATEGORY_NAMES[slug] : undefined;
  const name = nameFromSlug(slug);
  return demo ?? { name_en: name, name_fr: name };
}
