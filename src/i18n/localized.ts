import type { Lang } from './i18n.js';
import { typesetFrench } from './typography.js';

/**
 * The same texts in every language of the interface. The English value sets
 * the shape; the French one must have the same keys and the same parameters
 * (the type checker enforces it).
 */
export type Localized<T> = Readonly<Record<Lang, T>>;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

/**
 * A feature's interface texts, kept in the feature's folder
 * (`cart.messages.ts`): changing a feature never touches another's texts.
 * The French ones get French typography here, once (`typesetFrench`).
 */
export function defineMessages<const T>(messages: {
  readonly en: T;
  readonly fr: Widen<T>;
}): Localized<Widen<T>> {
  return { en: messages.en as Widen<T>, fr: typesetFrench(messages.fr) };
}

export type { Widen };
